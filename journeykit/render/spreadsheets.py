"""Tables (``render.tables``) as spreadsheets: CSV that Dutch Excel opens as it is, and XLSX.

CSV: UTF-8 with a byte order mark, ``;`` between cells, CRLF at the end of each row. Excel opens a CSV file
in the encoding of the system (Windows-1252) unless it starts with a byte order mark, and then é, → and €
come out garbled; in a Dutch locale it separates cells by ``;``, because the comma is the decimal sign.
Numbers follow the same convention: a decimal comma, and a percentage as ``12,5%``.

XLSX (openpyxl): numbers stay numbers, a likelihood is a fraction shown as a percentage, costs have a euro
format. The workbook's creation and change dates and the time stamp of every part of the zip file are one
fixed date (1 January 1980), so the same table always gives the same bytes.

Text from data stays text in both. A cell that starts with = + - or @ is read as a formula by a spreadsheet
(and could, say, fetch a web address); in CSV such a cell gets a leading apostrophe, as spreadsheets do
themselves for text that looks like a formula; in XLSX it is stored as a string, marked as quoted text. Control
characters and direction overrides are shown as escapes, as on a terminal.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

from journeykit.render.tables import Cel, Kolom, Tabel
from journeykit.render.text import terminal

# How a text cell may start that a spreadsheet would take for a formula (also in their full-width forms).
FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
BOM = "\ufeff"
DELIMITER = ";"
# Excel's number formats per kind of column (it shows them with the separators of the reader's locale).
NUMBER_FORMAT = {"getal": "General", "procent": "0%", "euro": '"€" #,##0.00'}
# Every part of the zip file gets this time stamp (the earliest a zip file can hold), and the workbook this date.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _text(value: str) -> str:
    """Text from data as a cell shows it: every control character visible as an escape, line breaks kept."""
    return terminal(value)


def _decimal(x: float, places: int | None = None) -> str:
    """A number with a decimal comma: '12,5'; whole numbers without decimals unless ``places`` says."""
    text = f"{x:.{places}f}" if places is not None else f"{x:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _csv_cell(value: Cel, kolom: Kolom) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = _text(value)
        return "'" + text if text.startswith(FORMULA_START) else text
    if kolom.soort == "procent":
        return _decimal(round(100 * value, 1)) + "%"
    if kolom.soort == "euro":
        return _decimal(value, 2)
    return _decimal(value)


def csv_text(t: Tabel) -> str:
    """The table as CSV for a spreadsheet in a Dutch locale (see the module's docstring)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([k.kop for k in t.kolommen])
    for row in t.rijen:
        writer.writerow([_csv_cell(v, k) for v, k in zip(row, t.kolommen)])
    return BOM + out.getvalue()


def xlsx_bytes(t: Tabel) -> bytes:
    """The table as an Excel workbook of one sheet: headers in bold, frozen and with a filter."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t.blad
    widths = [len(k.kop) for k in t.kolommen]
    for n, kolom in enumerate(t.kolommen, start=1):
        ws.cell(row=1, column=n, value=kolom.kop).font = Font(bold=True)
    for r, row in enumerate(t.rijen, start=2):
        for n, (value, kolom) in enumerate(zip(row, t.kolommen), start=1):
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=n)
            if isinstance(value, str):
                text = _text(value)
                cell.value = text
                cell.data_type = "s"  # text, whatever it looks like: never a formula, an error code or a date
                if text.startswith(FORMULA_START):
                    cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell
                shown = max((len(line) for line in text.split("\n")), default=0)
            else:
                cell.value = value
                cell.number_format = NUMBER_FORMAT.get(kolom.soort, "General")
                shown = len(_csv_cell(value, kolom)) + 2
            widths[n - 1] = max(widths[n - 1], shown)
    for n, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = min(max(width, 6), 60) + 2
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(t.kolommen))}{len(t.rijen) + 1}"
    wb.properties.title = _text(t.titel)
    wb.properties.creator = "journeykit"
    # one fixed date, not the time of writing: the same table, the same bytes
    wb.properties.created = wb.properties.modified = datetime.datetime(*ZIP_TIME)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip file with one time stamp and the same attributes for every part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            info = zipfile.ZipInfo(part.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(part.filename))
    return out.getvalue()

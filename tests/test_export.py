"""`--pdf` and `--png`: every HTML page also as a PDF on A3 landscape and as a PNG of the whole page, by headless
Chromium, offline, written whole or not at all; without Chromium a clear message and exit code 1."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import click
import pytest

from journeykit.cli import render as render_cli
from journeykit.render import export

from browser_harness import serve
from conftest import TESTSTAD_ARGS

# A3 landscape in PostScript points: 420 x 297 mm.
A3_LANDSCAPE = (420 / 25.4 * 72, 297 / 25.4 * 72)  # 1190.55 x 841.89
MAP = ["render", "map", "--gemeente", "teststad", "--persona", "piet", "--sleutelmoment", "vervoer"]
HTML_COMMANDS = ("map", "canvas", "matrix", "network", "compare", "loops", "reizen", "diffmap")


def _boxes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of every /MediaBox in a PDF."""
    number = rb"\s*(-?[\d.]+)"
    found = re.findall(rb"/MediaBox\s*\[" + number * 4 + rb"\s*\]", pdf)
    return [(float(x2) - float(x1), float(y2) - float(y1)) for x1, y1, x2, y2 in found]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk, which follows the 8-byte signature."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.startswith(".tmp-") or p.suffix == ".part"]


def test_render_map_pdf_has_only_a3_landscape_pages_and_the_same_bytes_each_time(cli, tmp_path):
    runs = []
    for n in (1, 2):
        out = tmp_path / f"run{n}"
        result = cli(*MAP, "--out", str(out), "--pdf", *TESTSTAD_ARGS)
        assert result.exit_code == 0, result.output
        html = next(out.glob("kaart-*.html"))
        pdf = html.with_suffix(".pdf")
        assert f"geschreven: {pdf}" in result.output
        assert html.with_suffix(".md").is_file() and not html.with_suffix(".png").exists()
        assert not _leftovers(out)
        runs.append(pdf.read_bytes())
    data = runs[0]
    assert data.startswith(b"%PDF-")
    boxes, pages = _boxes(data), _pages(data)
    assert pages >= 1 and len(boxes) >= pages, (pages, boxes)
    for width, height in boxes:
        assert abs(width - A3_LANDSCAPE[0]) <= 1 and abs(height - A3_LANDSCAPE[1]) <= 1, (width, height)
    # Chromium stamps the time of printing into a PDF; journeykit blanks it, so nothing else differs
    assert b"/CreationDate" not in data and b"/ModDate" not in data
    assert runs[0] == runs[1]


def test_render_png_shows_the_whole_page_also_where_a_table_is_wider_than_the_window(cli, tmp_path):
    result = cli("render", "matrix", "--gemeente", "teststad", "--out", str(tmp_path), "--png", *TESTSTAD_ARGS)
    assert result.exit_code == 0, result.output
    html = next(tmp_path.glob("matrix-*.html"))
    width, height = _png_size(html.with_suffix(".png").read_bytes())
    # the matrix scrolls sideways inside the page: the picture is as wide as the table, wider than the window
    assert export.PNG_WIDTH < width <= export.MAX_PNG_SIDE
    assert 300 < height <= export.MAX_PNG_SIDE
    assert not html.with_suffix(".pdf").exists() and not _leftovers(tmp_path)


def test_pdf_and_png_together_for_every_page_a_command_writes(cli, tmp_path):
    args = ["render", "compare", "--persona", "piet", "--sleutelmoment", "vervoer", "--out", str(tmp_path)]
    result = cli(*args, "--png", "--pdf", *TESTSTAD_ARGS)
    assert result.exit_code == 0, result.output
    pages = sorted(tmp_path.glob("*.html"))
    assert pages
    for page in pages:
        assert page.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")
        width, height = _png_size(page.with_suffix(".png").read_bytes())
        assert width >= export.PNG_WIDTH and height > 100
    # the spreadsheets and Markdown are not pages: no picture of them
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".png") and not p.with_suffix(".html").exists()]


def test_without_chromium_a_dutch_message_exit_1_and_the_html_stays(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYKIT_CHROMIUM", str(tmp_path / "geen-chromium"))
    out = tmp_path / "uit"
    result = cli(*MAP, "--out", str(out), "--pdf", "--png", *TESTSTAD_ARGS)
    assert result.exit_code == 1
    assert "fout: geen Chromium voor PDF of PNG" in result.stderr
    assert "apt-get install chromium" in result.stderr and "JOURNEYKIT_CHROMIUM" in result.stderr
    assert "Traceback" not in result.output
    html = next(out.glob("kaart-*.html"))
    assert html.with_suffix(".md").is_file()
    assert not list(out.glob("*.pdf")) and not list(out.glob("*.png")) and not _leftovers(out)


def test_a_chromium_that_fails_is_exit_1_and_leaves_no_half_file(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYKIT_CHROMIUM", "/bin/false")  # starts, and stops at once
    result = cli(*MAP, "--out", str(tmp_path), "--pdf", *TESTSTAD_ARGS)
    assert result.exit_code == 1
    assert "fout: Chromium stopte onverwacht" in result.stderr and "Traceback" not in result.output
    assert not list(tmp_path.glob("*.pdf")) and not _leftovers(tmp_path)
    assert list(tmp_path.glob("kaart-*.html"))


def test_chromium_is_found_by_the_environment_then_the_usual_places(monkeypatch, tmp_path):
    fake = tmp_path / "mijn-chromium"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("JOURNEYKIT_CHROMIUM", str(fake))
    assert export.find_chromium() == fake
    fake.chmod(0o644)  # not a program: an error, not a search elsewhere
    with pytest.raises(export.ChromiumNotFound, match="JOURNEYKIT_CHROMIUM wijst naar"):
        export.find_chromium()
    monkeypatch.delenv("JOURNEYKIT_CHROMIUM")
    monkeypatch.setattr(export, "DEFAULT_CHROMIUM", tmp_path / "nergens")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(export.ChromiumNotFound, match="geen Chromium gevonden"):
        export.find_chromium()
    (tmp_path / "chromium-browser").symlink_to(tmp_path / "mijn-chromium")
    fake.chmod(0o755)
    assert export.find_chromium() == tmp_path / "chromium-browser"


def test_a_page_that_asks_the_network_for_something_gets_nothing_and_is_exported_all_the_same(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "plaatje.png").write_bytes(b"")
    with serve(site) as base:
        page = tmp_path / "pagina.html"
        page.write_text(
            "<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<link rel='stylesheet' href='{base}/stijl.css'></head><body><h1>Hallo</h1>"
            f"<img src='{base}/plaatje.png'><iframe src='{base}/kader.html'></iframe>"
            f"<script src='{base}/script.js'></script>"
            f"<script>fetch('{base}/fetch'); new Image().src = '{base}/beeld';</script>"
            "</body></html>",
            encoding="utf-8",
        )
        pdf = export.pdf(page, tmp_path / "uit" / "pagina.pdf")
        png = export.png(page, tmp_path / "uit" / "pagina.png", width=800)
        assert base.paths == [] and base.connections == 0
    assert pdf.read_bytes().startswith(b"%PDF-") and _png_size(png.read_bytes())[0] == 800
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["pagina.pdf", "pagina.png"]


def test_each_page_request_is_refused_even_without_the_host_name_rule(tmp_path, monkeypatch):
    """Two locks: no host name resolves, and every request to the network is refused. Here the second alone."""
    monkeypatch.setattr(export, "FLAGS", tuple(f for f in export.FLAGS if not f.startswith("--host-resolver-rules")))
    with serve(tmp_path) as base:
        page = tmp_path / "pagina.html"
        page.write_text(f"<img src='{base}/plaatje.png'><script>fetch('{base}/fetch')</script>", encoding="utf-8")
        export.pdf(page, tmp_path / "pagina.pdf")
        assert base.paths == []  # (a preconnect may open a connection, but no request is made)


def test_every_render_command_that_writes_html_has_pdf_and_png():
    for name in HTML_COMMANDS:
        options = {o for p in render_cli.render.commands[name].params if isinstance(p, click.Option) for o in p.opts}
        assert {"--pdf", "--png"} <= options, name
    mermaid = render_cli.render.commands["mermaid"]
    assert not {"--pdf", "--png"} & {o for p in mermaid.params for o in p.opts}

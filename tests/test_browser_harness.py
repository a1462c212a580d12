"""The browser-test harness itself: it must see what a browser sees, and be able to say no.

These tests never skip: when chromium, graphviz or the npm packages are missing they FAIL and
say to run scripts/setup-browser-tests.sh (which `make test` runs first).
Most checks share one browser job (one chromium launch) to keep the file fast.
"""

from __future__ import annotations

import re
import socket
import time
from pathlib import Path

import pytest

import browser_harness as bh

CLEAN_HTML = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Schone pagina</title>
<link rel="stylesheet" href="clean.css"></head>
<body><h1>Klantreis Teststad</h1><p>Stap 1: aanvraag indienen</p>
<div hidden>geheime tekst</div>
<svg width="40" height="20"><rect width="40" height="20" fill="teal"/></svg>
</body></html>
"""

CONSOLE_ERROR_HTML = """<!doctype html><html><head><title>console</title></head><body>
<p>met fout</p>
<script>console.error("jk-console-fout", 42); console.warn("jk-waarschuwing");</script>
</body></html>
"""

UNCAUGHT_HTML = """<!doctype html><html><head><title>uncaught</title></head><body>
<p>voor de fout</p>
<script>function stuk() { throw new Error("jk-onverwacht"); } stuk();</script>
<script>Promise.reject(new Error("jk-belofte"));</script>
</body></html>
"""

EXTERNAL_HTML = """<!doctype html><html><head><title>extern</title>
<link rel="preconnect" href="https://fonts.googleapis.com">
<style>
  @font-face { font-family: "Remote"; src: url("https://fonts.gstatic.com/s/remote/v1/remote.woff2") format("woff2"); }
  p { font-family: "Remote", sans-serif; }
</style>
<script src="https://example.org/x.js"></script>
</head><body><p>lettertype van buiten</p></body></html>
"""

SERVED_HTML = """<!doctype html><html><head><title>geserveerd</title>
<link rel="preconnect" href="{canary}"><link rel="dns-prefetch" href="{canary}">
<script src="app.js"></script></head>
<body><p id="out">wacht</p>
<img src="{canary}/canary.png" alt="">
<script src="{canary}/canary.js"></script>
<script>fetch("{canary}/canary.json").catch(() => {{}});</script>
</body></html>
"""

APP_JS = (
    'addEventListener("DOMContentLoaded", () => { document.getElementById("out").textContent = "app geladen"; });\n'
)

JOURNEY = """journey
    title Aanvraag bijstand
    section Oriënteren
      Website lezen: 3: Inwoner
      Bellen met gemeente: 2: Inwoner, Klantcontact
    section Aanvragen
      Formulier invullen: 1: Inwoner
"""

FLOWCHART = """flowchart LR
    A[Inwoner] -->|belt| B(Klantcontactcentrum)
    B --> C{Vraag over}
    C -->|inkomen| D[Werk en inkomen]
    C -->|zorg| E[Wmo-loket]
"""

BROKEN_MERMAID = """flowchart LR
    A[Inwoner] -->
"""


class _ToolsMissing:
    """Stands in for the shared job when tools are missing, so each test that reads it FAILS
    (with the pointer to scripts/setup-browser-tests.sh) rather than erroring in setup."""

    def __getitem__(self, key):
        bh.require()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    d = tmp_path_factory.mktemp("site")
    (d / "clean.html").write_text(CLEAN_HTML, encoding="utf-8")
    (d / "clean.css").write_text("h1 { color: #004b87; }\n", encoding="utf-8")
    (d / "console_error.html").write_text(CONSOLE_ERROR_HTML, encoding="utf-8")
    (d / "uncaught.html").write_text(UNCAUGHT_HTML, encoding="utf-8")
    (d / "external.html").write_text(EXTERNAL_HTML, encoding="utf-8")
    (d / "app.js").write_text(APP_JS, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def run(site):
    """One browser job covering most checks: file pages, a served page, Mermaid."""
    if not bh.available():
        return _ToolsMissing()
    canary_dir = site / "canary"
    canary_dir.mkdir()
    (canary_dir / "canary.js").write_text("window.canary = 1;\n", encoding="utf-8")
    # 127.0.0.2 is loopback, but the harness counts only 127.0.0.1/localhost/[::1] as local: a
    # real server there proves that a request classed as leaving the machine is never sent.
    with bh.serve(canary_dir, host="127.0.0.2") as canary, bh.serve(site) as base:
        (site / "served.html").write_text(SERVED_HTML.format(canary=canary), encoding="utf-8")
        screenshot = site / "shots" / "clean.png"
        started = time.monotonic()
        result = bh.inspect(
            [
                {"url": (site / "console_error.html").as_uri(), "screenshot": None},
                {"url": (site / "uncaught.html").as_uri(), "screenshot": None},
                {"url": (site / "does-not-exist.html").as_uri(), "screenshot": None},
                {"url": (site / "external.html").as_uri(), "screenshot": None},
                {"url": (site / "clean.html").as_uri(), "screenshot": str(screenshot), "full_page": True},
                {"url": f"{base}/served.html", "screenshot": None},
            ],
            mermaid=[
                {"id": "journey", "source": JOURNEY},
                {"id": "flowchart", "source": FLOWCHART},
                {"id": "broken", "source": BROKEN_MERMAID},
            ],
        )
        elapsed = time.monotonic() - started
        served_paths = list(base.paths)
        canary_paths = list(canary.paths)
        canary_connections = canary.connections
    pages = {Path(p["url"]).name: p for p in result["pages"]}
    return {
        "result": result,
        "pages": pages,
        "screenshot": screenshot,
        "elapsed": elapsed,
        "served_paths": served_paths,
        "canary_paths": canary_paths,
        "canary_connections": canary_connections,
        "mermaid": {m["id"]: m for m in result["mermaid"]},
    }


def test_tools_are_installed():
    assert bh.available(), (
        f"browser-test tools missing: {'; '.join(bh.missing())} -- run `bash scripts/setup-browser-tests.sh`"
    )


def test_artifacts_dir_is_relative_to_the_repo():
    assert bh.ARTIFACTS == Path(__file__).resolve().parents[1] / "test-artifacts"


def test_one_job_is_quick_and_keeps_page_order(run):
    assert [p["url"].rsplit("/", 1)[-1] for p in run["result"]["pages"]] == [
        "console_error.html",
        "uncaught.html",
        "does-not-exist.html",
        "external.html",
        "clean.html",
        "served.html",
    ]
    assert run["result"]["browser"]
    assert run["elapsed"] < 25, run["elapsed"]


def test_console_error_is_reported(run):
    page = run["pages"]["console_error.html"]
    assert page["ok"], page["error"]
    errors = [m for m in page["console"] if m["type"] == "error"]
    assert [m["text"] for m in errors] == ["jk-console-fout 42"]
    assert errors[0]["location"]["url"].endswith("console_error.html")
    assert errors[0]["location"]["line"] == 2
    assert [m["text"] for m in page["console"] if m["type"] == "warning"] == ["jk-waarschuwing"]
    assert page["page_errors"] == []


def test_uncaught_exception_is_reported(run):
    page = run["pages"]["uncaught.html"]
    assert page["ok"], page["error"]
    messages = [e["message"] for e in page["page_errors"]]
    assert len(messages) == 2, messages
    assert "jk-onverwacht" in messages[0] and "stuk" in page["page_errors"][0]["stack"]
    assert "jk-belofte" in messages[1]  # unhandled promise rejections count too
    assert page["text"] == "voor de fout"


def test_page_that_fails_to_load_is_an_error_entry_not_a_crash(run):
    page = run["pages"]["does-not-exist.html"]
    assert page["ok"] is False
    assert "ERR_FILE_NOT_FOUND" in page["error"]
    assert page["text"] is None
    # ...and the pages after it were still inspected
    assert run["pages"]["clean.html"]["ok"]


def test_external_script_and_font_are_reported_and_blocked(run):
    page = run["pages"]["external.html"]
    assert page["ok"], page["error"]
    external = {r["url"]: r for r in page["external_requests"]}
    assert set(external) == {"https://example.org/x.js", "https://fonts.gstatic.com/s/remote/v1/remote.woff2"}
    assert external["https://example.org/x.js"]["resource_type"] == "script"
    assert external["https://fonts.gstatic.com/s/remote/v1/remote.woff2"]["resource_type"] == "font"
    for r in external.values():
        assert r["blocked"] is True, r
        assert "ERR_BLOCKED_BY_CLIENT" in (r["failure"] or ""), r
    assert page["external_blocked"] is True
    assert set(external) <= set(page["requests"])


def test_blocked_requests_never_reach_their_server(run):
    page = run["pages"]["served.html"]
    assert page["ok"], page["error"]
    canary = [r for r in page["external_requests"] if "127.0.0.2" in r["url"]]
    assert {r["url"].rsplit("/", 1)[-1] for r in canary} == {"canary.png", "canary.js", "canary.json"}
    assert all(r["blocked"] for r in canary)
    assert run["canary_paths"] == [], "a request classed as external reached its server"
    assert run["canary_connections"] == 0, "something (a preconnect?) opened a connection to it"


def test_clean_page_has_no_errors_and_its_visible_text(run):
    page = run["pages"]["clean.html"]
    assert page["ok"], page["error"]
    assert page["title"] == "Schone pagina"
    assert page["console"] == [] and page["page_errors"] == []
    assert page["external_requests"] == [] and page["external_blocked"] is True
    assert page["text"].split("\n") == ["Klantreis Teststad", "", "Stap 1: aanvraag indienen"]
    assert "geheime tekst" not in page["text"]
    assert any(u.endswith("/clean.css") for u in page["requests"])


def test_screenshot_is_written(run):
    shot = run["screenshot"]
    assert run["pages"]["clean.html"]["screenshot"] == str(shot)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 1000


def test_served_page_works_and_server_records_paths(run):
    page = run["pages"]["served.html"]
    assert page["ok"], page["error"]
    assert page["status"] == 200
    assert page["title"] == "geserveerd"
    assert page["text"] == "app geladen"
    assert page["page_errors"] == []
    assert "/served.html" in run["served_paths"] and "/app.js" in run["served_paths"]
    local = [u for u in page["requests"] if u.startswith("http://127.0.0.1:")]
    assert len(local) >= 2


def test_mermaid_journey_and_flowchart_render(run):
    for name, label in [("journey", "Formulier invullen"), ("flowchart", "Klantcontactcentrum")]:
        m = run["mermaid"][name]
        assert m["ok"], m["error"]
        assert m["error"] is None
        assert m["svg"].lstrip().startswith("<svg")
        assert label in m["svg"]
    info = run["result"]["mermaid_page"]
    assert info["ok"] and info["version"]
    assert info["external_requests"] == [], "mermaid tried to load something from outside"
    assert info["page_errors"] == []


def test_invalid_mermaid_is_reported(run):
    m = run["mermaid"]["broken"]
    assert m["ok"] is False
    assert m["svg"] is None
    assert "parse" in m["error"].lower()


def test_dot_layout():
    bh.require()
    svg = bh.dot_layout('digraph G { "Inwoner" -> "Wmo-loket" [label="meldt zich"]; }')
    assert "<svg" in svg and "Inwoner" in svg and "loket" in svg and "meldt zich" in svg
    with pytest.raises(AssertionError, match="syntax error"):
        bh.dot_layout("digraph G { a -> ; }")


def test_serve_records_every_path_including_misses(tmp_path):
    (tmp_path / "a.txt").write_text("hallo", encoding="utf-8")
    from urllib.error import HTTPError
    from urllib.request import urlopen

    with bh.serve(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:") and not base.endswith("/")
        assert urlopen(f"{base}/a.txt", timeout=5).read() == b"hallo"
        with pytest.raises(HTTPError):
            urlopen(f"{base}/nope?x=1", timeout=5)
        assert base.paths == ["/a.txt", "/nope?x=1"]


def test_hanging_pages_time_out_instead_of_hanging(site):
    """A server that never answers and a script that never ends cost their timeout, no more."""
    bh.require()
    (site / "busy.html").write_text("<!doctype html><title>bezig</title><script>for(;;){}</script>", encoding="utf-8")
    with socket.socket() as silent:  # accepts connections (backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        started = time.monotonic()
        result = bh.inspect(
            [
                {"url": f"http://127.0.0.1:{port}/never.html", "screenshot": None},
                {"url": (site / "busy.html").as_uri(), "screenshot": None},
                {"url": (site / "clean.html").as_uri(), "screenshot": None},
            ],
            timeout_ms=1500,
        )
        elapsed = time.monotonic() - started
    never, busy, clean = result["pages"]
    assert never["ok"] is False and "timeout" in never["error"].lower(), never["error"]
    assert busy["ok"] is False and busy["error"], busy
    assert clean["ok"] and clean["title"] == "Schone pagina"
    assert elapsed < 20, elapsed


def test_a_bad_job_raises_with_stderr():
    bh.require()
    with pytest.raises(AssertionError, match='every page needs a "url"'):
        bh.inspect([{"screenshot": None}])


def test_assert_clean_passes_only_clean_pages(run):
    bh.assert_clean(run["pages"]["clean.html"])
    for name, needle in [
        ("console_error.html", "console error: jk-console-fout"),
        ("uncaught.html", "uncaught: "),
        ("does-not-exist.html", "did not load"),
        ("external.html", "external request: https://example.org/x.js"),
    ]:
        with pytest.raises(AssertionError, match=re.escape(needle)):
            bh.assert_clean(run["pages"][name])


def test_the_layout_check_can_look_only_inside_one_element(tmp_path):
    """``"layout": selector``: the text around that element (a theme's navigation) is left out, the text inside it
    is checked as ever, and the width is still the whole page's; a selector that matches nothing is an error."""
    bh.require()
    page = tmp_path / "omlijst.html"
    page.write_text(
        """<!DOCTYPE html><html lang="nl"><body style="margin:0">
        <nav style="position:relative;height:40px"><span style="position:absolute;left:0">Menu een</span>
        <span style="position:absolute;left:10px">Menu twee</span></nav>
        <main><div style="position:relative;height:40px"><span style="position:absolute;left:0">Inhoud een</span>
        <span style="position:absolute;left:10px">Inhoud twee</span></div></main>
        <div style="width:1800px">breed</div></body></html>""",
        encoding="utf-8",
    )
    window = {"width": 1500, "height": 1000}
    specs = [{"url": page.as_uri(), "layout": x, "viewport": window} for x in (True, "main", "#bestaat-niet")]
    everything, inside, missing = bh.inspect(specs)["pages"]

    def pairs(lay: dict) -> set:
        return {frozenset((o["a"], o["b"])) for o in lay["overlaps"]}

    assert pairs(everything["layout"]) == {
        frozenset(("Menu een", "Menu twee")),
        frozenset(("Inhoud een", "Inhoud twee")),
    }
    assert pairs(inside["layout"]) == {frozenset(("Inhoud een", "Inhoud twee"))}
    assert inside["layout"]["width"] > window["width"]
    assert not missing["ok"] and "#bestaat-niet" in missing["error"]

"""The documentation site: a strict build from the data, offline, and checked in Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import browser_harness as bh

ROOT = bh.ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert not warnings, warnings
    return out


def test_the_atlas_is_generated_from_the_data(site):
    from journeykit.api import open_catalog

    cat = open_catalog(ROOT)
    for g in cat.gemeenten:
        assert (site / "atlas" / "gemeenten" / f"{g}.html").is_file()
    for p in cat.personas:
        assert (site / "atlas" / "personas" / f"{p}.html").is_file()
    for r in cat.reizen:
        assert (site / "atlas" / "reizen" / f"{r}.html").is_file()
        assert (site / "atlas" / "kaarten" / f"kaart-{r}.html").is_file()
        assert (site / "atlas" / "werkbladen" / f"werkblad-{r}.html").is_file()
    for page in ("lussen", "verschillen"):
        assert (site / "atlas" / "rapporten" / f"{page}.html").is_file()
    # the loop report is swept in the background and filled in last: its stand-in must be gone
    assert "reizen gelopen in" in (site / "atlas" / "rapporten" / "lussen.html").read_text(encoding="utf-8")
    assert (site / "referentie" / "yaml.html").is_file() and (site / "referentie" / "cli.html").is_file()


def test_the_site_loads_nothing_from_elsewhere(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for bad in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "<link rel=\"preconnect\""):
            assert bad not in text, (page, bad)


def test_pages_render_in_chromium_from_a_local_server(site):
    from journeykit.api import open_catalog

    bh.require()
    cat = open_catalog(ROOT)
    persona = cat.persona("weduwe-hbh")
    reis = sorted(cat.reizen)[0]
    with bh.serve(site) as base:
        pages = [
            {"url": f"{base}/index.html", "screenshot": str(bh.ARTIFACTS / "site" / "home.png")},
            {"url": f"{base}/atlas/gemeenten/nijmegen.html", "screenshot": str(bh.ARTIFACTS / "site" / "gemeente.png")},
            {"url": f"{base}/atlas/personas/{persona.id}.html", "screenshot": str(bh.ARTIFACTS / "site" / "persona.png")},
            {"url": f"{base}/atlas/reizen/{reis}.html", "steps": [{"wait_for": ".jk-mermaid svg"}],
             "screenshot": str(bh.ARTIFACTS / "site" / "reis.png")},
            {"url": f"{base}/index.html", "steps": [
                {"click": "input.md-search__input"}, {"fill": "input.md-search__input", "text": persona.naam},
                {"press": "input.md-search__input", "key": "End"},  # the theme searches on key events
                {"wait_for": ".md-search-result__item"}],
             "screenshot": str(bh.ARTIFACTS / "site" / "zoeken.png")},
        ]
        result = bh.inspect(pages)
        for page in result["pages"]:
            bh.assert_clean(page)
            assert not page["external_requests"]
        home, gemeente, persona_page, reis_page, search = result["pages"]
        assert "Nijmegen" in gemeente["text"]
        assert persona.naam in persona_page["text"]
        assert cat.reizen[reis].naam in reis_page["text"]
        assert persona.naam in search["text"].split("Zoeken", 1)[-1]
        assert all(not p.startswith("http") for p in base.paths)


def test_the_site_works_from_file_urls(site):
    bh.require()
    result = bh.inspect([{"url": (site / "index.html").as_uri()},
                         {"url": (site / "atlas" / "gemeenten" / "breda.html").as_uri()}])
    for page in result["pages"]:
        bh.assert_clean(page)
    assert "Breda" in result["pages"][1]["text"]


def test_every_yaml_key_the_loader_accepts_is_in_the_reference_and_no_other(site):
    from journeykit import schema

    text = (site / "referentie" / "yaml.html").read_text(encoding="utf-8")
    import re

    # the first column of each reference table names a key
    documented = set(re.findall(r"<tr>\s*<td><code>([a-z_.]+)</code></td>", text))
    accepted = {v.naam for rec in schema.RECORDS for v in rec.alle_velden}
    accepted |= set(schema.OPERATOREN) | set(schema.COMBINATOREN) | {"veld"}
    fields = {f for f in schema.CONDITIE_VELDEN}
    assert accepted <= documented | fields, accepted - documented
    # and nothing documented that the loader would reject
    assert documented <= accepted | fields | set(schema.ACTIE_VELDEN), documented - accepted


def test_every_environment_variable_journeykit_reads_is_in_the_cli_reference(site):
    import re

    read = set()
    for path in (ROOT / "journeykit").rglob("*.py"):
        read |= set(re.findall(r"environ\.get\(\s*\"(JOURNEYKIT_[A-Z_]+)\"", path.read_text(encoding="utf-8")))
    assert {"JOURNEYKIT_CACHE", "JOURNEYKIT_PLUGINS"} <= read  # the search itself works
    text = (site / "referentie" / "cli.html").read_text(encoding="utf-8")
    documented = set(re.findall(r"<td><code>(JOURNEYKIT_[A-Z_]+)</code></td>", text))
    assert read == documented


def test_the_cli_reference_shows_no_stray_markdown_escapes(site):
    text = (site / "referentie" / "cli.html").read_text(encoding="utf-8")
    assert "\\~" not in text and "thuismap" in text

"""The documentation site: a strict build from the data, offline, and checked in Chromium."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import browser_harness as bh
from conftest import SHIPPED_ENV, open_shipped

ROOT = bh.ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", **SHIPPED_ENV},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert not warnings, warnings
    return out


def test_the_atlas_is_generated_from_the_data(site):
    cat = open_shipped()
    for g in cat.gemeenten:
        assert (site / "atlas" / "gemeenten" / f"{g}.html").is_file()
    for p in cat.personas:
        assert (site / "atlas" / "personas" / f"{p}.html").is_file()
    for r, reis in cat.reizen.items():
        assert (site / "atlas" / "reizen" / f"{r}.html").is_file()
        # a household case has a map and a worksheet per question
        for name in [f"{r}-{v}" for v in reis.vragen] or [r]:
            assert (site / "atlas" / "kaarten" / f"kaart-{name}.html").is_file()
            assert (site / "atlas" / "werkbladen" / f"werkblad-{name}.html").is_file()
    for page in ("lussen", "verschillen"):
        assert (site / "atlas" / "rapporten" / f"{page}.html").is_file()
    # the loop report is swept in the background and filled in last: its stand-in must be gone
    assert "reizen gelopen in" in (site / "atlas" / "rapporten" / "lussen.html").read_text(encoding="utf-8")
    assert (site / "referentie" / "yaml.html").is_file() and (site / "referentie" / "cli.html").is_file()


def test_the_site_loads_nothing_from_elsewhere(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for bad in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", '<link rel="preconnect"'):
            assert bad not in text, (page, bad)


def test_pages_render_in_chromium_from_a_local_server(site):
    bh.require()
    cat = open_shipped()
    persona = cat.persona("weduwe-hbh")
    reis = sorted(cat.reizen)[0]
    with bh.serve(site) as base:
        pages = [
            {"url": f"{base}/index.html", "screenshot": str(bh.ARTIFACTS / "site" / "home.png")},
            {"url": f"{base}/atlas/gemeenten/nijmegen.html", "screenshot": str(bh.ARTIFACTS / "site" / "gemeente.png")},
            {
                "url": f"{base}/atlas/personas/{persona.id}.html",
                "screenshot": str(bh.ARTIFACTS / "site" / "persona.png"),
            },
            {
                "url": f"{base}/atlas/reizen/{reis}.html",
                "steps": [{"wait_for": ".jk-mermaid svg"}],
                "screenshot": str(bh.ARTIFACTS / "site" / "reis.png"),
            },
            {
                "url": f"{base}/index.html",
                "steps": [
                    {"click": "input.md-search__input"},
                    {"fill": "input.md-search__input", "text": persona.naam},
                    {"press": "input.md-search__input", "key": "End"},  # the theme searches on key events
                    {"wait_for": ".md-search-result__item"},
                ],
                "screenshot": str(bh.ARTIFACTS / "site" / "zoeken.png"),
            },
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
    result = bh.inspect(
        [{"url": (site / "index.html").as_uri()}, {"url": (site / "atlas" / "gemeenten" / "breda.html").as_uri()}]
    )
    for page in result["pages"]:
        bh.assert_clean(page)
    assert "Breda" in result["pages"][1]["text"]


def test_every_yaml_key_the_loader_accepts_is_in_the_reference_and_no_other(site):
    from journeykit import conditions, schema

    text = (site / "referentie" / "yaml.html").read_text(encoding="utf-8")
    # the first column of each reference table names a key
    documented = set(re.findall(r"<tr>\s*<td><code>([a-z_.]+)</code></td>", text))
    accepted = {v.name for rec in schema.RECORDS for v in rec.all_fields}
    accepted |= set(conditions.OPERATORS) | set(conditions.COMBINATORS) | {"veld"}
    fields = {f for f in conditions.FIELDS}
    assert accepted <= documented | fields, accepted - documented
    # and nothing documented that the loader would reject
    assert documented <= accepted | fields | set(schema.ACTION_KEYS), documented - accepted


def test_every_environment_variable_journeykit_reads_is_in_the_cli_reference(site):
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


# --- the references are committed files --------------------------------------------------------

DOCS = ROOT / "docs"


def _reference_hook():
    """docs/hooks/cli_reference.py, which writes the references (`make referenties`) and checks them."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("jk_reference_hook", DOCS / "hooks" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_links_in_the_docs_lead_to_files_in_the_repository():
    """A reader of the repository on GitHub follows the same links; only the atlas is made at build time."""
    dead = []
    for page in sorted(DOCS.rglob("*.md")):
        for target in re.findall(r"\]\(([^)\s#:]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            path = (page.parent / target).resolve()
            if not path.is_relative_to(DOCS / "atlas") and not path.is_file():
                dead.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not dead, dead


def test_the_committed_references_are_what_the_code_produces_now():
    """docs/referentie/yaml.md and cli.md are made from the schema and the CLI as they are at this moment."""
    import difflib

    hook = _reference_hook()
    problems = []
    for path, text in hook.references().items():
        if not path.is_file():
            problems.append(f"{path.relative_to(ROOT)} ontbreekt")
            continue
        old = path.read_text(encoding="utf-8").splitlines()
        diff = list(difflib.unified_diff(old, text.splitlines(), "vastgelegd", "uit de code", lineterm="", n=1))
        if diff:
            problems.append(f"{path.relative_to(ROOT)} loopt achter op de code:\n" + "\n".join(diff[:30]))
    assert not problems, "\n\n".join(problems) + "\n\nDraai `make referenties` en commit het resultaat."


def test_the_reference_check_sees_a_stale_file_and_the_build_warns(tmp_path, caplog):
    hook = _reference_hook()
    hook.write(tmp_path)
    assert hook.stale(tmp_path) == []
    cli_md = tmp_path / "referentie" / "cli.md"
    cli_md.write_text(cli_md.read_text(encoding="utf-8").replace("--plugin", "--plug-in"), encoding="utf-8")
    assert hook.stale(tmp_path) == [cli_md]
    with caplog.at_level("WARNING", logger="mkdocs"):
        hook.on_pre_build({"docs_dir": str(tmp_path)})
    assert "make referenties" in caplog.text and "cli.md" in caplog.text

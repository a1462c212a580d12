"""The documentation site: a strict build from the data, offline, and checked in Chromium."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

import browser_harness as bh
from conftest import SHIPPED_ENV, TESTSTAD_DATA, TESTSTAD_PLUGIN, open_shipped, run_cli

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
    assert (site / "atlas" / "galerij.html").is_file()
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


# --- what is on the pages: links, tables, the differences, the gallery, the error page ------------


class _Page(HTMLParser):
    """The links, images, headings, code blocks and tables of a page (or of a part of one), as text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.images: list[str] = []
        self.headings: list[tuple[str, str]] = []  # (tag, text)
        self.code: list[str] = []  # the text of each <pre><code>
        self.tables: list[dict] = []  # {"headers": [...], "rows": [[...], ...]}
        self._text: list[str] | None = None
        self._heading: str | None = None
        self._pre = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("href", "src"):
            if a.get(name):
                self.links.append((tag, name, a[name]))
        if tag == "img":
            self.images.append(a.get("src") or "")
        if tag == "table":
            self.tables.append({"headers": [], "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._text = []
        elif tag in ("h1", "h2", "h3"):
            self._heading, self._text = tag, []
        elif tag == "pre":
            self._pre = True
        elif tag == "code" and self._pre:
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._text is not None and self.tables:
            text = " ".join("".join(self._text).split())
            t = self.tables[-1]
            (t["headers"] if tag == "th" else t["rows"][-1]).append(text)
            self._text = None
        elif tag in ("h1", "h2", "h3") and self._heading == tag:
            self.headings.append((tag, " ".join("".join(self._text or []).replace("¶", "").split())))
            self._heading = self._text = None
        elif tag == "code" and self._pre and self._text is not None:
            self.code.append("".join(self._text))
            self._text = None
        elif tag == "pre":
            self._pre = False

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def _article(path: Path) -> str:
    """The page's own content, without the theme's navigation around it."""
    found = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', path.read_text("utf-8"), re.S)
    assert found, path
    return found.group(1)


def _read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    for t in page.tables:
        t["rows"] = [r for r in t["rows"] if r]  # the header row
    return page


def _target(site: Path, page: Path, link: str) -> Path:
    """The file a relative link on ``page`` opens (from a file:// URL: no server, no index.html for a folder)."""
    parts = urlsplit(link)
    assert not parts.scheme and not parts.netloc and not link.startswith("/"), f"{page.name}: {link}"
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    assert target.is_relative_to(site.resolve()), f"{page.name}: {link} leaves the site"
    return target


def _comparisons(cat) -> dict[str, tuple]:
    """The page the atlas makes for each change, by its file name: (gemeente, from, to) or (None, None, scenario)."""
    from journeykit.render.files import slug

    out: dict[str, tuple] = {}
    for g in cat.gemeenten.values():
        for van, naar in g.overgangen():
            out[slug(g.id, van, naar)] = (g, van, naar)
    for f in (ROOT / "journeys" / "scenarios").glob("*.yaml"):
        out[slug("scenario", f.stem)] = (None, None, f.stem)
    return out


def test_the_differences_are_a_summary_and_a_page_per_change_linked_both_ways(site):
    cat = open_shipped()
    expected = _comparisons(cat)
    assert len(expected) >= 5  # every gemeente's change and every scenario
    summary = site / "atlas" / "rapporten" / "verschillen.html"
    assert summary.stat().st_size < 200_000  # it was 1.7 MB with every case of every change on it
    content = _read(_article(summary))
    linked = {Path(v).stem for tag, _, v in content.links if tag == "a" and v.startswith("verschillen/")}
    assert linked == set(expected)
    (table,) = content.tables
    assert table["headers"][:6] == ["gemeente", "verandering", "gevallen", "beter", "slechter", "gelijk"]
    assert len(table["rows"]) == len(expected)
    nav = summary.read_text("utf-8")  # the theme's navigation lists every change too
    for name, (g, van, naar) in expected.items():
        page = site / "atlas" / "rapporten" / "verschillen" / f"{name}.html"
        assert f'href="verschillen/{name}.html"' in nav, name
        assert page.stat().st_size < 400_000, (name, page.stat().st_size)  # a cap on the cases listed one by one
        read = _read(_article(page))
        back = [v for tag, _, v in read.links if tag == "a" and _target(site, page, v) == summary.resolve()]
        assert back, f"{name} does not link back to the summary"
        title = next(text for tag, text in read.headings if tag == "h1")
        if g is not None:  # a change of variants is headed by their names, never their ids
            names = {v.id: v.naam for v in g.varianten}
            assert g.naam in title and names[van] in title and names[naar] in title, title
            assert f"{van} → {naar}" not in title
        assert "## " not in title and "{" not in title


def test_the_comparison_pages_name_places_and_situations_never_by_their_ids(site):
    cat = open_shipped()
    ingang_ids = {i.id for g in cat.gemeenten.values() for i in g.ingangen if i.id != i.naam}
    ingang_names = {i.naam for g in cat.gemeenten.values() for i in g.ingangen}
    principle_ids = {p.id for g in cat.gemeenten.values() for p in g.principes if p.id != p.naam}
    named = 0
    for name in _comparisons(cat):
        page = site / "atlas" / "rapporten" / "verschillen" / f"{name}.html"
        read = _read(_article(page))
        for t in read.tables:
            for row in t["rows"]:
                cells = dict(zip(t["headers"], row, strict=True))
                for col in ("route voor", "route na"):
                    if col in cells and cells[col] not in ("-", "(dezelfde)"):
                        places = cells[col].split(" → ")
                        assert not set(places) & ingang_ids, (name, col, cells[col])
                        named += set(places) <= ingang_names
                if "wat verandert" in cells:
                    words = set(re.split(r" → |; |: |, | \(", cells["wat verandert"]))
                    assert not words & (ingang_ids | principle_ids), (name, cells["wat verandert"])
    assert named > 100  # routes were there to look at, named as the data names them
    # the tables of a gemeente show its situations by name, as the headings do
    for g in cat.gemeenten.values():
        read = _read(_article(site / "atlas" / "gemeenten" / f"{g.id}.html"))
        names = {v.naam for v in g.varianten}
        shown = {
            row[t["headers"].index("variant")] for t in read.tables if "variant" in t["headers"] for row in t["rows"]
        }
        assert shown and shown <= names, (g.id, shown - names)
        assert not {v.id for v in g.varianten if v.id != v.naam} & {text for _, text in read.headings}


def test_every_table_is_in_a_region_a_keyboard_can_reach_and_scroll(site):
    opening = re.compile(r'<div class="jk-tabel" tabindex="0" role="region" aria-label="Tabel[^"<>]*">\s*<table>')
    pages = [p for p in site.rglob("*.html") if 'class="md-content"' in p.read_text("utf-8")]
    assert len(pages) > 50
    tables = 0
    for page in pages:
        html = page.read_text("utf-8")
        assert html.count("<table") == len(opening.findall(html)), page.relative_to(site)
        tables += html.count("<table")
    assert tables > 100
    label = re.search(r'aria-label="(Tabel: Ingangen[^"]*)"', (site / "atlas" / "gemeenten" / "breda.html").read_text())
    assert label, "a region is named after the heading above its table"


def test_the_error_page_links_work_from_a_file_url(site):
    page = site / "404.html"
    html = page.read_text("utf-8")
    assert '"base": "."' in html
    links = _read(html).links
    assert len(links) > 20
    for tag, attr, value in links:
        if value.startswith(("http://", "https://")) and tag == "a":
            continue  # a link the reader may follow (the theme's own credit), not part of the page
        if value.startswith("#"):
            continue
        assert _target(site, page, value).is_file(), (tag, attr, value)
    bh.require()
    (result,) = bh.inspect([{"url": page.as_uri()}])["pages"]
    bh.assert_clean(result)  # a stylesheet or script that is not found is a console error
    assert any(
        u.startswith("file://") and u.endswith(".css") and "/assets/stylesheets/" in u for u in result["requests"]
    )
    assert all(u.startswith(("file://", "data:", "blob:", "about:")) for u in result["requests"]), result["requests"]


GALLERY_KINDS = {
    "Klantreiskaart": "map",
    "Voor-en-na-kaart": "diffmap",
    "Werkblad": "canvas",
    "Matrix": "matrix",
    "Netwerkkaart": "network",
    "Vergelijking": "compare",
    "Lussenrapport": "loops",
    "Mermaid-diagrammen": "mermaid",
}


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n"), path
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _gallery(site: Path) -> tuple[Path, _Page]:
    page = site / "atlas" / "galerij.html"
    return page, _read(_article(page))


def test_the_gallery_shows_every_kind_with_its_command_example_and_screenshot(site):
    from journeykit.atlas.gallery import ZONDER_CHROMIUM

    bh.require()  # Chromium is there, so the build made the screenshots
    page, read = _gallery(site)
    assert [text for tag, text in read.headings if tag == "h2"] == list(GALLERY_KINDS)
    commands = [c for c in read.code if c.startswith("journeykit render ")]
    assert [c.split()[2] for c in commands] == list(GALLERY_KINDS.values())
    examples = set()  # each linked twice: by name and by its screenshot
    for tag, _, value in read.links:
        assert not value.startswith(("http:", "https:")), value
        target = _target(site, page, value)
        assert target.is_file(), value
        if tag == "a" and target.suffix == ".html" and target != page:
            examples.add(target)
    assert len(examples) == len(GALLERY_KINDS) - 1  # Mermaid has no HTML page: it is drawn here
    for example in sorted(examples):
        assert example.parent == site / "atlas" / "galerij"
        assert example.read_text("utf-8").lstrip().lower().startswith("<!doctype html>")
        shot = example.with_suffix(".png")
        assert f"galerij/{shot.name}" in read.images, shot.name
        width, height = _png_size(shot)
        assert width >= 1500 and 0 < height <= 1000
    assert len(read.images) == len(examples)
    assert ZONDER_CHROMIUM not in _article(page)
    assert sum(v.endswith(".mmd") for _, _, v in read.links) == 2
    assert 'class="jk-mermaid"' in _article(page)


def test_the_gallery_examples_are_what_their_commands_make(site, tmp_path):
    """Each command shown, run as a reader would, writes the very file the gallery copied (not the loop report:
    that one is the atlas's own sweep of everything, as long to make again as the rest of these together)."""
    _, read = _gallery(site)
    gallery = site / "atlas" / "galerij"
    compared = 0
    for n, command in enumerate(c for c in read.code if c.startswith("journeykit render ")):
        words = shlex.split(command)
        if words[2] == "loops":
            continue
        out = tmp_path / str(n)
        r = run_cli(*words[1:], "--out", str(out), env=SHIPPED_ENV)
        assert r.returncode == 0, (command, r.stderr)
        for made in sorted(out.iterdir()):
            if (gallery / made.name).is_file():
                assert (gallery / made.name).read_bytes() == made.read_bytes(), made.name
                compared += 1
    assert compared == 8  # six HTML pages, and the two Mermaid files


def test_without_chromium_the_gallery_links_the_examples_and_says_why_there_are_no_screenshots(tmp_path):
    from journeykit.atlas.gallery import ZONDER_CHROMIUM

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Teststad\n", encoding="utf-8")
    (docs / "assets").symlink_to(ROOT / "docs" / "assets")
    config.update(docs_dir=str(docs), site_dir=str(tmp_path / "site"), nav=[{"Introductie": "index.md"}])
    config.pop("hooks", None)
    atlas = {"journeykit-atlas": {"datamap": str(TESTSTAD_DATA), "extra_plugins": [str(TESTSTAD_PLUGIN)]}}
    config["plugins"] = [atlas if p == "journeykit-atlas" else p for p in config["plugins"]]
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "JOURNEYKIT_ENTRY_POINTS": "0"}
    env.pop("JOURNEYKIT_PLUGINS", None)
    env["JOURNEYKIT_CHROMIUM"] = str(tmp_path / "geen-chromium")
    r = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    site = tmp_path / "site"
    page, read = _gallery(site)
    assert ZONDER_CHROMIUM in _article(page)
    assert read.images == [] and not list((site / "atlas" / "galerij").glob("*.png"))
    assert [text for tag, text in read.headings if tag == "h2"] == list(GALLERY_KINDS)
    examples = {_target(site, page, v) for tag, _, v in read.links if tag == "a" and v.endswith(".html")}
    assert len(examples) == len(GALLERY_KINDS) - 1 and all(e.is_file() for e in examples)


WIDE = {"width": 1500, "height": 1000}


def test_atlas_pages_fit_a_wide_window_with_no_text_overlapping_or_cut_off(site):
    """A sample of every kind of atlas page at 1500 px, as the review looked at them: the page's content (the
    theme's navigation hides text its own ways) has no overlapping or cut-off text, the page is no wider than
    the window, and every table fits its region, so that nothing needs scrolling sideways at this width."""
    bh.require()
    cat = open_shipped()
    nijmegen = next(n for n, (g, _, _) in _comparisons(cat).items() if g is not None and g.id == "nijmegen")
    pages = {
        "gemeente": "atlas/gemeenten/nijmegen.html",
        "persona": "atlas/personas/weduwe-hbh.html",
        "reis": "atlas/reizen/nijmegen-a-mantelzorg-oud.html",  # the widest map table of the shipped cases
        "verschillen": "atlas/rapporten/verschillen.html",
        "verandering": f"atlas/rapporten/verschillen/{nijmegen}.html",  # the most cases that change
        "galerij": "atlas/galerij.html",
    }
    measure = {
        "tables": {"selector": ".jk-tabel table", "property": "width"},
        "regions": {"selector": ".jk-tabel", "property": "width"},
        "scrolls": {"selector": ".jk-tabel", "property": "overflow-x"},
    }
    specs = [
        {
            "url": (site / path).as_uri(),
            "layout": ".md-content",
            "viewport": WIDE,
            "measure": measure,
            "steps": [{"wait_for": ".jk-mermaid svg"}] if kind == "galerij" else [],
        }
        for kind, path in pages.items()
    ]
    wrong, measured = {}, {}
    for kind, page in zip(pages, bh.inspect(specs)["pages"], strict=True):
        bh.assert_clean(page)
        lay, m = page["layout"], page["measured"]
        assert lay["boxes"] > 20, f"{kind}: hardly any text was measured"
        problems = [f"{lay['width']} px breed"] if lay["width"] > WIDE["width"] else []
        problems += [f"overlap: {o['a']!r} / {o['b']!r} ({o['w']}×{o['h']} px)" for o in lay["overlaps"]]
        problems += [f"afgeknipt ({c['why']}): {c['text']!r}" for c in lay["cut"]]
        assert len(m["tables"]) == len(m["regions"]) and set(m["scrolls"]) <= {"auto"}
        for n, (table, region) in enumerate(zip(m["tables"], m["regions"], strict=True)):
            if float(table.removesuffix("px")) > float(region.removesuffix("px")) + 1:
                problems.append(f"tabel {n + 1} is {table} breed in {region}: hij schuift opzij")
        if problems:
            wrong[kind] = problems[:5]
        measured[kind] = len(m["tables"])
    assert not wrong, wrong
    assert measured["gemeente"] >= 3 and measured["reis"] >= 1 and measured["verandering"] >= 4, measured


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

"""Data in the reisatlas stays text (issue 13, item 6).

An atlas is built with ``mkdocs build --strict`` from Teststad with script payloads in every text field
(names, descriptions, sources: everything the schema calls text), then every page of it is opened in
headless chromium, every element is focused and hovered, the search is used, and nothing from the data
may run or turn into an attribute.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from journeykit import schema as s
from journeykit.render.templating import md

import browser_harness as bh
from conftest import FIXTURES, ROOT, TESTSTAD_DATA, run_cli

HOSTILE_PLUGIN = ROOT / "tests" / "hostile" / "plugins" / "gemeenten_uit_env.py"
MARK = "jk_pwned"  # every payload names it, so an attribute or script from the data is recognisable
PWN = f"window.__{MARK}=1"

PAYLOADS = " ".join(
    (
        f'<img src=x onerror="{PWN}">',
        f"<script>{PWN}</script>",
        f'" onmouseover="{PWN}" x="',
        f"' onmouseover='{PWN}' x='",
        f"[klik](javascript:{PWN}) <javascript:{PWN}> ![x](javascript:{PWN})",
        f"<svg onload={PWN}>",
        f"</title><script>{PWN}</script>",
        f"&lt;/title&gt;&lt;script&gt;{PWN}&lt;/script&gt;",  # already escaped: unescaped once too often, it runs
        f"*nadruk*{{: onmouseover=alert(/{MARK}/) }} `code`{{: onclick=alert(/{MARK}/) }}",
        f'<div markdown="1">*md_in_html*</div> <!-- {PWN} -->',
        "\u0002wzxhzdk:0\u0003",  # Python-Markdown's own placeholder for stashed HTML
    )
)
# attr_list reads an attribute list only at the end of a heading or block, so each text ends in one of these.
ENDINGS = (
    f'{{: onfocus="{PWN}" autofocus }}',
    f"{{: onfocus=window.__{MARK}++ onmouseover=alert(/{MARK}/) tabindex=0 autofocus }}",
    f"{{: #x .y onclick='{PWN}' }}",
)


def _poison(doc, rec: s.Record, endings):
    """Every text field of ``doc`` (following the schema) set to payloads, also the optional ones."""
    for veld in rec.all_fields:
        typ = veld.type
        if isinstance(typ, s.Text):
            if rec in (s.ACTIE, s.REGEL_ACTIE) and doc.get("actie") not in ("oplossen", "samenwerken"):
                continue  # 'waar' belongs only to these actions
            doc[veld.name] = f"Gifnaam {rec.name}.{veld.name} {PAYLOADS} {next(endings)}"
        elif isinstance(typ, s.Source) and "bron" in doc:
            doc["bron"] = {k: f"Gifbron {k} {PAYLOADS} {next(endings)}" for k in ("bestand", "sectie", "citaat")}
        elif isinstance(typ, s.Record) and isinstance(doc.get(veld.name), dict):
            _poison(doc[veld.name], typ, endings)
        elif isinstance(typ, s.ListOf) and isinstance(typ.item, s.Record) and isinstance(doc.get(veld.name), list):
            for item in doc[veld.name]:
                if isinstance(item, dict):
                    _poison(item, typ.item, endings)
    return doc


def _write_poisoned(src: Path, dest: Path, endings) -> None:
    doc = yaml.load(src.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    dest.write_text(
        yaml.safe_dump(_poison(doc, s.BESTAND, endings), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def _hostile_world(tmp: Path) -> tuple[Path, Path]:
    """Teststad (gemeente, personas, journeys) with payloads in every text field."""
    endings = itertools.cycle(ENDINGS)
    gem = tmp / "gemeente"
    gem.mkdir()
    for f in sorted((FIXTURES / "teststad").glob("*.yaml")):
        _write_poisoned(f, gem / f.name, endings)
    data = tmp / "data"
    for sub in ("personas", "journeys"):
        (data / sub).mkdir(parents=True)
        for f in sorted((TESTSTAD_DATA / sub).glob("*.yaml")):
            _write_poisoned(f, data / sub / f.name, endings)
    return gem, data


def _mkdocs_config(tmp: Path, data: Path) -> Path:
    """The project's own mkdocs.yml (theme, extensions, plugins), pointed at the hostile data."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = tmp / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Vergiftigde atlas\n\nAlle tekst komt uit vergiftigde data.\n", encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    config.update(docs_dir=str(docs), site_dir=str(tmp / "site"), nav=[{"Introductie": "index.md"}])
    config.pop("hooks", None)  # the CLI reference is not about data
    config["plugins"] = [
        p
        if p != "journeykit-atlas"
        else {"journeykit-atlas": {"datamap": str(data), "extra_plugins": [str(HOSTILE_PLUGIN)]}}
        for p in config["plugins"]
    ]
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("atlas-xss")
    gem, data = _hostile_world(tmp)
    config = _mkdocs_config(tmp, data)
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "HOSTILE_GEMEENTEN": str(gem),
        "JOURNEYKIT_ENTRY_POINTS": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("JOURNEYKIT_PLUGINS", None)
    r = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )
    assert r.returncode == 0, r.stderr[-4000:]
    return tmp / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_hostile_atlas_really_shows_the_payloads(hostile_site):
    """Otherwise the tests below would prove nothing: every kind of atlas page is there and shows the data."""
    rel = {p.relative_to(hostile_site).as_posix() for p in _pages(hostile_site)}
    for prefix in (
        "atlas/gemeenten/",
        "atlas/personas/",
        "atlas/reizen/",
        "atlas/kaarten/",
        "atlas/werkbladen/",
        "atlas/netwerken/",
        "atlas/rapporten/lussen",
        "atlas/rapporten/verschillen",
        "atlas/index",
    ):
        assert any(r.startswith(prefix) for r in rel), prefix
    gemeente = next(p for p in _pages(hostile_site) if "atlas/gemeenten/" in p.as_posix())
    text = gemeente.read_text(encoding="utf-8")
    assert "Gifnaam gemeente.naam" in text and "onerror=&quot;window.__jk_pwned=1&quot;" in text


class _Attributes(HTMLParser):
    """Every element's attributes and every script's text, as a browser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and MARK in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "xlink:href", "action", "formaction") and value.strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script and MARK in data:
            self.found.append(f"<script>{data[:80]!r}")

    def handle_endtag(self, tag):
        self._in_script = False


def test_no_page_carries_an_event_handler_script_or_javascript_link_from_the_data(hostile_site):
    """The built HTML as it is on disk (the browser test below sees it after the theme's scripts ran)."""
    bad = {}
    for page in _pages(hostile_site):
        parser = _Attributes()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            bad[page.relative_to(hostile_site).as_posix()] = parser.found[:5]
    assert not bad, json.dumps(bad, indent=1, ensure_ascii=False)


class _Texts(HTMLParser):
    """The text of <title> and of every link to ``href_end``, as a browser shows it."""

    def __init__(self, href_end: str | None = None):
        super().__init__(convert_charrefs=True)
        self.href_end, self.title, self.links, self._into = href_end, [], [], None

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._into = self.title
        elif tag == "a" and self.href_end and (dict(attrs).get("href") or "").endswith(self.href_end):
            self.links.append([])
            self._into = self.links[-1]

    def handle_endtag(self, tag):
        if tag in ("title", "a"):
            self._into = None

    def handle_data(self, data):
        if self._into is not None:
            self._into.append(data)


def test_names_are_shown_as_written_in_the_nav_the_page_title_and_links(hostile_site):
    """Escaped once, not zero times (markup) and not twice (visible '&lt;')."""
    personas = yaml.safe_load((hostile_site.parent / "data" / "personas" / "teststad.yaml").read_text("utf-8"))
    jan = next(p["naam"] for p in personas["personas"] if p["id"] == "jan")
    shown = " ".join(re.sub(r"[\x00-\x1f]", "\ufffd", jan).split())
    texts = _Texts("personas/jan.html")
    texts.feed((hostile_site / "atlas" / "index.html").read_text(encoding="utf-8"))
    assert len(texts.links) >= 2  # the nav and the list on the page
    for link in texts.links:
        assert " ".join("".join(link).split()) == shown
    page = _Texts()
    page.feed((hostile_site / "atlas" / "personas" / "jan.html").read_text(encoding="utf-8"))
    assert "".join(page.title).strip().startswith(shown + " - ")


# The browser part: a small playwright script (the harness's inspect.mjs can click and type, not hover
# every element or read a page's variables). Same fence as inspect.mjs: nothing leaves the machine.
PROBE = r"""
const { chromium } = require('playwright-core');
const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const external = (url) => {
  try {
    const u = new URL(url);
    if (['file:', 'data:', 'blob:', 'about:'].includes(u.protocol)) return false;
    return !(['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && LOCAL.has(u.hostname));
  } catch { return true; }
};

// In the page: list what came from the data (on* handlers, javascript: links, scripts naming the mark),
// then set off every handler there is: focus and hover every element, fire each inline handler's event,
// follow every javascript: link.
function provoke(mark) {
  const found = [];
  const all = [...document.querySelectorAll('*')];
  for (const el of all) {
    for (const a of [...el.attributes]) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on') && a.value.includes(mark)) found.push(`<${el.localName} ${a.name}="${a.value}">`);
      if (/^\s*javascript:/i.test(a.value) && /(^|:)(href|src|action|formaction)$/.test(name))
        found.push(`<${el.localName} ${a.name}="${a.value}">`);
    }
    if (el.localName === 'script' && el.textContent.includes(mark)) found.push(`<script>${el.textContent.slice(0, 80)}`);
  }
  for (const el of all) {
    try { if (el.focus) el.focus(); } catch (e) {}
    const types = ['focus', 'focusin', 'mouseover', 'mouseenter', 'mousemove', 'pointerover'];
    for (const a of [...el.attributes]) if (a.name.toLowerCase().startsWith('on')) types.push(a.name.slice(2).toLowerCase());
    for (const type of types) {
      try { el.dispatchEvent(new Event(type, { bubbles: !type.endsWith('enter') })); } catch (e) {}
    }
    const href = el.getAttribute('href') || el.getAttribute('xlink:href') || '';
    if (/^\s*javascript:/i.test(href)) el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  }
  return found;
}

(async () => {
  const job = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const browser = await chromium.launch({
    executablePath: job.chromium, headless: true, chromiumSandbox: false, timeout: 30000,
    args: ['--proxy-server=http://127.0.0.1:9', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-default-apps', '--disable-domain-reliability', '--no-pings', '--dns-prefetch-disable',
           '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE ::1'],
  });
  const results = [];
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    context.setDefaultTimeout(15000);
    await context.route('**/*', (route) => external(route.request().url())
      ? route.abort('blockedbyclient').catch(() => {}) : route.continue().catch(() => {}));
    for (const spec of job.pages) {
      const result = { url: spec.url, error: null, dialogs: [], found: [], pwned: null, searched: 0 };
      const page = await context.newPage();
      page.on('dialog', (d) => { result.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
      try {
        await page.goto(spec.url, { waitUntil: 'load' });
        // the atlas's diagrams are drawn after load; wait for them so their labels are checked too
        await page.waitForFunction(() => [...document.querySelectorAll('div.jk-mermaid')]
          .every((d) => d.querySelector('svg') || d.textContent.startsWith('Diagram kon')), null, { timeout: 10000 });
        if (spec.search) {
          await page.click('input.md-search__input');
          await page.fill('input.md-search__input', spec.search);
          await page.press('input.md-search__input', 'End');  // the theme searches on key events
          await page.waitForSelector('.md-search-result__item', { state: 'visible' });
          result.searched = await page.locator('.md-search-result__item').count();
        }
        result.found = await page.evaluate(provoke, job.mark);
        await page.mouse.move(5, 5);
        await page.waitForTimeout(50);
        result.pwned = await page.evaluate((mark) => String(window['__' + mark]), job.mark);
      } catch (e) {
        result.error = String(e.message || e).split('\n')[0];
      }
      results.push(result);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results) + '\n');
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
"""


def test_no_payload_runs_on_any_page_in_chromium(hostile_site):
    bh.require()
    pages = _pages(hostile_site)
    with bh.serve(hostile_site) as base:
        specs = [{"url": f"{base}/{p.relative_to(hostile_site).as_posix()}"} for p in pages]
        # the search shows titles and text from the index: look for the data there too
        specs.append({"url": f"{base}/index.html", "search": "Gifnaam"})
        job = {"pages": specs, "mark": MARK, "chromium": str(bh.CHROMIUM)}
        r = subprocess.run(
            ["node", "-e", PROBE],
            input=json.dumps(job),
            cwd=bh.BROWSER_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert r.returncode == 0, r.stderr[-3000:]
    results = json.loads(r.stdout)
    assert len(results) == len(specs)
    bad = {
        x["url"].removeprefix(base): {
            k: x[k] for k in ("error", "dialogs", "found", "pwned") if x[k] not in (None, [], "undefined")
        }
        for x in results
    }
    bad = {url: v for url, v in bad.items() if v}
    assert not bad, json.dumps(bad, indent=1, ensure_ascii=False)
    assert results[-1]["searched"] > 0


# --- md(): every Markdown output, not only the atlas ----------------------------------------------------


def _markdown(text: str, toc: bool = True) -> str:
    """``text`` converted as the atlas converts it: Python-Markdown with the extensions in mkdocs.yml.

    Without ``toc`` headings get no id, so any attribute in the result came from the text.
    """
    import markdown

    names, configs = [], {}
    for ext in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]:
        name, config = next(iter(ext.items())) if isinstance(ext, dict) else (ext, {})
        if toc or name != "toc":
            names.append(name)
            configs[name] = config
    return markdown.markdown(text, extensions=names, extension_configs=configs)


@pytest.mark.parametrize(
    "text",
    [
        "naam {: onfocus=alert(1) }",
        "{#id .klasse}",
        "!!! danger",
        "=====",
        "a\u0002wzxhzdk:0\u0003b",
        "<b>vet</b> & *nadruk*",
        "x #",
        "[a](javascript:alert(1))",
        "a ~~b~~ ~c",
        "1. een",
        "- twee",
        "{#id}",
    ],
)
def test_md_output_is_literal_text_in_python_markdown(text):
    """What md() makes of a text, Python-Markdown shows as that text: in a heading, a line, a table cell."""
    import html

    for template in ("# {}", "{}", "Regel ervoor\n{}", "| a |\n|---|\n| {} |"):
        out = _markdown(template.format(md(text)), toc=False)
        shown = html.unescape(re.sub(r"<[^>]+>", "", out))
        assert " ".join(re.sub(r"[\x00-\x1f]", "\ufffd", text).split()) in shown, (template, out)
        # only the elements of the template itself, and not one attribute
        assert re.fullmatch(r"(</?(h1|p|table|thead|tbody|tr|th|td)>|[^<])*", out), out


def test_every_markdown_output_stays_text(hostile_site, tmp_path):
    """`journeykit render` writes Markdown too (map, matrix, compare, loops): converted, no payload is markup."""
    data, gem = hostile_site.parent / "data", hostile_site.parent / "gemeente"
    journey = ["--gemeente", "teststad", "--persona", "jan", "--sleutelmoment", "weduwe"]
    for job in (
        ["map", *journey],
        ["matrix", "--gemeente", "teststad"],
        ["loops", "--gemeente", "teststad"],
        ["compare", "--persona", "piet", "--sleutelmoment", "vervoer", "--per-ingang"],
    ):
        r = run_cli(
            "render",
            *job,
            "--out",
            str(tmp_path / job[0]),
            "--plugin",
            str(HOSTILE_PLUGIN),
            "--data",
            str(data),
            env={"HOSTILE_GEMEENTEN": str(gem)},
        )
        assert r.returncode == 0, r.stdout + r.stderr
    outputs = sorted(tmp_path.rglob("*.md"))
    assert {p.parent.name for p in outputs} == {"map", "matrix", "loops", "compare"}
    for path in outputs:
        out = _markdown(path.read_text(encoding="utf-8"))
        assert "Gifnaam" in out, path.name
        parser = _Attributes()
        parser.feed(out)
        assert not parser.found, (path.name, parser.found[:5])
        tags = set(re.findall(r"<([a-z][a-z0-9]*)", out))
        assert not tags & {"img", "script", "svg", "div", "iframe", "object"}, (path.name, tags)
        assert "<a " not in out.replace('<a class="headerlink"', ""), path.name

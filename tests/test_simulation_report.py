"""The HTML report of `journeykit simulate` and the atlas's capacity pages (issue 18).

The figures a report must show are computed here from the simulation's own runs (``simulation.run``), not read
from the summary the report is made of; names from the data are hostile; the charts are SVG with a title and a
description, the same every time.
"""

from __future__ import annotations

import math
import pickle
import re
import shutil
import statistics
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit import model as m
from journeykit.analysis import capacity
from journeykit.analysis import simulation as sim
from journeykit.render import outputs

from conftest import TESTSTAD_DATA, TESTSTAD_PLUGIN

H = m.Herkomst(aanname="fictief")
HOSTILE = "<script>alert(1)</script>"
TEMPLATE = "{{7*7}} team"
LEEG = "Niemand komt"
DAGEN, SEED, HERHALINGEN = 120, 3, 2
T95_1 = 12.706  # Student's t, two-sided 95 %, one degree of freedom


def loket(id_: str, naam: str, medewerkers: int, minuten: float = 20.0) -> sim.Loket:
    return sim.Loket(id_, naam, medewerkers, minuten, "exponentieel", 1.0, 540.0, 1020.0, 5, frozenset(), H)


def small_plan(medewerkers: int = 2, variant: str = "huidig") -> sim.Plan:
    """Two ingangen on the routes, one nobody visits; a cost per level, one of unknown level, one unknown cost."""
    loketten = {
        "a": loket("a", HOSTILE, medewerkers),
        "b": loket("b", TEMPLATE, 1, 45.0),
        "c": loket("c", LEEG, 1),
    }
    kort = sim.Pad(0.7, (sim.Bezoek("a", (("algemeen", 30.0),)),), "opgelost", "A")
    lang = sim.Pad(
        0.3,
        (sim.Bezoek("a", ((None, 30.0),)), sim.Bezoek("b", (("maatwerk", 500.0),), kosten_onbekend=True)),
        "opgelost",
        "A → B",
    )
    groep = sim.Groep("p", "s", "v", 5000.0, "normaal", 5 * 1440.0, (kort, lang))
    instroom = m.Instroom(stromen=(m.Stroom(persona="p", sleutelmoment="s", per_jaar=5000, herkomst=H),), herkomst=H)
    return sim.Plan("teststad", variant, (groep,), loketten, (1.0,) * 12, instroom)


# --- Dutch numbers, written here again: the report's own helpers are what is tested ------------------------


def dutch(x: float, digits: int = 1) -> str:
    whole, _, part = f"{abs(x):.{digits}f}".partition(".")
    text = f"{int(whole):,}".replace(",", ".") + ("," + part if part.strip("0") else "")
    return ("-" if x < 0 and text.strip("0,.") else "") + text


def wait_text(minutes: float) -> str:
    if minutes < 90:
        return f"{round(minutes)} min"
    if minutes < 36 * 60:
        return f"{dutch(minutes / 60)} uur"
    return f"{dutch(minutes / 1440)} dagen"


def euro_text(x: float) -> str:
    return "€ " + f"{round(x):,}".replace(",", ".")


# --- reading the report as a browser would -----------------------------------------------------------------


class Page(HTMLParser):
    """The text, the tags and the tables (rows of cell texts) of a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._skip = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("style", "svg"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag in ("style", "svg"):
            self._skip -= 1

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data + " ")

    def row(self, first: str, table: int = 0) -> list[str]:
        (row,) = [r for r in self.tables[table] if r and r[0] == first]
        return row


def report(result) -> tuple[str, str]:
    ((name, html),) = outputs.simulation_report(result)
    return name, html


@pytest.fixture(scope="module")
def runs():
    return [sim.run(small_plan(), DAGEN, SEED, r) for r in range(HERHALINGEN)]


@pytest.fixture(scope="module")
def result():
    return capacity.simulate(small_plan(), DAGEN, SEED, HERHALINGEN)


@pytest.fixture(scope="module")
def made(result):
    return report(result)


def per_year(x: float) -> float:
    return x * 365 / DAGEN


def test_the_report_shows_the_figures_of_the_runs(runs, made):
    name, html = made
    assert name == "simulatie-teststad_huidig.html"
    page = Page(html)
    text = " ".join(" ".join(page.text).split())
    arrivals = statistics.fmean(per_year(r.aankomsten) for r in runs)
    assert f"Inwoners per jaar {dutch(arrivals, 0)}" in text
    # the busy ingang: its staff, its utilisation (of the open hours: weekdays, 9 to 17) and its mean wait
    open_minutes = sum(480 for d in range(DAGEN) if d % 7 < 5) * 2
    busy = statistics.fmean(r.rijen["a"].bezet / open_minutes for r in runs)
    wait = statistics.fmean(statistics.fmean(r.rijen["a"].wachttijden) for r in runs)
    row = page.row(HOSTILE)
    assert row[1] == "2"
    assert row[5].startswith(f"{dutch(100 * busy)} % 95 %: ")
    assert row[6].startswith(wait_text(wait) + " 95 %: ")
    # costs a year per level, the unknown level by itself; the total is a lower bound (one cost is unknown)
    costs = page.tables[-1]
    algemeen = statistics.fmean(per_year(r.kosten.get("algemeen", 0.0)) for r in runs)
    onbekend_niveau = statistics.fmean(per_year(r.kosten.get(None, 0.0)) for r in runs)
    total = statistics.fmean(per_year(sum(r.kosten.values())) for r in runs)
    assert page.row("algemeen", len(page.tables) - 1)[1].startswith(euro_text(algemeen))
    assert page.row("niveau onbekend", len(page.tables) - 1)[1].startswith(euro_text(onbekend_niveau))
    assert costs[-1][0] == "totaal" and costs[-1][1].startswith(f"minstens {euro_text(total)}")
    unknown = statistics.fmean(per_year(r.onbekende_kosten) for r in runs)
    assert f"Van {dutch(unknown, 0)} contacten per jaar zijn de kosten onbekend" in text
    assert "Dit rust op deze aannames" in text and sim.GEDULD_AANNAME in text
    # the mean queue per day in the chart's table: the first replication
    queue = runs[0].rijen["a"]
    per_day = [x / 1440 for x in queue.per_dag]
    assert page.row(HOSTILE, 1)[1] == dutch(statistics.fmean(per_day))


def test_what_nobody_observed_is_onbekend_never_zero(made):
    page = Page(made[1])
    row = page.row(LEEG)
    assert row[5] == "0 %"  # nobody came, so the staff was idle: that is known
    assert row[6:10] == ["onbekend"] * 4  # but nobody waited: no wait, no median, no share giving up
    assert page.row(LEEG, 2)[1:] == ["onbekend"] * 6  # the wait chart's table
    assert '<span class="onbekend">onbekend</span>' in made[1]


def test_names_from_the_data_are_text_never_markup(made):
    html = made[1]
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = Page(html)
    text = " ".join(page.text)
    assert HOSTILE in text and TEMPLATE in text and "49 team" not in html
    svg_text = "".join(re.findall(r"<text[^>]*>([^<]*)</text>", html))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg_text  # the charts name it too, escaped


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


def test_every_chart_has_a_title_a_description_and_text_of_eleven_px_or_more(made):
    html = made[1]
    svgs = _svgs(html)
    assert len(svgs) == 3  # queue, waits, costs
    for svg in svgs:
        root = re.match(r"<svg\b[^>]*>", svg).group(0)
        assert 'role="img"' in root
        title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^" ]+)"', root).groups()
        assert re.search(rf'<title id="{title_id}">[^<]+</title>', svg)
        assert re.search(rf'<desc id="{desc_id}">[^<]+</desc>', svg)
        sizes = [float(x) for x in re.findall(r"font-size: ([\d.]+)px", svg)]
        assert sizes and min(sizes) >= 11
        assert "<style" not in svg  # matplotlib's '*{...}' would reach the whole page
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert not [i for i, n in ids.items() if n > 1]
    assert "<script" not in html.lower() and '<html lang="nl">' in html


def test_the_same_result_gives_the_same_bytes_in_another_process(result, made, tmp_path):
    assert report(result)[1] == made[1]
    (tmp_path / "r.pickle").write_bytes(pickle.dumps(result))
    code = (
        "import pickle, sys; from journeykit.render import outputs; "
        "r = pickle.loads(open(sys.argv[1], 'rb').read()); "
        "sys.stdout.buffer.write(outputs.simulation_report(r)[0][1].encode())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "r.pickle")],
        capture_output=True,
        timeout=120,
        env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin", "MPLCONFIGDIR": str(tmp_path / "mpl")},
    )
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.decode() == made[1]


def test_a_comparison_shows_both_situations_and_the_difference():
    voor, na = small_plan(2, "huidig"), small_plan(3, "meer-personeel")
    c = capacity.compare(voor, na, DAGEN, SEED, HERHALINGEN)
    name, html = report(c)
    assert name == "simulatie-teststad_huidig_meer-personeel.html"
    page = Page(html)
    header = page.tables[0][0]
    assert header[1:5] == [
        "medewerkers huidig",
        "medewerkers meer-personeel",
        "wacht gemiddeld huidig",
        "wacht gemiddeld meer-personeel",
    ]
    # the difference of the mean wait, paired per replication, with its 95 % interval, computed here
    waits = [
        [statistics.fmean(sim.run(p, DAGEN, SEED, r).rijen["a"].wachttijden) for r in range(HERHALINGEN)]
        for p in (voor, na)
    ]
    diffs = [b - a for a, b in zip(*waits, strict=True)]
    d = statistics.fmean(diffs)
    half = T95_1 * statistics.stdev(diffs) / math.sqrt(HERHALINGEN)
    row = page.row(HOSTILE)
    assert row[1:3] == ["2", "3"]
    assert row[3].startswith(wait_text(statistics.fmean(waits[0])))
    assert row[4].startswith(wait_text(statistics.fmean(waits[1])))
    sign = "+" if d > 0 else "-"
    assert row[5].startswith(f"{sign}{wait_text(abs(d))} 95 %: ")
    expected = "geen duidelijk verschil" if d - half <= 0 <= d + half else "beter" if d < 0 else "slechter"
    assert row[6] == expected
    assert page.row(LEEG)[6] == "niet te zeggen"  # nobody waited in either situation
    assert "<script" not in html.lower() and len(_svgs(html)) == 3
    routes = [t for t in page.tables if t and t[0] and t[0][0] == "persona, sleutelmoment"]
    assert len(routes) == 2  # one per situation
    costs = page.tables[-1]
    assert costs[0] == ["niveau", "huidig", "meer-personeel", "verschil", "oordeel"]
    assert costs[-1][0] == "totaal" and costs[-1][1].startswith("minstens €")


# --- any result: random names and unknown figures -----------------------------------------------------------

PIECES = [*"ab <>&\"'{}$%#*_[]`\\/=;:!é", "<script>", "</td>", "{{", "}}", "{%", "-->", "]]>", "&amp;"]
NAMES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)
figures = st.one_of(st.none(), st.floats(0, 1e6, allow_nan=False))


@st.composite
def schattingen(draw, hi: float = 1e6):
    x = draw(st.one_of(st.none(), st.floats(0, hi, allow_nan=False)))
    if x is None or draw(st.booleans()):
        return capacity.Schatting(x)
    lo = draw(st.floats(-hi, x, allow_nan=False))
    return capacity.Schatting(x, (lo, x + (x - lo)))


@st.composite
def ingangen(draw, dagen: int):
    kwantielen = draw(st.one_of(st.just(()), st.lists(st.floats(0, 1e6), min_size=99, max_size=99).map(sorted)))
    return capacity.IngangUitslag(
        draw(st.sampled_from(["a", "b", "c", "d"])),
        draw(NAMES),
        draw(st.integers(1, 50)),
        draw(st.floats(0.01, 500)),
        draw(st.sampled_from([H, m.Herkomst(bron=m.Bron("x.md", "1")), m.Herkomst(m.Bron("x.md", "1"), "en dit")])),
        draw(schattingen()),
        draw(schattingen(1)),
        draw(schattingen()),
        draw(schattingen()),
        draw(schattingen()),
        draw(schattingen(1)),
        tuple(draw(st.lists(st.floats(0, 1000), min_size=dagen, max_size=dagen) | st.just([]))),
        tuple(kwantielen),
    )


@st.composite
def simulaties(draw, variant: str | None = None):
    dagen = draw(st.integers(1, 40))
    route = st.builds(
        capacity.RouteUitslag, NAMES, NAMES, NAMES, NAMES, st.sampled_from(list(m.UITKOMSTEN)), *[schattingen()] * 4
    )
    return capacity.Simulatie(
        draw(NAMES),
        variant if variant is not None else draw(st.one_of(st.none(), NAMES)),
        dagen,
        draw(st.integers(0, 2**32 - 1)),
        draw(st.integers(1, 30)),
        draw(schattingen()),
        tuple(draw(st.lists(ingangen(dagen), max_size=3, unique_by=lambda i: i.id))),
        tuple(draw(st.lists(route, max_size=3))),
        tuple(draw(st.lists(st.builds(capacity.GroepUitslag, NAMES, *[schattingen()] * 4), max_size=3))),
        tuple((n, draw(schattingen())) for n in capacity.KOSTEN_NIVEAUS),
        draw(schattingen()),
        draw(schattingen()),
        tuple(draw(st.lists(NAMES, max_size=3))),
        draw(st.floats(0, 1)),
    )


ALLOWED_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "dl", "dt", "dd", "ul", "li", "span"),
    *("table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "br"),
    *("svg", "desc", "g", "path", "defs", "use", "clippath", "text", "rect", "pattern"),
}


def assert_inert(html: str, names: list[str]) -> None:
    page = Page(html)
    assert {t for t, _ in page.tags} <= ALLOWED_TAGS, {t for t, _ in page.tags} - ALLOWED_TAGS
    assert not [a for _, attrs in page.tags for a in attrs if a.startswith("on")]
    assert "<script" not in html.lower()
    text = "".join(page.text)
    for naam in names:
        assert naam.strip() in text  # shown as written, not read as markup


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(simulaties())
def test_any_result_renders_and_lets_no_markup_through(s):
    _, html = report(s)
    assert_inert(html, [i.naam for i in s.ingangen] + list(s.aannames))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(simulaties("voor"), simulaties("na"), st.data())
def test_any_comparison_renders_and_lets_no_markup_through(voor, na, data):
    verschil = st.builds(capacity.Verschil, schattingen(), schattingen(), schattingen())
    names = {i.id: i.naam for i in (*voor.ingangen, *na.ingangen)}
    c = capacity.SimVergelijking(
        voor,
        na,
        tuple((k, naam, data.draw(verschil), data.draw(verschil)) for k, naam in sorted(names.items())),
        tuple((n, data.draw(verschil)) for n in capacity.KOSTEN_NIVEAUS),
        data.draw(verschil),
    )
    _, html = report(c)
    assert_inert(html, list(names.values()))


# --- the atlas ------------------------------------------------------------------------------------------------

INSTROOM = """
  instroom:
    aanname: fictief
    stromen:
      - {persona: jan, sleutelmoment: info, per_jaar: 3000, aanname: fictief}
"""
LOKET = "kosten: {bedrag: 30, activiteit: Loket, aanname: fictief}, aanname: fictief}"


def _catalog(tmp_path, instroom: bool = True, capaciteit: bool = True):
    from journeykit.api import open_catalog

    root = tmp_path / "fixture"
    shutil.copytree(TESTSTAD_PLUGIN.parent / "teststad", root / "teststad")
    shutil.copy(TESTSTAD_PLUGIN, root / "plugin.py")
    gemeente, ingangen = root / "teststad" / "gemeente.yaml", root / "teststad" / "ingangen.yaml"
    if instroom:
        gemeente.write_text(gemeente.read_text(encoding="utf-8") + INSTROOM, encoding="utf-8")
    text = ingangen.read_text(encoding="utf-8").replace("naam: Gemeenteloket", f'naam: "{HOSTILE}"', 1)
    if capaciteit:
        text = text.replace(LOKET, "capaciteit: {medewerkers: 2, minuten_per_contact: 20, aanname: fictief}, " + LOKET)
    ingangen.write_text(text, encoding="utf-8")
    cat = open_catalog(TESTSTAD_DATA, [str(root / "plugin.py")], entry_points=False)
    cat.raise_for_errors()
    return cat


def _markdown(page: str) -> str:
    import markdown

    return markdown.markdown(page, extensions=["tables", "attr_list", "md_in_html", "admonition", "toc"])


def test_the_atlas_page_holds_the_report_as_html_markdown_leaves_alone(tmp_path):
    from journeykit.atlas import pages, simulations

    cat = _catalog(tmp_path)
    made: dict[str, str] = {}
    nav = simulations.simulation_pages(cat, made)
    assert nav == [{"Teststad": "atlas/capaciteit/teststad.md"}]
    page = made["atlas/capaciteit/teststad.md"]
    assert page.startswith("# Capaciteit en wachttijden: Teststad\n")
    assert "seed 0" in page and "journeykit simulate --gemeente teststad --herhalingen 20" in page
    assert '<div class="jk-simulatie" markdown="0">' in page
    report_name = "simulatie-teststad_huidig.html"
    assert f"]({report_name})" in page and made[f"atlas/capaciteit/{report_name}"].startswith("<!DOCTYPE html>")
    html = _markdown(page)
    assert html.count("<svg") == 3 and html.count("<table>") == page.count("<table>") >= 5
    assert "<script" not in html.lower() and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Situatie Huidige situatie" in " ".join(" ".join(Page(html).text).split())  # the name, not the id
    gemeente = pages.gemeente_page(cat, cat.gemeenten["teststad"], [], {})
    assert "[Capaciteit en wachttijden](../capaciteit/teststad.md)" in gemeente


def test_data_the_simulation_cannot_use_makes_a_page_that_says_so(tmp_path):
    from journeykit.atlas import simulations

    cat = _catalog(tmp_path, capaciteit=False)
    made: dict[str, str] = {}
    simulations.simulation_pages(cat, made)
    page = made["atlas/capaciteit/teststad.md"]
    assert "## Nog niet te simuleren" in page
    assert "ingangen.yaml, regel" in page and "geen capaciteit" in page
    assert str(tmp_path) not in page  # the build machine's folders mean nothing to a reader
    assert "<svg" not in page and list(made) == ["atlas/capaciteit/teststad.md"]
    assert "<script" not in _markdown(page).lower()


def test_a_gemeente_without_instroom_gets_no_page(tmp_path):
    from journeykit.atlas import pages, simulations

    cat = _catalog(tmp_path, instroom=False)
    made: dict[str, str] = {}
    assert simulations.simulation_pages(cat, made) == [] and made == {}
    assert "Capaciteit en wachttijden" not in pages.gemeente_page(cat, cat.gemeenten["teststad"], [], {})

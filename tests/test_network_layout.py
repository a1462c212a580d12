"""The referral network laid out by Graphviz: readable at 40 ingangen, every mark explained, text from the data inert.

A gemeente of 40 ingangen in four soorten, with well over a hundred referrals of every kind and cycles among
them, goes through the real loader; its drawing is checked as SVG (no boxes on top of each other, no text
under 11 px at 100 %, every name whole) and as a page.
"""

from __future__ import annotations

import html
import re
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import attrs
import pytest
from test_render import HOSTILE

from journeykit import model as m
from journeykit.loading import load_path
from journeykit.render import graphviz, network, outputs
from journeykit.render.files import slug

SVG = "{http://www.w3.org/2000/svg}"
N = 40
SOORT = ["vindplaats"] * 10 + ["loket"] * 8 + ["team"] * 12 + ["organisatie"] * 10
VRAGEN = ("hbh", "schulden", "wonen", "werk", "vervoer", "psychisch")


def naam(k: int) -> str:
    """Names of every length: short, long enough to wrap, and one long word that cannot wrap."""
    if k % 7 == 3:
        return f"Steunpunt voor mantelzorgers, vrijwilligers en buren in wijk {k} (avond- en weekenddienst)"
    if k % 11 == 5:
        return f"Wijkgezondheidsnetwerkcoördinatiepunt{k}"
    return f"{SOORT[k].capitalize()} {k}"


def referrals() -> list[tuple[int, int, str]]:
    """(from, to, kind): forward from vindplaatsen to loketten to teams to organisaties (no cycles there),
    and back from teams to loketten and from organisaties to teams (cycles through those)."""
    edges = []
    for k in range(10):
        edges += [(k, 10 + k % 8, "koud"), (k, 10 + (k + 3) % 8, "lauw"), (k, 18 + k, "warm")]
    for k in range(10, 18):
        edges += [(k, 18 + (k - 10), "warm"), (k, 18 + (k - 10 + 4) % 12, "koud"), (k, 30 + (k - 10), "lauw")]
    for k in range(18, 30):
        edges += [(k, 30 + (k - 18) % 10, "warm"), (k, 30 + (k - 18 + 5) % 10, "koud")]
        if k % 3 == 0:
            edges.append((k, 10 + (k - 18) % 8, "koud"))  # back to a loket: a way round
    for k in range(30, 40):
        edges += [(k, 18 + (k - 30) % 12, "afwijzen"), (k, 18 + (k - 30 + 6) % 12, "lauw")]
    return edges


def gemeente_yaml() -> str:
    lines = [
        "gemeente:",
        "  id: grootstad",
        "  naam: Grootstad",
        "  aanname: t",
        "  klantreis: {naam: K, stappen: [{id: s, naam: S, aanname: t}]}",
        "  varianten: [{id: nu, naam: Nu, aanname: t}]",
        "  standaard_variant: nu",
        "ingangen:",
    ]
    for k in range(N):
        first = "" if k < 18 else ", eerste_contact: false"
        lines.append(
            f'  - {{id: i{k}, naam: "{naam(k)}", soort: {SOORT[k]}, kanalen: [telefoon], stappen: [s], '
            f"aanname: t{first}}}"
        )
    lines.append("regels:")
    for n, (a, b, kind) in enumerate(referrals()):
        als = f"als: {{veld: vraag.soort, is: {VRAGEN[n % len(VRAGEN)]}}}"
        dan = (
            f"{{actie: afwijzen, noemt: i{b}}}"
            if kind == "afwijzen"
            else f"{{actie: verwijzen, naar: i{b}, overdracht: {kind}}}"
        )
        lines.append(f"  - {{id: r{n}, bij: i{a}, {als}, dan: {dan}, aanname: t}}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def grootstad(tmp_path_factory) -> m.Gemeente:
    path = tmp_path_factory.mktemp("grootstad") / "gemeente.yaml"
    path.write_text(gemeente_yaml(), encoding="utf-8")
    (g,) = load_path(path).gemeenten
    return g.in_variant("nu")


@pytest.fixture(scope="module")
def drawn(grootstad):
    v = network.view(grootstad)
    assert v["svg"] is not None, "dot is needed here (make test installs graphviz)"
    return v, ET.fromstring(str(v["svg"]))


def on_a_cycle(edges: list[tuple[int, int, str]]) -> set[tuple[str, str]]:
    """Edges a -> b where b leads back to a, worked out here without the analysis code."""
    succ: dict[int, set[int]] = {}
    for a, b, _ in edges:
        succ.setdefault(a, set()).add(b)

    def reaches(start: int, goal: int) -> bool:
        seen, todo = {start}, [start]
        while todo:
            for nxt in succ.get(todo.pop(), ()):
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return start == goal

    return {(f"i{a}", f"i{b}") for a, b, _ in edges if reaches(b, a)}


# --- reading the SVG ------------------------------------------------------------------------------


def classes(el: ET.Element) -> list[str]:
    return el.get("class", "").split()


def groups(root: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if kind in classes(g)]


def px_per_unit(root: ET.Element) -> float:
    """Screen pixels per SVG user unit at 100 %: width in pt (1 pt = 4/3 px) over the viewBox, times the scale."""
    width = root.get("width", "")
    assert width.endswith("pt"), width
    view_width = float(root.get("viewBox", "").split()[2])
    (graph,) = groups(root, "graph")
    scale = re.search(r"scale\(([\d.]+)", graph.get("transform", ""))
    return float(width[:-2]) * 4 / 3 / view_width * (float(scale.group(1)) if scale else 1.0)


def box(node: ET.Element) -> tuple[float, float, float, float]:
    """The bounding box of a node's shape (a path or polygon) in user units."""
    shape = next(el for el in node if el.tag in (f"{SVG}path", f"{SVG}polygon"))
    numbers = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d") or shape.get("points", ""))]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def word_boxes(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The words on the edges, with a box estimated from their length (0.55 of the font size a character)."""
    out = []
    for e in groups(root, "edge"):
        for t in e.iter(f"{SVG}text"):
            x, y, size = float(t.get("x", "0")), float(t.get("y", "0")), float(t.get("font-size", "0"))
            half = len(t.text or "") * size * 0.55 / 2
            out.append((e.get("id", ""), (x - half, y - size * 0.8, x + half, y + size * 0.2)))
    return out


def overlapping(boxes: list[tuple[str, tuple[float, float, float, float]]]) -> list[tuple[str, str]]:
    found = []
    for k, (a, (ax0, ay0, ax1, ay1)) in enumerate(boxes):
        for b, (bx0, by0, bx1, by1) in boxes[k + 1 :]:
            if min(ax1, bx1) > max(ax0, bx0) and min(ay1, by1) > max(ay0, by0):
                found.append((a, b))
    return found


def text_of(el: ET.Element) -> str:
    return " ".join(" ".join("".join(t.itertext()).split()) for t in el.iter(f"{SVG}text"))


def ingang_of(node: ET.Element, g: m.Gemeente) -> m.Ingang:
    css = next(c.removeprefix("knoop-") for c in classes(node) if c.startswith("knoop-"))
    (ingang,) = [i for i in g.ingangen if slug(i.id) == css]
    return ingang


# --- the layout ---------------------------------------------------------------------------------------


def test_the_test_gemeente_is_as_big_as_the_issue_asks(grootstad):
    assert len(grootstad.ingangen) == N
    assert len(referrals()) > 100
    assert {k for _, _, k in referrals()} == {"warm", "lauw", "koud", "afwijzen"}
    assert 0 < len(on_a_cycle(referrals())) < len(referrals())


def test_no_two_ingangen_overlap(drawn, grootstad):
    _, root = drawn
    boxes = [(ingang_of(n, grootstad).id, box(n)) for n in groups(root, "node")]
    assert len(boxes) == N
    for k, (a, (ax0, ay0, ax1, ay1)) in enumerate(boxes):
        assert ax1 - ax0 > 20 and ay1 - ay0 > 10, a
        for b, (bx0, by0, bx1, by1) in boxes[k + 1 :]:
            overlap_x = min(ax1, bx1) - max(ax0, bx0)
            overlap_y = min(ay1, by1) - max(ay0, by0)
            assert overlap_x <= 0 or overlap_y <= 0, (a, b)


def test_no_two_edge_words_cover_each_other(drawn):
    _, root = drawn
    words = word_boxes(root)
    assert len(words) == len(referrals())
    assert not overlapping(words)


def test_every_text_is_at_least_11_px_at_100_percent(drawn):
    _, root = drawn
    factor = px_per_unit(root)
    texts = list(root.iter(f"{SVG}text"))
    assert len(texts) > N + len(referrals())  # names (some over more lines), edge words, group and title
    for t in texts:
        size = float(t.get("font-size", "0")) * factor
        assert size >= 11, (t.text, size)


def test_every_ingang_shows_its_full_name_in_its_own_box(drawn, grootstad):
    _, root = drawn
    for node in groups(root, "node"):
        ingang = ingang_of(node, grootstad)
        assert text_of(node) == " ".join(ingang.naam.split()), ingang.id
        assert "…" not in text_of(node)
    # long names wrap over lines, one word that cannot wrap stays whole
    wrapped = [n for n in groups(root, "node") if len(list(n.iter(f"{SVG}text"))) > 1]
    assert len(wrapped) >= 5


def test_ingangen_are_grouped_by_soort_under_a_dutch_heading(drawn, grootstad):
    v, root = drawn
    clusters = groups(root, "cluster")
    assert [text_of(c) for c in clusters] == ["Vindplaatsen", "Loketten", "Teams", "Organisaties"]
    for c in clusters:
        (x0, y0, x1, y1) = box(c)
        inside = [
            ingang_of(n, grootstad).soort
            for n in groups(root, "node")
            if x0 <= box(n)[0] and box(n)[2] <= x1 and y0 <= box(n)[1] and box(n)[3] <= y1
        ]
        soort = {"Loketten": "loket", "Teams": "team", "Vindplaatsen": "vindplaats", "Organisaties": "organisatie"}
        assert inside and set(inside) == {soort[text_of(c)]}, text_of(c)
        assert len(inside) == SOORT.count(soort[text_of(c)])
    for k, a in enumerate(clusters):
        for b in clusters[k + 1 :]:
            (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = box(a), box(b)
            assert min(ax1, bx1) <= max(ax0, bx0) or min(ay1, by1) <= max(ay0, by0), (text_of(a), text_of(b))


def test_edges_on_a_cycle_carry_the_highlight_and_the_others_do_not(drawn):
    v, root = drawn
    expected = on_a_cycle(referrals())
    edges = groups(root, "edge")
    assert len(edges) == len(referrals())
    by_id = {(r["van"], r["naar"]): r for r in v["randen"]}
    for e in edges:
        van = next(c.removeprefix("rand-van-") for c in classes(e) if c.startswith("rand-van-"))
        naar = next(c.removeprefix("rand-naar-") for c in classes(e) if c.startswith("rand-naar-"))
        key = (van, naar)
        assert ("op-kring" in classes(e)) == (key in expected), key
        # thick, and the word says so: not colour alone
        widths = {float(p.get("stroke-width", "1")) for p in e.iter(f"{SVG}path")}
        assert (min(widths) >= 2.5) == (key in expected), (key, widths)
        assert ("↻" in text_of(e)) == (key in expected), key
        assert by_id[key]["cyclus"] == (key in expected)


def test_each_kind_of_edge_differs_in_colour_line_arrowhead_and_word(drawn):
    _, root = drawn
    looks: dict[str, set[tuple]] = {}
    for e in groups(root, "edge"):
        kinds = {f"rand-{k}" for k in (*m.OVERDRACHTEN, "afwijzen")}
        (kind,) = [c.removeprefix("rand-") for c in classes(e) if c in kinds]
        paths = [p for p in e.iter(f"{SVG}path") if p.get("stroke") != "transparent"]
        arrow = next(e.iter(f"{SVG}polygon"))
        look = (
            paths[0].get("stroke"),  # colour
            (len(paths), paths[0].get("stroke-dasharray")),  # line: double, single, dotted or dashed
            (arrow.get("fill") == "none", len(arrow.get("points", "").split())),  # arrowhead: open or not, shape
            text_of(e).removesuffix(" ↻"),  # word
        )
        looks.setdefault(kind, set()).add(look)
    assert set(looks) == {"warm", "lauw", "koud", "afwijzen"}
    assert all(len(x) == 1 for x in looks.values()), looks
    one = {kind: next(iter(x)) for kind, x in looks.items()}
    for aspect in range(4):
        assert len({look[aspect] for look in one.values()}) == 4, (aspect, one)
    assert {k: one[k][3] for k in one} == {"warm": "warm", "lauw": "lauw", "koud": "koud", "afwijzen": "afwijzing"}


def test_hovering_an_ingang_has_css_for_its_edges(drawn, grootstad):
    v, root = drawn
    (style,) = list(root.iter(f"{SVG}style"))
    css = style.text or ""
    node_classes = {c for n in groups(root, "node") for c in classes(n) if c.startswith("knoop-")}
    assert node_classes == {f"knoop-{slug(i.id)}" for i in grootstad.ingangen}
    for c in sorted(node_classes):
        s = c.removeprefix("knoop-")
        assert f".knoop-{s}:hover" in css and f".knoop-{s}:focus" in css, s
        assert f".rand-van-{s}" in css and f".rand-naar-{s}" in css, s
    for e in groups(root, "edge"):
        ends = [c for c in classes(e) if c.startswith(("rand-van-", "rand-naar-"))]
        assert len(ends) == 2 and all(f"knoop-{c.split('-', 2)[2]}" in node_classes for c in ends)
    # every ingang can get keyboard focus; no script is needed for any of it
    assert all(n.get("tabindex") == "0" for n in groups(root, "node"))
    assert not list(root.iter(f"{SVG}script"))
    assert "<" not in css and "&" not in css


def test_tooltips_and_ids_name_ingangen_and_are_unique(drawn, grootstad):
    v, root = drawn
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9_-]+", i) for i in ids), ids
    names = {i.naam for i in grootstad.ingangen}
    for node in groups(root, "node"):
        title = node.find(f"{SVG}title")
        assert title is not None and title.text.startswith(ingang_of(node, grootstad).naam)
    by_slug = {slug(i.id): i.naam for i in grootstad.ingangen}
    for e in groups(root, "edge"):
        title = e.find(f"{SVG}title").text
        van = next(by_slug[c.removeprefix("rand-van-")] for c in classes(e) if c.startswith("rand-van-"))
        naar = next(by_slug[c.removeprefix("rand-naar-")] for c in classes(e) if c.startswith("rand-naar-"))
        assert title.startswith(f"{van} → {naar} ("), title
        assert not re.search(r"\bi\d+\b", title.split("; regels: ")[0]), title  # no ingang ids
    (graph,) = groups(root, "graph")
    assert graph.find(f"{SVG}title").text == v["titel"]
    assert names


def test_the_page_shows_the_drawing_at_its_own_size_with_a_legend(grootstad):
    (name, page), (dot_name, dot) = outputs.network(grootstad)
    assert (name, dot_name) == ("netwerk-grootstad_nu.html", "netwerk-grootstad_nu.dot")
    assert '<div class="netwerk-tekening">\n<svg class="netwerk"' in page
    # the svg is never scaled down to the page: the container scrolls instead
    css = page[page.index("<style>") : page.index("</style>")]
    assert ".netwerk-tekening { overflow: auto;" in css
    assert ".netwerk-tekening svg { display: block; max-width: none; }" in css
    for mark in ("dubbele lijn", "open pijlpunt", "gestippeld", "dwarsstreep", "↻", "Tab", "eerste contact"):
        assert mark in page, mark
    assert network.NO_GRAPHVIZ not in page
    # the .dot file is the source of this very drawing
    assert dot.startswith('digraph "netwerk-grootstad_nu" {') and 'subgraph "cluster_team"' in dot


def test_the_drawing_is_the_same_every_time(grootstad):
    assert outputs.network(grootstad) == outputs.network(grootstad)


# --- hostile names ------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_names_stay_text(grootstad):
    g = attrs.evolve(
        grootstad,
        naam=HOSTILE + "gemeente",
        ingangen=tuple(attrs.evolve(i, naam=f"{HOSTILE}{i.id}") for i in grootstad.ingangen),
    )
    v = network.view(g)
    assert v["svg"] is not None
    root = ET.fromstring(str(v["svg"]))
    assert not [el for el in root.iter() if el.tag.lower().endswith("script")]
    for node in groups(root, "node"):
        ingang = ingang_of(node, g)
        assert text_of(node) == " ".join(ingang.naam.split())
    (name, page), _ = outputs.network(g)
    p = _Tags()
    p.feed(page)
    assert "script" not in p.tags
    assert "<script>alert(1)</script>" in html.unescape("".join(p.text))
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- without Graphviz ---------------------------------------------------------------------------------


def test_without_dot_the_page_says_so_and_draws_a_circle(grootstad, monkeypatch):
    monkeypatch.setenv(graphviz.ENV_VAR, "/nonexistent/dot")
    assert graphviz.program() is None and graphviz.svg("digraph { a -> b }") is None
    v = network.view(grootstad)
    assert v["svg"] is None and v["melding"] == network.NO_GRAPHVIZ
    (_, page), (_, dot) = outputs.network(grootstad)
    assert "Graphviz (dot) is niet geïnstalleerd; deze tekening is een eenvoudige schikking in een cirkel." in page
    assert '<svg class="cirkel"' in page and 'class="netwerk"' not in page
    assert dot.startswith("digraph")  # the .dot file is still written, for whoever has Graphviz elsewhere
    for i in grootstad.ingangen:
        assert html.escape(i.naam, quote=False) in page


def test_when_dot_fails_the_page_says_that_instead(grootstad, monkeypatch):
    def timeout(*args, **kwargs):
        raise subprocess.TimeoutExpired(args[0], 1)

    monkeypatch.setattr(graphviz.subprocess, "run", timeout)
    v = network.view(grootstad)
    assert v["svg"] is None and v["melding"] == network.GRAPHVIZ_FAILED


def test_dot_can_be_named_by_the_environment(monkeypatch):
    real = graphviz.program()
    assert real is not None
    monkeypatch.setenv(graphviz.ENV_VAR, real)
    assert graphviz.program() == real
    out = graphviz.svg('digraph { a -> b [label="x"] }')
    assert out is not None and out.startswith("<svg") and "<!--" not in out and "<?xml" not in out


def test_inline_drops_the_prolog_doctype_and_comments():
    doc = textwrap.dedent(
        """\
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
         "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <!-- Generated by graphviz -->
        <svg width="8pt" height="8pt" viewBox="0 0 8 8">
        <!-- a -->
        <g id="a" class="node"><text>a</text></g>
        </svg>
        """
    )
    assert graphviz.inline(doc) == (
        '<svg width="8pt" height="8pt" viewBox="0 0 8 8">\n<g id="a" class="node"><text>a</text></g>\n</svg>\n'
    )
    assert graphviz.inline("no svg here") is None


def test_the_shipped_networks_are_laid_out_without_overlaps():
    """Boxes, groups and edge words; Nijmegen's new situation needs dot's newer ranking (see render/network.py)."""
    from conftest import open_shipped

    cat = open_shipped()
    seen = 0
    for g in cat.gemeenten.values():
        for variant in g.varianten:
            gv = g.in_variant(variant.id)
            v = network.view(gv)
            assert v["svg"] is not None, (g.id, variant.id)
            root = ET.fromstring(str(v["svg"]))
            for kind in ("node", "cluster"):
                boxes = [box(x) for x in groups(root, kind)]
                for k, (ax0, ay0, ax1, ay1) in enumerate(boxes):
                    for bx0, by0, bx1, by1 in boxes[k + 1 :]:
                        assert min(ax1, bx1) <= max(ax0, bx0) or min(ay1, by1) <= max(ay0, by0), (g.id, kind)
            assert len(groups(root, "node")) == len(gv.ingangen)
            assert not overlapping(word_boxes(root)), (g.id, variant.id)
            seen += 1
    assert seen >= 6


# --- the atlas ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("with_dot", [True, False], ids=["graphviz", "zonder-graphviz"])
def test_the_atlas_embeds_the_network_of_each_variant(cat, monkeypatch, with_dot):
    from journeykit.atlas.pages import gemeente_page

    if not with_dot:
        monkeypatch.setenv(graphviz.ENV_VAR, "/nonexistent/dot")
    g = cat.gemeenten["teststad"]
    pages: dict[str, str] = {}
    text = gemeente_page(cat, g, [], pages)
    blocks = re.findall(r'<div class="jk-netwerk" markdown="0">(.*?)</div>\n', text, re.DOTALL)
    assert len(blocks) == len(g.varianten)
    for v in g.varianten:
        assert f"atlas/netwerken/{slug(g.id, v.id)}.html" in pages
    for block in blocks:
        assert "\n\n" not in block  # Markdown would end a raw HTML block at a blank line
        if with_dot:
            assert '<svg class="netwerk"' in block and "dubbele lijn" in block
        else:
            assert network.NO_GRAPHVIZ in block and '<svg class="cirkel"' in block
    # ids stay unique on the page, with a drawing per variant
    ids = re.findall(r' id="([^"]+)"', text)
    assert len(ids) == len(set(ids))


def test_edge_words_on_one_spot_are_moved_apart():
    word = '<text text-anchor="middle" x="10" y="-20" font-family="Helvetica,sans-Serif" font-size="10.00">warm</text>'
    svg = "".join(f'<g id="e{k}" class="edge rand">\n<title>t</title>\n{word}\n</g>\n' for k in range(3))
    spread = network.spread_edge_words(svg)
    assert re.findall(r'y="([-\d.]+)"', spread) == ["-20.0", "-7.5", "5.0"]
    assert network.spread_edge_words(spread) == spread

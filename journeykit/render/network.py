"""The referral network as a picture: the DOT source, and the SVG Graphviz makes of it, ready for a page.

Graphviz lays the network out from ``templates/network.dot``; this module only makes its SVG fit for a
page: tooltips that name ingangen (Graphviz writes its own node ids there), a focusable group per ingang
and a few CSS rules that light up an ingang's edges when the pointer is on it or it has focus. Without
Graphviz there is no SVG and the page draws the ingangen on a circle instead.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup

from journeykit import model as m
from journeykit.render import graphviz, overviews
from journeykit.render.templating import render

NO_GRAPHVIZ = "Graphviz (dot) is niet geïnstalleerd; deze tekening is een eenvoudige schikking in een cirkel."
GRAPHVIZ_FAILED = (
    "Graphviz (dot) kon dit netwerk niet tekenen; deze tekening is een eenvoudige schikking in een cirkel."
)

_ROOT = re.compile(r"<svg\b")
_EDGE = re.compile(r'<g id="[^"]*" class="edge[^"]*"[^>]*>.*?</g>', re.DOTALL)
_TEXT = re.compile(r'(<text text-anchor="middle" x="([-\d.]+)" y=")([-\d.]+)("[^>]*font-size="([\d.]+)"[^>]*>)([^<]*)<')
CHAR_WIDTH = 0.6  # of the font size: wide enough for Helvetica and DejaVu Sans, whichever the browser has
# A group Graphviz made for the graph, a cluster, a node or an edge, with the <title> it starts with.
_GROUP_TITLE = re.compile(r'<g id="([^"]*)" class="([^"]*)"([^>]*)>\n<title>[^<]*</title>\n')


def view(g: m.Gemeente) -> dict[str, Any]:
    """The network of ``g`` as a view: ``overviews.network`` plus ``dot`` (the source), ``svg`` (Graphviz's
    drawing, or None) and ``melding`` (why the simple drawing is shown, or None)."""
    from journeykit.analysis.loops import referral_graph, static_cycles

    graph = referral_graph(g)
    v = overviews.network(g, graph, static_cycles(graph))
    # dot's usual ranking first; where it reports trouble with the groups, the newer ranking
    # (which can put edge words on top of each other, so it is not the first choice)
    for newrank in (False, True):
        v["dot"] = render("network.dot", newrank=newrank, **v)
        laid_out = graphviz.svg(v["dot"], strict=not newrank)
        if laid_out or graphviz.program() is None:
            break
    ready = prepare(laid_out, v) if laid_out else ""
    # Graphviz escapes every text it writes; prepare adds only escaped text and slugs
    v["svg"] = Markup(ready) if ready else None
    v["melding"] = None if ready else NO_GRAPHVIZ if graphviz.program() is None else GRAPHVIZ_FAILED
    return v


def tooltips(v: dict[str, Any]) -> dict[str, str]:
    """The tooltip of each group in the drawing, by its id: names and kinds, never ids."""
    tips = {v["dom_id"]: v["titel"]}
    tips.update({c["dom_id"]: c["naam"] for c in v["groepen"]})
    for k in v["knopen"]:
        start = "kan hier beginnen" if k["eerste_contact"] else "niet zelf te beginnen"
        tips[k["dom_id"]] = f"{k['naam']} ({k['soort']}; {start}); {k['herkomst']}"
    for r in v["randen"]:
        kring = "; op een kring" if r["cyclus"] else ""
        tips[r["dom_id"]] = (
            f"{r['van_naam']} → {r['naar_naam']} ({r['woord']}{kring}); regels: {', '.join(r['regels'])}"
        )
    return tips


def hover_css(v: dict[str, Any]) -> str:
    """CSS that, while an ingang has the pointer or focus, dims every edge but its own and thickens its own.

    Only slugs go in (see overviews.network), so the rules contain no text from the data."""
    lines = [
        "svg.netwerk .knoop { cursor: default; }",
        "svg.netwerk .knoop:focus { outline: none; }",
        "svg.netwerk .knoop:is(:hover, :focus) path { stroke-width: 3px; }",
        "svg.netwerk:has(.knoop:hover, .knoop:focus) .rand { opacity: 0.15; }",
    ]
    for k in v["knopen"]:
        c = k["css"]
        on = f"svg.netwerk:has(.knoop-{c}:hover, .knoop-{c}:focus)"
        lines.append(f"{on} :is(.rand.rand-van-{c}, .rand.rand-naar-{c}) {{ opacity: 1; }}")
        lines.append(f"{on} :is(.rand.rand-van-{c}, .rand.rand-naar-{c}) path {{ stroke-width: 4px; }}")
    return "\n".join(lines)


def prepare(svg: str, v: dict[str, Any]) -> str:
    """Graphviz's SVG for ``v`` made ready for a page (see the module's docstring)."""
    tips = tooltips(v)

    def group(match: re.Match[str]) -> str:
        dom_id, classes = match.group(1), match.group(2)
        tip = tips.get(html.unescape(dom_id))
        focus = ' tabindex="0"' if classes.split()[0] == "node" else ""
        title = f"<title>{html.escape(tip)}</title>\n" if tip is not None else ""
        return f'<g id="{dom_id}" class="{classes}"{match.group(3)}{focus}>\n{title}'

    svg = spread_edge_words(svg)
    label = html.escape(v["titel"])
    style = f"<style>\n{hover_css(v)}\n</style>\n"
    svg = _GROUP_TITLE.sub(group, svg)
    root = _ROOT.search(svg)
    if root is None:  # graphviz.inline returns nothing else, but a page must never get half an element
        return ""
    head_end = svg.index(">", root.end()) + 1
    head = f'{svg[: root.start()]}<svg class="netwerk" role="group" aria-label="{label}"{svg[root.end() : head_end]}'
    return head + "\n" + style + svg[head_end:].lstrip("\n")


def spread_edge_words(svg: str) -> str:
    """Move the word of an edge down, a line at a time, while it would cover the word of an earlier edge.

    dot puts the words of edges that run side by side between the same ranks at one spot at times (two
    "warm" on top of each other read as one). Widths are estimated from the number of characters."""
    placed: list[tuple[float, float, float, float]] = []

    def place(match: re.Match[str]) -> str:
        x, y, size = float(match.group(2)), float(match.group(3)), float(match.group(5))
        half = len(html.unescape(match.group(6))) * size * CHAR_WIDTH / 2
        for _ in range(8):
            box = (x - half, y - size, x + half, y + size * 0.25)
            if not any(min(box[2], b[2]) > max(box[0], b[0]) and min(box[3], b[3]) > max(box[1], b[1]) for b in placed):
                break
            y += size * 1.25
        placed.append(box)
        return f"{match.group(1)}{round(y, 2)}{match.group(4)}{match.group(6)}<"

    return _EDGE.sub(lambda edge: _TEXT.sub(place, edge.group(0)), svg)

"""Charts for the simulation report, drawn offline by matplotlib as inline SVG.

Each chart is a finished ``<svg>`` element: text stays text (no glyph outlines), with a ``<title>`` and ``<desc>``
that say in words what it shows, and ``role="img"``. The same input gives byte-identical SVG: matplotlib's ids
come from a fixed salt, there is no date, and every id is prefixed by the chart's own, so that several charts on
one page never share one. Nothing is told by colour alone: each series also has its own line style, marker or
hatch. Matplotlib is imported inside the functions, so that `journeykit --help` stays fast.

Names from the data reach the SVG only as matplotlib's escaped text (math parsing off, so "$" is a dollar);
the title and description are escaped here.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Sequence
from html import escape
from typing import Any

from journeykit.render.simulation import euro

# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), each with a second cue.
KLEUREN = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
LIJNEN = ("-", "--", ":", "-.")
MARKERS = ("o", "s", "^", "D")
ARCERING = (None, "..", "xx", "\\\\")
ONBEKEND_KLEUR = "#9aa0a6"
ONBEKEND_ARCERING = "//"
TEKST = "#1f2328"
MIN_FONT = 11  # in the SVG's units (points): at its own size that is 14.7 px on screen, never less than 11 px
BREEDTE = 8.0  # inches

MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MAANDDAGEN = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_RC: Any = {  # matplotlib types its keys as literals
    "svg.hashsalt": "journeykit",
    "svg.fonttype": "none",
    "font.size": MIN_FONT,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "axes.titlesize": 12,
    "axes.labelsize": MIN_FONT,
    "xtick.labelsize": MIN_FONT,
    "ytick.labelsize": MIN_FONT,
    "legend.fontsize": MIN_FONT,
    "text.parse_math": False,
    "text.color": TEKST,
    "axes.labelcolor": TEKST,
    "xtick.color": TEKST,
    "ytick.color": TEKST,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.8,
}
# Waits on a logarithmic axis: these ticks, in minutes, with their words.
_WACHT_TICKS = (
    (0, "0"),
    (10, "10 min"),
    (60, "1 uur"),
    (4 * 60, "4 uur"),
    (1440, "1 dag"),
    (7 * 1440, "1 week"),
    (30 * 1440, "30 dagen"),
    (365 * 1440, "1 jaar"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DOM_ID = re.compile(r"[a-z][a-z0-9-]*")
_TAG = re.compile(r"<[^>]+>")


def label(text: str, n: int = 40) -> str:
    """A name as a chart shows it: one line, no control characters, at most ``n`` characters (tables give it
    whole)."""
    text = " ".join(_CONTROL.sub("\ufffd", str(text)).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def maand_van(dag: int) -> tuple[int, int]:
    """Day ``dag`` (0 = Monday 1 January, the simulation's first day; no leap years) as (month 0-11, day 1-31)."""
    dag %= 365
    for maand, n in enumerate(MAANDDAGEN):
        if dag < n:
            return maand, dag + 1
        dag -= n
    raise AssertionError("a year has 365 days here")


def _figure(hoogte: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(BREEDTE, hoogte), layout="constrained")


def _finish(fig: Any, dom_id: str, titel: str, uitleg: str) -> str:
    """The figure as an inline ``<svg>`` element with its own ids, a title and a description."""
    if not _DOM_ID.fullmatch(dom_id):
        raise ValueError(f"not a safe id: {dom_id!r}")
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    # matplotlib's stylesheet says '*{...}': inside a page that would reach every element of it
    svg = re.sub(r'\s*<style type="text/css">.*?</style>', "", svg, flags=re.S)
    svg = re.sub(r"\s*<defs>\s*</defs>", "", svg)

    def own(tag: re.Match) -> str:
        t = re.sub(r'\bid="([^"]+)"', lambda x: f'id="{dom_id}-{x.group(1)}"', tag.group(0))
        t = re.sub(r'href="#([^"]+)"', lambda x: f'href="#{dom_id}-{x.group(1)}"', t)
        return re.sub(r"url\(#([^)]+)\)", lambda x: f"url(#{dom_id}-{x.group(1)})", t)

    svg = _TAG.sub(own, svg)  # text between tags is escaped by matplotlib: only real tags match
    root = svg.index(">") + 1
    head = svg[:root].replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{dom_id}-titel {dom_id}-uitleg" stroke-linejoin="round"'
        ' stroke-linecap="butt" ',
        1,
    )
    own_text = (
        f'\n <title id="{dom_id}-titel">{escape(titel)}</title>\n <desc id="{dom_id}-uitleg">{escape(uitleg)}</desc>'
    )
    return head + own_text + svg[root:].rstrip() + "\n"


def _draw(dom_id: str, titel: str, uitleg: str, hoogte: float, teken: Any) -> str:
    import matplotlib

    with matplotlib.rc_context(_RC), warnings.catch_warnings():
        # A name in a script DejaVu Sans lacks: matplotlib measures it with a stand-in glyph, the browser that
        # shows the text uses its own fonts.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig = _figure(hoogte)
        teken(fig)
        return _finish(fig, dom_id, titel, uitleg)


def _dagas(ax: Any, dagen: int) -> None:
    """The x axis of a chart by day: months for up to a year, years beyond."""
    if dagen <= 365:
        starts, k = [], 0
        for n in MAANDDAGEN:
            if k < dagen:
                starts.append(k)
            k += n
        ax.set_xticks([s + 1 for s in starts], MAANDEN[: len(starts)])
        ax.set_xlabel("dag van het jaar (de simulatie begint op maandag 1 januari)")
    else:
        jaren = range(0, dagen, 365)
        ax.set_xticks([j + 1 for j in jaren], [f"jaar {n + 1}" for n in range(len(jaren))])
        ax.set_xlabel("dag (de simulatie begint op maandag 1 januari)")
    ax.set_xlim(1, max(dagen, 2))


def wachtrij(
    panelen: Sequence[tuple[str, Sequence[tuple[str, Sequence[float]]]]],
    dagen: int,
    dom_id: str,
    titel: str,
    uitleg: str,
) -> str:
    """Small multiples, one panel per ingang (name, [(series name, mean number waiting per day)]): the queue
    over the simulated days. Series are told apart by colour, line style and marker, and named in a legend."""

    def teken(fig: Any) -> None:
        axes = fig.subplots(len(panelen), 1, sharex=True, squeeze=False)[:, 0]
        hoogste = max((max(v, default=0.0) for _, reeksen in panelen for _, v in reeksen), default=0.0)
        for ax, (naam, reeksen) in zip(axes, panelen, strict=True):
            ax.set_title(label(naam, 80), loc="left")
            for n, (reeks, waarden) in enumerate(reeksen):
                ax.plot(
                    range(1, len(waarden) + 1),
                    list(waarden),
                    color=KLEUREN[n % 4],
                    linestyle=LIJNEN[n % 4],
                    marker=MARKERS[n % 4],
                    markevery=max(1, len(waarden) // 12),
                    markersize=5,
                    linewidth=1.2,
                    label=label(reeks),
                )
            if not any(len(waarden) for _, waarden in reeksen):
                ax.text(0.5, 0.5, "geen gegevens", transform=ax.transAxes, ha="center", va="center")
            ax.set_ylim(0, max(1.0, hoogste * 1.05))
            ax.set_ylabel("wachtend")
            ax.grid(axis="y", color="#d0d7de", linewidth=0.6)
        _dagas(axes[-1], dagen)
        if max(len(r) for _, r in panelen) > 1:  # one legend for all panels, above them
            handles, labels = next(ax.get_legend_handles_labels() for ax in axes if len(ax.get_lines()) > 1)
            if labels:
                fig.legend(handles, labels, loc="outside upper right", frameon=False, ncols=len(labels))

    return _draw(dom_id, titel, uitleg, 0.9 + 1.7 * max(1, len(panelen)), teken)


def _wacht_x(minuten: float) -> float:
    return math.log10(1.0 + max(0.0, minuten))


def wachttijden(
    rijen: Sequence[tuple[str, int, Sequence[float]]],
    reeksen: Sequence[str],
    dom_id: str,
    titel: str,
    uitleg: str,
) -> str:
    """The spread of the wait per row (label, of which 60 characters are shown; series number; the 1st..99th
    percentile in minutes), top to bottom: a thin line from 1 % to 99 %, a thick one from 10 % to 90 %, a box
    from 25 % to 75 % and a marker at the median, on a logarithmic axis in minutes, hours and days. A row without
    waits says "onbekend"."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    def teken(fig: Any) -> None:
        ax = fig.subplots()
        hoogste = max((max(k, default=0.0) for _, _, k in rijen), default=0.0)
        for y, (_, n, k) in enumerate(rijen):
            kleur = KLEUREN[n % 4]
            if len(k) < 99:
                ax.text(
                    0.01, y, "onbekend: niemand geholpen", va="center", ha="left", transform=ax.get_yaxis_transform()
                )
                continue
            ax.plot([_wacht_x(k[0]), _wacht_x(k[98])], [y, y], color=kleur, linewidth=1)
            ax.plot([_wacht_x(k[9]), _wacht_x(k[89])], [y, y], color=kleur, linewidth=4, solid_capstyle="butt")
            lo, hi = _wacht_x(k[24]), _wacht_x(k[74])
            ax.add_patch(
                Rectangle(
                    (lo, y - 0.3),
                    max(hi - lo, 0.005),
                    0.6,
                    facecolor="#ffffff",
                    edgecolor=kleur,
                    hatch=ARCERING[n % 4],
                    linewidth=1.5,
                    zorder=3,
                )
            )
            ax.plot(
                [_wacht_x(k[49])],
                [y],
                marker=MARKERS[n % 4],
                color=kleur,
                markeredgecolor=TEKST,
                markersize=8,
                zorder=4,
            )
        ax.set_yticks(range(len(rijen)), [label(naam, 60) for naam, _, _ in rijen])
        ax.set_ylim(len(rijen) - 0.5, -0.5)
        top = max(60.0, hoogste)
        ticks = [(m, w) for m, w in _WACHT_TICKS if m <= top * 1.5]
        ax.set_xticks([_wacht_x(m) for m, _ in ticks], [w for _, w in ticks])
        ax.set_xlim(0, _wacht_x(top) * 1.05)
        ax.set_xlabel("wachttijd (logaritmische schaal)")
        ax.grid(axis="x", color="#d0d7de", linewidth=0.6)
        uitleg_items = [
            Line2D([], [], color=TEKST, linewidth=1, label="1 % tot 99 %"),
            Line2D([], [], color=TEKST, linewidth=4, label="10 % tot 90 %"),
            Patch(facecolor="#ffffff", edgecolor=TEKST, label="25 % tot 75 %"),
        ]
        for n, reeks in enumerate(reeksen):
            uitleg_items.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker=MARKERS[n % 4],
                    color=KLEUREN[n % 4],
                    markeredgecolor=TEKST,
                    label=f"mediaan ({label(reeks)})" if len(reeksen) > 1 else "mediaan",
                )
            )
        fig.legend(handles=uitleg_items, loc="outside lower center", ncols=4 if len(reeksen) < 2 else 3, frameon=False)

    return _draw(dom_id, titel, uitleg, 1.6 + 0.45 * max(1, len(rijen)), teken)


def kosten(
    niveaus: Sequence[tuple[str, bool]],
    reeksen: Sequence[tuple[str, Sequence[float | None]]],
    dom_id: str,
    titel: str,
    uitleg: str,
) -> str:
    """Costs a year per level (name, whether it is the "level unknown" group), one bar per series side by side,
    each labelled with its amount. The unknown level is grey, hatched and outlined with dashes; a series is told
    apart by colour and hatch. An unknown amount has no bar, only the word "onbekend"."""
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter

    def teken(fig: Any) -> None:
        ax = fig.subplots()
        breed = 0.8 / max(1, len(reeksen))
        hoogste = max((x for _, w in reeksen for x in w if x is not None), default=0.0)
        for n, (_, waarden) in enumerate(reeksen):
            for i, ((_, onbekend), x) in enumerate(zip(niveaus, waarden, strict=True)):
                pos = i - 0.4 + breed * (n + 0.5)
                arcering = "".join(h for h in (ONBEKEND_ARCERING if onbekend else None, ARCERING[n % 4]) if h)
                if x is None:
                    ax.text(pos, 0, "onbekend", ha="center", va="bottom", rotation=90)
                    continue
                ax.bar(
                    pos,
                    x,
                    breed * 0.92,
                    color=ONBEKEND_KLEUR if onbekend else KLEUREN[n % 4],
                    edgecolor=TEKST,
                    linestyle="--" if onbekend else "-",
                    linewidth=1,
                    hatch=arcering or None,
                )
                # side by side there is no room for the amounts level: they stand upright above their bars
                ax.text(pos, x, " " + euro(x), ha="center", va="bottom", rotation=90 if len(reeksen) > 1 else 0)
        ax.set_xticks(range(len(niveaus)), [label(n, 24) for n, _ in niveaus])
        ax.set_ylim(0, max(1.0, hoogste) * (1.45 if len(reeksen) > 1 else 1.15))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: euro(v)))
        ax.set_ylabel("kosten per jaar")
        ax.grid(axis="y", color="#d0d7de", linewidth=0.6)
        if len(reeksen) > 1:
            ax.legend(
                handles=[
                    Patch(facecolor=KLEUREN[n % 4], edgecolor=TEKST, hatch=ARCERING[n % 4], label=label(r))
                    for n, (r, _) in enumerate(reeksen)
                ],
                loc="upper left",
                frameon=False,
            )

    return _draw(dom_id, titel, uitleg, 3.8, teken)

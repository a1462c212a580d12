"""The atlas's page per gemeente on capacity and waiting: one simulated year of its standard situation.

Only a gemeente with `instroom` gets a page. The simulation runs once, at build time (one replication, seed 0:
enough to show what the data says, quick enough for every build); the page says how to run more. Data the
simulation cannot use (an ingang that gets residents but has no capacity, say) makes a page that says so, not a
failed build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journeykit import api
from journeykit import model as m
from journeykit.atlas.markdown import NavEntry, Pages, raw_html, titel
from journeykit.errors import LoadError, LoadErrors
from journeykit.render import outputs
from journeykit.render.files import slug
from journeykit.render.simulation_views import simulatie_view
from journeykit.render.templating import md, render

TITEL = "Capaciteit en wachttijden"
MAP = "atlas/capaciteit"
DAGEN = 365
SEED = 0


def has_page(g: m.Gemeente) -> bool:
    return g.instroom is not None


def page_path(gemeente_id: str) -> str:
    return f"{MAP}/{slug(gemeente_id)}.md"


def simulation_pages(cat: Any, pages: Pages) -> list[NavEntry]:
    """A page per gemeente with `instroom` (and beside it the report as `journeykit simulate --out` writes it);
    their nav entries."""
    nav: list[NavEntry] = []
    for g in sorted(cat.gemeenten.values(), key=lambda g: g.id):
        if has_page(g):
            path = page_path(g.id)
            pages[path] = simulation_page(cat, g, pages)
            nav.append({titel(g.naam): path})
    return nav


def simulation_page(cat: Any, g: m.Gemeente, pages: Pages) -> str:
    situatie = cat.gemeente(g.id)
    lines = [
        f"# {TITEL}: {md(g.naam)}",
        "",
        (
            f"Eén gesimuleerd jaar van {md(g.naam)} in de situatie {md(situatie.variant_naam())}, met seed {SEED}: "
            "inwoners komen aan zoals de instroom zegt, wachten bij elke ingang op hun route tot een medewerker vrij "
            "is, of haken af. Een ander jaar (een andere seed) valt wat anders uit. Meer herhalingen, met bij elk "
            "getal een 95 %-interval, geeft:"
        ),
        "",
        f"    journeykit simulate --gemeente {g.id} --herhalingen 20",
        "",
    ]
    try:
        s = api.simulate(cat, situatie, DAGEN, seed=SEED, herhalingen=1)
    except LoadErrors as e:
        lines += [
            "## Nog niet te simuleren",
            "",
            "De data van deze gemeente is nog niet compleet genoeg om te simuleren:",
            "",
            *[f"- {_fout(f)}" for f in e.errors],
        ]
        return "\n".join(lines) + "\n"
    # the charts are drawn once, for the page and for the report beside it
    view = simulatie_view(s, g.naam, situatie.variant_naam())
    name = outputs.simulation_file(s)
    pages[f"{MAP}/{name}"] = render("simulation.html", **view)
    lines += [
        f"[Het rapport los openen (afdrukbaar)]({name})",
        "",
        raw_html(render("_simulation.html", **view).strip(), "jk-simulatie"),
    ]
    return "\n".join(lines) + "\n"


def _fout(f: LoadError) -> str:
    """A problem for the page: the file by its name (the build machine's folders mean nothing to a reader)."""
    waar = Path(f.bestand).name + (f", regel {f.regel}" if f.regel else "")
    sleutel = f" ({md(f.sleutel)})" if f.sleutel else ""
    return f"{md(waar)}{sleutel}: {md(f.bericht)}"

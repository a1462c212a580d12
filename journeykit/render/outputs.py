"""Every output journeykit renders, as (file name, content) pairs. The CLI writes them with ``files.OutputFolder``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from journeykit import model as m
from journeykit.render import overviews, tables, views
from journeykit.render.files import slug
from journeykit.render.templating import render

if TYPE_CHECKING:
    from journeykit.analysis.capacity import Simulatie, SimVergelijking

Bestanden = list[tuple[str, str]]
# Spreadsheets: CSV as text, XLSX as bytes.
Tabellen = list[tuple[str, str | bytes]]


def journey_name(j: m.Journey, eerste_ingang: str | None = None) -> str:
    parts = [j.gemeente, j.variant, j.persona, j.sleutelmoment, j.vraag]
    if eerste_ingang:
        parts.append(eerste_ingang)
    return slug(*parts)


def journey_map(
    j: m.Journey,
    g: m.Gemeente,
    persona: m.Persona,
    sm: m.Sleutelmoment,
    schendingen: list[m.Schending],
    naam: str | None = None,
    risicos: Sequence[Any] = (),
    andere_routes: Sequence[Any] = (),
) -> Bestanden:
    """``andere_routes``: the routes besides ``j`` that the journey can take (chance.Route), most likely first."""
    view = views.journey_map(j, g, persona, sm, schendingen, risicos=risicos, andere_routes=andere_routes)
    base = "kaart-" + (naam or journey_name(j))
    return [(base + ".html", render("map.html", **view)), (base + ".md", render("map.md", **view))]


def mermaid(j: m.Journey, g: m.Gemeente, persona: m.Persona, sm: m.Sleutelmoment, naam: str | None = None) -> Bestanden:
    base = naam or journey_name(j)
    return [
        (f"{base}.journey.mmd", mermaid_journey(j, g, persona, sm)),
        (f"{base}.flowchart.mmd", mermaid_flowchart(j, g)),
    ]


def mermaid_journey(j: m.Journey, g: m.Gemeente, persona: m.Persona, sm: m.Sleutelmoment) -> str:
    phases = views.phase_columns(j, g)
    names = {s.id: s.naam for s in g.klantreis.stappen}
    sections: list[dict[str, Any]] = []
    for s, ph in zip(j.stappen, phases):
        if not sections or sections[-1]["id"] != ph:
            sections.append({"id": ph, "naam": names.get(ph, ph), "taken": []})
        actors = [persona.naam] if s.contact_inwoner else []
        actors.append(g.ingang_naam(s.ingang))
        actors += [g.ingang_naam(x) for x in s.met]
        if s.naar and s.overdracht == "warm":
            actors.append(g.ingang_naam(s.naar))
        sections[-1]["taken"].append(
            # Only the place: Mermaid's journey boxes have a fixed width and do not wrap (the flowchart says what
            # happened there).
            {"tekst": f"{s.nummer}. {g.ingang_naam(s.ingang)}", "score": s.ervaring, "actoren": actors}
        )
    return render("journey.mmd", titel=f"{persona.naam} · {sm.naam} · {g.naam} ({g.variant_naam()})", secties=sections)


def mermaid_flowchart(j: m.Journey, g: m.Gemeente) -> str:
    ids: dict[str, str] = {}
    for s in j.stappen:
        ids.setdefault(s.ingang, f"n{len(ids) + 1}")
    for s in j.stappen:
        if s.naar and s.naar not in ids:
            ids[s.naar] = f"n{len(ids) + 1}"
    nodes = [{"id": nid, "naam": g.ingang_naam(iid)} for iid, nid in ids.items()]
    edges = []
    closing = j.lus_stappen[-1].nummer if j.lus_stappen else None
    for k, s in enumerate(j.stappen):
        target = s.naar or (j.stappen[k + 1].ingang if k + 1 < len(j.stappen) else None)
        if target is None or target == s.ingang and s.actie != "verhelderen":
            continue
        closes_loop = s.nummer == closing
        label = f"{s.nummer}. " + (s.overdracht if s.overdracht in m.OVERDRACHTEN else s.actie)
        edges.append(
            {
                "van": ids[s.ingang],
                "naar": ids[target],
                "label": label,
                "lus": closes_loop,
                "koud": s.overdracht == "koud",
            }
        )
    end = None
    if j.uitkomst.soort != "kastje-naar-de-muur" and j.stappen:
        end = {
            "van": ids[j.stappen[-1].ingang],
            "tekst": j.uitkomst.soort + (f" ({j.uitkomst.niveau})" if j.uitkomst.niveau else ""),
        }
    return render("flowchart.mmd", knopen=nodes, randen=edges, einde=end)


def canvas(
    j: m.Journey,
    g: m.Gemeente,
    persona: m.Persona,
    sm: m.Sleutelmoment,
    schendingen: list[m.Schending],
    verschil: Any = None,
    naam: str | None = None,
) -> Bestanden:
    view = views.canvas(j, g, persona, sm, schendingen, verschil)
    return [("werkblad-" + (naam or journey_name(j)) + ".html", render("canvas.html", **view))]


def matrix(
    g: m.Gemeente,
    personas: list[m.Persona],
    sms: list[m.Sleutelmoment],
    journeys: dict[tuple[str, str], m.Journey],
    opgelost: dict[tuple[str, str], float] | None = None,
) -> Bestanden:
    view = overviews.matrix(g, personas, sms, journeys, opgelost or {})
    base = matrix_name(g)
    return [(base + ".html", render("matrix.html", **view)), (base + ".md", render("matrix.md", **view))]


def network(g: m.Gemeente) -> Bestanden:
    from journeykit.render import network as picture

    view = picture.view(g)
    base = "netwerk-" + slug(g.id, g.variant or "")
    return [(base + ".html", render("network.html", **view)), (base + ".dot", view["dot"])]


def compare_report(v: Any, cat: Any) -> Bestanden:
    view = overviews.compare_report(v, cat)
    base = compare_name(v)
    return [(base + ".html", render("compare.html", **view)), (base + ".md", render("compare.md", **view))]


def matrix_name(g: m.Gemeente) -> str:
    return "matrix-" + slug(g.id, g.variant or "")


def compare_name(v: Any) -> str:
    return "vergelijking-" + slug(v.persona, v.sleutelmoment, v.vraag)


def spreadsheets(tabel: tables.Tabel, base: str) -> Tabellen:
    """A table as ``base``.csv and ``base``.xlsx."""
    from journeykit.render.spreadsheets import csv_text, xlsx_bytes

    return [(base + ".csv", csv_text(tabel)), (base + ".xlsx", xlsx_bytes(tabel))]


def matrix_tables(
    g: m.Gemeente,
    personas: list[m.Persona],
    sms: list[m.Sleutelmoment],
    journeys: dict[tuple[str, str], m.Journey],
    opgelost: dict[tuple[str, str], float] | None = None,
) -> Tabellen:
    """The matrix (as ``matrix``) as a spreadsheet: one row per persona and sleutelmoment."""
    return spreadsheets(tables.matrix(g, personas, sms, journeys, opgelost or {}), matrix_name(g))


def compare_tables(v: Any, cat: Any) -> Tabellen:
    """A comparison (api.compare) as a spreadsheet, named as its report."""
    return spreadsheets(tables.compare(v, cat), compare_name(v))


def diff_tables(d: Any, before: m.Gemeente, after: m.Gemeente, cat: Any, alles: bool = False) -> Tabellen:
    """A diff (api.diff from ``before`` to ``after``) as a spreadsheet: the cases that change, or with ``alles``
    every case."""
    from journeykit.render.diffs import diff_shown

    base = "verschil-" + slug(d.gemeente, d.van, d.naar)
    return spreadsheets(tables.diff(before, after, cat, diff_shown(d, alles)), base)


def loops_report(rapport: Any, cat: Any, naam: str = "lussen") -> Bestanden:
    view = overviews.loops_report(rapport, cat)
    return [(naam + ".html", render("loops.html", **view)), (naam + ".md", render("loops.md", **view))]


def simulation_report(result: Simulatie | SimVergelijking, gemeente_naam: str | None = None) -> Bestanden:
    """The report of `journeykit simulate` (a capacity.Simulatie, or a SimVergelijking of two situations) as one
    HTML page with its charts (``simulation_file`` names it)."""
    from journeykit.analysis.capacity import SimVergelijking
    from journeykit.render.simulation_views import simulatie_view, vergelijking_view

    if isinstance(result, SimVergelijking):
        view = vergelijking_view(result, gemeente_naam)
    else:
        view = simulatie_view(result, gemeente_naam)
    return [(simulation_file(result), render("simulation.html", **view))]


def simulation_file(result: Simulatie | SimVergelijking) -> str:
    """simulatie-<gemeente>_<situatie>.html; for a comparison with both situations, before and after."""
    from journeykit.analysis.capacity import SimVergelijking

    if isinstance(result, SimVergelijking):
        parts = [result.voor.gemeente, result.voor.variant or "standaard", result.na.variant or "standaard"]
    else:
        parts = [result.gemeente, result.variant or "standaard"]
    return "simulatie-" + slug(*parts) + ".html"


def diffmap(
    v: Any, g_voor: m.Gemeente, g_na: m.Gemeente, persona: m.Persona, sm: m.Sleutelmoment, sv: Any, sn: Any
) -> Bestanden:
    """The before/after map of one case (a GevalVerschil) and the violations on either side."""
    from journeykit.render.diffmap import diff_map

    view = diff_map(v, g_voor, g_na, persona, sm, sv, sn)
    c = v.geval
    parts = [g_na.id, g_voor.variant or "", g_na.variant or "", c.persona, c.sleutelmoment, c.vraag]
    base = "voor-na-" + slug(*parts, *([c.eerste_ingang] if c.eerste_ingang else []))
    return [(base + ".html", render("diffmap.html", **view))]

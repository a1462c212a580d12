"""Walking one journey: its route, its other routes where rules have kansen, a household, a matrix."""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from journeykit import model as m
from journeykit.analysis.checks import Getoetst, violations
from journeykit.analysis.plugin_checks import checks_for
from journeykit.catalog import Catalog
from journeykit.errors import Impossible, UnknownName
from journeykit.possible import why_impossible

if TYPE_CHECKING:  # imported inside the functions that use them, so `journeykit --help` stays fast
    from journeykit.analysis.chance import Route, Verdeling
    from journeykit.analysis.diff import RisicoOpReis
    from journeykit.analysis.household import Huishouden
    from journeykit.engine import Chooser, Walker


def walk(
    cat: Catalog,
    gemeente: str,
    persona: str,
    sleutelmoment: str,
    variant: str | None = None,
    ingang: str | None = None,
    vraag: str | None = None,
) -> tuple[m.Journey, list[m.Schending]]:
    g, p, sm = cat.gemeente(gemeente, variant), cat.persona(persona), cat.sleutelmoment(sleutelmoment)
    reden = why_impossible(g, p, sm, sm.vraag(vraag) if vraag and vraag in {v.id for v in sm.vragen} else sm.vragen[0])
    if reden:
        raise Impossible(f"deze reis kan niet: {reden}")
    j = cat.walk(gemeente, persona, sleutelmoment, variant, ingang, vraag)
    return j, violations(j, checks_for(cat, g))


def verdeling(
    cat: Catalog,
    gemeente: str,
    persona: str,
    sleutelmoment: str,
    variant: str | None = None,
    ingang: str | None = None,
    vraag: str | None = None,
    steekproef: int | None = None,
    seed: int = 0,
) -> Verdeling:
    """Every route a journey can take where rules have kansen, with its likelihood (or a seeded sample)."""
    from journeykit.analysis import chance

    def walk(chooser: Chooser) -> m.Journey:
        return cat.walk(gemeente, persona, sleutelmoment, variant, ingang, vraag, chooser)

    return chance.exact(walk) if steekproef is None else chance.sample(walk, steekproef, seed)


@attrs.frozen
class CaseMap:
    """What a map of one journey case needs (a household case has one per question)."""

    naam: str
    journey: m.Journey
    schendingen: list[m.Schending]
    risicos: list[RisicoOpReis]
    andere_routes: list[Route]  # where rules have kansen: the other routes, most likely first


def case_maps(cat: Catalog, r: Getoetst) -> list[CaseMap]:
    """The maps of a checked journey case, as `render reizen` and the atlas draw them."""
    ingang = r.reis.eerste_ingang
    return [
        CaseMap(naam, j, list(sch), walk_risks(cat, j, sch, ingang), other_routes(cat, j, ingang))
        for naam, j, sch in r.kaarten()
    ]


def other_routes(cat: Catalog, j: m.Journey, ingang: str | None = None) -> list[Route]:
    """The routes besides ``j`` that its journey can take where rules have kansen, most likely first."""
    v = verdeling(cat, j.gemeente, j.persona, j.sleutelmoment, j.variant, ingang, j.vraag)
    return [r for r in v.routes if r.kans > 0 and r.journey != j]


def walk_risks(cat: Catalog, j: m.Journey, sch: Iterable[m.Schending], ingang: str | None = None) -> list[RisicoOpReis]:
    """What each risk the sources name for the journey's situation does to journey ``j`` (walked from ``ingang``)."""
    from journeykit.analysis.diff import RisicoOpReis, compare_journeys
    from journeykit.changes import apply
    from journeykit.engine import Walker

    whole = cat.gemeenten[j.gemeente]
    view = cat.gemeente(j.gemeente, j.variant)  # a variant, or a scenario applied in this run
    p, sm = cat.persona(j.persona), cat.sleutelmoment(j.sleutelmoment)
    before = sorted({s.principe for s in sch})
    out = []
    for r in view.risicos_in_variant():
        changed = apply(whole, r)
        walker = Walker(changed, beslisser=cat.route_by_plugin)
        start = ingang if ingang in walker.ingangen else None
        jr = walker.walk(p, sm, j.vraag, start)
        after = sorted({s.principe for s in violations(jr, checks_for(cat, changed))})
        out.append(RisicoOpReis(r, jr, compare_journeys(j, jr, before, after)))
    return out


def walk_household(
    cat: Catalog,
    gemeente: str,
    persona: str,
    sleutelmoment: str,
    vragen: Sequence[str],
    variant: str | None = None,
    ingang: str | None = None,
) -> tuple[Huishouden, list[list[m.Schending]]]:
    """Every question of one household, and the principles each journey breaks (in the household's order)."""
    from journeykit.analysis.household import household

    if len(set(vragen)) != len(vragen):
        raise UnknownName("noem elke vraag van het huishouden één keer")
    # each question walked once, as `walk` walks it: the same clear errors, impossible pairs refused
    walked = {vid: walk(cat, gemeente, persona, sleutelmoment, variant, ingang, vid) for vid in vragen}
    sm = cat.sleutelmoment(sleutelmoment)
    g = cat.gemeente(gemeente, variant)
    h = household(g, persona, sm.id, [sm.vraag(v) for v in vragen], lambda v: walked[v][0], regie_bekend(cat, g))
    return h, [walked[v][1] for v in h.volgorde]


def regie_bekend(cat: Catalog, g: m.Gemeente) -> bool:
    """Whether the gemeente's data names a place with regie in any situation: then none in ``g`` is a fact."""
    return any(i.regie for i in cat.gemeenten[g.id].ingangen)


def matrix_cells(
    cat: Catalog, gemeente: str, variant: str | None, personas: Sequence[m.Persona], sms: Sequence[m.Sleutelmoment]
) -> tuple[dict[tuple[str, str], m.Journey], dict[tuple[str, str], float]]:
    """The cells of a matrix (`journeykit render matrix`): each (persona, sleutelmoment) walked for its first question,
    and for the cells that can go more ways the likelihood that they end opgelost. A cell that cannot happen (a
    sleutelmoment not for this persona, a question not for this klantreis) is left out."""
    g = cat.gemeente(gemeente, variant)
    walker = cat.walker(gemeente, variant)
    journeys = {
        (p.id, sm.id): walker.walk(p, sm) for p in personas for sm in sms if not why_impossible(g, p, sm, sm.vragen[0])
    }
    return journeys, opgelost_naar_kans(walker, personas, sms, journeys)


def opgelost_naar_kans(
    walker: Walker, personas: Sequence[m.Persona], sms: Sequence[m.Sleutelmoment], cells: Collection[tuple[str, str]]
) -> dict[tuple[str, str], float]:
    """For each (persona, sleutelmoment) cell that can go more ways where rules have kansen, the likelihood that it
    ends opgelost (walked as the cell is: the first question, from the most likely first contact)."""
    from journeykit.analysis import chance

    if not chance.has_kansen(walker.gemeente):
        return {}
    out = {}
    for p in personas:
        for sm in sms:
            if (p.id, sm.id) in cells:
                v = chance.exact(functools.partial(walker.walk, p, sm, None, None))
                if sum(r.kans > 0 for r in v.routes) > 1:
                    out[(p.id, sm.id)] = v.kans_opgelost
    return out

"""Checking: every journey case against its expectations, the shares the sources give, the scenarios."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from journeykit import model as m
from journeykit.analysis.checks import Getoetst, Principecheck, expectation_failures, violations
from journeykit.analysis.parallel import collect, pieces
from journeykit.analysis.plugin_checks import checks_for
from journeykit.api.walking import regie_bekend
from journeykit.catalog import Catalog
from journeykit.errors import LoadError, LoadErrors, onbekend

if TYPE_CHECKING:  # imported inside the functions that use them, so `journeykit --help` stays fast
    from journeykit.analysis.shares import GemetenAandeel


def _kansen(cat: Catalog, r: m.Reiscasus) -> dict[str, float]:
    """The likelihoods a journey case's expectations can name, from its exact distribution."""
    from journeykit.analysis import chance

    v = chance.exact(functools.partial(cat.walk_reis, r))
    return {"kans_opgelost": v.kans_opgelost, "kans_kastje_naar_de_muur": v.kans_kastje_naar_de_muur}


def check_aandelen(cat: Catalog, gemeente: str | None = None) -> list[GemetenAandeel]:
    """The shares the sources give (every gemeente's, or one's), measured in the model."""
    from journeykit.analysis import chance
    from journeykit.analysis.shares import measure

    personas = [cat.personas[k] for k in sorted(cat.personas)]
    sms = [cat.sleutelmomenten[k] for k in sorted(cat.sleutelmomenten)]
    out: list[GemetenAandeel] = []
    for gid in sorted(cat.gemeenten):
        if gemeente in (None, gid):

            def walk(
                variant: str, p: m.Persona, sm: m.Sleutelmoment, vraag: str, gid: str = gid
            ) -> list[tuple[float, m.Uitkomst]]:
                w = cat.walker(gid, variant)
                v = chance.exact(lambda chooser: w.walk(p, sm, vraag, chooser=chooser))
                return [(r.kans, r.journey.uitkomst) for r in v.routes]

            out += measure(cat.gemeenten[gid], personas, sms, walk)
    return out


def check_scenarios(cat: Catalog) -> list[LoadError]:
    """What is wrong with the scenarios the catalog loaded: each is applied to its gemeente."""
    from journeykit.analysis.scenarios import apply

    fouten: list[LoadError] = []
    for sc in cat.scenarios:
        g = cat.gemeenten.get(sc.gemeente)
        if g is None:
            p = sc.plaats
            fouten.append(
                LoadError(
                    p.bestand if p else sc.id,
                    p.regel_van("gemeente") if p else None,
                    "gemeente",
                    onbekend("gemeente", sc.gemeente, cat.gemeenten),
                )
            )
            continue
        try:
            apply(g, sc)
        except LoadErrors as e:
            fouten += e.errors
    return fouten


def _check_household(cat: Catalog, r: m.Reiscasus, checks: list[Principecheck]) -> Getoetst:
    """A household case: every question walked where the case says, the principles of each journey and of the
    household, and its expectations."""
    from journeykit.analysis.checks import household_failures
    from journeykit.analysis.household import household

    sm = cat.sleutelmoment(r.sleutelmoment)
    g = cat.situatie_van(r)
    h = household(
        g,
        r.persona,
        sm.id,
        [sm.vraag(x) for x in r.vragen],
        lambda x: cat.walk_reis(attrs.evolve(r, vraag=x, vragen=())),
        regie_bekend(cat, g),
    )
    per_reis = tuple(tuple(violations(j, checks)) for j in h.reizen)
    sch = [s for each in per_reis for s in each] + list(h.schendingen)
    return Getoetst(r, h.reizen[0], tuple(sch), tuple(household_failures(r, h, sch)), h, per_reis)


def check_reizen(cat: Catalog, reizen: Iterable[m.Reiscasus] | None = None, jobs: int = 1) -> list[Getoetst]:
    """Walk every journey case and test its expectations, in id order."""
    ordered = sorted(reizen if reizen is not None else cat.reizen.values(), key=lambda r: r.id)
    # the checks of each situation, made once: the principles of a gemeente, as its plugins may test them there
    situatie = {
        r.id: (r.gemeente, cat.variant_van(r), r.scenarios, r.plaats.bestand if r.scenarios and r.plaats else "")
        for r in ordered
    }
    cache: dict[tuple, list[Principecheck]] = {}
    for r in ordered:
        if situatie[r.id] not in cache:
            cache[situatie[r.id]] = checks_for(cat, cat.situatie_van(r))

    def work(piece):
        _, a, b = piece
        out = []
        for r in ordered[a:b]:
            if r.vragen:
                out.append(_check_household(cat, r, cache[situatie[r.id]]))
                continue
            j = cat.walk_reis(r)
            sch = violations(j, cache[situatie[r.id]])
            kansen = _kansen(cat, r) if r.verwachting.kans_opgelost or r.verwachting.kans_kastje_naar_de_muur else None
            out.append(Getoetst(r, j, tuple(sch), tuple(expectation_failures(r, j, sch, kansen))))
        return out

    return [x for part in collect(cat, work, pieces([len(ordered)], 50), jobs) for x in part]

"""Comparing: one journey across gemeenten and ingangen, and two situations of a gemeente case by case."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from journeykit import model as m
from journeykit.analysis.checks import violations
from journeykit.analysis.evidence import Gevoeligheid, onderbouwing, sensitivity
from journeykit.analysis.parallel import collect, pieces
from journeykit.analysis.plugin_checks import checks_for
from journeykit.api.walking import walk
from journeykit.catalog import Catalog
from journeykit.errors import Impossible, UnknownName, onbekend
from journeykit.possible import why_impossible

if TYPE_CHECKING:  # imported inside the functions that use them, so `journeykit --help` stays fast
    from journeykit.analysis.compare import Vergelijking
    from journeykit.analysis.diff import Diff, Geval, GevalVerschil, Kansen


def compare(
    cat: Catalog,
    persona: str,
    sleutelmoment: str,
    gemeenten: Iterable[str] = (),
    per_ingang: bool = False,
    vraag: str | None = None,
    jobs: int = 1,
) -> Vergelijking:
    """One persona and sleutelmoment in every chosen gemeente and variant (and every first contact)."""
    from journeykit.analysis import chance
    from journeykit.analysis.compare import Oordeel, Rij, Vergelijking, wrong_door_by_chance
    from journeykit.engine import plausible_first_contacts

    p, sm = cat.persona(persona), cat.sleutelmoment(sleutelmoment)
    vraag = vraag or sm.vragen[0].id
    if vraag not in {v.id for v in sm.vragen}:
        cat.walk(sorted(cat.gemeenten)[0], persona, sleutelmoment, vraag=vraag)  # the clear error for a wrong vraag
    reden = why_impossible(None, p, sm, sm.vraag(vraag))
    if reden:
        raise Impossible(f"deze vergelijking kan niet: {reden}")
    chosen = sorted(gemeenten or cat.gemeenten)
    # a gemeente whose klantreis is not for this question is left out, and said so
    niet_voor = tuple(
        (gid, why_impossible(cat.gemeenten[gid], p, sm, sm.vraag(vraag)) or "")
        for gid in chosen
        if gid in cat.gemeenten and why_impossible(cat.gemeenten[gid], p, sm, sm.vraag(vraag))
    )
    chosen = [gid for gid in chosen if gid not in dict(niet_voor)]
    targets = [(gid, v.id) for gid in chosen for v in _situaties(cat, gid)]
    checks = {t: checks_for(cat, cat.gemeente(*t)) for t in targets}

    def work(piece):
        gid, vid = targets[piece[0]]
        g = cat.gemeente(gid, vid)
        starts = plausible_first_contacts(g, p, sm)

        def row(start: str | None, standaard: bool) -> Rij:
            # every route where rules have kansen; the row shows the most likely, as a plain walk takes it
            v = chance.exact(functools.partial(cat.walk, gid, persona, sleutelmoment, vid, start, vraag))
            j = cat.walk(gid, persona, sleutelmoment, vid, start, vraag)
            sch = tuple(violations(j, checks[(gid, vid)]))
            return Rij(gid, vid, start, j, sch, standaard, v)

        rows = []
        if not per_ingang or not starts:
            # the persona's most likely first contact (starts[0]); per ingang it is one of the rows below
            rows.append(row(None, True))
        fails = []
        for n, start in enumerate(starts):
            r = row(start.id, n == 0)
            if per_ingang:
                rows.append(r)
            why = wrong_door_by_chance(r.verdeling) if r.verdeling else None
            if why:
                fails.append((start.id, why))
        return rows, Oordeel(gid, vid, len(starts), tuple(fails))

    rows, verdicts = [], []
    for part_rows, verdict in collect(cat, work, [(t, 0, 1) for t in range(len(targets))], jobs):
        rows += part_rows
        verdicts.append(verdict)
    situaties = tuple((gid, v) for gid in chosen for v in _situaties(cat, gid))
    return Vergelijking(p.id, sm.id, vraag, tuple(rows), tuple(verdicts), niet_voor, situaties)


def _situaties(cat: Catalog, gid: str) -> list[m.Variant]:
    cat.gemeente(gid)  # a clear error for an unknown gemeente
    return cat.varianten(gid)


def diff_cases(cat: Catalog, gemeente: str) -> tuple[list[Geval], int]:
    """The cases a diff walks: every journey case of the gemeente, and every persona x sleutelmoment x vraag that can
    happen; and how many combinations it skipped because they cannot."""
    from journeykit.analysis.diff import Geval

    g = cat.gemeenten[gemeente]
    skipped = 0
    seen: dict[tuple, Geval] = {}
    # a case about one question names it before a household that has that question too
    for r in sorted(cat.reizen.values(), key=lambda r: (bool(r.vragen), r.id)):
        if r.gemeente == gemeente:
            sm = cat.sleutelmoment(r.sleutelmoment)
            for vraag in r.vragen or (r.vraag or sm.vragen[0].id,):  # a household: each of its questions
                key = (r.persona, r.sleutelmoment, vraag, r.eerste_ingang)
                seen.setdefault(key, Geval(*key, r.id))
    for p in sorted(cat.personas):
        for s in sorted(cat.sleutelmomenten):
            sm = cat.sleutelmoment(s)
            for v in sm.vragen:
                if why_impossible(g, cat.personas[p], sm, v):
                    skipped += 1
                    continue
                key = (p, s, v.id, None)
                seen.setdefault(key, Geval(*key, None))
    return list(seen.values()), skipped


def diff(
    cat: Catalog,
    before: m.Gemeente,
    after: m.Gemeente,
    cases: list | None = None,
    jobs: int = 1,
    gelopen: dict | None = None,
) -> Diff:
    """Walk every case in ``before`` and ``after`` (two views of one gemeente) and compare.

    ``gelopen`` ({view: {case: walked}}) keeps the walks for a caller that diffs one view more
    than once, as the atlas does: a variant is also the 'before' of its scenarios. Walks made
    in worker processes (``jobs`` > 1) are not kept.
    """
    from journeykit.analysis.diff import Diff, totals

    skipped = 0
    if cases is None:
        cases, skipped = diff_cases(cat, before.id)
    gelopen = {} if gelopen is None else gelopen
    walk_before = _case_walker(cat, before, gelopen.setdefault(before, {}))
    walk_after = _case_walker(cat, after, gelopen.setdefault(after, {}))

    def work(piece):
        _, a, b = piece
        return [_case_diff(c, walk_before, walk_after) for c in cases[a:b]]

    out = [x for part in collect(cat, work, pieces([len(cases)], 500), jobs) for x in part]
    d = Diff(
        before.id,
        before.variant or "",
        after.variant or "",
        tuple(out),
        totals(out),
        skipped,
        situatie_van=_situation(before),
        situatie_naar=_situation(after),
    )
    return attrs.evolve(d, onderbouwing=onderbouwing(d, before, after))


def diff_case(
    cat: Catalog,
    before: m.Gemeente,
    after: m.Gemeente,
    persona: str,
    sleutelmoment: str,
    vraag: str | None = None,
    ingang: str | None = None,
) -> tuple[GevalVerschil, list[m.Schending], list[m.Schending]]:
    """One case in two situations, with the principles each side breaks (for a before/after map)."""
    from journeykit.analysis.diff import Geval

    walk(cat, before.id, persona, sleutelmoment, before.variant, ingang, vraag)  # clear errors for wrong names
    for view in (before, after):
        ids = [i.id for i in view.ingangen]
        if ingang is not None and ingang not in ids:
            raise UnknownName(onbekend("ingang", ingang, ids) + f" in {view.id} ({view.variant_naam()})")
    vraag_id = vraag or cat.sleutelmoment(sleutelmoment).vragen[0].id
    v = diff(cat, before, after, [Geval(persona, sleutelmoment, vraag_id, ingang, None)]).verschillen[0]
    return v, violations(v.voor, checks_for(cat, before)), violations(v.na, checks_for(cat, after))


def _situation(view: m.Gemeente) -> m.Variant | None:
    return next((v for v in view.varianten if v.id == view.variant), None)


def gevoeligheid(cat: Catalog, before: m.Gemeente, after: m.Gemeente, jobs: int = 1) -> Gevoeligheid:
    """Which conclusions of the diff from ``before`` to ``after`` flip when one assumption is switched off."""

    def rediff(v: m.Gemeente, n: m.Gemeente, cases: list) -> list[GevalVerschil]:
        walk_before, walk_after = _case_walker(cat, v, {}), _case_walker(cat, n, {})
        return [_case_diff(c, walk_before, walk_after) for c in cases]

    return sensitivity(diff(cat, before, after, jobs=jobs), before, after, rediff)


# how one journey case is walked in one situation, remembered per gemeente view
CaseWalk = Callable[["Geval"], "tuple[m.Journey, tuple[str, ...], Kansen | None]"]


def _case_walker(cat: Catalog, g: m.Gemeente, memo: dict) -> CaseWalk:
    """A function that walks a diff case in ``g``, each case once: (journey, the principles it breaks, and where
    rules have kansen and it can go more ways, its likelihoods)."""
    from journeykit.analysis import chance
    from journeykit.analysis.diff import Kansen
    from journeykit.engine import Walker

    walker = Walker(g, beslisser=cat.route_by_plugin)
    checks = checks_for(cat, g)
    has_kansen = chance.has_kansen(g)

    def walk(c: Geval) -> tuple[m.Journey, tuple[str, ...], Kansen | None]:
        if c not in memo:
            p, sm = cat.persona(c.persona), cat.sleutelmoment(c.sleutelmoment)
            # a case without a start of its own (or one not in this view) walks from the first contact
            start = c.eerste_ingang if c.eerste_ingang in walker.ingangen else None
            j = walker.walk(p, sm, c.vraag, start)
            kansen = None
            if has_kansen:
                v = chance.exact(functools.partial(walker.walk, p, sm, c.vraag, start))
                if sum(r.kans > 0 for r in v.routes) > 1:
                    kansen = Kansen(v.kans_opgelost, v.kans_kastje_naar_de_muur)
            memo[c] = j, tuple(sorted({s.principe for s in violations(j, checks)})), kansen
        return memo[c]

    return walk


def _case_diff(c: Geval, walk_before: CaseWalk, walk_after: CaseWalk) -> GevalVerschil:
    from journeykit.analysis.diff import GevalVerschil, compare_journeys

    (jv, sv, kv), (jn, sn, kn) = walk_before(c), walk_after(c)
    return GevalVerschil(c, jv, jn, sv, sn, compare_journeys(jv, jn, sv, sn, kv, kn), kv, kn)


def with_risks(cat: Catalog, d: Diff, after: m.Gemeente, jobs: int = 1) -> Diff:
    """``d`` with what each risk of the situation after the change does to it (the risks of that variant)."""
    from journeykit.analysis.diff import RisicoVerschil
    from journeykit.changes import apply

    whole = cat.gemeenten[after.id]
    found = []
    for r in after.risicos_in_variant():
        effect = diff(cat, after, apply(whole, r), jobs=jobs)
        found.append(
            RisicoVerschil(r, effect.totalen.slechter, len(effect.nieuwe_lussen), len(effect.nieuwe_schendingen))
        )
    return attrs.evolve(d, risicos=tuple(found))


def diff_variants(cat: Catalog, gemeente: str, van: str, naar: str, jobs: int = 1, gelopen: dict | None = None) -> Diff:
    return diff(cat, cat.gemeente(gemeente, van), cat.gemeente(gemeente, naar), jobs=jobs, gelopen=gelopen)


def scenario_views(cat: Catalog, path: Path) -> tuple[m.Gemeente, m.Gemeente]:
    """The situation a scenario file builds on, and the situation with the scenario applied."""
    from journeykit.analysis.scenarios import apply, load_scenario

    sc = load_scenario(path)
    cat.gemeente(sc.gemeente)  # a clear error for an unknown gemeente
    g = cat.gemeenten[sc.gemeente]  # all variants: the scenario may build on any of them
    return g.in_variant(sc.variant), apply(g, sc)


def diff_scenario(cat: Catalog, path: Path, jobs: int = 1, gelopen: dict | None = None) -> Diff:
    before, after = scenario_views(cat, path)
    return diff(cat, before, after, jobs=jobs, gelopen=gelopen)

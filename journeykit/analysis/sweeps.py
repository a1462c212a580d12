"""Sweeps over every case of one or more situations: the loops they hold, what risks add, what no case reaches."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from journeykit import model as m
from journeykit.analysis.checks import Getoetst, violations
from journeykit.analysis.loops import GevondenLus, LusAggregaat
from journeykit.analysis.parallel import collect, pieces
from journeykit.analysis.plugin_checks import checks_for
from journeykit.catalog import Catalog
from journeykit.engine import Walker

Progress = Callable[[int, int], None] | None


@attrs.frozen
class StatischeCyclus:
    gemeente: str
    variant: str
    cyclus: tuple[str, ...]
    regels: tuple[tuple[str, str, tuple[str, ...]], ...]  # (from, to, rule ids)
    getuige: GevondenLus | None  # the loop found in the sweep that shows it can happen
    herkomst: tuple[tuple[str, m.Herkomst], ...] = ()  # (rule id, where it comes from) for every rule above


@attrs.frozen
class RisicoEffect:
    """What a risk a source names does to the sweep of its situation: the loops and broken principles it adds."""

    risico: m.Risico
    variant: str
    lussen: int  # distinct loops with the risk that the situation does not have without it
    schendingen: float  # journeys breaking a principle with the risk, beyond those without it (see LusAggregaat)
    nieuwe_lussen: tuple[GevondenLus, ...]  # those loops, each with its minimal witness


@attrs.frozen
class LusRapport:
    aggregaat: LusAggregaat
    statisch: tuple[StatischeCyclus, ...]
    gemeenten: tuple[tuple[str, str], ...]  # (gemeente, variant) swept
    overgeslagen: int = 0  # combinations that cannot happen, so were not walked
    risicos: tuple[RisicoEffect, ...] = ()  # with --met-risicos: what each risk of a swept situation does


def sweep_targets(cat: Catalog, gemeente: str | None = None, variant: str | None = None) -> list[m.Gemeente]:
    """The situations to sweep: every variant of every (or one) gemeente, or only ``variant``. With scenarios
    applied and no variant named, the last scenario of each gemeente it applies to: the route being designed."""
    if variant is None and cat.toegepast and gemeente in (None, *cat.toegepast):
        return [cat.gemeente(gid) for gid in sorted(cat.toegepast) if gemeente in (None, gid)]
    out = []
    for gid in sorted([gemeente] if gemeente else cat.gemeenten):
        cat.gemeente(gid)  # a clear error for an unknown gemeente
        for v in cat.varianten(gid):
            if variant is None or v.id == variant:
                out.append(cat.gemeente(gid, v.id))
    if variant is not None and not out:
        cat.gemeente(gemeente or "", variant)  # raises a clear UnknownName
    return out


def loops(
    cat: Catalog,
    gemeente: str | None = None,
    variant: str | None = None,
    generated: bool = True,
    progress: Progress = None,
    jobs: int = 1,
    grouped: bool = True,
    met_risicos: bool = False,
) -> LusRapport:
    """Sweep every case, report each distinct loop once with a minimal witness, and the static cycles.

    With ``met_risicos``, also sweep each situation with each risk its gemeente names, one at a time.
    """
    from journeykit.analysis.loops import LusAggregaat, referral_graph, static_cycles

    targets = sweep_targets(cat, gemeente, variant)
    walkers = [cat.walker(g.id, g.variant) for g in targets]
    per_view, skipped = _sweep(cat, targets, walkers, generated, grouped, progress, jobs)
    agg = LusAggregaat()
    for part in per_view:
        agg.merge(part)
    for lus in agg.lussen.values():
        lus.varianten.sort()
    static = []
    swept: list[tuple[str, str]] = []
    for g in targets:
        assert g.variant is not None  # sweep_targets gives each gemeente in one variant
        swept.append((g.id, g.variant))
        graph = referral_graph(g)
        for cyc in static_cycles(graph):
            edges = tuple((a, b, tuple(graph[a][b])) for a, b in zip(cyc, cyc[1:]))
            witness = next(
                (
                    lus
                    for lus in agg.lussen.values()
                    if lus.gemeente == g.id and g.variant in lus.varianten and lus.cyclus == cyc
                ),
                None,
            )
            herkomst = {r.id: r.herkomst for r in g.regels}
            used = sorted({rid for _, _, rids in edges for rid in rids})
            static.append(StatischeCyclus(g.id, g.variant, cyc, edges, witness, tuple((r, herkomst[r]) for r in used)))
    effects: tuple[RisicoEffect, ...] = ()
    if met_risicos:
        effects = tuple(e for g, base in zip(targets, per_view) for e in _risk_effects(cat, g, base, generated, jobs))
    return LusRapport(agg, tuple(static), tuple(swept), skipped, effects)


def _sweep(
    cat: Catalog,
    views: list[m.Gemeente],
    walkers: list[Walker],
    generated: bool,
    grouped: bool,
    progress: Progress,
    jobs: int,
) -> tuple[list[LusAggregaat], int]:
    """One aggregate per view (a gemeente in one situation), and how many combinations could not happen.

    The walkers are made before the work is forked, so the workers share them.
    """
    from journeykit.analysis import chance, sweep
    from journeykit.analysis.loops import LusAggregaat

    personas, sms = list(cat.personas.values()), list(cat.sleutelmomenten.values())
    plans = [sweep.plan(g, personas, sms, generated, grouped) for g in views]
    checks = [checks_for(cat, g) for g in views]
    total = sum(p.cases for p in plans)

    def work(piece):
        t, a, b = piece
        part = LusAggregaat()
        if chance.has_kansen(views[t]):
            # every route a case can take: a loop on a less likely branch is a loop too
            for grp, v in sweep.walk_distributions(walkers[t], plans[t].groups(a, b)):
                routes = [(r.kans, r.journey, violations(r.journey, checks[t])) for r in v.routes]
                part.add_routes(views[t], grp.case, routes, grp.aantal)
            return t, part
        for grp, j in sweep.walk_groups(walkers[t], plans[t].groups(a, b)):
            part.add(views[t], grp.case, j, violations(j, checks[t]), grp.aantal)
        return t, part

    out = [LusAggregaat() for _ in views]
    done = 0
    for t, part in collect(cat, work, pieces([len(p) for p in plans]), jobs):
        out[t].merge(part)  # aggregated as it streams: only counts and minimal witnesses are kept
        done += part.gelopen
        if progress:
            progress(done, total)
    return out, sum(p.skipped for p in plans)


def _risk_effects(cat: Catalog, g: m.Gemeente, base: LusAggregaat, generated: bool, jobs: int) -> list[RisicoEffect]:
    from journeykit.changes import apply
    from journeykit.engine import Walker

    whole = cat.gemeenten[g.id]
    risks = g.risicos_in_variant()
    if not risks:
        return []
    views = [apply(whole, r) for r in risks]
    walkers = [Walker(v, beslisser=cat.route_by_plugin) for v in views]
    aggs, _ = _sweep(cat, views, walkers, generated, True, None, jobs)
    out = []
    for r, agg in zip(risks, aggs):
        new = [lus for key, lus in sorted(agg.lussen.items()) if key not in base.lussen]
        extra = max(0, agg.schendende_reizen - base.schendende_reizen)
        out.append(RisicoEffect(r, g.variant or "", len(new), extra, tuple(new)))
    return out


def coverage(
    cat: Catalog, results: list[Getoetst], progress: Progress = None, jobs: int = 1, gemeente: str | None = None
) -> list:
    """Ingangen and rules that neither the journey cases nor a sweep (with generated personas) reach."""
    from journeykit.analysis import sweep
    from journeykit.analysis.coverage import Dekking, gaps

    d = Dekking()
    for j in (j for r in results for j in r.reizen):
        d.add(j, from_case=True)
    targets = sweep_targets(cat, gemeente)
    personas, sms = list(cat.personas.values()), list(cat.sleutelmomenten.values())
    plans = [sweep.plan(g, personas, sms) for g in targets]
    total = sum(p.cases for p in plans)

    def work(piece):
        t, a, b = piece
        part = Dekking()
        g = targets[t]
        n = 0
        for grp, j in sweep.walk_groups(cat.walker(g.id, g.variant), plans[t].groups(a, b)):
            part.add(j, from_case=False)
            n += grp.aantal
        return part, n

    done = 0
    for part, n in collect(cat, work, pieces([len(p) for p in plans]), jobs):
        d.sweep_ingangen |= part.sweep_ingangen
        d.sweep_regels |= part.sweep_regels
        done += n
        if progress:
            progress(done, total)
    return gaps(d, targets)

"""What a simulated year says: per ingang utilisation and waiting, per route the end-to-end wait, costs per level;
over replications the mean with its 95 % interval, and two situations compared on the same residents.

A figure with no observations behind it is None ("onbekend"), never 0.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence

import attrs

from journeykit import model as m
from journeykit.analysis.simulation import AANKOMST_AANNAME, DAG, GEDULD_AANNAME, Plan, Run, run

# Student's t, two-sided 95 %, by degrees of freedom; beyond the table the normal value.
_T95 = (
    12.706,
    4.303,
    3.182,
    2.776,
    2.571,
    2.447,
    2.365,
    2.306,
    2.262,
    2.228,
    2.201,
    2.179,
    2.160,
    2.145,
    2.131,
    2.120,
    2.110,
    2.101,
    2.093,
    2.086,
    2.080,
    2.074,
    2.069,
    2.064,
    2.060,
    2.056,
    2.052,
    2.048,
    2.045,
    2.042,
)
NIVEAU_ONBEKEND = "onbekend"  # a cost whose level nobody gave
KOSTEN_NIVEAUS = (*m.NIVEAUS, NIVEAU_ONBEKEND)


@attrs.frozen
class Schatting:
    """A figure over the replications: its mean and 95 % interval; None where nothing was observed."""

    waarde: float | None
    interval: tuple[float, float] | None = None  # None with one replication, or when unknown


def schatting(values: Sequence[float | None]) -> Schatting:
    known = [v for v in values if v is not None]
    if not known:
        return Schatting(None)
    mean = statistics.fmean(known)
    if len(known) < 2:
        return Schatting(mean)
    half = (
        (_T95[len(known) - 2] if len(known) - 2 < len(_T95) else 1.96) * statistics.stdev(known) / math.sqrt(len(known))
    )
    return Schatting(mean, (mean - half, mean + half))


def kwantiel(sorted_values: Sequence[float], q: float) -> float | None:
    """The ``q`` quantile (linear between order statistics); None for no values."""
    if not sorted_values:
        return None
    pos = q * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


@attrs.frozen
class IngangUitslag:
    id: str
    naam: str
    medewerkers: int
    minuten_per_contact: float
    herkomst: m.Herkomst
    aankomsten: Schatting  # a year
    bezetting: Schatting  # share of the staff's open time spent serving
    wacht_gemiddeld: Schatting  # minutes, of those served
    wacht_mediaan: Schatting
    wacht_p90: Schatting
    opgegeven: Schatting  # share of arrivals that gave up waiting
    wachtrij_per_dag: tuple[float, ...]  # mean number waiting per day (first replication)
    wacht_kwantielen: tuple[float, ...]  # the 1st..99th percentile of the wait (first replication), for a chart


@attrs.frozen
class RouteUitslag:
    persona: str
    sleutelmoment: str
    vraag: str
    route: str
    uitkomst: str
    per_jaar: Schatting  # residents who started this route
    wacht_minuten: Schatting  # end to end, of those who finished
    contacten: Schatting
    opgegeven: Schatting  # share that gave up because of waiting


@attrs.frozen
class GroepUitslag:
    """A persona group (the personas' `groep`) over all its routes."""

    groep: str
    per_jaar: Schatting
    wacht_minuten: Schatting  # end to end, of those who finished
    contacten: Schatting
    opgegeven: Schatting


@attrs.frozen
class Simulatie:
    gemeente: str
    variant: str | None
    dagen: int
    seed: int
    herhalingen: int
    aankomsten: Schatting  # a year
    ingangen: tuple[IngangUitslag, ...]
    routes: tuple[RouteUitslag, ...]
    groepen: tuple[GroepUitslag, ...]
    kosten: tuple[tuple[str, Schatting], ...]  # per level (KOSTEN_NIVEAUS), a year
    kosten_totaal: Schatting  # of the known costs
    onbekende_kosten: Schatting  # contacts a year whose cost nobody knows: the total is then a lower bound
    aannames: tuple[str, ...]  # what the figures rest on that no source gives
    little: float  # the largest relative difference between L and λW over ingangen and replications


def _levels(p: Plan) -> set[str]:
    """The cost levels the data gives any cost for: for the others the cost is unknown, not 0."""
    return {
        NIVEAU_ONBEKEND if niveau is None else niveau
        for g in p.groepen
        for pad in g.paden
        for b in pad.bezoeken
        for niveau, _ in b.kosten
    }


def _per_jaar(x: float, dagen: int) -> float:
    return x * 365 / dagen


def simulate(
    p: Plan, dagen: int = 365, seed: int = 0, herhalingen: int = 1, progress: Callable[[int], None] | None = None
) -> Simulatie:
    """Simulate ``herhalingen`` replications of ``dagen`` days (seeds seed, replication 0.. R-1)."""
    runs = []
    for r in range(herhalingen):
        runs.append(run(p, dagen, seed, r))
        if progress:
            progress(r + 1)
    return summarise(p, runs, dagen, seed)


def _little(run_: Run) -> float:
    worst = 0.0
    eind = run_.dagen * DAG
    for k, q in run_.rijen.items():
        lhs = q.integraal / eind
        rhs = q.aankomsten / eind * (run_.wachtlijst_integralen[k] / q.aankomsten if q.aankomsten else 0.0)
        if lhs or rhs:
            worst = max(worst, abs(lhs - rhs) / max(lhs, rhs))
    return worst


def summarise(p: Plan, runs: Sequence[Run], dagen: int, seed: int) -> Simulatie:
    ingangen = []
    for k in sorted(p.loketten, key=lambda k: p.loketten[k].naam):
        lk = p.loketten[k]
        qs = [r.rijen[k] for r in runs]
        open_min = lk.open_minuten(dagen) * lk.medewerkers
        waits = [sorted(q.wachttijden) for q in qs]
        first = waits[0]
        ingangen.append(
            IngangUitslag(
                k,
                lk.naam,
                lk.medewerkers,
                lk.minuten,
                lk.herkomst,
                schatting([_per_jaar(q.aankomsten, dagen) for q in qs]),
                schatting([q.bezet / open_min if open_min else None for q in qs]),
                schatting([statistics.fmean(w) if w else None for w in waits]),
                schatting([kwantiel(w, 0.5) for w in waits]),
                schatting([kwantiel(w, 0.9) for w in waits]),
                schatting([q.opgegeven / q.aankomsten if q.aankomsten else None for q in qs]),
                tuple(round(x / DAG, 4) for x in qs[0].per_dag),
                tuple(round(kwantiel(first, n / 100) or 0.0, 4) for n in range(1, 100)) if first else (),
            )
        )
    routes = []
    for gi, gr in enumerate(p.groepen):
        for ri, pad in enumerate(gr.paden):
            recs = [r.reizen[(gi, ri)] for r in runs]
            routes.append(
                RouteUitslag(
                    gr.persona,
                    gr.sleutelmoment,
                    gr.vraag,
                    pad.naam,
                    pad.uitkomst,
                    schatting([_per_jaar(x.gestart, dagen) for x in recs]),
                    schatting([x.wachten / x.klaar if x.klaar else None for x in recs]),
                    schatting([x.contacten / x.klaar if x.klaar else None for x in recs]),
                    schatting([x.opgegeven / x.gestart if x.gestart else None for x in recs]),
                )
            )
    groepen = []
    for naam in sorted({g.persona_groep for g in p.groepen}):
        keys = [(gi, ri) for gi, g in enumerate(p.groepen) if g.persona_groep == naam for ri in range(len(g.paden))]
        per_run = [[r.reizen[k] for k in keys] for r in runs]
        gestart = [sum(x.gestart for x in recs) for recs in per_run]
        klaar = [sum(x.klaar for x in recs) for recs in per_run]
        groepen.append(
            GroepUitslag(
                naam,
                schatting([_per_jaar(n, dagen) for n in gestart]),
                schatting(
                    [sum(x.wachten for x in recs) / k if k else None for recs, k in zip(per_run, klaar, strict=True)]
                ),
                schatting(
                    [sum(x.contacten for x in recs) / k if k else None for recs, k in zip(per_run, klaar, strict=True)]
                ),
                schatting(
                    [
                        sum(x.opgegeven for x in recs) / n if n else None
                        for recs, n in zip(per_run, gestart, strict=True)
                    ]
                ),
            )
        )
    known = _levels(p)
    kosten = tuple(
        (
            niveau,
            schatting(
                [_per_jaar(r.kosten.get(None if niveau == NIVEAU_ONBEKEND else niveau, 0.0), dagen) for r in runs]
            ),
        )
        if niveau in known
        else (niveau, Schatting(None))
        for niveau in KOSTEN_NIVEAUS
    )
    aannames = [AANKOMST_AANNAME, GEDULD_AANNAME]
    if p.instroom.herkomst.niveau != "bron":
        aannames.append(f"Instroom: {p.instroom.herkomst}")
    for lk in sorted(p.loketten.values(), key=lambda x: x.naam):
        if lk.herkomst.niveau != "bron":
            aannames.append(f"Capaciteit van {lk.naam}: {lk.herkomst}")
    return Simulatie(
        p.gemeente,
        p.variant,
        dagen,
        seed,
        len(runs),
        schatting([_per_jaar(r.aankomsten, dagen) for r in runs]),
        tuple(ingangen),
        tuple(routes),
        tuple(groepen),
        kosten,
        schatting([_per_jaar(sum(r.kosten.values()), dagen) for r in runs]),
        schatting([_per_jaar(r.onbekende_kosten, dagen) for r in runs]),
        tuple(aannames),
        max((_little(r) for r in runs), default=0.0),
    )


@attrs.frozen
class Verschil:
    """A figure before and after a change, and the change with its 95 % interval (paired replications)."""

    voor: Schatting
    na: Schatting
    verschil: Schatting


@attrs.frozen
class SimVergelijking:
    voor: Simulatie
    na: Simulatie
    ingangen: tuple[tuple[str, str, Verschil, Verschil], ...]  # id, naam, wait (mean minutes), utilisation
    kosten: tuple[tuple[str, Verschil], ...]
    kosten_totaal: Verschil


def _paired(a: Sequence[float | None], b: Sequence[float | None]) -> Verschil:
    diffs = [y - x if x is not None and y is not None else None for x, y in zip(a, b, strict=True)]
    return Verschil(schatting(a), schatting(b), schatting(diffs))


def compare(
    voor: Plan,
    na: Plan,
    dagen: int = 365,
    seed: int = 0,
    herhalingen: int = 1,
    progress: Callable[[int], None] | None = None,
) -> SimVergelijking:
    """Both situations on the same residents (the same seed per replication): the difference is the change."""
    runs_voor, runs_na = [], []
    for r in range(herhalingen):
        runs_voor.append(run(voor, dagen, seed, r))
        runs_na.append(run(na, dagen, seed, r))
        if progress:
            progress(r + 1)
    s_voor, s_na = summarise(voor, runs_voor, dagen, seed), summarise(na, runs_na, dagen, seed)

    def wait(runs: list[Run], k: str) -> list[float | None]:
        return [
            statistics.fmean(r.rijen[k].wachttijden) if k in r.rijen and r.rijen[k].wachttijden else None for r in runs
        ]

    def util(p: Plan, runs: list[Run], k: str) -> list[float | None]:
        if k not in p.loketten:
            return [None] * len(runs)
        open_min = p.loketten[k].open_minuten(dagen) * p.loketten[k].medewerkers
        return [r.rijen[k].bezet / open_min if open_min else None for r in runs]

    names = {**{k: lk.naam for k, lk in voor.loketten.items()}, **{k: lk.naam for k, lk in na.loketten.items()}}
    ingangen = tuple(
        (
            k,
            names[k],
            _paired(wait(runs_voor, k), wait(runs_na, k)),
            _paired(util(voor, runs_voor, k), util(na, runs_na, k)),
        )
        for k in sorted(names, key=lambda k: names[k])
    )

    def cost(p: Plan, runs: list[Run], niveau: str) -> list[float | None]:
        if niveau not in _levels(p):
            return [None] * len(runs)
        key = None if niveau == NIVEAU_ONBEKEND else niveau
        return [_per_jaar(r.kosten.get(key, 0.0), dagen) for r in runs]

    kosten = tuple((n, _paired(cost(voor, runs_voor, n), cost(na, runs_na, n))) for n in KOSTEN_NIVEAUS)
    totaal = _paired(
        [_per_jaar(sum(r.kosten.values()), dagen) for r in runs_voor],
        [_per_jaar(sum(r.kosten.values()), dagen) for r in runs_na],
    )
    return SimVergelijking(s_voor, s_na, ingangen, kosten, totaal)

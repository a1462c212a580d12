"""A year of a gemeente as discrete events (SimPy): residents arrive, queue at each ingang on their route, are
served by its staff, or give up when the wait is longer than their patience.

``plan`` turns the data into what the simulation needs (each stream's routes with their likelihood, each ingang's
staff and hours) and refuses what it cannot simulate, with file and line; ``run`` simulates one replication.
Time is in minutes from Monday 1 January, 0:00. Every random draw comes from a resident's own generator, seeded
from the run's seed and the resident's number: two situations simulated with the same seed get the same residents
at the same moments with the same draws (common random numbers), so their difference is the change, not chance.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs
import simpy

from journeykit import model as m
from journeykit.analysis import chance
from journeykit.errors import LoadError, LoadErrors, onbekend
from journeykit.possible import why_impossible

if TYPE_CHECKING:
    from journeykit.engine import Chooser, Walker

DAG = 1440  # minutes
OVERIGE_PERSONAS = "Overige persona's"  # the group of a persona without `groep`, as the matrix calls it
MAANDDAGEN = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Mean patience in days per urgency, for a persona with doorzettingsvermogen 0; each point of doorzettingsvermogen
# adds as much again. Assumption: no source measures how long residents wait before they give up; a resident with
# an acute question looks elsewhere sooner. The maximum doorzettingsvermogen never gives up because of waiting.
GEDULD_DAGEN = {"acuut": 0.5, "hoog": 2.0, "normaal": 5.0, "laag": 10.0}
MAX_DOORZETTING = 20
GEDULD_AANNAME = (
    "Geduld: hoe lang een inwoner gemiddeld wacht voordat hij afhaakt is een aanname van journeykit (geen bron meet"
    " het): bij doorzettingsvermogen 0 een halve dag (acuut), 2 dagen (hoog), 5 dagen (normaal) of 10 dagen (laag),"
    " en elk punt doorzettingsvermogen erbij telt even lang op; wie het hoogste doorzettingsvermogen (20) heeft,"
    " haakt nooit af door wachten."
)

AANKOMST_AANNAME = (
    "Aankomst: inwoners komen verspreid over het jaar (Poisson) en nemen het eerste contact op als die ingang open is:"
    " wie 's avonds of in het weekend een vraag krijgt, belt de volgende werkdag (dat telt niet als wachten; na een"
    " verwijzing telt wachten tot de volgende ingang opengaat wel). Een contact dat over sluitingstijd heen loopt,"
    " wordt afgemaakt."
)


@attrs.frozen
class Bezoek:
    """One contact on a route: the ingang, and what it costs (per level; None = level unknown)."""

    ingang: str
    kosten: tuple[tuple[str | None, float], ...] = ()
    kosten_onbekend: bool = False


@attrs.frozen
class Pad:
    """One route a stream can take, with its likelihood."""

    kans: float
    bezoeken: tuple[Bezoek, ...]
    uitkomst: str
    naam: str  # the places in order, for people to read


@attrs.frozen
class Groep:
    """A stream of residents: who they are, how many a year, their routes."""

    persona: str
    sleutelmoment: str
    vraag: str
    per_jaar: float
    urgentie: str
    geduld: float | None  # mean patience in minutes; None: never gives up because of waiting
    paden: tuple[Pad, ...]
    persona_groep: str = OVERIGE_PERSONAS  # the persona's `groep`


@attrs.frozen
class Loket:
    """An ingang's service: staff, contact length, hours, who goes first."""

    id: str
    naam: str
    medewerkers: int
    minuten: float
    verdeling: str
    spreiding: float
    open_van: float  # minute of the day it opens
    open_tot: float
    dagen_per_week: int
    voorrang: frozenset[str]
    herkomst: m.Herkomst

    def open_op(self, t: float) -> bool:
        day, minute = divmod(t, DAG)
        return int(day) % 7 < self.dagen_per_week and self.open_van <= minute < self.open_tot

    def wacht_tot_open(self, t: float) -> float:
        """Minutes from ``t`` until the ingang is open (0 when it is)."""
        day = int(t // DAG)
        for d in range(day, day + 8):
            start, end = d * DAG + self.open_van, d * DAG + self.open_tot
            if d % 7 < self.dagen_per_week and t < end:
                return max(0.0, start - t)
        raise AssertionError("an ingang is open at least one day a week")

    def open_minuten(self, dagen: int) -> float:
        return sum(self.open_tot - self.open_van for d in range(dagen) if d % 7 < self.dagen_per_week)

    def duur(self, u: float) -> float:
        """A contact's length from a uniform draw ``u`` (inverse transform: one draw whatever the distribution)."""
        if self.verdeling == "vast":
            return self.minuten
        if self.verdeling == "lognormaal":
            sigma2 = math.log(1 + self.spreiding**2)
            mu = math.log(self.minuten) - sigma2 / 2
            return math.exp(mu + math.sqrt(sigma2) * _probit(u))
        return -self.minuten * math.log(1.0 - u)


def _probit(u: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(min(max(u, 1e-12), 1 - 1e-12))


@attrs.frozen
class Plan:
    """What one situation's simulation needs."""

    gemeente: str
    variant: str | None
    groepen: tuple[Groep, ...]
    loketten: dict[str, Loket]
    seizoen: tuple[float, ...]  # 12 monthly weights, mean 1
    instroom: m.Instroom


def loket_of(i: m.Ingang, c: m.Capaciteit) -> Loket:
    uren = c.open.uren_per_dag
    van = max(0.0, min(9 * 60.0, DAG - uren * 60))
    return Loket(
        i.id,
        i.naam,
        c.medewerkers,
        c.minuten_per_contact,
        c.verdeling,
        c.spreiding,
        van,
        van + uren * 60,
        c.open.dagen_per_week,
        frozenset(c.voorrang),
        c.herkomst,
    )


def geduld(p: m.Persona, urgentie: str) -> float | None:
    """A persona's mean patience in minutes for a question of this urgency (assumption: GEDULD_AANNAME)."""
    if p.doorzettingsvermogen >= MAX_DOORZETTING:
        return None
    return GEDULD_DAGEN[urgentie] * (1 + p.doorzettingsvermogen) * DAG


def _bezoeken(g: m.Gemeente, j: m.Journey) -> tuple[Bezoek, ...]:
    """The contacts of a walked route: consecutive steps at one ingang are one contact; its cost per level."""
    out: list[Bezoek] = []
    betaald: set[str] = set()
    for s in j.stappen:
        if s.actie == "onbereikbaar":  # nobody was reached: no one's time, no cost (as the walk counts it)
            continue
        i = g.ingang(s.ingang)
        kosten: list[tuple[str | None, float]] = []
        actie = s.kosten
        if i.kosten is not None and s.ingang not in betaald:  # the walk charges an ingang's cost once
            betaald.add(s.ingang)
            kosten.append((i.kosten.niveau, i.kosten.bedrag))
            actie -= i.kosten.bedrag
        if actie > 0:
            kosten.append((s.niveau, actie))
        if out and out[-1].ingang == s.ingang:
            prev = out[-1]
            out[-1] = Bezoek(s.ingang, prev.kosten + tuple(kosten), prev.kosten_onbekend or s.kosten_onbekend)
        else:
            out.append(Bezoek(s.ingang, tuple(kosten), s.kosten_onbekend))
    return tuple(out)


def plan(cat, g: m.Gemeente, walker: Walker) -> Plan:
    """Everything a simulation of situation ``g`` needs; LoadErrors (file and line) for what it cannot simulate."""
    whole = cat.gemeenten[g.id]
    instroom = g.instroom
    bestand = g.plaats.bestand if g.plaats else g.id

    def fout(key: str, bericht: str) -> LoadError:
        return LoadError(bestand, g.plaats.regel_van(key) if g.plaats else None, key, bericht)

    if instroom is None:
        raise LoadErrors([fout("instroom", f"gemeente '{g.id}' heeft geen instroom: geef 'instroom' om te simuleren")])
    errors: list[LoadError] = []
    if any(s.per_jaar is None and s.aandeel is None for s in instroom.stromen):
        errors += [
            fout(f"instroom.stromen[{n}]", "geef 'per_jaar' of 'aandeel'")
            for n, s in enumerate(instroom.stromen)
            if s.per_jaar is None and s.aandeel is None
        ]
    if instroom.per_jaar is None and any(s.aandeel is not None for s in instroom.stromen):
        errors.append(fout("instroom.per_jaar", "stromen geven een 'aandeel': geef dan ook 'per_jaar' (het totaal)"))
    if instroom.per_maand and len(instroom.per_maand) != 12:
        errors.append(
            fout("instroom.per_maand", f"geef twaalf gewichten (januari tot december), niet {len(instroom.per_maand)}")
        )
    groepen: list[Groep] = []
    for n, s in enumerate(instroom.stromen):
        where = f"instroom.stromen[{n}]"
        if s.persona not in cat.personas:
            errors.append(fout(f"{where}.persona", onbekend("persona", s.persona, cat.personas)))
            continue
        if s.sleutelmoment not in cat.sleutelmomenten:
            errors.append(
                fout(f"{where}.sleutelmoment", onbekend("sleutelmoment", s.sleutelmoment, cat.sleutelmomenten))
            )
            continue
        p, sm = cat.personas[s.persona], cat.sleutelmomenten[s.sleutelmoment]
        vragen = [v.id for v in sm.vragen]
        if s.vraag is not None and s.vraag not in vragen:
            errors.append(fout(f"{where}.vraag", onbekend("vraag", s.vraag, vragen)))
            continue
        vraag = sm.vraag(s.vraag) if s.vraag else sm.vragen[0]
        ingangen = [i.id for i in g.ingangen]
        if s.eerste_ingang is not None and s.eerste_ingang not in ingangen:
            errors.append(fout(f"{where}.eerste_ingang", onbekend("ingang", s.eerste_ingang, ingangen)))
            continue
        reden = why_impossible(g, p, sm, vraag)
        if reden:
            errors.append(fout(where, f"deze stroom kan niet: {reden}"))
            continue
        v = chance.exact(functools.partial(_walk, walker, p, sm, vraag.id, s.eerste_ingang))
        paden = tuple(
            Pad(
                r.kans,
                _bezoeken(g, r.journey),
                r.journey.uitkomst.soort,
                " → ".join(g.ingang_naam(x) for x in _route(r.journey)),
            )
            for r in v.routes
            if r.kans > 0
        )
        groepen.append(
            Groep(
                p.id,
                sm.id,
                vraag.id,
                instroom.per_jaar_van(s),
                vraag.urgentie,
                geduld(p, vraag.urgentie),
                paden,
                p.groep or OVERIGE_PERSONAS,
            )
        )
    loketten: dict[str, Loket] = {}
    for gr in groepen:
        for pad in gr.paden:
            for b in pad.bezoeken:
                if b.ingang in loketten:
                    continue
                i = g.ingang(b.ingang)
                if i.capaciteit is None:
                    origin = whole.ingang(i.id) if i.id in {x.id for x in whole.ingangen} else i
                    pl = origin.plaats
                    errors.append(
                        LoadError(
                            pl.bestand if pl else bestand,
                            pl.regel if pl else None,
                            "capaciteit",
                            f"ingang '{i.id}' krijgt inwoners (persona {gr.persona}, {gr.sleutelmoment}) maar heeft"
                            " geen capaciteit: geef 'capaciteit' (medewerkers, minuten_per_contact)",
                        )
                    )
                    loketten[b.ingang] = None  # type: ignore[assignment]  # reported once
                    continue
                loketten[b.ingang] = loket_of(i, i.capaciteit)
    if errors:
        raise LoadErrors(errors)
    weights = instroom.per_maand or (1.0,) * 12
    mean = sum(w * d for w, d in zip(weights, MAANDDAGEN, strict=True)) / 365
    seizoen = tuple(w / mean for w in weights) if mean > 0 else (1.0,) * 12
    return Plan(g.id, g.variant, tuple(groepen), loketten, seizoen, instroom)


def _walk(
    walker: Walker, p: m.Persona, sm: m.Sleutelmoment, vraag: str, ingang: str | None, chooser: Chooser
) -> m.Journey:
    return walker.walk(p, sm, vraag, ingang, chooser=chooser)


def _route(j: m.Journey) -> list[str]:
    out: list[str] = []
    for s in j.stappen:
        if not out or out[-1] != s.ingang:
            out.append(s.ingang)
    return out


# --- one replication ---------------------------------------------------------------------------------------


@attrs.define
class Wachtrij:
    """What happened at one ingang: the queue as a step function, the waits, the work."""

    dagen: int
    aankomsten: int = 0
    geholpen: int = 0
    opgegeven: int = 0
    wachttijden: list[float] = attrs.Factory(list)  # of those served
    bezet: float = 0.0  # staff minutes serving
    wachtend: int = 0
    sinds: float = 0.0
    integraal: float = 0.0  # minutes × residents waiting
    wacht_som: float = 0.0  # the waits of all who left the queue (served or gave up)
    aankomst_som: float = 0.0  # the arrival times of those waiting now
    per_dag: list[float] = attrs.Factory(list)

    def __attrs_post_init__(self) -> None:
        self.per_dag = [0.0] * self.dagen

    def _tot(self, t: float) -> None:
        if self.wachtend:
            a = self.sinds
            while a < t:
                day = int(a // DAG)
                b = min(t, (day + 1) * DAG)
                if day < self.dagen:
                    self.per_dag[day] += self.wachtend * (b - a)
                a = b
            self.integraal += self.wachtend * (t - self.sinds)
        self.sinds = t

    def binnen(self, t: float) -> None:
        self._tot(t)
        self.aankomsten += 1
        self.wachtend += 1
        self.aankomst_som += t

    def weg(self, t: float, sinds: float) -> None:
        self._tot(t)
        self.wachtend -= 1
        self.aankomst_som -= sinds
        self.wacht_som += t - sinds

    def afsluiten(self, t: float) -> float:
        """Close the books at ``t``; the waits of all who queued, those still waiting counted up to ``t``."""
        self._tot(t)
        return self.wacht_som + self.wachtend * t - self.aankomst_som


@attrs.define
class Reiziger:
    """What happened to the residents of one stream on one route."""

    gestart: int = 0
    klaar: int = 0
    opgegeven: int = 0
    wachten: float = 0.0  # end to end, summed over those who finished
    contacten: int = 0  # of those who finished


@attrs.define
class Run:
    """One simulated replication."""

    dagen: int
    rijen: dict[str, Wachtrij]
    reizen: dict[tuple[int, int], Reiziger]  # (group, route) ->
    kosten: dict[str | None, float]
    onbekende_kosten: int  # contacts whose cost nobody knows
    aankomsten: int
    wachtlijst_integralen: dict[str, float] = attrs.Factory(dict)
    gebeurtenissen: int = 0  # events SimPy processed (for the benchmark)


class _Counting(simpy.Environment):
    """An environment that counts the events it schedules, so the benchmark can report events per second."""

    gebeurtenissen = 0

    def schedule(self, event, priority=simpy.core.NORMAL, delay=0):
        self.gebeurtenissen += 1
        super().schedule(event, priority, delay)


def run(p: Plan, dagen: int, seed: int, replicatie: int = 0) -> Run:
    """Simulate ``dagen`` days of plan ``p``."""
    env = _Counting()
    staff = {k: simpy.PriorityResource(env, capacity=lk.medewerkers) for k, lk in p.loketten.items()}
    rijen = {k: Wachtrij(dagen) for k in p.loketten}
    reizen = {(g, r): Reiziger() for g, gr in enumerate(p.groepen) for r in range(len(gr.paden))}
    kosten: dict[str | None, float] = {}
    result = Run(dagen, rijen, reizen, kosten, 0, 0)
    totaal = sum(g.per_jaar for g in p.groepen)
    eind = dagen * DAG

    def resident(gi: int, rng: random.Random):
        gr = p.groepen[gi]
        u = rng.random() * sum(x.kans for x in gr.paden)
        ri = 0
        while ri < len(gr.paden) - 1 and u >= gr.paden[ri].kans:
            u -= gr.paden[ri].kans
            ri += 1
        pad = gr.paden[ri]
        rec = reizen[(gi, ri)]
        rec.gestart += 1
        gewacht = 0.0
        for n, b in enumerate(pad.bezoeken):
            lk, rij = p.loketten[b.ingang], rijen[b.ingang]
            if n == 0 and not lk.open_op(env.now):  # AANKOMST_AANNAME: the first contact is made when it is open
                yield env.timeout(lk.wacht_tot_open(env.now))
            aankomst = env.now
            rij.binnen(aankomst)
            req = staff[b.ingang].request(priority=0 if gr.urgentie in lk.voorrang else 1)
            geduld = None if gr.geduld is None else rng.expovariate(1.0 / gr.geduld)  # drawn always: CRN
            if geduld is None or req.triggered:  # a free staff member: no patience timer left in the queue of events
                yield req
            else:
                got = yield req | env.timeout(geduld)
                if req not in got:
                    req.cancel()
                    rij.weg(env.now, aankomst)
                    rij.opgegeven += 1
                    rec.opgegeven += 1
                    return
            wacht = lk.wacht_tot_open(env.now)
            if wacht:
                yield env.timeout(wacht)
            rij.weg(env.now, aankomst)
            rij.wachttijden.append(env.now - aankomst)
            gewacht += env.now - aankomst
            duur = lk.duur(rng.random())
            yield env.timeout(duur)
            rij.bezet += duur
            rij.geholpen += 1
            staff[b.ingang].release(req)
            for niveau, bedrag in b.kosten:
                kosten[niveau] = kosten.get(niveau, 0.0) + bedrag
            result.onbekende_kosten += b.kosten_onbekend
        rec.klaar += 1
        rec.wachten += gewacht
        rec.contacten += len(pad.bezoeken)

    def arrivals():
        rng = random.Random(seed * 1_000_003 + replicatie)
        cum = []
        acc = 0.0
        for g in p.groepen:
            acc += g.per_jaar
            cum.append(acc)
        top = max(p.seizoen)
        rate = totaal / 365 / DAG * top  # per minute, thinned by the season
        if rate <= 0:
            return
        n = 0
        while True:
            yield env.timeout(rng.expovariate(rate))
            own = random.Random(rng.getrandbits(64))
            day = int(env.now // DAG) % 365
            if rng.random() * top > p.seizoen[_maand(day)]:
                continue
            x = rng.random() * acc
            gi = next(k for k, c in enumerate(cum) if x < c)
            n += 1
            result.aankomsten = n
            env.process(resident(gi, own))

    env.process(arrivals())
    env.run(until=eind)
    result.wachtlijst_integralen = {k: r.afsluiten(eind) for k, r in rijen.items()}
    result.gebeurtenissen = env.gebeurtenissen
    return result


def _maand(day: int) -> int:
    for month, n in enumerate(MAANDDAGEN):
        if day < n:
            return month
        day -= n
    return 11


Progress = Callable[[int], None]

"""Kansen, property-based (issue 16): generated gemeenten whose rules have kansen, through the loader and the walker.

Every example is a small gemeente made of model objects: 2 to 6 ingangen; rules with and without kansen (2 or 3
likelihoods from whole weights, the last one 1 minus the others); referrals warm, lauw and koud, resolutions,
refusals with and without a place named, waits, questions behind the question; conditions on ``reis.keer_hier``
and on the persona; and referrals back to ingangen visited before. An in-memory plugin hands the objects to a
Catalog, whose loader checks them exactly as it checks YAML (``load_object``): every example is a valid gemeente.

The expected answers come from the definitions, not from journeykit's output: ``every_way`` below walks each
combination of kansen separately (its own enumeration, not ``chance.exact``'s) and multiplies the likelihoods of
the kansen it took; ways that went alike, step for step, are one route, their likelihoods added up.

1. the exact distribution: the likelihoods of the routes add up to 1 (within 1e-9), each is in (0, 1], and each is
   what ``every_way`` gives; the likelihoods of the outcomes add up to 1; expected figures are finite, not negative,
   and between the smallest and the largest a route has;
2. every walk ends: every route within the step limit, with one outcome, a kans drawn at most once per visit; a
   state space too large is refused with the documented error, and with nothing else;
3. a seeded sample of N walks agrees with the exact answer within four standard errors; the same seed gives the
   same sample;
4. without kansen there is one route, for certain, and it is the plain walk; with kansen, the plain walk takes the
   most likely kans every time;
5. an expected figure is the mean over every way, each weighed by its likelihood (``WARM_OF_KOUD``: a warm and a
   cold handover to the same place are two routes, not one with the figures of either).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable

import attrs
import pytest
from hypothesis import HealthCheck, example, given, reject, settings
from hypothesis import strategies as st

from journeykit import api, hookimpl
from journeykit import model as m
from journeykit.analysis import chance
from journeykit.catalog import Catalog
from journeykit.engine import MAX_STAPPEN
from journeykit.errors import JourneykitError
from journeykit.plugins import Plugins

H = m.Herkomst(None, "gegenereerd")
TE_VEEL = "te veel om precies uit te rekenen; gebruik een steekproef"  # chance.exact's documented refusal
METRIEKEN = [f.name for f in attrs.fields(m.Metrieken)]
SOORTEN = ["hbh", "schulden", "informatie"]
# Mostly by telephone; now and then only digitally, which a persona without digital skills cannot use
KANALEN = [("telefoon",), ("telefoon", "balie"), ("balie", "digitaal"), ("digitaal",)]

# --- the generated gemeenten ---------------------------------------------------------------------------------


@attrs.frozen
class Casus:
    """A gemeente, a persona, a sleutelmoment and where the walk starts (None: where the persona would)."""

    gemeente: m.Gemeente
    persona: m.Persona
    sleutelmoment: m.Sleutelmoment
    start: str | None


# A condition on the route: the first visit of this ingang, or a later one (coming back is allowed).
EERSTE_KEER = m.Vergelijking("reis.keer_hier", (("tot_en_met", 0),))
WEER_HIER = m.Vergelijking("reis.keer_hier", (("vanaf", 1),))


@st.composite
def condities(draw) -> m.Conditie | None:
    return draw(
        st.one_of(
            st.none(),
            st.none(),
            st.sampled_from([EERSTE_KEER, WEER_HIER]),
            st.builds(lambda n: m.Vergelijking("persona.leeftijd", (("vanaf", n),)), st.integers(0, 100)),
            st.builds(lambda n: m.Vergelijking("reis.koude_verwijzingen", (("tot_en_met", n),)), st.integers(0, 2)),
        )
    )


@st.composite
def acties(draw, others: list[str], soorten: list[str]) -> dict:
    """The fields of an Actie: one of ``soorten``, naming only ``others`` (never the ingang itself)."""
    soort = draw(st.sampled_from(soorten))
    velden: dict = {"soort": soort}
    if soort in ("oplossen", "samenwerken"):
        velden["niveau"] = draw(st.sampled_from(m.NIVEAUS))
    if soort == "samenwerken":
        velden["met"] = (draw(st.sampled_from(others)),)
    elif soort == "verwijzen":
        velden["naar"] = draw(st.sampled_from(others))
        velden["overdracht"] = draw(st.sampled_from(m.OVERDRACHTEN))
    elif soort == "afwijzen":
        velden["noemt"] = draw(st.none() | st.sampled_from(others))
    elif soort == "wachten":
        velden["dagen"] = draw(st.integers(1, 5))
    return velden


# What one of a rule's kansen may do (a referral twice: it makes the routes go on, and back)
KANS_SOORTEN = ["oplossen", "verwijzen", "verwijzen", "afwijzen", "samenwerken"]
VASTE_SOORTEN = KANS_SOORTEN + ["wachten", "verhelderen"]


@st.composite
def kansen(draw, others: list[str]) -> tuple[m.Kans, ...]:
    """2 or 3 kansen: whole weights over their total, the last one what the others leave (so they add up to 1)."""
    gewichten = draw(st.lists(st.integers(1, 9), min_size=2, max_size=3))
    totaal = sum(gewichten)
    ps = [g / totaal for g in gewichten[:-1]]
    ps.append(1 - math.fsum(ps))
    return tuple(m.Kans(p, m.Actie(**draw(acties(others, KANS_SOORTEN))), herkomst=H) for p in ps)


@st.composite
def regel(draw, rid: str, bij: str, others: list[str], met_kansen: bool, altijd: bool = False) -> m.Regel:
    if met_kansen:
        dan = m.RegelActie(kansen=draw(kansen(others)))
    else:
        dan = m.RegelActie(**draw(acties(others, VASTE_SOORTEN)))
    return m.Regel(id=rid, bij=bij, dan=dan, als=None if altijd else draw(condities()), herkomst=H)


@st.composite
def casussen(draw, met_kansen: bool = True) -> Casus:
    n = draw(st.integers(2, 6))
    ids = [f"i{k}" for k in range(n)]
    ingangen, regels = [], []
    for k, i in enumerate(ids):
        others = [x for x in ids if x != i]
        ingangen.append(
            m.Ingang(
                id=i,
                naam=f"Ingang {i}",
                soort="loket",
                kanalen=draw(st.sampled_from(KANALEN)),
                stappen=("s",),
                talen=draw(st.sampled_from([("nl",), ("nl",), ("nl", "ar")])),
                wachttijd_dagen=draw(st.none() | st.integers(0, 10)),
                eerste_contact=k == 0 or draw(st.booleans()),
                deelt_dossier_met=tuple(draw(st.lists(st.sampled_from(others), max_size=1))),
                taak=draw(st.sampled_from([(), (), (), ("hbh",), ("schulden",)])),
                herkomst=H,
            )
        )
        for r in range(draw(st.sampled_from([0, 1, 1, 2, 2, 3]))):
            kans = met_kansen and draw(st.sampled_from([True, True, False]))
            # back to an earlier ingang twice as often as forward: coming back is what the kansen decide on
            regels.append(draw(regel(f"{i}-r{r}", i, ids[:k] + others, kans)))
    start = draw(st.none() | st.sampled_from(ids))
    if met_kansen and (draw(st.booleans()) or not any(r.dan.kansen for r in regels)):
        # a rule with kansen first at an ingang, most often where the walk starts (i0, if no start is given)
        i = draw(st.sampled_from([start or "i0"] * 3 + ids))
        regels.insert(0, draw(regel(f"{i}-kans", i, [x for x in ids if x != i], True, draw(st.booleans()))))
    gemeente = m.Gemeente(
        id="gen",
        naam="Gegenereerd",
        klantreis=m.Klantreis("K", (m.KlantreisStap("s", "S", herkomst=H),)),
        ingangen=tuple(ingangen),
        regels=tuple(regels),
        varianten=(m.Variant("v", "V", herkomst=H),),
        standaard_variant="v",
        herkomst=H,
    )
    persona = m.Persona(
        id="p",
        naam="P",
        leeftijd=draw(st.integers(0, 110)),
        huishouden="alleenstaand",
        talen=draw(st.sampled_from([("nl",)] * 5 + [("ar",)])),
        digitaal=draw(st.sampled_from(m.DIGITAAL)),
        voorkeur_kanalen=tuple(
            draw(st.lists(st.sampled_from(["telefoon", "balie", "digitaal"]), min_size=1, max_size=3, unique=True))
        ),
        doorzettingsvermogen=draw(st.sampled_from([0, 1, 2, 2, 3, 4])),
        herkomst=H,
    )
    achter = draw(st.booleans())
    vragen = [m.Vraag("v0", "vraag", "zorg", draw(st.sampled_from(SOORTEN)), onderliggend="v1" if achter else None)]
    vragen.append(m.Vraag("v1", "de vraag erachter", "zorg", draw(st.sampled_from(SOORTEN))))
    sleutelmoment = m.Sleutelmoment("sm", "SM", tuple(vragen), herkomst=H)
    return Casus(gemeente, persona, sleutelmoment, start)


# --- through a catalog -----------------------------------------------------------------------------------------


class _Aanbieder:
    """A plugin that gives the current example's objects: the catalog loads them as it loads any plugin's."""

    casus: Casus

    @hookimpl
    def journeykit_gemeenten(self):
        return [self.casus.gemeente]

    @hookimpl
    def journeykit_personas(self):
        return [self.casus.persona, self.casus.sleutelmoment]


_AANBIEDER = _Aanbieder()
_PLUGINS: list[Plugins] = []  # one plugin manager (and one plugin thread) for every example


def catalog(casus: Casus) -> Catalog:
    if not _PLUGINS:
        p = Plugins(entry_points=False)
        p.pm.register(_AANBIEDER, name="gegenereerd")
        _PLUGINS.append(p)
    plugins = _PLUGINS[0]
    _AANBIEDER.casus = casus
    plugins.errors.clear()
    cat = Catalog(plugins)
    cat.raise_for_errors()
    assert not cat.plugin_errors, cat.plugin_errors  # the loader took the generated objects as valid
    assert list(cat.gemeenten) == ["gen"]
    return cat


def walk_of(cat: Catalog, casus: Casus) -> Callable:
    """The walk ``api.verdeling`` makes, for a chooser."""
    return lambda chooser: cat.walk("gen", "p", "sm", ingang=casus.start, chooser=chooser)


def verdeling(cat: Catalog, casus: Casus, **kw) -> chance.Verdeling:
    """``api.verdeling``; an example whose routes are too many to count is left out, but only for that reason."""
    try:
        return api.verdeling(cat, "gen", "p", "sm", ingang=casus.start, **kw)
    except JourneykitError as e:
        if TE_VEEL not in str(e):
            raise
        reject()


class _Tak(Exception):
    """A walk met a kans that the path walked so far does not decide."""

    def __init__(self, kansen: tuple[float, ...]):
        self.kansen = kansen


def every_way(walk: Callable) -> list[tuple[float, m.Journey]]:
    """Every combination of kansen a walk can meet, each walked once, with the product of its likelihoods.

    A walk follows the choices in its path; at the first kans beyond it, it stops, and each of that kans's
    possibilities becomes a path of its own.
    """
    ways: list[tuple[float, m.Journey]] = []
    todo: list[tuple[tuple[int, ...], float]] = [((), 1.0)]
    while todo:
        path, p = todo.pop()
        taken: list[int] = []

        def chooser(rule: str, kansen: tuple[float, ...], path=path, taken=taken) -> int:
            if len(taken) == len(path):
                raise _Tak(kansen)
            taken.append(path[len(taken)])
            return taken[-1]

        try:
            j = walk(chooser)
        except _Tak as tak:
            todo.extend((path + (k,), p * q) for k, q in enumerate(tak.kansen))
            continue
        assert len(taken) == len(path)  # the walk used every choice it was given
        ways.append((p, j))
    return ways


def eindigt_zo(j: m.Journey) -> m.Journey:
    """What makes two ways one route (chance.py merges them): they went alike, step for step."""
    return j


def opgeteld(ways: list[tuple[float, m.Journey]]) -> dict[tuple, float]:
    out: dict[tuple, list[float]] = defaultdict(list)
    for p, j in ways:
        out[eindigt_zo(j)].append(p)
    return {k: math.fsum(ps) for k, ps in out.items()}


def assert_ends(j: m.Journey) -> None:
    """A finished journey: within the step limit, with one of the outcomes, its figures counted from its steps."""
    assert len(j.stappen) <= MAX_STAPPEN
    assert j.uitkomst.soort in m.UITKOMSTEN
    assert [s.nummer for s in j.stappen] == list(range(1, len(j.stappen) + 1))
    assert j.metrieken == m.Metrieken.of(j.stappen)
    if j.uitkomst.soort == "staplimiet":
        assert len(j.stappen) == MAX_STAPPEN
    if j.uitkomst.soort == "kastje-naar-de-muur":
        assert j.uitkomst.lus[0] == j.uitkomst.lus[-1]
    if j.uitkomst.soort == "opgelost":
        assert j.uitkomst.niveau in m.NIVEAUS


# --- hand-made cases ---------------------------------------------------------------------------------------------


def _gemeente(ids: tuple[str, ...], regels: tuple[m.Regel, ...]) -> m.Gemeente:
    return m.Gemeente(
        id="gen",
        naam="Gegenereerd",
        klantreis=m.Klantreis("K", (m.KlantreisStap("s", "S", herkomst=H),)),
        ingangen=tuple(
            m.Ingang(id=i, naam=f"Ingang {i}", soort="loket", kanalen=("telefoon",), stappen=("s",), herkomst=H)
            for i in ids
        ),
        regels=regels,
        varianten=(m.Variant("v", "V", herkomst=H),),
        standaard_variant="v",
        herkomst=H,
    )


def _persona(**kw) -> m.Persona:
    return m.Persona(id="p", naam="P", leeftijd=40, huishouden="alleenstaand", herkomst=H, **kw)


def _sleutelmoment() -> m.Sleutelmoment:
    return m.Sleutelmoment("sm", "SM", (m.Vraag("v0", "vraag", "zorg", "hbh"),), herkomst=H)


# The smallest case: i0 hands over to i1 warmly or coldly, half and half; i1 resolves. Both ways go i0 → i1 and
# end resolved, so they are one route; but the cold way has a contact more and a cold referral: expected are
# 0.5 × 1 + 0.5 × 2 = 1.5 contacts and 0.5 cold referrals. chance.py keeps the first way's figures for the merged
# route (Route(same.kans + route.kans, same.journey)) and gives 1 contact and 0 cold referrals.
WARM_OF_KOUD = Casus(
    _gemeente(
        ("i0", "i1"),
        (
            m.Regel(
                id="i0-r",
                bij="i0",
                dan=m.RegelActie(
                    kansen=(
                        m.Kans(0.5, m.Actie("verwijzen", naar="i1", overdracht="warm"), herkomst=H),
                        m.Kans(0.5, m.Actie("verwijzen", naar="i1", overdracht="koud"), herkomst=H),
                    )
                ),
                herkomst=H,
            ),
            m.Regel(id="i1-r", bij="i1", dan=m.RegelActie(soort="oplossen", niveau="algemeen"), herkomst=H),
        ),
    ),
    _persona(),
    _sleutelmoment(),
    "i0",
)


# i0 hands over to i1, i1 to i2, warmly; i2 sends the question back to i0 or to i1, half and half. Either way the
# walk comes back to a place that decides as before: sent round. Both routes go i0 → i1 → i2 and end so, but round
# different loops (i0 → i1 → i2 → i0, i1 → i2 → i1): two routes, half and half.
TERUG_NAAR_I0_OF_I1 = Casus(
    _gemeente(
        ("i0", "i1", "i2"),
        (
            m.Regel(id="i0-r", bij="i0", dan=m.RegelActie(soort="verwijzen", naar="i1", overdracht="warm"), herkomst=H),
            m.Regel(id="i1-r", bij="i1", dan=m.RegelActie(soort="verwijzen", naar="i2", overdracht="warm"), herkomst=H),
            m.Regel(
                id="i2-r",
                bij="i2",
                dan=m.RegelActie(
                    kansen=(
                        m.Kans(0.5, m.Actie("verwijzen", naar="i0", overdracht="warm"), herkomst=H),
                        m.Kans(0.5, m.Actie("verwijzen", naar="i1", overdracht="warm"), herkomst=H),
                    )
                ),
                herkomst=H,
            ),
        ),
    ),
    _persona(),
    _sleutelmoment(),
    "i0",
)


# Random examples each run (derandomize stays False); a failure prints its example, and the blob for
# @reproduce_failure that replays it exactly.
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# --- 1 and 2: the exact distribution, and every walk ends --------------------------------------------------------


@settings(SETTINGS, max_examples=50)
@example(casus=TERUG_NAAR_I0_OF_I1)
@given(casus=casussen())
def test_route_likelihoods_add_up_to_one_and_are_those_of_every_way(casus):
    cat = catalog(casus)
    walks: list[tuple[int, m.Journey]] = []  # each walk chance.exact makes: how many kansen it drew, and where to

    def walk(chooser):
        drawn = [0]

        def counted(rule, kansen):
            drawn[0] += 1
            return chooser(rule, kansen)

        j = walk_of(cat, casus)(counted)
        walks.append((drawn[0], j))
        return j

    try:
        v = chance.exact(walk)
    except JourneykitError as e:
        assert TE_VEEL in str(e)
        reject()
    assert v == verdeling(cat, casus)  # what api.verdeling gives, and `walk` shows

    kansen = [r.kans for r in v.routes]
    assert v.steekproef == 0
    assert abs(math.fsum(kansen) - 1) <= 1e-9
    assert all(0 < k <= 1 + 1e-12 for k in kansen)
    assert kansen == sorted(kansen, reverse=True)  # most likely first
    keys = [eindigt_zo(r.journey) for r in v.routes]
    assert len(set(keys)) == len(keys)  # ways that went alike are one route

    ways = every_way(walk_of(cat, casus))
    assert abs(math.fsum(p for p, _ in ways) - 1) <= 1e-9
    assert len(walks) == len(ways)  # each combination of kansen walked once
    assert dict(zip(keys, kansen, strict=True)) == pytest.approx(opgeteld(ways), rel=1e-12, abs=1e-15)

    # every walk ends, and draws a kans at most once per visit: per step, and once more when it comes back for good
    for drawn, j in walks:
        assert_ends(j)
        assert drawn <= len(j.stappen) + 1
    assert all(p > 0 for p, _ in ways)

    # each route has one outcome: theirs add up to 1, and each is the sum over the ways that end so
    def kans(test: Callable[[m.Journey], bool]) -> float:
        return math.fsum(p for p, j in ways if test(j))

    per_uitkomst = {u: v.kans(lambda j, u=u: j.uitkomst.soort == u) for u in m.UITKOMSTEN}
    assert abs(math.fsum(per_uitkomst.values()) - 1) <= 1e-9
    for u, p in per_uitkomst.items():
        assert p == pytest.approx(kans(lambda j, u=u: j.uitkomst.soort == u), abs=1e-12)
    assert v.kans_opgelost == per_uitkomst["opgelost"]
    assert v.kans_afgehaakt == per_uitkomst["afgehaakt"]
    # sent round: ended going round, or went round once and on (the route still holds the loop)
    assert v.kans_kastje_naar_de_muur == pytest.approx(kans(lambda j: bool(j.uitkomst.lus)), abs=1e-12)
    assert v.kans_kastje_naar_de_muur >= per_uitkomst["kastje-naar-de-muur"] - 1e-12

    # an expected figure is a weighted mean: finite, not negative, between the least and the most a route has
    for naam in METRIEKEN:
        e = v.verwacht(naam)
        values = [getattr(j.metrieken, naam) for _, j in ways]
        assert e is not None and math.isfinite(e) and e >= 0, naam
        assert min(values) - 1e-9 <= e <= max(values) + 1e-9, naam
    onbekend = any(j.metrieken.dagen_onbekend for _, j in ways)
    assert (v.verwacht("dagen", "dagen_onbekend") is None) == onbekend


def test_a_state_space_too_large_is_refused_with_the_documented_error():
    # i0 and i1 send each other back and forth, warm, lauw or koud. Back at an ingang, the way it went last time
    # there ends the walk (kastje-naar-de-muur) and the other two go on: the routes about double at every visit
    # until the step limit, far more than chance.MAX_ROUTES.
    def heen_en_weer(bij: str, naar: str) -> m.Regel:
        k = tuple(
            m.Kans(p, m.Actie("verwijzen", naar=naar, overdracht=o), herkomst=H)
            for p, o in ((0.25, "warm"), (0.25, "lauw"), (0.5, "koud"))
        )
        return m.Regel(id=f"{bij}-r", bij=bij, dan=m.RegelActie(kansen=k), herkomst=H)

    g = _gemeente(("i0", "i1"), (heen_en_weer("i0", "i1"), heen_en_weer("i1", "i0")))
    casus = Casus(g, _persona(doorzettingsvermogen=20), _sleutelmoment(), "i0")
    cat = catalog(casus)
    with pytest.raises(JourneykitError, match=TE_VEEL):
        api.verdeling(cat, "gen", "p", "sm", ingang="i0")
    # a sample still answers, and every walk of it ends
    s = api.verdeling(cat, "gen", "p", "sm", ingang="i0", steekproef=200, seed=1)
    assert abs(math.fsum(r.kans for r in s.routes) - 1) <= 1e-9
    for r in s.routes:
        assert_ends(r.journey)


# --- 3: a seeded sample agrees with the exact answer ----------------------------------------------------------------

N = 400
# Besides four standard errors, two walks' worth: for a route of likelihood 1e-4, four standard errors are less than
# one walk, and a correct sampler takes such a route about once in twenty samples. With this margin, over the
# routes these gemeenten have, a correct sampler fails this test about once in a thousand runs (binomial tails).
SPEELRUIMTE = 2 / N


def binnen_vier_standaardfouten(freq: float, p: float) -> bool:
    return abs(freq - p) <= 4 * math.sqrt(p * (1 - p) / N) + SPEELRUIMTE


@SETTINGS
@given(casus=casussen(), seed=st.integers(0, 2**32 - 1))
def test_a_seeded_sample_agrees_with_the_exact_answer(casus, seed):
    cat = catalog(casus)
    exact = verdeling(cat, casus)
    s = verdeling(cat, casus, steekproef=N, seed=seed)
    assert s.steekproef == N
    counts = [r.kans * N for r in s.routes]
    assert all(abs(c - round(c)) < 1e-9 and c >= 1 for c in counts)
    assert sum(round(c) for c in counts) == N
    for r in s.routes:
        assert_ends(r.journey)

    verwacht = {eindigt_zo(r.journey): r.kans for r in exact.routes}
    gekregen = {eindigt_zo(r.journey): r.kans for r in s.routes}
    assert set(gekregen) <= set(verwacht)  # no route the exact answer says cannot happen
    for key, p in verwacht.items():
        assert binnen_vier_standaardfouten(gekregen.get(key, 0.0), p), (key, gekregen.get(key, 0.0), p)
    for u in m.UITKOMSTEN:
        p = exact.kans(lambda j, u=u: j.uitkomst.soort == u)
        assert binnen_vier_standaardfouten(s.kans(lambda j, u=u: j.uitkomst.soort == u), p), (u, p)
    assert binnen_vier_standaardfouten(s.kans_kastje_naar_de_muur, exact.kans_kastje_naar_de_muur)
    # seeded: the same seed, the same answer
    klein = dict(steekproef=25, seed=seed)
    assert verdeling(cat, casus, **klein) == verdeling(cat, casus, **klein)


# --- 4: without kansen one route for certain; the plain walk takes the most likely kans -----------------------------


@settings(SETTINGS, max_examples=40)
@given(casus=casussen(met_kansen=False), seed=st.integers(0, 2**32 - 1))
def test_without_kansen_there_is_one_route_for_certain_and_it_is_the_plain_walk(casus, seed):
    cat = catalog(casus)
    assert not any(r.dan.kansen for r in cat.gemeenten["gen"].regels)
    plain = cat.walk("gen", "p", "sm", ingang=casus.start)
    assert_ends(plain)
    for v in (verdeling(cat, casus), verdeling(cat, casus, steekproef=20, seed=seed)):
        assert len(v.routes) == 1
        (r,) = v.routes
        assert r.kans == 1.0 and r.journey == plain
        assert (v.kans_opgelost, v.kans_afgehaakt) == (
            plain.uitkomst.soort == "opgelost",
            plain.uitkomst.soort == "afgehaakt",
        )
        for naam in METRIEKEN:
            assert v.verwacht(naam) == getattr(plain.metrieken, naam)


def most_likely(rule: str, kansen: tuple[float, ...]) -> int:
    """The most likely of a rule's kansen; of equally likely ones the first."""
    return kansen.index(max(kansen))


@settings(SETTINGS, max_examples=40)
@given(casus=casussen())
def test_a_plain_walk_takes_the_most_likely_kans_at_every_visit(casus):
    cat = catalog(casus)
    plain = cat.walk("gen", "p", "sm", ingang=casus.start)
    assert plain == walk_of(cat, casus)(most_likely)
    assert_ends(plain)


# --- expected figures -------------------------------------------------------------------------------------------------


@SETTINGS
@example(casus=WARM_OF_KOUD)
@given(casus=casussen())
def test_an_expected_figure_weighs_every_way_by_its_likelihood(casus):
    cat = catalog(casus)
    v = verdeling(cat, casus)
    ways = every_way(walk_of(cat, casus))
    for naam in METRIEKEN:
        assert v.verwacht(naam) == pytest.approx(
            math.fsum(p * getattr(j.metrieken, naam) for p, j in ways), rel=1e-9, abs=1e-12
        ), naam


def test_two_routes_over_the_same_places_are_told_apart_by_their_handover():
    from journeykit.render.reports import verdeling_text

    cat = catalog(WARM_OF_KOUD)
    v = verdeling(cat, WARM_OF_KOUD)
    assert [(r.kans, r.journey.route) for r in v.routes] == [(0.5, ("i0", "i1"))] * 2
    lines = verdeling_text(v, WARM_OF_KOUD.gemeente).splitlines()
    # the warm handover is the usual one and is not named; the cold one is
    assert "   50 %  Ingang i0 → Ingang i1 (koud): opgelost (algemeen) (rust op: aanname)" in lines
    assert "   50 %  Ingang i0 → Ingang i1: opgelost (algemeen) (rust op: aanname)" in lines
    # expected: 1 contact warm, 2 cold; 1 cold referral half the time
    assert lines[-1].endswith("Verwacht: 1,5 contacten, 0,5 koude verwijzingen.")

"""A journey case's expectations and a gemeente's principle toetsen: each kind fails exactly when it should.

Small hand-built journeys, so that each test changes one thing: turning any one kind into a no-op,
or moving one of its boundaries by one, makes a test here fail.
"""

from __future__ import annotations

import json

import attrs
import pytest

from journeykit import model as m
from journeykit.analysis.checks import (
    Principecheck,
    builtin_check,
    expectation_failures,
    household_failures,
    principle_checks,
    violations,
)
from journeykit.analysis.household import Huishouden

from conftest import TESTSTAD_ARGS

# --- building journeys by hand --------------------------------------------------------------------

QUIET = {"contacten_inwoner": 0, "koude_verwijzingen": 0, "herhalingen": 0, "dagen": 0}


def stap(nummer: int, ingang: str, actie: str = "oplossen", **kw) -> m.Stap:
    fields = {
        "vraag": "v",
        "aangekomen": "start" if nummer == 1 else "warm",
        "regel": None,
        "contact_inwoner": nummer == 1,
        "opnieuw_verteld": False,
        "dagen": 0,
        "organisatie": ingang,
        "ervaring": 3,
    }
    return m.Stap(nummer=nummer, ingang=ingang, actie=actie, **{**fields, **kw})


def journey(
    *stappen: m.Stap, uitkomst: m.Uitkomst | None = None, **metrieken: int
) -> m.Journey:  # metrics are given, not counted: each test sets only the one it is about
    met = {
        "stappen": len(stappen),
        **QUIET,
        "warme_overdrachten": 0,
        "organisaties": 0,
        "kosten": 0.0,
        "afwijzingen": 0,
        **metrieken,
    }
    return m.Journey(
        gemeente="g",
        variant="v",
        persona="p",
        sleutelmoment="s",
        vraag="v",
        stappen=stappen,
        uitkomst=uitkomst or m.Uitkomst("opgelost", "klaar", niveau="algemeen", waar="loket"),
        metrieken=m.Metrieken(**met),
    )


def reis(**verwachting) -> m.Reiscasus:
    return m.Reiscasus("r", "R", "p", "s", "g", verwachting=m.Verwachting(**verwachting))


def failures(j: m.Journey, schendingen: list[m.Schending] | None = None, **verwachting) -> list[str]:
    return expectation_failures(reis(**verwachting), j, schendingen or [])


# A journey that goes loket → wijkteam → schuldhulp and is solved there (algemeen).
ROUTE = journey(
    stap(1, "loket", "verwijzen-warm", naar="wijkteam", overdracht="warm"),
    stap(2, "wijkteam", "verwijzen-koud", naar="schuldhulp", overdracht="koud"),
    stap(3, "schuldhulp", "oplossen", niveau="algemeen"),
    uitkomst=m.Uitkomst("opgelost", "klaar", niveau="algemeen", waar="schuldhulp"),
)


# --- expectations -----------------------------------------------------------------------------------


def test_no_expectations_no_failures_however_bad_the_journey():
    bad = journey(
        stap(1, "loket", "afwijzen"),
        uitkomst=m.Uitkomst("kastje-naar-de-muur", "lus", waar="loket", lus=("loket", "loket")),
        contacten_inwoner=9,
        koude_verwijzingen=9,
        herhalingen=9,
        dagen=900,
    )
    assert failures(bad, [m.Schending("x", "geschonden")]) == []


def test_uitkomst():
    assert failures(ROUTE, uitkomst="opgelost") == []
    assert failures(ROUTE, uitkomst="afgehaakt") == ["uitkomst is 'opgelost', verwacht 'afgehaakt'"]


def test_niveau():
    assert failures(ROUTE, niveau="algemeen") == []
    assert failures(ROUTE, niveau="maatwerk") == ["niveau is 'algemeen', verwacht 'maatwerk'"]
    gave_up = journey(stap(1, "loket", "afwijzen"), uitkomst=m.Uitkomst("afgehaakt", "weg", waar="loket"))
    assert failures(gave_up, niveau="maatwerk") == ["niveau is '-', verwacht 'maatwerk'"]


def test_eindigt_bij():
    assert failures(ROUTE, eindigt_bij="schuldhulp") == []
    # it went through the loket, but did not end there
    assert failures(ROUTE, eindigt_bij="loket") == ["eindigt bij 'schuldhulp', verwacht 'loket'"]
    nowhere = journey(uitkomst=m.Uitkomst("afgehaakt", "geen ingang"))
    assert failures(nowhere, eindigt_bij="loket") == ["eindigt bij '-', verwacht 'loket'"]


def test_cyclus_matches_the_loop_wherever_it_starts():
    looped = journey(
        stap(1, "loket", "verwijzen-koud", naar="wijkteam", overdracht="koud"),
        stap(2, "wijkteam", "verwijzen-koud", naar="schuldhulp", overdracht="koud"),
        stap(3, "schuldhulp", "verwijzen-koud", naar="wijkteam", overdracht="koud"),
        uitkomst=m.Uitkomst(
            "kastje-naar-de-muur", "terug", waar="wijkteam", lus=("wijkteam", "schuldhulp", "wijkteam")
        ),
    )
    assert failures(looped, cyclus=("wijkteam", "schuldhulp", "wijkteam")) == []
    assert failures(looped, cyclus=("schuldhulp", "wijkteam", "schuldhulp")) == []  # the same loop, other start
    assert failures(looped, cyclus=("wijkteam", "loket", "wijkteam")) == [
        "lus is wijkteam → schuldhulp → wijkteam, verwacht de lus wijkteam → loket → wijkteam"
    ]
    assert failures(looped, cyclus=("wijkteam", "schuldhulp", "loket", "wijkteam")) == [
        "lus is wijkteam → schuldhulp → wijkteam, verwacht de lus wijkteam → schuldhulp → loket → wijkteam"
    ]
    assert failures(ROUTE, cyclus=("loket", "wijkteam", "loket")) == [
        "geen lus, verwacht de lus loket → wijkteam → loket"
    ]


def test_bereikt_names_each_ingang_the_route_misses():
    assert failures(ROUTE, bereikt=("loket", "wijkteam", "schuldhulp")) == []
    assert failures(ROUTE, bereikt=("wmo", "wijkteam", "jeugdteam")) == [
        "route komt niet langs 'wmo'",
        "route komt niet langs 'jeugdteam'",
    ]


def test_niet_via_names_each_forbidden_ingang_on_the_route():
    assert failures(ROUTE, niet_via=("wmo", "jeugdteam")) == []
    assert failures(ROUTE, niet_via=("wmo", "wijkteam", "loket")) == [
        "route gaat via 'wijkteam', dat niet zou moeten",
        "route gaat via 'loket', dat niet zou moeten",
    ]


LIMITS = [
    ("max_contacten", "contacten_inwoner", "contacten"),
    ("max_koude_verwijzingen", "koude_verwijzingen", "koude verwijzingen"),
    ("max_herhalingen", "herhalingen", "keer opnieuw verteld"),
    ("max_dagen", "dagen", "dagen"),
]


@pytest.mark.parametrize("limit", [0, 3])
@pytest.mark.parametrize("field, metric, label", LIMITS)
def test_a_maximum_is_the_highest_value_allowed(field, metric, label, limit):
    # every other metric far over this limit: only the metric that belongs to the field may count
    others = {k: 50 for k in QUIET}
    assert failures(journey(**{**others, metric: limit}), **{field: limit}) == []
    assert failures(journey(**{**others, metric: limit + 1}), **{field: limit}) == [
        f"{limit + 1} {label}, verwacht hoogstens {limit}"
    ]


def test_maxima_are_checked_side_by_side():
    j = journey(contacten_inwoner=4, koude_verwijzingen=3, herhalingen=2, dagen=40)
    assert failures(j, max_contacten=1, max_koude_verwijzingen=1, max_herhalingen=1, max_dagen=10) == [
        "4 contacten, verwacht hoogstens 1",
        "3 koude verwijzingen, verwacht hoogstens 1",
        "2 keer opnieuw verteld, verwacht hoogstens 1",
        "40 dagen, verwacht hoogstens 10",
    ]


def test_principes_gehaald():
    broken = [m.Schending("direct-goed", "koud verwezen naar schuldhulp", 2)]
    assert failures(ROUTE, broken, principes_gehaald=("een-contact",)) == []
    assert failures(ROUTE, broken, principes_gehaald=("een-contact", "direct-goed")) == [
        "principe 'direct-goed' geschonden, verwacht gehaald"
    ]


def test_principes_geschonden():
    broken = [m.Schending("direct-goed", "koud verwezen naar schuldhulp", 2)]
    assert failures(ROUTE, broken, principes_geschonden=("direct-goed",)) == []
    assert failures(ROUTE, broken, principes_geschonden=("direct-goed", "een-contact")) == [
        "principe 'een-contact' gehaald, verwacht geschonden"
    ]


NIET_GETOETST = "principe 'p' kon niet getoetst worden (de toets van een plugin faalde)"


def test_a_principle_that_could_not_be_checked_is_reported_not_counted_either_way():
    unchecked = [m.Schending("p", "de toets faalde", niet_getoetst=True)]
    # expected kept: it was not shown to be broken, yet the case does not pass
    assert failures(ROUTE, unchecked, principes_gehaald=("p",)) == [NIET_GETOETST]
    # expected broken: it was not shown to be kept, yet it is not called 'kept' either
    assert failures(ROUTE, unchecked, principes_geschonden=("p",)) == [NIET_GETOETST]
    # about a principle no expectation names, it says nothing
    assert failures(ROUTE, unchecked, principes_gehaald=("q",), principes_geschonden=()) == []


def test_an_unchecked_principle_does_not_hide_a_broken_one():
    both = [m.Schending("p", "de toets faalde", niet_getoetst=True), m.Schending("p", "geschonden", 1)]
    assert failures(ROUTE, both, principes_gehaald=("p",)) == [
        NIET_GETOETST,
        "principe 'p' geschonden, verwacht gehaald",
    ]
    assert failures(ROUTE, both, principes_geschonden=("p",)) == [NIET_GETOETST]


def test_every_kind_reports_at_once_in_a_fixed_order():
    j = attrs.evolve(ROUTE, metrieken=attrs.evolve(ROUTE.metrieken, contacten_inwoner=2, dagen=8))
    broken = [m.Schending("a", "x", 1), m.Schending("u", "faalde", niet_getoetst=True)]
    assert failures(
        j,
        broken,
        uitkomst="afgehaakt",
        niveau="maatwerk",
        eindigt_bij="loket",
        bereikt=("wmo",),
        niet_via=("loket",),
        max_contacten=1,
        max_dagen=7,
        principes_gehaald=("a", "u"),
        principes_geschonden=("b",),
    ) == [
        "uitkomst is 'opgelost', verwacht 'afgehaakt'",
        "niveau is 'algemeen', verwacht 'maatwerk'",
        "eindigt bij 'schuldhulp', verwacht 'loket'",
        "route komt niet langs 'wmo'",
        "route gaat via 'loket', dat niet zou moeten",
        "2 contacten, verwacht hoogstens 1",
        "8 dagen, verwacht hoogstens 7",
        "principe 'u' kon niet getoetst worden (de toets van een plugin faalde)",
        "principe 'a' geschonden, verwacht gehaald",
        "principe 'b' gehaald, verwacht geschonden",
    ]


# --- likelihoods (a journey with kansen) ----------------------------------------------------------------


def kans_failures(kansen: dict[str, float] | None, **verwachting) -> list[str]:
    return expectation_failures(reis(**verwachting), ROUTE, [], kansen)


def test_a_likelihood_is_held_to_its_bounds_within_rounding():
    at_least = {"kans_opgelost": m.Grenzen(min=0.6)}
    assert kans_failures({"kans_opgelost": 0.6}, **at_least) == []
    assert kans_failures({"kans_opgelost": 0.6 - 5e-10}, **at_least) == []  # summed kansen are rounded
    assert kans_failures({"kans_opgelost": 0.6 - 2e-9}, **at_least) == [
        "kans op opgelost is 0.60, verwacht minstens 0.60"
    ]
    assert kans_failures({"kans_opgelost": 0.345}, **at_least) == ["kans op opgelost is 0.34, verwacht minstens 0.60"]
    at_most = {"kans_kastje_naar_de_muur": m.Grenzen(max=0.1)}
    assert kans_failures({"kans_kastje_naar_de_muur": 0.1 + 5e-10}, **at_most) == []
    assert kans_failures({"kans_kastje_naar_de_muur": 0.1 + 2e-9}, **at_most) == [
        "kans op kastje naar de muur is 0.10, verwacht hoogstens 0.10"
    ]
    # a bound on one side says nothing about the other
    assert kans_failures({"kans_opgelost": 1.0}, kans_opgelost=m.Grenzen(min=0.2)) == []
    assert kans_failures({"kans_opgelost": 0.0}, kans_opgelost=m.Grenzen(max=0.2)) == []


def test_a_likelihood_exactly_at_the_rounding_margin_still_holds():
    assert kans_failures({"kans_opgelost": 0.6 - 1e-9}, kans_opgelost=m.Grenzen(min=0.6)) == []
    assert kans_failures({"kans_kastje_naar_de_muur": 0.1 + 1e-9}, kans_kastje_naar_de_muur=m.Grenzen(max=0.1)) == []


def test_a_wait_partly_unknown_fails_a_limit_it_reaches_and_says_what_is_known():
    known_5 = attrs.evolve(ROUTE, metrieken=attrs.evolve(ROUTE.metrieken, dagen=5, dagen_onbekend=1))
    message = "wachttijd minstens 5 dagen, niet overal bekend, verwacht hoogstens 5 dagen"
    assert failures(known_5, max_dagen=5) == [message]
    assert failures(known_5, max_dagen=4) == ["5 dagen, verwacht hoogstens 4"]
    nothing_known = attrs.evolve(ROUTE, metrieken=attrs.evolve(ROUTE.metrieken, dagen=0, dagen_onbekend=2))
    assert failures(nothing_known, max_dagen=5) == ["wachttijd onbekend, verwacht hoogstens 5 dagen"]


def test_both_likelihoods_are_checked_each_by_its_own_name():
    v = {"kans_opgelost": m.Grenzen(min=0.9), "kans_kastje_naar_de_muur": m.Grenzen(max=0.05)}
    assert kans_failures({"kans_opgelost": 0.5, "kans_kastje_naar_de_muur": 0.2}, **v) == [
        "kans op opgelost is 0.50, verwacht minstens 0.90",
        "kans op kastje naar de muur is 0.20, verwacht hoogstens 0.05",
    ]
    assert kans_failures({"kans_opgelost": 0.95, "kans_kastje_naar_de_muur": 0.2}, **v) == [
        "kans op kastje naar de muur is 0.20, verwacht hoogstens 0.05"
    ]


def test_a_likelihood_not_worked_out_fails_rather_than_passes():
    assert kans_failures(None, kans_opgelost=m.Grenzen(min=0.1)) == ["de kans op opgelost is niet uitgerekend"]
    assert kans_failures({"kans_opgelost": 1.0}, kans_kastje_naar_de_muur=m.Grenzen(max=0.5)) == [
        "de kans op kastje naar de muur is niet uitgerekend"
    ]
    assert kans_failures(None) == []


# --- a household (vragen) -----------------------------------------------------------------------------------


def household(*js: m.Journey, **figures) -> Huishouden:
    base = {"professionals": 2, "organisaties": 2, "verteld": 2, "regisseur": "wijkteam", "regie_in_de_data": True}
    return Huishouden("g", "v", "p", "s", js, tuple(j.vraag for j in js), **{**base, **figures}, schendingen=())


def household_fails(h: Huishouden, schendingen: list[m.Schending] | None = None, **verwachting) -> list[str]:
    return household_failures(reis(**verwachting), h, schendingen or [])


SCHULD = attrs.evolve(ROUTE, vraag="schuld", metrieken=attrs.evolve(ROUTE.metrieken, dagen=10, contacten_inwoner=2))
OPVOEDING = journey(
    stap(1, "loket", "verwijzen-warm", naar="jeugd", overdracht="warm"),
    stap(2, "jeugd", "oplossen", niveau="maatwerk"),
    uitkomst=m.Uitkomst("opgelost", "klaar", niveau="maatwerk", waar="jeugd", lus=("jeugd", "loket", "jeugd")),
    dagen=20,
    contacten_inwoner=1,
    koude_verwijzingen=1,
    herhalingen=1,
)
OPVOEDING = attrs.evolve(OPVOEDING, vraag="opvoeding")


def test_a_household_meets_what_each_journey_must_do_in_every_question_and_says_which_not():
    h = household(SCHULD, OPVOEDING)
    assert household_fails(h, uitkomst="opgelost") == []
    assert household_fails(h, niveau="algemeen", eindigt_bij="schuldhulp") == [
        "vraag 'opvoeding': niveau is 'maatwerk', verwacht 'algemeen'",
        "vraag 'opvoeding': eindigt bij 'jeugd', verwacht 'schuldhulp'",
    ]


def test_a_household_counts_routes_together_and_adds_up_its_figures():
    h = household(SCHULD, OPVOEDING)
    # bereikt: one question passing is enough; niet_via: no question may pass
    assert household_fails(h, bereikt=("schuldhulp", "jeugd")) == []
    assert household_fails(h, niet_via=("jeugd",)) == ["route gaat via 'jeugd', dat niet zou moeten"]
    # a loop made by one question is the household's loop
    assert household_fails(h, cyclus=("loket", "jeugd", "loket")) == []
    assert household_fails(h, cyclus=("loket", "wijkteam", "loket")) == [
        "lus is jeugd → loket → jeugd, verwacht de lus loket → wijkteam → loket"
    ]
    both = household(attrs.evolve(SCHULD, uitkomst=attrs.evolve(SCHULD.uitkomst, lus=("a", "b", "a"))), OPVOEDING)
    assert household_fails(both, cyclus=("loket", "wijkteam", "loket")) == [
        "lus is a → b → a en jeugd → loket → jeugd, verwacht de lus loket → wijkteam → loket"
    ]
    # contacts, cold referrals and retellings add up (2 + 1, 0 + 1, 0 + 1); the wait is the longest
    assert household_fails(h, max_contacten=3, max_koude_verwijzingen=1, max_herhalingen=1, max_dagen=20) == []
    assert household_fails(h, max_contacten=2, max_koude_verwijzingen=0, max_herhalingen=0, max_dagen=19) == [
        "3 contacten, verwacht hoogstens 2",
        "1 koude verwijzingen, verwacht hoogstens 0",
        "1 keer opnieuw verteld, verwacht hoogstens 0",
        "20 dagen, verwacht hoogstens 19",
    ]


def test_a_household_meets_its_own_figures():
    h = household(SCHULD, OPVOEDING, professionals=4, organisaties=3, verteld=5, regisseur=None)
    assert household_fails(h, max_professionals=4, max_organisaties=3, max_verteld=5) == []
    assert household_fails(h, regisseur="wijkteam", max_professionals=3, max_organisaties=2, max_verteld=4) == [
        "regisseur is '-', verwacht 'wijkteam'",
        "4 plekken, verwacht hoogstens 3",
        "3 organisaties, verwacht hoogstens 2",
        "5 keer het verhaal verteld, verwacht hoogstens 4",
    ]
    assert household_fails(household(SCHULD, OPVOEDING), regisseur="wijkteam") == []
    assert household_fails(household(SCHULD, OPVOEDING), regisseur="loket") == [
        "regisseur is 'wijkteam', verwacht 'loket'"
    ]


def test_a_household_whose_regisseur_is_unknown_cannot_keep_or_break_the_promise():
    h = household(SCHULD, OPVOEDING, regisseur=None, regie_in_de_data=False, niet_getoetst=("regie",))
    unknown = "principe 'regie' kon niet getoetst worden (geen plek in de data heeft regie: true)"
    assert household_fails(h, principes_gehaald=("regie",)) == [unknown]
    assert household_fails(h, principes_geschonden=("regie",)) == [unknown]
    assert household_fails(h, principes_gehaald=("ander",)) == []


# --- the built-in principle toetsen -------------------------------------------------------------------


def principe(soort: str, **toets) -> m.Principe:
    return m.Principe("pr", "Principe", toets=m.Toets(soort, **toets))


def check(soort: str, j: m.Journey, **toets) -> list[m.Schending]:
    fn = builtin_check(principe(soort, **toets))
    assert fn is not None
    return fn(j)


def test_a_principle_without_toets_has_no_builtin_check():
    assert builtin_check(m.Principe("pr", "Principe")) is None


def test_an_unknown_toets_is_refused_not_passed():
    # the loader admits only known kinds; a hand-made principle with another must not pass unchecked
    with pytest.raises(ValueError, match="^geen-wachtlijst$"):
        builtin_check(principe("geen-wachtlijst"))


def test_geen_afwijzing_names_every_decline():
    j = journey(
        stap(1, "loket", "afwijzen", naar="wijkteam", overdracht="koud"),
        stap(2, "wijkteam", "verwijzen-koud", naar="wmo", overdracht="koud"),
        stap(3, "wmo", "afwijzen"),
    )
    msg = "de vraag werd afgewezen ('niet voor ons')"
    assert check("geen-afwijzing", j) == [m.Schending("pr", msg, 1), m.Schending("pr", msg, 3)]
    assert check("geen-afwijzing", ROUTE) == []


def test_geen_koude_verwijzing_counts_cold_steps_that_name_a_place():
    j = journey(
        stap(1, "loket", "afwijzen", naar="wijkteam", overdracht="koud"),  # a decline naming a place is cold too
        stap(2, "wijkteam", "verwijzen-warm", naar="wmo", overdracht="warm"),
        stap(3, "wmo", "verwijzen-koud", naar="schuldhulp", overdracht="koud"),
        stap(4, "schuldhulp", "afwijzen", overdracht="koud"),  # declined, naming no place: nobody was sent on
    )
    assert check("geen-koude-verwijzing", j) == [
        m.Schending("pr", "koud verwezen naar wijkteam", 1),
        m.Schending("pr", "koud verwezen naar schuldhulp", 3),
    ]
    warm_only = journey(stap(1, "loket", "verwijzen-warm", naar="wmo", overdracht="warm"), stap(2, "wmo"))
    assert check("geen-koude-verwijzing", warm_only) == []


@pytest.mark.parametrize("waarde", [0, 2])
def test_max_contacten(waarde):
    assert check("max-contacten", journey(contacten_inwoner=waarde, herhalingen=9), waarde=waarde) == []
    assert check("max-contacten", journey(contacten_inwoner=waarde + 1, herhalingen=0), waarde=waarde) == [
        m.Schending("pr", f"de inwoner nam {waarde + 1} keer zelf contact op (hoogstens {waarde})")
    ]


@pytest.mark.parametrize("waarde", [0, 2])
def test_max_herhalingen(waarde):
    assert check("max-herhalingen", journey(herhalingen=waarde, contacten_inwoner=9), waarde=waarde) == []
    assert check("max-herhalingen", journey(herhalingen=waarde + 1, contacten_inwoner=0), waarde=waarde) == [
        m.Schending("pr", f"het verhaal werd {waarde + 1} keer opnieuw verteld (hoogstens {waarde})")
    ]


def test_kenmerk_vereist():
    def with_kenmerken(*per_stap: tuple[str, ...]) -> m.Journey:
        return journey(*(stap(n, f"i{n}", kenmerken=k) for n, k in enumerate(per_stap, start=1)))

    def run(j):
        return check("kenmerk-vereist", j, als="wmo-melding", dan="clientondersteuning")

    # the first step with the trigger is named, when the required mark is nowhere
    assert run(with_kenmerken((), ("x", "wmo-melding"), ("wmo-melding",))) == [
        m.Schending("pr", "stap 2 heeft 'wmo-melding' maar nergens volgt 'clientondersteuning'", 2)
    ]
    assert run(with_kenmerken((), ("wmo-melding",), ("x", "clientondersteuning"))) == []
    # 'nergens': the mark may also come before the trigger, or with it
    assert run(with_kenmerken(("clientondersteuning",), ("wmo-melding",))) == []
    assert run(with_kenmerken(("wmo-melding", "clientondersteuning"))) == []
    # without the trigger nothing is required
    assert run(with_kenmerken(("x",), ("y",))) == []
    assert run(journey()) == []


@pytest.mark.parametrize("actie", ["oplossen", "samenwerken", "verwijzen-warm"])
def test_eerste_contact_juist_when_the_first_ingang_solves_or_hands_over_warmly(actie):
    j = journey(stap(1, "loket", actie, naar="wijkteam" if actie == "verwijzen-warm" else None), stap(2, "wijkteam"))
    assert check("eerste-contact-juist", j) == []


@pytest.mark.parametrize("actie", ["verwijzen-koud", "afwijzen", "wachten", "verhelderen", "geen-regel"])
def test_eerste_contact_juist_fails_otherwise(actie):
    j = journey(stap(1, "loket", actie), stap(2, "wijkteam"))
    assert check("eerste-contact-juist", j) == [
        m.Schending("pr", "het eerste contact (loket) loste de vraag niet op en droeg niet warm over", 1)
    ]


def test_eerste_contact_juist_judges_the_last_visit_to_the_first_ingang():
    came_back_and_declined = journey(
        stap(1, "loket", "verwijzen-warm", naar="wijkteam"),
        stap(2, "wijkteam", "verwijzen-koud", naar="loket"),
        stap(3, "loket", "afwijzen"),
    )
    assert check("eerste-contact-juist", came_back_and_declined) == [
        m.Schending("pr", "het eerste contact (loket) loste de vraag niet op en droeg niet warm over", 3)
    ]
    came_back_and_solved = journey(
        stap(1, "loket", "verwijzen-koud", naar="wijkteam"),
        stap(2, "wijkteam", "verwijzen-koud", naar="loket"),
        stap(3, "loket", "oplossen"),
    )
    assert check("eerste-contact-juist", came_back_and_solved) == []


def test_eerste_contact_juist_without_any_contact():
    assert check("eerste-contact-juist", journey(uitkomst=m.Uitkomst("afgehaakt", "geen ingang"))) == [
        m.Schending("pr", "er kwam geen eerste contact tot stand")
    ]


def test_geen_lus():
    lus = m.Uitkomst("kastje-naar-de-muur", "terug", waar="loket", lus=("loket", "seniorenpunt", "loket"))
    assert check("geen-lus", journey(stap(1, "loket"), uitkomst=lus)) == [
        m.Schending("pr", "kastje-naar-de-muur: loket → seniorenpunt → loket")
    ]
    for soort in ("opgelost", "afgehaakt", "staplimiet"):
        assert check("geen-lus", journey(stap(1, "loket"), uitkomst=m.Uitkomst(soort, "r", waar="loket"))) == []


# --- which check a principle gets, and what a journey breaks -------------------------------------------


def test_a_toets_wins_over_a_plugin_check_and_a_principle_without_either_is_unchecked():
    def plugin_check(j):
        return [m.Schending("b", "plugin")]

    a, b, c = principe("geen-lus"), m.Principe("b", "B"), m.Principe("c", "C")
    g = m.Gemeente("g", "G", m.Klantreis("k", ()), (), (), (m.Variant("v", "V"),), "v", principes=(a, b, c))
    got = principle_checks(g, {"pr": ("plugin-a", plugin_check), "b": ("plugin-b", plugin_check)})
    assert [(pc.principe.id, pc.door) for pc in got] == [("pr", "toets"), ("b", "plugin-b"), ("c", "")]
    assert got[1].check is plugin_check and got[2].check is None
    assert got[0].check is not None and got[0].check is not plugin_check
    assert [(pc.principe.id, pc.door, pc.check) for pc in principle_checks(g)][1:] == [("b", "", None), ("c", "", None)]


def test_violations_are_collected_from_every_check_in_order():
    first = [m.Schending("a", "1"), m.Schending("a", "2")]
    second = [m.Schending("b", "3")]
    checks = [
        Principecheck(m.Principe("a", "A"), lambda j: first, "toets"),
        Principecheck(m.Principe("x", "X"), None, ""),
        Principecheck(m.Principe("b", "B"), lambda j: second, "plugin"),
    ]
    assert violations(ROUTE, checks) == first + second
    assert violations(ROUTE, []) == []


# --- through the CLI, on Teststad -----------------------------------------------------------------------

# Jan with a money question in Teststad: the loket refers him cold to schuldhulp (7 days' wait), which
# solves it (algemeen). Two contacts, one cold referral, told twice: 'direct-goed' is broken, and nobody
# declined the question, so 'alle-vragen-welkom' holds.
REIZEN = """\
reizen:
  - id: jan-geld-te-veel-verwacht
    naam: Jan met geldzorgen, met verwachtingen die de route niet haalt
    persona: jan
    sleutelmoment: geldzorgen
    gemeente: teststad
    aanname: test
    verwachting:
      uitkomst: afgehaakt
      niveau: maatwerk
      eindigt_bij: loket
      bereikt: [wijkteam]
      niet_via: [schuldhulp]
      max_contacten: 1
      max_koude_verwijzingen: 0
      max_herhalingen: 0
      max_dagen: 6
      principes_gehaald: [direct-goed]
      principes_geschonden: [alle-vragen-welkom]
  - id: jan-geld-precies
    naam: Jan met geldzorgen, met verwachtingen precies op de grens
    persona: jan
    sleutelmoment: geldzorgen
    gemeente: teststad
    aanname: test
    verwachting:
      uitkomst: opgelost
      niveau: algemeen
      eindigt_bij: schuldhulp
      bereikt: [loket, schuldhulp]
      niet_via: [wijkteam]
      max_contacten: 2
      max_koude_verwijzingen: 1
      max_herhalingen: 1
      max_dagen: 7
      principes_gehaald: [alle-vragen-welkom]
      principes_geschonden: [direct-goed]
"""


def test_check_reports_every_unmet_expectation_of_a_teststad_case(cli, tmp_path):
    path = tmp_path / "reizen.yaml"
    path.write_text(REIZEN, encoding="utf-8")
    result = cli("check", *TESTSTAD_ARGS, "--format", "json", str(path))
    assert result.exit_code == 1
    out = {r["id"]: r for r in json.loads(result.output)["reizen"]}
    assert set(out) == {"jan-geld-te-veel-verwacht", "jan-geld-precies"}
    assert out["jan-geld-precies"]["ok"] and out["jan-geld-precies"]["mislukt"] == []
    assert not out["jan-geld-te-veel-verwacht"]["ok"]
    assert out["jan-geld-te-veel-verwacht"]["mislukt"] == [
        "uitkomst is 'opgelost', verwacht 'afgehaakt'",
        "niveau is 'algemeen', verwacht 'maatwerk'",
        "eindigt bij 'schuldhulp', verwacht 'loket'",
        "route komt niet langs 'wijkteam'",
        "route gaat via 'schuldhulp', dat niet zou moeten",
        "2 contacten, verwacht hoogstens 1",
        "1 koude verwijzingen, verwacht hoogstens 0",
        "1 keer opnieuw verteld, verwacht hoogstens 0",
        "7 dagen, verwacht hoogstens 6",
        "principe 'direct-goed' geschonden, verwacht gehaald",
        "principe 'alle-vragen-welkom' gehaald, verwacht geschonden",
    ]
    text = cli("check", *TESTSTAD_ARGS, str(path))
    assert text.exit_code == 1
    assert f"{path}:2: reis 'jan-geld-te-veel-verwacht': 7 dagen, verwacht hoogstens 6" in text.output
    assert "1 van de 2 reizen halen hun verwachtingen." in text.output


@pytest.mark.parametrize(
    "cyclus, fout",
    [("[loket, wijkteam]", "begint en eindigt bij dezelfde ingang"), ("[loket, nergens, loket]", "nergens")],
)
def test_a_cyclus_that_cannot_be_a_loop_is_refused_with_file_and_line(tmp_path, cli, cyclus, fout):
    path = tmp_path / "reizen.yaml"
    path.write_text(
        "reizen:\n  - id: r\n    naam: R\n    persona: jan\n    sleutelmoment: info\n    gemeente: teststad\n"
        f"    verwachting:\n      cyclus: {cyclus}\n    aanname: t\n",
        encoding="utf-8",
    )
    out = cli("check", str(path), *TESTSTAD_ARGS)
    assert out.exit_code == 2, out.output
    assert f"{path}:8" in out.stderr and fout in out.stderr

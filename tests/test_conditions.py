"""What a condition means: each comparison at its boundary, the combinations, the Dutch description and the fields
and ingangen a condition names (journeykit/conditions.py). In-process, so `make mutate` sees them."""

from __future__ import annotations

import pytest

from journeykit import conditions as cd
from journeykit import model as m

PERSONA = m.Persona("p", "P", 40, "alleenstaand", kinderen=(7, 3), talen=("ar",), namens="partner")
VRAAG = m.Vraag("v", "Hulp in huis", "zorg", "hbh", urgentie="hoog", veiligheid=True, onderliggend="w")
ANDERE = m.Vraag("w", "Geld", "financien", "schulden")
NOG_EEN = m.Vraag("x", "Ook zorg", "zorg", "begeleiding")
SM = m.Sleutelmoment("sm", "SM", (VRAAG, ANDERE, NOG_EEN))


def situatie(**changes) -> cd.Situatie:
    s = cd.Situatie.voor(PERSONA, VRAAG, SM)
    for k, v in changes.items():
        setattr(s, k, v)
    return s


def holds(veld: str, op: str, value, s: cd.Situatie | None = None) -> bool:
    return cd.compile_condition(m.Vergelijking(veld, ((op, value),)))(s or situatie())


# --- the situation at the start of a walk ------------------------------------------------------------


def test_the_start_of_a_walk_sees_the_casus_once_per_value_in_order():
    s = cd.Situatie.voor(PERSONA, VRAAG, SM)
    assert (s.persona, s.vraag, s.sleutelmoment) == (PERSONA, VRAAG, SM)
    assert s.bezocht == [] and s.vorige_ingang is None and s.koude_verwijzingen == 0 and s.aangekomen == "start"
    assert s.casus_levensgebieden == ("zorg", "financien")
    assert s.casus_soorten == ("hbh", "schulden", "begeleiding")


def test_a_persona_field_reads_that_attribute_of_the_persona():
    # the readers in FIELDS are made at import; the maker itself, checked directly
    assert cd._persona("leeftijd")(situatie()) == 40
    assert cd._persona("namens")(situatie()) == "partner"


# --- comparisons at their boundaries -----------------------------------------------------------------


@pytest.mark.parametrize(
    "op, grens, below, at, above",
    [
        ("vanaf", 40, False, True, True),
        ("tot", 40, True, False, False),
        ("boven", 40, False, False, True),
        ("tot_en_met", 40, True, True, False),
    ],
)
def test_number_comparisons_at_their_boundary(op, grens, below, at, above):
    leeftijd = "persona.leeftijd"
    assert holds(leeftijd, op, grens + 1) is below  # the persona is 40: below the boundary
    assert holds(leeftijd, op, grens) is at
    assert holds(leeftijd, op, grens - 1) is above


@pytest.mark.parametrize("op", ["vanaf", "tot", "boven", "tot_en_met"])
def test_an_unknown_number_satisfies_no_comparison(op):
    # "unknown age" is not "under 18" and not "18 or older"
    get = lambda s: None  # noqa: E731
    assert cd._field_test(get, op, 0)(situatie()) is False
    assert cd._field_test(get, op, 1000)(situatie()) is False
    assert cd._field_test(get, op, -1000)(situatie()) is False


def test_equality_membership_and_containment():
    assert holds("persona.huishouden", "is", "alleenstaand") is True
    assert holds("persona.huishouden", "is", "gezin") is False
    assert holds("persona.huishouden", "is_niet", "alleenstaand") is False
    assert holds("persona.huishouden", "is_niet", "gezin") is True
    assert holds("vraag.soort", "in", ("begeleiding", "hbh")) is True
    assert holds("vraag.soort", "in", ("begeleiding", "schulden")) is False
    assert holds("vraag.soort", "niet_in", ("begeleiding", "hbh")) is False
    assert holds("vraag.soort", "niet_in", ("begeleiding", "schulden")) is True
    assert holds("persona.talen", "bevat", "ar") is True
    assert holds("persona.talen", "bevat", "nl") is False
    assert holds("casus.soorten", "bevat", "schulden") is True


def test_every_comparison_of_one_field_must_hold():
    between = m.Vergelijking("persona.leeftijd", (("vanaf", 18), ("tot", 65)))
    assert cd.compile_condition(between)(situatie()) is True
    assert cd.compile_condition(m.Vergelijking("persona.leeftijd", (("vanaf", 18), ("tot", 40))))(situatie()) is False
    assert cd.compile_condition(m.Vergelijking("persona.leeftijd", (("vanaf", 41), ("tot", 65))))(situatie()) is False


def test_fields_read_the_journey_so_far():
    s = situatie(bezocht=["loket", "team"], vorige_ingang="team", koude_verwijzingen=2, aangekomen="koud")
    assert holds("reis.stappen", "is", 2, s) and holds("reis.koude_verwijzingen", "vanaf", 2, s)
    assert holds("reis.vorige_ingang", "is", "team", s) and holds("reis.bezocht", "bevat", "loket", s)
    assert holds("reis.aangekomen", "is", "koud", s)
    assert holds("reis.vorige_ingang", "is", "", situatie())  # none yet: empty


# --- combinations -------------------------------------------------------------------------------------

JA = m.Vergelijking("persona.leeftijd", (("vanaf", 0),))
NEE = m.Vergelijking("persona.leeftijd", (("tot", 0),))
COMBINATIES = [
    (JA,),
    (NEE,),
    (JA, JA),
    (JA, NEE),
    (NEE, JA),
    (NEE, NEE),
    (JA, JA, JA),
    (JA, JA, NEE),
    (NEE, JA, JA),
    (NEE, NEE, NEE),
    (NEE, NEE, JA),
    (JA, NEE, NEE),
]


@pytest.mark.parametrize("delen", COMBINATIES)
def test_alle_and_een_van_for_one_two_and_more_parts(delen):
    s = situatie()
    waar = [d is JA for d in delen]
    assert cd.compile_condition(m.Alle(delen))(s) is all(waar)
    assert cd.compile_condition(m.EenVan(delen))(s) is any(waar)
    assert cd.compile_condition(m.Niet(m.Alle(delen)))(s) is (not all(waar))


def test_without_parts_alle_holds_and_een_van_does_not():
    # the loader never makes these (a list of conditions may not be empty); the meaning is Python's all() and any()
    assert cd.compile_condition(m.Alle(()))(situatie()) is True
    assert cd.compile_condition(m.EenVan(()))(situatie()) is False


def test_no_condition_always_holds():
    assert cd.compile_condition(None)(situatie()) is True


def test_niet_inverts():
    assert cd.compile_condition(m.Niet(JA))(situatie()) is False
    assert cd.compile_condition(m.Niet(NEE))(situatie()) is True
    assert cd.compile_condition(m.Niet(m.Niet(JA)))(situatie()) is True


# --- what a condition names ---------------------------------------------------------------------------

BOOM = m.Alle(
    (
        m.Vergelijking("persona.leeftijd", (("vanaf", 18), ("tot", 65))),
        m.Niet(m.Vergelijking("reis.vorige_ingang", (("in", ("loket", "team")),))),
        m.EenVan(
            (
                m.Vergelijking("reis.bezocht", (("bevat", "wijkteam"),)),
                m.Vergelijking("vraag.soort", (("is", "hbh"),)),
                m.Vergelijking("reis.vorige_ingang", (("is", "balie"),)),
            )
        ),
    )
)


def test_the_leaves_and_the_fields_used_in_order():
    assert [c.veld for c in cd.comparisons(BOOM)] == [
        "persona.leeftijd",
        "reis.vorige_ingang",
        "reis.bezocht",
        "vraag.soort",
        "reis.vorige_ingang",
    ]
    assert cd.fields_used(BOOM) == [
        ("persona.leeftijd", "vanaf", 18),
        ("persona.leeftijd", "tot", 65),
        ("reis.vorige_ingang", "in", ("loket", "team")),
        ("reis.bezocht", "bevat", "wijkteam"),
        ("vraag.soort", "is", "hbh"),
        ("reis.vorige_ingang", "is", "balie"),
    ]
    assert cd.comparisons(None) == [] and cd.fields_used(None) == []
    assert cd.comparisons(JA) == [JA]


def test_the_ingangen_a_condition_names():
    assert cd.refs(BOOM) == ["loket", "team", "wijkteam", "balie"]
    assert cd.refs(BOOM, "ingang") == ["loket", "team", "wijkteam", "balie"]
    assert cd.refs(BOOM, "variant") == []
    assert cd.refs(None) == []
    assert cd.refs(m.Vergelijking("vraag.soort", (("in", ("hbh", "wonen")),))) == []


def test_only_a_condition_on_the_journey_depends_on_the_walk():
    assert cd.depends_on_walk(BOOM) is True
    assert cd.depends_on_walk(m.Alle((JA, m.Vergelijking("vraag.soort", (("is", "hbh"),))))) is False
    assert cd.depends_on_walk(m.EenVan((JA, m.Vergelijking("reis.stappen", (("vanaf", 3),))))) is True
    assert cd.depends_on_walk(None) is False


# --- in plain Dutch -----------------------------------------------------------------------------------


def test_a_condition_in_plain_dutch():
    assert cd.describe(BOOM) == (
        "(persona.leeftijd >= 18 en persona.leeftijd < 65) en (niet (reis.vorige_ingang is een van loket, team)) "
        "en ((reis.bezocht bevat wijkteam) of (vraag.soort is hbh) of (reis.vorige_ingang is balie))"
    )
    assert cd.describe(None) == "altijd"


@pytest.mark.parametrize(
    "op, value, shown",
    [
        ("is", "alleenstaand", "persona.x is alleenstaand"),
        ("is_niet", "gezin", "persona.x is niet gezin"),
        ("in", ("a", "b"), "persona.x is een van a, b"),
        ("niet_in", ("a",), "persona.x is geen van a"),
        ("bevat", "nl", "persona.x bevat nl"),
        ("vanaf", 18, "persona.x >= 18"),
        ("tot", 18.0, "persona.x < 18"),
        ("boven", 2.5, "persona.x > 2.5"),
        ("tot_en_met", -3, "persona.x <= -3"),
        ("is", True, "persona.x is ja"),
        ("is", False, "persona.x is nee"),
        ("in", (1.0, 2.5, True), "persona.x is een van 1, 2.5, ja"),
    ],
)
def test_each_operator_and_value_in_words(op, value, shown):
    assert cd.describe(m.Vergelijking("persona.x", ((op, value),))) == shown

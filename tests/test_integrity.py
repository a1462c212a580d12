"""The checks across records, exactly: which problem, in which record, at which key path and line (integrity.py).

What a single key cannot know (does the id it names exist, in every variant; do the kansen of a rule add up to 1;
does a chain of vragen end; is what a routing plugin returned a valid Actie) is checked in ``integrity``. The
hostile catalogue checks some of these messages through the CLI, in processes `make mutate` cannot see; here each
check gets a few lines of YAML, read by the real loader (``parse_file`` and ``structure``), and is called in
process, so every branch, string, index and bound of integrity.py is held to one exact answer. Each problem is
compared whole: the line of the record it is in, the line its key path points at (``Problem.as_error``), the key
path, the key shown and the Dutch message; a list of problems is compared with its order and length. Next to each
problem stands the valid neighbour that must give none (kansen that add up to 1 within the tolerance, a bound that
is just met, a reference that exists in every variant).

The YAML is short and mostly one record a line, so the line numbers can be counted: ``HEAD`` is lines 1-12 (the
gemeente mapping starts on line 2, its variants ``oud`` and ``nieuw`` are on lines 10 and 11) and ``INGANGEN``
lines 13-15 (``loket`` on 14, ``team`` on 15); rules that follow start on line 17.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import attrs
import pytest

from journeykit import integrity
from journeykit import model as m
from journeykit import schema as s
from journeykit.errors import LoadErrors
from journeykit.integrity import (
    Problem,
    check_aandelen,
    check_actie,
    check_actie_refs,
    check_gemeente,
    check_sleutelmoment,
    unique,
    warnings_gemeente,
)
from journeykit.loading import build, load_object, parse_file
from journeykit.structure import structure

SHOWN = "g.yaml"

HEAD = """\
gemeente:
  id: g
  naam: G
  aanname: t
  klantreis:
    naam: K
    stappen:
      - {id: s, naam: S, aanname: t}
  varianten:
    - {id: oud, naam: Oud, aanname: t}
    - {id: nieuw, naam: Nieuw, vervangt: oud, aanname: t}
  standaard_variant: oud
"""

INGANGEN = """\
ingangen:
  - {id: loket, naam: Loket, soort: loket, kanalen: [telefoon], stappen: [s], aanname: t}
  - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], aanname: t}
"""

ONBEKEND_TEAM = "onbekende ingang 'tem' (bedoelde u 'team'?)"


def stad(regels: str = "", ingangen: str = INGANGEN, head: str = HEAD) -> str:
    """HEAD, the ingangen and (from line 17 with the default ingangen) the rules."""
    return head + ingangen + ("regels:\n" + regels if regels else "")


def gemeente(text: str) -> m.Gemeente:
    """The gemeente in ``text`` as the loader builds it (``loading.build``), before any check across records."""
    doc = parse_file(text.encode("utf-8"), SHOWN)
    g = structure(
        doc["gemeente"],
        m.Gemeente,
        ingangen=tuple(structure(x, m.Ingang) for x in doc.get("ingangen", [])),
        regels=tuple(structure(x, m.Regel) for x in doc.get("regels", [])),
    )
    return attrs.evolve(g, aandelen=tuple(structure(x, m.Aandeel) for x in doc.get("aandelen", [])))


Found = tuple[int, "int | None", "str | None", "str | None", str]


def gevonden(problems: list[Problem]) -> list[Found]:
    """(line of the record, line of the key, key path, key shown, message) of each problem, in order."""
    out = []
    for p in problems:
        e = p.as_error()
        assert (e.bestand, e.sleutel, e.bericht) == (SHOWN, p.sleutel, p.bericht)
        out.append((p.plaats.regel, e.regel, p.pad, p.sleutel, p.bericht))
    return out


def problemen(text: str) -> list[Found]:
    return gevonden(check_gemeente(gemeente(text)))


# --- a gemeente without problems --------------------------------------------------------------------------------------

VOL = """\
gemeente:
  id: g
  naam: G
  aanname: t
  klantreis:
    naam: K
    stappen:
      - {id: s, naam: S, aanname: t}
      - {id: t, naam: T, aanname: t}
  varianten:
    - {id: oud, naam: Oud, aanname: t}
    - {id: nieuw, naam: Nieuw, vervangt: oud, aanname: t}
  standaard_variant: nieuw
  voor: {alle: [{veld: vraag.soort, in: [hbh, vervoer]}, {veld: casus.veiligheid, is: false}]}
  principes:
    - {id: p1, naam: P1, aanname: t}
    - {id: p2, naam: P2, toets: {soort: max-contacten, waarde: 0}, aanname: t}
    - {id: p3, naam: P3, toets: {soort: max-herhalingen, waarde: 1}, aanname: t}
    - {id: p4, naam: P4, toets: {soort: kenmerk-vereist, als: a, dan: b}, aanname: t}
    - {id: p5, naam: P5, toets: {soort: geen-lus}, aanname: t}
ingangen:
  - {id: loket, naam: Loket, soort: loket, kanalen: [telefoon], stappen: [s, t], deelt_dossier_met: [team],
     taak: [hbh], aanname: t}
  - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [t], deelt_dossier_met: [loket], aanname: t}
  - {id: wmo, naam: Wmo, soort: team, kanalen: [telefoon], stappen: [t], varianten: [nieuw],
     deelt_dossier_met: [team, loket], taak: [hbh], aanname: t}
regels:
  - {id: r1, bij: loket, als: {veld: reis.vorige_ingang, in: [team, loket]},
     dan: {actie: oplossen, niveau: algemeen}, aanname: t}
  - {id: r2, bij: loket, als: {veld: vraag.soort, is: hbh},
     dan: {actie: samenwerken, niveau: maatwerk, met: [team]}, aanname: t}
  - {id: r3, bij: loket, dan: {actie: verwijzen, naar: team, overdracht: warm}, aanname: t}
  - {id: r4, bij: team, dan: {actie: afwijzen, noemt: loket}, aanname: t}
  - {id: r5, bij: wmo, varianten: [nieuw], dan: {actie: verwijzen, naar: loket, overdracht: koud}, aanname: t}
  - {id: r6, bij: loket, varianten: [nieuw], als: {veld: vraag.wmo, is: true},
     dan: {actie: verwijzen, naar: wmo, overdracht: warm}, aanname: t}
  - id: r7
    bij: team
    dan:
      kansen:
        - {kans: 0.1, dan: {actie: oplossen, niveau: informeel}, bereik: [0.1, 0.2], aanname: t}
        - {kans: 0.2, dan: {actie: samenwerken, niveau: algemeen, met: [loket]}, bereik: [0.1, 0.2], aanname: t}
        - {kans: 0.3, dan: {actie: verwijzen, naar: loket, overdracht: lauw}, bereik: [0.25, 0.35], aanname: t}
        - {kans: 0.4, dan: {actie: afwijzen, noemt: loket}, aanname: t}
    aanname: t
  - {id: r8, bij: team, dan: {actie: wachten, dagen: 2}, aanname: t}
aandelen:
  - {id: a1, naam: A1, variant: nieuw, ten_opzichte_van: oud, maximaal: 1.5, bron: {bestand: b.txt, citaat: c},
     gevallen: {alle: [{veld: persona.leeftijd, vanaf: 65}, {veld: vraag.wmo, is: true},
                       {veld: casus.aantal_vragen, vanaf: 1}]}}
  - {id: a2, naam: A2, variant: oud, minimaal: 0.4, maximaal: 0.4, bron: {bestand: b.txt, citaat: c}}
  - {id: a3, naam: A3, variant: oud, maximaal: 1, bron: {bestand: b.txt, citaat: c}}
  - {id: a4, naam: A4, variant: oud, minimaal: 0.3, bron: {bestand: b.txt, citaat: c}}
"""


def test_a_gemeente_with_every_reference_right_has_no_problem_and_no_warning():
    # every check has its valid neighbour here: kansen that add up to 1 within the tolerance, bounds met exactly,
    # references that exist in every variant a rule is in, conditions on the fields they may look at
    g = gemeente(VOL)
    assert check_gemeente(g) == []
    assert check_aandelen(g) == []
    assert warnings_gemeente(g) == []
    inhoud = build([parse_file(VOL.encode(), SHOWN)])
    assert [x.id for x in inhoud.gemeenten] == ["g"] and inhoud.waarschuwingen == []


VERWIJST = "  - {id: r, bij: loket, dan: {actie: verwijzen, naar: team, overdracht: warm}, aanname: t}\n"


def test_the_small_gemeente_the_cases_start_from_has_no_problem():
    assert problemen(stad()) == []
    assert problemen(stad(VERWIJST)) == []


# --- where a problem is: Problem.as_error and _where ------------------------------------------------------------------

LINES = (("dan", 4), ("dan.naar", 5))


@pytest.mark.parametrize(
    "plaats, pad, bestand, regel",
    [
        (m.Plaats("f.yaml", 3, LINES), "dan.naar", "f.yaml", 5),
        (m.Plaats("f.yaml", 3, LINES), "dan.noemt", "f.yaml", 4),  # a key not written: the nearest that is
        (m.Plaats("f.yaml", 3, LINES), None, "f.yaml", 3),  # no path: the record's own line
        (m.Plaats("f.yaml", 3, LINES), "", "f.yaml", 3),
        (m.Plaats("f.yaml", 3), "dan.naar", "f.yaml", 3),
        # a plugin's object has no lines: the path inside it, but the last key, joins the place
        (m.Plaats("p, regels[0]", 0, (("dan", 0), ("dan.naar", 0))), "dan.naar", "p, regels[0].dan", None),
        (m.Plaats("p, regels[0]", 0), "dan.kansen[1].dan.actie", "p, regels[0].dan.kansen[1].dan", None),
        (m.Plaats("p, regels[0]", 0), "bij", "p, regels[0]", None),
        (m.Plaats("p, regels[0]", 0), None, "p, regels[0]", None),
    ],
)
def test_a_problem_becomes_an_error_at_the_file_and_line_of_its_key(plaats, pad, bestand, regel):
    e = Problem(plaats, pad, "naar", "bericht").as_error()
    assert (e.bestand, e.regel, e.sleutel, e.bericht) == (bestand, regel, "naar", "bericht")


def test_a_problem_without_a_place_is_a_plugins():
    e = Problem(None, "dan.naar", "naar", "bericht").as_error()
    assert (e.bestand, e.regel, e.sleutel, e.bericht) == ("(plugin)", None, "naar", "bericht")
    e = Problem(None, None, None, "b").as_error()
    assert (e.bestand, e.regel, e.sleutel, e.bericht) == ("(plugin)", None, None, "b")


@pytest.mark.parametrize(
    "plaats, pad, waar",
    [
        (None, "id", "een plugin"),
        (m.Plaats("f.yaml", 3, (("id", 4),)), "id", "f.yaml:4"),
        # an item inside a record: the line where the item starts, not that of its id
        (m.Plaats("f.yaml", 3, (("varianten[0]", 5), ("varianten[0].id", 6))), "varianten[0].id", "f.yaml:5"),
        (m.Plaats("p, gemeente", 0), "varianten[0].id", "p, gemeente"),
    ],
)
def test_where_an_earlier_id_is(plaats, pad, waar):
    assert integrity._where(plaats, pad) == waar


# --- ids that occur twice ---------------------------------------------------------------------------------------------

STAPPEN_3 = (
    "      - {id: s, naam: S, aanname: t}\n      - {id: s, naam: T, aanname: t}\n      - {id: s, naam: U, aanname: t}\n"
)
VARIANTEN_NAAM_EERST = """\
  varianten:
    - naam: Oud
      id: oud
      aanname: t
    - naam: Nieuw
      id: oud
      aanname: t
"""
PRINCIPES_2 = "  principes:\n    - {id: p, naam: P, aanname: t}\n    - {id: p, naam: Q, aanname: t}\n"
LOKET_3 = (
    "ingangen:\n" + 3 * "  - {id: loket, naam: Loket, soort: loket, kanalen: [telefoon], stappen: [s], aanname: t}\n"
)
REGELS_BIJ_EERST = 2 * "  - bij: loket\n    id: r\n    dan: {actie: oplossen, niveau: algemeen}\n    aanname: t\n"


@pytest.mark.parametrize(
    "text, found",
    [
        (
            stad(head=HEAD.replace("      - {id: s, naam: S, aanname: t}\n", STAPPEN_3)),
            [
                (2, 9, "klantreis.stappen[1].id", "id", "dubbele klantreis_stap-id 's' (eerder in g.yaml:8)"),
                (2, 10, "klantreis.stappen[2].id", "id", "dubbele klantreis_stap-id 's' (eerder in g.yaml:8)"),
            ],
        ),
        (
            stad(head=HEAD.replace(HEAD[HEAD.index("  varianten:") : HEAD.index("  standaard")], VARIANTEN_NAAM_EERST)),
            [(2, 14, "varianten[1].id", "id", "dubbele variant-id 'oud' (eerder in g.yaml:10)")],
        ),
        (
            stad(head=HEAD + PRINCIPES_2),
            [(2, 15, "principes[1].id", "id", "dubbele principe-id 'p' (eerder in g.yaml:14)")],
        ),
        (
            stad(ingangen=LOKET_3),
            [
                (15, 15, "id", "id", "dubbele ingang-id 'loket' (eerder in g.yaml:14)"),
                (16, 16, "id", "id", "dubbele ingang-id 'loket' (eerder in g.yaml:14)"),
            ],
        ),
        # a record of its own: the line of its id key, before and now
        (stad(REGELS_BIJ_EERST), [(21, 22, "id", "id", "dubbele regel-id 'r' (eerder in g.yaml:18)")]),
    ],
)
def test_an_id_that_occurs_before_names_where(text, found):
    assert problemen(text) == found


def test_unique_finds_items_without_a_place_in_a_plugin():
    items = [SimpleNamespace(id="a"), SimpleNamespace(id="b"), SimpleNamespace(id="a")]
    assert list(unique("aandeel", items)) == [
        Problem(None, "[2].id", "id", "dubbele aandeel-id 'a' (eerder in een plugin)")
    ]
    waar = m.Plaats("f.yaml", 3, (("lijst[0]", 4),))
    assert list(unique("x", items, waar, "lijst")) == [
        Problem(waar, "lijst[2].id", "id", "dubbele x-id 'a' (eerder in f.yaml:4)")
    ]
    assert list(unique("x", items[:2])) == []


# --- the gemeente itself: ingangen, standaard_variant, vervangt, toetsen, voor ----------------------------------------


def test_a_gemeente_without_ingangen_says_where_they_belong():
    assert problemen(HEAD) == [
        (
            2,
            2,
            None,
            None,
            "gemeente 'g' heeft geen ingangen: zet ze onder 'ingangen:' in een bestand naast dat van de gemeente",
        )
    ]
    # and only that: without ingangen a variant's having none is no news
    assert list(integrity._check_variants(gemeente(HEAD))) == []


@pytest.mark.parametrize(
    "old, new, found",
    [
        (
            "standaard_variant: oud",
            "standaard_variant: nieuwe",
            [(2, 12, "standaard_variant", "standaard_variant", "onbekende variant 'nieuwe' (bedoelde u 'nieuw'?)")],
        ),
        (
            "vervangt: oud",
            "vervangt: nieuw",
            [(2, 11, "varianten[1].vervangt", "vervangt", "variant 'nieuw' vervangt zichzelf")],
        ),
        (
            "vervangt: oud",
            "vervangt: ouwd",
            [(2, 11, "varianten[1].vervangt", "vervangt", "onbekende variant 'ouwd' (bedoelde u 'oud'?)")],
        ),
        ("vervangt: oud, ", "", []),
    ],
)
def test_the_variants_of_a_gemeente_name_existing_ones(old, new, found):
    assert problemen(stad(head=HEAD.replace(old, new))) == found


PRINCIPES_TOETS = """\
  principes:
    - id: a
      naam: A
      aanname: t
    - id: b
      naam: B
      aanname: t
      toets:
        soort: %s
"""
KENMERK = [(2, 21, "principes[1].toets.soort", "soort", "toets 'kenmerk-vereist' vraagt om 'als' en 'dan'")]


@pytest.mark.parametrize(
    "toets, found",
    [
        ("max-contacten", [(2, 20, "principes[1].toets", "waarde", "toets 'max-contacten' vraagt om 'waarde'")]),
        ("max-herhalingen", [(2, 20, "principes[1].toets", "waarde", "toets 'max-herhalingen' vraagt om 'waarde'")]),
        ("max-contacten\n        waarde: 0", []),
        ("max-herhalingen\n        waarde: 3", []),
        ("kenmerk-vereist", KENMERK),
        ("kenmerk-vereist\n        als: wmo-melding", KENMERK),
        ("kenmerk-vereist\n        dan: genoemd", KENMERK),
        ("kenmerk-vereist\n        als: wmo-melding\n        dan: genoemd", []),
        ("geen-lus", []),
    ],
)
def test_a_toets_has_what_its_kind_needs(toets, found):
    assert problemen(stad(head=HEAD + PRINCIPES_TOETS % toets)) == found


OVER_DE_VRAAG = "'voor' gaat over de vraag: het veld '%s' kan hier niet (alleen vraag.*, casus.*)"
VOOR_LEEFTIJD = HEAD + "  voor: {veld: persona.leeftijd, vanaf: 18}\n"


def test_voor_of_a_gemeente_looks_only_at_the_question():
    assert problemen(stad(head=VOOR_LEEFTIJD)) == [(2, 13, "voor", "voor", OVER_DE_VRAAG % "persona.leeftijd")]
    voor = (
        "  voor: {alle: [{veld: vraag.soort, is: hbh}, {veld: reis.stappen, vanaf: 2},\n"
        "                {een_van: [{veld: casus.veiligheid, is: true}, {veld: persona.leeftijd, tot: 18}]}]}\n"
    )
    assert problemen(stad(head=HEAD + voor)) == [
        (2, 13, "voor", "voor", OVER_DE_VRAAG % "reis.stappen"),
        (2, 13, "voor", "voor", OVER_DE_VRAAG % "persona.leeftijd"),
    ]


# --- ingangen and rules name what exists ------------------------------------------------------------------------------

LOKET_FOUT = """\
ingangen:
  - id: loket
    naam: Loket
    soort: loket
    kanalen: [telefoon]
    stappen: [s, sx]
    deelt_dossier_met: [tem]
    varianten: [niew]
    aanname: t
  - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], aanname: t}
"""


def test_an_ingang_names_existing_steps_ingangen_and_variants():
    assert problemen(stad(ingangen=LOKET_FOUT)) == [
        (14, 18, "stappen", "stappen", "onbekende klantreisstap 'sx' (bedoelde u 's'?)"),
        (14, 19, "deelt_dossier_met", "deelt_dossier_met", ONBEKEND_TEAM),
        (14, 20, "varianten", "varianten", "onbekende variant 'niew' (bedoelde u 'nieuw'?)"),
    ]


REGEL_FOUT = """\
  - id: r
    bij: lokett
    varianten: [oude]
    als: {veld: reis.vorige_ingang, is: tea}
    dan:
      actie: verwijzen
      naar: lokt
      overdracht: warm
    aanname: t
"""
NOEMT_MET = """\
  - id: r
    bij: loket
    dan:
      actie: afwijzen
      noemt: tem
    aanname: t
  - id: q
    bij: loket
    dan:
      actie: samenwerken
      niveau: algemeen
      met: [team, tem]
    aanname: t
"""
NAAR_ZICHZELF = """\
  - id: r
    bij: loket
    dan:
      actie: verwijzen
      naar: loket
      overdracht: warm
    aanname: t
"""
KANS_NAAR_ZICHZELF = """\
  - id: r
    bij: loket
    dan:
      kansen:
        - {kans: 0.5, dan: {actie: verwijzen, naar: loket, overdracht: warm}, aanname: t}
        - {kans: 0.5, dan: {actie: afwijzen, noemt: tem}, aanname: t}
    aanname: t
"""


@pytest.mark.parametrize(
    "regels, found",
    [
        (
            REGEL_FOUT,
            [
                (17, 18, "bij", "bij", "onbekende ingang 'lokett' (bedoelde u 'loket'?)"),
                (17, 19, "varianten", "varianten", "onbekende variant 'oude' (bedoelde u 'oud'?)"),
                (17, 23, "dan.naar", "naar", "onbekende ingang 'lokt' (bedoelde u 'loket'?)"),
                (17, 20, "als", "als", "onbekende ingang 'tea' (bedoelde u 'team'?)"),
            ],
        ),
        (NOEMT_MET, [(17, 21, "dan.noemt", "noemt", ONBEKEND_TEAM), (23, 28, "dan.met", "met", ONBEKEND_TEAM)]),
        (
            NAAR_ZICHZELF,
            [(17, 21, "dan.naar", "naar", "regel 'r' verwijst naar de ingang waar hij zelf geldt ('loket')")],
        ),
        # the actions of its kansen are the rule's: their problems are at the rule's 'dan'
        (
            KANS_NAAR_ZICHZELF,
            [
                (17, 19, "dan.naar", "naar", "regel 'r' verwijst naar de ingang waar hij zelf geldt ('loket')"),
                (17, 19, "dan.noemt", "noemt", ONBEKEND_TEAM),
            ],
        ),
    ],
)
def test_a_rule_names_existing_ingangen_and_variants(regels, found):
    assert problemen(stad(regels)) == found


def test_a_rule_a_plugin_made_may_hold_a_plain_actie():
    g = gemeente(stad("  - {id: r, bij: loket, dan: {actie: oplossen, niveau: algemeen}, aanname: t}\n"))
    (r,) = g.regels
    goed = attrs.evolve(g, regels=(attrs.evolve(r, dan=m.Actie("verwijzen", naar="team", overdracht="warm")),))
    assert check_gemeente(goed) == []
    fout = attrs.evolve(g, regels=(attrs.evolve(r, dan=m.Actie("verwijzen", naar="tem", overdracht="warm")),))
    assert gevonden(check_gemeente(fout)) == [(17, 17, "dan.naar", "naar", ONBEKEND_TEAM)]


def test_the_ingangen_an_action_names_must_exist():
    known = ["loket", "team"]
    assert list(check_actie_refs(m.Actie("afwijzen", noemt="tem"), known)) == [
        Problem(None, "dan.noemt", "noemt", ONBEKEND_TEAM)
    ]
    plaats = m.Plaats("f.yaml", 3)
    samen = m.Actie("samenwerken", niveau="algemeen", met=("team", "x", "tem"))
    assert list(check_actie_refs(samen, known, plaats)) == [
        Problem(plaats, "dan.met", "met", "onbekende ingang 'x'"),
        Problem(plaats, "dan.met", "met", ONBEKEND_TEAM),
    ]
    naar = m.Actie("verwijzen", naar="lokt", overdracht="warm")
    assert list(check_actie_refs(naar, known, plaats)) == [
        Problem(plaats, "dan.naar", "naar", "onbekende ingang 'lokt' (bedoelde u 'loket'?)")
    ]
    assert list(check_actie_refs(m.Actie("verwijzen", naar="team", overdracht="warm"), known)) == []
    assert list(check_actie_refs(m.Actie("afwijzen", noemt="loket"), known)) == []


# --- kansen -----------------------------------------------------------------------------------------------------------

KANSEN_FOUT = """\
  - id: r
    bij: loket
    dan:
      kansen:
        - {kans: 0.5, dan: {actie: oplossen, niveau: algemeen}, aanname: t}
        - {kans: 0.4, dan: {actie: wachten, dagen: 1}, bereik: [0.1, 0.3], aanname: t}
    aanname: t
"""
NIET_WACHTEN = "een kans kan oplossen, samenwerken, verwijzen, afwijzen zijn, niet 'wachten'"
BEREIK_04 = "'bereik' is [ondergrens, bovengrens] en de kans 0.4 ligt ertussen"
BEREIK_03 = "'bereik' is [ondergrens, bovengrens] en de kans 0.3 ligt ertussen"


def test_kansen_add_up_to_1_end_the_visit_and_lie_in_their_bereik():
    # the sum is the rule's (its 'kansen' key, line 20), the rest each kans's own (line 22)
    assert problemen(stad(KANSEN_FOUT)) == [
        (17, 20, "dan.kansen", "kansen", "de kansen van regel 'r' tellen op tot 0.9, niet tot 1"),
        (22, 22, "dan.actie", "actie", NIET_WACHTEN),
        (22, 22, "bereik", "bereik", BEREIK_04),
    ]


def test_a_kans_written_over_several_lines_names_the_line_of_its_key():
    text = stad(
        "  - id: r\n    bij: loket\n    dan:\n      kansen:\n"
        "        - {kans: 0.6, dan: {actie: oplossen, niveau: algemeen}, aanname: t}\n"
        "        - kans: 0.4\n          dan:\n            actie: wachten\n            dagen: 1\n"
        "          bereik: [0.1, 0.3]\n          aanname: t\n    aanname: t\n"
    )
    # the kans starts on line 22, its 'dan' on 23: the action is on 24 and the bereik on 26
    assert problemen(text) == [
        (22, 24, "dan.actie", "actie", NIET_WACHTEN),
        (22, 26, "bereik", "bereik", BEREIK_04),
    ]


def test_a_kans_without_a_place_of_its_own_is_found_in_its_rule():
    g = gemeente(stad(KANSEN_FOUT))
    (r,) = g.regels
    kansen = tuple(attrs.evolve(k, plaats=None) for k in r.dan.kansen)
    g = attrs.evolve(g, regels=(attrs.evolve(r, dan=attrs.evolve(r.dan, kansen=kansen)),))
    assert gevonden(check_gemeente(g)) == [
        (17, 20, "dan.kansen", "kansen", "de kansen van regel 'r' tellen op tot 0.9, niet tot 1"),
        (17, 22, "dan.kansen[1].dan.actie", "actie", NIET_WACHTEN),
        (17, 22, "dan.kansen[1].bereik", "bereik", BEREIK_04),
    ]


def twee_kansen(eerste: str, tweede: str) -> str:
    """A rule at line 17 with two kansen, on lines 21 and 22 (its 'kansen' key on line 20)."""
    return stad(
        "  - id: r\n    bij: loket\n    dan:\n      kansen:\n"
        f"        - {{{eerste}, aanname: t}}\n        - {{{tweede}, aanname: t}}\n    aanname: t\n"
    )


OPLOSSEN = "dan: {actie: oplossen, niveau: algemeen}"
AFWIJZEN = "dan: {actie: afwijzen}"


def som(totaal: str) -> list[Found]:
    return [(17, 20, "dan.kansen", "kansen", f"de kansen van regel 'r' tellen op tot {totaal}, niet tot 1")]


@pytest.mark.parametrize(
    "kans, found",
    [
        ("0.5", []),
        ("0.5000000005", []),  # within 1e-9 of 1, above and below
        ("0.4999999995", []),
        ("0.5000000015", som("1.0000000015")),  # just beyond: shown with the digits that differ
        ("0.4999999985", som("0.9999999985")),
        ("0.6", som("1.1")),
        ("0.25", som("0.75")),
    ],
)
def test_kansen_must_add_up_to_1_within_a_billionth(kans, found):
    assert problemen(twee_kansen(f"kans: 0.5, {OPLOSSEN}", f"kans: {kans}, {AFWIJZEN}")) == found


def test_kansen_that_add_up_to_1_only_in_floating_point_are_fine():
    assert sum((0.7, 0.1, 0.1, 0.1)) != 1
    text = stad(
        "  - id: r\n    bij: loket\n    dan:\n      kansen:\n"
        + "".join(f"        - {{kans: {p}, {OPLOSSEN}, aanname: t}}\n" for p in (0.7, 0.1, 0.1, 0.1))
        + "    aanname: t\n"
    )
    assert problemen(text) == []


@pytest.mark.parametrize(
    "bereik, found",
    [
        ("[0.3, 0.4]", []),  # the kans may be either bound
        ("[0.2, 0.3]", []),
        ("[0.2, 0.4]", []),
        ("[]", []),
        ("[0.4, 0.5]", [(22, 22, "bereik", "bereik", BEREIK_03)]),
        ("[0.1, 0.2]", [(22, 22, "bereik", "bereik", BEREIK_03)]),
        ("[0.4, 0.2]", [(22, 22, "bereik", "bereik", BEREIK_03)]),
        ("[0.3]", [(22, 22, "bereik", "bereik", BEREIK_03)]),
        ("[0.1, 0.4, 0.5]", [(22, 22, "bereik", "bereik", BEREIK_03)]),
    ],
)
def test_a_bereik_is_two_bounds_around_the_kans(bereik, found):
    assert problemen(twee_kansen(f"kans: 0.7, {OPLOSSEN}", f"kans: 0.3, {AFWIJZEN}, bereik: {bereik}")) == found


@pytest.mark.parametrize(
    "dan, soort",
    [
        ("{actie: oplossen, niveau: maatwerk}", None),
        ("{actie: samenwerken, niveau: algemeen, met: [team]}", None),
        ("{actie: verwijzen, naar: team, overdracht: koud}", None),
        ("{actie: afwijzen}", None),
        ("{actie: wachten, dagen: 2}", "wachten"),
        ("{actie: verhelderen}", "verhelderen"),
        ("{actie: python, beslisser: b}", "python"),
    ],
)
def test_a_kans_ends_the_visit(dan, soort):
    found = problemen(twee_kansen(f"kans: 0.5, {OPLOSSEN}", f"kans: 0.5, dan: {dan}"))
    bericht = f"een kans kan oplossen, samenwerken, verwijzen, afwijzen zijn, niet '{soort}'"
    assert found == ([] if soort is None else [(22, 22, "dan.actie", "actie", bericht)])


# --- every variant ----------------------------------------------------------------------------------------------------

TEAM_NIEUW = """\
ingangen:
  - {id: loket, naam: Loket, soort: loket, kanalen: [telefoon], stappen: [s], aanname: t}
  - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], varianten: [nieuw], aanname: t}
"""
TEAM_NIET_IN_OUD = (
    "regel 'r' noemt ingang 'team', die in variant 'oud' niet bestaat; beperk de regel met 'varianten' of voeg de"
    " ingang toe"
)


@pytest.mark.parametrize(
    "regel, found",
    [
        (
            "{id: r, bij: team, dan: {actie: oplossen, niveau: algemeen}, aanname: t}",
            [(17, 17, "bij", "bij", TEAM_NIET_IN_OUD)],
        ),
        (
            "{id: r, bij: loket, dan: {actie: verwijzen, naar: team, overdracht: warm}, aanname: t}",
            [(17, 17, "dan.naar", "naar", TEAM_NIET_IN_OUD)],
        ),
        (
            "{id: r, bij: loket, dan: {actie: afwijzen, noemt: team}, aanname: t}",
            [(17, 17, "dan.noemt", "noemt", TEAM_NIET_IN_OUD)],
        ),
        (
            "{id: r, bij: loket, dan: {actie: samenwerken, niveau: algemeen, met: [loket, team]}, aanname: t}",
            [(17, 17, "dan.met", "met", TEAM_NIET_IN_OUD)],
        ),
        (
            "{id: r, bij: loket, dan: {kansen: [{kans: 1, dan: {actie: verwijzen, naar: team, overdracht: warm},"
            " aanname: t}]}, aanname: t}",
            [(17, 17, "dan.naar", "naar", TEAM_NIET_IN_OUD)],
        ),
        # restricted to the variant where its ingangen are
        (
            "{id: r, bij: team, varianten: [nieuw], dan: {actie: verwijzen, naar: loket, overdracht: warm},"
            " aanname: t}",
            [],
        ),
        ("{id: r, bij: loket, varianten: [nieuw], dan: {actie: afwijzen, noemt: team}, aanname: t}", []),
    ],
)
def test_a_rule_names_ingangen_that_exist_in_every_variant_it_is_in(regel, found):
    assert problemen(stad(f"  - {regel}\n", ingangen=TEAM_NIEUW)) == found


DRIE = """\
ingangen:
  - {id: loket, naam: Loket, soort: loket, kanalen: [telefoon], stappen: [s], deelt_dossier_met: [team], aanname: t}
  - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], varianten: [nieuw], aanname: t}
  - {id: wmo, naam: Wmo, soort: team, kanalen: [telefoon], stappen: [s], varianten: [oud], aanname: t}
"""
DRIE_REGELS = """\
  - {id: q, bij: loket, dan: {actie: verwijzen, naar: wmo, overdracht: warm}, aanname: t}
  - {id: r, bij: team, dan: {actie: oplossen, niveau: algemeen}, aanname: t}
"""


def test_each_variant_is_checked_in_turn_rules_then_ingangen():
    assert problemen(stad(DRIE_REGELS, ingangen=DRIE)) == [
        (19, 19, "bij", "bij", TEAM_NIET_IN_OUD),
        (14, 14, "deelt_dossier_met", "deelt_dossier_met", "ingang 'team' bestaat niet in variant 'oud'"),
        (
            18,
            18,
            "dan.naar",
            "naar",
            "regel 'q' noemt ingang 'wmo', die in variant 'nieuw' niet bestaat; "
            "beperk de regel met 'varianten' of voeg de ingang toe",
        ),
    ]


def test_variants_are_checked_only_when_the_references_hold():
    # the same gemeente with one dangling reference more, or a 'voor' on the wrong fields: only that is reported
    meer = DRIE_REGELS + "  - {id: x, bij: lokett, dan: {actie: afwijzen}, aanname: t}\n"
    assert problemen(stad(meer, ingangen=DRIE)) == [
        (20, 20, "bij", "bij", "onbekende ingang 'lokett' (bedoelde u 'loket'?)")
    ]
    assert problemen(stad(DRIE_REGELS, ingangen=DRIE, head=VOOR_LEEFTIJD)) == [
        (2, 13, "voor", "voor", OVER_DE_VRAAG % "persona.leeftijd")
    ]


def test_a_variant_without_ingangen_is_refused():
    alleen_oud = INGANGEN.replace("aanname: t}", "varianten: [oud], aanname: t}")
    assert problemen(stad(ingangen=alleen_oud)) == [
        (
            2,
            11,
            "varianten[1].id",
            "id",
            "variant 'nieuw' heeft geen ingangen: elke ingang is beperkt tot andere varianten",
        )
    ]


# --- warnings ---------------------------------------------------------------------------------------------------------

TAKEN = """\
ingangen:
  - {id: loket, naam: Loket, soort: loket, kanalen: [telefoon], stappen: [s], taak: [schulden, hbh], aanname: t}
  - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], taak: [inkomen, hbh], aanname: t}
  - {id: open, naam: Open, soort: team, kanalen: [telefoon], stappen: [s], aanname: t}
regels:
  - {id: als, bij: loket, als: {veld: vraag.soort, is: hbh}, dan: {actie: oplossen, niveau: algemeen}, aanname: t}
  - {id: verwijst, bij: loket, dan: {actie: verwijzen, naar: team, overdracht: warm}, aanname: t}
  - {id: alleen, bij: loket, dan: {actie: oplossen, niveau: algemeen}, aanname: t}
  - {id: samen, bij: loket, dan: {actie: samenwerken, niveau: maatwerk, met: [team]}, aanname: t}
  - {id: met-open, bij: loket, dan: {actie: samenwerken, niveau: maatwerk, met: [team, open]}, aanname: t}
  - {id: open-lost, bij: open, dan: {actie: oplossen, niveau: algemeen}, aanname: t}
  - {id: kans, bij: team, dan: {kansen: [{kans: 1, dan: {actie: oplossen, niveau: algemeen}, aanname: t}]}, aanname: t}
"""
ALLEEN = (
    "regel 'alleen' lost elke vraag op bij 'loket', maar 'loket' kan alleen hbh, schulden oplossen: geef de regel een"
    " 'als' op vraag.soort"
)
SAMEN = (
    "regel 'samen' lost elke vraag op bij 'loket', maar 'loket' en 'team' samen kunnen alleen hbh, inkomen, schulden"
    " oplossen: geef de regel een 'als' op vraag.soort"
)
WAARSCHUWINGEN = [(20, 20, "dan", "dan", ALLEEN), (21, 21, "dan", "dan", SAMEN)]


def test_a_rule_that_resolves_anything_where_the_task_is_narrower_is_a_warning():
    # not with a condition, not for another action or kansen, not where a place (or a partner) may do anything
    g = gemeente(HEAD + TAKEN)
    assert check_gemeente(g) == []
    assert gevonden(warnings_gemeente(g)) == WAARSCHUWINGEN
    inhoud = build([parse_file((HEAD + TAKEN).encode(), SHOWN)])
    assert [(w.bestand, w.regel, w.sleutel, w.bericht) for w in inhoud.waarschuwingen] == [
        (SHOWN, line, key, bericht) for _, line, _, key, bericht in WAARSCHUWINGEN
    ]


# --- aandelen ---------------------------------------------------------------------------------------------------------

CITAAT = "bron: {bestand: b.txt, citaat: c}"
ZONDER_GRENS = "aandeel 'a' geeft geen 'minimaal' en geen 'maximaal'"
TUSSEN_0_EN_1 = "een aandeel ligt tussen 0 en 1 (schrijf 0.44, niet 44)"
ZELF = "een situatie vergelijken met zichzelf kan niet"
GEEN_CITAAT = "aandeel 'a' noemt geen bron met citaat"
GEVALLEN_REIS = (
    "'gevallen' gaat over de gevallen: het veld 'reis.stappen' kan hier niet (alleen persona.*, vraag.*, casus.*)"
)


def aandelen(*regels: str) -> list[Found]:
    """The problems of aandelen written from line 17 on, one a line."""
    text = stad() + "aandelen:\n" + "".join(f"  - {{id: a, naam: A, {x}}}\n" for x in regels)
    return gevonden(check_aandelen(gemeente(text)))


@pytest.mark.parametrize(
    "aandeel, found",
    [
        (f"variant: nieuw, maximaal: 0.5, {CITAAT}", []),
        ("variant: nieuw, maximaal: 0.5, bron: b.txt", [(17, 17, "bron", "bron", GEEN_CITAAT)]),
        ("variant: nieuw, maximaal: 0.5, aanname: t", [(17, 17, "bron", "bron", GEEN_CITAAT)]),
        (
            f"variant: nieuwe, maximaal: 0.5, {CITAAT}",
            [(17, 17, "variant", "variant", "onbekende variant 'nieuwe' (bedoelde u 'nieuw'?)")],
        ),
        (
            f"variant: nieuw, ten_opzichte_van: ouwd, maximaal: 0.5, {CITAAT}",
            [(17, 17, "ten_opzichte_van", "ten_opzichte_van", "onbekende variant 'ouwd' (bedoelde u 'oud'?)")],
        ),
        (
            f"variant: nieuw, ten_opzichte_van: nieuw, maximaal: 0.5, {CITAAT}",
            [(17, 17, "ten_opzichte_van", "ten_opzichte_van", ZELF)],
        ),
        (f"variant: nieuw, {CITAAT}", [(17, 17, None, None, ZONDER_GRENS)]),
        (
            f"variant: nieuw, minimaal: 0.5, maximaal: 0.4, {CITAAT}",
            [(17, 17, "minimaal", "minimaal", "'minimaal' is groter dan 'maximaal'")],
        ),
        (f"variant: nieuw, minimaal: 0.4, maximaal: 0.4, {CITAAT}", []),
        (f"variant: nieuw, minimaal: 0.3, {CITAAT}", []),
        (f"variant: nieuw, maximaal: 1, {CITAAT}", []),
        (f"variant: nieuw, minimaal: 44, {CITAAT}", [(17, 17, None, None, TUSSEN_0_EN_1)]),
        (f"variant: nieuw, maximaal: 1.5, {CITAAT}", [(17, 17, None, None, TUSSEN_0_EN_1)]),
        (f"variant: nieuw, minimaal: 0.5, maximaal: 44, {CITAAT}", [(17, 17, None, None, TUSSEN_0_EN_1)]),
        # a ratio of two situations may be above 1
        (f"variant: nieuw, ten_opzichte_van: oud, minimaal: 44, {CITAAT}", []),
        (f"variant: nieuw, ten_opzichte_van: oud, maximaal: 1.5, {CITAAT}", []),
        (
            f"variant: nieuw, maximaal: 0.5, {CITAAT}, gevallen: {{veld: reis.stappen, vanaf: 1}}",
            [(17, 17, "gevallen", "gevallen", GEVALLEN_REIS)],
        ),
        (
            f"variant: nieuw, maximaal: 0.5, {CITAAT}, gevallen: {{alle: [{{veld: persona.leeftijd, vanaf: 65}},"
            " {veld: vraag.soort, is: hbh}, {veld: casus.veiligheid, is: false}]}",
            [],
        ),
        # everything at once, in this order
        (
            "variant: oude, ten_opzichte_van: oude, bron: b.txt, gevallen: {veld: reis.stappen, vanaf: 1}",
            [
                (17, 17, "bron", "bron", GEEN_CITAAT),
                (17, 17, "variant", "variant", "onbekende variant 'oude' (bedoelde u 'oud'?)"),
                (17, 17, "ten_opzichte_van", "ten_opzichte_van", "onbekende variant 'oude' (bedoelde u 'oud'?)"),
                (17, 17, "ten_opzichte_van", "ten_opzichte_van", ZELF),
                (17, 17, None, None, ZONDER_GRENS),
                (17, 17, "gevallen", "gevallen", GEVALLEN_REIS),
            ],
        ),
    ],
)
def test_an_aandeel_names_its_source_its_situations_and_a_bound(aandeel, found):
    assert aandelen(aandeel) == found


def test_an_aandeel_id_occurs_once():
    assert aandelen(f"variant: nieuw, maximaal: 0.5, {CITAAT}", f"variant: oud, maximaal: 0.5, {CITAAT}") == [
        (18, 18, "id", "id", "dubbele aandeel-id 'a' (eerder in g.yaml:17)")
    ]


# --- sleutelmomenten --------------------------------------------------------------------------------------------------


def moment(*vragen: str, voor: str = "") -> list[Found]:
    """The problems of sleutelmoment 's' (line 2) with these vragen, one a line from line 6 on, then ``voor``."""
    text = "sleutelmomenten:\n  - id: s\n    naam: S\n    aanname: t\n    vragen:\n"
    text += "".join(f"      - {{{v}, omschrijving: O, levensgebied: zorg, soort: hbh}}\n" for v in vragen)
    text += f"    voor: {voor}\n" if voor else ""
    (sm,) = parse_file(text.encode(), SHOWN)["sleutelmomenten"]
    return gevonden(check_sleutelmoment(structure(sm, m.Sleutelmoment)))


def kring(n: int, vraag: str) -> Found:
    return (
        2,
        6 + n,
        f"vragen[{n}].onderliggend",
        "onderliggend",
        f"de vragen achter de vraag vormen een kring ({vraag})",
    )


@pytest.mark.parametrize(
    "vragen, voor, found",
    [
        (["id: a", "id: b"], "", []),
        (["id: a"], "{veld: persona.leeftijd, vanaf: 65}", []),
        (
            ["id: a"],
            "{veld: vraag.soort, is: hbh}",
            [
                (
                    2,
                    7,
                    "voor",
                    "voor",
                    "'voor' gaat over de persona: het veld 'vraag.soort' kan hier niet (alleen persona.*)",
                )
            ],
        ),
        (
            ["id: a", "id: a", "id: a"],
            "",
            [
                (2, 7, "vragen[1].id", "id", "dubbele vraag-id 'a' in sleutelmoment 's'"),
                (2, 8, "vragen[2].id", "id", "dubbele vraag-id 'a' in sleutelmoment 's'"),
            ],
        ),
        (
            ["id: hulp, onderliggend: gelt", "id: geld"],
            "",
            [(2, 6, "vragen[0].onderliggend", "onderliggend", "onbekende vraag 'gelt' (bedoelde u 'geld'?)")],
        ),
        # a chain that ends: at a vraag without one behind it, or (reported once) at one that does not exist
        (["id: a, onderliggend: b", "id: b, onderliggend: c", "id: c"], "", []),
        (
            ["id: b, onderliggend: a", "id: a, onderliggend: x"],
            "",
            [(2, 7, "vragen[1].onderliggend", "onderliggend", "onbekende vraag 'x'")],
        ),
        # a chain that does not end: every vraag on it, named by where the walk from the first found the ring
        (["id: a, onderliggend: a"], "", [kring(0, "a")]),
        (
            ["id: x, onderliggend: a", "id: a, onderliggend: b", "id: b, onderliggend: a"],
            "",
            [kring(0, "a"), kring(1, "a"), kring(2, "a")],
        ),
        (
            ["id: c, onderliggend: b", "id: a, onderliggend: b", "id: b, onderliggend: c"],
            "",
            [kring(0, "c"), kring(1, "c"), kring(2, "c")],
        ),
        # an id twice: the ring is reported at the first vraag with that id
        (
            ["id: a", "id: a, onderliggend: a"],
            "",
            [(2, 7, "vragen[1].id", "id", "dubbele vraag-id 'a' in sleutelmoment 's'"), kring(0, "a")],
        ),
    ],
)
def test_the_vragen_of_a_sleutelmoment(vragen, voor, found):
    assert moment(*vragen, voor=voor) == found


# --- what a routing plugin returns ------------------------------------------------------------------------------------

KINDS = "kies uit: oplossen, samenwerken, verwijzen, afwijzen, wachten, verhelderen"
GETAL_DAGEN = "verwacht een geheel getal 0..3650"
KOSTEN = m.Kosten(bedrag=12.5, activiteit="gesprek")


@pytest.mark.parametrize(
    "actie, reden",
    [
        # valid, each kind
        (m.Actie("oplossen", niveau="algemeen"), None),
        (m.Actie("oplossen", niveau="algemeen", waar="", kosten=KOSTEN, dagen=3650), None),
        (m.Actie("samenwerken", niveau="maatwerk", met=("loket", "team")), None),
        (m.Actie("verwijzen", naar="team", overdracht="koud"), None),
        (m.Actie("afwijzen"), None),
        (m.Actie("afwijzen", noemt="loket"), None),
        (m.Actie("wachten"), None),
        (m.Actie("wachten", dagen=0), None),
        (m.Actie("verhelderen"), None),
        (m.Actie("oplossen", niveau="algemeen", kosten=m.Kosten(bedrag=0)), None),
        (m.Actie("oplossen", niveau="algemeen", kosten=m.Kosten(bedrag=10**12)), None),
        # not an Actie, or not one a plugin may give
        ("oplossen", "gaf str terug in plaats van een Actie"),
        (None, "gaf NoneType terug in plaats van een Actie"),
        (m.Actie("python", beslisser="b"), f"gaf een Actie met soort 'python'; {KINDS}"),
        (m.RegelActie(kansen=()), f"gaf een Actie met soort 'kansen'; {KINDS}"),
        (m.Actie(3), f"gaf een Actie met soort 3; {KINDS}"),
        (m.Actie("x" * 100), "gaf een Actie met soort '" + "x" * 58 + f"…; {KINDS}"),
        # what the kind needs
        (m.Actie("oplossen"), "gaf een Actie 'oplossen' zonder 'niveau'"),
        (m.Actie("verwijzen"), "gaf een Actie 'verwijzen' zonder 'naar'"),
        (m.Actie("verwijzen", naar="", overdracht="warm"), "gaf een Actie 'verwijzen' zonder 'naar'"),
        (m.Actie("verwijzen", naar="team"), "gaf een Actie 'verwijzen' zonder 'overdracht'"),
        (m.Actie("verwijzen", overdracht="heet"), "gaf een Actie 'verwijzen' zonder 'naar'"),
        (m.Actie("samenwerken", niveau="algemeen"), "gaf een Actie 'samenwerken' zonder 'met'"),
        (m.Actie("samenwerken", met=("team",)), "gaf een Actie 'samenwerken' zonder 'niveau'"),
        # values of the declared types
        (
            m.Actie("oplossen", niveau="heel"),
            "gaf een Actie met niveau 'heel'; kies uit: informeel, algemeen, maatwerk",
        ),
        (m.Actie("afwijzen", overdracht=""), "gaf een Actie met overdracht ''; kies uit: warm, lauw, koud"),
        (m.Actie("afwijzen", overdracht=()), "gaf een Actie met overdracht (); kies uit: warm, lauw, koud"),
        (
            m.Actie("verwijzen", naar="tem", overdracht="heet"),
            "gaf een Actie met overdracht 'heet'; kies uit: warm, lauw, koud",
        ),
        (m.Actie("oplossen", niveau="algemeen", waar=3), "gaf een Actie met waar van type int in plaats van tekst"),
        (m.Actie("verwijzen", naar=7, overdracht="warm"), "gaf een Actie met naar van type int in plaats van tekst"),
        (m.Actie("afwijzen", noemt=b"loket"), "gaf een Actie met noemt van type bytes in plaats van tekst"),
        (m.Actie("afwijzen", beslisser=3), "gaf een Actie met beslisser van type int in plaats van tekst"),
        (
            m.Actie("samenwerken", niveau="algemeen", met=["team"]),
            "gaf een Actie met met van type list in plaats van een tuple",
        ),
        (
            m.Actie("samenwerken", niveau="algemeen", met=("team", 3)),
            "gaf een Actie met met van type int in plaats van tekst",
        ),
        (m.Actie("wachten", dagen=-1), f"gaf een Actie met dagen -1; {GETAL_DAGEN}"),
        (m.Actie("wachten", dagen=3651), f"gaf een Actie met dagen 3651; {GETAL_DAGEN}"),
        (m.Actie("wachten", dagen=True), f"gaf een Actie met dagen True; {GETAL_DAGEN}"),
        (m.Actie("wachten", dagen=2.0), f"gaf een Actie met dagen 2.0; {GETAL_DAGEN}"),
        (m.Actie("wachten", dagen="3"), f"gaf een Actie met dagen '3'; {GETAL_DAGEN}"),
        (m.Actie("afwijzen", kosten="duur"), "gaf een Actie met kosten van type str in plaats van Kosten"),
        (m.Actie("afwijzen", kosten=m.Kosten(bedrag=-1.0)), "gaf een Actie met kosten bedrag -1.0; verwacht een getal"),
        (
            m.Actie("afwijzen", kosten=m.Kosten(bedrag=math.inf)),
            "gaf een Actie met kosten bedrag inf; verwacht een getal",
        ),
        (
            m.Actie("afwijzen", kosten=m.Kosten(bedrag=math.nan)),
            "gaf een Actie met kosten bedrag nan; verwacht een getal",
        ),
        (m.Actie("afwijzen", kosten=m.Kosten(bedrag="5")), "gaf een Actie met kosten bedrag '5'; verwacht een getal"),
        (
            m.Actie("afwijzen", kosten=m.Kosten(bedrag=5.0, activiteit=3)),
            "gaf een Actie met kosten activiteit van type int in plaats van tekst",
        ),
        # None only where the model's default is None: the walk adds dagen and bedrag up
        (m.Actie("oplossen", niveau="algemeen", dagen=None), "gaf een Actie met dagen zonder waarde (None)"),
        (m.Actie("afwijzen", met=None), "gaf een Actie met met zonder waarde (None)"),
        (
            m.Actie("afwijzen", kosten=m.Kosten(bedrag=None)),
            "gaf een Actie met kosten bedrag zonder waarde (None)",
        ),
        (m.Actie("afwijzen", niveau=None, noemt=None, kosten=None), None),
        # and the ingangen it names exist
        (m.Actie("verwijzen", naar="tem", overdracht="warm"), f"verwijst naar {ONBEKEND_TEAM}"),
        (m.Actie("afwijzen", noemt="lokt"), "verwijst naar onbekende ingang 'lokt' (bedoelde u 'loket'?)"),
        (m.Actie("samenwerken", niveau="algemeen", met=("team", "tem")), f"verwijst naar {ONBEKEND_TEAM}"),
    ],
)
def test_what_a_routing_plugin_returns_is_checked_like_a_rules_dan(actie, reden):
    assert check_actie(actie, ("loket", "team")) == reden


@pytest.mark.parametrize(
    "value, typ, reden",
    [
        (0, s.Integer(1), "0; verwacht een geheel getal >= 1"),
        (1, s.Integer(1), None),
        (-5, s.Integer(), None),
        (1.5, s.Number(0, 1), "1.5; verwacht een getal"),
        (1, s.Number(0, 1), None),
        (0.0, s.Number(0, 1), None),
        ((), s.Choice("niveau", m.NIVEAUS), "(); kies uit: informeel, algemeen, maatwerk"),
        ("", s.Choice("niveau", m.NIVEAUS), "''; kies uit: informeel, algemeen, maatwerk"),
        ("algemeen", s.Choice("niveau", m.NIVEAUS), None),
        ((), s.ListOf(s.Integer(0, 5)), None),
        ((0, 5), s.ListOf(s.Integer(0, 5)), None),
        ((1, 7, 9), s.ListOf(s.Integer(0, 5)), "7; verwacht een geheel getal 0..5"),
        ("", s.Text(), None),
        ("x", s.Id(), None),
        ("ja", s.Boolean(), None),  # kinds a plugin's Actie does not hold are not checked
        ("x", s.BESTAND, None),
        (m.Kosten(bedrag=0.5, activiteit="a"), s.KOSTEN, None),
        (m.Kosten(bedrag=-0.5), s.KOSTEN, "bedrag -0.5; verwacht een getal"),
    ],
)
def test_a_value_fits_its_declared_type(value, typ, reden):
    assert integrity._value_problem(value, typ, False) == reden


# --- through the loader: file, line and a plugin's objects ------------------------------------------------------------


def test_the_loader_reports_each_problem_at_its_file_and_line():
    with pytest.raises(LoadErrors) as e:
        build([parse_file(stad(NAAR_ZICHZELF).encode(), SHOWN)])
    assert [(f.bestand, f.regel, f.sleutel, f.bericht) for f in e.value.errors] == [
        (SHOWN, 21, "naar", "regel 'r' verwijst naar de ingang waar hij zelf geldt ('loket')")
    ]
    zonder_citaat = stad() + "aandelen:\n  - {id: a, naam: A, variant: oud, maximaal: 0.5, aanname: t}\n"
    with pytest.raises(LoadErrors) as e:
        build([parse_file(zonder_citaat.encode(), SHOWN)])
    assert [(f.bestand, f.regel, f.sleutel, f.bericht) for f in e.value.errors] == [(SHOWN, 17, "bron", GEEN_CITAAT)]


def test_a_problem_in_a_plugins_gemeente_names_the_path_inside_it():
    g = gemeente(stad(VERWIJST))
    (r,) = g.regels
    fout = attrs.evolve(g, regels=(attrs.evolve(r, dan=attrs.evolve(r.dan, naar="tem")),))
    with pytest.raises(LoadErrors) as e:
        load_object(fout, "plugin p")
    assert [(f.bestand, f.regel, f.sleutel, f.bericht) for f in e.value.errors] == [
        ("plugin p, regels[0].dan", None, "naar", ONBEKEND_TEAM)
    ]

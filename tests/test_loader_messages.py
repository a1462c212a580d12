"""The validator's messages, exactly: file, line, key path and the Dutch text (journeykit/validation.py).

In-process and small: each case is a few lines of YAML given to ``parse_file``, so `make mutate` sees every branch
(the hostile catalogue checks the same messages through the CLI, in processes mutmut cannot see).
"""

from __future__ import annotations

import textwrap

import pytest
import yaml

from journeykit import model as m
from journeykit import schema as s
from journeykit import validation as v
from journeykit.errors import MAX_ERRORS_PER_FILE, LoadError, LoadErrors
from journeykit.loading import parse_file
from journeykit.yamlread import MAX_DEPTH

SHOWN = "x.yaml"


def fouten(text: str) -> list[tuple[int | None, str | None, str]]:
    """(line, key path, message) of every problem in ``text``, in the order they are reported."""
    with pytest.raises(LoadErrors) as e:
        parse_file(text.encode("utf-8"), SHOWN)
    assert all(f.bestand == SHOWN for f in e.value.errors)
    return [(f.regel, f.sleutel, f.bericht) for f in e.value.errors]


def fout(text: str) -> tuple[int | None, str | None, str]:
    (one,) = fouten(text)
    return one


def persona(**changes: str | None) -> str:
    """A valid persona, one key per line: 2 id, 3 naam, 4 leeftijd, 5 huishouden, 6 aanname, then the rest."""
    keys: dict[str, str | None] = {"id": "jan", "naam": "Jan", "leeftijd": "45", "huishouden": "alleenstaand"}
    keys["aanname"] = "t"
    keys.update(changes)
    return "personas:\n  - " + "\n    ".join(f"{k}: {w}" for k, w in keys.items() if w is not None) + "\n"


def geladen(**changes: str | None) -> dict:
    return dict(parse_file(persona(**changes).encode("utf-8"), SHOWN)["personas"][0])


KIES_HUISHOUDEN = "kies uit: alleenstaand, samenwonend, gezin, eenoudergezin, bij-ouders, instelling"
ID_UITLEG = "gebruik kleine letters, cijfers en '-' (maximaal 80 tekens, geen spaties, '/' of '..')"
VRAAG_VEILIGHEID = (
    "sleutelmomenten:\n  - {id: s, naam: S, aanname: t, vragen: "
    "[{id: v, omschrijving: V, levensgebied: zorg, soort: hbh, veiligheid: %s}]}\n"
)


# --- mappings and keys --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, soort",
    [
        ("- a\n", "een lijst"),
        ("personas\n", "tekst 'personas'"),
        ("12\n", "een getal"),
        ("1.5\n", "een getal"),
        ("true\n", "true/false"),
        ("2024-01-01\n", "een datum"),
    ],
)
def test_a_file_must_be_a_mapping(text, soort):
    assert fout(text) == (1, None, f"verwacht een mapping (bestand), maar vond {soort}")


def test_text_found_is_shown_shortened():
    assert fout("personas:\n  - " + "x" * 50 + "\n") == (
        2,
        "personas[0]",
        "verwacht een mapping (persona), maar vond tekst '" + "x" * 39 + "…'",
    )
    assert fout("personas:\n  - " + "x" * 40 + "\n")[2].endswith("maar vond tekst '" + "x" * 40 + "'")


def test_a_record_that_is_not_a_mapping_names_its_key_path():
    assert fout("personas:\n  - jan\n") == (2, "personas[0]", "verwacht een mapping (persona), maar vond tekst 'jan'")
    assert fout("personas: [[a]]\n") == (1, "personas[0]", "verwacht een mapping (persona), maar vond een lijst")


@pytest.mark.parametrize(
    "key, soort",
    [
        ("1", "een getal"),
        ("1.5", "een getal"),
        ("true", "true/false"),
        ("null", "niets (leeg)"),
        ("2024-01-01", "een datum"),
        ("[a]", "een lijst"),
        ("{a: b}", "een mapping"),
    ],
)
def test_keys_must_be_text(key, soort):
    assert fout(f"? {key}\n: x\n") == (1, None, f"sleutels moeten tekst zijn, niet {soort}")


def test_a_key_that_is_not_text_inside_a_record_names_the_record():
    assert fout(persona(**{"7": "x"})) == (7, "personas[0]", "sleutels moeten tekst zijn, niet een getal")


def test_a_duplicate_key_names_the_first_line():
    assert fout("personas: []\n\npersonas: []\n") == (3, "personas", "dubbele sleutel 'personas' (eerder op regel 1)")
    text = persona() + "    leeftijd: 46\n"
    assert fout(text) == (7, "personas[0].leeftijd", "dubbele sleutel 'leeftijd' (eerder op regel 4)")


def test_after_a_wrong_key_the_next_keys_are_still_checked():
    assert fouten("1: a\npersoonas: []\npersonas: []\npersonas: x\nregels: [1]\n") == [
        (1, None, "sleutels moeten tekst zijn, niet een getal"),
        (2, "persoonas", fouten("persoonas: []\n")[0][2]),
        (4, "personas", "dubbele sleutel 'personas' (eerder op regel 3)"),
        (5, "regels[0]", "verwacht een mapping (regel), maar vond een getal"),
    ]


def test_a_duplicate_key_keeps_the_first_value():
    # the second is reported, not read; so 'naam' does not count as missing either
    assert fout(persona() + "    naam: ~\n") == (7, "personas[0].naam", "dubbele sleutel 'naam' (eerder op regel 3)")


def test_an_unknown_key_lists_the_keys_allowed():
    allowed = ", ".join(f.name for f in s.BESTAND.fields)
    assert fout("persoonas: []\n") == (
        1,
        "persoonas",
        f"onbekende sleutel 'persoonas' (bedoelde u 'personas'?) in bestand; toegestaan: {allowed}",
    )
    line, key, bericht = fout(persona(leeftyd="4"))
    assert (line, key) == (7, "personas[0].leeftyd")
    assert bericht.startswith("onbekende sleutel 'leeftyd' (bedoelde u 'leeftijd'?) in persona; toegestaan: id, naam, ")
    assert bericht.endswith(", groep, bron, aanname")  # the record's own keys, then where it comes from


def test_missing_required_keys_are_reported_at_the_mapping_in_declared_order():
    assert fouten("personas:\n  - id: jan\n    aanname: t\n") == [
        (2, "personas[0].huishouden", "verplichte sleutel 'huishouden' ontbreekt in persona"),
        (2, "personas[0].leeftijd", "verplichte sleutel 'leeftijd' ontbreekt in persona"),
        (2, "personas[0].naam", "verplichte sleutel 'naam' ontbreekt in persona"),
    ]


def test_a_required_key_with_a_wrong_value_is_not_also_missing():
    assert fout(persona(leeftijd="oud")) == (4, "personas[0].leeftijd", "verwacht geheel getal 0..120, maar vond 'oud'")


def test_a_missing_required_key_of_the_file_itself_has_no_path():
    assert fouten("sleutelmomenten:\n  - {id: s, naam: S, aanname: t}\n") == [
        (2, "sleutelmomenten[0].vragen", "verplichte sleutel 'vragen' ontbreekt in sleutelmoment")
    ]


def test_provenance_is_required_where_declared():
    assert fout(persona(aanname=None)) == (
        2,
        "personas[0]",
        "persona zegt niet waar het vandaan komt: geef 'bron' of 'aanname'",
    )
    # a 'bron' that is wrong is reported as wrong, not as missing
    assert fout(persona(aanname=None, bron="[x]")) == (
        6,
        "personas[0].bron",
        "verwacht een mapping (bron), maar vond een lijst",
    )


def test_provenance_may_be_a_source_alone():
    assert geladen(aanname=None, bron="b.txt")["bron"] == m.Bron("b.txt")


def test_a_record_without_provenance_needs_none():
    # a vraag has no 'bron' or 'aanname' of its own
    doc = parse_file((VRAAG_VEILIGHEID % "false").encode(), SHOWN)
    assert doc["sleutelmomenten"][0]["vragen"][0] == {
        "id": "v",
        "omschrijving": "V",
        "levensgebied": "zorg",
        "soort": "hbh",
        "veiligheid": False,
    }


def test_an_empty_file_section_is_refused_with_what_it_may_hold():
    allowed = ", ".join(f.name for f in s.BESTAND.fields)
    assert fout("{}\n") == (1, None, f"bestand bevat geen onderdelen; verwacht een of meer van: {allowed}")


def test_a_validated_mapping_remembers_its_lines():
    doc = parse_file(persona(omschrijving="Een man").encode(), SHOWN)
    p = doc["personas"][0]
    assert (doc.file, doc.lineno, doc.lines) == (SHOWN, 1, {"personas": 1})
    assert (p.file, p.lineno) == (SHOWN, 2)
    assert p.lines == {"id": 2, "naam": 3, "leeftijd": 4, "huishouden": 5, "aanname": 6, "omschrijving": 7}
    assert p.line("naam") == 3 and p.line("kinderen") == 2  # a key not written: the mapping's own line


# --- values ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, value, line, bericht",
    [
        ("leeftijd", "~", 4, "waarde ontbreekt; verwacht geheel getal 0..120"),
        ("leeftijd", "", 4, "waarde ontbreekt; verwacht geheel getal 0..120"),
        ("leeftijd", "[1]", 4, "verwacht geheel getal 0..120, maar vond een lijst"),
        ("leeftijd", "{a: 1}", 4, "verwacht geheel getal 0..120, maar vond een mapping"),
        ("leeftijd", "4.5", 4, "verwacht geheel getal 0..120, maar vond '4.5'"),
        ("leeftijd", "'45'", 4, "verwacht geheel getal 0..120, maar vond '45'"),
        ("leeftijd", "017", 4, "verwacht geheel getal 0..120, maar vond '017'"),  # YAML 1.1 octal: not read
        ("leeftijd", "1:30", 4, "verwacht geheel getal 0..120, maar vond '1:30'"),  # sexagesimal
        ("leeftijd", "121", 4, "121 ligt buiten het bereik (geheel getal 0..120)"),
        ("leeftijd", "-1", 4, "-1 ligt buiten het bereik (geheel getal 0..120)"),
        ("doorzettingsvermogen", "21", 7, "21 ligt buiten het bereik (geheel getal 0..20)"),
        ("naam", "~", 3, "tekst mag niet leeg zijn"),
        ("naam", "''", 3, "tekst mag niet leeg zijn"),
        ("naam", "'  '", 3, "tekst mag niet leeg zijn"),
        ("naam", "[Jan]", 3, "verwacht tekst, maar vond een lijst"),
        ("talen", "nl", 7, "verwacht een lijst (lijst van id (kleine letters, cijfers en '-')), maar vond tekst 'nl'"),
        ("talen", "[]", 7, "lijst moet minstens 1 element(en) hebben"),
        (
            "talen",
            "{nl: 1}",
            7,
            "verwacht een lijst (lijst van id (kleine letters, cijfers en '-')), maar vond een mapping",
        ),
        ("huishouden", "alleen", 5, f"onbekend huishouden 'alleen' (bedoelde u 'alleenstaand'?); {KIES_HUISHOUDEN}"),
        ("huishouden", "123", 5, f"onbekend huishouden '123'; {KIES_HUISHOUDEN}"),
        ("huishouden", "~", 5, "waarde ontbreekt; verwacht een van: " + KIES_HUISHOUDEN.removeprefix("kies uit: ")),
    ],
)
def test_a_wrong_value_gets_its_own_message(key, value, line, bericht):
    assert fout(persona(**{key: value})) == (line, f"personas[0].{key}", bericht)


def test_a_wrong_item_in_a_list_names_its_index_and_line():
    text = persona(kinderen="") + "      - 3\n      - x\n      - 31\n"
    assert fouten(text) == [
        (9, "personas[0].kinderen[1]", "verwacht geheel getal 0..30, maar vond 'x'"),
        (10, "personas[0].kinderen[2]", "31 ligt buiten het bereik (geheel getal 0..30)"),
    ]


def test_an_empty_list_and_a_wrong_item_are_both_reported():
    text = "sleutelmomenten:\n  - {id: s, naam: S, aanname: t, vragen: []}\n"
    assert fout(text) == (2, "sleutelmomenten[0].vragen", "lijst moet minstens 1 element(en) hebben")


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("leeftijd", "0", 0),
        ("leeftijd", "120", 120),
        ("leeftijd", "0x1F", 31),
        ("leeftijd", "0b101", 5),
        ("leeftijd", "1_0", 10),
        ("leeftijd", "4__5_", 45),  # YAML 1.1 allows '_' anywhere after the first digit, Python does not
        ("doorzettingsvermogen", "20", 20),
        ("groep", "123", "123"),  # text is text, whatever YAML makes of it
        ("groep", "1.5", "1.5"),
        ("groep", "true", "true"),
        ("groep", "2024-01-01", "2024-01-01"),
        ("id", "123", "123"),  # an id may be all digits
        ("id", "'" + "a" * 80 + "'", "a" * 80),
        ("kinderen", "[0, 30]", [0, 30]),
        ("talen", "[nl, ar]", ["nl", "ar"]),
    ],
)
def test_valid_values_as_read(key, value, expected):
    got = geladen(**{key: value})[key]
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("true", True),
        ("True", True),
        ("yes", True),
        ("on", True),
        ("ON", True),
        ("!!bool y", True),  # an explicit tag: YAML 1.1's short forms too
        ("!!bool Y", True),
        ("!!bool n", False),
        ("false", False),
        ("no", False),
        ("off", False),
    ],
)
def test_yaml_booleans(written, expected):
    text = VRAAG_VEILIGHEID
    doc = parse_file((text % written).encode(), SHOWN)
    assert doc["sleutelmomenten"][0]["vragen"][0]["veiligheid"] is expected


@pytest.mark.parametrize("written", ["ja", "1", "'true'", "~"])
def test_a_boolean_must_be_true_or_false(written):
    text = VRAAG_VEILIGHEID
    line, key, bericht = fout(text % written)
    assert (line, key) == (2, "sleutelmomenten[0].vragen[0].veiligheid")
    if written == "~":
        assert bericht == "waarde ontbreekt; verwacht true of false"
    else:
        assert bericht == f"verwacht true of false, maar vond '{written.strip(chr(39))}'"


def test_a_number_with_bounds_and_a_number_without():
    kosten = "    kosten: {bedrag: %s, aanname: t}\n"
    ingang = "ingangen:\n  - id: i\n    naam: I\n    soort: loket\n    kanalen: [telefoon]\n    stappen: [s]\n"
    ingang += "    aanname: t\n"
    assert fout(ingang + kosten % "-0.5") == (8, "ingangen[0].kosten.bedrag", "-0.5 ligt buiten het bereik (getal)")
    assert fout(ingang + kosten % "1.0e+999") == (
        8,
        "ingangen[0].kosten.bedrag",
        "verwacht getal, maar vond '1.0e+999'",
    )
    assert fout(ingang + kosten % ".nan") == (8, "ingangen[0].kosten.bedrag", "verwacht getal, maar vond '.nan'")
    assert fout(ingang + kosten % "x") == (8, "ingangen[0].kosten.bedrag", "verwacht getal, maar vond 'x'")
    doc = parse_file((ingang + kosten % "1_000.5").encode(), SHOWN)
    assert doc["ingangen"][0]["kosten"]["bedrag"] == 1000.5
    doc = parse_file((ingang + kosten % "0").encode(), SHOWN)
    assert doc["ingangen"][0]["kosten"]["bedrag"] == 0


# --- ids, and what YAML reads as something else ----------------------------------------------------------


@pytest.mark.parametrize(
    "written, shown, extra",
    [
        ("1.5", "1.5", ""),
        ("'-a'", "-a", ""),
        ("'Jan'", "Jan", ""),
        ("'a b'", "a b", ""),
        ("'../x'", "../x", ""),
        ("'" + "a" * 81 + "'", "a" * 59 + "…", ""),
        ("True", "True", ""),  # YAML reads a boolean, but it could not be an id anyway
        ("2024-01-01 10:00:00", "2024-01-01 10:00:00", ""),
        ("'jаn'", "jаn", "; het teken 'а' (U+0430, cyrillic small letter a) is geen gewone letter"),
        ("'jé'", "jé", "; het teken 'é' (U+00E9, latin small letter e with acute) is geen gewone letter"),
        ("'j\ue000n'", "j\ue000n", "; het teken '\ue000' (U+E000) is geen gewone letter"),  # no name: none shown
        ("'a\U0001f600'", "a\U0001f600", "; het teken '\U0001f600' (U+1F600, grinning face) is geen gewone letter"),
        ('"a\\x7f"', "a\x7f", ""),  # DEL is ASCII: not a look-alike letter
        ('"a\\x80"', "a\x80", "; het teken '\x80' (U+0080) is geen gewone letter"),  # the first non-ASCII one
    ],
)
def test_an_invalid_id_says_what_an_id_is(written, shown, extra):
    assert fout(persona(id=written)) == (2, "personas[0].id", f"ongeldige id '{shown}': {ID_UITLEG}{extra}")


def test_a_reference_is_checked_as_an_id():
    text = "reizen:\n  - {id: r, naam: R, persona: Jan, sleutelmoment: s, gemeente: g, aanname: t}\n"
    assert fout(text) == (2, "reizen[0].persona", f"ongeldige id 'Jan': {ID_UITLEG}")


@pytest.mark.parametrize(
    "written, gelezen",
    [
        ("no", "no zonder aanhalingstekens als ja/nee-waarde (false)"),
        ("off", "off zonder aanhalingstekens als ja/nee-waarde (false)"),
        ("yes", "yes zonder aanhalingstekens als ja/nee-waarde (true)"),
        ("on", "on zonder aanhalingstekens als ja/nee-waarde (true)"),
        ("true", "true zonder aanhalingstekens als ja/nee-waarde (true)"),
        ("false", "false zonder aanhalingstekens als ja/nee-waarde (false)"),
        ("2024-01-01", "2024-01-01 zonder aanhalingstekens als datum"),
    ],
)
def test_what_yaml_reads_as_a_boolean_or_a_date(written, gelezen):
    assert fout(persona(id=written)) == (
        2,
        "personas[0].id",
        f'YAML leest {gelezen}, niet als tekst; zet het tussen aanhalingstekens: "{written}"',
    )
    assert fout(persona(huishouden=written)) == (
        5,
        "personas[0].huishouden",
        f"onbekend huishouden '{written}'; YAML leest {gelezen}; {KIES_HUISHOUDEN}",
    )


def test_a_choice_that_yaml_reads_as_a_boolean_is_taken_when_it_is_a_value():
    # no vocabulary holds 'yes' or 'no'; if one did, the word written would be the value
    node = yaml.compose("yes")
    assert v.Validator(SHOWN).scalar(node, s.Choice("antwoord", ("yes", "no")), "k") == "yes"


# --- sources -----------------------------------------------------------------------------------------------


def test_a_source_as_text_or_as_a_mapping_with_where_it_is_written():
    bron = geladen(aanname=None, bron="'a.txt, §2 De klantreis '")["bron"]
    assert (bron.bestand, bron.sectie, bron.citaat) == ("a.txt", "§2 De klantreis", "")
    assert bron.plaats == m.Plaats(SHOWN, 6)
    assert geladen(aanname=None, bron=" b.txt ")["bron"] == m.Bron("b.txt", "")
    text = persona(aanname=None, bron="") + "      bestand: b.txt\n      sectie: s\n      citaat: letterlijk\n"
    bron = dict(parse_file(text.encode(), SHOWN)["personas"][0])["bron"]
    assert (bron.bestand, bron.sectie, bron.citaat) == ("b.txt", "s", "letterlijk")
    assert bron.plaats == m.Plaats(SHOWN, 9)  # the line of the quote
    text = persona(aanname=None, bron="") + "      bestand: b.txt\n"
    bron = dict(parse_file(text.encode(), SHOWN)["personas"][0])["bron"]
    assert (bron.bestand, bron.sectie, bron.citaat, bron.plaats) == ("b.txt", "", "", m.Plaats(SHOWN, 7))


def test_a_wrong_source():
    assert fout(persona(aanname=None, bron="''")) == (6, "personas[0].bron", "tekst mag niet leeg zijn")
    assert fout(persona(aanname=None, bron="{sectie: s}")) == (
        6,
        "personas[0].bron.bestand",
        "verplichte sleutel 'bestand' ontbreekt in bron",
    )
    assert fout(persona(aanname=None, bron="{bestand: b, pagina: 3}"))[2].startswith(
        "onbekende sleutel 'pagina' in bron; toegestaan: bestand, sectie, citaat"
    )


def test_the_keys_of_a_source_are_one_level_below_it():
    # Only the validator's own count applies to a plugin object's source (load_object), so call it directly.
    node = yaml.compose("{bestand: a.pdf, sectie: s}")
    assert v.Validator(SHOWN).value(node, s.Source(), "bron", MAX_DEPTH - 1) == m.Bron("a.pdf", "s")
    with pytest.raises(LoadError) as e:
        v.Validator(SHOWN).value(node, s.Source(), "bron", MAX_DEPTH)
    assert (e.value.bestand, e.value.regel, e.value.sleutel, e.value.bericht) == (
        SHOWN,
        1,
        None,
        f"te diep genest (maximaal {MAX_DEPTH} niveaus)",
    )
    # written as text, a source has no keys: it fits on the deepest level
    assert v.Validator(SHOWN).value(yaml.compose("a.pdf, s"), s.Source(), "bron", MAX_DEPTH) == m.Bron("a.pdf", "s")


# --- actions -------------------------------------------------------------------------------------------------

GEMEENTE = """\
gemeente:
  id: g
  naam: G
  aanname: t
  klantreis: {naam: K, stappen: [{id: s, naam: S, aanname: t}]}
  varianten: [{id: a, naam: A, aanname: t}]
  standaard_variant: a
ingangen:
  - {id: loket, naam: Loket, soort: loket, kanalen: [telefoon], stappen: [s], aanname: t}
  - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], aanname: t}
regels:
  - id: r1
    bij: loket
    aanname: t
"""


def regel(text: str) -> str:
    return GEMEENTE + textwrap.indent(textwrap.dedent(text), "    ")


def test_an_action_asks_for_what_it_needs_and_refuses_what_does_not_belong():
    text = regel(
        """\
        dan:
          actie: samenwerken
          naar: team
          noemt: team
          dagen: 2
          kosten: {bedrag: 1, aanname: t}
        """
    )
    assert fouten(text) == [
        (16, "regels[0].dan.met", "actie 'samenwerken' vraagt om 'met'"),  # at the action's first key
        (16, "regels[0].dan.niveau", "actie 'samenwerken' vraagt om 'niveau'"),
        (17, "regels[0].dan.naar", "'naar' hoort niet bij actie 'samenwerken'"),
        (18, "regels[0].dan.noemt", "'noemt' hoort niet bij actie 'samenwerken'"),
    ]


def test_an_action_with_what_it_may_have():
    text = regel("dan: {actie: samenwerken, niveau: algemeen, met: [team], waar: thuis, dagen: 2}\n")
    dan = dict(parse_file(text.encode(), SHOWN)["regels"][0]["dan"])
    assert dan == {"actie": "samenwerken", "niveau": "algemeen", "met": ["team"], "waar": "thuis", "dagen": 2}


def test_a_wrong_action_is_only_a_wrong_choice():
    line, key, bericht = fout(regel("dan: {actie: doorsturen, naar: team}\n"))
    assert (line, key) == (15, "regels[0].dan.actie") and bericht.startswith("onbekende actie 'doorsturen'")


def test_an_action_with_kansen_and_without_actie_is_checked_as_actie_kansen():
    kans = "{kans: 1, dan: {actie: oplossen, niveau: algemeen}, aanname: t}"
    text = regel(f"dan:\n  kansen: [{kans}]\n  dagen: 2\n")
    assert dict(parse_file(text.encode(), SHOWN)["regels"][0]["dan"]).keys() == {"kansen", "dagen"}
    # so it allows only what every action allows
    assert fout(regel(f"dan:\n  kansen: [{kans}]\n  naar: team\n  dagen: 2\n")) == (
        17,
        "regels[0].dan.naar",
        "'naar' hoort niet bij actie 'kansen'",
    )
    # and asks for kansen that can be read
    assert fouten(regel("dan:\n  kansen: x\n")) == [
        (16, "regels[0].dan.kansen", "actie 'kansen' vraagt om 'kansen'"),
        (16, "regels[0].dan.kansen", "verwacht een lijst (lijst van kans (mapping)), maar vond tekst 'x'"),
    ]
    # without 'kansen' too, the action is missing
    assert fout(regel("dan:\n  naar: team\n")) == (
        16,
        "regels[0].dan",
        "verplichte sleutel 'actie' ontbreekt in actie (of geef 'kansen')",
    )


# --- conditions ----------------------------------------------------------------------------------------------


def als(conditie: str) -> str:
    return regel(f"dan: {{actie: oplossen, niveau: algemeen}}\nals: {conditie}\n")


def conditie(text: str) -> m.Conditie:
    return parse_file(als(text).encode(), SHOWN)["regels"][0]["als"]


OPS = "is, is_niet, in, niet_in, bevat, vanaf, tot, boven, tot_en_met"


@pytest.mark.parametrize(
    "text, key, bericht",
    [
        ("[a]", "", "een conditie is een mapping met 'veld' of met alle, een_van, niet, maar vond een lijst"),
        ("x", "", "een conditie is een mapping met 'veld' of met alle, een_van, niet, maar vond tekst 'x'"),
        ("{}", "", "onbekende conditie '': een conditie begint met 'veld', 'alle', 'een_van' of 'niet'"),
        ("{als: 1}", "", "onbekende conditie 'als': een conditie begint met 'veld', 'alle', 'een_van' of 'niet'"),
        (
            "{nit: x}",
            "",
            "onbekende conditie 'nit' (bedoelde u 'niet'?): een conditie begint met 'veld', 'alle', "
            "'een_van' of 'niet'",
        ),
        ("{1: x}", "", "onbekende conditie '1': een conditie begint met 'veld', 'alle', 'een_van' of 'niet'"),
        ("{[a]: x}", "", "conditie heeft dubbele of ongeldige sleutels"),
        ("{veld: vraag.soort, veld: x}", "", "conditie heeft dubbele of ongeldige sleutels"),
        ("{alle: [], veld: x}", "", "'alle' moet alleen staan in een conditie"),
        ("{veld: x, niet: {veld: vraag.soort, is: hbh}}", "", "'niet' moet alleen staan in een conditie"),
        (
            "{niet: x}",
            ".niet",
            "een conditie is een mapping met 'veld' of met alle, een_van, niet, maar vond tekst 'x'",
        ),
        ("{alle: x}", ".alle", "'alle' verwacht een niet-lege lijst van condities"),
        ("{een_van: []}", ".een_van", "'een_van' verwacht een niet-lege lijst van condities"),
        (
            "{een_van: [{veld: vraag.soort, is: hbh}, {veld: persona.leeftijd, tot: oud}]}",
            ".een_van[1].tot",
            "'tot' op veld 'persona.leeftijd' (getal) verwacht een getal, niet 'oud'",
        ),
        (
            "{veld: persona.lefttijd, is: 3}",
            ".veld",
            "onbekend veld 'persona.lefttijd' (bedoelde u 'persona.leeftijd'?)",
        ),
        ("{veld: persona.leeftijd}", "", f"conditie op 'persona.leeftijd' mist een vergelijking ({OPS})"),
        ("{veld: persona.leeftijd, groter: 3, vanaf: 2}", ".groter", "onbekende vergelijking 'groter'"),
        ("{veld: persona.leeftijd, vanaf: 2, groter: 3}", ".groter", "onbekende vergelijking 'groter'"),
        (
            "{veld: vraag.soort, vanaf: 3}",
            ".vanaf",
            "'vanaf' op veld 'vraag.soort' (keuze) kan niet: alleen getallen zijn te vergelijken met vanaf",
        ),
        (
            "{veld: vraag.veiligheid, tot_en_met: 3}",
            ".tot_en_met",
            "'tot_en_met' op veld 'vraag.veiligheid' (janee) kan niet: alleen getallen zijn te vergelijken met "
            "tot_en_met",
        ),
        (
            "{veld: persona.leeftijd, boven: [1]}",
            ".boven",
            "'boven' op veld 'persona.leeftijd' (getal) verwacht een getal, niet een lijst",
        ),
        (
            "{veld: vraag.soort, bevat: hbh}",
            ".bevat",
            "'bevat' op veld 'vraag.soort' (keuze) kan niet: 'bevat' werkt alleen op lijsten",
        ),
        (
            "{veld: persona.talen, in: [nl]}",
            ".in",
            "'in' op veld 'persona.talen' (lijst) kan niet: gebruik 'bevat' voor een lijst",
        ),
        (
            "{veld: persona.talen, niet_in: [nl]}",
            ".niet_in",
            "'niet_in' op veld 'persona.talen' (lijst) kan niet: gebruik 'bevat' voor een lijst",
        ),
        (
            "{veld: persona.talen, is: nl}",
            ".is",
            "'is' op veld 'persona.talen' (lijst) kan niet: gebruik 'bevat' voor een lijst",
        ),
        (
            "{veld: vraag.soort, in: hbh}",
            ".in",
            "'in' op veld 'vraag.soort' (keuze) verwacht een lijst van waarden, niet tekst 'hbh'",
        ),
        (
            "{veld: vraag.soort, niet_in: [hbh, hbhh]}",
            ".niet_in",
            "'niet_in' op veld 'vraag.soort' (keuze) onbekende waarde 'hbhh' (bedoelde u 'hbh'?)",
        ),
        (
            "{veld: vraag.soort, in: [hbh, [x]]}",
            ".in",
            "'in' op veld 'vraag.soort' (keuze) verwacht een enkele waarde, niet een lijst",
        ),
        (
            "{veld: persona.talen, bevat: [nl]}",
            ".bevat",
            "'bevat' op veld 'persona.talen' (lijst) verwacht een enkele waarde, niet een lijst",
        ),
        (
            "{veld: vraag.veiligheid, is: ja}",
            ".is",
            "'is' op veld 'vraag.veiligheid' (janee) verwacht true of false, niet 'ja'",
        ),
        (
            "{veld: persona.leeftijd, is: x}",
            ".is",
            "'is' op veld 'persona.leeftijd' (getal) verwacht een getal, niet 'x'",
        ),
        (
            "{veld: persona.leeftijd, is: 1.0e+999}",
            ".is",
            "'is' op veld 'persona.leeftijd' (getal) verwacht een getal, niet '1.0e+999'",
        ),
        (
            "{veld: persona.huishouden, is: gezinn}",
            ".is",
            "'is' op veld 'persona.huishouden' (keuze) onbekende waarde 'gezinn' (bedoelde u 'gezin'?)",
        ),
        ("{veld: [persona.leeftijd], is: 3}", ".veld", "'veld' verwacht de naam van een veld, maar vond een lijst"),
        ("{veld: ~, is: 3}", ".veld", "onbekend veld '~'"),
        (
            "{vled: persona.leeftijd}",
            "",
            "onbekende conditie 'vled' (bedoelde u 'veld'?): een conditie begint met "
            "'veld', 'alle', 'een_van' of 'niet'",
        ),
        (
            "{veld: persona.leeftijd, vanaf: .inf}",
            ".vanaf",
            "'vanaf' op veld 'persona.leeftijd' (getal) verwacht een getal, niet '.inf'",
        ),
        (
            "{veld: persona.leeftijd, tot: 017}",
            ".tot",
            "'tot' op veld 'persona.leeftijd' (getal) verwacht een getal, niet '017'",
        ),
        (
            "{veld: persona.leeftijd, vanaf: {a: 1}}",
            ".vanaf",
            "'vanaf' op veld 'persona.leeftijd' (getal) verwacht een getal, niet een mapping",
        ),
    ],
)
def test_a_wrong_condition(text, key, bericht):
    assert fout(als(text)) == (16, f"regels[0].als{key}", bericht)


@pytest.mark.parametrize("op", ["vanaf", "tot", "boven", "tot_en_met"])
def test_every_comparison_of_numbers_wants_a_field_that_is_a_number_and_a_number(op):
    assert fout(als(f"{{veld: vraag.soort, {op}: hbh}}")) == (
        16,
        f"regels[0].als.{op}",
        f"'{op}' op veld 'vraag.soort' (keuze) kan niet: alleen getallen zijn te vergelijken met {op}",
    )
    assert fout(als(f"{{veld: persona.leeftijd, {op}: [1]}}")) == (
        16,
        f"regels[0].als.{op}",
        f"'{op}' op veld 'persona.leeftijd' (getal) verwacht een getal, niet een lijst",
    )


def test_every_wrong_comparison_in_a_condition_is_reported():
    # (reported sorted by line and text)
    assert fouten(als("{veld: persona.leeftijd, groter: 3, vanaf: oud, tot: 2}")) == [
        (16, "regels[0].als.vanaf", "'vanaf' op veld 'persona.leeftijd' (getal) verwacht een getal, niet 'oud'"),
        (16, "regels[0].als.groter", "onbekende vergelijking 'groter'"),
    ]


def test_a_wrong_condition_over_several_lines_names_the_line_of_the_problem():
    text = regel(
        """\
        dan: {actie: oplossen, niveau: algemeen}
        als:
          alle:
            - veld: vraag.soort
              is: hbh
            - veld: persona.lefttijd
              vanaf: 3
            - niet:
                veld: persona.leeftijd
                groter: 3
        """
    )
    assert fouten(text) == [
        (20, "regels[0].als.alle[1].veld", "onbekend veld 'persona.lefttijd' (bedoelde u 'persona.leeftijd'?)"),
        (24, "regels[0].als.alle[2].niet.groter", "onbekende vergelijking 'groter'"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "{veld: persona.leeftijd, vanaf: 18, tot: 65}",
            m.Vergelijking("persona.leeftijd", (("vanaf", 18), ("tot", 65))),
        ),
        (
            "{veld: persona.leeftijd, boven: 1.5, tot_en_met: 0x10}",
            m.Vergelijking("persona.leeftijd", (("boven", 1.5), ("tot_en_met", 16))),
        ),
        ("{veld: persona.leeftijd, is: 1_000.5}", m.Vergelijking("persona.leeftijd", (("is", 1000.5),))),
        ("{veld: vraag.soort, is_niet: hbh}", m.Vergelijking("vraag.soort", (("is_niet", "hbh"),))),
        ("{veld: vraag.soort, in: [hbh, wonen]}", m.Vergelijking("vraag.soort", (("in", ("hbh", "wonen")),))),
        ("{veld: vraag.soort, niet_in: [hbh]}", m.Vergelijking("vraag.soort", (("niet_in", ("hbh",)),))),
        ("{veld: persona.talen, bevat: nl}", m.Vergelijking("persona.talen", (("bevat", "nl"),))),
        ("{veld: vraag.veiligheid, is: yes}", m.Vergelijking("vraag.veiligheid", (("is", True),))),
        ("{veld: vraag.veiligheid, is: !!bool y}", m.Vergelijking("vraag.veiligheid", (("is", True),))),
        ("{veld: vraag.veiligheid, is_niet: off}", m.Vergelijking("vraag.veiligheid", (("is_niet", False),))),
        ("{veld: vraag.veiligheid, is: on}", m.Vergelijking("vraag.veiligheid", (("is", True),))),
        ("{veld: vraag.veiligheid, is: True}", m.Vergelijking("vraag.veiligheid", (("is", True),))),
        ("{veld: persona.leeftijd, vanaf: 1__8}", m.Vergelijking("persona.leeftijd", (("vanaf", 18),))),
        ("{veld: persona.leeftijd, vanaf: 1__8.5_}", m.Vergelijking("persona.leeftijd", (("vanaf", 18.5),))),
        ("{veld: vraag.id, is: 12}", m.Vergelijking("vraag.id", (("is", "12"),))),  # tekst: as written
        (
            "{veld: reis.vorige_ingang, in: [loket, team]}",
            m.Vergelijking("reis.vorige_ingang", (("in", ("loket", "team")),)),
        ),
        ("{niet: {veld: vraag.soort, is: hbh}}", m.Niet(m.Vergelijking("vraag.soort", (("is", "hbh"),)))),
        (
            "{alle: [{veld: vraag.soort, is: hbh}, {niet: {veld: vraag.melding, is: true}}]}",
            m.Alle(
                (
                    m.Vergelijking("vraag.soort", (("is", "hbh"),)),
                    m.Niet(m.Vergelijking("vraag.melding", (("is", True),))),
                )
            ),
        ),
        ("{een_van: [{veld: vraag.soort, is: hbh}]}", m.EenVan((m.Vergelijking("vraag.soort", (("is", "hbh"),)),))),
    ],
)
def test_a_valid_condition_as_built(text, expected):
    assert conditie(text) == expected


def test_a_number_in_a_condition_keeps_its_kind():
    ((_, waarde),) = conditie("{veld: persona.leeftijd, vanaf: 18}").vergelijkingen
    assert type(waarde) is int
    ((_, waarde),) = conditie("{veld: persona.leeftijd, vanaf: 18.0}").vergelijkingen
    assert type(waarde) is float


# --- limits of one file -------------------------------------------------------------------------------------


def test_after_the_cap_problems_are_counted():
    text = "".join(f"sleutel-{i}: 1\n" for i in range(MAX_ERRORS_PER_FILE + 3))
    with pytest.raises(LoadErrors) as e:
        parse_file(text.encode(), SHOWN)
    *shown, meer = e.value.errors
    assert [f.regel for f in shown] == list(range(1, MAX_ERRORS_PER_FILE + 1))
    assert (
        meer.bericht == f"... en 3 andere fouten in dit bestand (alleen de eerste {MAX_ERRORS_PER_FILE} worden getoond)"
    )


def test_the_cap_counts_every_kind_of_problem():
    validator = v.Validator(SHOWN)
    for i in range(MAX_ERRORS_PER_FILE - 1):
        validator.error(i + 1, None, "fout")
    assert not validator.full and validator.all_errors() == validator.errors
    validator.error(99, "k", "de laatste")
    assert validator.full and validator.more == 0
    assert (validator.errors[-1].regel, validator.errors[-1].sleutel) == (99, "k")
    node = yaml.compose("a: 1")
    validator.error(node, None, "een te veel")
    validator.error(node, None, "nog een te veel")
    assert validator.more == 2
    validator.record(yaml.compose("onbekend: 1\nook: 2\n"), s.BESTAND, "")
    assert validator.more == 4 and len(validator.errors) == MAX_ERRORS_PER_FILE
    (*_, meer) = validator.all_errors()
    assert (meer.bestand, meer.aantal) == (SHOWN, 4)


def test_past_the_cap_known_keys_are_still_checked_and_unknown_ones_counted():
    wrong = "".join(f"sleutel-{i}: 1\n" for i in range(MAX_ERRORS_PER_FILE))
    with pytest.raises(LoadErrors) as e:
        parse_file((wrong + "personas: []\n").encode(), SHOWN)
    assert len(e.value.errors) == MAX_ERRORS_PER_FILE  # nothing wrong with 'personas': no count
    with pytest.raises(LoadErrors) as e:
        parse_file((wrong + "personas: x\nnog-een: 1\n").encode(), SHOWN)
    assert e.value.errors[-1].bericht.startswith("... en 2 andere fouten in dit bestand")


def test_an_error_at_a_node_is_at_its_line():
    validator = v.Validator(SHOWN)
    validator.error(yaml.compose("\n\nx"), "k", "fout")
    validator.error(7, None, "fout")
    assert [(f.bestand, f.regel, f.sleutel) for f in validator.errors] == [(SHOWN, 3, "k"), (SHOWN, 7, None)]

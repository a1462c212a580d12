"""Loading: valid data becomes the model; every kind of bad input becomes a clear error with file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from journeykit import model as m
from journeykit.errors import LoadError, LoadErrors
from journeykit.loading import load_path
from journeykit.yamlread import MAX_NODES

from conftest import FIXTURES, TESTSTAD_ARGS

PERSONA = """\
personas:
  - id: jan
    naam: Jan
    leeftijd: 45
    huishouden: alleenstaand
    aanname: test
"""


def write(tmp_path: Path, text: str, name: str = "data.yaml") -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def errors_of(path: Path) -> list:
    with pytest.raises(LoadErrors) as e:
        load_path(path)
    return e.value.errors


def test_teststad_loads_into_the_model():
    inhoud = load_path(FIXTURES / "teststad")
    (g,) = inhoud.gemeenten
    assert g.id == "teststad"
    assert g.ingang("loket").deelt_dossier_met == ("wijkteam",)
    assert g.ingang("jeugdteam").doelgroep.leeftijd_tot == 23
    regel = next(r for r in g.regels if r.id == "loket-jeugd")
    assert regel.als == m.EenVan(
        (m.Vergelijking("persona.leeftijd", (("tot", 18),)), m.Vergelijking("persona.heeft_kinderen", (("is", True),)))
    )
    assert regel.dan == m.RegelActie(soort="verwijzen", naar="jeugdteam", overdracht="warm")
    assert regel.plaats.bestand.endswith("regels.yaml") and regel.plaats.regel > 1


def test_persona_defaults_and_provenance(tmp_path):
    (p,) = load_path(write(tmp_path, PERSONA)).personas
    assert p.talen == ("nl",) and p.doorzettingsvermogen == 2 and p.digitaal == "vaardig"
    assert p.herkomst == m.Herkomst(None, "test")


def test_bron_string_and_mapping(tmp_path):
    text = PERSONA.replace("aanname: test", 'bron: "a.txt, §2 De klantreis"') + (
        "  - id: piet\n    naam: Piet\n    leeftijd: 70\n    huishouden: alleenstaand\n"
        '    bron: {bestand: b.txt, sectie: Bijlage 2, citaat: "letterlijk"}\n'
    )
    a, b = load_path(write(tmp_path, text)).personas
    assert a.herkomst.bron == m.Bron("a.txt", "§2 De klantreis")
    assert b.herkomst.bron == m.Bron("b.txt", "Bijlage 2", "letterlijk")


@pytest.mark.parametrize(
    "text, line, words",
    [
        # malformed YAML
        ("personas:\n  - id: jan\n    naam: [Jan\n", 4, ["ongeldige YAML"]),
        # unknown key, with the nearest suggestion
        (
            PERSONA.replace("    leeftijd: 45\n", "    leeftijd: 45\n    lefetijd: 4\n"),
            5,
            ["lefetijd", "onbekende sleutel", "leeftijd"],
        ),
        # wrong type
        (PERSONA.replace("leeftijd: 45", "leeftijd: oud"), 4, ["leeftijd", "geheel getal", "'oud'"]),
        # out of range
        (PERSONA.replace("leeftijd: 45", "leeftijd: 400"), 4, ["leeftijd", "bereik"]),
        # vocabulary value misspelt
        (
            PERSONA.replace("huishouden: alleenstaand", "huishouden: alleenstand"),
            5,
            ["huishouden", "alleenstand", "bedoelde u 'alleenstaand'"],
        ),
        # missing required key
        (PERSONA.replace("    naam: Jan\n", ""), 2, ["naam", "ontbreekt"]),
        # missing provenance
        (PERSONA.replace("    aanname: test\n", ""), 2, ["bron", "aanname"]),
        # duplicate key in one mapping
        (PERSONA.replace("    leeftijd: 45\n", "    leeftijd: 45\n    leeftijd: 46\n"), 5, ["dubbele sleutel"]),
        # duplicate id
        (PERSONA + PERSONA.replace("personas:\n", ""), 7, ["dubbele persona-id 'jan'"]),
        # an id that is not an id
        (PERSONA.replace("id: jan", "id: ../jan"), 2, ["ongeldige id"]),
        # a list where a mapping is expected
        ("- a\n- b\n", 1, ["mapping"]),
    ],
)
def test_bad_input_names_file_line_and_problem(tmp_path, text, line, words):
    path = write(tmp_path, text)
    fouten = errors_of(path)
    messages = " | ".join(str(f) for f in fouten)
    assert any(f.regel == line for f in fouten), messages
    for w in words:
        assert w in messages
    assert all(f.bestand == str(path) for f in fouten)


GEMEENTE = """\
gemeente:
  id: g
  naam: G
  aanname: test
  klantreis: {naam: K, stappen: [{id: s, naam: S, aanname: t}]}
  varianten: [{id: a, naam: A, aanname: t}, {id: b, naam: B, aanname: t}]
  standaard_variant: a
ingangen:
  - {id: loket, naam: Loket, soort: loket, kanalen: [telefoon], stappen: [s], aanname: t}
  - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], varianten: [b], aanname: t}
regels:
  - {id: r1, bij: loket, dan: {actie: oplossen, niveau: algemeen}, aanname: t}
"""


def test_a_valid_gemeente_loads(tmp_path):
    (g,) = load_path(write(tmp_path, GEMEENTE)).gemeenten
    assert [i.id for i in g.in_variant("a").ingangen] == ["loket"]
    assert [i.id for i in g.in_variant("b").ingangen] == ["loket", "team"]


@pytest.mark.parametrize(
    "old, new, line, words",
    [
        # dangling reference with a suggestion
        ("bij: loket, dan", "bij: lokett, dan", 12, ["onbekende ingang 'lokett'", "bedoelde u 'loket'"]),
        # reference that exists, but not in every variant where the rule applies
        (
            "dan: {actie: oplossen, niveau: algemeen}",
            "dan: {actie: verwijzen, naar: team, overdracht: warm}",
            12,
            ["'team'", "variant 'a'"],
        ),
        # action missing what it needs
        (
            "dan: {actie: oplossen, niveau: algemeen}",
            "dan: {actie: verwijzen, naar: team}",
            12,
            ["vraagt om 'overdracht'"],
        ),
        # action with a key that does not belong
        (
            "dan: {actie: oplossen, niveau: algemeen}",
            "dan: {actie: oplossen, niveau: algemeen, naar: loket}",
            12,
            ["'naar' hoort niet bij actie 'oplossen'"],
        ),
        # self-referral
        (
            "dan: {actie: oplossen, niveau: algemeen}",
            "dan: {actie: verwijzen, naar: loket, overdracht: koud}",
            12,
            ["verwijst naar de ingang waar hij zelf geldt"],
        ),
        # condition on a field that does not exist
        (
            "bij: loket, dan",
            "bij: loket, als: {veld: persona.lefttijd, vanaf: 3}, dan",
            12,
            ["onbekend veld 'persona.lefttijd'", "persona.leeftijd"],
        ),
        # comparison between incompatible types
        ("bij: loket, dan", "bij: loket, als: {veld: vraag.soort, vanaf: 3}, dan", 12, ["alleen getallen"]),
        ("bij: loket, dan", "bij: loket, als: {veld: persona.leeftijd, is: oud}, dan", 12, ["verwacht een getal"]),
        ("bij: loket, dan", "bij: loket, als: {veld: vraag.soort, is: hbhh}, dan", 12, ["bedoelde u 'hbh'"]),
        # duplicate ingang id
        ("id: team, naam: Team", "id: loket, naam: Team", 10, ["dubbele ingang-id 'loket'"]),
        # unknown klantreis step and variant
        ("stappen: [s], varianten: [b]", "stappen: [x], varianten: [c]", 10, ["klantreisstap 'x'", "variant 'c'"]),
    ],
)
def test_gemeente_errors(tmp_path, old, new, line, words):
    assert old in GEMEENTE
    fouten = errors_of(write(tmp_path, GEMEENTE.replace(old, new, 1)))
    messages = " | ".join(str(f) for f in fouten)
    assert any(f.regel == line for f in fouten), messages
    for w in words:
        assert w in messages, messages


def test_unsafe_tags_are_refused(tmp_path):
    fouten = errors_of(write(tmp_path, "personas: !!python/object/apply:os.system ['echo hi']\n"))
    assert "niet toegestaan" in str(fouten[0])


def test_alias_bombs_are_bounded(tmp_path):
    # A valid persona whose 'talen' hold a thousand values, then named again and again by its alias: a
    # small file, but the loader walks the persona each time it is named, 2 * MAX_NODES values in all.
    talen = "[" + ", ".join(["nl"] * 1000) + "]"
    persona = f"  - &p {{id: p, naam: P, leeftijd: 40, huishouden: alleenstaand, aanname: t, talen: {talen}}}\n"
    bomb = write(tmp_path, "personas:\n" + persona + "  - *p\n" * (2 * MAX_NODES // 1000), "bom.yaml")
    assert bomb.stat().st_size < 20_000
    fouten = errors_of(bomb)
    assert len(fouten) == 1, fouten
    assert "te groot na het uitvouwen van ankers/aliassen" in str(fouten[0]) and "bom.yaml" in str(fouten[0])
    # named once, the same persona loads: what is refused is the expansion
    (loaded,) = load_path(write(tmp_path, "personas:\n" + persona, "eenmaal.yaml")).personas
    assert len(loaded.talen) == 1000


def test_empty_file(tmp_path):
    assert "leeg" in str(errors_of(write(tmp_path, ""))[0])


def test_cross_file_dangling_reference_in_a_journey_case(tmp_path, cli):
    (tmp_path / "journeys").mkdir()
    (tmp_path / "personas").mkdir()
    write(tmp_path / "personas", PERSONA, "p.yaml")
    write(
        tmp_path / "journeys",
        """\
        reizen:
          - id: r
            naam: R
            persona: jann
            sleutelmoment: info
            gemeente: teststad
            aanname: t
    """,
        "r.yaml",
    )
    result = cli("check", "--data", str(tmp_path), "--plugin", TESTSTAD_ARGS[1])
    assert result.exit_code == 2
    assert "r.yaml:4" in result.stderr and "onbekende persona 'jann'" in result.stderr
    assert "bedoelde u 'jan'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_too_large_file_names_its_real_size(tmp_path):
    from journeykit.yamlread import MAX_BYTES, parse_bytes, read_bytes

    big = tmp_path / "groot.yaml"
    size = MAX_BYTES + 123_457
    big.write_bytes(b"#" * (size - 1) + b"\n")
    with pytest.raises(LoadError) as e:
        parse_bytes(read_bytes(big, str(big)), str(big))
    shown = f"{size:,}".replace(",", ".")
    assert f"bestand is te groot ({shown} bytes; maximaal" in str(e.value)


@pytest.mark.parametrize(
    "n, shown", [(0, "0"), (999, "999"), (1000, "1.000"), (5_242_880, "5.242.880"), (1_234_567.6, "1.234.568")]
)
def test_numbers_get_dutch_thousands_separators(n, shown):
    from journeykit.errors import getal

    assert getal(n) == shown

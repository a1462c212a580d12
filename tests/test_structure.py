"""Building model objects from validated YAML (journeykit/structure.py): every field, provenance and lines.

In-process and small, so `make mutate` sees each function: a fresh converter is built in the test that
uses it, because cattrs makes the hook of a class once per process.
"""

from __future__ import annotations

from journeykit import model as m
from journeykit import structure
from journeykit.loading import parse_file

SHOWN = "x.yaml"

# Line numbers matter below: 1 gemeente, 2 id, ... as written.
TEXT = """\
gemeente:
  id: g
  naam: G
  aanname: t
  klantreis:
    naam: K
    stappen:
      - id: s
        naam: S
        aanname: t
  varianten: [{id: a, naam: A, aanname: t}]
  standaard_variant: a
ingangen:
  - id: loket
    naam: Loket
    soort: loket
    kanalen: [telefoon]
    stappen: [s]
    aanname: t
regels:
  - id: r1
    bij: loket
    als: {veld: persona.leeftijd, vanaf: 67}
    dan:
      actie: oplossen
      niveau: algemeen
    aanname: alleen een aanname
personas:
  - id: jan
    naam: Jan
    leeftijd: 45
    huishouden: gezin
    kinderen: [3, 7]
    bron: {bestand: b.md, sectie: "§2", citaat: "Jan"}
    aanname: deels aangenomen
"""


def doc():
    return parse_file(TEXT.encode("utf-8"), SHOWN)


def test_lines_names_every_key_path_with_its_line():
    assert structure.lines(doc()["regels"][0]) == {
        "id": 21,
        "bij": 22,
        "als": 23,  # a condition is built by the validator: its keys have no lines of their own
        "dan": 24,
        "dan.actie": 25,
        "dan.niveau": 26,
        "aanname": 27,
    }


def test_lines_goes_into_lists_of_mappings_with_their_index():
    found = structure.lines(doc()["gemeente"])
    assert found["klantreis.stappen"] == 7
    assert found["klantreis.stappen[0]"] == 8
    assert found["klantreis.stappen[0].naam"] == 9
    assert found["varianten[0]"] == 11 and found["varianten[0].naam"] == 11
    assert found["standaard_variant"] == 12
    assert "kanalen[0]" not in structure.lines(doc()["ingangen"][0])  # a list of text has no key paths


def test_lines_with_a_prefix():
    assert structure.lines(doc()["regels"][0]["dan"], "regels[0].dan.") == {
        "regels[0].dan.actie": 25,
        "regels[0].dan.niveau": 26,
    }


def test_plaats_of_a_record_knows_the_line_of_each_key():
    p = structure.plaats_of(doc()["regels"][0])
    assert (p.bestand, p.regel) == (SHOWN, 21)
    assert p.sleutels == tuple(sorted(structure.lines(doc()["regels"][0]).items()))
    assert p.regel_van("dan.niveau") == 26 and p.regel_van("als.vanaf") == 23


def test_a_fresh_converter_builds_a_record_with_its_provenance_and_place():
    c = structure._converter()
    regel = c.structure(doc()["regels"][0], m.Regel)
    assert regel.herkomst == m.Herkomst(None, "alleen een aanname")
    assert regel.plaats == m.Plaats(SHOWN, 21) and regel.plaats.regel_van("dan.actie") == 25
    assert regel.dan.soort == "oplossen" and regel.dan.niveau == "algemeen"  # 'actie' is the YAML key of soort
    assert isinstance(regel.als, m.Vergelijking) and regel.als.veld == "persona.leeftijd"
    assert regel.als == doc()["regels"][0]["als"]  # the condition the validator built, as it is


def test_a_source_and_an_assumption_both_end_up_in_herkomst():
    c = structure._converter()
    written = doc()["personas"][0]
    persona = c.structure(written, m.Persona)
    assert persona.herkomst == m.Herkomst(written["bron"], "deels aangenomen")
    assert (persona.herkomst.bron.bestand, persona.herkomst.bron.citaat) == ("b.md", "Jan")
    assert persona.plaats == m.Plaats(SHOWN, 29)
    ingang = c.structure(doc()["ingangen"][0], m.Ingang)
    assert ingang.herkomst == m.Herkomst(None, "t") and ingang.kanalen == ("telefoon",)


def test_every_field_written_is_read_and_the_rest_get_their_defaults():
    persona = structure.structure(doc()["personas"][0], m.Persona)
    assert (persona.id, persona.naam, persona.leeftijd, persona.huishouden) == ("jan", "Jan", 45, "gezin")
    assert persona.kinderen == (3, 7)
    assert (persona.talen, persona.digitaal, persona.namens) == (("nl",), "vaardig", "zelf")


def test_structure_adds_fields_that_are_not_in_yaml_without_changing_the_document():
    d = doc()
    ingang = structure.structure(d["ingangen"][0], m.Ingang)
    g = structure.structure(d["gemeente"], m.Gemeente, ingangen=(ingang,), regels=())
    assert g.ingangen == (ingang,) and g.regels == ()
    assert "ingangen" not in d["gemeente"]
    assert g.plaats == m.Plaats(SHOWN, 2) and g.plaats.regel_van("standaard_variant") == 12


def test_a_record_built_already_is_taken_as_it_is():
    ingang = structure.structure(doc()["ingangen"][0], m.Ingang)
    assert structure.structure(ingang, m.Ingang) is ingang

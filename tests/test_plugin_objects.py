"""Plugin objects, checked exactly like YAML: ToData (journeykit/plugin_objects.py) and load_object (loading.py).

A plugin may hand over a Gemeente, Persona, Sleutelmoment or Reiscasus object instead of a path. ``ToData`` writes it
out as the plain data its YAML would hold, ``load_object`` reads that back through the validator and the builder, and
``_wis_regels`` replaces the line numbers of the generated text by the path inside the object. The hostile catalogue
checks the same through the CLI, in processes `make mutate` cannot see; these tests are in-process and small, and
assert the exact file, key path and Dutch text of every message.
"""

from __future__ import annotations

import enum

import attrs
import pytest
import yaml

from journeykit import loading
from journeykit import model as m
from journeykit import plugin_objects as po
from journeykit import schema as s
from journeykit.errors import MAX_ERRORS_PER_FILE, LoadError, LoadErrors, MoreErrors
from journeykit.loading import _wis_regels, _zonder_regel, load_object
from journeykit.plugin_objects import ToData
from journeykit.validation import Doc
from journeykit.yamlread import MAX_DEPTH, MAX_NODES

SHOWN = "plugin x"
H = m.Herkomst(None, "t")
LEEFTIJD = m.Vergelijking("persona.leeftijd", (("vanaf", 18),))
GEEN_CONDITIE = (
    "verwacht Vergelijking(veld, ((vergelijking, waarde), ...)), Alle((...)), EenVan((...)) of Niet(conditie)"
)
TE_DIEP = f"te groot of te diep genest (maximaal {MAX_NODES} waarden, {MAX_DEPTH} niveaus)"
CONDITIE_TE_DIEP = f"conditie te groot of te diep genest (maximaal {MAX_DEPTH} niveaus)"
GEEN_SCALAR = "verwacht tekst, een getal of true/false, maar kreeg"


# --- helpers ---------------------------------------------------------------------------------------------------


def problemen(conv: ToData) -> list[tuple[str | None, str]]:
    """(key path, message) of what ``conv`` collected; every one names the object and no line."""
    assert all(f.bestand == SHOWN and f.regel is None for f in conv.errors)
    return [(f.sleutel, f.bericht) for f in conv.errors]


def als_data(obj, rec: s.Record = s.PERSONA, path: str = "", depth: int = 0):
    """(the data ToData makes of ``obj``, its problems)."""
    conv = ToData(SHOWN)
    return conv.record(obj, rec, path, depth), problemen(conv)


def waarde(value, typ, path: str = "x", depth: int = 0):
    conv = ToData(SHOWN)
    return conv.value(value, typ, path, depth), problemen(conv)


def conditie(c, path: str = "als", depth: int = 0):
    conv = ToData(SHOWN)
    return conv.conditie(c, path, depth), problemen(conv)


def te_groot(call) -> tuple[str, int | None, str | None, str]:
    """The LoadError a limit raises, as (file, line, key path, message)."""
    with pytest.raises(LoadError) as e:
        call()
    return e.value.bestand, e.value.regel, e.value.sleutel, e.value.bericht


def fouten(obj) -> list[tuple[str, int | None, str | None, str]]:
    """(file, line, key path, message) of every problem load_object finds in ``obj``."""
    with pytest.raises(LoadErrors) as e:
        load_object(obj, SHOWN)
    return [(f.bestand, f.regel, f.sleutel, f.bericht) for f in e.value.errors]


def persona(**changes) -> m.Persona:
    return attrs.evolve(m.Persona("jan", "Jan", 45, "alleenstaand", herkomst=H), **changes)


def vraag(vid: str = "v", **changes) -> m.Vraag:
    return attrs.evolve(m.Vraag(vid, "Wat nu?", "zorg", "hbh"), **changes)


def sleutelmoment(**changes) -> m.Sleutelmoment:
    return attrs.evolve(m.Sleutelmoment("s", "S", (vraag(),), herkomst=H), **changes)


def niet(n: int, c=LEEFTIJD):
    """``c`` inside ``n`` Niet's."""
    for _ in range(n):
        c = m.Niet(c)
    return c


def ingang(iid: str = "loket", **changes) -> m.Ingang:
    return attrs.evolve(m.Ingang(iid, iid.title(), "loket", ("telefoon",), ("melden",), herkomst=H), **changes)


def regel(rid: str = "door", **changes) -> m.Regel:
    # by keyword: a RegelActie's first field is niveau, its own 'soort' comes after the inherited ones
    dan = m.RegelActie(soort="verwijzen", naar="wijkteam", overdracht="warm")
    return attrs.evolve(m.Regel(rid, "loket", dan, herkomst=H), **changes)


def gemeente(**changes) -> m.Gemeente:
    velden = dict(
        id="obj",
        naam="Object",
        klantreis=m.Klantreis("K", (m.KlantreisStap("melden", "Melden", herkomst=H),)),
        ingangen=(ingang(), ingang("wijkteam")),
        regels=(regel(),),
        varianten=(m.Variant("nu", "Nu", herkomst=H),),
        standaard_variant="nu",
        herkomst=H,
    )
    velden.update(changes)
    return m.Gemeente(**velden)


class Tekst(str):
    pass


class Getal(int):
    pass


class Komma(float):
    pass


class Soort(enum.IntEnum):
    EEN = 1


class Kapot:
    def __repr__(self):
        raise RuntimeError("geen repr")


# --- ToData.record ---------------------------------------------------------------------------------------------


def test_a_persona_becomes_the_mapping_its_yaml_holds_in_declared_order():
    p = persona(herkomst=m.Herkomst(m.Bron("a.pdf", "§ 2", "letterlijk"), "ook aangenomen"))
    out, errors = als_data(p)
    assert errors == []
    assert list(out.items()) == [
        ("id", "jan"),
        ("naam", "Jan"),
        ("leeftijd", 45),
        ("huishouden", "alleenstaand"),
        ("talen", ["nl"]),
        ("digitaal", "vaardig"),
        ("geletterdheid", "gemiddeld"),
        ("voorkeur_kanalen", ["telefoon"]),
        ("doorzettingsvermogen", 2),
        ("namens", "zelf"),
        ("bron", {"bestand": "a.pdf", "sectie": "§ 2", "citaat": "letterlijk"}),
        ("aanname", "ook aangenomen"),
    ]


@pytest.mark.parametrize(
    "changes, key, expected",
    [
        ({"omschrijving": ""}, "omschrijving", None),  # optional and empty: left out
        ({"omschrijving": "Wie"}, "omschrijving", "Wie"),
        ({"kinderen": ()}, "kinderen", None),
        ({"kinderen": []}, "kinderen", None),
        ({"kinderen": (0, 3)}, "kinderen", [0, 3]),
        ({"kinderen": [4]}, "kinderen", [4]),
        ({"afhankelijkheid": None}, "afhankelijkheid", None),
        ({"afhankelijkheid": "laag"}, "afhankelijkheid", "laag"),
        ({"naam": None}, "naam", None),  # required but None: left out, so the validator says it is missing
        ({"naam": ""}, "naam", ""),  # required and empty: kept, so the validator says why
        ({"leeftijd": 0}, "leeftijd", 0),
        ({"doorzettingsvermogen": 0}, "doorzettingsvermogen", 0),
    ],
)
def test_empty_values_are_left_out_unless_required(changes, key, expected):
    out, errors = als_data(persona(**changes))
    assert errors == []
    assert out.get(key, None) == expected and (key in out) == (expected is not None)
    assert out["talen"] == ["nl"]  # a field after one left out is still written


def test_a_required_empty_list_is_kept():
    out, errors = als_data(sleutelmoment(vragen=()), s.SLEUTELMOMENT)
    assert errors == []
    assert out == {"id": "s", "naam": "S", "vragen": [], "aanname": "t"}


@pytest.mark.parametrize(
    "obj, rec, expected",
    [
        (m.Actie("verwijzen", naar="b", overdracht="warm"), s.REGEL_ACTIE, "ok"),
        (m.RegelActie(soort="verwijzen", naar="b", overdracht="warm"), s.REGEL_ACTIE, "ok"),
        (m.Actie("verwijzen", naar="b", overdracht="warm"), s.ACTIE, "ok"),
        (m.Actie("verwijzen", naar="b", overdracht="warm"), s.KANS, "verwacht een Kans, maar kreeg Actie"),
        (m.RegelActie(soort="verwijzen"), s.INGANG, "verwacht een Ingang, maar kreeg RegelActie"),
        ("verwijzen", s.REGEL_ACTIE, "verwacht een RegelActie, maar kreeg str"),
        (None, s.ACTIE, "verwacht een Actie, maar kreeg niets (None)"),
    ],
)
def test_a_plain_actie_is_allowed_as_a_rules_action_and_nowhere_else(obj, rec, expected):
    out, errors = als_data(obj, rec, "regels[0].dan", 2)
    if expected == "ok":
        assert errors == []
        assert out == {"actie": "verwijzen", "naar": "b", "overdracht": "warm", "dagen": 0}
    else:
        assert (out, errors) == (None, [("regels[0].dan", expected)])


def test_a_rules_action_with_kansen_writes_them_and_its_kind():
    dan = m.RegelActie(kansen=(m.Kans(1.0, m.Actie("afwijzen"), herkomst=H),))
    out, errors = als_data(dan, s.REGEL_ACTIE)
    assert errors == []
    assert out == {
        "dagen": 0,
        "actie": "kansen",
        "kansen": [{"kans": 1.0, "dan": {"actie": "afwijzen", "dagen": 0}, "aanname": "t"}],
    }


def test_a_record_of_the_wrong_class_at_the_top_has_no_key_path():
    assert als_data(ingang()) == (None, [(None, "verwacht een Persona, maar kreeg Ingang")])
    assert als_data(ingang(), path="personas[0]") == (
        None,
        [("personas[0]", "verwacht een Persona, maar kreeg Ingang")],
    )


def test_an_object_without_any_attribute_set_gives_nothing_and_no_herkomst():
    leeg = m.Persona.__new__(m.Persona)  # slots never set: getattr finds nothing
    assert als_data(leeg) == ({}, [("herkomst", "verwacht een Herkomst, maar kreeg niets (None)")])


@pytest.mark.parametrize(
    "herkomst, path, expected, errors",
    [
        (m.Herkomst(None, "t"), "", {"aanname": "t"}, []),
        (m.Herkomst(m.Bron("a.pdf"), None), "", {"bron": {"bestand": "a.pdf"}}, []),
        (m.Herkomst("a.pdf, § 2", None), "", {"bron": "a.pdf, § 2"}, []),
        (m.Herkomst(m.Bron("a.pdf"), "t"), "", {"bron": {"bestand": "a.pdf"}, "aanname": "t"}, []),
        (m.Herkomst(), "", {}, []),  # neither: the validator says so
        (m.Herkomst(None, ""), "", {"aanname": ""}, []),  # "" is not None: written, the validator refuses it
        (None, "", {}, [("herkomst", "verwacht een Herkomst, maar kreeg niets (None)")]),
        (None, "p", {}, [("p.herkomst", "verwacht een Herkomst, maar kreeg niets (None)")]),
        ("a.pdf", "", {}, [("herkomst", "verwacht een Herkomst, maar kreeg str")]),
        (m.Herkomst(42, None), "", {"bron": None}, [("bron", "verwacht een Bron, maar kreeg int")]),
        (m.Herkomst(42, None), "p", {"bron": None}, [("p.bron", "verwacht een Bron, maar kreeg int")]),
        (m.Herkomst(None, object()), "", {"aanname": None}, [("aanname", f"{GEEN_SCALAR} object")]),
        (m.Herkomst(None, object()), "p", {"aanname": None}, [("p.aanname", f"{GEEN_SCALAR} object")]),
        (m.Herkomst(None, Tekst("t")), "", {"aanname": "t"}, []),
    ],
)
def test_provenance_becomes_the_records_bron_and_aanname(herkomst, path, expected, errors):
    out, found = als_data(m.KlantreisStap("a", "A", herkomst=herkomst), s.KLANTREISSTAP, path)
    assert found == errors
    assert out == {"id": "a", "naam": "A", **expected}
    if "aanname" in expected:
        assert type(out["aanname"]) is type(expected["aanname"])


def test_a_record_without_provenance_gets_no_bron_or_aanname():
    assert als_data(m.Doelgroep(omschrijving="iedereen"), s.DOELGROEP) == ({"omschrijving": "iedereen"}, [])


def test_a_nested_records_problems_name_the_path_inside_it():
    sm = sleutelmoment(vragen=(vraag(), "v2", vraag(veiligheid=object())))
    out, errors = als_data(sm, s.SLEUTELMOMENT, "sleutelmomenten[0]")
    assert errors == [
        ("sleutelmomenten[0].vragen[1]", "verwacht een Vraag, maar kreeg str"),
        ("sleutelmomenten[0].vragen[2].veiligheid", f"{GEEN_SCALAR} object"),
    ]
    assert out["vragen"][1] is None and out["vragen"][2]["veiligheid"] is None


# --- ToData.value ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, typ, expected, errors",
    [
        ((1, 2), s.ListOf(s.Integer()), [1, 2], []),
        ([1, 2], s.ListOf(s.Integer()), [1, 2], []),
        ((), s.ListOf(s.Integer()), [], []),
        (
            5,
            s.PERSONA.field("kinderen").type,
            None,
            [("x", "verwacht een tuple (lijst van geheel getal 0..30), maar kreeg int")],
        ),
        (
            "nl",  # ("nl") instead of ("nl",)
            s.PERSONA.field("talen").type,
            None,
            [("x", "verwacht een tuple (lijst van id (kleine letters, cijfers en '-')), maar kreeg str")],
        ),
        ((3, object()), s.ListOf(s.Integer()), [3, None], [("x[1]", f"{GEEN_SCALAR} object")]),
        (((1,), [2, 3]), s.ListOf(s.ListOf(s.Number())), [[1], [2, 3]], []),
        (m.Bron("a.pdf"), s.Source(), {"bestand": "a.pdf"}, []),
        ("a.pdf", s.Source(), "a.pdf", []),
        (42, s.Source(), None, [("x", "verwacht een Bron, maar kreeg int")]),
        (LEEFTIJD, s.Condition(), {"veld": "persona.leeftijd", "vanaf": 18}, []),
        (m.Doelgroep(18), s.DOELGROEP, {"leeftijd_vanaf": 18}, []),
        ("x", s.Text(), "x", []),
        (object(), s.Id(), None, [("x", f"{GEEN_SCALAR} object")]),
    ],
)
def test_a_value_follows_its_schema_type(value, typ, expected, errors):
    assert waarde(value, typ) == (expected, errors)


@pytest.mark.parametrize(
    "value, expected",
    [
        (True, True),
        (False, False),
        (0, 0),
        (3, 3),
        (2.5, 2.5),
        ("", ""),
        ("tekst", "tekst"),
        (Tekst("tekst"), "tekst"),
        (Getal(3), 3),
        (Komma(2.5), 2.5),
        (Soort.EEN, 1),
    ],
)
def test_a_scalar_becomes_its_exact_builtin_type(value, expected):
    conv = ToData(SHOWN)
    out = conv.scalar(value, "x")
    assert out == expected and type(out) is type(expected)
    assert conv.errors == []


@pytest.mark.parametrize(
    "value, soort",
    [
        (None, "niets (None)"),
        (object(), "object"),
        (b"jan", "bytes"),
        (["jan"], "list"),
        (m.Bron("a.pdf"), "Bron"),
        (type("K" * 70, (), {})(), "K" * 59 + "…"),  # a plugin names its classes: shortened
    ],
)
def test_a_scalar_of_another_type_is_refused(value, soort):
    conv = ToData(SHOWN)
    assert conv.scalar(value, "a.b") is None
    assert problemen(conv) == [("a.b", f"{GEEN_SCALAR} {soort}")]


# --- ToData.bron -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected, errors",
    [
        (m.Bron("a.pdf"), {"bestand": "a.pdf"}, []),
        (m.Bron("a.pdf", "§ 2"), {"bestand": "a.pdf", "sectie": "§ 2"}, []),
        (m.Bron("a.pdf", "", "letterlijk"), {"bestand": "a.pdf", "citaat": "letterlijk"}, []),
        (m.Bron("a.pdf", "§ 2", "letterlijk"), {"bestand": "a.pdf", "sectie": "§ 2", "citaat": "letterlijk"}, []),
        (m.Bron(Tekst("a.pdf"), Tekst("§ 2")), {"bestand": "a.pdf", "sectie": "§ 2"}, []),
        (m.Bron(""), {"bestand": ""}, []),  # the file is always written: the validator refuses it empty
        (m.Bron(object()), {"bestand": None}, [("b.bestand", f"{GEEN_SCALAR} object")]),
        (m.Bron("a.pdf", None), {"bestand": "a.pdf", "sectie": None}, [("b.sectie", f"{GEEN_SCALAR} niets (None)")]),
        (m.Bron("a.pdf", "", 7), {"bestand": "a.pdf", "citaat": 7}, []),
        (
            m.Bron("a.pdf", "", None),
            {"bestand": "a.pdf", "citaat": None},
            [("b.citaat", f"{GEEN_SCALAR} niets (None)")],
        ),
        ("a.pdf, § 2", "a.pdf, § 2", []),
        (Tekst("a.pdf"), "a.pdf", []),
        ("", "", []),
        (42, None, [("b", "verwacht een Bron, maar kreeg int")]),
        (None, None, [("b", "verwacht een Bron, maar kreeg niets (None)")]),
        (("a.pdf", "§ 2"), None, [("b", "verwacht een Bron, maar kreeg tuple")]),
    ],
)
def test_a_source_is_a_bron_or_its_text(value, expected, errors):
    conv = ToData(SHOWN)
    out = conv.bron(value, "b")
    assert (out, problemen(conv)) == (expected, errors)
    if isinstance(expected, str):
        assert type(out) is str
    elif isinstance(expected, dict):
        assert all(type(v) is type(expected[k]) for k, v in out.items())


# --- ToData.conditie -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "c, expected",
    [
        (LEEFTIJD, {"veld": "persona.leeftijd", "vanaf": 18}),
        (
            m.Vergelijking("persona.leeftijd", (("vanaf", 18), ("tot", 65.5))),
            {"veld": "persona.leeftijd", "vanaf": 18, "tot": 65.5},
        ),
        (m.Vergelijking("persona.leeftijd", [["vanaf", 18]]), {"veld": "persona.leeftijd", "vanaf": 18}),
        (
            m.Vergelijking("persona.huishouden", (("in", ("gezin", Tekst("eenoudergezin"))),)),
            {"veld": "persona.huishouden", "in": ["gezin", "eenoudergezin"]},
        ),
        (
            m.Vergelijking("persona.huishouden", (("niet_in", ["gezin"]),)),
            {"veld": "persona.huishouden", "niet_in": ["gezin"]},
        ),
        (m.Vergelijking("persona.huishouden", (("in", ()),)), {"veld": "persona.huishouden", "in": []}),
        (m.Vergelijking("persona.heeft_kinderen", (("is", True),)), {"veld": "persona.heeft_kinderen", "is": True}),
        (m.Vergelijking("persona.leeftijd", ()), {"veld": "persona.leeftijd"}),
        (m.Niet(LEEFTIJD), {"niet": {"veld": "persona.leeftijd", "vanaf": 18}}),
        (m.Alle((LEEFTIJD,)), {"alle": [{"veld": "persona.leeftijd", "vanaf": 18}]}),
        (
            m.EenVan([LEEFTIJD, m.Niet(LEEFTIJD)]),
            {
                "een_van": [
                    {"veld": "persona.leeftijd", "vanaf": 18},
                    {"niet": {"veld": "persona.leeftijd", "vanaf": 18}},
                ]
            },
        ),
        (m.Alle(()), {"alle": []}),
        (m.EenVan(()), {"een_van": []}),
    ],
)
def test_a_condition_becomes_its_yaml_mapping(c, expected):
    out, errors = conditie(c)
    assert errors == []
    assert out == expected
    assert list(out) == list(expected)


def test_the_values_of_a_comparison_are_exact_builtin_types():
    out, _ = conditie(m.Vergelijking(Tekst("persona.huishouden"), (("in", [Tekst("gezin")]), ("is_niet", Tekst("x")))))
    assert [type(out["veld"]), type(out["in"][0]), type(out["is_niet"])] == [str, str, str]


@pytest.mark.parametrize(
    "vergelijkingen, getoond",
    [
        (("vanaf",), "'vanaf'"),  # ("vanaf") instead of (("vanaf", 18),): a string of five characters
        (("is",), "'is'"),  # a string of two, but no pair
        ((("vanaf",),), "('vanaf',)"),
        ((("vanaf", 18, 65),), "('vanaf', 18, 65)"),
        (((18, "vanaf"),), "(18, 'vanaf')"),
        ((("vanaf", 18), ("vanaf", 20)), "('vanaf', 20)"),
        ((("veld", "persona.huishouden"),), "('veld', 'persona.huishouden')"),
        (({"vanaf": 18},), "{'vanaf': 18}"),
        ((None,), "None"),
    ],
)
def test_a_comparison_must_be_pairs_with_distinct_names(vergelijkingen, getoond):
    out, errors = conditie(m.Vergelijking("persona.leeftijd", vergelijkingen), "regels[0].als")
    assert out is None
    assert errors == [("regels[0].als", f"vergelijking {getoond} is geen paar (naam, waarde) of komt dubbel voor")]


def test_a_wrong_value_in_a_comparison_names_the_operator():
    c = m.Vergelijking(None, (("vanaf", object()), ("in", (1, None))))
    assert conditie(c, "voor") == (
        {"veld": None, "vanaf": None, "in": [1, None]},
        [
            ("voor.veld", f"{GEEN_SCALAR} niets (None)"),
            ("voor.vanaf", f"{GEEN_SCALAR} object"),
            ("voor.in", f"{GEEN_SCALAR} niets (None)"),
        ],
    )


@pytest.mark.parametrize(
    "c, getoond",
    [
        (None, "None"),
        ("leeftijd >= 18", "'leeftijd >= 18'"),
        (m.Vergelijking("x", None), "Vergelijking(veld='x', vergelijkingen=None)"),
        (m.Vergelijking("x", "vanaf"), "Vergelijking(veld='x', vergelijkingen='vanaf')"),
        (m.Alle("x"), "Alle(delen='x')"),
        (m.EenVan(None), "EenVan(delen=None)"),
        (m.Alle, "<class 'journeykit.model.condition_tree.Alle'>"),
        ("x" * 80, "'" + "x" * 58 + "…"),  # a long repr is shortened
        (Kapot(), "Kapot"),  # a repr that raises: the type's name
    ],
)
def test_what_is_no_condition_is_named(c, getoond):
    assert conditie(c, "gemeente.voor") == (
        None,
        [("gemeente.voor", f"geen geldige conditie: {getoond}; {GEEN_CONDITIE}")],
    )


def test_a_wrong_part_of_a_condition_names_its_path():
    c = m.Alle((LEEFTIJD, m.Niet(m.EenVan((LEEFTIJD, 5)))))
    assert conditie(c) == (
        {
            "alle": [
                {"veld": "persona.leeftijd", "vanaf": 18},
                {"niet": {"een_van": [{"veld": "persona.leeftijd", "vanaf": 18}, None]}},
            ]
        },
        [("als.alle[1].niet.een_van[1]", f"geen geldige conditie: 5; {GEEN_CONDITIE}")],
    )


def test_a_condition_field_of_a_record_is_written_as_a_condition():
    out, errors = als_data(sleutelmoment(voor=m.Niet(LEEFTIJD)), s.SLEUTELMOMENT, "sm")
    assert errors == []
    assert out["voor"] == {"niet": {"veld": "persona.leeftijd", "vanaf": 18}}
    out, errors = als_data(sleutelmoment(voor="iedereen"), s.SLEUTELMOMENT, "sm")
    assert errors == [("sm.voor", f"geen geldige conditie: 'iedereen'; {GEEN_CONDITIE}")]


# --- limits ----------------------------------------------------------------------------------------------------


def test_a_value_at_the_deepest_level_is_written_one_deeper_is_refused():
    assert waarde("a", s.Text(), "x", MAX_DEPTH) == ("a", [])
    assert te_groot(lambda: ToData(SHOWN).value("a", s.Text(), "x", MAX_DEPTH + 1)) == (SHOWN, None, "x", TE_DIEP)


def test_the_items_of_a_list_are_one_level_deeper():
    assert waarde(["a"], s.ListOf(s.Text()), "x", MAX_DEPTH - 1) == (["a"], [])
    assert te_groot(lambda: ToData(SHOWN).value(["a"], s.ListOf(s.Text()), "x", MAX_DEPTH)) == (
        SHOWN,
        None,
        "x[0]",
        TE_DIEP,
    )


def test_the_fields_of_a_record_are_one_level_deeper():
    stap = m.KlantreisStap("a", "A", herkomst=H)
    assert waarde(stap, s.KLANTREISSTAP, "k", MAX_DEPTH - 1) == ({"id": "a", "naam": "A", "aanname": "t"}, [])
    conv = ToData(SHOWN)
    assert conv.record(stap, s.KLANTREISSTAP, "k", MAX_DEPTH - 1) == {"id": "a", "naam": "A", "aanname": "t"}
    assert te_groot(lambda: ToData(SHOWN).record(stap, s.KLANTREISSTAP, "k", MAX_DEPTH)) == (
        SHOWN,
        None,
        "k.id",
        TE_DIEP,
    )
    assert te_groot(lambda: ToData(SHOWN).value(stap, s.KLANTREISSTAP, "k", MAX_DEPTH)) == (
        SHOWN,
        None,
        "k.id",
        TE_DIEP,
    )


def test_a_condition_value_at_the_deepest_level_is_written():
    assert waarde(LEEFTIJD, s.Condition(), "als", MAX_DEPTH) == ({"veld": "persona.leeftijd", "vanaf": 18}, [])
    assert te_groot(lambda: ToData(SHOWN).value(LEEFTIJD, s.Condition(), "als", MAX_DEPTH + 1)) == (
        SHOWN,
        None,
        "als",
        TE_DIEP,
    )


@pytest.mark.parametrize(
    "c, path",
    [(m.Niet(LEEFTIJD), "als.niet"), (m.Alle((LEEFTIJD,)), "als.alle[0]"), (m.EenVan((LEEFTIJD,)), "als.een_van[0]")],
)
def test_the_parts_of_a_condition_are_one_level_deeper(c, path):
    assert conditie(c, "als", MAX_DEPTH - 1)[1] == []
    assert te_groot(lambda: ToData(SHOWN).conditie(c, "als", MAX_DEPTH)) == (SHOWN, None, path, CONDITIE_TE_DIEP)


def test_a_condition_deeper_than_allowed_is_refused():
    assert conditie(LEEFTIJD, "als", MAX_DEPTH) == ({"veld": "persona.leeftijd", "vanaf": 18}, [])
    assert te_groot(lambda: ToData(SHOWN).conditie(LEEFTIJD, "als", MAX_DEPTH + 1)) == (
        SHOWN,
        None,
        "als",
        CONDITIE_TE_DIEP,
    )


@pytest.mark.parametrize(
    "call, path, bericht",
    [
        (lambda c: c.value("a", s.Text(), "x", 0), "x", TE_DIEP),
        (lambda c: c.conditie(LEEFTIJD, "als", 0), "als", CONDITIE_TE_DIEP),
    ],
)
def test_the_last_value_allowed_is_written_the_next_is_refused(call, path, bericht):
    conv = ToData(SHOWN)
    conv.count = MAX_NODES - 1
    call(conv)
    assert conv.count == MAX_NODES
    assert te_groot(lambda: call(conv)) == (SHOWN, None, path, bericht)


def test_values_are_counted_from_the_first(monkeypatch):
    monkeypatch.setattr(po, "MAX_NODES", 4)  # the list and its three items
    assert waarde(["a", "b", "c"], s.ListOf(s.Text())) == (["a", "b", "c"], [])
    monkeypatch.setattr(po, "MAX_NODES", 3)
    assert te_groot(lambda: ToData(SHOWN).value(["a", "b", "c"], s.ListOf(s.Text()), "x", 0)) == (
        SHOWN,
        None,
        "x[2]",
        f"te groot of te diep genest (maximaal 3 waarden, {MAX_DEPTH} niveaus)",
    )


def test_a_condition_counts_as_a_value_and_as_a_condition(monkeypatch):
    monkeypatch.setattr(po, "MAX_NODES", 2)
    assert waarde(LEEFTIJD, s.Condition(), "als") == ({"veld": "persona.leeftijd", "vanaf": 18}, [])
    monkeypatch.setattr(po, "MAX_NODES", 1)
    assert te_groot(lambda: ToData(SHOWN).value(LEEFTIJD, s.Condition(), "als", 0)) == (
        SHOWN,
        None,
        "als",
        CONDITIE_TE_DIEP,
    )


# --- load_object: what comes back ------------------------------------------------------------------------------


def test_a_persona_comes_back_equal_with_its_place_in_the_object():
    p = persona(
        omschrijving="Woont alleen",
        kinderen=(4, 9),
        talen=("nl", "ar"),
        digitaal="beperkt",
        voorkeur_kanalen=("balie", "telefoon"),
        afhankelijkheid="laag",
        doorzettingsvermogen=0,
        namens="naaste",
        vindplaatsen=("huisarts",),
        groep="bron",
        herkomst=m.Herkomst(m.Bron("a.pdf", "§ 2", "letterlijk"), "ook aangenomen"),
    )
    inhoud = load_object(p, SHOWN)
    assert (inhoud.sleutelmomenten, inhoud.gemeenten, inhoud.reizen, inhoud.scenarios) == ([], [], [], [])
    assert inhoud.waarschuwingen == []
    (back,) = inhoud.personas
    assert back == p
    assert back.plaats == m.Plaats(f"{SHOWN}, personas[0]", 0)
    assert back.herkomst.bron.plaats == m.Plaats(f"{SHOWN}, personas[0].bron", 0)


def test_the_lines_of_the_generated_yaml_are_all_zero():
    (back,) = load_object(persona(), SHOWN).personas
    assert back.plaats.regel == 0
    assert back.plaats.sleutels == tuple(
        (k, 0)
        for k in (
            "aanname",
            "digitaal",
            "doorzettingsvermogen",
            "geletterdheid",
            "huishouden",
            "id",
            "leeftijd",
            "naam",
            "namens",
            "talen",
            "voorkeur_kanalen",
        )
    )


def test_a_source_written_as_text_comes_back_as_a_bron():
    (back,) = load_object(persona(herkomst=m.Herkomst("a.pdf, § 2", None)), SHOWN).personas
    assert back.herkomst == m.Herkomst(m.Bron("a.pdf", "§ 2"), None)
    assert back.herkomst.bron.plaats == m.Plaats(f"{SHOWN}, personas[0].bron", 0)


def test_text_of_a_str_subclass_comes_back_as_plain_text():
    (back,) = load_object(persona(naam=Tekst("Jan")), SHOWN).personas
    assert back == persona() and type(back.naam) is str


def test_a_sleutelmoment_comes_back_equal():
    sm = m.Sleutelmoment(
        "verhuizen",
        "Verhuizen",
        (
            m.Vraag("woning", "Waar ga ik wonen?", "wonen", "praktisch", urgentie="hoog", onderliggend="geld"),
            m.Vraag("geld", "Kan ik dat betalen?", "financien", "schulden", veiligheid=True, namens="partner"),
        ),
        omschrijving="Een nieuw huis",
        vindplaatsen=("woningcorporatie",),
        notities=(m.Notitie("jan", zo_denken_zij="Het komt wel goed", herkomst=H),),
        voor=m.Alle(
            (
                m.Vergelijking("persona.leeftijd", (("vanaf", 18), ("tot", 67))),
                m.EenVan(
                    (
                        m.Vergelijking("persona.huishouden", (("in", ("gezin", "eenoudergezin")),)),
                        m.Niet(m.Vergelijking("persona.heeft_kinderen", (("is", True),))),
                    )
                ),
            )
        ),
        herkomst=m.Herkomst(m.Bron("sm.pdf", "§ 3"), None),
    )
    inhoud = load_object(sm, SHOWN)
    assert (inhoud.personas, inhoud.gemeenten, inhoud.reizen) == ([], [], [])
    (back,) = inhoud.sleutelmomenten
    assert back == sm
    assert back.plaats == m.Plaats(f"{SHOWN}, sleutelmomenten[0]", 0)
    assert back.herkomst.bron.plaats == m.Plaats(f"{SHOWN}, sleutelmomenten[0].bron", 0)


def test_a_reiscasus_comes_back_equal():
    r = m.Reiscasus(
        "r1",
        "Reis",
        "jan",
        "verhuizen",
        "teststad",
        vraag="woning",
        variant="nieuw",
        eerste_ingang="loket",
        scenarios=("s.yaml",),
        verwachting=m.Verwachting(
            uitkomst="opgelost", bereikt=("loket",), max_contacten=3, kans_opgelost=m.Grenzen(min=0.6)
        ),
        herkomst=m.Herkomst(None, "voorbeeld"),
    )
    inhoud = load_object(r, SHOWN)
    assert (inhoud.personas, inhoud.sleutelmomenten, inhoud.gemeenten) == ([], [], [])
    (back,) = inhoud.reizen
    assert back == r
    assert back.plaats == m.Plaats(f"{SHOWN}, reizen[0]", 0)


def _volledige_gemeente() -> m.Gemeente:
    def bron(naam: str) -> m.Herkomst:
        return m.Herkomst(m.Bron(f"{naam}.pdf", "§ 1"), None)

    loket = ingang(
        kanalen=("telefoon", "balie"),
        organisatie="Gemeente",
        doelgroep=m.Doelgroep(18, None, "volwassenen"),
        wachttijd_dagen=5,
        kosten=m.Kosten(12.5, "intake", herkomst=bron("kosten")),
        herkomst=bron("loket"),
    )
    wijkteam = ingang(
        "wijkteam", soort="team", eerste_contact=False, deelt_dossier_met=("loket",), taak=("hbh", "vervoer")
    )
    door = regel(als=m.Niet(m.Vergelijking("persona.leeftijd", (("tot", 18),))), ervaring=4, herkomst=bron("door"))
    kans = regel(
        "kans",
        bij="wijkteam",
        dan=m.RegelActie(
            kansen=(
                m.Kans(0.75, m.Actie("oplossen", niveau="maatwerk"), bereik=(0.5, 0.9), herkomst=bron("kans")),
                m.Kans(0.25, m.Actie("afwijzen", noemt="loket"), herkomst=H),
            )
        ),
        kenmerken=("wmo-melding",),
        varianten=("nieuw",),
    )
    return gemeente(
        klantreis=m.Klantreis(
            "Klantreis",
            (m.KlantreisStap("melden", "Melden", herkomst=H), m.KlantreisStap("helpen", "Helpen", herkomst=H)),
        ),
        ingangen=(loket, wijkteam),
        regels=(door, kans),
        varianten=(
            m.Variant("oud", "Oud", herkomst=H),
            m.Variant("nieuw", "Nieuw", vervangt="oud", herkomst=bron("variant")),
        ),
        standaard_variant="nieuw",
        principes=(m.Principe("kort", "Kort", toets=m.Toets("max-contacten", 3), herkomst=H),),
        eerst=("schulden",),
        omschrijving="Een gemeente",
        voor=m.Vergelijking("vraag.soort", (("in", ("hbh", "vervoer")),)),
        herkomst=m.Herkomst(m.Bron("g.pdf", "§ 1", "letterlijk"), "ook aangenomen"),
    )


def test_a_gemeente_comes_back_equal_with_the_place_of_each_part():
    g = _volledige_gemeente()
    inhoud = load_object(g, SHOWN)
    assert (inhoud.personas, inhoud.sleutelmomenten, inhoud.reizen, inhoud.waarschuwingen) == ([], [], [], [])
    (back,) = inhoud.gemeenten
    assert back == g
    assert back.plaats == m.Plaats(f"{SHOWN}, gemeente", 0)
    assert back.herkomst.bron.plaats == m.Plaats(f"{SHOWN}, gemeente.bron", 0)
    assert back.varianten[1].herkomst.bron.plaats == m.Plaats(f"{SHOWN}, gemeente.varianten[1].bron", 0)
    assert [i.plaats for i in back.ingangen] == [m.Plaats(f"{SHOWN}, ingangen[{n}]", 0) for n in range(2)]
    assert back.ingangen[0].herkomst.bron.plaats == m.Plaats(f"{SHOWN}, ingangen[0].bron", 0)
    assert back.ingangen[0].kosten.herkomst.bron.plaats == m.Plaats(f"{SHOWN}, ingangen[0].kosten.bron", 0)
    assert [r.plaats for r in back.regels] == [m.Plaats(f"{SHOWN}, regels[{n}]", 0) for n in range(2)]
    assert back.regels[0].herkomst.bron.plaats == m.Plaats(f"{SHOWN}, regels[0].bron", 0)
    kansen = back.regels[1].dan.kansen
    assert [k.plaats for k in kansen] == [m.Plaats(f"{SHOWN}, regels[1].dan.kansen[{n}]", 0) for n in range(2)]
    assert kansen[0].herkomst.bron.plaats == m.Plaats(f"{SHOWN}, regels[1].dan.kansen[0].bron", 0)
    assert dict(back.regels[1].plaats.sleutels)["dan.kansen[0].dan.actie"] == 0


def test_a_gemeente_keeps_its_risks_and_shares():
    risico = m.Risico(
        "te-zwaar",
        "Te zwaar",
        variant="nieuw",
        regels_verwijderen=("door",),
        herkomst=m.Herkomst(m.Bron("r.pdf", "§ 2", "te zwaar voor vrijwilligers"), None),
    )
    aandeel = m.Aandeel(
        "meeste",
        "De meeste",
        "nieuw",
        uitkomsten=("opgelost",),
        minimaal=0.5,
        herkomst=m.Herkomst(m.Bron("a.pdf", "§ 3", "de meeste"), None),
    )
    g = attrs.evolve(_volledige_gemeente(), risicos=(risico,), aandelen=(aandeel,))
    (back,) = load_object(g, SHOWN).gemeenten
    assert g.id == "obj"
    # the loader names the gemeente a risk or share belongs to
    assert back.risicos == (attrs.evolve(risico, gemeente=g.id),)
    assert back.aandelen == (attrs.evolve(aandeel, gemeente=g.id),)
    assert back.risicos[0].plaats == m.Plaats(f"{SHOWN}, risicos[0]", 0)


RISICO = m.Risico("te-zwaar", "Te zwaar", variant="nu", regels_verwijderen=("door",), herkomst=H)
AANDEEL = m.Aandeel("meeste", "De meeste", "nu", uitkomsten=("opgelost",), minimaal=0.5, herkomst=H)


@pytest.mark.parametrize(
    "key, goed, soort", [("risicos", RISICO, "Risico"), ("aandelen", AANDEEL, "Aandeel")], ids=["risicos", "aandelen"]
)
def test_a_wrong_risk_or_share_is_named_by_its_place_in_the_files_list(key, goed, soort):
    # As in YAML, risks and shares are lists of the file beside the gemeente, not keys of it.
    assert fouten(gemeente(**{key: (goed, "x")})) == [
        (SHOWN, None, f"{key}[1]", f"verwacht een {soort}, maar kreeg str")
    ]
    assert fouten(gemeente(**{key: (attrs.evolve(goed, herkomst=None),)})) == [
        (SHOWN, None, f"{key}[0].herkomst", "verwacht een Herkomst, maar kreeg niets (None)")
    ]
    assert fouten(gemeente(**{key: "x"})) == [
        (SHOWN, None, key, f"verwacht een tuple (lijst van {soort.lower()} (mapping)), maar kreeg str")
    ]


@pytest.mark.parametrize("key", ["talen", "voorkeur_kanalen"])
def test_an_empty_list_whose_default_is_not_empty_is_refused_not_replaced(key):
    # Left out, `talen: ()` would come back as the default ("nl",): a persona who speaks no Dutch would.
    assert fouten(persona(**{key: ()})) == [(SHOWN, None, key, "lijst moet minstens 1 element(en) hebben")]


def test_a_rule_with_a_plain_actie_comes_back_with_a_regelactie():
    g = gemeente(regels=(regel(dan=m.Actie("verwijzen", naar="wijkteam", overdracht="koud")),))
    (back,) = load_object(g, SHOWN).gemeenten
    assert back.regels[0].dan == m.RegelActie(soort="verwijzen", naar="wijkteam", overdracht="koud")
    assert type(back.regels[0].dan) is m.RegelActie


# --- load_object: problems -------------------------------------------------------------------------------------

ID_UITLEG = "gebruik kleine letters, cijfers en '-' (maximaal 80 tekens, geen spaties, '/' of '..')"


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"id": "../x"}, [("id", f"ongeldige id '../x': {ID_UITLEG}")]),
        ({"leeftijd": 130}, [("leeftijd", "130 ligt buiten het bereik (geheel getal 0..120)")]),
        ({"naam": None}, [("naam", "verplichte sleutel 'naam' ontbreekt in persona")]),
        ({"naam": ""}, [("naam", "tekst mag niet leeg zijn")]),
        ({"herkomst": m.GEEN_HERKOMST}, [(None, "persona zegt niet waar het vandaan komt: geef 'bron' of 'aanname'")]),
        ({"herkomst": m.Herkomst(m.Bron(""), None)}, [("bron.bestand", "tekst mag niet leeg zijn")]),
        (
            {"herkomst": None, "kinderen": 5},
            [
                ("herkomst", "verwacht een Herkomst, maar kreeg niets (None)"),
                ("kinderen", "verwacht een tuple (lijst van geheel getal 0..30), maar kreeg int"),
            ],
        ),
    ],
)
def test_a_persona_is_refused_with_the_validators_messages_without_lines(changes, expected):
    assert fouten(persona(**changes)) == [(SHOWN, None, k, b) for k, b in expected]


def test_a_sleutelmoment_without_vragen_is_refused():
    assert fouten(sleutelmoment(vragen=())) == [(SHOWN, None, "vragen", "lijst moet minstens 1 element(en) hebben")]


def test_a_problem_across_records_names_the_path_inside_the_object():
    sm = sleutelmoment(vragen=(vraag(), vraag()))
    assert fouten(sm) == [
        (f"{SHOWN}, sleutelmomenten[0].vragen[1]", None, "id", "dubbele vraag-id 'v' in sleutelmoment 's'")
    ]


def test_a_reiscasus_problem_has_no_prefix_in_its_path():
    assert fouten(m.Reiscasus("r", "R", "jan", "s", "g", scenarios=("a", ""), herkomst=H)) == [
        (SHOWN, None, "scenarios[1]", "tekst mag niet leeg zijn")
    ]


@pytest.mark.parametrize(
    "changes, expected",
    [
        (  # the hostile catalogue's object-ontbrekende-ingang
            {"regels": (regel(dan=m.Actie("verwijzen", naar="nergens", overdracht="warm")),)},
            [(f"{SHOWN}, regels[0].dan", "naar", "onbekende ingang 'nergens'")],
        ),
        (  # object-typen: 7 is a valid id to YAML
            {"naam": None, "regels": (), "standaard_variant": 7},
            [(SHOWN, "gemeente.naam", "verplichte sleutel 'naam' ontbreekt in gemeente")],
        ),
        (  # object-lijst
            {"ingangen": ["loket"], "regels": ()},
            [(SHOWN, "ingangen[0]", "verwacht een Ingang, maar kreeg str")],
        ),
        (
            {"ingangen": "loket"},
            [(SHOWN, "ingangen", "verwacht een tuple (lijst van ingang (mapping)), maar kreeg str")],
        ),
        ({"regels": (regel(dan="verwijzen"),)}, [(SHOWN, "regels[0].dan", "verwacht een RegelActie, maar kreeg str")]),
        ({"herkomst": None}, [(SHOWN, "gemeente.herkomst", "verwacht een Herkomst, maar kreeg niets (None)")]),
        ({"voor": "altijd"}, [(SHOWN, "gemeente.voor", f"geen geldige conditie: 'altijd'; {GEEN_CONDITIE}")]),
        (
            {"ingangen": (ingang(herkomst=None), ingang("wijkteam"))},
            [(SHOWN, "ingangen[0].herkomst", "verwacht een Herkomst, maar kreeg niets (None)")],
        ),
        (
            {"ingangen": (), "regels": ()},
            [
                (
                    f"{SHOWN}, gemeente",
                    None,
                    "gemeente 'obj' heeft geen ingangen: zet ze onder 'ingangen:' in een bestand naast dat van de "
                    "gemeente",
                )
            ],
        ),
        (
            {"standaard_variant": "oud"},
            [(f"{SHOWN}, gemeente", "standaard_variant", "onbekende variant 'oud'")],
        ),
        (  # a kans's problem is found inside the kans, whose place is its path in the object (sorted by place)
            {
                "regels": (
                    regel(
                        dan=m.RegelActie(
                            kansen=(
                                m.Kans(0.5, m.Actie("oplossen", niveau="algemeen"), herkomst=H),
                                m.Kans(0.5, m.Actie("wachten", dagen=1), bereik=(0.6, 0.9), herkomst=H),
                            )
                        )
                    ),
                )
            },
            [
                (
                    f"{SHOWN}, regels[0].dan.kansen[1]",
                    "bereik",
                    "'bereik' is [ondergrens, bovengrens] en de kans 0.5 ligt ertussen",
                ),
                (
                    f"{SHOWN}, regels[0].dan.kansen[1].dan",
                    "actie",
                    "een kans kan oplossen, samenwerken, verwijzen, afwijzen zijn, niet 'wachten'",
                ),
            ],
        ),
    ],
)
def test_a_gemeente_is_refused_with_the_place_inside_the_object(changes, expected):
    assert fouten(gemeente(**changes)) == [(b, None, k, t) for b, k, t in expected]


def test_text_yaml_cannot_hold_is_refused():
    assert fouten(persona(naam="Jan \ud800")) == [
        (SHOWN, None, None, "bevat tekst die geen geldige YAML kan zijn (UnicodeEncodeError)")
    ]


@pytest.mark.parametrize(
    "fout",
    [yaml.composer.ComposerError("kapot"), ValueError("kapot"), UnicodeDecodeError("utf-8", b"\xff", 0, 1, "kapot")],
)
def test_any_error_of_reading_the_text_back_is_refused(monkeypatch, fout):
    class Lezer(yaml.SafeLoader):
        def get_single_node(self):
            raise fout

    monkeypatch.setattr(loading, "Loader", Lezer)
    assert fouten(persona()) == [
        (SHOWN, None, None, f"bevat tekst die geen geldige YAML kan zijn ({type(fout).__name__})")
    ]


def test_a_condition_the_validator_finds_too_deep_is_refused_without_its_line():
    # ToData allows a condition to the MAX_DEPTH'th level; the validator also counts the keys inside it.
    assert load_object(sleutelmoment(voor=niet(MAX_DEPTH - 2)), SHOWN).sleutelmomenten
    assert fouten(sleutelmoment(voor=niet(MAX_DEPTH - 1))) == [
        (SHOWN, None, None, f"te diep genest (maximaal {MAX_DEPTH} niveaus)")
    ]
    pad = "voor" + ".niet" * MAX_DEPTH
    assert fouten(sleutelmoment(voor=niet(MAX_DEPTH))) == [(SHOWN, None, pad[:199] + "…", CONDITIE_TE_DIEP)]


def test_the_keys_of_a_condition_on_the_deepest_level_are_too_deep():
    # A comparison without comparisons has nothing below its keys: only they can be too deep.
    leeg = m.Vergelijking("persona.leeftijd", ())
    mist = "mist een vergelijking (is, is_niet, in, niet_in, bevat, vanaf, tot, boven, tot_en_met)"
    assert fouten(sleutelmoment(voor=niet(MAX_DEPTH - 2, leeg))) == [
        (SHOWN, None, "voor" + ".niet" * (MAX_DEPTH - 2), f"conditie op 'persona.leeftijd' {mist}")
    ]
    assert fouten(sleutelmoment(voor=niet(MAX_DEPTH - 1, leeg))) == [
        (SHOWN, None, None, f"te diep genest (maximaal {MAX_DEPTH} niveaus)")
    ]


@pytest.mark.parametrize(
    "deel, diepste",
    [
        (m.Alle((LEEFTIJD,)), MAX_DEPTH - 4),  # below it: the list (not counted apart), the part, the part's keys
        (m.EenVan((LEEFTIJD,)), MAX_DEPTH - 4),
        (m.Vergelijking("persona.huishouden", (("in", ("gezin",)),)), MAX_DEPTH - 3),  # the list, its values
    ],
    ids=["alle", "een_van", "in"],
)
def test_the_validator_counts_the_levels_inside_a_condition(deel, diepste):
    # a sleutelmoment's 'voor' is on the first level, each Niet adds one
    assert load_object(sleutelmoment(voor=niet(diepste, deel)), SHOWN).sleutelmomenten
    assert fouten(sleutelmoment(voor=niet(diepste + 1, deel))) == [
        (SHOWN, None, None, f"te diep genest (maximaal {MAX_DEPTH} niveaus)")
    ]


@pytest.mark.parametrize(
    "n, bericht, pad",
    [
        (MAX_DEPTH - 2, f"te diep genest (maximaal {MAX_DEPTH} niveaus)", None),
        (MAX_DEPTH - 1, CONDITIE_TE_DIEP, "gemeente.voor" + ".niet" * (MAX_DEPTH - 1)),
    ],
)
def test_a_gemeentes_condition_starts_at_the_second_level(n, bericht, pad):
    sleutel = None if pad is None else pad[:199] + "…"
    assert fouten(gemeente(voor=niet(n, m.Vergelijking("vraag.soort", (("is", "hbh"),))))) == [
        (SHOWN, None, sleutel, bericht)
    ]


@pytest.mark.parametrize(
    "n, bericht, pad",
    [
        (MAX_DEPTH - 3, f"te diep genest (maximaal {MAX_DEPTH} niveaus)", None),
        (MAX_DEPTH - 2, CONDITIE_TE_DIEP, "regels[0].als" + ".niet" * (MAX_DEPTH - 2)),
    ],
)
def test_a_rules_condition_starts_at_the_third_level(n, bericht, pad):
    sleutel = None if pad is None else pad[:199] + "…"
    assert fouten(gemeente(regels=(regel(als=niet(n)),))) == [(SHOWN, None, sleutel, bericht)]


ONDIEP = {"klantreis": m.Klantreis("K", ()), "varianten": (m.Variant("nu", "Nu", herkomst=H),)}
KAAL = {"klantreis": None, "varianten": (), "ingangen": (), "regels": ()}


@pytest.mark.parametrize(
    "diepte, changes, expected",
    [
        # gemeente.varianten[0].id and ingangen[0].kanalen[0] are on the fourth level, regels[0].dan.naar too
        (4, ONDIEP, (None, "lijst moet minstens 1 element(en) hebben")),
        (3, ONDIEP, ("gemeente.varianten[0].id", None)),
        (3, {"klantreis": None, "varianten": ()}, ("ingangen[0].kanalen[0]", None)),
        (3, {"klantreis": None, "varianten": (), "ingangen": ()}, ("regels[0].dan.naar", None)),
        # risks and shares too: risicos[0].id is on the third level, risicos[0].regels_verwijderen[0] on the fourth
        (3, {**KAAL, "risicos": (RISICO,)}, ("risicos[0].regels_verwijderen[0]", None)),
        (3, {**KAAL, "aandelen": (AANDEEL,)}, ("aandelen[0].uitkomsten[0]", None)),
    ],
)
def test_each_part_of_a_gemeente_starts_at_the_first_level(monkeypatch, diepte, changes, expected):
    monkeypatch.setattr(po, "MAX_DEPTH", diepte)
    found = fouten(gemeente(**changes))
    pad, bericht = expected
    if pad is None:  # ToData wrote it all: the validator speaks
        assert found == [(SHOWN, None, "gemeente.klantreis.stappen", bericht)]
    else:
        assert found == [(SHOWN, None, pad, f"te groot of te diep genest (maximaal {MAX_NODES} waarden, 3 niveaus)")]


@pytest.mark.parametrize("diepte, expected", [(2, None), (1, "talen[0]")])
def test_a_persona_starts_at_the_top_level(monkeypatch, diepte, expected):
    monkeypatch.setattr(po, "MAX_DEPTH", diepte)
    if expected is None:
        assert load_object(persona(), SHOWN).personas == [persona()]
    else:
        assert fouten(persona()) == [
            (SHOWN, None, expected, f"te groot of te diep genest (maximaal {MAX_NODES} waarden, 1 niveaus)")
        ]


def test_past_the_limit_the_first_problems_in_the_objects_order_are_listed():
    # The keys are written in the model's order, not sorted: 'digitaal' comes after 'kinderen'.
    te_veel = MAX_ERRORS_PER_FILE + 10
    found = fouten(persona(kinderen=(-1,) * te_veel, digitaal="x"))
    assert found[:-1] == [
        (SHOWN, None, f"kinderen[{n}]", "-1 ligt buiten het bereik (geheel getal 0..30)")
        for n in range(MAX_ERRORS_PER_FILE)
    ]
    assert found[-1] == (
        SHOWN,
        None,
        None,
        # the kinderen past the limit and the digitaal after them are only counted
        f"... en {te_veel - MAX_ERRORS_PER_FILE + 1} andere fouten in dit bestand "
        f"(alleen de eerste {MAX_ERRORS_PER_FILE} worden getoond)",
    )


# --- _zonder_regel and _wis_regels -----------------------------------------------------------------------------


def test_a_problem_loses_its_line_and_keeps_the_rest():
    f = _zonder_regel(LoadError("x.yaml", 12, "a.b", "kapot"))
    assert type(f) is LoadError
    assert (f.bestand, f.regel, f.sleutel, f.bericht) == ("x.yaml", None, "a.b", "kapot")
    assert _zonder_regel(LoadError("x.yaml", 12, None, "kapot")).sleutel is None


def test_a_count_of_more_problems_is_kept_as_it_is():
    meer = MoreErrors("x.yaml", 3)
    assert _zonder_regel(meer) is meer


def _doc(file: str, lineno: int, **values) -> Doc:
    d = Doc(values)
    d.file, d.lineno, d.lines = file, lineno, {k: lineno + n + 1 for n, k in enumerate(values)}
    return d


def test_lines_are_replaced_by_the_path_inside_the_object():
    bron = m.Bron("a.pdf", "§ 1", plaats=m.Plaats("x.yaml", 3))
    dan = _doc("x.yaml", 9, actie="verwijzen", naar="b")
    regel_doc = _doc("x.yaml", 8, id="r", dan=dan, bron=bron)
    top = _doc("x.yaml", 1, bron=bron, regels=[regel_doc, "geen doc"], gemeente=_doc("x.yaml", 2, id="g"))
    _wis_regels(top, SHOWN, "")
    assert (top.file, top.lineno, top.lines) == (SHOWN, 0, {"bron": 0, "regels": 0, "gemeente": 0})
    assert top["bron"] == bron and top["bron"].plaats == m.Plaats(f"{SHOWN}, bron", 0)
    assert (top["gemeente"].file, top["gemeente"].lineno, top["gemeente"].lines) == (f"{SHOWN}, gemeente", 0, {"id": 0})
    assert (regel_doc.file, regel_doc.lineno, regel_doc.lines) == (
        f"{SHOWN}, regels[0]",
        0,
        {"id": 0, "dan": 0, "bron": 0},
    )
    assert regel_doc["bron"].plaats == m.Plaats(f"{SHOWN}, regels[0].bron", 0)
    assert (dan.file, dan.lineno, dan.lines) == (f"{SHOWN}, regels[0].dan", 0, {"actie": 0, "naar": 0})
    assert top["regels"][1] == "geen doc"
    assert bron.plaats == m.Plaats("x.yaml", 3)  # replaced, not changed: a Bron is frozen


def test_below_a_path_the_path_is_kept_in_front():
    d = _doc("x.yaml", 4, vragen=[_doc("x.yaml", 5, id="v")], bron=m.Bron("a.pdf"))
    _wis_regels(d, SHOWN, "sleutelmomenten[2]")
    assert d.file == f"{SHOWN}, sleutelmomenten[2]"
    assert d["vragen"][0].file == f"{SHOWN}, sleutelmomenten[2].vragen[0]"
    assert d["bron"].plaats == m.Plaats(f"{SHOWN}, sleutelmomenten[2].bron", 0)


def test_a_list_at_the_top_names_its_items_by_index():
    items = [_doc("x.yaml", 1, id="a"), [_doc("x.yaml", 2, id="b")]]
    _wis_regels(items, SHOWN, "p")
    assert items[0].file == f"{SHOWN}, p[0]"
    assert items[1][0].file == f"{SHOWN}, p[1][0]"

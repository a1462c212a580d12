"""The records the loader checks against, derived from the model's field declarations (journeykit/schema.py).

The records of the model are made once, at import; these tests call the functions that make them directly, so a
mistake in the derivation (a lost bound, a reference read as text, a default not shown) is seen by `make mutate` too.
"""

from __future__ import annotations

import typing

import attrs
import pytest

from journeykit import model as m
from journeykit import schema as s


@attrs.frozen
class Voorbeeld:
    """Een   voorbeeld
    over twee regels.

    Een tweede alinea die niet in de referentie komt.
    """

    id: str = m.field("De id.", is_id=True)
    soort: str = m.field("De soort.", name="actie", choice=("actie", ("a", "b")), default="a")
    getallen: tuple[int, ...] = m.field("Getallen.", default=(1, 2), bounds=(0, 9), min_items=1)
    herkomst: m.Herkomst = m.herkomst_field()
    plaats: m.Plaats | None = m.plaats_field()


@attrs.frozen
class Kaal:
    naam: str = m.field("Naam.")
    intern: int = 0  # not a YAML key


def test_a_record_is_derived_from_the_declared_fields():
    rec = s.record_of.__wrapped__(Voorbeeld)  # not the cached one: the derivation itself
    assert rec == s.Record(
        "voorbeeld",
        "Een voorbeeld over twee regels.",
        (
            s.Field("id", s.Id(), "De id.", required=True, default=None, attribute="id"),
            s.Field("actie", s.Choice("actie", ("a", "b")), "De soort.", default="a", attribute="soort"),
            s.Field("getallen", s.ListOf(s.Integer(0, 9), 1), "Getallen.", default=[1, 2], attribute="getallen"),
        ),
        provenance=True,
        cls=Voorbeeld,
    )
    assert [f.name for f in rec.all_fields] == ["id", "actie", "getallen", "bron", "aanname"]
    assert rec.field("actie").attribute == "soort" and rec.field("soort") is None
    assert rec.field("bron") is s.provenance_fields()[0]


def test_a_record_without_provenance_or_docstring():
    rec = s.record_of.__wrapped__(Kaal)
    assert rec.name == "kaal" and rec.doc == "" and rec.provenance is False and rec.cls is Kaal
    assert rec.fields == (s.Field("naam", s.Text(), "Naam.", required=True, attribute="naam"),)
    assert rec.all_fields == rec.fields and rec.field("bron") is None and rec.field("intern") is None


def test_the_provenance_keys():
    bron, aanname = s.provenance_fields()
    assert (bron.name, bron.type, bron.required) == ("bron", s.Source(), False)
    assert (aanname.name, aanname.type, aanname.required) == ("aanname", s.Text(), False)


def test_a_record_knows_its_keys_with_and_without_provenance():
    veld = s.Field("x", s.Text(), "X.")
    met = s.Record("r", "R.", (veld,), provenance=True)
    zonder = s.Record("r", "R.", (veld,))
    assert met.all_fields == (veld, *s.provenance_fields()) and met.field("aanname") is not None
    assert zonder.all_fields == (veld,) and zonder.field("aanname") is None
    assert met.field("x") is veld and zonder.field("x") is veld and zonder.field("y") is None


@pytest.mark.parametrize(
    "cls, name",
    [(m.Persona, "persona"), (m.IngangWijziging, "ingang_wijziging"), (m.KlantreisStap, "klantreis_stap")],
)
def test_the_name_of_a_record_in_messages(cls, name):
    assert s._name(cls) == name


KEY = m.Key("doc")


@pytest.mark.parametrize(
    "t, key, expected",
    [
        (str, KEY, s.Text()),
        (str, m.Key("doc", is_id=True), s.Id()),
        (str, m.Key("doc", ref="ingang"), s.Ref("ingang")),
        (str, m.Key("doc", choice=("soort", ("a", "b"))), s.Choice("soort", ("a", "b"))),
        # a choice wins from a reference, a reference from an id
        (str, m.Key("doc", choice=("soort", ("a",)), ref="ingang", is_id=True), s.Choice("soort", ("a",))),
        (str, m.Key("doc", ref="ingang", is_id=True), s.Ref("ingang")),
        (str | None, m.Key("doc", ref="variant"), s.Ref("variant")),
        (typing.Optional[str], m.Key("doc", is_id=True), s.Id()),  # noqa: UP045 - typing.Union, not types.UnionType
        (bool, KEY, s.Boolean()),
        (bool | None, KEY, s.Boolean()),
        (int, KEY, s.Integer(None, None)),
        (int, m.Key("doc", bounds=(0, 120)), s.Integer(0, 120)),
        (int | None, m.Key("doc", bounds=(1, None)), s.Integer(1, None)),
        (int, m.Key("doc", bounds=(None, 5)), s.Integer(None, 5)),
        (float, KEY, s.Number(None, None)),
        (float, m.Key("doc", bounds=(0, None)), s.Number(0, None)),
        (float, m.Key("doc", bounds=(None, 2.5)), s.Number(None, 2.5)),
        (tuple[str, ...], m.Key("doc", ref="ingang", min_items=1), s.ListOf(s.Ref("ingang"), 1)),
        (tuple[int, ...], m.Key("doc", bounds=(0, 30)), s.ListOf(s.Integer(0, 30), 0)),
        (tuple[str, ...] | None, m.Key("doc", is_id=True, min_items=1), s.ListOf(s.Id(), 1)),
        (m.Bron, KEY, s.Source()),
        (m.Bron | None, KEY, s.Source()),
        (m.Conditie | None, KEY, s.Condition()),
        (m.Conditie, KEY, s.Condition()),
        (m.Doelgroep, KEY, s.DOELGROEP),
        (m.Kosten | None, KEY, s.KOSTEN),
    ],
)
def test_the_kind_of_value_a_key_holds(t, key, expected):
    assert s._value_type(t, key) == expected


def test_integer_bounds_are_whole_numbers():
    kind = s._value_type(int, m.Key("doc", bounds=(0.0, 3.0)))
    assert kind == s.Integer(0, 3) and type(kind.low) is int and type(kind.high) is int


@pytest.mark.parametrize(
    "default, shown",
    [
        (attrs.NOTHING, None),
        (None, None),
        ("", None),
        (m.Doelgroep(), None),
        (("nl",), ["nl"]),
        ((), []),
        (0, 0),
        (False, False),
        (2, 2),
        ("zelf", "zelf"),
    ],
)
def test_the_default_the_reference_shows(default, shown):
    assert s._shown_default(default) == shown
    assert type(s._shown_default(default)) is type(shown)


def test_the_explanations_in_messages():
    assert s.Integer(1, 5).explain == "geheel getal 1..5"
    assert s.Integer(0).explain == "geheel getal >= 0"
    assert s.Integer().explain == "geheel getal"
    assert s.Choice("x", ("a", "b")).explain == "een van: a, b"
    assert s.ListOf(s.Ref("ingang")).explain == "lijst van id van een ingang"
    assert s.PERSONA.explain == "persona (mapping)"

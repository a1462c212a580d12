"""Every field of every record, declared once in the model, is read from YAML and from plugin objects.

The strategies build a YAML document and the model object it must give side by side, field by
field from the records' declarations, without the loader's code: a field read from the wrong
key, a lost default or a forgotten conversion makes a round trip fail.
"""

from __future__ import annotations

import string
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit import model as m
from journeykit import schema as s
from journeykit.loading import load_object, load_path

TEXT = st.text(alphabet=string.ascii_letters + "éëï ,.'-", min_size=1, max_size=12).filter(str.strip)
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


def _value(t: Any) -> st.SearchStrategy[tuple[Any, Any]]:
    """(what the YAML holds, what the model holds) for a value of schema type ``t``."""
    if isinstance(t, s.Text):
        return TEXT.map(lambda x: (x, x))
    if isinstance(t, (s.Id, s.Ref)):
        return IDS.map(lambda x: (x, x))
    if isinstance(t, s.Choice):
        return st.sampled_from(t.values).map(lambda x: (x, x))
    if isinstance(t, s.Boolean):
        return st.booleans().map(lambda x: (x, x))
    if isinstance(t, s.Integer):
        return st.integers(t.low if t.low is not None else -50, t.high if t.high is not None else 500).map(
            lambda x: (x, x)
        )
    if isinstance(t, s.Number):
        low, high = t.low if t.low is not None else -1e6, t.high if t.high is not None else 1e6
        return st.floats(low, high, allow_nan=False).map(lambda x: (x, float(x)))
    if isinstance(t, s.ListOf):
        return st.lists(_value(t.item), min_size=t.min_items, max_size=3).map(
            lambda pairs: ([a for a, _ in pairs], tuple(b for _, b in pairs))
        )
    if isinstance(t, s.Source):
        return st.builds(
            lambda b, sec, cit: _bron(b, sec, cit), TEXT, st.one_of(st.just(""), TEXT), st.one_of(st.just(""), TEXT)
        )
    if isinstance(t, s.Record):
        return records(t)
    if isinstance(t, s.Condition):
        # a comparison on the persona (the conditions of a sleutelmoment's `voor`), in YAML and in the model
        return st.one_of(
            st.integers(0, 120).map(
                lambda n: (
                    {"veld": "persona.leeftijd", "vanaf": n},
                    m.Vergelijking("persona.leeftijd", (("vanaf", n),)),
                )
            ),
            st.sampled_from(m.HUISHOUDENS).map(
                lambda h: ({"veld": "persona.huishouden", "is": h}, m.Vergelijking("persona.huishouden", (("is", h),)))
            ),
        )
    raise AssertionError(f"no strategy for {t}")


def _bron(bestand: str, sectie: str, citaat: str) -> tuple[dict, m.Bron]:
    doc = {"bestand": bestand, **({"sectie": sectie} if sectie else {}), **({"citaat": citaat} if citaat else {})}
    return doc, m.Bron(bestand, sectie, citaat)


@st.composite
def records(draw: Any, rec: s.Record) -> tuple[dict, Any]:
    """A YAML mapping for ``rec`` with every field drawn (optional ones present or not), and its model object."""
    assert rec.cls is not None
    doc: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for f in rec.fields:
        if f.required or draw(st.booleans()):
            doc[f.name], values[f.attribute] = draw(_value(f.type))
    if rec.provenance:
        bron = draw(st.one_of(st.none(), _value(s.Source())))
        aanname = draw(TEXT) if bron is None or draw(st.booleans()) else None
        if bron is not None:
            doc["bron"] = bron[0]
        if aanname is not None:
            doc["aanname"] = aanname
        values["herkomst"] = m.Herkomst(bron[1] if bron else None, aanname)
    return doc, rec.cls(**values)


@st.composite
def sleutelmomenten(draw: Any) -> tuple[dict, m.Sleutelmoment]:
    """A sleutelmoment whose vragen have distinct ids and a chain of questions behind questions that ends."""
    doc, sm = draw(records(s.SLEUTELMOMENT))
    ids = [f"v{n}" for n in range(len(sm.vragen))]
    vragen, docs = [], []
    for n, (vdoc, v) in enumerate(zip(doc["vragen"], sm.vragen)):
        later = ids[n + 1 :]
        onder = draw(st.sampled_from(later)) if later and draw(st.booleans()) else None
        vdoc = {**vdoc, "id": ids[n]}
        vdoc.pop("onderliggend", None)
        if onder:
            vdoc["onderliggend"] = onder
        docs.append(vdoc)
        vragen.append(attrs.evolve(v, id=ids[n], onderliggend=onder))
    return {**doc, "vragen": docs}, attrs.evolve(sm, vragen=tuple(vragen))


KINDS = {
    "personas": st.lists(records(s.PERSONA), min_size=1, max_size=1),
    "sleutelmomenten": st.lists(sleutelmomenten(), min_size=1, max_size=1),
    "reizen": st.lists(records(s.REIS), min_size=1, max_size=1),
}


def _load(section: str, doc: dict) -> list:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.yaml"
        path.write_text(yaml.safe_dump({section: [doc]}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return getattr(load_path(path), section)


@pytest.mark.parametrize("section", sorted(KINDS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_record_round_trips_through_yaml_with_every_field(section, data):
    ((doc, expected),) = data.draw(KINDS[section])
    assert _load(section, doc) == [expected]


@pytest.mark.parametrize("section", sorted(KINDS))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_plugin_object_round_trips_through_its_check_with_every_field(section, data):
    ((_, expected),) = data.draw(KINDS[section])
    assert getattr(load_object(expected, "plugin x"), section) == [expected]


def test_every_declared_field_can_be_drawn():
    """The strategies above reach every field of the records they build: a new field needs no new test code."""
    for rec in (s.PERSONA, s.SLEUTELMOMENT, s.VRAAG, s.NOTITIE, s.REIS, s.VERWACHTING):
        declared = {f.name for f in attrs.fields(rec.cls) if m.key_of(f) is not None}
        assert declared == {f.attribute for f in rec.fields}, rec.name


def test_a_field_is_declared_once():
    """The loader's keys, the YAML reference and the model attributes come from the same declaration."""
    from journeykit.atlas.reference import yaml_reference

    reference = yaml_reference()
    for rec in s.RECORDS:
        for f in rec.all_fields:
            assert f"| `{f.name}` |" in reference, (rec.name, f.name)
    assert s.ACTIE.field("actie").attribute == "soort"  # the one key named differently from its attribute

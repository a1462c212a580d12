"""Property-based tests: generated gemeenten (cyclic ones included) and personas, through the loader and walker."""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit import model as m
from journeykit.engine import Walker
from journeykit.errors import LoadErrors
from journeykit.loading import load_object, load_path
from journeykit.yamlread import depth_bound

SOORTEN = ["hbh", "schulden", "eenzaamheid", "informatie", "vervoer"]


@st.composite
def conditions(draw, depth=0):
    leaves = st.one_of(
        st.builds(lambda n: {"veld": "persona.leeftijd", "vanaf": n}, st.integers(0, 100)),
        st.builds(lambda n: {"veld": "persona.leeftijd", "tot": n}, st.integers(0, 100)),
        st.builds(
            lambda xs: {"veld": "vraag.soort", "in": xs},
            st.lists(st.sampled_from(SOORTEN), min_size=1, max_size=3, unique=True),
        ),
        st.builds(lambda b: {"veld": "persona.heeft_kinderen", "is": b}, st.booleans()),
        st.builds(lambda b: {"veld": "persona.spreekt_nederlands", "is": b}, st.booleans()),
        st.builds(lambda n: {"veld": "reis.koude_verwijzingen", "tot_en_met": n}, st.integers(0, 3)),
    )
    if depth >= 2:
        return draw(leaves)
    sub = conditions(depth + 1)
    return draw(
        st.one_of(
            leaves,
            st.builds(lambda cs: {"alle": cs}, st.lists(sub, min_size=1, max_size=3)),
            st.builds(lambda cs: {"een_van": cs}, st.lists(sub, min_size=1, max_size=3)),
            st.builds(lambda c: {"niet": c}, sub),
        )
    )


@st.composite
def gemeente_docs(draw):
    n = draw(st.integers(1, 7))
    ids = [f"i{k}" for k in range(n)]
    ingangen = []
    for i in ids:
        ingangen.append(
            {
                "id": i,
                "naam": f"Ingang {i}",
                "soort": "loket",
                "stappen": ["s"],
                "aanname": "gegenereerd",
                "kanalen": draw(
                    st.lists(st.sampled_from(["telefoon", "digitaal", "balie"]), min_size=1, max_size=2, unique=True)
                ),
                "talen": draw(st.sampled_from([["nl"], ["nl", "ar"]])),
                "wachttijd_dagen": draw(st.integers(0, 10)),
                "deelt_dossier_met": draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)),
            }
        )
    regels = []
    for i in ids:
        for k in range(draw(st.integers(0, 4))):
            others = [x for x in ids if x != i]
            kinds = ["oplossen", "afwijzen", "wachten", "verhelderen"] + (["verwijzen"] * 3 if others else [])
            kind = draw(st.sampled_from(kinds))
            dan = {"actie": kind}
            if kind == "oplossen":
                dan["niveau"] = draw(st.sampled_from(list(m.NIVEAUS)))
            elif kind == "verwijzen":
                dan["naar"] = draw(st.sampled_from(others))
                dan["overdracht"] = draw(st.sampled_from(["warm", "koud"]))
            elif kind == "afwijzen" and others and draw(st.booleans()):
                dan["noemt"] = draw(st.sampled_from(others))
            elif kind == "wachten":
                dan["dagen"] = draw(st.integers(1, 5))
            regel = {"id": f"{i}-r{k}", "bij": i, "dan": dan, "aanname": "gegenereerd"}
            if draw(st.booleans()):
                regel["als"] = draw(conditions())
            regels.append(regel)
    return {
        "gemeente": {
            "id": "gen",
            "naam": "Gegenereerd",
            "aanname": "gegenereerd",
            "standaard_variant": "v",
            "klantreis": {"naam": "K", "stappen": [{"id": "s", "naam": "S", "aanname": "g"}]},
            "varianten": [{"id": "v", "naam": "V", "aanname": "g"}],
        },
        "ingangen": ingangen,
        "regels": regels,
    }


personas = st.builds(
    m.Persona,
    id=st.just("p"),
    naam=st.just("P"),
    leeftijd=st.integers(0, 110),
    huishouden=st.sampled_from(list(m.HUISHOUDENS)),
    kinderen=st.lists(st.integers(0, 25), max_size=3).map(tuple),
    talen=st.sampled_from([("nl",), ("ar",), ("nl", "en")]),
    digitaal=st.sampled_from(list(m.DIGITAAL)),
    voorkeur_kanalen=st.lists(
        st.sampled_from(["telefoon", "digitaal", "balie"]), min_size=1, max_size=3, unique=True
    ).map(tuple),
    doorzettingsvermogen=st.integers(0, 4),
)


@st.composite
def sleutelmomenten(draw):
    n = draw(st.integers(1, 3))
    vragen = []
    for k in range(n):
        onder = f"v{k + 1}" if k + 1 < n and draw(st.booleans()) else None
        vragen.append(m.Vraag(f"v{k}", "vraag", "zorg", draw(st.sampled_from(SOORTEN)), onderliggend=onder))
    return m.Sleutelmoment("sm", "SM", tuple(vragen))


def load_doc(doc: dict) -> m.Gemeente:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "gemeente.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        (g,) = load_path(path).gemeenten
    return g


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=gemeente_docs(), persona=personas, sm=sleutelmomenten(), start=st.integers(0, 6), limit=st.integers(1, 30))
def test_every_walk_terminates_with_consistent_metrics(doc, persona, sm, start, limit):
    g = load_doc(doc)
    # the loader kept every generated element, in order
    assert [i.id for i in g.ingangen] == [i["id"] for i in doc["ingangen"]]
    assert [r.id for r in g.regels] == [r["id"] for r in doc["regels"]]
    walker = Walker(g, max_stappen=limit)
    first = g.ingangen[start % len(g.ingangen)].id
    j = walker.walk(persona, sm, eerste_ingang=first)
    mt = j.metrieken
    assert len(j.stappen) <= limit
    assert mt.stappen == len(j.stappen)
    assert mt.contacten_inwoner <= mt.stappen
    assert mt.herhalingen <= mt.koude_verwijzingen
    assert mt.warme_overdrachten + mt.koude_verwijzingen <= mt.stappen
    assert [s.nummer for s in j.stappen] == list(range(1, len(j.stappen) + 1))
    if j.uitkomst.soort == "kastje-naar-de-muur":
        lus = j.uitkomst.lus
        assert lus[0] == lus[-1]
        # a reported loop is a real revisit: the ingang was visited before with the same vraag
        last_vraag = j.stappen[-1].vraag
        assert any(s.ingang == lus[0] and s.vraag == last_vraag for s in j.stappen)
        assert list(lus[:-1]) == [s.ingang for s in j.stappen[len(j.stappen) - len(lus) + 1 :]]
    if j.uitkomst.soort == "staplimiet":
        assert len(j.stappen) == limit
    if j.uitkomst.soort == "opgelost":
        assert j.uitkomst.niveau in m.NIVEAUS
    # the same input gives the same journey, also from a freshly loaded copy
    assert Walker(load_doc(doc), max_stappen=limit).walk(persona, sm, eerste_ingang=first) == j


@settings(max_examples=100, deadline=None)
@given(persona=personas)
def test_personas_round_trip_through_yaml(tmp_path_factory, persona):
    doc = {
        "personas": [
            {
                "id": persona.id,
                "naam": persona.naam,
                "leeftijd": persona.leeftijd,
                "huishouden": persona.huishouden,
                "kinderen": list(persona.kinderen),
                "talen": list(persona.talen),
                "digitaal": persona.digitaal,
                "voorkeur_kanalen": list(persona.voorkeur_kanalen),
                "doorzettingsvermogen": persona.doorzettingsvermogen,
                "aanname": "gegenereerd",
            }
        ]
    }
    path = tmp_path_factory.mktemp("p") / "p.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    (loaded,) = load_path(path).personas
    assert loaded == m.Persona(
        **{
            **{a.name: getattr(persona, a.name) for a in persona.__attrs_attrs__},
            "herkomst": m.Herkomst(None, "gegenereerd"),
        }
    )


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("abcdefghij:-[]{}, \n\t'\"&*!#|>%@`0123456789")), max_size=300))
def test_yamlish_text_loads_or_fails_cleanly(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("f") / "x.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_path(path)
    except LoadErrors as e:
        assert e.errors and all(f.bestand == str(path) for f in e.errors)


def _event_depth(text: str) -> int | None:
    """How deep the collections in ``text`` really nest, from the parser's events; None if not YAML."""
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    return deepest


@st.composite
def chains(draw):
    """Deep and narrow: one container in the next, the shape that nests most per column."""
    value = draw(st.sampled_from(["x", None, 1]))
    for kind in draw(st.lists(st.sampled_from(["lijst", "mapping"]), max_size=30)):
        value = [value] if kind == "lijst" else {draw(st.sampled_from("abc")): value}
    return value


nested = st.recursive(
    st.text(alphabet="ab -:", max_size=4) | st.integers() | st.none(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("abc", max_size=3), inner, max_size=3),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(value=nested | chains(), flow=st.sampled_from([False, True, None]), indent=st.integers(2, 9))
def test_depth_bound_holds_for_dumped_yaml(value, flow, indent):
    # The loader skips its second parse when this bound is small; an underestimate would let a
    # deeply nested file reach the C composer, which crashes on deep enough nesting.
    text = yaml.safe_dump(value, default_flow_style=flow, indent=indent, width=20)
    assert _event_depth(text) <= depth_bound(text)


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab:-?[]{}, \n'\"&*#|>")), max_size=200))
def test_depth_bound_holds_for_yamlish_text(text):
    real = _event_depth(text)
    assert real is None or real <= depth_bound(text)


@settings(max_examples=300, deadline=None)
@given(
    persona=personas,
    naam=st.text(
        st.characters(exclude_categories=()) | st.sampled_from("\x85\u2028\u2029\t\r\n\"':#&*!|>-"), min_size=1
    ).filter(str.strip),
)
def test_plugin_objects_come_back_unchanged_from_their_check(persona, naam):
    # load_object writes a plugin's object out as YAML and reads it back through the validator;
    # whatever text the object holds, it must come back as it was, or be refused with a reason.
    p = attrs.evolve(persona, naam=naam, herkomst=m.Herkomst(None, "gegenereerd"))
    try:
        (back,) = load_object(p, "plugin x").personas
    except LoadErrors as e:
        assert any("\ud800" <= ch <= "\udfff" for ch in naam), str(e)  # a lone surrogate: no YAML can hold it
        assert "geen geldige YAML" in str(e)
        return
    assert back == p

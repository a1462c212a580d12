"""Loader messages say what is really wrong, stay readable in size, and cost bounded time (issue 13, 11-12)."""

from __future__ import annotations

import difflib
import pickle
import re
import time
from pathlib import Path

import pytest
import yaml

from journeykit import errors, yamlread
from journeykit import schema as s
from journeykit.errors import LoadError, LoadErrors, getal, onbekend, suggestie
from journeykit.loading import load_path

BERICHTEN = Path(__file__).resolve().parent / "hostile" / "berichten"


def write(folder: Path, text: str | bytes, name: str = "data.yaml") -> Path:
    p = folder / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    p.write_bytes(text)
    return p


def errors_of(path: Path, **kwargs) -> list[LoadError]:
    with pytest.raises(LoadErrors) as e:
        load_path(path, **kwargs)
    return e.value.errors


def persona(pid: str = "jan", naam: str = "Jan", huishouden: str = "alleenstaand") -> str:
    return f"  - {{id: {pid}, naam: {naam}, leeftijd: 45, huishouden: {huishouden}, aanname: t}}\n"


# --- item 11: an id is exactly an id ------------------------------------------------------------------


def test_an_id_ending_in_a_newline_does_not_load_beside_the_plain_one(tmp_path):
    path = write(tmp_path, "personas:\n" + persona('"jan\\n"') + persona("jan"))
    (fout,) = errors_of(path)
    assert fout.regel == 2 and fout.sleutel == "personas[0].id"
    assert "ongeldige id" in fout.bericht


@pytest.mark.parametrize("text", ["jan\n", "loket-2\n"])
def test_the_id_pattern_has_no_line_break_loophole(text):
    # whichever way a caller applies the pattern, a line break is never part of an id
    assert s.ID_PATTERN.match(text) is None and s.ID_PATTERN.search(text) is None
    assert s.ID_PATTERN.fullmatch(text) is None
    assert s.ID_PATTERN.match("jan")


# --- item 12a: merge keys ----------------------------------------------------------------------------


def test_a_merge_key_is_refused_as_a_merge_key_not_as_a_tag(tmp_path):
    path = write(tmp_path, "basis: &b {naam: Jan, leeftijd: 45}\npersonas:\n  - <<: *b\n    id: jan\n")
    messages = [str(f) for f in errors_of(path)]
    merge = [m for m in messages if "<<" in m]
    assert merge and ":3:" in merge[0], messages
    assert "niet ondersteund" in merge[0] and "schrijf de sleutels" in merge[0], merge
    assert not any("YAML-tag" in m or "2002:merge" in m for m in messages), messages


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
regels:
  - id: r1
    bij: loket
    als: {<<: {veld: persona.leeftijd}, vanaf: 18}
    dan: {actie: oplossen, niveau: algemeen}
    aanname: t
"""


def test_a_merge_key_in_a_condition_gets_the_same_message(tmp_path):
    messages = [str(f) for f in errors_of(write(tmp_path, GEMEENTE))]
    assert any(":13:" in m and "<<" in m and "niet ondersteund" in m for m in messages), messages
    assert not any("vergelijking" in m for m in messages), messages


# --- item 12b: YAML's booleans and dates where an id or a choice is meant ------------------------------


@pytest.mark.parametrize(
    "waarde, gelezen",
    [("no", "false"), ("on", "true"), ("yes", "true"), ("off", "false"), ("true", "true"), ("2024-01-01", "datum")],
)
def test_a_yaml_boolean_or_date_as_id_asks_for_quotes(tmp_path, waarde, gelezen):
    (fout,) = errors_of(write(tmp_path, "personas:\n" + persona(waarde)))
    assert fout.sleutel == "personas[0].id"
    assert gelezen in fout.bericht and "aanhalingstekens" in fout.bericht and f'"{waarde}"' in fout.bericht
    assert "kleine letters" not in fout.bericht
    # and the advice is right: quoted, the same value loads
    (p,) = load_path(write(tmp_path, "personas:\n" + persona(f'"{waarde}"'), "goed.yaml")).personas
    assert p.id == waarde


def test_a_yaml_boolean_as_reference_asks_for_quotes(tmp_path):
    text = "reizen:\n  - {id: r, naam: R, persona: off, sleutelmoment: info, gemeente: teststad, aanname: t}\n"
    (fout,) = errors_of(write(tmp_path, text))
    assert fout.sleutel == "reizen[0].persona"
    assert "false" in fout.bericht and '"off"' in fout.bericht and "kleine letters" not in fout.bericht


def test_a_yaml_boolean_as_choice_says_how_yaml_read_it(tmp_path):
    (fout,) = errors_of(write(tmp_path, "personas:\n" + persona(huishouden="yes")))
    assert fout.sleutel == "personas[0].huishouden"
    assert "onbekend huishouden 'yes'" in fout.bericht and "true" in fout.bericht
    assert "aanhalingstekens" in fout.bericht


@pytest.mark.parametrize("naam", ["on", "2024-01-01"])
def test_a_yaml_boolean_or_date_as_text_is_still_text(tmp_path, naam):
    """Guard: plain text fields keep accepting, as written, what YAML reads as true/false or a date."""
    (p,) = load_path(write(tmp_path, "personas:\n" + persona(naam=naam))).personas
    assert p.naam == naam


# --- item 12c: every libyaml message in Dutch ----------------------------------------------------------

# Broken YAML, each making libyaml report a different problem.
KAPOT = [
    "a: b: c\n",  # mapping values are not allowed in this context
    "a: - b\n",  # block sequence entries are not allowed in this context
    "a: ? b\n",  # mapping keys are not allowed in this context
    "%FOO bar\n---\na: 1\n",  # found unknown directive name
    "%YAML 2.0\n---\na: 1\n",  # found incompatible YAML document
    "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",  # found duplicate %YAML directive
    "%TAG !a! tag:x,2000:\n%TAG !a! tag:y,2000:\n---\na: 1\n",  # found duplicate %TAG directive
    "a: !x!y 1\n",  # found undefined tag handle
    "%YAML 1.1\na: 1\n",  # did not find expected <document start>
    "a: [b, :c]\n",  # did not find expected node content
    'a: "x\n---\ny"\n',  # found unexpected document indicator
    "a: |0\n  x\n",  # found an indentation indicator equal to 0
    "a: |x\n  b\n",  # did not find expected comment or line break
    "a: &\n",  # did not find expected alphabetic or numeric character
    "a: !<x\n",  # did not find the expected '>'
    "a: !<> x\n",  # did not find expected tag URI
    "a: !<%zz> x\n",  # did not find URI escaped octet
    'a: "\\xZZ"\n',  # did not find expected hexdecimal number
    'a: "\\uD800"\n',  # found invalid Unicode character escape code
    "%YAML 1.11111111111111111111\n---\na\n",  # found extremely long version number
    "%YAML a.1\n---\na\n",  # did not find expected version number
    "% \n---\na\n",  # could not find expected directive name
    "%TAG !a!x tag:x\n---\na\n",  # did not find expected whitespace
    "%TAG a tag:x\n---\na\n",  # did not find expected '!'
    "a: &x 1\nb: &x 2\nc: *x\n",  # second occurrence (of an anchor)
    "a:\n  b: 1\n\t c: 2\n",  # found a tab character that violates indentation
]


def _dutch_and_english(bericht: str) -> tuple[str, str]:
    m = re.fullmatch(r"ongeldige YAML: (.+?) \(YAML: ([^()]+(?:\([^()]*\)[^()]*)*)\)(?: \(tabs [^()]+\))?", bericht)
    assert m, bericht
    return m.group(1), m.group(2)


@pytest.mark.parametrize("text", KAPOT)
def test_libyaml_problems_are_reported_in_dutch(tmp_path, text):
    (fout,) = errors_of(write(tmp_path, text))
    dutch, english = _dutch_and_english(fout.bericht)
    assert english not in dutch
    assert yamlread.vertaling(english), english  # not just the lead-in for problems it does not know


def test_every_libyaml_problem_text_has_a_translation():
    texts = [
        ln
        for ln in (BERICHTEN / "libyaml-meldingen.txt").read_text(encoding="utf-8").splitlines()
        if ln and not ln.startswith("#")
    ]
    assert len(texts) > 50
    assert [t for t in texts if not yamlread.vertaling(t)] == []


# PyYAML's own parser accepts these three, libyaml does not.
PYTHON_ACCEPTEERT = {"%FOO bar\n---\na: 1\n", 'a: "\\uD800"\n', "%YAML 1.11111111111111111111\n---\na\n"}


@pytest.mark.parametrize(
    "text",
    [t for t in KAPOT if t not in PYTHON_ACCEPTEERT]
    + [
        "a: [1, 2\nb: 3\n",
        "a:\n  - b\n  c: d\n",
        "a: *x\n",
        "a: 1\n---\nb: 2\n",
        'a: "\\q"\n',
        'a: "b\n',
        "a:\n\t- b\n",
        "a: @b\n",
    ],
)
def test_pure_python_pyyaml_problems_are_translated_too(monkeypatch, text):
    """Without libyaml PyYAML reports in its own words, with the character it found: also in Dutch."""
    monkeypatch.setattr(yamlread, "Loader", yaml.SafeLoader)
    with pytest.raises(LoadError) as e:
        yamlread.parse_bytes(text.encode("utf-8"), "x.yaml")
    dutch, english = _dutch_and_english(e.value.bericht)
    assert english not in dutch
    assert yamlread.vertaling(english), english


def test_an_unknown_yaml_problem_still_gets_a_dutch_lead_in():
    out = yamlread._vertaal("found a brand new kind of problem")
    assert not out.startswith("found") and out.endswith("(YAML: found a brand new kind of problem)")


# --- item 12d: line endings ----------------------------------------------------------------------------

REGELS = [
    "personas:",
    "  - id: jan",
    "    leeftijd: 45",
    "    naam: Jan",
    "    huishouden: alleenstaand",
    "    aanname: t",
]


@pytest.mark.parametrize("einde", ["\r", "\r\n"], ids=["cr", "crlf"])
@pytest.mark.parametrize(
    "regel3, woord",
    [("    leeftijd: 45: jaar", "ongeldige YAML"), ("    leeftijd: oud", "geheel getal")],
    ids=["yaml", "schema"],
)
def test_errors_name_the_right_line_whatever_the_line_endings(tmp_path, einde, regel3, woord):
    lines = [*REGELS[:2], regel3, *REGELS[3:]]
    fouten = errors_of(write(tmp_path, einde.join(lines) + einde))
    assert [f.regel for f in fouten if woord in f.bericht] == [3], [str(f) for f in fouten]


def test_a_bad_byte_in_a_cr_only_file_names_its_line(tmp_path):
    (fout,) = errors_of(write(tmp_path, b"personas:\r  - id: jan\r    naam: J\xe9\r"))
    assert fout.regel == 3 and "UTF-8" in fout.bericht


# --- item 12e: bounded messages --------------------------------------------------------------------------


def test_a_huge_key_is_shortened_in_every_message(tmp_path):
    big = "x" * 2_000_000
    # explicit keys ('? ...'): YAML allows simple keys of at most 1024 characters
    path = write(tmp_path, f"? {big}\n: 1\n? {big}\n: 2\npersonas: []\n")
    with pytest.raises(LoadErrors) as e:
        load_path(path)
    assert len(str(e.value)) < 20_000
    assert {f.regel for f in e.value.errors} >= {1, 3}
    for f in e.value.errors:
        assert len(str(f)) < 2_000 and len(f.sleutel or "") < 1_000
    assert any("onbekende sleutel" in f.bericht for f in e.value.errors)


def test_a_huge_operator_in_a_condition_is_shortened(tmp_path):
    big = "y" * 2_000_000
    text = GEMEENTE.replace("{<<: {veld: persona.leeftijd}, vanaf: 18}", f"{{veld: persona.leeftijd, ? {big} : 18}}")
    with pytest.raises(LoadErrors) as e:
        load_path(write(tmp_path, text))
    assert len(str(e.value)) < 20_000
    assert any(f.regel == 13 for f in e.value.errors)


def test_many_errors_in_one_file_are_capped_with_a_count(tmp_path):
    n = 5_000
    path = write(tmp_path, "".join(f"sleutel-{i}: 1\n" for i in range(n)))
    with pytest.raises(LoadErrors) as e:
        load_path(path)
    assert len(str(e.value)) < 20_000
    cap = errors.MAX_ERRORS_PER_FILE
    *shown, summary = e.value.errors
    assert len(shown) == cap and [f.regel for f in shown] == list(range(1, cap + 1))
    assert getal(n - cap) in summary.bericht and "andere fouten in dit bestand" in summary.bericht
    assert summary.bestand == str(path)


def test_the_cap_holds_per_file_and_survives_regrouping_and_pickling():
    many = [LoadError(name, i, None, f"fout {i}") for name in ("a.yaml", "b.yaml") for i in range(1, 201)]
    once = LoadErrors(many + [LoadError("c.yaml", 1, None, "alleen")])
    assert len(once.errors) < 2 * 200
    cap = errors.MAX_ERRORS_PER_FILE
    assert len([f for f in once.errors if f.bestand == "c.yaml"]) == 1
    for name in ("a.yaml", "b.yaml"):
        mine = [f for f in once.errors if f.bestand == name]
        assert len(mine) == cap + 1 and getal(200 - cap) in mine[-1].bericht
    # the catalog gathers errors and raises them again: the count must not grow or get lost
    again = pickle.loads(pickle.dumps(LoadErrors(once.errors)))
    assert [str(f) for f in again.errors] == [str(f) for f in once.errors]
    plus = LoadErrors(once.errors + [LoadError("a.yaml", 500, None, "nog een")])
    assert getal(200 - cap + 1) in [f for f in plus.errors if f.bestand == "a.yaml"][-1].bericht


# --- item 12f: suggestions in bounded time ----------------------------------------------------------------


def test_many_unknown_names_against_many_known_ones_stay_fast():
    known = [f"ingang-{i:05d}" for i in range(10_000)]
    unknown = [f"ingnag-{i * 5:05d}" if i % 2 else f"onbekend-{i}" for i in range(2_000)]
    start = time.process_time()  # this process's CPU time: other processes on the machine do not count
    for name in unknown:
        onbekend("ingang", name, known)
        # fail early instead of hanging for minutes when the search is quadratic again
        assert time.process_time() - start < 5, f"te traag na '{name}'"


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, b, a).ratio()


@pytest.mark.parametrize(
    "typo", ["ingnag-04711", "xngang-04711", "ingang-04x11", "ingang-4711", "ingang-047111", "ingang-0471"]
)
def test_a_typo_among_many_known_names_still_gets_a_closest_suggestion(typo):
    known = [f"ingang-{i:05d}" for i in range(10_000)]
    best = max(_ratio(typo, k) for k in known)  # by brute force; several names may be equally close
    m = re.search(r"bedoelde u '([^']+)'", onbekend("ingang", typo, known))
    assert m and _ratio(typo, m.group(1)) == best, (m and m.group(1), best)


NAMEN = [
    "loket",
    "wijkteam",
    "jeugdteam",
    "schuldhulp",
    "vrijwilligerscentrale",
    "huisarts",
    "mantelzorgpunt",
    "leeftijd",
    "huishouden",
    "alleenstaand",
    "samenwonend",
    "persona.leeftijd",
    "vraag.soort",
    "teststad",
    "geen-lus",
    "jan",
    "piet",
    "info",
    "team",
    "hbh",
    "ingang-1",
    "ingang-2",
    "ingang-12",
]


@pytest.mark.parametrize(
    "typo",
    [
        "lokett",
        "wijkteem",
        "jeugteam",
        "lefetijd",
        "alleenstand",
        "persona.lefttijd",
        "testsad",
        "geen-luss",
        "jann",
        "piett",
        "infoo",
        "tem",
        "hbhh",
        "ingang-3",
        "ingang-21",
        "xyz",
        "",
    ],
)
def test_small_lists_get_exactly_the_suggestion_difflib_gives(typo):
    expected = difflib.get_close_matches(typo, sorted(set(NAMEN)), n=1, cutoff=0.6)
    assert suggestie(typo, NAMEN) == (f" (bedoelde u '{expected[0]}'?)" if expected else "")


# --- item 12g: a size budget across files -------------------------------------------------------------------


def _personas_file(folder: Path, name: str, size: int) -> Path:
    text = "personas:\n" + persona(name.split(".")[0])
    return write(folder, text + "#" * (size - len(text) - 1) + "\n", name)


def test_a_load_budget_stops_at_the_file_that_crosses_it(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        _personas_file(data, name, 1_000)
    budget = yamlread.LoadBudget(2_500)
    (fout,) = errors_of(data, budget=budget)
    assert fout.bestand.endswith("c.yaml")
    assert "in totaal te groot" in fout.bericht and getal(2_500) in fout.bericht


def test_one_budget_spans_several_loads(tmp_path):
    budget = yamlread.LoadBudget(2_500)
    first, second = tmp_path / "een", tmp_path / "twee"
    for folder in (first, second):
        folder.mkdir()
        _personas_file(folder, f"{folder.name}.yaml", 1_000)
    _personas_file(second, "drie.yaml", 1_000)
    assert len(load_path(first, budget=budget).personas) == 1
    (fout,) = errors_of(second, budget=budget)
    assert fout.bestand.endswith("twee.yaml") and "in totaal te groot" in fout.bericht


def test_the_default_budget_refuses_many_files_each_under_the_file_limit(tmp_path):
    size = 4_500_000
    assert size < yamlread.MAX_BYTES and 6 * size > yamlread.MAX_TOTAL_BYTES
    for i in range(6):
        _personas_file(tmp_path, f"p{i}.yaml", size)
    start = time.perf_counter()
    fouten = errors_of(tmp_path, budget=yamlread.LoadBudget())
    assert [f.bestand[-7:] for f in fouten] == ["p5.yaml"]
    assert getal(yamlread.MAX_TOTAL_BYTES) in fouten[0].bericht
    assert time.perf_counter() - start < 20  # refused before parsing 27 MB of YAML


def test_without_a_budget_loading_is_unchanged(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        _personas_file(tmp_path, name, 1_000)
    assert len(load_path(tmp_path).personas) == 2

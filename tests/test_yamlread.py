"""Reading YAML safely and loading files (journeykit/yamlread.py, and parse_file to load_scenario in loading.py).

Every limit exactly at its bound and one past it, every encoding and line-ending case, every message with its
file, line and key, and the path handling of ``load_path``: the order of files, which names count as YAML,
symlinks, a shared LoadBudget and the load cache. In-process and small, so `make mutate` sees every branch;
tests/test_hostile.py runs the same hostile inputs (tests/hostile/yaml) through the CLI, in processes mutmut
cannot see. Limits that would take 200,000 values to reach are lowered in yamlread, which reads them at call time.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
import yaml

from journeykit import cache, yamlread
from journeykit import model as m
from journeykit.errors import LoadError, LoadErrors, MoreErrors
from journeykit.loading import Inhoud, build, load_path, load_scenario, parse_file, yaml_files
from journeykit.yamlread import LoadBudget, NodeBudget, TotalTooLarge

HOSTILE = Path(__file__).resolve().parent / "hostile"
SHOWN = "x.yaml"
TE_DIEP = "te diep genest (maximaal 40 niveaus)"
ALLOWED = "personas, sleutelmomenten, gemeente, ingangen, regels, risicos, aandelen, reizen, scenario"
TAB_HINT = " (tabs zijn niet toegestaan als inspringing; gebruik spaties)"
# One line long enough that depth_bound cannot prove the text shallow: the text goes through _check_shape.
LANG = "#" + "x" * 600 + "\n"


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    """Every load goes through the loader (tests of the cache put their own get and put in place)."""
    monkeypatch.setenv("JOURNEYKIT_CACHE", "uit")


def as_tuple(f: LoadError) -> tuple[str, int | None, str | None, str]:
    return (f.bestand, f.regel, f.sleutel, f.bericht)


def fout(data: bytes | str, shown: str = SHOWN) -> tuple[int | None, str]:
    """(line, message) of the one problem parse_bytes finds; it names the file and no key."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with pytest.raises(LoadError) as e:
        yamlread.parse_bytes(data, shown)
    assert (e.value.bestand, e.value.sleutel) == (shown, None)
    return e.value.regel, e.value.bericht


def node(text: str) -> yaml.Node:
    return yamlread.parse_bytes(text.encode("utf-8"), SHOWN)


def fouten(path: Path, **kwargs) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(LoadErrors) as e:
        load_path(path, **kwargs)
    return [as_tuple(f) for f in e.value.errors]


def file_fouten(data: bytes | str, shown: str = SHOWN) -> list[tuple[str, int | None, str | None, str]]:
    if isinstance(data, str):
        data = data.encode("utf-8")
    with pytest.raises(LoadErrors) as e:
        parse_file(data, shown)
    return [as_tuple(f) for f in e.value.errors]


def write(folder: Path, name: str, data: bytes | str) -> Path:
    p = folder / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def diep(n: int, sep: str = "") -> str:
    """``n`` flow sequences inside each other, each opening on a line of its own when ``sep`` is a newline."""
    return ("[" + sep) * n + "]" * n


def keys(n: yaml.Node) -> list[tuple[str, str, int]]:
    """(key, value, line of the key) of a mapping of scalars."""
    return [(k.value, v.value, k.start_mark.line + 1) for k, v in n.value]


def test_the_limits_are_the_documented_ones():
    assert yamlread.MAX_BYTES == 5_242_880
    assert yamlread.MAX_TOTAL_BYTES == 26_214_400
    assert (yamlread.MAX_DEPTH, yamlread.MAX_NODES, yamlread._SAFE_DEPTH) == (40, 200_000, 1_000)
    assert TE_DIEP == yamlread._TE_DIEP


# --- LoadBudget ------------------------------------------------------------------------------------------


def test_a_budget_starts_empty_with_the_total_limit():
    default, own = LoadBudget(), LoadBudget(7)
    assert (default.limit, default.used) == (yamlread.MAX_TOTAL_BYTES, 0)
    assert (own.limit, own.used) == (7, 0)


def test_a_budget_takes_exactly_its_limit_and_refuses_one_byte_more():
    budget = LoadBudget(10)
    budget.charge(4, "a.yaml")
    budget.charge(6, "b.yaml")
    assert budget.used == 10
    with pytest.raises(TotalTooLarge) as e:
        budget.charge(1, "c.yaml")
    assert as_tuple(e.value) == (
        "c.yaml",
        None,
        None,
        "de data is in totaal te groot: met dit bestand (1 bytes) komt alles samen boven de grens van 10 bytes; "
        "laad minder of kleinere bestanden",
    )
    assert budget.used == 10  # what does not fit is not counted
    budget.charge(0, "d.yaml")
    assert budget.used == 10


def test_a_refused_file_names_its_size_and_the_limit_with_thousands_separators():
    budget = LoadBudget(2_500_000)
    budget.charge(1_000_000, "a.yaml")
    with pytest.raises(TotalTooLarge) as e:
        budget.charge(1_500_001, "b.yaml")
    assert e.value.bericht == (
        "de data is in totaal te groot: met dit bestand (1.500.001 bytes) komt alles samen boven de grens van "
        "2.500.000 bytes; laad minder of kleinere bestanden"
    )
    assert isinstance(e.value, LoadError) and budget.used == 1_000_000


# --- read_bytes ---------------------------------------------------------------------------------------------

NIET_GEWOON = "is geen gewoon bestand (maar een apparaat, pipe of socket)"


def _lees_fout(path: Path, shown: str = "f.yaml", budget: LoadBudget | None = None):
    with pytest.raises(LoadError) as e:
        yamlread.read_bytes(path, shown, budget)
    return as_tuple(e.value)


def test_a_regular_file_is_read_whole_and_charged_to_the_budget(tmp_path):
    p = write(tmp_path, "a.yaml", b"personas: []\r\n\xff")
    budget = LoadBudget(15)
    assert yamlread.read_bytes(p, "a.yaml", budget) == b"personas: []\r\n\xff"
    assert budget.used == 15
    assert yamlread.read_bytes(p, "a.yaml") == b"personas: []\r\n\xff"


def test_what_is_not_a_regular_file_is_not_read(tmp_path):
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)  # reading it would block
    budget = LoadBudget(10)
    assert _lees_fout(fifo, "pijp.yaml", budget) == ("pijp.yaml", None, None, NIET_GEWOON)
    assert _lees_fout(Path("/dev/zero")) == ("f.yaml", None, None, NIET_GEWOON)  # would never end
    assert _lees_fout(tmp_path) == ("f.yaml", None, None, NIET_GEWOON)
    assert budget.used == 0


def test_a_file_over_the_limit_is_refused_by_its_size_before_reading(tmp_path):
    big = tmp_path / "groot.yaml"
    with big.open("wb") as f:
        f.truncate(yamlread.MAX_BYTES + 1)  # sparse: nothing written
    budget = LoadBudget()
    assert _lees_fout(big, "groot.yaml", budget) == (
        "groot.yaml",
        None,
        None,
        "bestand is te groot (5.242.881 bytes; maximaal 5.242.880 bytes); splits het op in kleinere bestanden",
    )
    assert budget.used == 0


def test_a_file_of_exactly_the_limit_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_BYTES", 8)
    assert yamlread.read_bytes(write(tmp_path, "a.yaml", b"a: 12345"), "a.yaml") == b"a: 12345"
    assert _lees_fout(write(tmp_path, "b.yaml", b"a: 123456")) == (
        "f.yaml",
        None,
        None,
        "bestand is te groot (9 bytes; maximaal 8 bytes); splits het op in kleinere bestanden",
    )


def test_the_budget_is_charged_before_reading(tmp_path):
    p = write(tmp_path, "a.yaml", b"123456")
    budget = LoadBudget(5)
    with pytest.raises(TotalTooLarge) as e:
        yamlread.read_bytes(p, "a.yaml", budget)
    assert e.value.bericht.startswith("de data is in totaal te groot: met dit bestand (6 bytes) ")
    assert budget.used == 0
    exact = LoadBudget(6)
    assert yamlread.read_bytes(p, "a.yaml", exact) == b"123456" and exact.used == 6


def _kleiner(path: Path, size: int) -> Path:
    """``path`` with stat() reporting ``size`` bytes: a file that grows between stat() and reading it."""

    class Kleiner(type(path)):
        def stat(self, **kwargs):
            st = os.stat(self)
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, size, 0, 0, 0))

    return Kleiner(path)


def test_a_file_that_grows_while_read_is_charged_for_what_was_read(tmp_path):
    p = _kleiner(write(tmp_path, "a.yaml", b"0123456789"), 4)
    budget = LoadBudget(100)
    assert yamlread.read_bytes(p, "a.yaml", budget) == b"0123456789"
    assert budget.used == 10
    assert yamlread.read_bytes(p, "a.yaml") == b"0123456789"  # without a budget: just read
    krap = LoadBudget(9)
    with pytest.raises(TotalTooLarge) as e:
        yamlread.read_bytes(p, "a.yaml", krap)
    assert as_tuple(e.value) == (
        "a.yaml",
        None,
        None,
        "de data is in totaal te groot: met dit bestand (6 bytes) komt alles samen boven de grens van 9 bytes; "
        "laad minder of kleinere bestanden",
    )
    assert krap.used == 4


def test_a_file_that_grows_past_the_limit_is_read_one_byte_past_it(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_BYTES", 8)
    p = _kleiner(write(tmp_path, "a.yaml", b"a: " + b"1" * 17), 4)
    data = yamlread.read_bytes(p, "a.yaml")
    assert data == b"a: 111111"  # MAX_BYTES + 1
    assert fout(data) == (
        None,
        "bestand is te groot (meer dan 8 bytes; maximaal 8 bytes); splits het op in kleinere bestanden",
    )


def test_a_file_that_cannot_be_read_says_why(tmp_path):
    assert _lees_fout(tmp_path / "weg.yaml") == (
        "f.yaml",
        None,
        None,
        f"kan bestand niet lezen: {os.strerror(errno.ENOENT)}",
    )

    class Stuk(type(tmp_path)):
        def stat(self, **kwargs):
            raise OSError("schijf weg")

    assert _lees_fout(Stuk(tmp_path / "x.yaml")) == ("f.yaml", None, None, "kan bestand niet lezen: schijf weg")


# --- parse_bytes: size and encoding ------------------------------------------------------------------------


def test_bytes_over_the_limit_name_their_size_or_that_it_is_unknown():
    # read_bytes reads at most one byte past the limit: then the real size is not known
    assert fout(b" " * (yamlread.MAX_BYTES + 1)) == (
        None,
        "bestand is te groot (meer dan 5.242.880 bytes; maximaal 5.242.880 bytes); splits het op in kleinere bestanden",
    )
    assert fout(b" " * (yamlread.MAX_BYTES + 2)) == (
        None,
        "bestand is te groot (5.242.882 bytes; maximaal 5.242.880 bytes); splits het op in kleinere bestanden",
    )


def test_bytes_of_exactly_the_limit_are_read(monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_BYTES", 8)
    assert keys(node("a: 12345")) == [("a", "12345", 1)]
    assert fout(b"a: 123456") == (
        None,
        "bestand is te groot (meer dan 8 bytes; maximaal 8 bytes); splits het op in kleinere bestanden",
    )


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"], ids=["le", "be"])
def test_utf16_is_refused_at_line_1(bom):
    assert fout(bom + "a: 1\n".encode("utf-16-le")) == (1, "bestand is UTF-16-tekst; sla het op als UTF-8")


def test_a_utf8_byte_order_mark_is_skipped():
    assert keys(node("\ufeffa: 1\nb: 2\n")) == [("a", "1", 1), ("b", "2", 2)]
    assert fout(b"\xef\xbb\xbf") == (None, "bestand is leeg")


@pytest.mark.parametrize(
    "data, line, byte",
    [
        (b"a: J\xe9\n", 1, "E9"),
        (b"a: 1\r\nb: 2\rc: 3\nd: J\xfa\n", 4, "FA"),  # CR LF, CR and LF each end a line
        (b"a: 1\r\r\nb: \xc3", 3, "C3"),  # an incomplete sequence at the end
        (b"a: \xe2\x82x\n", 1, "E2"),  # a bad second byte: the sequence's first is shown
        (b"\xff", 1, "FF"),
    ],
)
def test_invalid_utf8_names_its_line_and_byte(data, line, byte):
    assert fout(data) == (line, f"bestand is geen geldige UTF-8-tekst (byte 0x{byte}); sla het op als UTF-8")


def test_invalid_utf8_after_a_byte_order_mark_names_its_line_and_byte():
    assert fout(b"\xef\xbb\xbfa: 1\n\xff\n") == (
        2,
        "bestand is geen geldige UTF-8-tekst (byte 0xFF); sla het op als UTF-8",
    )


@pytest.mark.parametrize("teken", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_unicode_line_separators_are_spaces_so_lines_match_the_editor(teken):
    assert keys(node(f"a: x{teken}y\nb: 2\n")) == [("a", "x y", 1), ("b", "2", 2)]
    assert keys(node(f"a: é{teken}\nb: 2\n")) == [("a", "é", 1), ("b", "2", 2)]


def test_other_non_ascii_text_is_kept():
    assert keys(node("a: café\nb: ‘x’\n")) == [("a", "café", 1), ("b", "‘x’", 2)]


@pytest.mark.parametrize(
    "text",
    ["a: 1\rb: 2\rc: 3\r", "a: 1\r\nb: 2\r\nc: 3\r\n", "a: 1\r\nb: 2\rc: 3\n", "a: 1\nb: 2\nc: 3"],
    ids=["cr", "crlf", "mixed", "lf"],
)
def test_every_line_ending_counts_one_line(text):
    assert keys(node(text)) == [("a", "1", 1), ("b", "2", 2), ("c", "3", 3)]


@pytest.mark.parametrize(
    "data, line",
    [
        (b"a: 1\nb: J\x00n\n", 2),
        (b"\x00", 1),
        (b"a: 1\r\nb: 2\r\nc: \x00\r\n", 3),
        (b"a: 1\rb: 2\rc: \x00", 3),
        (b"\xef\xbb\xbfa: 1\nb: \x00", 2),
        (b"a: 1\nb: \x00\nc: \x00\n", 2),  # the first one
    ],
)
def test_a_nul_character_names_its_line(data, line):
    assert fout(data) == (line, "bestand bevat een NUL-teken; is het wel een tekstbestand?")


@pytest.mark.parametrize(
    "data, line, code",
    [
        (b"personas:\n  - id: jan\n    naam: Ja\x07n\n", 3, "0007"),
        ("a: éé\nb: x\x07\n".encode(), 2, "0007"),  # libyaml counts bytes of the UTF-8 text
        (b"a: 1\r\nb: 2\r\nc: \x1b\r\n", 3, "001B"),
        (b"a: 1\n\x7f", 2, "007F"),
    ],
)
def test_a_control_character_names_its_line_and_code(data, line, code):
    assert fout(data) == (line, f"ongeldige YAML: teken U+{code} is niet toegestaan")
    # also when the text is too long to be provably shallow, and _check_shape reads it first
    assert fout(LANG.encode() + data) == (line + 1, f"ongeldige YAML: teken U+{code} is niet toegestaan")


# --- parse_bytes: what is empty ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\n\n", b"# alleen commentaar\n", b"---\n", b"---", b"--- # x\n", b"\r\n"])
def test_an_empty_document_is_an_empty_file(data):
    assert fout(data) == (None, "bestand is leeg")


@pytest.mark.parametrize(
    "text, tag, value",
    [
        ("~", "null", "~"),
        ("null", "null", "null"),
        ("--- ~", "null", "~"),
        ("''", "str", ""),
        ('""', "str", ""),
        ("0", "int", "0"),
        ("false", "bool", "false"),
    ],
)
def test_a_written_value_is_not_empty(text, tag, value):
    n = node(text)
    assert isinstance(n, yaml.ScalarNode) and (n.tag, n.value) == (f"tag:yaml.org,2002:{tag}", value)


# --- parse_bytes: broken YAML --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, line, bericht",
    [
        (
            "personas:\n  - id: jan\n    naam: [Jan\n    leeftijd: 45\n",
            4,
            "verwachtte ',' of ']' (lijst tussen [ ] niet goed gesloten?) (YAML: did not find expected ',' or ']')",
        ),
        # libyaml points one line past the end of a file without a final newline: the last line is shown
        (
            "a: 1\nb: [1",
            2,
            "verwachtte ',' of ']' (lijst tussen [ ] niet goed gesloten?) (YAML: did not find expected ',' or ']')",
        ),
        (
            "a: 1\rb: [1",
            2,
            "verwachtte ',' of ']' (lijst tussen [ ] niet goed gesloten?) (YAML: did not find expected ',' or ']')",
        ),
        (
            "a: 1\nb: [1\n",
            3,
            "verwachtte ',' of ']' (lijst tussen [ ] niet goed gesloten?) (YAML: did not find expected ',' or ']')",
        ),
        (
            "[",
            1,
            "verwachtte een waarde (een losse ',', ':' of '-' tussen [ ] of { }?) (YAML: did not find "
            "expected node content)",
        ),
        ("personas: *nergens\n", 1, "een alias (*naam) zonder anker (&naam) (YAML: found undefined alias)"),
        (
            "a: &x 1\nb: &x 2\nc: *x\n",
            2,
            "een anker (&naam) dat al eerder in dit bestand staat; geef het een andere naam (YAML: second occurrence)",
        ),
        (
            "a: 1\n---\nb: 2\n",
            2,
            "meer dan één YAML-document ('---') in één bestand (YAML: but found another document)",
        ),
        (
            "a: b: c\n",
            1,
            "een ':' waar dat niet kan (zet tekst met ': ' tussen aanhalingstekens) (YAML: mapping "
            "values are not allowed in this context)",
        ),
    ],
)
def test_broken_yaml_names_the_line_of_the_problem_in_dutch(data, line, bericht):
    assert fout(data) == (line, f"ongeldige YAML: {bericht}")


def test_a_tab_the_scanner_names_gets_the_hint():
    assert fout("personas:\n  - id: jan\n\tnaam: Jan\n") == (
        3,
        "ongeldige YAML: een tab in de inspringing (YAML: found a tab character that violates indentation)" + TAB_HINT,
    )


def test_a_tab_the_scanner_does_not_name_gets_the_hint_from_the_line():
    assert fout("a:\n\t- b\n") == (
        2,
        "ongeldige YAML: een teken dat hier niet kan (een tab, of @ of ` vooraan?) (YAML: found character that "
        "cannot start any token)" + TAB_HINT,
    )


def _mark(line: int) -> yaml.Mark:
    return yaml.Mark("x", 0, line, 0, None, None)


@pytest.mark.parametrize(
    "text, line, hint",
    [
        ("a:\n\tb: 1\nc: 2\n", 1, True),  # the tab is on the line pointed to
        ("a:\n\tb: 1\nc: 2\n", 2, True),  # or on the line before it
        ("a:\n\tb: 1\nc: 2\n", 3, False),
        ("a:\n\tb: 1\nc: 2\n", 0, False),
        ("\ta: 1\n", 0, True),  # the first line has no line before it
        ("a", 1, False),  # one past the last line
        ("a", 2, False),
        ("a: b\tc\n", 0, False),  # a tab after the indentation is not indentation
        (" \t a: 1", 0, True),
    ],
)
def test_the_tab_hint_looks_at_the_indentation_of_the_line_and_the_one_before(text, line, hint):
    assert yamlread._tab_hint(text, _mark(line), "iets") == (TAB_HINT if hint else "")


@pytest.mark.parametrize("what", ["found a tab character", "x\ty", "tab"])
def test_the_tab_hint_follows_a_problem_that_names_a_tab(what):
    assert yamlread._tab_hint("a: 1\n", None, what) == TAB_HINT
    assert yamlread._tab_hint("a: 1\n", _mark(0), what) == TAB_HINT
    assert yamlread._tab_hint("a: 1\n", None, "iets anders") == ""


def _compose_raises(monkeypatch, error: BaseException) -> None:
    def compose(*args, **kwargs):
        raise error

    monkeypatch.setattr(yamlread.yaml, "compose", compose)


def test_a_yaml_error_without_text_or_marks_is_still_a_message(monkeypatch):
    _compose_raises(monkeypatch, yaml.MarkedYAMLError())
    assert fout("a: 1\n") == (None, "ongeldige YAML: de YAML-lezer meldt een probleem (YAML: ongeldige YAML)")


def test_a_yaml_error_with_only_a_context_names_the_context_and_its_line(monkeypatch):
    _compose_raises(monkeypatch, yaml.MarkedYAMLError(context="  while parsing x ", context_mark=_mark(1)))
    assert fout("a:\n\tb\nc: 1\n") == (
        2,
        "ongeldige YAML: de YAML-lezer meldt een probleem (YAML: while parsing x)" + TAB_HINT,
    )


def test_a_yaml_error_prefers_the_problem_and_its_mark(monkeypatch):
    error = yaml.MarkedYAMLError("while x", _mark(0), " found undefined alias\n", _mark(2))
    _compose_raises(monkeypatch, error)
    assert fout("a: 1\nb: 2\nc: 3\n") == (
        3,
        "ongeldige YAML: een alias (*naam) zonder anker (&naam) (YAML: found undefined alias)",
    )


def test_a_reader_error_without_a_character_gives_its_reason(monkeypatch):
    _compose_raises(monkeypatch, yaml.reader.ReaderError("x", 6, "?", "utf-8", "invalid leading UTF-8 octet"))
    assert fout("a: 1\nb: 2\n") == (
        2,
        "ongeldige YAML: ongeldige UTF-8-tekst (sla het bestand op als UTF-8) (YAML: invalid leading UTF-8 octet)",
    )


def test_any_other_yaml_error_is_shortened(monkeypatch):
    _compose_raises(monkeypatch, yaml.YAMLError("x" * 600))
    assert fout("a: 1\n") == (None, "ongeldige YAML: " + "x" * 499 + "…")
    _compose_raises(monkeypatch, yaml.YAMLError("y" * 500))
    assert fout("a: 1\n") == (None, "ongeldige YAML: " + "y" * 500)


def test_a_recursion_error_is_too_deep(monkeypatch):
    _compose_raises(monkeypatch, RecursionError())
    assert fout("a: 1\n") == (None, TE_DIEP)


HEX = (
    "na '\\x', '\\u' of '\\U' horen hexadecimale cijfers (bedoelt u een '\\' in tekst tussen dubbele "
    "aanhalingstekens, schrijf dan '\\\\' of gebruik enkele aanhalingstekens)"
)


@pytest.mark.parametrize(
    "what, dutch",
    [
        ("found undefined alias", "een alias (*naam) zonder anker (&naam)"),
        ("exceeded maximum nesting depth", TE_DIEP),
        ("did not find expected hexdecimal number", HEX),
        ("found undefined alias 'x'", "een alias (*naam) zonder anker (&naam)"),  # PyYAML's words, with what
        ("expected escape sequence of 4 hexadecimal numbers, but found 'q'", HEX),
        ("found a brand new problem", None),
        ("xfound undefined alias 'x'", None),
        ("", None),
    ],
)
def test_vertaling(what, dutch):
    assert yamlread.vertaling(what) == dutch
    lead = dutch or "de YAML-lezer meldt een probleem"
    assert yamlread._vertaal(what) == f"{lead} (YAML: {what})"


# --- depth -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, bound",
    [
        ("a", 4),
        ("ab\nabcd\nabc", 10),
        ("a: [1, {b: [2]}]\nc: d", 2 * 17 + 2 + 1),
        ("{[", 2 * 3 + 2),
        ("", 2),
    ],
)
def test_depth_bound(text, bound):
    assert yamlread.depth_bound(text) == bound


@pytest.mark.parametrize(
    "text, shallow",
    [
        ("a" * 499, True),  # depth_bound 1,000: _SAFE_DEPTH
        ("a" * 500, False),
        ("{" + "a" * 497, True),  # 999
        ("[" + "a" * 498, False),  # 1,001
        ("a\n" * 50_000, True),  # MAX_NODES // 2 characters
        ("a\n" * 50_000 + "a", False),
    ],
)
def test_provably_shallow(text, shallow):
    assert yamlread._provably_shallow(text) is shallow


def test_provably_shallow_follows_max_nodes(monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_NODES", 20)
    assert yamlread._provably_shallow("a" * 10) is True
    assert yamlread._provably_shallow("a" * 11) is False


@pytest.mark.parametrize("prefix", ["", LANG], ids=["composed", "parsed"])
def test_forty_levels_load_and_forty_one_do_not(prefix):
    offset = prefix.count("\n")
    n = node(prefix + diep(40))
    for _ in range(39):
        (n,) = n.value
    assert n.value == []
    assert fout(prefix + diep(41)) == (1 + offset, TE_DIEP)
    # the line of the collection that is one too deep
    assert fout(prefix + diep(41, "\n")) == (41 + offset, TE_DIEP)
    assert fout(prefix + "a:\n" + "".join(" " * i + "- \n" for i in range(1, 40)) + " " * 40 + "- x\n") == (
        41 + offset,
        TE_DIEP,
    )


@pytest.mark.parametrize("prefix", ["", LANG], ids=["composed", "parsed"])
def test_depth_is_counted_per_branch(prefix):
    # closing a collection goes back up a level: forty-five siblings of two levels are three levels deep
    n = node(prefix + "[" + ", ".join(["[[]]"] * 45) + "]")
    assert len(n.value) == 45
    # ... and the walk goes on after it, at the level it went back to
    assert fout(prefix + "a: []\nb: [[], []]\nc: " + diep(40) + "\n") == (3 + prefix.count("\n"), TE_DIEP)
    assert fout(prefix + "a: [[], " + diep(39) + "]\n") == (1 + prefix.count("\n"), TE_DIEP)
    assert len(node(prefix + "a: [[], " + diep(38) + "]\n").value) == 1


@pytest.mark.parametrize("prefix", ["", LANG], ids=["composed", "parsed"])
def test_the_first_collection_too_deep_is_reported(prefix):
    offset = prefix.count("\n")
    assert fout(prefix + "a: 1\nb: " + diep(40) + "\nc: " + diep(40) + "\n") == (2 + offset, TE_DIEP)
    assert fout(prefix + "a: 1\nb: " + diep(39) + "\nc: " + diep(40) + "\n") == (3 + offset, TE_DIEP)


def test_keys_are_as_deep_as_values():
    assert fout("? " + diep(40) + "\n: 1\n") == (1, TE_DIEP)
    assert fout("a:\n  ? " + diep(39) + "\n  : 1\n") == (2, TE_DIEP)
    assert len(node("? " + diep(39) + "\n: 1\n").value) == 1


def test_an_alias_is_walked_once_and_the_rest_still_checked():
    text = "a: &x [[1]]\nb: *x\nc: *x\nd: " + diep(40) + "\n"
    assert fout(text) == (4, TE_DIEP)
    assert fout(LANG + text) == (5, TE_DIEP)
    assert len(node("a: &x [[1]]\nb: *x\nc: " + diep(39) + "\n").value) == 3


class _Gelezen(yaml.SequenceNode):
    """A sequence that notes each time its items are read."""

    def __init__(self, value: list, gelezen: list):
        self.gelezen = gelezen
        super().__init__("tag:yaml.org,2002:seq", value, start_mark=_mark(0))

    @property
    def value(self):
        self.gelezen.append(self)
        return self._value

    @value.setter
    def value(self, value):
        self._value = value


def test_check_depth_reads_a_collection_named_twice_once():
    # each level names the one below it twice, as aliases do: walked as a tree that is 2^11 - 1 reads
    gelezen: list = []
    n = _Gelezen([], gelezen)
    for _ in range(10):
        n = _Gelezen([n, n], gelezen)
    yamlread._check_depth(n, SHOWN)
    assert len(gelezen) == 11


def test_check_depth_on_a_composed_tree():
    yamlread._check_depth(yaml.compose(diep(40)), SHOWN)
    yamlread._check_depth(yaml.compose("a"), SHOWN)
    with pytest.raises(LoadError) as e:
        yamlread._check_depth(yaml.compose("a:\n  b: " + diep(39)), "d.yaml")
    assert as_tuple(e.value) == ("d.yaml", 2, None, TE_DIEP)


def test_a_very_deep_block_is_refused_before_composing():
    # a hundred thousand levels used to crash the interpreter in libyaml's composer
    assert fout("- " * 100_000 + "x\n") == (1, TE_DIEP)
    # unclosed flow sequences: libyaml's scanner reads ahead, and stops at its own limit of 1,000 levels first
    assert fout("[" * 100_000) == (1, f"ongeldige YAML: {TE_DIEP} (YAML: exceeded maximum nesting depth)")


# --- how many values ---------------------------------------------------------------------------------------

TE_VEEL = "bestand bevat te veel waarden (meer dan {}); splits het op in kleinere bestanden"


def test_collections_scalars_and_aliases_each_count_as_a_value(monkeypatch):
    # mapping, a, sequence, 1, 2: five values
    monkeypatch.setattr(yamlread, "MAX_NODES", 5)
    assert keys(node("a:\n  - 1\n  - 2\n"))[0][0] == "a"
    assert len(node("a: &x 1\nb: *x\n").value) == 2  # mapping, a, 1, b, *x
    monkeypatch.setattr(yamlread, "MAX_NODES", 4)
    assert fout("a:\n  - 1\n  - 2\n") == (3, TE_VEEL.format(4))
    assert fout("a: &x 1\nb: *x\n") == (2, TE_VEEL.format(4))
    assert fout("a: [[], [], []]\n") == (1, TE_VEEL.format(4))  # empty collections count, their ends do not


def test_too_many_values_shows_the_limit_with_a_thousands_separator(monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_NODES", 1_000)
    text = "personas:\n  [" + "a, " * 996 + "\n   a]\n"  # mapping, personas, sequence and 997 values
    assert len(node(text).value[0][1].value) == 997
    assert fout("personas:\n  [" + "a, " * 997 + "\n   a]\n") == (3, TE_VEEL.format("1.000"))


def test_a_nested_collection_counts_as_a_value(monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_NODES", 3)
    assert fout(diep(40)) == (1, TE_VEEL.format(3))


# --- NodeBudget: what the validator walks ------------------------------------------------------------------

TE_GROOT_ALIASSEN = "bestand is te groot na het uitvouwen van ankers/aliassen (meer dan {} waarden)"


def _visit(budget: NodeBudget, text: str, depth: int = 0):
    with pytest.raises(LoadError) as e:
        budget.visit(yaml.compose(text), depth)
    return as_tuple(e.value)


def test_the_node_budget_counts_every_visit(monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_NODES", 3)
    budget = NodeBudget("b.yaml")
    assert (budget.shown, budget.count) == ("b.yaml", 0)
    n = yaml.compose("x")
    for _ in range(3):
        budget.visit(n, 0)
    assert budget.count == 3
    assert _visit(budget, "\n\n[x]") == ("b.yaml", 3, None, TE_GROOT_ALIASSEN.format(3))


def test_the_node_budget_at_the_real_limit():
    budget = NodeBudget("b.yaml")
    budget.count = yamlread.MAX_NODES - 1
    budget.visit(yaml.compose("x"), 0)
    assert _visit(budget, "x") == ("b.yaml", 1, None, TE_GROOT_ALIASSEN.format("200.000"))


def test_the_node_budget_limits_depth():
    budget = NodeBudget("b.yaml")
    budget.visit(yaml.compose("x"), 40)
    assert _visit(budget, "\nx", 41) == ("b.yaml", 2, None, TE_DIEP)


@pytest.mark.parametrize(
    "text", ["x", "1", "1.5", "true", "~", "2024-01-01", "[]", "{}", "!!str 1", "!!int '1'", "!!bool yes"]
)
def test_the_standard_tags_are_allowed(text):
    NodeBudget("b.yaml").visit(yaml.compose(text), 0)


@pytest.mark.parametrize(
    "text, tag",
    [
        ("!!binary SmFu", "tag:yaml.org,2002:binary"),
        ("!kluis {id: jan}", "!kluis"),
        ("!!python/name:os.system", "tag:yaml.org,2002:python/name:os.system"),
        ("!!set {a: null}", "tag:yaml.org,2002:set"),
        ("!" + "t" * 150 + " x", "!" + "t" * 98 + "…"),
    ],
)
def test_other_tags_are_refused(text, tag):
    assert _visit(NodeBudget("b.yaml"), "\n" + text) == (
        "b.yaml",
        2,
        None,
        f"YAML-tag '{tag}' is niet toegestaan; journeykit leest alleen gewone YAML",
    )


def test_a_merge_key_is_named_as_such():
    key, _ = yaml.compose("a: 1\n<<: {b: 2}\n").value[1]
    with pytest.raises(LoadError) as e:
        NodeBudget("b.yaml").visit(key, 1)
    assert as_tuple(e.value) == (
        "b.yaml",
        2,
        None,
        "een samenvoegsleutel ('<<: *anker') wordt niet ondersteund; schrijf de sleutels uit",
    )


def test_line_of_and_event_line_count_from_one():
    assert yamlread.line_of(yaml.compose("\n\nx")) == 3
    events = list(yaml.parse("a:\n  b"))
    assert [yamlread._event_line(e) for e in events if isinstance(e, yaml.ScalarEvent)] == [1, 2]


# --- the hostile catalogue's YAML cases, in-process ----------------------------------------------------------


def _persona_lijst(n: int) -> list[tuple[int, str, str]]:
    return [(8, f"personas[{i}]", "verwacht een mapping (persona), maar vond een lijst") for i in range(n)]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("alleen-commentaar", [(None, None, "bestand is leeg")]),
        ("leeg", [(None, None, "bestand is leeg")]),
        (
            "binary-tag",
            [(3, None, "YAML-tag 'tag:yaml.org,2002:binary' is niet toegestaan; journeykit leest alleen gewone YAML")],
        ),
        ("eigen-tag", [(2, None, "YAML-tag '!kluis' is niet toegestaan; journeykit leest alleen gewone YAML")]),
        (
            "python-name",
            [
                (
                    3,
                    None,
                    "YAML-tag 'tag:yaml.org,2002:python/name:os.system' is niet toegestaan; "
                    "journeykit leest alleen gewone YAML",
                )
            ],
        ),
        (
            "python-object",
            [
                (
                    1,
                    None,
                    "YAML-tag 'tag:yaml.org,2002:python/object/apply:os.system' is niet "
                    "toegestaan; journeykit leest alleen gewone YAML",
                )
            ],
        ),
        ("diep-flow", [(1, None, TE_DIEP)]),
        ("diep-blok", [(41, None, TE_DIEP)]),
        ("latin1", [(3, None, "bestand is geen geldige UTF-8-tekst (byte 0xE9); sla het op als UTF-8")]),
        ("utf16", [(1, None, "bestand is UTF-16-tekst; sla het op als UTF-8")]),
        ("nul", [(3, None, "bestand bevat een NUL-teken; is het wel een tekstbestand?")]),
        ("stuurteken", [(3, None, "ongeldige YAML: teken U+0007 is niet toegestaan")]),
        (
            "syntax",
            [
                (
                    4,
                    None,
                    "ongeldige YAML: verwachtte ',' of ']' (lijst tussen [ ] niet goed gesloten?) (YAML: did "
                    "not find expected ',' or ']')",
                )
            ],
        ),
        (
            "tab",
            [
                (
                    3,
                    None,
                    "ongeldige YAML: een tab in de inspringing (YAML: found a tab character that violates "
                    "indentation)" + TAB_HINT,
                )
            ],
        ),
        (
            "twee-documenten",
            [
                (
                    7,
                    None,
                    "ongeldige YAML: meer dan één YAML-document ('---') in één bestand (YAML: but found another "
                    "document)",
                )
            ],
        ),
        (
            "onbekende-alias",
            [(1, None, "ongeldige YAML: een alias (*naam) zonder anker (&naam) (YAML: found undefined alias)")],
        ),
        ("lijst-bovenaan", [(1, None, "verwacht een mapping (bestand), maar vond een lijst")]),
        ("tekst-bovenaan", [(1, None, "verwacht een mapping (bestand), maar vond tekst 'personas'")]),
        (
            "lijst-voor-mapping",
            [
                (2, "personas[0]", "verwacht een mapping (persona), maar vond tekst 'jan'"),
                (3, "personas[1]", "verwacht een mapping (persona), maar vond tekst 'piet'"),
            ],
        ),
        (
            "mapping-voor-lijst",
            [(2, "personas", "verwacht een lijst (lijst van persona (mapping)), maar vond een mapping")],
        ),
        ("dubbele-sleutel", [(5, "personas[0].leeftijd", "dubbele sleutel 'leeftijd' (eerder op regel 4)")]),
        ("dubbel-onderdeel", [(7, "personas", "dubbele sleutel 'personas' (eerder op regel 1)")]),
        (
            # the anchors are not expanded: nine times the same list where a persona belongs
            "billion-laughs",
            [
                (i + 1, k, f"onbekende sleutel '{k}' in bestand; toegestaan: {ALLOWED}")
                for i, k in enumerate(["lol", "lol1", "lol2", "lol3", "lol4", "lol5", "lol6"])
            ]
            + [(8, "lol7", f"onbekende sleutel 'lol7' in bestand; toegestaan: {ALLOWED}")]
            + _persona_lijst(9)
            + [(9, "lol8", f"onbekende sleutel 'lol8' in bestand; toegestaan: {ALLOWED}")],
        ),
    ],
)
def test_hostile_yaml(name, expected):
    path = HOSTILE / "yaml" / f"{name}.yaml"
    assert fouten(path) == [(str(path), line, key, bericht) for line, key, bericht in expected]


def test_hostile_files_that_are_made_fresh(tmp_path, monkeypatch):
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    assert fouten(fifo) == [(str(fifo), None, None, NIET_GEWOON)]
    assert fouten(Path("/dev/zero")) == [("/dev/zero", None, None, NIET_GEWOON)]
    diep_blok = write(tmp_path, "diep.yaml", "- " * 100_000 + "x\n")
    assert fouten(diep_blok) == [(str(diep_blok), 1, None, TE_DIEP)]
    groot = tmp_path / "groot.yaml"
    with groot.open("wb") as f:
        f.write(b"personas: []\n")
        f.truncate(yamlread.MAX_BYTES + 123_457)
    assert fouten(groot) == [
        (
            str(groot),
            None,
            None,
            "bestand is te groot (5.366.337 bytes; maximaal 5.242.880 bytes); splits het op in kleinere bestanden",
        )
    ]
    monkeypatch.setattr(yamlread, "MAX_NODES", 1_000)
    veel = write(tmp_path, "veel.yaml", "personas: [" + "a," * 2_400 + "a]\n")
    assert fouten(veel) == [(str(veel), 1, None, TE_VEEL.format("1.000"))]


@pytest.mark.parametrize("name, line", [("alias-bom", 15), ("alias-lange-lijst", 16)])
def test_hostile_alias_expansion(monkeypatch, name, line):
    # the file holds fewer than 5,000 values (the long list has 3,000), its expansion many more
    monkeypatch.setattr(yamlread, "MAX_NODES", 5_000)
    path = HOSTILE / "gemeenten" / name
    assert fouten(path) == [(str(path / "gemeente.yaml"), line, None, TE_GROOT_ALIASSEN.format("5.000"))]


def test_a_file_with_a_byte_order_mark_loads():
    folder = HOSTILE / "bom-data" / "personas"
    (p,) = load_path(folder).personas
    assert (p.id, p.naam, p.plaats) == ("jan-bom", "Jan met BOM", m.Plaats(str(folder / "bom.yaml"), 3))


# --- parse_file ----------------------------------------------------------------------------------------------

PERSONA = "  - {id: %s, naam: Jan, leeftijd: 45, huishouden: alleenstaand, aanname: t}\n"


def test_parse_file_returns_the_validated_document():
    doc = parse_file(("# p\npersonas:\n" + PERSONA % "jan").encode(), "p.yaml")
    assert (doc.file, doc.lineno, doc.lines) == ("p.yaml", 2, {"personas": 2})
    assert doc["personas"] == [
        {"id": "jan", "naam": "Jan", "leeftijd": 45, "huishouden": "alleenstaand", "aanname": "t"}
    ]


def test_a_file_that_cannot_be_read_as_yaml_is_one_error():
    assert file_fouten(b"") == [(SHOWN, None, None, "bestand is leeg")]
    assert file_fouten("a: [1\n") == [
        (
            SHOWN,
            2,
            None,
            "ongeldige YAML: verwachtte ',' of ']' (lijst tussen [ ] niet goed gesloten?) (YAML: did "
            "not find expected ',' or ']')",
        )
    ]


def test_a_file_without_parts_says_what_it_may_hold():
    assert file_fouten("\n\n{}\n") == [
        (SHOWN, 3, None, f"bestand bevat geen onderdelen; verwacht een of meer van: {ALLOWED}")
    ]


def test_a_refused_node_stops_the_file_with_that_one_error():
    # what the validator found before the tag is not reported: the file is refused as a whole
    assert file_fouten("onbekend: 1\npersonas: !kluis []\n") == [
        (SHOWN, 2, None, "YAML-tag '!kluis' is niet toegestaan; journeykit leest alleen gewone YAML")
    ]


def test_every_problem_the_validator_finds_is_reported_with_the_count_of_the_rest():
    text = "".join(f"k{i}: 1\n" for i in range(52))
    with pytest.raises(LoadErrors) as e:
        parse_file(text.encode(), SHOWN)
    *shown, meer = e.value.errors
    assert [(f.regel, f.sleutel) for f in shown] == [(i + 1, f"k{i}") for i in range(50)]
    assert isinstance(meer, MoreErrors) and (meer.bestand, meer.aantal) == (SHOWN, 2)


# --- yaml_files --------------------------------------------------------------------------------------------


def test_yaml_files_lists_the_yaml_files_of_a_folder_sorted(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ["b.yaml", "a.yml", "C.yaml", ".verborgen.yaml", "x.YAML", "notes.txt", "y.yaml.bak", "yaml", ".yaml"]:
        write(data, name, "personas: []\n")
    (data / "sub.yaml").mkdir()  # a folder, even with a YAML name: not read, and not recursed into
    write(data / "sub.yaml", "in.yaml", "personas: []\n")
    (data / ".git").mkdir()
    write(data / ".git", "z.yaml", "personas: []\n")
    elders = write(tmp_path, "elders.yaml", "personas: []\n")
    (data / "link.yaml").symlink_to(elders)  # a link to a file is that file, wherever it is
    (data / "kapot.yaml").symlink_to(tmp_path / "bestaat-niet.yaml")
    (data / "map.yaml").symlink_to(tmp_path)
    (data / "lus.yaml").symlink_to(data / "lus.yaml")
    write(data, "._b.yaml", "\x00\x05\x16\x07")  # what macOS leaves beside b.yaml on a USB stick
    # hidden files are not read
    assert yaml_files(data) == [data / n for n in ["C.yaml", "a.yml", "b.yaml", "link.yaml"]]


def test_yaml_files_of_a_file_is_that_file_whatever_its_name(tmp_path):
    p = write(tmp_path, "notities.txt", "x")
    assert yaml_files(p) == [p]
    assert yaml_files(tmp_path / "weg.yaml") == [tmp_path / "weg.yaml"]
    assert yaml_files(tmp_path / "leeg") == [tmp_path / "leeg"]


def test_an_empty_folder_has_no_yaml_files(tmp_path):
    assert yaml_files(tmp_path) == []
    assert load_path(tmp_path) == Inhoud()


# --- load_path -----------------------------------------------------------------------------------------------

BESTAAT_NIET = "bestand of map bestaat niet"


def test_a_path_that_does_not_exist(tmp_path):
    weg = tmp_path / "weg"
    assert fouten(weg) == [(str(weg), None, None, BESTAAT_NIET)]
    assert fouten(weg, shown="plugin x") == [("plugin x", None, None, BESTAAT_NIET)]
    assert fouten(Path("a\x00b")) == [("a\x00b", None, None, BESTAAT_NIET)]
    (tmp_path / "kapot.yaml").symlink_to(weg)
    assert fouten(tmp_path / "kapot.yaml") == [(str(tmp_path / "kapot.yaml"), None, None, BESTAAT_NIET)]


def test_a_path_that_cannot_be_used(tmp_path):
    lang = tmp_path / ("x" * 300)
    reden = f"onbruikbaar pad: {os.strerror(errno.ENAMETOOLONG)}"
    assert fouten(lang) == [(str(lang)[:199] + "…", None, None, reden)]
    assert fouten(lang, shown="plugin x") == [("plugin x", None, None, reden)]


@pytest.mark.parametrize(
    "error, reden",
    [
        (PermissionError(errno.EACCES, "Geen toegang"), "Geen toegang"),
        (OSError("zonder nummer"), "zonder nummer"),
        (ValueError("embedded null byte"), "embedded null byte"),
    ],
)
def test_a_folder_that_cannot_be_listed(tmp_path, error, reden):
    class Onleesbaar(type(tmp_path)):
        def iterdir(self):
            raise error

    assert fouten(Onleesbaar(tmp_path)) == [(str(tmp_path), None, None, f"onbruikbaar pad: {reden}")]
    assert fouten(Onleesbaar(tmp_path), shown="data") == [("data", None, None, f"onbruikbaar pad: {reden}")]


def test_files_are_named_under_the_name_shown(tmp_path):
    write(tmp_path, "a.yaml", "{}\n")
    write(tmp_path, "b.yml", "personas: x\n")
    leeg = f"bestand bevat geen onderdelen; verwacht een of meer van: {ALLOWED}"
    lijst = "verwacht een lijst (lijst van persona (mapping)), maar vond tekst 'x'"
    assert fouten(tmp_path, shown="data") == [
        ("data/a.yaml", 1, None, leeg),
        ("data/b.yml", 1, "personas", lijst),
    ]
    assert fouten(tmp_path) == [
        (str(tmp_path / "a.yaml"), 1, None, leeg),
        (str(tmp_path / "b.yml"), 1, "personas", lijst),
    ]
    assert fouten(tmp_path / "a.yaml", shown="een.yaml") == [("een.yaml", 1, None, leeg)]
    assert fouten(tmp_path / "a.yaml") == [(str(tmp_path / "a.yaml"), 1, None, leeg)]


def test_the_files_of_a_folder_load_in_sorted_order(tmp_path):
    write(tmp_path, "b.yaml", "personas:\n" + PERSONA % "b")
    write(tmp_path, "a.yaml", "personas:\n" + PERSONA % "a1" + PERSONA % "a2")
    inhoud = load_path(tmp_path, shown="d")
    assert [(p.id, p.plaats) for p in inhoud.personas] == [
        ("a1", m.Plaats("d/a.yaml", 2)),
        ("a2", m.Plaats("d/a.yaml", 3)),
        ("b", m.Plaats("d/b.yaml", 2)),
    ]


def test_every_file_is_read_and_parsed_and_all_problems_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_BYTES", 30)
    write(tmp_path, "a.yaml", "personas: []\n" + "#" * 30)
    write(tmp_path, "b.yaml", "personas: [\n")
    write(tmp_path, "c.yaml", "personas:\n" + "  - {}\n")
    fifo = tmp_path / "d.yaml"
    os.mkfifo(fifo)  # not a file: not listed
    assert fouten(tmp_path, shown="d") == [
        (
            "d/a.yaml",
            None,
            None,
            "bestand is te groot (43 bytes; maximaal 30 bytes); splits het op in kleinere bestanden",
        ),
        (
            "d/b.yaml",
            2,
            None,
            "ongeldige YAML: verwachtte een waarde (een losse ',', ':' of '-' tussen [ ] of { }?) "
            "(YAML: did not find expected node content)",
        ),
        ("d/c.yaml", 2, "personas[0]", "persona zegt niet waar het vandaan komt: geef 'bron' of 'aanname'"),
        ("d/c.yaml", 2, "personas[0].huishouden", "verplichte sleutel 'huishouden' ontbreekt in persona"),
        ("d/c.yaml", 2, "personas[0].id", "verplichte sleutel 'id' ontbreekt in persona"),
        ("d/c.yaml", 2, "personas[0].leeftijd", "verplichte sleutel 'leeftijd' ontbreekt in persona"),
        ("d/c.yaml", 2, "personas[0].naam", "verplichte sleutel 'naam' ontbreekt in persona"),
    ]


def test_the_file_that_crosses_the_budget_stops_the_load(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_BYTES", 30)
    write(tmp_path, "a.yaml", "#" * 31)  # too large: not read, not charged
    write(tmp_path, "b.yaml", "{}\n")  # read, but not parsed: the load stops first
    write(tmp_path, "c.yaml", "personas: []\n")  # 13 bytes: crosses the budget
    write(tmp_path, "d.yaml", "kapot: [\n")  # not read at all
    budget = LoadBudget(15)
    assert fouten(tmp_path, shown="d", budget=budget) == [
        (
            "d/a.yaml",
            None,
            None,
            "bestand is te groot (31 bytes; maximaal 30 bytes); splits het op in kleinere bestanden",
        ),
        (
            "d/c.yaml",
            None,
            None,
            "de data is in totaal te groot: met dit bestand (13 bytes) komt alles samen boven de grens van 15 bytes; "
            "laad minder of kleinere bestanden",
        ),
    ]
    assert budget.used == 3


def test_a_budget_that_holds_every_file_loads_them(tmp_path):
    write(tmp_path, "a.yaml", "personas:\n" + PERSONA % "a")
    write(tmp_path, "b.yaml", "personas: []\n")
    size = (tmp_path / "a.yaml").stat().st_size + 13
    budget = LoadBudget(size)
    assert [p.id for p in load_path(tmp_path, budget=budget).personas] == ["a"]
    assert budget.used == size


class _Cache:
    """cache.get and cache.put, seen from the loader."""

    def __init__(self, monkeypatch, hit=None):
        self.gets: list[str] = []
        self.puts: list[tuple[str, object]] = []
        self.hit = hit
        monkeypatch.setattr(cache, "get", self.get)
        monkeypatch.setattr(cache, "put", lambda k, v: self.puts.append((k, v)))

    def get(self, k):
        self.gets.append(k)
        return self.hit


def test_a_load_is_stored_under_the_names_and_bytes_of_its_files(tmp_path, monkeypatch):
    a = write(tmp_path, "a.yaml", "personas:\n" + PERSONA % "a")
    write(tmp_path, "b.yaml", "personas: []\n")
    spy = _Cache(monkeypatch)
    inhoud = load_path(tmp_path, shown="d")
    k = cache.key([("d/a.yaml", a.read_bytes()), ("d/b.yaml", b"personas: []\n")])
    assert spy.gets == [k] and spy.puts == [(k, inhoud)]
    assert [p.id for p in inhoud.personas] == ["a"]


def test_a_stored_load_is_returned_without_reading_the_yaml(tmp_path, monkeypatch):
    write(tmp_path, "a.yaml", "onzin: [\n")
    opgeslagen = Inhoud(personas=["uit de cache"])
    spy = _Cache(monkeypatch, hit=opgeslagen)
    assert load_path(tmp_path / "a.yaml", shown="a") is opgeslagen
    assert spy.gets == [cache.key([("a", b"onzin: [\n")])] and spy.puts == []


def test_a_load_with_problems_is_not_stored(tmp_path, monkeypatch):
    spy = _Cache(monkeypatch)
    write(tmp_path, "a.yaml", "onzin: [\n")
    assert len(fouten(tmp_path / "a.yaml", shown="a")) == 1
    assert spy.gets == [cache.key([("a", b"onzin: [\n")])] and spy.puts == []
    # a file that could not be read: the key would not describe the load, so the cache is not asked
    spy.gets.clear()
    os.mkfifo(tmp_path / "c.yaml")
    assert fouten(tmp_path / "c.yaml", shown="c") == [("c", None, None, NIET_GEWOON)]
    assert spy.gets == [] and spy.puts == []


# --- build ---------------------------------------------------------------------------------------------------

# Line numbers matter: 1 gemeente, 2 id, ..., 9 the ingang, 11 the regel, 12 bij, 13 dan.
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
    dan: {actie: oplossen, niveau: algemeen}
    aanname: t
"""
SLEUTELMOMENT = (
    "  - {id: %s, naam: S, aanname: t, vragen: [{id: v, omschrijving: V, levensgebied: zorg, soort: hbh}]}\n"
)
REIS = "  - {id: %s, naam: R, persona: jan, sleutelmoment: s, gemeente: g, aanname: t}\n"
SCENARIO = "scenario:\n  id: sc\n  naam: Sc\n  gemeente: g\n  aanname: t\n"
RISICO = "  - {id: krap, naam: Krap, bron: {bestand: b.txt, citaat: c}}\n"
AANDEEL = "  - {id: deel, naam: Deel, variant: a, maximaal: 0.5, bron: {bestand: b.txt, citaat: c}}\n"


def docs(*files: tuple[str, str]) -> list:
    return [parse_file(text.encode(), name) for name, text in files]


def build_fouten(*files: tuple[str, str]) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(LoadErrors) as e:
        build(docs(*files))
    return [as_tuple(f) for f in e.value.errors]


def test_build_reads_every_part_of_every_file():
    inhoud = build(
        docs(
            ("a.yaml", GEMEENTE + "risicos:\n" + RISICO + "aandelen:\n" + AANDEEL),
            ("b.yaml", "personas:\n" + PERSONA % "jan" + "sleutelmomenten:\n" + SLEUTELMOMENT % "s"),
            ("c.yaml", "reizen:\n" + REIS % "r" + "personas:\n" + PERSONA % "piet"),
            ("d.yaml", SCENARIO),
        )
    )
    (g,) = inhoud.gemeenten
    assert g.id == "g" and g.plaats == m.Plaats("a.yaml", 2)
    assert [i.id for i in g.ingangen] == ["loket"] and [r.id for r in g.regels] == ["r1"]
    assert [(r.id, r.gemeente) for r in g.risicos] == [("krap", "g")]
    assert [(a.id, a.gemeente, a.maximaal) for a in g.aandelen] == [("deel", "g", 0.5)]
    assert [p.id for p in inhoud.personas] == ["jan", "piet"]
    assert [s.id for s in inhoud.sleutelmomenten] == ["s"]
    assert [(r.id, r.persona) for r in inhoud.reizen] == [("r", "jan")]
    assert [(s.id, s.gemeente, s.plaats) for s in inhoud.scenarios] == [("sc", "g", m.Plaats("d.yaml", 2))]
    assert inhoud.waarschuwingen == []


def test_build_of_nothing_is_nothing():
    assert build([]) == Inhoud()
    assert build(docs(("a.yaml", "personas: []\n"))) == Inhoud()


def test_a_rule_that_resolves_anything_at_a_narrow_place_is_a_warning():
    text = GEMEENTE.replace("aanname: t}\n", "taak: [hbh], aanname: t}\n", 1)
    inhoud = build(docs(("a.yaml", text)))
    assert [g.id for g in inhoud.gemeenten] == ["g"]
    assert [as_tuple(w) for w in inhoud.waarschuwingen] == [
        (
            "a.yaml",
            13,
            "dan",
            "regel 'r1' lost elke vraag op bij 'loket', maar 'loket' kan alleen hbh oplossen: geef de regel een 'als' "
            "op vraag.soort",
        )
    ]


@pytest.mark.parametrize(
    "extra, line, key, bericht",
    [
        ("", 12, "bij", "onbekende ingang 'lokett' (bedoelde u 'loket'?)"),  # the gemeente itself
        (
            "risicos:\n  - {id: krap, naam: Krap, aanname: t}\n",
            16,
            "bron",
            "risico 'krap' noemt geen bron met citaat: een risico staat in de bronnen, of het is geen risico van de "
            "bron",
        ),
        (
            "aandelen:\n  - {id: deel, naam: Deel, variant: a, bron: {bestand: b.txt, citaat: c}}\n",
            16,
            None,
            "aandeel 'deel' geeft geen 'minimaal' en geen 'maximaal'",
        ),
    ],
    ids=["gemeente", "risico", "aandeel"],
)
def test_a_gemeente_with_a_problem_is_not_built(extra, line, key, bericht):
    text = GEMEENTE + extra
    if not extra:
        text = text.replace("bij: loket", "bij: lokett")
    assert build_fouten(("a.yaml", text)) == [("a.yaml", line, key, bericht)]


def test_a_problem_of_a_sleutelmoment_is_reported():
    text = "sleutelmomenten:\n  - id: s\n    naam: S\n    aanname: t\n    vragen:\n"
    text += "      - {id: v, omschrijving: V, levensgebied: zorg, soort: hbh}\n" * 2
    assert build_fouten(("a.yaml", text)) == [("a.yaml", 7, "id", "dubbele vraag-id 'v' in sleutelmoment 's'")]
    # with a sleutelmoment after it, and a gemeente without problems, in the same load
    text += SLEUTELMOMENT % "t"
    assert build_fouten(("a.yaml", GEMEENTE), ("b.yaml", text)) == [
        ("b.yaml", 7, "id", "dubbele vraag-id 'v' in sleutelmoment 's'")
    ]


@pytest.mark.parametrize(
    "part, soort",
    [("personas", "persona"), ("sleutelmomenten", "sleutelmoment"), ("reizen", "reis")],
)
def test_an_id_twice_across_files(part, soort):
    record = {"personas": PERSONA, "sleutelmomenten": SLEUTELMOMENT, "reizen": REIS}[part]
    a = f"{part}:\n" + record % "x"
    b = f"# b\n{part}:\n" + record % "y" + record % "x"
    assert build_fouten(("a.yaml", a), ("b.yaml", b), ("c.yaml", a)) == [
        ("b.yaml", 4, "id", f"dubbele {soort}-id 'x' (eerder in a.yaml:2)"),
        ("c.yaml", 2, "id", f"dubbele {soort}-id 'x' (eerder in a.yaml:2)"),
    ]


def test_a_second_gemeente_names_the_first():
    tweede = "personas: []\n" + GEMEENTE
    assert build_fouten(("a.yaml", tweede), ("b.yaml", tweede), ("c.yaml", GEMEENTE)) == [
        ("b.yaml", 2, "gemeente", "tweede 'gemeente' in dezelfde data (de eerste staat in a.yaml:2)"),
        ("c.yaml", 1, "gemeente", "tweede 'gemeente' in dezelfde data (de eerste staat in a.yaml:2)"),
    ]
    assert build_fouten(("a.yaml", GEMEENTE), ("b.yaml", tweede)) == [
        ("b.yaml", 2, "gemeente", "tweede 'gemeente' in dezelfde data (de eerste staat in a.yaml:1)")
    ]


ZONDER = "'{}' zonder 'gemeente': ingangen, regels, risico's en aandelen horen bij de data van een gemeente"


@pytest.mark.parametrize(
    "text, key, line",
    [
        (
            "ingangen:\n  - {id: loket, naam: L, soort: loket, kanalen: [telefoon], stappen: [s], aanname: t}\n",
            "ingangen",
            2,
        ),
        (
            "personas: []\nregels:\n  - {id: r, bij: loket, dan: {actie: oplossen, niveau: algemeen}, aanname: t}\n",
            "regels",
            3,
        ),
        ("risicos:\n" + RISICO, "risicos", 2),
        ("aandelen:\n" + AANDEEL, "aandelen", 2),
        # in the order of the parts, not of the file
        ("aandelen:\n" + AANDEEL + "risicos:\n" + RISICO, "risicos", 4),
    ],
    ids=["ingangen", "regels", "risicos", "aandelen", "aandelen-en-risicos"],
)
def test_parts_of_a_gemeente_without_one(text, key, line):
    # reported once, in the first file that has one
    got = build_fouten(("a.yaml", "personas: []\n"), ("b.yaml", "\n" + text), ("c.yaml", text))
    assert got == [("b.yaml", line, key, ZONDER.format(key))]


# --- load_scenario -------------------------------------------------------------------------------------------

ALLEEN_SCENARIO = "een scenariobestand bevat precies één 'scenario' en verder niets"


def test_a_scenario_file(tmp_path):
    sc = load_scenario(write(tmp_path, "s.yaml", SCENARIO))
    assert (sc.id, sc.naam, sc.gemeente, sc.plaats) == ("sc", "Sc", "g", m.Plaats(str(tmp_path / "s.yaml"), 2))


@pytest.mark.parametrize(
    "text",
    [
        "personas:\n" + PERSONA % "jan",
        SCENARIO + "personas:\n" + PERSONA % "jan",
        SCENARIO + "reizen:\n" + REIS % "r",
        SCENARIO + GEMEENTE,
        SCENARIO
        + "sleutelmomenten:\n  - {id: s, naam: S, aanname: t, vragen: [{id: v, omschrijving: V, levensgebied: zorg,"
        " soort: hbh}]}\n",
    ],
    ids=["geen-scenario", "persona", "reis", "gemeente", "sleutelmoment"],
)
def test_a_scenario_file_holds_one_scenario_and_nothing_else(tmp_path, text):
    path = write(tmp_path, "s.yaml", text)
    with pytest.raises(LoadErrors) as e:
        load_scenario(path)
    assert [as_tuple(f) for f in e.value.errors] == [(str(path), None, "scenario", ALLEEN_SCENARIO)]


def test_a_folder_of_two_scenarios_is_not_a_scenario_file(tmp_path):
    write(tmp_path, "a.yaml", SCENARIO)
    write(tmp_path, "b.yaml", SCENARIO)
    with pytest.raises(LoadErrors) as e:
        load_scenario(tmp_path)
    assert [as_tuple(f) for f in e.value.errors] == [(str(tmp_path), None, "scenario", ALLEEN_SCENARIO)]


def test_a_scenario_file_that_does_not_load_gives_its_own_problems(tmp_path):
    with pytest.raises(LoadErrors) as e:
        load_scenario(tmp_path / "weg.yaml")
    assert [as_tuple(f) for f in e.value.errors] == [(str(tmp_path / "weg.yaml"), None, None, BESTAAT_NIET)]

"""Read YAML safely into nodes that keep their line numbers.

Only the standard YAML tags are allowed, nothing is constructed from tags, and
size, depth and alias expansion are bounded so hostile files fail with a clear
message instead of exhausting memory.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import yaml

from journeykit.errors import LoadError, getal, kort

MAX_BYTES = 5 * 1024 * 1024
# All files read with one LoadBudget together: thirty files just under MAX_BYTES took over a
# gigabyte to load. The YAML journeykit ships (plugins, personas, journeys) is under 0.5 MB.
MAX_TOTAL_BYTES = 25 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000
_TE_DIEP = f"te diep genest (maximaal {MAX_DEPTH} niveaus)"

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


class TotalTooLarge(LoadError):
    """The file that took a load over its LoadBudget."""


class LoadBudget:
    """The bytes that all files read with it may hold together; one per catalog.

    MAX_BYTES bounds each file, but not how many there are: this bounds the memory of a whole
    load. A file that does not fit is not read, and is not counted.
    """

    def __init__(self, limit: int = MAX_TOTAL_BYTES):
        self.limit = limit
        self.used = 0

    def charge(self, size: int, shown: str) -> None:
        """Count ``size`` more bytes for file ``shown``; raise TotalTooLarge if they do not fit."""
        if self.used + size > self.limit:
            raise TotalTooLarge(
                shown,
                None,
                None,
                f"de data is in totaal te groot: met dit bestand ({getal(size)} "
                f"bytes) komt alles samen boven de grens van {getal(self.limit)} bytes; laad minder "
                "of kleinere bestanden",
            )
        self.used += size


def read_bytes(path: Path, shown: str, budget: LoadBudget | None = None) -> bytes:
    """The bytes of a data file, refusing what is not a regular file, is too large or exceeds ``budget``."""
    try:
        st = path.stat()
        # A FIFO would block the read, and /dev/zero would never end: only regular files are data.
        if not stat.S_ISREG(st.st_mode):
            raise LoadError(shown, None, None, "is geen gewoon bestand (maar een apparaat, pipe of socket)")
        if st.st_size > MAX_BYTES:
            raise LoadError(shown, None, None, _te_groot(st.st_size))
        if budget is not None:
            budget.charge(st.st_size, shown)  # before reading: a file that does not fit is not read
        with path.open("rb") as f:
            # Read one byte more than allowed: a file that grows while we read is still caught.
            data = f.read(MAX_BYTES + 1)
        if budget is not None and len(data) > st.st_size:
            budget.charge(len(data) - st.st_size, shown)  # it grew since stat()
    except OSError as e:
        raise LoadError(shown, None, None, f"kan bestand niet lezen: {e.strerror or e}") from None
    return data


_GEEN_REGELEINDE = {0x85: " ", 0x2028: " ", 0x2029: " "}


def _regel(data: bytes) -> int:
    """The line a position is on, given the bytes before it; CR, LF and CR LF each end a line."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1


def _te_groot(size: int | None) -> str:
    """The message for a file over MAX_BYTES; ``size`` is None when only a part was read."""
    groot = getal(size) if size is not None else f"meer dan {getal(MAX_BYTES)}"
    return (
        f"bestand is te groot ({groot} bytes; maximaal {getal(MAX_BYTES)} bytes); splits het op in kleinere bestanden"
    )


def parse_bytes(data: bytes, shown: str) -> yaml.Node:
    if len(data) > MAX_BYTES:
        # read_bytes reads one byte past the limit, so then the real size is unknown
        raise LoadError(shown, None, None, _te_groot(len(data) if len(data) > MAX_BYTES + 1 else None))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(shown, 1, None, "bestand is UTF-16-tekst; sla het op als UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        # utf-8-sig counts from after a byte order mark
        at = e.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        raise LoadError(
            shown,
            _regel(data[:at]),
            None,
            f"bestand is geen geldige UTF-8-tekst (byte 0x{data[at]:02X}); sla het op als UTF-8",
        ) from None
    # YAML counts NEL, LS and PS as line breaks, editors do not: line numbers after one would
    # drift from what the user sees. They are copy-paste debris from PDFs and Word; a space keeps
    # the words apart, as YAML's own folding would.
    if not text.isascii() and ("\x85" in text or "\u2028" in text or "\u2029" in text):
        text = text.translate(_GEEN_REGELEINDE)  # slow per character, so only when needed
    # Windows (CR LF) and old Mac (CR) line ends become LF, as YAML reads them anyway: the line
    # numbers below count LF, and a file with only CRs would otherwise be one long line 1.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise LoadError(
            shown,
            text[: text.index("\x00")].count("\n") + 1,
            None,
            "bestand bevat een NUL-teken; is het wel een tekstbestand?",
        )
    try:
        shallow = _provably_shallow(text)
        if not shallow:
            _check_shape(text, shown)
        node = yaml.compose(text, Loader=Loader)
        if shallow and node is not None:
            _check_depth(node, shown)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        # At the end of a file without a final newline libyaml points one line past the last.
        line = min(mark.line + 1, text.count("\n") + 1) if mark else None
        what = (e.problem or e.context or "ongeldige YAML").strip()
        raise LoadError(shown, line, None, f"ongeldige YAML: {_vertaal(what)}{_tab_hint(text, mark, what)}") from None
    except yaml.reader.ReaderError as e:
        # Not a MarkedYAMLError: it knows only the position, in bytes of the UTF-8 text for libyaml.
        line = text.encode("utf-8")[: e.position].count(b"\n") + 1
        raise LoadError(
            shown,
            line,
            None,
            f"ongeldige YAML: teken U+{e.character:04X} is niet toegestaan"
            if isinstance(e.character, int)
            else f"ongeldige YAML: {_vertaal(e.reason)}",
        ) from None
    except yaml.YAMLError as e:
        raise LoadError(shown, None, None, f"ongeldige YAML: {kort(e, 500)}") from None
    except RecursionError:
        raise LoadError(shown, None, None, _TE_DIEP) from None
    # '---' alone is a document with an empty value: as empty as an empty file.
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null" and not node.value):
        raise LoadError(shown, None, None, "bestand is leeg")
    return node


# Everything libyaml's reader, scanner, parser and PyYAML's composer can complain about, in plain
# Dutch; the original stays behind it, for searching. Texts that occur more than once are named.
_VERSIE = "ongeldig versienummer na %YAML (schrijf bijvoorbeeld %YAML 1.1, of laat de regel weg)"
_TAG_ESCAPE = "ongeldige %-code in een tag (verwacht '%' met twee hexadecimale cijfers)"
_UTF8 = "ongeldige UTF-8-tekst (sla het bestand op als UTF-8)"
_UTF16 = "ongeldige UTF-16-tekst (sla het bestand op als UTF-8)"

_VERTALING = {
    # scanner
    "found character that cannot start any token": "een teken dat hier niet kan (een tab, of @ of ` vooraan?)",
    "mapping values are not allowed in this context": "een ':' waar dat niet kan (zet tekst met ': ' tussen aanhalingstekens)",
    "mapping keys are not allowed in this context": "een '?' (begin van een sleutel) waar dat niet kan (zet tekst die met '?' begint tussen aanhalingstekens)",
    "block sequence entries are not allowed in this context": "een '-' waar geen lijst kan beginnen (inspringing?)",
    "found unexpected end of stream": "het bestand houdt onverwacht op (een aanhalingsteken of haakje niet gesloten?)",
    "could not find expected ':'": "verwachtte een ':' (klopt de inspringing?)",
    "found a tab character that violates indentation": "een tab in de inspringing",
    "found a tab character where an indentation space is expected": "een tab waar inspringing met spaties hoort",
    "found unknown escape character": "onbekende code na '\\' in tekst tussen dubbele aanhalingstekens",
    "did not find expected hexdecimal number": "na '\\x', '\\u' of '\\U' horen hexadecimale cijfers (bedoelt u een '\\' in tekst tussen dubbele "
    "aanhalingstekens, schrijf dan '\\\\' of gebruik enkele aanhalingstekens)",
    "found invalid Unicode character escape code": "een '\\u'- of '\\U'-code in tekst tussen dubbele aanhalingstekens die geen geldig teken is",
    "found unexpected document indicator": "'---' of '...' vooraan een regel midden in tekst tussen aanhalingstekens (aanhalingsteken niet gesloten?)",
    "found unexpected ':'": "een ':' op een onverwachte plek (zet tekst met ':' tussen aanhalingstekens)",
    "did not find expected alphabetic or numeric character": "verwachtte een letter of cijfer, zoals de naam na '&' of '*' (zet tekst die met & of * begint tussen "
    "aanhalingstekens)",
    "did not find expected comment or line break": "onverwachte tekst op deze regel (verwachtte commentaar of het einde van de regel; na '|' of '>' mogen "
    "alleen '+', '-' of een cijfer staan)",
    "found an indentation indicator equal to 0": "inspringing 0 na '|' of '>' (gebruik 1 tot en met 9, of laat het cijfer weg)",
    "could not find expected directive name": "een regel die met '%' begint, zonder naam erna (zet tekst die met '%' begint tussen aanhalingstekens)",
    "found unknown directive name": "onbekende aanwijzing na '%' (alleen %YAML en %TAG bestaan; zet tekst die met '%' begint tussen "
    "aanhalingstekens)",
    "found unexpected non-alphabetical character": "een vreemd teken in een aanwijzing na '%' (zet tekst die met '%' begint tussen aanhalingstekens)",
    "did not find expected version number": _VERSIE,
    "did not find expected digit or '.' character": _VERSIE,
    "found extremely long version number": _VERSIE,
    "did not find expected whitespace": "verwachtte een spatie (in een regel die met '%' begint)",
    "did not find expected '!'": "verwachtte een '!' (in een tag of een %TAG-regel)",
    "did not find expected tag URI": "een tag zonder naam (wat tussen !< en > staat is leeg of ongeldig)",
    "did not find the expected '>'": "een tag die met '!<' begint maar niet met '>' eindigt",
    "did not find URI escaped octet": _TAG_ESCAPE,
    "found an incorrect leading UTF-8 octet": _TAG_ESCAPE,
    "found an incorrect trailing UTF-8 octet": _TAG_ESCAPE,
    "did not find expected whitespace or line break": "verwachtte een spatie of het einde van de regel na een tag",
    "exceeded maximum nesting depth": _TE_DIEP,
    # parser
    "Maximum nesting level reached, set with yaml_set_max_nest_level())": _TE_DIEP,
    "did not find expected key": "verwachtte een sleutel (klopt de inspringing?)",
    "did not find expected ',' or ']'": "verwachtte ',' of ']' (lijst tussen [ ] niet goed gesloten?)",
    "did not find expected ',' or '}'": "verwachtte ',' of '}' (mapping tussen { } niet goed gesloten?)",
    "did not find expected '-' indicator": "verwachtte een '-' van een lijst (klopt de inspringing?)",
    "did not find expected node content": "verwachtte een waarde (een losse ',', ':' of '-' tussen [ ] of { }?)",
    "did not find expected <document start>": "onverwachte tekst na het einde van het document (een ']' of '}' te veel, of een regel met '%' zonder "
    "'---' erna?)",
    "did not find expected <stream-start>": "het bestand begint niet als YAML",
    "found duplicate %YAML directive": "twee keer %YAML in één document",
    "found duplicate %TAG directive": "dezelfde %TAG-afkorting is twee keer gedefinieerd",
    "found incompatible YAML document": "een YAML-versie die niet gelezen kan worden (alleen %YAML 1.x)",
    "found undefined tag handle": "een tag met een afkorting (zoals !x!naam) die nergens met %TAG is gedefinieerd",
    # composer
    "found undefined alias": "een alias (*naam) zonder anker (&naam)",
    "second occurrence": "een anker (&naam) dat al eerder in dit bestand staat; geef het een andere naam",
    "but found another document": "meer dan één YAML-document ('---') in één bestand",
    # reader
    "control characters are not allowed": "een stuurteken, en die zijn niet toegestaan",
    "invalid leading UTF-8 octet": _UTF8,
    "invalid trailing UTF-8 octet": _UTF8,
    "incomplete UTF-8 octet sequence": _UTF8,
    "invalid length of a UTF-8 sequence": _UTF8,
    "invalid Unicode character": "een ongeldig Unicode-teken",
    "incomplete UTF-16 character": _UTF16,
    "incomplete UTF-16 surrogate pair": _UTF16,
    "expected low surrogate area": _UTF16,
    "unexpected low surrogate area": _UTF16,
    "input is too long": "het bestand is te lang",
    "input error": "het bestand kon niet gelezen worden",
}

# PyYAML's own parser, used when libyaml is missing, says the same in its own words, often naming
# what it found (%r): each of its texts with the libyaml text it stands for.
_PYYAML = {
    "mapping values are not allowed here": "mapping values are not allowed in this context",
    "mapping keys are not allowed here": "mapping keys are not allowed in this context",
    "sequence entries are not allowed here": "block sequence entries are not allowed in this context",
    "found character %r that cannot start any token": "found character that cannot start any token",
    "expected ',' or ']', but got %r": "did not find expected ',' or ']'",
    "expected ',' or '}', but got %r": "did not find expected ',' or '}'",
    "expected <block end>, but found %r": "did not find expected key",
    "expected the node content, but found %r": "did not find expected node content",
    "expected '<document start>', but found %r": "did not find expected <document start>",
    "found unexpected document separator": "found unexpected document indicator",
    "found undefined alias %r": "found undefined alias",
    "found unknown escape character %r": "found unknown escape character",
    "expected escape sequence of %d hexadecimal numbers, but found %r": "did not find expected hexdecimal number",
    "expected indentation indicator in the range 1-9, but found 0": "found an indentation indicator equal to 0",
    "expected chomping or indentation indicators, but found %r": "did not find expected comment or line break",
    "expected a comment or a line break, but found %r": "did not find expected comment or line break",
    "expected alphabetic or numeric character, but found %r": "did not find expected alphabetic or numeric character",
    "expected a digit, but found %r": "did not find expected version number",
    "expected a digit or ' ', but found %r": "did not find expected version number",
    "expected a digit or '.', but found %r": "did not find expected version number",
    "found duplicate YAML directive": "found duplicate %YAML directive",
    "found incompatible YAML document (version 1.* is required)": "found incompatible YAML document",
    "duplicate tag handle %r": "found duplicate %TAG directive",
    "found undefined tag handle %r": "found undefined tag handle",
    "expected ' ', but found %r": "did not find expected whitespace",
    "expected '!', but found %r": "did not find expected '!'",
    "expected '>', but found %r": "did not find the expected '>'",
    "expected URI, but found %r": "did not find expected tag URI",
    "expected URI escape sequence of 2 hexadecimal numbers, but found %r": "did not find URI escaped octet",
    "special characters are not allowed": "control characters are not allowed",
}
_PATRONEN = [
    (re.compile(re.escape(pyyaml).replace("%r", ".+").replace("%d", "[0-9]+")), _VERTALING[libyaml])
    for pyyaml, libyaml in _PYYAML.items()
]


def vertaling(what: str) -> str | None:
    """The Dutch for a problem that libyaml or PyYAML reports, or None if it is not known."""
    nl = _VERTALING.get(what)
    if nl is None:
        nl = next((nl for patroon, nl in _PATRONEN if patroon.fullmatch(what)), None)
    return nl


def _vertaal(what: str) -> str:
    # Still a Dutch sentence for a problem a newer libyaml may add.
    return f"{vertaling(what) or 'de YAML-lezer meldt een probleem'} (YAML: {what})"


def _tab_hint(text: str, mark: yaml.Mark | None, what: str) -> str:
    """libyaml does not always say that a tab is the problem; look at the line it points to."""
    if "tab" in what or "\t" in what:
        return " (tabs zijn niet toegestaan als inspringing; gebruik spaties)"
    if mark is not None:
        lines = text.split("\n")
        for n in (mark.line, mark.line - 1):
            if 0 <= n < len(lines) and "\t" in lines[n][: len(lines[n]) - len(lines[n].lstrip())]:
                return " (tabs zijn niet toegestaan als inspringing; gebruik spaties)"
    return ""


# The composer recurses in C once per level: on the main thread it survives 20,000 levels and a
# 512 KiB thread stack 1,000 (measured with pyyaml 6.0 / libyaml 0.2.5).
_SAFE_DEPTH = 1_000


def _provably_shallow(text: str) -> bool:
    """Whether ``text`` is too small to hold more than MAX_NODES values or _SAFE_DEPTH levels.

    Then _check_shape's extra parse can be skipped; the validator still enforces MAX_DEPTH
    and MAX_NODES on the composed tree. Even two values per character would stay within
    MAX_NODES.
    """
    return len(text) <= MAX_NODES // 2 and depth_bound(text) <= _SAFE_DEPTH


def depth_bound(text: str) -> int:
    """An upper bound on how deep the collections in YAML ``text`` nest.

    Nested block collections start at least one column further in at least every second
    level, so the longest line bounds their depth; a flow collection needs a bracket.
    """
    longest = max(map(len, text.split("\n")))
    return 2 * (longest + 1) + text.count("[") + text.count("{")


def _check_depth(root: yaml.Node, shown: str) -> None:
    """_check_shape's depth limit, on a composed tree: the same message where the schema would stop earlier."""
    seen: set[int] = set()
    todo = [(root, 1)]
    while todo:
        node, depth = todo.pop()
        if id(node) in seen:  # an alias: its anchor's subtree is checked once
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise LoadError(shown, line_of(node), None, _TE_DIEP)
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            continue
        # reversed, so the first too-deep collection in the file is the one reported, as in _check_shape
        todo += [(n, depth + 1) for n in reversed(children) if not isinstance(n, yaml.ScalarNode)]


def _check_shape(text: str, shown: str) -> None:
    """Refuse too deep nesting and too many values before the composer sees them.

    The composer recurses once per level, in C: a few hundred thousand nested levels
    (block or flow style) crash the interpreter rather than raise. The parser's
    events are flat, so counting depth on them is safe and exact (brackets inside
    strings do not count). Counting values here also saves composing a file that
    would be refused anyway.
    """
    depth = 0
    count = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise LoadError(shown, _event_line(event), None, _TE_DIEP)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
            continue
        elif not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            continue
        count += 1
        if count > MAX_NODES:
            raise LoadError(
                shown,
                _event_line(event),
                None,
                f"bestand bevat te veel waarden (meer dan {getal(MAX_NODES)}); splits het op in kleinere bestanden",
            )


class NodeBudget:
    """Counts nodes visited, so aliases cannot expand a small file into a huge one."""

    def __init__(self, shown: str):
        self.shown = shown
        self.count = 0

    def visit(self, node: yaml.Node, depth: int) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise LoadError(
                self.shown,
                line_of(node),
                None,
                f"bestand is te groot na het uitvouwen van ankers/aliassen (meer dan {getal(MAX_NODES)} waarden)",
            )
        if depth > MAX_DEPTH:
            raise LoadError(self.shown, line_of(node), None, _TE_DIEP)
        if node.tag not in STANDARD_TAGS:
            if node.tag == "tag:yaml.org,2002:merge":  # a plain '<<' key: no tag written, so say what it is
                raise LoadError(
                    self.shown,
                    line_of(node),
                    None,
                    "een samenvoegsleutel ('<<: *anker') wordt niet ondersteund; schrijf de sleutels uit",
                )
            raise LoadError(
                self.shown,
                line_of(node),
                None,
                f"YAML-tag '{kort(node.tag, 100)}' is niet toegestaan; journeykit leest alleen gewone YAML",
            )


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _event_line(event: yaml.Event) -> int:
    # Event's mark is optional in the stubs, but the parser marks every event it yields
    assert event.start_mark is not None
    return event.start_mark.line + 1

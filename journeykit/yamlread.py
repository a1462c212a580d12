"""Read YAML safely into nodes that keep their line numbers.

Only the standard YAML tags are allowed, nothing is constructed from tags, and
size, depth and alias expansion are bounded so hostile files fail with a clear
message instead of exhausting memory.
"""

from __future__ import annotations

import stat
from pathlib import Path

import yaml

from journeykit.errors import LaadFout, getal

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000
_TE_DIEP = f"te diep genest (maximaal {MAX_DEPTH} niveaus)"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:timestamp",
}


def read_nodes(path: Path, shown: str | None = None) -> yaml.Node:
    """Parse ``path`` into a node tree; raise LaadFout naming file and line on any problem."""
    shown = shown or str(path)
    return parse_bytes(read_bytes(path, shown), shown)


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of a data file, refusing what is not a regular file or is too large."""
    try:
        st = path.stat()
        # A FIFO would block the read, and /dev/zero would never end: only regular files are data.
        if not stat.S_ISREG(st.st_mode):
            raise LaadFout(shown, None, None, "is geen gewoon bestand (maar een apparaat, pipe of socket)")
        if st.st_size > MAX_BYTES:
            raise LaadFout(shown, None, None, _te_groot(st.st_size))
        with path.open("rb") as f:
            # Read one byte more than allowed: a file that grows while we read is still caught.
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise LaadFout(shown, None, None, f"kan bestand niet lezen: {e.strerror or e}") from None
    return data


_GEEN_REGELEINDE = {0x85: " ", 0x2028: " ", 0x2029: " "}


def _te_groot(size: int | None) -> str:
    """The message for a file over MAX_BYTES; ``size`` is None when only a part was read."""
    groot = getal(size) if size is not None else f"meer dan {getal(MAX_BYTES)}"
    return f"bestand is te groot ({groot} bytes; maximaal {getal(MAX_BYTES)} bytes); splits het op in kleinere bestanden"


def parse_bytes(data: bytes, shown: str) -> yaml.Node:
    if len(data) > MAX_BYTES:
        # read_nodes reads one byte past the limit, so then the real size is unknown
        raise LaadFout(shown, None, None, _te_groot(len(data) if len(data) > MAX_BYTES + 1 else None))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LaadFout(shown, 1, None, "bestand is UTF-16-tekst; sla het op als UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise LaadFout(shown, line, None, f"bestand is geen geldige UTF-8-tekst (byte 0x{data[e.start]:02X}); "
                       "sla het op als UTF-8") from None
    # YAML counts NEL, LS and PS as line breaks, editors do not: line numbers after one would
    # drift from what the user sees. They are copy-paste debris from PDFs and Word; a space keeps
    # the words apart, as YAML's own folding would.
    if not text.isascii() and ("\x85" in text or "\u2028" in text or "\u2029" in text):
        text = text.translate(_GEEN_REGELEINDE)  # slow per character, so only when needed
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise LaadFout(shown, line, None, "bestand bevat een NUL-teken; is het wel een tekstbestand?")
    try:
        shallow = _provably_shallow(text)
        if not shallow:
            _check_shape(text, shown)
        node = yaml.compose(text, Loader=_Loader)
        if shallow and node is not None:
            _check_depth(node, shown)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        # At the end of a file without a final newline libyaml points one line past the last.
        line = min(mark.line + 1, text.count("\n") + 1) if mark else None
        what = (e.problem or e.context or "ongeldige YAML").strip()
        raise LaadFout(shown, line, None, f"ongeldige YAML: {_vertaal(what)}{_tab_hint(text, mark, what)}") from None
    except yaml.reader.ReaderError as e:
        # Not a MarkedYAMLError: it knows only the position, in bytes of the UTF-8 text for libyaml.
        line = text.encode("utf-8")[: e.position].count(b"\n") + 1
        raise LaadFout(shown, line, None, f"ongeldige YAML: teken U+{e.character:04X} is niet toegestaan"
                       if isinstance(e.character, int) else f"ongeldige YAML: {e.reason}") from None
    except yaml.YAMLError as e:
        raise LaadFout(shown, None, None, f"ongeldige YAML: {e}") from None
    except RecursionError:
        raise LaadFout(shown, None, None, _TE_DIEP) from None
    # '---' alone is a document with an empty value: as empty as an empty file.
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"
                        and not node.value):
        raise LaadFout(shown, None, None, "bestand is leeg")
    return node


# The parser's most common complaints in plain Dutch; the original stays behind it for searching.
_VERTALING = {
    "found character that cannot start any token": "een teken dat hier niet kan (een tab, of @ of ` vooraan?)",
    "mapping values are not allowed here": "een ':' waar dat niet kan (zet tekst met ': ' tussen aanhalingstekens)",
    "found unexpected end of stream": "het bestand houdt onverwacht op (een aanhalingsteken of haakje niet gesloten?)",
    "did not find expected key": "verwachtte een sleutel (klopt de inspringing?)",
    "could not find expected ':'": "verwachtte een ':' (klopt de inspringing?)",
    "did not find expected ',' or ']'": "verwachtte ',' of ']' (lijst tussen [ ] niet goed gesloten?)",
    "did not find expected ',' or '}'": "verwachtte ',' of '}' (mapping tussen { } niet goed gesloten?)",
    "did not find expected '-' indicator": "verwachtte een '-' van een lijst (klopt de inspringing?)",
    "block sequence entries are not allowed in this context": "een '-' waar geen lijst kan beginnen (inspringing?)",
    "found a tab character that violates indentation": "een tab in de inspringing",
    "found undefined alias": "een alias (*naam) zonder anker (&naam)",
    "but found another document": "meer dan één YAML-document ('---') in één bestand",
    "found unknown escape character": "onbekende code na '\\' in tekst tussen dubbele aanhalingstekens",
}


def _vertaal(what: str) -> str:
    nl = _VERTALING.get(what)
    return f"{nl} (YAML: {what})" if nl else what


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
            raise LaadFout(shown, line_of(node), None, _TE_DIEP)
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
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise LaadFout(shown, event.start_mark.line + 1, None, _TE_DIEP)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
            continue
        elif not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            continue
        count += 1
        if count > MAX_NODES:
            raise LaadFout(shown, event.start_mark.line + 1, None,
                           f"bestand bevat te veel waarden (meer dan {getal(MAX_NODES)}); "
                           "splits het op in kleinere bestanden")


class NodeBudget:
    """Counts nodes visited, so aliases cannot expand a small file into a huge one."""

    def __init__(self, shown: str):
        self.shown = shown
        self.count = 0

    def visit(self, node: yaml.Node, depth: int) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise LaadFout(self.shown, line_of(node), None,
                           f"bestand is te groot na het uitvouwen van ankers/aliassen (meer dan {getal(MAX_NODES)} "
                           "waarden)")
        if depth > MAX_DEPTH:
            raise LaadFout(self.shown, line_of(node), None, _TE_DIEP)
        if node.tag not in STANDARD_TAGS:
            raise LaadFout(self.shown, line_of(node), None,
                           f"YAML-tag '{node.tag}' is niet toegestaan; journeykit leest alleen gewone YAML")


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1

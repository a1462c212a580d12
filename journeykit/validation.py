"""Check a YAML node tree against the schema, with Dutch messages naming file, line and key.

The result is a Doc per mapping: plain validated values that remember the line of every key,
ready for ``structure`` to build model objects from. All problems of a file are collected.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

import yaml

from journeykit import conditions as cd
from journeykit import model as m
from journeykit import schema as s
from journeykit.errors import MAX_ERRORS_PER_FILE, LoadError, MoreErrors, kort, onbekend
from journeykit.yamlread import NodeBudget, line_of

# --- validated documents -----------------------------------------------------------


class Doc(dict):
    """A validated mapping that remembers its file, its line, and the line of each key."""

    file: str = ""
    lineno: int = 0
    lines: dict[str, int]

    def line(self, key: str) -> int:
        return self.lines.get(key, self.lineno)


class Validator:
    """Walks a YAML node tree against a schema record, collecting errors."""

    def __init__(self, shown: str):
        self.shown = shown
        self.errors: list[LoadError] = []
        self.more = 0  # errors past MAX_ERRORS_PER_FILE: only counted
        self.budget = NodeBudget(shown)

    @property
    def full(self) -> bool:
        return len(self.errors) >= MAX_ERRORS_PER_FILE

    def error(self, node_or_line: Any, key: str | None, message: str) -> None:
        if self.full:
            self.more += 1
            return
        line = node_or_line if isinstance(node_or_line, int) else line_of(node_or_line)
        self.errors.append(LoadError(self.shown, line, key, message))

    def all_errors(self) -> list[LoadError]:
        """The errors found, and how many more there were."""
        return self.errors + ([MoreErrors(self.shown, self.more)] if self.more else [])

    def record(self, node: yaml.Node, rec: s.Record, path: str, depth: int = 0) -> Doc | None:
        self.budget.visit(node, depth)
        if not isinstance(node, yaml.MappingNode):
            self.error(node, path or None, f"verwacht een mapping ({rec.name}), maar vond {_soort(node)}")
            return None
        doc = Doc()
        doc.file, doc.lineno, doc.lines = self.shown, line_of(node), {}
        for knode, vnode in node.value:
            self.budget.visit(knode, depth + 1)
            key = knode.value if isinstance(knode, yaml.ScalarNode) else None
            if not isinstance(key, str) or knode.tag != "tag:yaml.org,2002:str":
                self.error(knode, path or None, f"sleutels moeten tekst zijn, niet {_soort(knode)}")
                continue
            key_path = f"{path}.{key}" if path else key
            if key in doc.lines:
                self.error(knode, key_path, f"dubbele sleutel '{kort(key)}' (eerder op regel {doc.lines[key]})")
                continue
            doc.lines[key] = line_of(knode)
            veld = rec.field(key)
            if veld is None and self.full:
                self.more += 1  # thousands of wrong keys: skip building messages nobody sees
                continue
            if veld is None:
                bekend = [v.name for v in rec.all_fields]
                self.error(
                    knode,
                    key_path,
                    f"{onbekend('sleutel', key, bekend)} in {rec.name}; toegestaan: " + ", ".join(bekend),
                )
                continue
            value = self.value(vnode, veld.type, key_path, depth + 1)
            if value is not _INVALID:
                doc[key] = value
        for veld in rec.all_fields:
            if veld.required and veld.name not in doc and veld.name not in doc.lines:
                self.error(
                    node,
                    f"{path}.{veld.name}" if path else veld.name,
                    f"verplichte sleutel '{veld.name}' ontbreekt in {rec.name}",
                )
        if rec.provenance and "bron" not in doc.lines and "aanname" not in doc.lines:
            self.error(node, path or None, f"{rec.name} zegt niet waar het vandaan komt: geef 'bron' of 'aanname'")
        if rec is s.ACTIE and "actie" in doc:
            self._check_actie(doc, path)
        elif rec is s.REGEL_ACTIE and "actie" not in doc.lines and not doc.lines.keys() & {"kansen"}:
            self.error(node, path or None, "verplichte sleutel 'actie' ontbreekt in actie (of geef 'kansen')")
        elif rec is s.REGEL_ACTIE and ("actie" in doc or "actie" not in doc.lines):
            self._check_actie(doc, path)  # not when 'actie' was there but wrong: that has its message
        return doc

    def _check_actie(self, doc: Doc, path: str) -> None:
        actie = doc.get("actie", "kansen")
        if actie not in s.ACTION_KEYS:
            return  # an unknown kind: reported with the choices already
        nodig, mag = s.ACTION_KEYS[actie]
        for key in sorted(nodig - doc.keys()):
            self.error(doc.lineno, f"{path}.{key}", f"actie '{actie}' vraagt om '{key}'")
        for key in sorted(doc.lines.keys() - nodig - mag - s.ACTION_KEYS_ALWAYS):
            self.error(doc.line(key), f"{path}.{key}", f"'{key}' hoort niet bij actie '{actie}'")

    def value(self, node: yaml.Node, typ: Any, path: str, depth: int) -> Any:
        self.budget.visit(node, depth)
        if isinstance(typ, s.Record):
            doc = self.record(node, typ, path, depth)
            return _INVALID if doc is None else doc
        if isinstance(typ, s.ListOf):
            if not isinstance(node, yaml.SequenceNode):
                self.error(node, path, f"verwacht een lijst ({typ.explain}), maar vond {_soort(node)}")
                return _INVALID
            if len(node.value) < typ.min_items:
                self.error(node, path, f"lijst moet minstens {typ.min_items} element(en) hebben")
            items = [self.value(n, typ.item, f"{path}[{i}]", depth + 1) for i, n in enumerate(node.value)]
            return [i for i in items if i is not _INVALID]
        if isinstance(typ, s.Source):
            return self._bron(node, path, depth)
        if isinstance(typ, s.Condition):
            return self.conditie(node, path, depth)
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, path, f"verwacht {typ.explain}, maar vond {_soort(node)}")
            return _INVALID
        return self.scalar(node, typ, path)

    def scalar(self, node: yaml.ScalarNode, typ: Any, path: str) -> Any:
        tag = node.tag.rsplit(":", 1)[-1]
        if tag == "null" and not isinstance(typ, s.Text):
            self.error(node, path, f"waarde ontbreekt; verwacht {typ.explain}")
            return _INVALID
        if isinstance(typ, s.Text):
            if tag == "null" or not node.value.strip():
                self.error(node, path, "tekst mag niet leeg zijn")
                return _INVALID
            return node.value
        if tag in ("bool", "timestamp") and isinstance(typ, (s.Id, s.Ref, s.Choice)):
            # 'no', 'on' or 2024-01-01 unquoted are not text to YAML: say so, not that the value is wrong
            if isinstance(typ, s.Choice) and node.value not in typ.values:
                self.error(
                    node,
                    path,
                    f"{onbekend(typ.name, node.value, typ.values)}; YAML leest {_gelezen(node)}; "
                    "kies uit: " + ", ".join(typ.values),
                )
                return _INVALID
            if not isinstance(typ, s.Choice) and s.ID_PATTERN.fullmatch(node.value):
                self.error(
                    node,
                    path,
                    f'YAML leest {_gelezen(node)}, niet als tekst; zet het tussen aanhalingstekens: "{node.value}"',
                )
                return _INVALID
        if isinstance(typ, (s.Id, s.Ref)):
            if tag not in ("str", "int") or not s.ID_PATTERN.fullmatch(node.value):
                self.error(
                    node,
                    path,
                    f"ongeldige id '{kort(node.value)}': gebruik kleine letters, cijfers en '-' "
                    f"(maximaal 80 tekens, geen spaties, '/' of '..'){_vreemd_teken(node.value)}",
                )
                return _INVALID
            return node.value
        if isinstance(typ, s.Boolean):
            if tag != "bool":
                self.error(node, path, f"verwacht true of false, maar vond '{kort(node.value)}'")
                return _INVALID
            return node.value.lower() in ("true", "yes", "on", "y")
        if isinstance(typ, (s.Integer, s.Number)):
            number = _number(node, integer=isinstance(typ, s.Integer))
            if number is None:
                self.error(node, path, f"verwacht {typ.explain}, maar vond '{kort(node.value)}'")
                return _INVALID
            low = typ.low
            high = typ.high
            if (low is not None and number < low) or (high is not None and number > high):
                self.error(node, path, f"{number} ligt buiten het bereik ({typ.explain})")
                return _INVALID
            return number
        if isinstance(typ, s.Choice):
            if node.value not in typ.values:
                self.error(
                    node, path, f"{onbekend(typ.name, node.value, typ.values)}; kies uit: " + ", ".join(typ.values)
                )
                return _INVALID
            return node.value
        raise TypeError(typ)  # pragma: no cover - schema bug

    def _bron(self, node: yaml.Node, path: str, depth: int) -> Any:
        if isinstance(node, yaml.ScalarNode):
            text = self.scalar(node, s.Text(), path)
            if text is _INVALID:
                return _INVALID
            bestand, _, sectie = text.partition(",")
            return m.Bron(bestand.strip(), sectie.strip(), plaats=m.Plaats(self.shown, line_of(node)))
        doc = self.record(node, s.BRON, path, depth)
        if doc is None:
            return _INVALID
        return m.Bron(
            doc.get("bestand", ""),
            doc.get("sectie", ""),
            doc.get("citaat", ""),
            plaats=m.Plaats(self.shown, doc.line("citaat")),
        )

    def conditie(self, node: yaml.Node, path: str, depth: int) -> Any:
        self.budget.visit(node, depth)
        if not isinstance(node, yaml.MappingNode):
            self.error(
                node,
                path,
                f"een conditie is een mapping met 'veld' of met {', '.join(cd.COMBINATORS)}, maar vond {_soort(node)}",
            )
            return _INVALID
        for k, _ in node.value:
            self.budget.visit(k, depth + 1)  # refuses tags, and merge keys ('<<') with their own message
        keys = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        if len(keys) != len(node.value):
            self.error(node, path, "conditie heeft dubbele of ongeldige sleutels")
            return _INVALID
        combinators = [k for k in keys if k in cd.COMBINATORS]
        if combinators:
            if len(keys) != 1:
                self.error(node, path, f"'{combinators[0]}' moet alleen staan in een conditie")
                return _INVALID
            name = combinators[0]
            _, sub = keys[name]
            if name == "niet":
                inner = self.conditie(sub, f"{path}.niet", depth + 1)
                return _INVALID if inner is _INVALID else m.Niet(inner)
            if not isinstance(sub, yaml.SequenceNode) or not sub.value:
                self.error(sub, f"{path}.{name}", f"'{name}' verwacht een niet-lege lijst van condities")
                return _INVALID
            parts = [self.conditie(n, f"{path}.{name}[{i}]", depth + 2) for i, n in enumerate(sub.value)]
            if any(p is _INVALID for p in parts):
                return _INVALID
            return m.Alle(tuple(parts)) if name == "alle" else m.EenVan(tuple(parts))
        if "veld" not in keys:
            bekend = ["veld", *cd.COMBINATORS]
            first = next(iter(keys), "")
            self.error(
                node,
                path,
                f"{onbekend('conditie', first, bekend)}: een conditie begint met 'veld', 'alle', 'een_van' of 'niet'",
            )
            return _INVALID
        _, vnode = keys.pop("veld")
        if not isinstance(vnode, yaml.ScalarNode):
            self.error(vnode, f"{path}.veld", f"'veld' verwacht de naam van een veld, maar vond {_soort(vnode)}")
            return _INVALID
        if vnode.value not in cd.FIELDS:
            self.error(vnode, f"{path}.veld", onbekend("veld", vnode.value, cd.FIELDS))
            return _INVALID
        veld = cd.FIELDS[vnode.value]
        if not keys:
            self.error(node, path, f"conditie op '{veld.name}' mist een vergelijking ({', '.join(cd.OPERATORS)})")
            return _INVALID
        ops = []
        for op, (onode, wnode) in keys.items():
            self.budget.visit(wnode, depth + 1)
            if op not in cd.OPERATORS:
                self.error(onode, f"{path}.{op}", onbekend("vergelijking", op, cd.OPERATORS))
                continue
            value = self._operand(veld, op, wnode, f"{path}.{op}", depth + 1)
            if value is not _INVALID:
                ops.append((op, value))
        if len(ops) != len(keys):
            return _INVALID
        return m.Vergelijking(veld.name, tuple(ops))

    def _operand(self, veld: cd.Field, op: str, node: yaml.Node, path: str, depth: int) -> Any:
        def fail(what: str) -> Any:
            self.error(node, path, f"'{op}' op veld '{veld.name}' ({veld.kind}) {what}")
            return _INVALID

        if op in ("vanaf", "tot", "boven", "tot_en_met"):
            if veld.kind != "getal":
                return fail("kan niet: alleen getallen zijn te vergelijken met " + op)
            if not isinstance(node, yaml.ScalarNode):
                return fail(f"verwacht een getal, niet {_soort(node)}")
            n = _number(node, integer=False)
            return fail(f"verwacht een getal, niet '{kort(node.value)}'") if n is None else n
        if op == "bevat":
            if veld.kind != "lijst":
                return fail("kan niet: 'bevat' werkt alleen op lijsten")
            return self._element(veld, node, fail)
        if op in ("in", "niet_in"):
            if veld.kind == "lijst":
                return fail("kan niet: gebruik 'bevat' voor een lijst")
            if not isinstance(node, yaml.SequenceNode):
                return fail(f"verwacht een lijst van waarden, niet {_soort(node)}")
            for n in node.value:
                # An aliased long list under many conditions would otherwise be walked unbounded.
                self.budget.visit(n, depth + 1)
            items = [self._element(veld, n, fail) for n in node.value]
            return _INVALID if any(i is _INVALID for i in items) else tuple(items)
        if veld.kind == "lijst":
            return fail("kan niet: gebruik 'bevat' voor een lijst")
        return self._element(veld, node, fail)

    def _element(self, veld: cd.Field, node: yaml.Node, fail: Any) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return fail(f"verwacht een enkele waarde, niet {_soort(node)}")
        tag = node.tag.rsplit(":", 1)[-1]
        if veld.kind == "janee":
            return (
                (node.value.lower() in ("true", "yes", "on", "y"))
                if tag == "bool"
                else fail(f"verwacht true of false, niet '{kort(node.value)}'")
            )
        if veld.kind == "getal":
            n = _number(node, integer=False)
            return fail(f"verwacht een getal, niet '{kort(node.value)}'") if n is None else n
        if veld.values and node.value not in veld.values:
            return fail(onbekend("waarde", node.value, veld.values))
        return node.value


_INVALID = object()


def _gelezen(node: yaml.ScalarNode) -> str:
    """How YAML reads an unquoted boolean or date: "no zonder aanhalingstekens als ja/nee-waarde (false)"."""
    if node.tag.endswith(":bool"):
        waarde = "true" if node.value.lower() in ("true", "yes", "on") else "false"
        return f"{kort(node.value)} zonder aanhalingstekens als ja/nee-waarde ({waarde})"
    return f"{kort(node.value)} zonder aanhalingstekens als datum"


def _vreemd_teken(text: str) -> str:
    """Name the first non-ASCII character: a Cyrillic 'а' looks exactly like an 'a' on screen."""
    ch = next((c for c in text if ord(c) > 127), None)
    if ch is None:
        return ""
    naam = unicodedata.name(ch, "").lower()
    return f"; het teken '{ch}' (U+{ord(ch):04X}{', ' + naam if naam else ''}) is geen gewone letter"


def _soort(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "een mapping"
    if isinstance(node, yaml.SequenceNode):
        return "een lijst"
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return "niets (leeg)"
    return {"int": "een getal", "float": "een getal", "bool": "true/false", "timestamp": "een datum"}.get(
        tag, f"tekst '{kort(node.value, 40)}'"
    )


def _number(node: yaml.ScalarNode, integer: bool) -> float | int | None:
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "int":
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return None
    if tag == "float" and not integer:
        try:
            value = float(node.value.replace("_", ""))
        except ValueError:
            return None
        return value if math.isfinite(value) else None  # NaN and infinity are no numbers to compare
    return None

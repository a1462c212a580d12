"""Load YAML into the domain model, validating against ``schema`` at the boundary.

Every problem becomes a LaadFout naming file, line, key and what is wrong; all
problems of a load are collected and raised together as LaadFouten.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import yaml

from journeykit import cache
from journeykit import conditions as cd
from journeykit import model as m
from journeykit import schema as s
from journeykit.errors import MAX_FOUTEN_PER_BESTAND, LaadFout, LaadFouten, MeerFouten, kort, onbekend
from journeykit.yamlread import (
    MAX_DEPTH,
    MAX_NODES,
    LoadBudget,
    NodeBudget,
    TotaalTeGroot,
    _Loader,
    line_of,
    parse_bytes,
    read_bytes,
)

# --- validated documents -----------------------------------------------------------


class Doc(dict):
    """A validated mapping that remembers the file and the line of each key."""

    bestand: str = ""
    regel: int = 0
    regels: dict[str, int]

    def line(self, key: str) -> int:
        return self.regels.get(key, self.regel)

    def plaats(self) -> m.Plaats:
        return m.Plaats(self.bestand, self.regel)


class Validator:
    """Walks a YAML node tree against a schema record, collecting errors."""

    def __init__(self, shown: str):
        self.shown = shown
        self.fouten: list[LaadFout] = []
        self.overig = 0  # errors past MAX_FOUTEN_PER_BESTAND: only counted
        self.budget = NodeBudget(shown)

    @property
    def vol(self) -> bool:
        return len(self.fouten) >= MAX_FOUTEN_PER_BESTAND

    def fout(self, node_or_line: Any, key: str | None, bericht: str) -> None:
        if self.vol:
            self.overig += 1
            return
        line = node_or_line if isinstance(node_or_line, int) else line_of(node_or_line)
        self.fouten.append(LaadFout(self.shown, line, key, bericht))

    def alle_fouten(self) -> list[LaadFout]:
        """The errors found, and how many more there were."""
        return self.fouten + ([MeerFouten(self.shown, self.overig)] if self.overig else [])

    def record(self, node: yaml.Node, rec: s.Record, pad: str, depth: int = 0) -> Doc | None:
        self.budget.visit(node, depth)
        if not isinstance(node, yaml.MappingNode):
            self.fout(node, pad or None, f"verwacht een mapping ({rec.naam}), maar vond {_soort(node)}")
            return None
        doc = Doc()
        doc.bestand, doc.regel, doc.regels = self.shown, line_of(node), {}
        for knode, vnode in node.value:
            self.budget.visit(knode, depth + 1)
            key = knode.value if isinstance(knode, yaml.ScalarNode) else None
            if not isinstance(key, str) or knode.tag != "tag:yaml.org,2002:str":
                self.fout(knode, pad or None, f"sleutels moeten tekst zijn, niet {_soort(knode)}")
                continue
            kpad = f"{pad}.{key}" if pad else key
            if key in doc.regels:
                self.fout(knode, kpad, f"dubbele sleutel '{kort(key)}' (eerder op regel {doc.regels[key]})")
                continue
            doc.regels[key] = line_of(knode)
            veld = rec.veld(key)
            if veld is None and self.vol:
                self.overig += 1  # thousands of wrong keys: skip building messages nobody sees
                continue
            if veld is None:
                bekend = [v.naam for v in rec.alle_velden]
                self.fout(
                    knode, kpad, f"{onbekend('sleutel', key, bekend)} in {rec.naam}; toegestaan: " + ", ".join(bekend)
                )
                continue
            value = self.value(vnode, veld.type, kpad, depth + 1)
            if value is not _INVALID:
                doc[key] = value
        for veld in rec.alle_velden:
            if veld.verplicht and veld.naam not in doc and veld.naam not in doc.regels:
                self.fout(
                    node,
                    f"{pad}.{veld.naam}" if pad else veld.naam,
                    f"verplichte sleutel '{veld.naam}' ontbreekt in {rec.naam}",
                )
        if rec.herkomst and "bron" not in doc.regels and "aanname" not in doc.regels:
            self.fout(node, pad or None, f"{rec.naam} zegt niet waar het vandaan komt: geef 'bron' of 'aanname'")
        if rec is s.ACTIE and "actie" in doc:
            self._check_actie(doc, pad)
        return doc

    def _check_actie(self, doc: Doc, pad: str) -> None:
        nodig, mag = s.ACTIE_VELDEN[doc["actie"]]
        for key in sorted(nodig - doc.keys()):
            self.fout(doc.regel, f"{pad}.{key}", f"actie '{doc['actie']}' vraagt om '{key}'")
        for key in sorted(doc.regels.keys() - nodig - mag - s.ACTIE_ALTIJD):
            self.fout(doc.line(key), f"{pad}.{key}", f"'{key}' hoort niet bij actie '{doc['actie']}'")

    def value(self, node: yaml.Node, typ: Any, pad: str, depth: int) -> Any:
        self.budget.visit(node, depth)
        if isinstance(typ, s.Record):
            doc = self.record(node, typ, pad, depth)
            return _INVALID if doc is None else doc
        if isinstance(typ, s.Lijst):
            if not isinstance(node, yaml.SequenceNode):
                self.fout(node, pad, f"verwacht een lijst ({typ.uitleg}), maar vond {_soort(node)}")
                return _INVALID
            if len(node.value) < typ.min_lengte:
                self.fout(node, pad, f"lijst moet minstens {typ.min_lengte} element(en) hebben")
            items = [self.value(n, typ.item, f"{pad}[{i}]", depth + 1) for i, n in enumerate(node.value)]
            return [i for i in items if i is not _INVALID]
        if isinstance(typ, s.BronType):
            return self._bron(node, pad, depth)
        if isinstance(typ, s.ConditieType):
            return self.conditie(node, pad, depth)
        if not isinstance(node, yaml.ScalarNode):
            self.fout(node, pad, f"verwacht {typ.uitleg}, maar vond {_soort(node)}")
            return _INVALID
        return self.scalar(node, typ, pad)

    def scalar(self, node: yaml.ScalarNode, typ: Any, pad: str) -> Any:
        tag = node.tag.rsplit(":", 1)[-1]
        if tag == "null" and not isinstance(typ, s.Tekst):
            self.fout(node, pad, f"waarde ontbreekt; verwacht {typ.uitleg}")
            return _INVALID
        if isinstance(typ, s.Tekst):
            if tag == "null" or not node.value.strip():
                self.fout(node, pad, "tekst mag niet leeg zijn")
                return _INVALID
            return node.value
        if tag in ("bool", "timestamp") and isinstance(typ, (s.Id, s.Ref, s.Keuze)):
            # 'no', 'on' or 2024-01-01 unquoted are not text to YAML: say so, not that the value is wrong
            if isinstance(typ, s.Keuze) and node.value not in typ.waarden:
                self.fout(
                    node,
                    pad,
                    f"{onbekend(typ.naam, node.value, typ.waarden)}; YAML leest {_gelezen(node)}; "
                    "kies uit: " + ", ".join(typ.waarden),
                )
                return _INVALID
            if not isinstance(typ, s.Keuze) and s.ID_PATROON.fullmatch(node.value):
                self.fout(
                    node,
                    pad,
                    f'YAML leest {_gelezen(node)}, niet als tekst; zet het tussen aanhalingstekens: "{node.value}"',
                )
                return _INVALID
        if isinstance(typ, (s.Id, s.Ref)):
            if tag not in ("str", "int") or not s.ID_PATROON.fullmatch(node.value):
                self.fout(
                    node,
                    pad,
                    f"ongeldige id '{kort(node.value)}': gebruik kleine letters, cijfers en '-' "
                    f"(maximaal 80 tekens, geen spaties, '/' of '..'){_vreemd_teken(node.value)}",
                )
                return _INVALID
            return node.value
        if isinstance(typ, s.JaNee):
            if tag != "bool":
                self.fout(node, pad, f"verwacht true of false, maar vond '{kort(node.value)}'")
                return _INVALID
            return node.value.lower() in ("true", "yes", "on", "y")
        if isinstance(typ, (s.Geheel, s.Getal)):
            number = _number(node, integer=isinstance(typ, s.Geheel))
            if number is None:
                self.fout(node, pad, f"verwacht {typ.uitleg}, maar vond '{kort(node.value)}'")
                return _INVALID
            low = typ.min
            high = getattr(typ, "max", None)
            if (low is not None and number < low) or (high is not None and number > high):
                self.fout(node, pad, f"{number} ligt buiten het bereik ({typ.uitleg})")
                return _INVALID
            return number
        if isinstance(typ, s.Keuze):
            if node.value not in typ.waarden:
                self.fout(
                    node, pad, f"{onbekend(typ.naam, node.value, typ.waarden)}; kies uit: " + ", ".join(typ.waarden)
                )
                return _INVALID
            return node.value
        raise TypeError(typ)  # pragma: no cover - schema bug

    def _bron(self, node: yaml.Node, pad: str, depth: int) -> Any:
        if isinstance(node, yaml.ScalarNode):
            text = self.scalar(node, s.Tekst(), pad)
            if text is _INVALID:
                return _INVALID
            bestand, _, sectie = text.partition(",")
            return m.Bron(bestand.strip(), sectie.strip(), plaats=m.Plaats(self.shown, line_of(node)))
        doc = self.record(node, s.BRON, pad, depth)
        if doc is None:
            return _INVALID
        return m.Bron(
            doc.get("bestand", ""),
            doc.get("sectie", ""),
            doc.get("citaat", ""),
            plaats=m.Plaats(self.shown, doc.line("citaat")),
        )

    def conditie(self, node: yaml.Node, pad: str, depth: int) -> Any:
        self.budget.visit(node, depth)
        if not isinstance(node, yaml.MappingNode):
            self.fout(
                node,
                pad,
                f"een conditie is een mapping met 'veld' of met {', '.join(cd.COMBINATOREN)}, maar vond {_soort(node)}",
            )
            return _INVALID
        for k, _ in node.value:
            self.budget.visit(k, depth + 1)  # refuses tags, and merge keys ('<<') with their own message
        keys = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        if len(keys) != len(node.value):
            self.fout(node, pad, "conditie heeft dubbele of ongeldige sleutels")
            return _INVALID
        combinators = [k for k in keys if k in cd.COMBINATOREN]
        if combinators:
            if len(keys) != 1:
                self.fout(node, pad, f"'{combinators[0]}' moet alleen staan in een conditie")
                return _INVALID
            name = combinators[0]
            _, sub = keys[name]
            if name == "niet":
                inner = self.conditie(sub, f"{pad}.niet", depth + 1)
                return _INVALID if inner is _INVALID else m.Niet(inner)
            if not isinstance(sub, yaml.SequenceNode) or not sub.value:
                self.fout(sub, f"{pad}.{name}", f"'{name}' verwacht een niet-lege lijst van condities")
                return _INVALID
            parts = [self.conditie(n, f"{pad}.{name}[{i}]", depth + 2) for i, n in enumerate(sub.value)]
            if any(p is _INVALID for p in parts):
                return _INVALID
            return m.Alle(tuple(parts)) if name == "alle" else m.EenVan(tuple(parts))
        if "veld" not in keys:
            bekend = ["veld", *cd.COMBINATOREN]
            first = next(iter(keys), "")
            self.fout(
                node,
                pad,
                f"{onbekend('conditie', first, bekend)}: een conditie begint met 'veld', 'alle', 'een_van' of 'niet'",
            )
            return _INVALID
        _, vnode = keys.pop("veld")
        if not isinstance(vnode, yaml.ScalarNode) or vnode.value not in cd.VELDEN:
            name = getattr(vnode, "value", "")
            self.fout(vnode, f"{pad}.veld", onbekend("veld", str(name), cd.VELDEN))
            return _INVALID
        veld = cd.VELDEN[vnode.value]
        if not keys:
            self.fout(node, pad, f"conditie op '{veld.naam}' mist een vergelijking ({', '.join(cd.OPERATOREN)})")
            return _INVALID
        ops = []
        for op, (onode, wnode) in keys.items():
            self.budget.visit(wnode, depth + 1)
            if op not in cd.OPERATOREN:
                self.fout(onode, f"{pad}.{op}", onbekend("vergelijking", op, cd.OPERATOREN))
                continue
            value = self._operand(veld, op, wnode, f"{pad}.{op}", depth + 1)
            if value is not _INVALID:
                ops.append((op, value))
        if len(ops) != len(keys):
            return _INVALID
        return m.Vergelijking(veld.naam, tuple(ops))

    def _operand(self, veld: cd.Veld, op: str, node: yaml.Node, pad: str, depth: int) -> Any:
        def fail(what: str) -> Any:
            self.fout(node, pad, f"'{op}' op veld '{veld.naam}' ({veld.soort}) {what}")
            return _INVALID

        if op in ("vanaf", "tot", "boven", "tot_en_met"):
            if veld.soort != "getal":
                return fail("kan niet: alleen getallen zijn te vergelijken met " + op)
            n = _number(node, integer=False) if isinstance(node, yaml.ScalarNode) else None
            return fail(f"verwacht een getal, niet {_soort(node)}") if n is None else n
        if op == "bevat":
            if veld.soort != "lijst":
                return fail("kan niet: 'bevat' werkt alleen op lijsten")
            return self._element(veld, node, pad, fail)
        if op in ("in", "niet_in"):
            if veld.soort == "lijst":
                return fail("kan niet: gebruik 'bevat' voor een lijst")
            if not isinstance(node, yaml.SequenceNode):
                return fail(f"verwacht een lijst van waarden, niet {_soort(node)}")
            for n in node.value:
                # An aliased long list under many conditions would otherwise be walked unbounded.
                self.budget.visit(n, depth + 1)
            items = [self._element(veld, n, pad, fail) for n in node.value]
            return _INVALID if any(i is _INVALID for i in items) else tuple(items)
        if veld.soort == "lijst":
            return fail("kan niet: gebruik 'bevat' voor een lijst")
        return self._element(veld, node, pad, fail)

    def _element(self, veld: cd.Veld, node: yaml.Node, pad: str, fail: Any) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return fail(f"verwacht een enkele waarde, niet {_soort(node)}")
        tag = node.tag.rsplit(":", 1)[-1]
        if veld.soort == "janee":
            return (
                (node.value.lower() in ("true", "yes", "on", "y"))
                if tag == "bool"
                else fail(f"verwacht true of false, niet '{kort(node.value)}'")
            )
        if veld.soort == "getal":
            n = _number(node, integer=False)
            return fail(f"verwacht een getal, niet '{kort(node.value)}'") if n is None else n
        if veld.waarden and node.value not in veld.waarden:
            return fail(onbekend("waarde", node.value, veld.waarden))
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


# --- reading files ---------------------------------------------------------------


def read_file(path: Path, shown: str | None = None) -> Doc:
    """Read and validate one journeykit YAML file (raises LaadFouten)."""
    shown = shown or str(path)
    try:
        data = read_bytes(path, shown)
    except LaadFout as e:
        raise LaadFouten([e]) from None
    return parse_file(data, shown)


def parse_file(data: bytes, shown: str) -> Doc:
    """Validate the bytes of one journeykit YAML file (raises LaadFouten)."""
    try:
        node = parse_bytes(data, shown)
        v = Validator(shown)
        doc = v.record(node, s.BESTAND, "")
    except LaadFout as e:
        raise LaadFouten([e]) from None
    if v.fouten:
        raise LaadFouten(v.alle_fouten())
    assert doc is not None
    if not doc:
        raise LaadFouten(
            [
                LaadFout(
                    shown,
                    doc.regel,
                    None,
                    "bestand bevat geen onderdelen; verwacht een of meer van: "
                    + ", ".join(f.naam for f in s.BESTAND.velden),
                )
            ]
        )
    return doc


def yaml_files(path: Path) -> list[Path]:
    """The YAML files at ``path``: the file itself, or a directory's *.yaml (not recursive), sorted."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


@attrs.define
class Inhoud:
    """What a set of files contains, before cross-references are resolved."""

    personas: list[m.Persona] = attrs.Factory(list)
    sleutelmomenten: list[m.Sleutelmoment] = attrs.Factory(list)
    gemeenten: list[m.Gemeente] = attrs.Factory(list)
    reizen: list[m.Reis] = attrs.Factory(list)
    scenarios: list[m.Scenario] = attrs.Factory(list)

    def extend(self, other: Inhoud) -> None:
        self.personas += other.personas
        self.sleutelmomenten += other.sleutelmomenten
        self.gemeenten += other.gemeenten
        self.reizen += other.reizen
        self.scenarios += other.scenarios


def load_path(path: Path, shown: str | None = None, budget: LoadBudget | None = None) -> Inhoud:
    """Load a file or a directory of files. A directory with a ``gemeente`` is one gemeente.

    ``budget`` bounds the bytes read by all loads that share it (a catalog makes one for all its paths).
    """
    try:
        if not path.exists():
            raise LaadFouten([LaadFout(shown or str(path), None, None, "bestand of map bestaat niet")])
        files = yaml_files(path)
    except (OSError, ValueError) as e:
        # A name too long, a NUL byte in a plugin's path, a folder that cannot be listed.
        reden = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise LaadFouten([LaadFout(shown or kort(path, 200), None, None, f"onbruikbaar pad: {reden}")]) from None
    base = shown or str(path)
    named: list[tuple[str, bytes]] = []
    fouten: list[LaadFout] = []
    for f in files:
        name = str(Path(base) / f.name) if path.is_dir() else base
        try:
            named.append((name, read_bytes(f, name, budget)))
        except TotaalTeGroot as e:
            # Parsing what was read would take the memory the budget is there to save.
            raise LaadFouten([*fouten, e]) from None
        except LaadFout as e:
            fouten.append(e)
    # The names are part of the key: messages and each object's 'plaats' mention them.
    k = cache.key(named) if not fouten else None
    if k and (hit := cache.get(k)) is not None:
        return hit
    docs = []
    for name, data in named:
        try:
            docs.append(parse_file(data, name))
        except LaadFouten as e:
            fouten += e.fouten
    if fouten:
        raise LaadFouten(fouten)
    inhoud = build(docs)
    if k:
        cache.put(k, inhoud)
    return inhoud


def build(docs: list[Doc]) -> Inhoud:
    """Turn validated file documents into model objects (one gemeente per call at most)."""
    b = _Builder()
    inhoud = Inhoud()
    gemeente_docs = [d for d in docs if "gemeente" in d]
    parts: dict[str, list[Doc]] = {"ingangen": [], "regels": []}
    for d in docs:
        for key in parts:
            parts[key] += d.get(key, [])
        inhoud.personas += [b.persona(p) for p in d.get("personas", [])]
        inhoud.sleutelmomenten += [b.sleutelmoment(x) for x in d.get("sleutelmomenten", [])]
        inhoud.reizen += [b.reis(r) for r in d.get("reizen", [])]
        if "scenario" in d:
            inhoud.scenarios.append(b.scenario(d["scenario"]))
    if len(gemeente_docs) > 1:
        first = gemeente_docs[0]
        for d in gemeente_docs[1:]:
            b.fout(
                d,
                "gemeente",
                f"tweede 'gemeente' in dezelfde data (de eerste staat in {first.bestand}:{first.line('gemeente')})",
            )
    elif gemeente_docs:
        g = b.gemeente(gemeente_docs[0]["gemeente"], parts["ingangen"], parts["regels"])
        if g is not None:
            inhoud.gemeenten.append(g)
    elif parts["ingangen"] or parts["regels"]:
        d = next(d for d in docs if "ingangen" in d or "regels" in d)
        key = "ingangen" if "ingangen" in d else "regels"
        b.fout(d, key, f"'{key}' zonder 'gemeente': ingangen en regels horen bij de data van een gemeente")
    for kind, items in (
        ("persona", inhoud.personas),
        ("sleutelmoment", inhoud.sleutelmomenten),
        ("reis", inhoud.reizen),
    ):
        b.unique(kind, items)
    if b.fouten:
        raise LaadFouten(b.fouten)
    return inhoud


class _Builder:
    """Builds model objects from validated Docs and checks references inside one gemeente."""

    def __init__(self) -> None:
        self.fouten: list[LaadFout] = []

    def fout(self, doc: Doc, key: str | None, bericht: str) -> None:
        self.fouten.append(LaadFout(doc.bestand, doc.line(key) if key else doc.regel, key, bericht))

    def unique(self, kind: str, items: Iterable[Any], scope: str = "") -> None:
        seen: dict[str, Any] = {}
        for item in items:
            if item.id in seen:
                first = seen[item.id]
                where = f"{first.plaats}" if getattr(first, "plaats", None) else "eerder"
                self.fouten.append(
                    LaadFout(
                        item.plaats.bestand if item.plaats else "",
                        item.plaats.regel if item.plaats else None,
                        "id",
                        f"dubbele {kind}-id '{item.id}'{scope} (eerder in {where})",
                    )
                )
            else:
                seen[item.id] = item

    @staticmethod
    def herkomst(doc: Doc) -> m.Herkomst:
        return m.Herkomst(doc.get("bron"), doc.get("aanname"))

    def kosten(self, doc: Doc | None) -> m.Kosten | None:
        if doc is None:
            return None
        return m.Kosten(float(doc["bedrag"]), doc.get("activiteit", ""), self.herkomst(doc))

    def persona(self, d: Doc) -> m.Persona:
        return m.Persona(
            id=d["id"],
            naam=d["naam"],
            leeftijd=d["leeftijd"],
            huishouden=d["huishouden"],
            omschrijving=d.get("omschrijving", ""),
            kinderen=tuple(d.get("kinderen", ())),
            talen=tuple(d.get("talen", ("nl",))),
            digitaal=d.get("digitaal", "vaardig"),
            geletterdheid=d.get("geletterdheid", "gemiddeld"),
            voorkeur_kanalen=tuple(d.get("voorkeur_kanalen", ("telefoon",))),
            afhankelijkheid=d.get("afhankelijkheid"),
            reactiviteit=d.get("reactiviteit"),
            kwetsbaarheid=d.get("kwetsbaarheid"),
            stiptheid=d.get("stiptheid"),
            doorzettingsvermogen=d.get("doorzettingsvermogen", 2),
            namens=d.get("namens", "zelf"),
            vindplaatsen=tuple(d.get("vindplaatsen", ())),
            groep=d.get("groep", ""),
            herkomst=self.herkomst(d),
            plaats=_plaats(d),
        )

    def sleutelmoment(self, d: Doc) -> m.Sleutelmoment:
        vragen = tuple(
            m.Vraag(
                id=v["id"],
                omschrijving=v["omschrijving"],
                levensgebied=v["levensgebied"],
                soort=v["soort"],
                urgentie=v.get("urgentie", "normaal"),
                veiligheid=v.get("veiligheid", False),
                namens=v.get("namens"),
                melding=v.get("melding", False),
                onderliggend=v.get("onderliggend"),
            )
            for v in d["vragen"]
        )
        ids = [v.id for v in vragen]
        docs: dict[str, Doc] = {}
        for v in d["vragen"]:
            if v["id"] in docs:
                self.fout(v, "id", f"dubbele vraag-id '{v['id']}' in sleutelmoment '{d['id']}'")
            docs[v["id"]] = v
        onder = {v.id: v.onderliggend for v in vragen}
        for v in vragen:
            if v.onderliggend is not None and v.onderliggend not in onder:
                self.fout(docs[v.id], "onderliggend", onbekend("vraag", v.onderliggend, ids))
        # The chain of "questions behind the question" must end. Each vraag is followed once, so
        # that a sleutelmoment with thousands of chained vragen is checked in linear time.
        kring_van: dict[str, str | None] = {}
        for v in vragen:
            pad: dict[str, None] = {}
            cur: str | None = v.id
            while cur in onder and cur not in kring_van and cur not in pad:
                pad[cur] = None
                cur = onder[cur]
            kring = cur if cur in pad else kring_van.get(cur) if cur is not None else None
            for x in pad:
                kring_van[x] = kring
        for v in vragen:
            if kring_van.get(v.id) is not None and v.onderliggend in onder:
                self.fout(docs[v.id], "onderliggend", f"de vragen achter de vraag vormen een kring ({kring_van[v.id]})")
        notities = tuple(
            m.Notitie(n["persona"], n.get("zo_denken_zij", ""), n.get("speel_er_zo_op_in", ""), self.herkomst(n))
            for n in d.get("notities", ())
        )
        return m.Sleutelmoment(
            id=d["id"],
            naam=d["naam"],
            vragen=vragen,
            omschrijving=d.get("omschrijving", ""),
            vindplaatsen=tuple(d.get("vindplaatsen", ())),
            notities=notities,
            herkomst=self.herkomst(d),
            plaats=_plaats(
                d, {f"notities[{i}].persona": n.line("persona") for i, n in enumerate(d.get("notities", ()))}
            ),
        )

    def reis(self, d: Doc) -> m.Reis:
        v = d.get("verwachting") or Doc()
        verwachting = m.Verwachting(
            uitkomst=v.get("uitkomst"),
            niveau=v.get("niveau"),
            eindigt_bij=v.get("eindigt_bij"),
            bereikt=tuple(v.get("bereikt", ())),
            niet_via=tuple(v.get("niet_via", ())),
            max_contacten=v.get("max_contacten"),
            max_koude_verwijzingen=v.get("max_koude_verwijzingen"),
            max_herhalingen=v.get("max_herhalingen"),
            max_dagen=v.get("max_dagen"),
            principes_gehaald=tuple(v.get("principes_gehaald", ())),
            principes_geschonden=tuple(v.get("principes_geschonden", ())),
            toelichting=v.get("toelichting", ""),
        )
        lines = dict(d.regels)
        lines.update({f"verwachting.{k}": ln for k, ln in getattr(v, "regels", {}).items()})
        return m.Reis(
            id=d["id"],
            naam=d["naam"],
            persona=d["persona"],
            sleutelmoment=d["sleutelmoment"],
            gemeente=d["gemeente"],
            vraag=d.get("vraag"),
            variant=d.get("variant"),
            eerste_ingang=d.get("eerste_ingang"),
            verwachting=verwachting,
            herkomst=self.herkomst(d),
            plaats=m.Plaats(d.bestand, d.regel, tuple(sorted(lines.items()))),
        )

    def gemeente(self, g: Doc, ingang_docs: list[Doc], regel_docs: list[Doc]) -> m.Gemeente | None:
        n_fouten = len(self.fouten)
        stappen = tuple(
            m.KlantreisStap(x["id"], x["naam"], x.get("omschrijving", ""), self.herkomst(x))
            for x in g["klantreis"]["stappen"]
        )
        varianten = tuple(
            m.Variant(x["id"], x["naam"], x.get("omschrijving", ""), self.herkomst(x)) for x in g["varianten"]
        )
        principes = tuple(
            m.Principe(x["id"], x["naam"], x.get("omschrijving", ""), _toets(x.get("toets")), self.herkomst(x))
            for x in g.get("principes", ())
        )
        for kind, docs in (
            ("klantreisstap", g["klantreis"]["stappen"]),
            ("variant", g["varianten"]),
            ("principe", g.get("principes", ())),
            ("ingang", ingang_docs),
            ("regel", regel_docs),
        ):
            self._unique_docs(kind, docs)
        for x in g.get("principes", ()):
            self._check_toets(x)
        variant_ids = [v.id for v in varianten]
        stap_ids = [x.id for x in stappen]
        ingang_ids = [d["id"] for d in ingang_docs]
        if not ingang_docs:
            # Every walk would end before it starts; most likely the file with the ingangen is missing.
            self.fout(
                g,
                None,
                f"gemeente '{g['id']}' heeft geen ingangen: zet ze onder 'ingangen:' in een bestand "
                "naast dat van de gemeente",
            )
        if g["standaard_variant"] not in variant_ids:
            self.fout(g, "standaard_variant", onbekend("variant", g["standaard_variant"], variant_ids))

        def refs(doc: Doc, key: str, kind: str, known: list[str]) -> None:
            value = doc.get(key)
            for item in value if isinstance(value, list) else ([value] if value is not None else []):
                if item not in known:
                    self.fout(doc, key, onbekend(kind, item, known))

        ingangen = []
        for d in ingang_docs:
            refs(d, "stappen", "klantreisstap", stap_ids)
            refs(d, "deelt_dossier_met", "ingang", ingang_ids)
            refs(d, "varianten", "variant", variant_ids)
            ingangen.append(self.ingang(d))
        regels = []
        for d in regel_docs:
            refs(d, "bij", "ingang", ingang_ids)
            refs(d, "varianten", "variant", variant_ids)
            for key in ("naar", "noemt", "met"):
                refs(d["dan"], key, "ingang", ingang_ids)
            regels.append(self.regel(d, ingang_ids))
        if len(self.fouten) > n_fouten:
            return None
        gemeente = m.Gemeente(
            id=g["id"],
            naam=g["naam"],
            klantreis=m.Klantreis(g["klantreis"]["naam"], stappen),
            ingangen=tuple(ingangen),
            regels=tuple(regels),
            varianten=varianten,
            standaard_variant=g["standaard_variant"],
            principes=principes,
            omschrijving=g.get("omschrijving", ""),
            herkomst=self.herkomst(g),
            plaats=_plaats(g),
        )
        self._check_variants(
            gemeente,
            {d["id"]: d for d in regel_docs},
            {d["id"]: d for d in ingang_docs},
            {d["id"]: d for d in g["varianten"]},
        )
        return None if len(self.fouten) > n_fouten else gemeente

    def ingang(self, d: Doc) -> m.Ingang:
        dg = d.get("doelgroep") or {}
        return m.Ingang(
            id=d["id"],
            naam=d["naam"],
            soort=d["soort"],
            kanalen=tuple(d["kanalen"]),
            stappen=tuple(d["stappen"]),
            organisatie=d.get("organisatie", ""),
            omschrijving=d.get("omschrijving", ""),
            talen=tuple(d.get("talen", ("nl",))),
            bereikbaarheid=d.get("bereikbaarheid", ""),
            doelgroep=m.Doelgroep(dg.get("leeftijd_vanaf"), dg.get("leeftijd_tot"), dg.get("omschrijving", "")),
            deelt_dossier_met=tuple(d.get("deelt_dossier_met", ())),
            wachttijd_dagen=d.get("wachttijd_dagen", 0),
            eerste_contact=d.get("eerste_contact", True),
            vindplaats=d.get("vindplaats"),
            kosten=self.kosten(d.get("kosten")),
            varianten=tuple(d.get("varianten", ())),
            herkomst=self.herkomst(d),
            plaats=_plaats(d),
        )

    def regel(self, d: Doc, ingang_ids: list[str] | None = None) -> m.Regel:
        """A rule; with ``ingang_ids``, also checks self-referral and ingangen named in its condition."""
        a = d["dan"]
        if ingang_ids is not None:
            if a.get("naar") == d["bij"]:
                self.fout(a, "naar", f"regel '{d['id']}' verwijst naar de ingang waar hij zelf geldt ('{d['bij']}')")
            for ref in cd.refs(d.get("als")):
                if ref not in ingang_ids:
                    self.fout(d, "als", onbekend("ingang", ref, ingang_ids))
        return m.Regel(
            id=d["id"],
            bij=d["bij"],
            als=d.get("als"),
            dan=m.Actie(
                soort=a["actie"],
                niveau=a.get("niveau"),
                waar=a.get("waar", ""),
                naar=a.get("naar"),
                overdracht=a.get("overdracht"),
                noemt=a.get("noemt"),
                met=tuple(a.get("met", ())),
                dagen=a.get("dagen", 0),
                beslisser=a.get("beslisser"),
                kosten=self.kosten(a.get("kosten")),
            ),
            toelichting=d.get("toelichting", ""),
            ervaring=d.get("ervaring"),
            kenmerken=tuple(d.get("kenmerken", ())),
            varianten=tuple(d.get("varianten", ())),
            herkomst=self.herkomst(d),
            plaats=_plaats(d),
        )

    def scenario(self, d: Doc) -> m.Scenario:
        wijzigingen = tuple(
            m.IngangWijziging(
                w["id"],
                tuple(
                    (k, _freeze(self.kosten(v) if k == "kosten" else v))
                    for k, v in w.items()
                    if k not in ("id", "bron", "aanname")
                ),
                self.herkomst(w),
                _plaats(w),
            )
            for w in d.get("ingangen_wijzigen", ())
        )
        return m.Scenario(
            id=d["id"],
            naam=d["naam"],
            gemeente=d["gemeente"],
            variant=d.get("variant"),
            omschrijving=d.get("omschrijving", ""),
            ingangen_toevoegen=tuple(self.ingang(x) for x in d.get("ingangen_toevoegen", ())),
            ingangen_verwijderen=tuple(d.get("ingangen_verwijderen", ())),
            ingangen_wijzigen=wijzigingen,
            regels_toevoegen=tuple(
                m.NieuweRegel(self.regel(x), x.get("positie", "begin"), x.get("voor"))
                for x in d.get("regels_toevoegen", ())
            ),
            regels_vervangen=tuple(self.regel(x) for x in d.get("regels_vervangen", ())),
            regels_verwijderen=tuple(d.get("regels_verwijderen", ())),
            herkomst=self.herkomst(d),
            plaats=_plaats(d),
        )

    def _check_variants(
        self, g: m.Gemeente, regel_docs: dict[str, Doc], ingang_docs: dict[str, Doc], variant_docs: dict[str, Doc]
    ) -> None:
        """Every reference must hold in every variant the referring element exists in."""
        for v in g.varianten:
            view = g.in_variant(v.id)
            present = {i.id for i in view.ingangen}
            if not present and g.ingangen:
                self.fout(
                    variant_docs[v.id],
                    "id",
                    f"variant '{v.id}' heeft geen ingangen: elke ingang is beperkt tot andere varianten",
                )
            for r in view.regels:
                for key, targets in (
                    ("bij", [r.bij]),
                    ("naar", [r.dan.naar]),
                    ("noemt", [r.dan.noemt]),
                    ("met", r.dan.met),
                ):
                    for t in targets:
                        if t is not None and t not in present:
                            doc = regel_docs[r.id] if key == "bij" else regel_docs[r.id]["dan"]
                            self.fout(
                                doc,
                                key,
                                f"regel '{r.id}' noemt ingang '{t}', die in variant '{v.id}' "
                                "niet bestaat; beperk de regel met 'varianten' of voeg de ingang toe",
                            )
            for i in view.ingangen:
                for t in i.deelt_dossier_met:
                    if t not in present:
                        self.fout(
                            ingang_docs[i.id], "deelt_dossier_met", f"ingang '{t}' bestaat niet in variant '{v.id}'"
                        )

    def _unique_docs(self, kind: str, docs: Iterable[Doc]) -> None:
        seen: dict[str, Doc] = {}
        for d in docs:
            if d["id"] in seen:
                first = seen[d["id"]]
                self.fout(d, "id", f"dubbele {kind}-id '{d['id']}' (eerder in {first.bestand}:{first.regel})")
            else:
                seen[d["id"]] = d

    def _check_toets(self, p: Doc) -> None:
        t = p.get("toets")
        if not t:
            return
        if t["soort"] in ("max-contacten", "max-herhalingen") and "waarde" not in t:
            self.fout(t, "waarde", f"toets '{t['soort']}' vraagt om 'waarde'")
        if t["soort"] == "kenmerk-vereist" and not ("als" in t and "dan" in t):
            self.fout(t, "soort", "toets 'kenmerk-vereist' vraagt om 'als' en 'dan'")


def _freeze(value: Any) -> Any:
    """Lists from YAML become tuples, and a doelgroep mapping a Doelgroep, to fit the frozen model."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, Doc) and set(value) <= {"leeftijd_vanaf", "leeftijd_tot", "omschrijving"}:
        return m.Doelgroep(value.get("leeftijd_vanaf"), value.get("leeftijd_tot"), value.get("omschrijving", ""))
    return value


def _toets(d: Doc | None) -> m.Toets | None:
    return None if d is None else m.Toets(d["soort"], d.get("waarde"), d.get("als"), d.get("dan"))


def _plaats(d: Doc, extra: dict[str, int] | None = None) -> m.Plaats:
    lines = {**d.regels, **(extra or {})}
    return m.Plaats(d.bestand, d.regel, tuple(sorted(lines.items())))


# --- model objects from plugins ----------------------------------------------------------

# Which model class each record describes; the one attribute named differently from its key.
_KLASSE = {
    "persona": m.Persona,
    "sleutelmoment": m.Sleutelmoment,
    "vraag": m.Vraag,
    "notitie": m.Notitie,
    "gemeente": m.Gemeente,
    "klantreis": m.Klantreis,
    "klantreisstap": m.KlantreisStap,
    "variant": m.Variant,
    "principe": m.Principe,
    "toets": m.Toets,
    "ingang": m.Ingang,
    "doelgroep": m.Doelgroep,
    "kosten": m.Kosten,
    "regel": m.Regel,
    "actie": m.Actie,
    "reis": m.Reis,
    "verwachting": m.Verwachting,
}
_ATTRIBUUT = {("actie", "actie"): "soort"}
# libyaml's emitter when there is one: with the pure-Python one, checking the 10,000 personas
# of a large sweep took longer than walking them.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOS = {
    m.Persona: ("personas", s.PERSONA),
    m.Sleutelmoment: ("sleutelmomenten", s.SLEUTELMOMENT),
    m.Reis: ("reizen", s.REIS),
}


def load_object(obj: Any, shown: str) -> Inhoud:
    """Validate a Gemeente, Persona, Sleutelmoment or Reis that a plugin made, as if it were YAML.

    Objects bypass the loader, so a plugin could hand over an id like '../x' or a rule
    that points to a missing ingang. The object is written out as the YAML it stands
    for and read back through the same validator and builder; what comes back replaces
    it, so the engine only ever sees objects the loader made. Raises LaadFouten without
    line numbers: they would point into text that nobody wrote.
    """
    conv = _Omzetter(shown)
    try:
        if isinstance(obj, m.Gemeente):
            data: Any = {
                "gemeente": conv.record(obj, s.GEMEENTE, "gemeente", 1),
                "ingangen": conv.value(obj.ingangen, s.Lijst(s.INGANG), "ingangen", 1),
                "regels": conv.value(obj.regels, s.Lijst(s.REGEL), "regels", 1),
            }
            rec, key = s.BESTAND, None
        else:
            key, rec = next(v for c, v in _LOS.items() if isinstance(obj, c))
            data = conv.record(obj, rec, "", 0)
        if conv.fouten:
            raise LaadFouten(conv.fouten)
        try:
            text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
            node = yaml.compose(text, Loader=_Loader)
        except (yaml.YAMLError, UnicodeError, ValueError) as e:
            # Text YAML cannot hold, such as lone surrogates.
            raise LaadFout(
                shown, None, None, f"bevat tekst die geen geldige YAML kan zijn ({type(e).__name__})"
            ) from None
        assert node is not None  # yaml.dump wrote one document, so composing it finds one
        v = Validator(shown)
        doc = v.record(node, rec, "")
    except LaadFout as e:
        raise LaadFouten([_zonder_regel(e)]) from None
    if v.fouten:
        raise LaadFouten([_zonder_regel(f) for f in v.alle_fouten()])
    assert doc is not None
    if key is not None:
        sub, doc = doc, Doc()
        doc[key] = [sub]
        doc.bestand, doc.regel, doc.regels = shown, 0, {}
    _wis_regels(doc, shown, "")
    return build([doc])


def _zonder_regel(f: LaadFout) -> LaadFout:
    return f if isinstance(f, MeerFouten) else LaadFout(f.bestand, None, f.sleutel, f.bericht)


def _wis_regels(value: Any, shown: str, pad: str) -> None:
    """Replace the line numbers of generated YAML by the path inside the object, for messages and Plaats."""
    if isinstance(value, Doc):
        value.bestand = f"{shown}, {pad}" if pad else shown
        value.regel = 0
        value.regels = {k: 0 for k in value.regels}
        for k, v in value.items():
            where = f"{pad}.{k}" if pad else k
            if isinstance(v, m.Bron):
                value[k] = attrs.evolve(v, plaats=m.Plaats(f"{shown}, {where}"))
            _wis_regels(v, shown, where)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _wis_regels(v, shown, f"{pad}[{i}]")


class _Omzetter:
    """Turns model objects into the plain data their YAML would hold, following the schema records."""

    def __init__(self, shown: str):
        self.shown = shown
        self.fouten: list[LaadFout] = []
        self.aantal = 0

    def fout(self, pad: str, bericht: str) -> None:
        self.fouten.append(LaadFout(self.shown, None, pad or None, bericht))

    def record(self, obj: Any, rec: s.Record, pad: str, depth: int) -> Any:
        cls = _KLASSE[rec.naam]
        if not isinstance(obj, cls):
            self.fout(pad, f"verwacht een {cls.__name__}, maar kreeg {_type(obj)}")
            return None
        out: dict[str, Any] = {}
        for veld in rec.velden:
            value = getattr(obj, _ATTRIBUUT.get((rec.naam, veld.naam), veld.naam), None)
            # The model's "no value" (None, "" or ()) is the YAML's "key left out".
            if value is None or (not veld.verplicht and isinstance(value, (str, tuple, list)) and len(value) == 0):
                continue
            out[veld.naam] = self.value(value, veld.type, f"{pad}.{veld.naam}" if pad else veld.naam, depth + 1)
        if rec.herkomst:
            h = getattr(obj, "herkomst", None)
            if not isinstance(h, m.Herkomst):
                self.fout(f"{pad}.herkomst" if pad else "herkomst", f"verwacht een Herkomst, maar kreeg {_type(h)}")
            else:
                if h.bron is not None:
                    out["bron"] = self.bron(h.bron, f"{pad}.bron" if pad else "bron")
                if h.aanname is not None:
                    out["aanname"] = self.scalar(h.aanname, f"{pad}.aanname" if pad else "aanname")
        return out

    def value(self, value: Any, typ: Any, pad: str, depth: int) -> Any:
        self.aantal += 1
        if self.aantal > MAX_NODES or depth > MAX_DEPTH:
            raise LaadFout(
                self.shown, None, pad, f"te groot of te diep genest (maximaal {MAX_NODES} waarden, {MAX_DEPTH} niveaus)"
            )
        if isinstance(typ, s.Record):
            return self.record(value, typ, pad, depth)
        if isinstance(typ, s.Lijst):
            if not isinstance(value, (tuple, list)):
                self.fout(pad, f"verwacht een tuple ({typ.uitleg}), maar kreeg {_type(value)}")
                return None
            return [self.value(x, typ.item, f"{pad}[{i}]", depth + 1) for i, x in enumerate(value)]
        if isinstance(typ, s.BronType):
            return self.bron(value, pad)
        if isinstance(typ, s.ConditieType):
            return self.conditie(value, pad, depth)
        return self.scalar(value, pad)

    def scalar(self, value: Any, pad: str) -> Any:
        # Exact builtin types: the YAML dumper refuses subclasses, and the model should not carry them.
        for t in (bool, int, float, str):
            if isinstance(value, t):
                return t(value)
        self.fout(pad, f"verwacht tekst, een getal of true/false, maar kreeg {_type(value)}")
        return None

    def bron(self, value: Any, pad: str) -> Any:
        if isinstance(value, m.Bron):
            out = {"bestand": self.scalar(value.bestand, f"{pad}.bestand")}
            for key in ("sectie", "citaat"):
                part = getattr(value, key)
                if part != "":
                    out[key] = self.scalar(part, f"{pad}.{key}")
            return out
        if isinstance(value, str):
            return str(value)
        self.fout(pad, f"verwacht een Bron, maar kreeg {_type(value)}")
        return None

    def conditie(self, c: Any, pad: str, depth: int) -> Any:
        """A condition tree (model.Conditie) back into the YAML mapping form."""
        self.aantal += 1
        if self.aantal > MAX_NODES or depth > MAX_DEPTH:
            raise LaadFout(self.shown, None, pad, f"conditie te groot of te diep genest (maximaal {MAX_DEPTH} niveaus)")
        if isinstance(c, m.Vergelijking) and isinstance(c.vergelijkingen, (tuple, list)):
            out: dict[str, Any] = {"veld": self.scalar(c.veld, f"{pad}.veld")}
            for pair in c.vergelijkingen:
                if (
                    not (isinstance(pair, (tuple, list)) and len(pair) == 2 and isinstance(pair[0], str))
                    or pair[0] in out
                ):
                    self.fout(pad, f"vergelijking {_toon(pair)} is geen paar (naam, waarde) of komt dubbel voor")
                    return None
                op, v = pair
                out[op] = (
                    [self.scalar(x, f"{pad}.{op}") for x in v]
                    if isinstance(v, (tuple, list))
                    else self.scalar(v, f"{pad}.{op}")
                )
            return out
        if isinstance(c, m.Niet):
            return {"niet": self.conditie(c.deel, f"{pad}.niet", depth + 1)}
        if isinstance(c, (m.Alle, m.EenVan)) and isinstance(c.delen, (tuple, list)):
            kind = "alle" if isinstance(c, m.Alle) else "een_van"
            return {kind: [self.conditie(x, f"{pad}.{kind}[{i}]", depth + 1) for i, x in enumerate(c.delen)]}
        self.fout(
            pad,
            f"geen geldige conditie: {_toon(c)}; verwacht Vergelijking(veld, ((vergelijking, waarde), ...)), "
            "Alle((...)), EenVan((...)) of Niet(conditie)",
        )
        return None


def _type(value: Any) -> str:
    return "niets (None)" if value is None else kort(type(value).__name__)  # a plugin names its classes


def _toon(value: Any) -> str:
    """A short repr of a plugin's value; a repr that fails is the plugin's problem, not ours."""
    try:
        return kort(repr(value))
    except Exception:  # noqa: BLE001 - whatever a plugin's __repr__ raises
        return _type(value)

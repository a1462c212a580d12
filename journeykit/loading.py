"""Load YAML files into the domain model.

A file is read safely (``yamlread``), checked key by key against the records derived from the
model (``validation``), built into model objects (``structure``) and checked across records
(``integrity``). Every problem becomes a LoadError naming file, line, key and what is wrong;
all problems of a load are collected and raised together as LoadErrors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import yaml

from journeykit import cache
from journeykit import model as m
from journeykit import schema as s
from journeykit.changes import check_risicos
from journeykit.errors import LoadError, LoadErrors, MoreErrors, kort
from journeykit.integrity import (
    Problem,
    check_aandelen,
    check_gemeente,
    check_sleutelmoment,
    unique,
    warnings_gemeente,
)
from journeykit.plugin_objects import ToData
from journeykit.structure import structure
from journeykit.validation import Doc, Validator
from journeykit.yamlread import LoadBudget, Loader, TotalTooLarge, parse_bytes, read_bytes

# --- reading files ---------------------------------------------------------------


def parse_file(data: bytes, shown: str) -> Doc:
    """Validate the bytes of one journeykit YAML file (raises LoadErrors)."""
    try:
        node = parse_bytes(data, shown)
        v = Validator(shown)
        doc = v.record(node, s.BESTAND, "")
    except LoadError as e:
        raise LoadErrors([e]) from None
    if v.errors:
        raise LoadErrors(v.all_errors())
    assert doc is not None
    if not doc:
        raise LoadErrors(
            [
                LoadError(
                    shown,
                    doc.lineno,
                    None,
                    "bestand bevat geen onderdelen; verwacht een of meer van: "
                    + ", ".join(f.name for f in s.BESTAND.fields),
                )
            ]
        )
    return doc


def yaml_files(path: Path) -> list[Path]:
    """The YAML files at ``path``: the file itself, or a directory's *.yaml (not recursive), sorted.

    Hidden files are left out: macOS writes '._x.yaml' beside a file on a shared drive or USB stick
    (binary metadata, not YAML), editors keep '.x.yaml.swp'-like copies.
    """
    if path.is_dir():
        return sorted(
            p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file()
        )
    return [path]


@attrs.define
class Inhoud:
    """What a set of files contains, before cross-references are resolved."""

    personas: list[m.Persona] = attrs.Factory(list)
    sleutelmomenten: list[m.Sleutelmoment] = attrs.Factory(list)
    gemeenten: list[m.Gemeente] = attrs.Factory(list)
    reizen: list[m.Reiscasus] = attrs.Factory(list)
    scenarios: list[m.Scenario] = attrs.Factory(list)
    # What is allowed but probably not meant, such as a rule that resolves any question at a place with a narrow
    # task. `check` shows these; they never stop a command.
    waarschuwingen: list[LoadError] = attrs.Factory(list)


def load_path(path: Path, shown: str | None = None, budget: LoadBudget | None = None) -> Inhoud:
    """Load a file or a directory of files. A directory with a ``gemeente`` is one gemeente.

    ``budget`` bounds the bytes read by all loads that share it (a catalog makes one for all its paths).
    """
    try:
        if not path.exists():
            raise LoadErrors([LoadError(shown or str(path), None, None, "bestand of map bestaat niet")])
        files = yaml_files(path)
    except (OSError, ValueError) as e:
        # A name too long, a NUL byte in a plugin's path, a folder that cannot be listed.
        reden = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise LoadErrors([LoadError(shown or kort(path, 200), None, None, f"onbruikbaar pad: {reden}")]) from None
    base = shown or str(path)
    named: list[tuple[str, bytes]] = []
    fouten: list[LoadError] = []
    for f in files:
        name = str(Path(base) / f.name) if path.is_dir() else base
        try:
            named.append((name, read_bytes(f, name, budget)))
        except TotalTooLarge as e:
            # Parsing what was read would take the memory the budget is there to save.
            raise LoadErrors([*fouten, e]) from None
        except LoadError as e:
            fouten.append(e)
    # The names are part of the key: messages and each object's 'plaats' mention them.
    k = cache.key(named) if not fouten else None
    if k and (hit := cache.get(k)) is not None:
        return hit
    docs = []
    for name, data in named:
        try:
            docs.append(parse_file(data, name))
        except LoadErrors as e:
            fouten += e.errors
    if fouten:
        raise LoadErrors(fouten)
    inhoud = build(docs)
    if k:
        cache.put(k, inhoud)
    return inhoud


def build(docs: list[Doc]) -> Inhoud:
    """Turn validated file documents into model objects (one gemeente per call at most)."""
    inhoud = Inhoud()
    problems: list[Problem] = []
    gemeente_docs = [d for d in docs if "gemeente" in d]
    ingangen: list[m.Ingang] = []
    regels: list[m.Regel] = []
    risicos: list[m.Risico] = []
    aandelen: list[m.Aandeel] = []
    for d in docs:
        ingangen += [structure(x, m.Ingang) for x in d.get("ingangen", [])]
        regels += [structure(x, m.Regel) for x in d.get("regels", [])]
        risicos += [structure(x, m.Risico) for x in d.get("risicos", [])]
        aandelen += [structure(x, m.Aandeel) for x in d.get("aandelen", [])]
        inhoud.personas += [structure(x, m.Persona) for x in d.get("personas", [])]
        inhoud.sleutelmomenten += [structure(x, m.Sleutelmoment) for x in d.get("sleutelmomenten", [])]
        inhoud.reizen += [structure(x, m.Reiscasus) for x in d.get("reizen", [])]
        if "scenario" in d:
            inhoud.scenarios.append(structure(d["scenario"], m.Scenario))
    for sm in inhoud.sleutelmomenten:
        problems += check_sleutelmoment(sm)
    if len(gemeente_docs) > 1:
        first = gemeente_docs[0]
        for d in gemeente_docs[1:]:
            problems.append(
                Problem(
                    m.Plaats(d.file, d.line("gemeente")),
                    None,
                    "gemeente",
                    f"tweede 'gemeente' in dezelfde data (de eerste staat in {first.file}:{first.line('gemeente')})",
                )
            )
    elif gemeente_docs:
        g = structure(gemeente_docs[0]["gemeente"], m.Gemeente, ingangen=tuple(ingangen), regels=tuple(regels))
        g = attrs.evolve(
            g,
            risicos=tuple(attrs.evolve(r, gemeente=g.id) for r in risicos),
            aandelen=tuple(attrs.evolve(a, gemeente=g.id) for a in aandelen),
        )
        found = check_gemeente(g) or check_risicos(g) or check_aandelen(g)
        problems += found
        if not found:
            inhoud.gemeenten.append(g)
            inhoud.waarschuwingen += [w.as_error() for w in warnings_gemeente(g)]
    elif ingangen or regels or risicos or aandelen:
        parts = ("ingangen", "regels", "risicos", "aandelen")
        d = next(d for d in docs if any(k in d for k in parts))
        key = next(k for k in parts if k in d)
        problems.append(
            Problem(
                m.Plaats(d.file, d.line(key)),
                None,
                key,
                f"'{key}' zonder 'gemeente': ingangen, regels, risico's en aandelen horen bij de data van een gemeente",
            )
        )
    for kind, items in (
        ("persona", inhoud.personas),
        ("sleutelmoment", inhoud.sleutelmomenten),
        ("reis", inhoud.reizen),
    ):
        problems += unique(kind, items)
    if problems:
        raise LoadErrors([p.as_error() for p in problems])
    return inhoud


# libyaml's emitter when there is one: with the pure-Python one, checking the 10,000 personas
# of a large sweep took longer than walking them.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOS = {
    m.Persona: ("personas", s.PERSONA),
    m.Sleutelmoment: ("sleutelmomenten", s.SLEUTELMOMENT),
    m.Reiscasus: ("reizen", s.REIS),
}


def load_object(obj: Any, shown: str) -> Inhoud:
    """Validate a Gemeente, Persona, Sleutelmoment or Reis that a plugin made, as if it were YAML.

    Objects bypass the loader, so a plugin could hand over an id like '../x' or a rule
    that points to a missing ingang. The object is written out as the YAML it stands
    for and read back through the same validator and builder; what comes back replaces
    it, so the engine only ever sees objects the loader made. Raises LoadErrors without
    line numbers: they would point into text that nobody wrote.
    """
    conv = ToData(shown)
    try:
        if isinstance(obj, m.Gemeente):
            data: Any = {
                "gemeente": conv.record(obj, s.GEMEENTE, "gemeente", 1),
                "ingangen": conv.value(obj.ingangen, s.ListOf(s.INGANG), "ingangen", 1),
                "regels": conv.value(obj.regels, s.ListOf(s.REGEL), "regels", 1),
            }
            # A gemeente's risks and shares are files' lists of their own, as in YAML.
            if obj.risicos:
                data["risicos"] = conv.value(obj.risicos, s.ListOf(s.RISICO), "risicos", 1)
            if obj.aandelen:
                data["aandelen"] = conv.value(obj.aandelen, s.ListOf(s.AANDEEL), "aandelen", 1)
            rec, key = s.BESTAND, None
        else:
            key, rec = next(v for c, v in _LOS.items() if isinstance(obj, c))
            data = conv.record(obj, rec, "", 0)
        if conv.errors:
            raise LoadErrors(conv.errors)
        try:
            text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
            node = yaml.compose(text, Loader=Loader)
        except (yaml.YAMLError, UnicodeError, ValueError) as e:
            # Text YAML cannot hold, such as lone surrogates.
            raise LoadError(
                shown, None, None, f"bevat tekst die geen geldige YAML kan zijn ({type(e).__name__})"
            ) from None
        assert node is not None  # yaml.dump wrote one document, so composing it finds one
        v = Validator(shown)
        doc = v.record(node, rec, "")
    except LoadError as e:
        raise LoadErrors([_zonder_regel(e)]) from None
    if v.errors:
        raise LoadErrors([_zonder_regel(f) for f in v.all_errors()])
    assert doc is not None
    if key is not None:
        sub, doc = doc, Doc()
        doc[key] = [sub]
        doc.file, doc.lineno, doc.lines = shown, 0, {}
    _wis_regels(doc, shown, "")
    return build([doc])


def _zonder_regel(f: LoadError) -> LoadError:
    return f if isinstance(f, MoreErrors) else LoadError(f.bestand, None, f.sleutel, f.bericht)


def _wis_regels(value: Any, shown: str, pad: str) -> None:
    """Replace the line numbers of generated YAML by the path inside the object, for messages and Plaats."""
    if isinstance(value, Doc):
        value.file = f"{shown}, {pad}" if pad else shown
        value.lineno = 0
        value.lines = {k: 0 for k in value.lines}
        for k, v in value.items():
            where = f"{pad}.{k}" if pad else k
            if isinstance(v, m.Bron):
                value[k] = attrs.evolve(v, plaats=m.Plaats(f"{shown}, {where}"))
            _wis_regels(v, shown, where)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _wis_regels(v, shown, f"{pad}[{i}]")


def load_scenario(path: Path) -> m.Scenario:
    """Read one scenario file (raises LoadErrors)."""
    inhoud = load_path(path)
    if len(inhoud.scenarios) != 1 or inhoud.personas or inhoud.sleutelmomenten or inhoud.gemeenten or inhoud.reizen:
        raise LoadErrors(
            [LoadError(str(path), None, "scenario", "een scenariobestand bevat precies één 'scenario' en verder niets")]
        )
    return inhoud.scenarios[0]

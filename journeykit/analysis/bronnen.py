"""Check that every quote (`citaat`) in the data occurs literally in the source document it names.

A workshop trusts a quote shown beside a step. The sources are text extracted from PDFs, so
the comparison forgives what extraction changes and a reader does not see: line breaks and
runs of spaces, typographic quotes, soft hyphens. Nothing else: a quote with a word changed,
or cut in the middle of a word, is a miss.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from journeykit import model as m
from journeykit.errors import JourneykitError

# Quotes may mark an elision at either end ("… wordt verder uitgebreid."): those marks are not the source's.
_RAND = ".\"…' "


def normalise(text: str) -> str:
    """Text as compared: whitespace collapsed, typographic quotes straightened, soft hyphens dropped."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


@attrs.frozen
class Misser:
    """A quote that is not in its source."""

    plaats: m.Plaats | None  # where the quote is written (file and line)
    onderdeel: str  # what it belongs to, e.g. "regel kcc-verwijst"
    bron: str  # the source file it names
    citaat: str
    reden: str


@attrs.frozen
class Bronnencontrole:
    map: str
    citaten: int
    zonder_citaat: int  # bronnen that give no quote: nothing to check
    missers: tuple[Misser, ...]

    @property
    def ok(self) -> bool:
        return not self.missers


def herkomsten(obj: Any, label: str = "") -> Iterator[tuple[str, m.Herkomst]]:
    """Every Herkomst inside a model object, with the nearest named thing it belongs to.

    Follows the attrs fields, so a record that gains a field with provenance is covered
    without a change here.
    """
    if isinstance(obj, m.Herkomst):
        yield label, obj
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            yield from herkomsten(item, label)
    elif attrs.has(type(obj)):
        name = getattr(obj, "id", None)
        if isinstance(name, str):
            label = f"{type(obj).__name__.lower()} {name}"
        elif isinstance(obj, m.Notitie):
            label = f"{label}, notitie voor {obj.persona}"
        for field in attrs.fields(type(obj)):
            if field.name != "plaats":
                yield from herkomsten(getattr(obj, field.name), label)


def everything(cat: Any) -> Iterator[tuple[str, m.Herkomst]]:
    """The provenance of all the catalog holds: gemeenten, personas, sleutelmomenten, reizen and scenarios."""
    for group in (cat.gemeenten, cat.personas, cat.sleutelmomenten, cat.reizen):
        for key in sorted(group):
            yield from herkomsten(group[key])
    for sc in cat.scenarios:
        yield from herkomsten(sc)


def check_quotes(cat: Any, folder: Path) -> Bronnencontrole:
    """Look up every citaat in the file its bron names, inside ``folder``."""
    if not folder.is_dir():
        raise JourneykitError(f"de map met bronnen {folder} bestaat niet of is geen map")
    texts: dict[str, str | None] = {}

    def source(name: str) -> str | None:
        if name not in texts:
            path = folder / name
            # A bron names a file, never a path: '../x' must not read outside the folder.
            ok = "/" not in name and "\\" not in name and name not in ("", ".", "..") and path.is_file()
            texts[name] = normalise(path.read_text(encoding="utf-8", errors="replace")) if ok else None
        return texts[name]

    quotes = without = 0
    missers = []
    seen: set[tuple[str, int, str]] = set()
    for label, h in everything(cat):
        b = h.bron
        if b is None:
            continue
        if not b.citaat.strip():
            without += 1
            continue
        where = (b.plaats.bestand, b.plaats.regel, b.citaat) if b.plaats else ("", 0, label + b.citaat)
        if where in seen:  # one quote shared by variants of a record is one quote
            continue
        seen.add(where)
        quotes += 1
        text = source(b.bestand)
        if text is None:
            missers.append(
                Misser(b.plaats, label, b.bestand, b.citaat, f"bronbestand '{b.bestand}' staat niet in {folder}")
            )
        elif normalise(b.citaat).strip(_RAND) not in text:
            missers.append(Misser(b.plaats, label, b.bestand, b.citaat, f"staat niet letterlijk in {b.bestand}"))
    return Bronnencontrole(str(folder), quotes, without, tuple(missers))

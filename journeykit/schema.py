"""The YAML view of the model: which keys each record accepts, derived from the model's fields.

Every key is declared once, as an attrs field with metadata in ``model.py``; this module
turns those declarations into what the loader checks against and what the YAML reference
shows, so documentation and behaviour cannot drift apart. Explanations are Dutch: they are
read by the people who write the YAML.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from typing import Any

import attrs

from journeykit import model as m

# \A and \Z, not ^ and $: "$" also matches before a final newline, and "jan\n" is not "jan".
ID_PATTERN = re.compile(r"\A[a-z0-9][a-z0-9-]{0,79}\Z")


# --- the kinds of value a key can hold ---------------------------------------------------


@attrs.frozen
class Text:
    explain = "tekst"


@attrs.frozen
class Id:
    explain = "id (kleine letters, cijfers en '-')"


@attrs.frozen
class Ref:
    """An id that must name an existing thing of ``kind``."""

    kind: str

    @property
    def explain(self) -> str:
        return f"id van een {self.kind}"


@attrs.frozen
class Integer:
    low: int | None = None
    high: int | None = None

    @property
    def explain(self) -> str:
        if self.low is not None and self.high is not None:
            return f"geheel getal {self.low}..{self.high}"
        if self.low is not None:
            return f"geheel getal >= {self.low}"
        return "geheel getal"


@attrs.frozen
class Number:
    low: float | None = None
    high: float | None = None
    explain = "getal"


@attrs.frozen
class Boolean:
    explain = "true of false"


@attrs.frozen
class Choice:
    name: str  # what a value is called in messages: "onbekend huishouden 'x'"
    values: tuple[str, ...]

    @property
    def explain(self) -> str:
        return "een van: " + ", ".join(self.values)


@attrs.frozen
class ListOf:
    item: Any
    min_items: int = 0

    @property
    def explain(self) -> str:
        return f"lijst van {self.item.explain}"


@attrs.frozen
class Source:
    explain = "'bestand, sectie' of {bestand, sectie, citaat}"


@attrs.frozen
class Condition:
    explain = "conditie (zie Condities)"


@attrs.frozen
class Field:
    """A YAML key of a record."""

    name: str
    type: Any
    doc: str
    required: bool = False
    default: Any = None  # shown in the reference; None: nothing to show
    attribute: str = ""  # the model attribute it fills (the key's name when empty)


@attrs.frozen
class Record:
    """The keys of a mapping; ``cls`` is the model class it builds (None for the file itself)."""

    name: str
    doc: str
    fields: tuple[Field, ...]
    provenance: bool = False  # the record must say where it comes from: 'bron' or 'aanname'
    cls: type | None = None
    all_fields: tuple[Field, ...] = attrs.field(init=False, eq=False, repr=False)
    _by_name: dict[str, Field] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        every = self.fields + provenance_fields() if self.provenance else self.fields
        # the class is frozen: set the derived fields the way attrs' own __init__ does
        object.__setattr__(self, "all_fields", every)
        object.__setattr__(self, "_by_name", {f.name: f for f in every})

    @property
    def explain(self) -> str:
        return f"{self.name} (mapping)"

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)


# --- derived from the model -----------------------------------------------------------------


def _name(cls: type) -> str:
    """'IngangWijziging' -> 'ingang_wijziging': the record's name in messages and the reference."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", cls.__name__).lower()


def _doc(cls: type) -> str:
    """The first paragraph of the class's docstring: the record's explanation in the reference."""
    first = (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(first.split())


def _value_type(t: Any, key: m.Key) -> Any:
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        if m.Vergelijking in args:
            return Condition()
        (inner,) = [a for a in args if a is not type(None)]
        return _value_type(inner, key)
    if origin is tuple:
        return ListOf(_value_type(args[0], key), key.min_items)
    if t is m.Bron:
        return Source()
    if attrs.has(t):
        return record_of(t)
    if t is bool:
        return Boolean()
    if t is int:
        low, high = key.bounds or (None, None)
        return Integer(None if low is None else int(low), None if high is None else int(high))
    if t is float:
        low, high = key.bounds or (None, None)
        return Number(low, high)
    if key.choice is not None:
        return Choice(*key.choice)
    if key.ref is not None:
        return Ref(key.ref)
    return Id() if key.is_id else Text()


def _shown_default(value: Any) -> Any:
    if value is attrs.NOTHING or value is None or value == "" or attrs.has(type(value)):
        return None
    return list(value) if isinstance(value, tuple) else value


@functools.cache
def record_of(cls: type) -> Record:
    """The YAML record of a model class: a key for every field declared with ``model.field``."""
    attrs.resolve_types(cls)
    fields = []
    for f in attrs.fields(cls):
        key = m.key_of(f)
        if key is None:
            continue  # not read from YAML: provenance (its keys are the record's own), where it was written
        fields.append(
            Field(
                key.name or f.name,
                _value_type(f.type, key),
                key.doc,
                required=f.default is attrs.NOTHING,
                default=_shown_default(f.default),
                attribute=f.name,
            )
        )
    provenance = any(f.name == "herkomst" for f in attrs.fields(cls))
    return Record(_name(cls), _doc(cls), tuple(fields), provenance, cls)


def provenance_fields() -> tuple[Field, ...]:
    """'bron' and 'aanname': the keys every record with provenance has."""
    return record_of(m.Herkomst).fields


BRON = record_of(m.Bron)
KOSTEN = record_of(m.Kosten)
PERSONA = record_of(m.Persona)
VRAAG = record_of(m.Vraag)
NOTITIE = record_of(m.Notitie)
SLEUTELMOMENT = record_of(m.Sleutelmoment)
DOELGROEP = record_of(m.Doelgroep)
INGANG = record_of(m.Ingang)
ACTIE = record_of(m.Actie)
REGEL_ACTIE = record_of(m.RegelActie)
KANS = record_of(m.Kans)
REGEL = record_of(m.Regel)
TOETS = record_of(m.Toets)
PRINCIPE = record_of(m.Principe)
KLANTREISSTAP = record_of(m.KlantreisStap)
KLANTREIS = record_of(m.Klantreis)
VARIANT = record_of(m.Variant)
GEMEENTE = record_of(m.Gemeente)
VERWACHTING = record_of(m.Verwachting)
REIS = record_of(m.Reiscasus)
INGANG_WIJZIGING = record_of(m.IngangWijziging)
NIEUWE_REGEL = record_of(m.NieuweRegel)
SCENARIO = record_of(m.Scenario)
RISICO = record_of(m.Risico)
AANDEEL = record_of(m.Aandeel)
CAPACITEIT = record_of(m.Capaciteit)
OPENINGSTIJDEN = record_of(m.Openingstijden)
INSTROOM = record_of(m.Instroom)
STROOM = record_of(m.Stroom)

# A file is not a record of the model: it holds the parts, each read into its own records.
BESTAND = Record(
    "bestand",
    "Een YAML-bestand van journeykit. Elk bestand bevat een of meer van deze onderdelen.",
    (
        Field("personas", ListOf(PERSONA), "Persona's."),
        Field("sleutelmomenten", ListOf(SLEUTELMOMENT), "Sleutelmomenten."),
        Field("gemeente", GEMEENTE, "De gemeente (in de data van een plugin)."),
        Field("ingangen", ListOf(INGANG), "Ingangen van de gemeente."),
        Field("regels", ListOf(REGEL), "Routeregels van de gemeente, in volgorde."),
        Field("risicos", ListOf(RISICO), "Risico's die de bronnen van de gemeente noemen (in de data van een plugin)."),
        Field(
            "aandelen", ListOf(AANDEEL), "Aandelen die de bronnen van de gemeente noemen (in de data van een plugin)."
        ),
        Field("reizen", ListOf(REIS), "Reiscasussen."),
        Field("scenario", SCENARIO, "Een scenario (in journeys/scenarios/)."),
    ),
)

RECORDS = (
    BESTAND,
    PERSONA,
    SLEUTELMOMENT,
    VRAAG,
    NOTITIE,
    GEMEENTE,
    INSTROOM,
    STROOM,
    KLANTREIS,
    KLANTREISSTAP,
    VARIANT,
    PRINCIPE,
    TOETS,
    INGANG,
    DOELGROEP,
    KOSTEN,
    CAPACITEIT,
    OPENINGSTIJDEN,
    REGEL,
    ACTIE,
    REIS,
    VERWACHTING,
    SCENARIO,
    INGANG_WIJZIGING,
    NIEUWE_REGEL,
    RISICO,
    AANDEEL,
    BRON,
)

# Which keys each action needs, and which it allows besides those every action may have.
ACTION_KEYS = {
    "oplossen": ({"niveau"}, {"waar"}),
    "samenwerken": ({"niveau", "met"}, {"waar"}),
    "verwijzen": ({"naar", "overdracht"}, set()),
    "afwijzen": (set(), {"noemt"}),
    "wachten": ({"dagen"}, set()),
    "verhelderen": (set(), set()),
    "python": ({"beslisser"}, set()),
    "kansen": ({"kansen"}, set()),
}
ACTION_KEYS_ALWAYS = {"actie", "dagen", "kosten"}

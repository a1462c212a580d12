"""Rule conditions: the fields a condition can test, and what a condition tree means.

A condition (``model.Conditie``) is data. This module holds the one table of the fields a
condition can look at (``FIELDS``: name, kind, vocabulary, how to read it), and one visitor
over the tree; compiling into a fast predicate, describing in Dutch and listing the fields
used are each one visitor. Nothing from YAML is ever evaluated as code.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, Generic, TypeVar

import attrs

from journeykit import model as m


@attrs.define(slots=True)
class Situatie:
    """What a condition can look at: persona, current vraag, the whole casus and the journey so far."""

    persona: m.Persona
    vraag: m.Vraag
    sleutelmoment: m.Sleutelmoment
    bezocht: list[str]
    vorige_ingang: str | None = None
    koude_verwijzingen: int = 0
    aangekomen: str = "start"
    casus_levensgebieden: tuple[str, ...] = ()
    casus_soorten: tuple[str, ...] = ()

    @classmethod
    def voor(cls, persona: m.Persona, vraag: m.Vraag, sleutelmoment: m.Sleutelmoment) -> Situatie:
        """The Situatie at the start of a walk: nothing visited yet, the casus fields from the sleutelmoment."""
        return cls(
            persona,
            vraag,
            sleutelmoment,
            [],
            casus_levensgebieden=tuple(dict.fromkeys(v.levensgebied for v in sleutelmoment.vragen)),
            casus_soorten=tuple(dict.fromkeys(v.soort for v in sleutelmoment.vragen)),
        )


# --- the fields a condition can test -----------------------------------------------------


@attrs.frozen
class Field:
    """A field a condition can test."""

    name: str
    kind: str  # getal | janee | keuze | lijst | tekst (Dutch: shown in messages and the reference)
    doc: str  # Dutch, for the YAML reference
    read: Callable[[Situatie], Any] = attrs.field(eq=False, repr=False)
    values: tuple[str, ...] = ()  # vocabulary for keuze and lijst
    ref: str | None = None  # "ingang": the values must be ingang ids of the gemeente


def _persona(attribute: str) -> Callable[[Situatie], Any]:
    # attrgetter runs in C: conditions are tested millions of times in a sweep
    return attrgetter(f"persona.{attribute}")


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("persona.leeftijd", "getal", "Leeftijd in jaren.", _persona("leeftijd")),
        Field("persona.huishouden", "keuze", "Huishouden.", _persona("huishouden"), m.HUISHOUDENS),
        Field("persona.heeft_kinderen", "janee", "Wonen er kinderen thuis?", lambda s: bool(s.persona.kinderen)),
        Field(
            "persona.jongste_kind",
            "getal",
            "Leeftijd van het jongste thuiswonende kind (99 als er geen is).",
            lambda s: min(s.persona.kinderen, default=99),
        ),
        Field("persona.talen", "lijst", "Gesproken talen.", _persona("talen")),
        Field(
            "persona.spreekt_nederlands", "janee", "Spreekt de persona Nederlands?", lambda s: "nl" in s.persona.talen
        ),
        Field("persona.digitaal", "keuze", "Digitale vaardigheid.", _persona("digitaal"), m.DIGITAAL),
        Field("persona.geletterdheid", "keuze", "Geletterdheid.", _persona("geletterdheid"), m.GELETTERDHEID),
        Field("persona.afhankelijkheid", "keuze", "Afhankelijkheid.", _persona("afhankelijkheid"), m.AFHANKELIJKHEID),
        Field("persona.reactiviteit", "keuze", "Reactiviteit.", _persona("reactiviteit"), m.REACTIVITEIT),
        Field("persona.kwetsbaarheid", "keuze", "Kwetsbaarheid.", _persona("kwetsbaarheid"), m.KWETSBAARHEID),
        Field("persona.stiptheid", "keuze", "Behoefte aan stiptheid.", _persona("stiptheid"), m.STIPTHEID),
        Field("persona.namens", "keuze", "Namens wie de persona vraagt.", _persona("namens"), m.NAMENS),
        Field(
            "persona.vindplaatsen", "lijst", "Vindplaatsen van de persona.", _persona("vindplaatsen"), m.VINDPLAATSEN
        ),
        Field("vraag.id", "tekst", "Id van de huidige vraag.", attrgetter("vraag.id")),
        Field("vraag.soort", "keuze", "Soort van de huidige vraag.", attrgetter("vraag.soort"), m.SOORTEN),
        Field(
            "vraag.levensgebied",
            "keuze",
            "Levensgebied van de huidige vraag.",
            attrgetter("vraag.levensgebied"),
            m.LEVENSGEBIEDEN,
        ),
        Field("vraag.urgentie", "keuze", "Urgentie.", attrgetter("vraag.urgentie"), m.URGENTIES),
        Field("vraag.veiligheid", "janee", "Is de veiligheid in het geding?", attrgetter("vraag.veiligheid")),
        Field(
            "vraag.namens",
            "keuze",
            "Namens wie (van de vraag, anders van de persona).",
            lambda s: s.vraag.namens or s.persona.namens,
            m.NAMENS,
        ),
        Field("vraag.melding", "janee", "Wil de inwoner meteen een Wmo-melding doen?", attrgetter("vraag.melding")),
        Field(
            "vraag.wmo",
            "janee",
            "Is het een Wmo-vraag (hbh, begeleiding, dagbesteding, ...)?",
            lambda s: s.vraag.soort in m.WMO_SOORTEN,
        ),
        Field(
            "vraag.heeft_onderliggende_vraag",
            "janee",
            "Zit er een vraag achter de vraag?",
            lambda s: s.vraag.onderliggend is not None,
        ),
        Field(
            "casus.aantal_vragen",
            "getal",
            "Aantal vragen van het sleutelmoment.",
            lambda s: len(s.sleutelmoment.vragen),
        ),
        Field(
            "casus.levensgebieden",
            "lijst",
            "Alle levensgebieden van de casus.",
            attrgetter("casus_levensgebieden"),
            m.LEVENSGEBIEDEN,
        ),
        Field("casus.soorten", "lijst", "Alle soorten vragen van de casus.", attrgetter("casus_soorten"), m.SOORTEN),
        Field(
            "casus.veiligheid",
            "janee",
            "Is bij een van de vragen de veiligheid in het geding?",
            lambda s: any(v.veiligheid for v in s.sleutelmoment.vragen),
        ),
        Field(
            "casus.meerdere_levensgebieden",
            "janee",
            "Raakt de casus meer dan een levensgebied?",
            lambda s: len(s.casus_levensgebieden) > 1,
        ),
        Field(
            "reis.vorige_ingang",
            "tekst",
            "De ingang van de vorige stap (leeg bij de eerste).",
            lambda s: s.vorige_ingang or "",
            ref="ingang",
        ),
        Field("reis.bezocht", "lijst", "Ingangen die de reis al bezocht.", attrgetter("bezocht"), ref="ingang"),
        Field("reis.stappen", "getal", "Aantal stappen tot nu toe.", lambda s: len(s.bezocht)),
        Field(
            "reis.keer_hier",
            "getal",
            "Hoe vaak de reis al eerder bij deze ingang was (0 bij het eerste bezoek).",
            lambda s: s.bezocht[:-1].count(s.bezocht[-1]) if s.bezocht else 0,
        ),
        Field(
            "reis.koude_verwijzingen",
            "getal",
            "Aantal koude verwijzingen tot nu toe.",
            attrgetter("koude_verwijzingen"),
        ),
        Field("reis.aangekomen", "keuze", "Hoe de inwoner hier aankwam.", attrgetter("aangekomen"), m.AANKOMST),
    )
}

# Operators: name -> (what it compares with, description)
OPERATORS = {
    "is": ("waarde", "gelijk aan"),
    "is_niet": ("waarde", "niet gelijk aan"),
    "in": ("lijst", "een van de waarden"),
    "niet_in": ("lijst", "geen van de waarden"),
    "bevat": ("element", "de lijst bevat de waarde"),
    "vanaf": ("getal", "groter dan of gelijk aan"),
    "tot": ("getal", "kleiner dan"),
    "boven": ("getal", "groter dan"),
    "tot_en_met": ("getal", "kleiner dan of gelijk aan"),
}
COMBINATORS = {
    "alle": "alle condities gelden",
    "een_van": "minstens een conditie geldt",
    "niet": "de conditie geldt niet",
}


# --- one visitor over the tree -----------------------------------------------------------

T = TypeVar("T")


class Visitor(Generic[T]):
    """What to make of each kind of node; ``visit`` calls it bottom-up."""

    def vergelijking(self, c: m.Vergelijking) -> T:
        raise NotImplementedError

    def alle(self, delen: list[T]) -> T:
        raise NotImplementedError

    def een_van(self, delen: list[T]) -> T:
        raise NotImplementedError

    def niet(self, deel: T) -> T:
        raise NotImplementedError


def visit(cond: m.Conditie, v: Visitor[T]) -> T:
    if isinstance(cond, m.Vergelijking):
        return v.vergelijking(cond)
    if isinstance(cond, m.Niet):
        return v.niet(visit(cond.deel, v))
    delen = [visit(c, v) for c in cond.delen]
    return v.alle(delen) if isinstance(cond, m.Alle) else v.een_van(delen)


Predicate = Callable[[Situatie], bool]


def _field_test(get: Callable[[Situatie], Any], op: str, value: Any) -> Predicate:
    """A predicate: the field that ``get`` reads, compared by ``op`` with ``value``."""
    if op == "is":
        return lambda s: get(s) == value
    if op == "is_niet":
        return lambda s: get(s) != value
    if op == "in":
        values = frozenset(value)
        return lambda s: get(s) in values
    if op == "niet_in":
        values = frozenset(value)
        return lambda s: get(s) not in values
    if op == "bevat":
        return lambda s: value in get(s)
    # An unset value (None) never satisfies a comparison: "unknown age" is not "under 18".
    if op == "vanaf":
        return lambda s: (x := get(s)) is not None and x >= value
    if op == "tot":
        return lambda s: (x := get(s)) is not None and x < value
    if op == "boven":
        return lambda s: (x := get(s)) is not None and x > value
    return lambda s: (x := get(s)) is not None and x <= value


def _all(preds: list[Predicate]) -> Predicate:
    # One or two parts are the usual case; spelled out, they spare a generator per test.
    if len(preds) == 1:
        return preds[0]
    if len(preds) == 2:
        a, b = preds
        return lambda s: a(s) and b(s)
    return lambda s: all(p(s) for p in preds)


def _any(preds: list[Predicate]) -> Predicate:
    if len(preds) == 1:
        return preds[0]
    if len(preds) == 2:
        a, b = preds
        return lambda s: a(s) or b(s)
    return lambda s: any(p(s) for p in preds)


class _Compiler(Visitor[Predicate]):
    def vergelijking(self, c: m.Vergelijking) -> Predicate:
        get = FIELDS[c.veld].read
        return _all([_field_test(get, op, value) for op, value in c.vergelijkingen])

    def alle(self, delen: list[Predicate]) -> Predicate:
        return _all(delen)

    def een_van(self, delen: list[Predicate]) -> Predicate:
        return _any(delen)

    def niet(self, deel: Predicate) -> Predicate:
        return lambda s: not deel(s)


def compile_condition(cond: m.Conditie | None) -> Predicate:
    """A fast predicate over a Situatie; no condition means always."""
    return (lambda s: True) if cond is None else visit(cond, _Compiler())


class _Leaves(Visitor[list[m.Vergelijking]]):
    def vergelijking(self, c: m.Vergelijking) -> list[m.Vergelijking]:
        return [c]

    def alle(self, delen: list[list[m.Vergelijking]]) -> list[m.Vergelijking]:
        return [x for d in delen for x in d]

    een_van = alle

    def niet(self, deel: list[m.Vergelijking]) -> list[m.Vergelijking]:
        return deel


def comparisons(cond: m.Conditie | None) -> list[m.Vergelijking]:
    """The comparisons (the leaves) of a condition, in order."""
    return [] if cond is None else visit(cond, _Leaves())


def fields_used(cond: m.Conditie | None) -> list[tuple[str, str, Any]]:
    """(field, operator, value) for every comparison in a condition, in order."""
    return [(c.veld, op, value) for c in comparisons(cond) for op, value in c.vergelijkingen]


def refs(cond: m.Conditie | None, soort: str = "ingang") -> list[str]:
    """The ids of ``soort`` a condition names (fields such as reis.bezocht hold ingang ids)."""
    found = []
    for field, _, value in fields_used(cond):
        if FIELDS[field].ref == soort:
            found += list(value) if isinstance(value, tuple) else [value]
    return found


def depends_on_walk(cond: m.Conditie | None) -> bool:
    """Whether a condition looks at the journey so far (``reis.*``), not only at persona, vraag and casus."""
    return any(field.startswith("reis.") for field, _, _ in fields_used(cond))


_WOORDEN = {
    "is": "is",
    "is_niet": "is niet",
    "in": "is een van",
    "niet_in": "is geen van",
    "bevat": "bevat",
    "vanaf": ">=",
    "tot": "<",
    "boven": ">",
    "tot_en_met": "<=",
}


class _Describer(Visitor[str]):
    def vergelijking(self, c: m.Vergelijking) -> str:
        parts = []
        for op, value in c.vergelijkingen:
            shown = ", ".join(map(_fmt, value)) if isinstance(value, tuple) else _fmt(value)
            parts.append(f"{c.veld} {_WOORDEN[op]} {shown}")
        return " en ".join(parts)

    def alle(self, delen: list[str]) -> str:
        return " en ".join(f"({d})" for d in delen)

    def een_van(self, delen: list[str]) -> str:
        return " of ".join(f"({d})" for d in delen)

    def niet(self, deel: str) -> str:
        return f"niet ({deel})"


def describe(cond: m.Conditie | None) -> str:
    """A condition in plain Dutch, for route explanations."""
    return "altijd" if cond is None else visit(cond, _Describer())


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

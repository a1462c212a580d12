"""Evaluate declarative rule conditions. Conditions are data; this module gives them meaning.

A condition is compiled once into a Python closure, so walking stays fast and
nothing from YAML is ever evaluated as code.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

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


def _casus_veiligheid(s: Situatie) -> bool:
    return any(v.veiligheid for v in s.sleutelmoment.vragen)


# One getter per field in schema.CONDITIE_VELDEN (a test keeps the two in step).
# Plain attributes are read with attrgetter, which runs in C: conditions are tested often.
GETTERS: dict[str, Callable[[Situatie], Any]] = {
    "persona.leeftijd": attrgetter("persona.leeftijd"),
    "persona.huishouden": attrgetter("persona.huishouden"),
    "persona.heeft_kinderen": lambda s: bool(s.persona.kinderen),
    "persona.jongste_kind": lambda s: min(s.persona.kinderen, default=99),
    "persona.talen": attrgetter("persona.talen"),
    "persona.spreekt_nederlands": lambda s: "nl" in s.persona.talen,
    "persona.digitaal": attrgetter("persona.digitaal"),
    "persona.geletterdheid": attrgetter("persona.geletterdheid"),
    "persona.afhankelijkheid": attrgetter("persona.afhankelijkheid"),
    "persona.reactiviteit": attrgetter("persona.reactiviteit"),
    "persona.kwetsbaarheid": attrgetter("persona.kwetsbaarheid"),
    "persona.stiptheid": attrgetter("persona.stiptheid"),
    "persona.namens": attrgetter("persona.namens"),
    "persona.vindplaatsen": attrgetter("persona.vindplaatsen"),
    "vraag.id": attrgetter("vraag.id"),
    "vraag.soort": attrgetter("vraag.soort"),
    "vraag.levensgebied": attrgetter("vraag.levensgebied"),
    "vraag.urgentie": attrgetter("vraag.urgentie"),
    "vraag.veiligheid": attrgetter("vraag.veiligheid"),
    "vraag.namens": lambda s: s.vraag.namens or s.persona.namens,
    "vraag.melding": attrgetter("vraag.melding"),
    "vraag.wmo": lambda s: s.vraag.soort in m.WMO_SOORTEN,
    "vraag.heeft_onderliggende_vraag": lambda s: s.vraag.onderliggend is not None,
    "casus.aantal_vragen": lambda s: len(s.sleutelmoment.vragen),
    "casus.levensgebieden": attrgetter("casus_levensgebieden"),
    "casus.soorten": attrgetter("casus_soorten"),
    "casus.veiligheid": _casus_veiligheid,
    "casus.meerdere_levensgebieden": lambda s: len(s.casus_levensgebieden) > 1,
    "reis.vorige_ingang": lambda s: s.vorige_ingang or "",
    "reis.bezocht": attrgetter("bezocht"),
    "reis.stappen": lambda s: len(s.bezocht),
    "reis.koude_verwijzingen": attrgetter("koude_verwijzingen"),
    "reis.aangekomen": attrgetter("aangekomen"),
}


def _field_test(get: Callable[[Situatie], Any], op: str, value: Any) -> Callable[[Situatie], bool]:
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


def _all(preds: tuple[Callable[[Situatie], bool], ...]) -> Callable[[Situatie], bool]:
    # One or two parts are the usual case; spelled out, they spare a generator per test.
    if len(preds) == 1:
        return preds[0]
    if len(preds) == 2:
        a, b = preds
        return lambda s: a(s) and b(s)
    return lambda s: all(p(s) for p in preds)


def _any(preds: tuple[Callable[[Situatie], bool], ...]) -> Callable[[Situatie], bool]:
    if len(preds) == 1:
        return preds[0]
    if len(preds) == 2:
        a, b = preds
        return lambda s: a(s) or b(s)
    return lambda s: any(p(s) for p in preds)


def compile_condition(cond: m.Conditie | None) -> Callable[[Situatie], bool]:
    """A predicate over a Situatie for a condition tree built by the loader."""
    if cond is None:
        return lambda s: True
    kind = cond[0]
    if kind == "veld":
        get = GETTERS[cond[1]]
        return _all(tuple(_field_test(get, op, value) for op, value in cond[2]))
    if kind == "niet":
        inner = compile_condition(cond[1])
        return lambda s: not inner(s)
    parts = tuple(compile_condition(c) for c in cond[1])
    return _all(parts) if kind == "alle" else _any(parts)


def fields_used(cond: m.Conditie | None) -> list[tuple[str, str, Any]]:
    """(field, operator, value) for every comparison in a condition, in order."""
    if cond is None:
        return []
    if cond[0] == "veld":
        return [(cond[1], op, value) for op, value in cond[2]]
    if cond[0] == "niet":
        return fields_used(cond[1])
    return [x for c in cond[1] for x in fields_used(c)]


def depends_on_walk(cond: m.Conditie | None) -> bool:
    """Whether a condition looks at the journey so far (``reis.*``), not only at persona, vraag and casus."""
    return any(field.startswith("reis.") for field, _, _ in fields_used(cond))


def describe(cond: m.Conditie | None) -> str:
    """A condition in plain Dutch, for route explanations."""
    if cond is None:
        return "altijd"
    if cond[0] == "veld":
        words = {
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
        parts = []
        for op, value in cond[2]:
            shown = ", ".join(map(_fmt, value)) if isinstance(value, tuple) else _fmt(value)
            parts.append(f"{cond[1]} {words[op]} {shown}")
        return " en ".join(parts)
    if cond[0] == "niet":
        return f"niet ({describe(cond[1])})"
    joiner = " en " if cond[0] == "alle" else " of "
    return joiner.join(f"({describe(c)})" for c in cond[1])


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

"""Evaluate declarative rule conditions. Conditions are data; this module gives them meaning.

A condition is compiled once into a Python closure, so walking stays fast and
nothing from YAML is ever evaluated as code.
"""

from __future__ import annotations

from collections.abc import Callable
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


def _casus_veiligheid(s: Situatie) -> bool:
    return any(v.veiligheid for v in s.sleutelmoment.vragen)


# One getter per field in schema.CONDITIE_VELDEN (a test keeps the two in step).
GETTERS: dict[str, Callable[[Situatie], Any]] = {
    "persona.leeftijd": lambda s: s.persona.leeftijd,
    "persona.huishouden": lambda s: s.persona.huishouden,
    "persona.heeft_kinderen": lambda s: bool(s.persona.kinderen),
    "persona.jongste_kind": lambda s: min(s.persona.kinderen, default=99),
    "persona.talen": lambda s: s.persona.talen,
    "persona.spreekt_nederlands": lambda s: "nl" in s.persona.talen,
    "persona.digitaal": lambda s: s.persona.digitaal,
    "persona.geletterdheid": lambda s: s.persona.geletterdheid,
    "persona.afhankelijkheid": lambda s: s.persona.afhankelijkheid,
    "persona.reactiviteit": lambda s: s.persona.reactiviteit,
    "persona.kwetsbaarheid": lambda s: s.persona.kwetsbaarheid,
    "persona.stiptheid": lambda s: s.persona.stiptheid,
    "persona.namens": lambda s: s.persona.namens,
    "persona.vindplaatsen": lambda s: s.persona.vindplaatsen,
    "vraag.id": lambda s: s.vraag.id,
    "vraag.soort": lambda s: s.vraag.soort,
    "vraag.levensgebied": lambda s: s.vraag.levensgebied,
    "vraag.urgentie": lambda s: s.vraag.urgentie,
    "vraag.veiligheid": lambda s: s.vraag.veiligheid,
    "vraag.namens": lambda s: s.vraag.namens or s.persona.namens,
    "vraag.melding": lambda s: s.vraag.melding,
    "vraag.wmo": lambda s: s.vraag.soort in m.WMO_SOORTEN,
    "vraag.heeft_onderliggende_vraag": lambda s: s.vraag.onderliggend is not None,
    "casus.aantal_vragen": lambda s: len(s.sleutelmoment.vragen),
    "casus.levensgebieden": lambda s: s.casus_levensgebieden,
    "casus.soorten": lambda s: s.casus_soorten,
    "casus.veiligheid": _casus_veiligheid,
    "casus.meerdere_levensgebieden": lambda s: len(s.casus_levensgebieden) > 1,
    "reis.vorige_ingang": lambda s: s.vorige_ingang or "",
    "reis.bezocht": lambda s: s.bezocht,
    "reis.stappen": lambda s: len(s.bezocht),
    "reis.koude_verwijzingen": lambda s: s.koude_verwijzingen,
    "reis.aangekomen": lambda s: s.aangekomen,
}


def _number_test(op: str, bound: float) -> Callable[[Any], bool]:
    # An unset value (None) never satisfies a comparison: "unknown age" is not "under 18".
    if op == "vanaf":
        return lambda x: x is not None and x >= bound
    if op == "tot":
        return lambda x: x is not None and x < bound
    if op == "boven":
        return lambda x: x is not None and x > bound
    return lambda x: x is not None and x <= bound


def _test(op: str, value: Any) -> Callable[[Any], bool]:
    if op == "is":
        return lambda x: x == value
    if op == "is_niet":
        return lambda x: x != value
    if op == "in":
        values = frozenset(value)
        return lambda x: x in values
    if op == "niet_in":
        values = frozenset(value)
        return lambda x: x not in values
    if op == "bevat":
        return lambda x: value in x
    return _number_test(op, value)


def compile_condition(cond: m.Conditie | None) -> Callable[[Situatie], bool]:
    """A predicate over a Situatie for a condition tree built by the loader."""
    if cond is None:
        return lambda s: True
    kind = cond[0]
    if kind == "veld":
        get = GETTERS[cond[1]]
        tests = tuple(_test(op, value) for op, value in cond[2])
        if len(tests) == 1:
            (test,) = tests
            return lambda s: test(get(s))
        return lambda s: all(t(get(s)) for t in tests)
    if kind == "niet":
        inner = compile_condition(cond[1])
        return lambda s: not inner(s)
    parts = tuple(compile_condition(c) for c in cond[1])
    if kind == "alle":
        return lambda s: all(p(s) for p in parts)
    return lambda s: any(p(s) for p in parts)


def fields_used(cond: m.Conditie | None) -> list[tuple[str, str, Any]]:
    """(field, operator, value) for every comparison in a condition, in order."""
    if cond is None:
        return []
    if cond[0] == "veld":
        return [(cond[1], op, value) for op, value in cond[2]]
    if cond[0] == "niet":
        return fields_used(cond[1])
    return [x for c in cond[1] for x in fields_used(c)]


def describe(cond: m.Conditie | None) -> str:
    """A condition in plain Dutch, for route explanations."""
    if cond is None:
        return "altijd"
    if cond[0] == "veld":
        words = {"is": "is", "is_niet": "is niet", "in": "is een van", "niet_in": "is geen van",
                 "bevat": "bevat", "vanaf": ">=", "tot": "<", "boven": ">", "tot_en_met": "<="}
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

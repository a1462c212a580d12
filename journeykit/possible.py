"""What can happen to whom: a sleutelmoment says for whom it can happen, a klantreis for which questions it is.

An 81-year-old does not turn 18, and a question about a wheelchair is not for the taxi booking
line. Analyses skip what cannot happen and say how much they skipped; `walk` refuses it.
"""

from __future__ import annotations

import functools

from journeykit import model as m
from journeykit.conditions import Predicate, Situatie, compile_condition, describe


@functools.cache
def _test(cond: m.Conditie) -> Predicate:
    return compile_condition(cond)


def for_persona(persona: m.Persona, sm: m.Sleutelmoment) -> bool:
    """Whether ``sm`` can happen to ``persona`` (its `voor` looks only at the persona)."""
    return sm.voor is None or _test(sm.voor)(Situatie.voor(persona, sm.vragen[0], sm))


def for_gemeente(g: m.Gemeente, sm: m.Sleutelmoment, vraag: m.Vraag) -> bool:
    """Whether the klantreis of ``g`` is for this question (its `voor` looks only at the vraag and the casus)."""
    if g.voor is None:
        return True
    dummy = m.Persona("-", "-", 40, "alleenstaand")  # a gemeente's `voor` never looks at the persona
    return _test(g.voor)(Situatie.voor(dummy, vraag, sm))


def why_impossible(g: m.Gemeente | None, persona: m.Persona, sm: m.Sleutelmoment, vraag: m.Vraag) -> str | None:
    """Why this case cannot happen, in Dutch; None when it can."""
    if not for_persona(persona, sm):
        assert sm.voor is not None
        return f"'{sm.naam}' kan {persona.naam} niet overkomen: het sleutelmoment is voor wie {describe(sm.voor)}"
    if g is not None and not for_gemeente(g, sm, vraag):
        assert g.voor is not None
        return f"de klantreis van {g.naam} is niet voor deze vraag: alleen voor vragen met {describe(g.voor)}"
    return None

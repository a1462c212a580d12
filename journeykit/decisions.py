"""What happens at one visit of an ingang: the effect of a rule's action, and the decision of a visit.

Worked out once per gemeente (an Effect per rule) or per situation (a Decision per ingang),
so that walking millions of journeys in a sweep only does what depends on the route. The
walker (``engine.py``) uses them.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from journeykit import model as m
from journeykit.conditions import Situatie


@attrs.frozen(eq=False)  # compared and hashed by identity: see _Walk.record
class Effect:
    """What applying an action at an ingang records and does, apart from what depends on the route.

    For a rule with a fixed action this is worked out once, when the Walker is made;
    for ``actie: python`` each time the beslisser decides.
    """

    soort: str  # the action's soort
    actie: str  # the step's actie: the soort; for a referral with its overdracht ("verwijzen-warm")
    regel: str | None
    dagen: int
    kenmerken: tuple[str, ...]
    ervaring: int
    toelichting: str
    herkomst: m.Herkomst
    kosten: float  # of the action; the ingang's own cost is added on the first visit
    niveau: str | None = None
    met: tuple[str, ...] = ()
    naar: str | None = None  # a referral's target, or the place a decline names
    overdracht: str | None = None
    uitkomst: m.Uitkomst | None = None  # how the journey ends here, if it ends whatever the route
    kosten_bekend: bool = False  # the action says what it costs
    # For a resolution: the kinds of question it may resolve (the `taak` of the ingang and its partners); None = all.
    taak: frozenset[str] | None = None

    @classmethod
    def of(
        cls,
        regel: m.Regel,
        actie: m.Actie,
        ingang: m.Ingang,
        taak: frozenset[str] | None = None,
        herkomst: m.Herkomst | None = None,
    ) -> Effect:
        """``herkomst``: where this action comes from, when not the rule's (one of its kansen)."""
        soort = actie.soort
        met: tuple[str, ...]
        label, niveau, met, naar, overdracht, uitkomst = soort, None, (), None, None, None
        if soort in ("oplossen", "samenwerken"):
            niveau, met = actie.niveau, tuple(actie.met)
            uitkomst = m.Uitkomst(
                "opgelost", actie.waar or f"opgelost bij {ingang.naam}", niveau=actie.niveau, waar=ingang.id
            )
        elif soort not in ("wachten", "verhelderen"):  # a referral or a decline
            naar = actie.naar if soort == "verwijzen" else actie.noemt
            # a decline that names a place leaves the resident to go there alone: cold
            overdracht = actie.overdracht if soort == "verwijzen" and actie.overdracht else "koud"
            if soort == "verwijzen":
                label = f"verwijzen-{actie.overdracht}"
            if naar is None:
                uitkomst = m.Uitkomst(
                    "afgehaakt", f"{ingang.naam} wijst af zonder een andere plek te noemen", waar=ingang.id
                )
        return cls(
            soort=soort,
            actie=label,
            regel=regel.id,
            dagen=actie.dagen,
            kenmerken=tuple(regel.kenmerken),
            ervaring=_ervaring(label, regel.ervaring),
            toelichting=regel.toelichting,
            herkomst=herkomst or regel.herkomst,
            kosten=actie.kosten.bedrag if actie.kosten else 0.0,
            niveau=niveau,
            met=met,
            naar=naar,
            overdracht=overdracht,
            uitkomst=uitkomst,
            kosten_bekend=actie.kosten is not None,
            taak=taak if uitkomst is not None and uitkomst.soort == "opgelost" else None,
        )

    @classmethod
    def nothing(cls, actie: str, toelichting: str, uitkomst: m.Uitkomst | None = None) -> Effect:
        """A step where nothing could be done: no rule applied (``geen-regel``), or no way in (``onbereikbaar``)."""
        return cls(
            soort=actie,
            actie=actie,
            regel=None,
            dagen=0,
            kenmerken=(),
            ervaring=_ervaring(actie, None),
            toelichting=toelichting,
            herkomst=m.GEEN_HERKOMST,
            kosten=0.0,
            uitkomst=uitkomst,
        )


def _ervaring(actie: str, ervaring: int | None) -> int:
    if ervaring is not None:
        return ervaring
    return m.STANDAARD_ERVARING.get(actie, 1 if actie in ("geen-regel", "onbereikbaar") else 3)


@attrs.frozen
class Decision:
    """How a visit goes: the effect that decides it, after the ``wachten`` rules that applied first."""

    effect: Effect
    wachtdagen: tuple[int, ...]  # of the wachten rules, in order
    wachtregels: tuple[str, ...]
    kenmerken: tuple[str, ...]  # of the wachten rules, then of the deciding rule
    python: bool = False  # a beslisser decided part of it

    def alike(self, other: Decision) -> bool:
        """Whether two visits decide alike (a beslisser makes new objects each time, so not by identity)."""
        if self is other:
            return True
        x, y = self.effect, other.effect
        return (x.regel, x.actie, x.naar, x.niveau, x.met, self.wachtregels) == (
            y.regel,
            y.actie,
            y.naar,
            y.niveau,
            y.met,
            other.wachtregels,
        )

    @classmethod
    def of(cls, effect: Effect, waits: list[Effect] | tuple[()] = (), python: bool = False) -> Decision:
        kenmerken: tuple[str, ...] = ()
        regels: tuple[str, ...] = ()
        for w in waits:
            assert w.regel is not None  # a wachten effect comes from a rule (only Effect.nothing has none)
            kenmerken += w.kenmerken
            regels += (w.regel,)
        return cls(effect, tuple(w.dagen for w in waits), regels, kenmerken + effect.kenmerken, python)


ONBEREIKBAAR = Decision.of(Effect.nothing("onbereikbaar", "geen kanaal dat deze persona kan gebruiken"))


@attrs.frozen
class Rule:
    """A rule of the gemeente, ready to walk."""

    regel: m.Regel
    test: Callable[[Situatie], bool]
    # True when the condition looks only at persona, vraag and casus, never at the route so
    # far: then its answer holds for the whole situation.
    static: bool
    effect: Effect | None  # None for ``actie: python`` and for kansen: decided at each visit
    decision: Decision | None  # the decision when this rule decides with no ``wachten`` rule before it
    kansen: tuple[tuple[float, Effect], ...] = ()  # for a rule with kansen: each likelihood and its effect

"""Shares the sources give ("66 of 150 cases avoided maatwerk"), held against what the model does.

A journey case checks one journey; a share checks the model as a whole. It counts, over every
persona, sleutelmoment and vraag that can happen in a situation, how many end as the share
says, from the persona's most likely first contact. Where rules have kansen, a case counts for
the likelihood that it ends so: 0.7 of a case, say.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import attrs

from journeykit import model as m
from journeykit.conditions import Situatie, compile_condition
from journeykit.possible import why_impossible


@attrs.frozen
class Telling:
    """How many cases counted in one situation, and how many of them end as the share says."""

    variant: str
    gevallen: int
    tellen_mee: float  # the expected number of cases that end as the share says

    @property
    def aandeel(self) -> float | None:
        """None when no case counts: a share of nothing is unknown, not 0."""
        return self.tellen_mee / self.gevallen if self.gevallen else None


@attrs.frozen
class GemetenAandeel:
    aandeel: m.Aandeel
    telling: Telling
    basis: Telling | None  # the situation it is compared with (`ten_opzichte_van`)

    @property
    def waarde(self) -> float | None:
        """The share, or the ratio with the other situation; None when unknown."""
        own = self.telling.aandeel
        if self.basis is None or own is None:
            return own
        base = self.basis.aandeel
        return None if not base else own / base

    @property
    def ok(self) -> bool:
        """Within the bounds. An unknown value is not: what cannot be measured has not been shown to hold."""
        w, a = self.waarde, self.aandeel
        if w is None:
            return False
        return (a.minimaal is None or w >= a.minimaal) and (a.maximaal is None or w <= a.maximaal)

    @property
    def te_toetsen(self) -> bool:
        """The loaded data has cases to count (a plugin's shares over someone else's personas may have none)."""
        return self.waarde is not None

    @property
    def in_orde(self) -> bool:
        """As the data says: within the bounds, or measurably outside them where the data declares a known
        deviation. Like pytest's strict xfail, a declared deviation that no longer deviates is not in order.
        A share the loaded data has no cases for cannot be tested: it is reported, and does not fail."""
        if not self.te_toetsen:
            return True
        if self.aandeel.afwijking is None:
            return self.ok
        return not self.ok

    @property
    def oordeel(self) -> str:
        """The verdict in words."""
        if not self.te_toetsen:
            return "niet te toetsen: de geladen persona's en sleutelmomenten geven hiervoor geen gevallen"
        if self.aandeel.afwijking is None:
            return "ok" if self.ok else "AFWIJKEND"
        if self.in_orde:
            return f"AFWIJKEND, bekend: {self.aandeel.afwijking}"
        if self.ok:
            return "valt nu binnen de grenzen: haal 'afwijking' weg"
        return "AFWIJKEND"


# The routes a case can take, each with its likelihood (one route, likelihood 1, where no rule has kansen)
Walk = Callable[[str, m.Persona, m.Sleutelmoment, str], Sequence[tuple[float, m.Uitkomst]]]


def count(
    g: m.Gemeente,
    a: m.Aandeel,
    variant: str,
    personas: list[m.Persona],
    sleutelmomenten: list[m.Sleutelmoment],
    walk: Walk,
) -> Telling:
    """Walk every case of ``a`` in ``variant`` of ``g`` (``walk(variant, persona, sm, vraag)``) and count."""
    chosen = compile_condition(a.gevallen)
    gevallen = 0
    mee: list[float] = []
    for p in personas:
        for sm in sleutelmomenten:
            for v in sm.vragen:
                if why_impossible(g, p, sm, v) or not chosen(Situatie.voor(p, v, sm)):
                    continue
                gevallen += 1
                mee += [
                    kans
                    for kans, u in walk(variant, p, sm, v.id)
                    if (not a.niveaus or u.niveau in a.niveaus) and (not a.uitkomsten or u.soort in a.uitkomsten)
                ]
    return Telling(variant, gevallen, math.fsum(mee))


def measure(
    g: m.Gemeente, personas: list[m.Persona], sleutelmomenten: list[m.Sleutelmoment], walk: Walk
) -> list[GemetenAandeel]:
    """Every share of gemeente ``g`` (all variants), measured."""
    out = []
    for a in g.aandelen:
        own = count(g, a, a.variant, personas, sleutelmomenten, walk)
        base = None if a.ten_opzichte_van is None else count(g, a, a.ten_opzichte_van, personas, sleutelmomenten, walk)
        out.append(GemetenAandeel(a, own, base))
    return out

"""Compare one persona and sleutelmoment across gemeenten, variants and first contacts."""

from __future__ import annotations

import attrs

from journeykit import model as m
from journeykit.analysis.chance import Verdeling


@attrs.frozen
class Rij:
    gemeente: str
    variant: str
    eerste_ingang: str | None  # None: the persona's most likely first contact
    journey: m.Journey  # where rules have kansen: the most likely route
    schendingen: tuple[m.Schending, ...] = ()
    standaard: bool = False  # this start is the persona's most likely first contact
    verdeling: Verdeling | None = None  # every route this start can take (more than one where rules have kansen)

    @property
    def kansen(self) -> Verdeling | None:
        """The distribution, when more than one route can happen."""
        v = self.verdeling
        return v if v and sum(r.kans > 0 for r in v.routes) > 1 else None


@attrs.frozen
class Oordeel:
    """'No wrong door': does every plausible first contact lead to an answer without a cold referral?"""

    gemeente: str
    variant: str
    eerste_contacten: int
    falen: tuple[tuple[str, str], ...]  # (ingang, why it fails)

    @property
    def ok(self) -> bool:
        return self.eerste_contacten > 0 and not self.falen


def wrong_door(j: m.Journey) -> str | None:
    """Why this journey counts against 'no wrong door', or None if it does not."""
    if j.uitkomst.soort != "opgelost":
        return f"geen antwoord ({j.uitkomst.soort}: {j.uitkomst.reden})"
    if j.metrieken.koude_verwijzingen:
        return f"antwoord pas na {j.metrieken.koude_verwijzingen} koude verwijzing(en)"
    return None


def wrong_door_by_chance(v: Verdeling) -> str | None:
    """Why a first contact counts against 'no wrong door' when any of its routes does (the likeliest such route,
    with how likely a wrong door is), or None if none does."""
    wrong = [(r, why) for r in v.routes if r.kans > 0 and (why := wrong_door(r.journey))]
    if not wrong:
        return None
    why = wrong[0][1]
    kans = sum(r.kans for r, _ in wrong)
    return why if kans >= 1 - 1e-9 else f"in {round(100 * kans)} % van de gevallen, het vaakst: {why}"


@attrs.frozen
class Vergelijking:
    persona: str
    sleutelmoment: str
    vraag: str
    rijen: tuple[Rij, ...]
    oordelen: tuple[Oordeel, ...]
    niet_voor: tuple[tuple[str, str], ...] = ()  # (gemeente, why): gemeenten whose klantreis is not for this question
    situaties: tuple[tuple[str, m.Variant], ...] = ()  # (gemeente, variant) compared: where each situation comes from

    @property
    def reconstructies(self) -> tuple[tuple[str, m.Variant], ...]:
        """The compared situations the sources do not describe."""
        return tuple((g, v) for g, v in self.situaties if v.reconstructie)

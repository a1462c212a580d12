"""The results of a walk: steps, metrics, the outcome, and principles broken."""

from __future__ import annotations

from typing import Any

import attrs

from journeykit.model.base import GEEN_HERKOMST, Herkomst, zwakste

# --- results of a walk ---------------------------------------------------------


@attrs.frozen
class Stap:
    """One step of a walked journey: where the resident was and why they moved on."""

    nummer: int
    ingang: str
    vraag: str
    aangekomen: str  # start | warm | koud | verheldering
    regel: str | None  # id of the rule that decided, None when nothing matched
    actie: str
    contact_inwoner: bool
    opnieuw_verteld: bool
    dagen: int
    organisatie: str
    ervaring: int
    kanaal: str | None = None
    naar: str | None = None
    overdracht: str | None = None
    niveau: str | None = None
    met: tuple[str, ...] = ()
    kenmerken: tuple[str, ...] = ()
    toelichting: str = ""
    herkomst: Herkomst = GEEN_HERKOMST
    kosten: float = 0.0
    wachtregels: tuple[str, ...] = ()  # `wachten` rules that added days before the deciding rule
    # Nobody knows the wait at this ingang, or what this step costs: `dagen` and `kosten` hold only what is known.
    dagen_onbekend: bool = False
    kosten_onbekend: bool = False


@attrs.frozen
class Metrieken:
    stappen: int
    contacten_inwoner: int
    warme_overdrachten: int
    koude_verwijzingen: int
    herhalingen: int
    dagen: int  # the days that are known
    organisaties: int
    kosten: float  # the costs that are known
    afwijzingen: int
    # Steps whose wait, or whose cost, nobody knows: then `dagen` or `kosten` is only a lower bound.
    dagen_onbekend: int = 0
    kosten_onbekend: int = 0
    lauwe_overdrachten: int = 0


@attrs.frozen
class Uitkomst:
    soort: str  # one of UITKOMSTEN
    reden: str
    niveau: str | None = None
    waar: str | None = None  # ingang id where it ended
    lus: tuple[str, ...] = ()  # the cycle of ingang ids, first == last


@attrs.frozen
class Journey:
    gemeente: str
    variant: str
    persona: str
    sleutelmoment: str
    vraag: str
    stappen: tuple[Stap, ...]
    uitkomst: Uitkomst
    metrieken: Metrieken

    @property
    def route(self) -> tuple[str, ...]:
        return tuple(s.ingang for s in self.stappen)

    @property
    def aannames(self) -> tuple[str, ...]:
        """The rules this route rests on that rest (partly) on an assumption, each once, in route order."""
        return tuple(dict.fromkeys(s.regel for s in self.stappen if s.regel and s.herkomst.aanname))

    @property
    def niveau(self) -> str:
        """The weakest evidence any step of the route rests on."""
        return zwakste(s.herkomst.niveau for s in self.stappen if s.regel)


@attrs.frozen
class Schending:
    """A principle broken by a journey, or one that could not be checked (a plugin's check failed).

    A check that could not run counts as broken wherever results are counted: a failing
    plugin must never make a journey look better than it is.
    """

    principe: str
    uitleg: str
    stap: int | None = None
    niet_getoetst: bool = False


def as_dict(obj: Any) -> Any:
    """Plain, JSON-ready data for any model object: tuples become lists, provenance says its level."""
    if attrs.has(type(obj)):
        out = {f.name: as_dict(getattr(obj, f.name)) for f in attrs.fields(type(obj)) if f.name != "plaats"}
        if isinstance(obj, Herkomst):
            out["niveau"] = obj.niveau
        return out
    if isinstance(obj, (tuple, list)):
        return [as_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: as_dict(v) for k, v in obj.items()}
    return obj

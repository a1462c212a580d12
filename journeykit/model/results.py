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

    @classmethod
    def of(cls, steps: tuple[Stap, ...]) -> Metrieken:
        """The figures of a route, counted from its steps."""
        contacts = warm = lukewarm = cold = retold = days = declined = days_unknown = cost_unknown = 0
        # summed in step order from (int) 0, as sum() would: the rounding must not change
        cost: float = 0
        for s in steps:
            contacts += s.contact_inwoner
            retold += s.opnieuw_verteld
            days += s.dagen
            cost += s.kosten
            days_unknown += s.dagen_onbekend
            cost_unknown += s.kosten_onbekend
            if s.actie == "verwijzen-warm":
                warm += 1
            elif s.actie == "verwijzen-lauw":
                lukewarm += 1
            elif s.actie in ("verwijzen-koud", "afwijzen") and s.naar is not None:
                cold += 1
            declined += s.actie == "afwijzen"
        return cls(
            stappen=len(steps),
            contacten_inwoner=contacts,
            warme_overdrachten=warm,
            koude_verwijzingen=cold,
            herhalingen=retold,
            dagen=days,
            organisaties=len({s.organisatie for s in steps}),
            kosten=round(cost, 2),
            afwijzingen=declined,
            dagen_onbekend=days_unknown,
            kosten_onbekend=cost_unknown,
            lauwe_overdrachten=lukewarm,
        )


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
    def lus_stappen(self) -> tuple[Stap, ...]:
        """The steps that make the loop (``uitkomst.lus``), one per place in it; () without a loop.

        A walk that ends kastje-naar-de-muur has them last; one that went on has them where it went round.
        """
        lus = self.uitkomst.lus
        n = len(lus) - 1
        route = self.route
        for i in range(len(route) - n + 1 if lus else 0):
            if route[i : i + n] == lus[:-1] and (i + n == len(route) or route[i + n] == lus[-1]):
                return self.stappen[i : i + n]
        return ()

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

"""What a change does to every case: before and after, per case and in total."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from journeykit import model as m

if TYPE_CHECKING:
    from journeykit.analysis.evidence import Onderbouwing

# (metric, label); for all of these lower is better.
METRIEKEN = (
    ("contacten_inwoner", "contacten"),
    ("koude_verwijzingen", "koude verwijzingen"),
    ("herhalingen", "keer opnieuw verteld"),
)
# Figures that can be unknown (metric, how many steps it is unknown for, label): compared only when both are known.
ONZEKER = (("dagen", "dagen_onbekend", "dagen"), ("kosten", "kosten_onbekend", "kosten"))
UITKOMST_RANG = {"opgelost": 0, "buiten-taak": 1, "afgehaakt": 1, "staplimiet": 1, "kastje-naar-de-muur": 2}


@attrs.frozen
class Geval:
    """One case walked before and after."""

    persona: str
    sleutelmoment: str
    vraag: str
    eerste_ingang: str | None
    reis: str | None  # the journey case it comes from, if any

    @property
    def label(self) -> str:
        start = f" vanaf {self.eerste_ingang}" if self.eerste_ingang else ""
        return self.reis or f"{self.persona} · {self.sleutelmoment}/{self.vraag}{start}"


@attrs.frozen
class Wijziging:
    wat: str
    voor: object
    na: object
    beter: bool | None  # None: neither better nor worse


@attrs.frozen
class Kansen:
    """Where rules have kansen and a case can go more ways: how likely it ends opgelost, and sent round."""

    opgelost: float
    kastje_naar_de_muur: float

    @classmethod
    def of(cls, j: m.Journey) -> Kansen:
        """The likelihoods of a case that can go only one way."""
        return cls(float(j.uitkomst.soort == "opgelost"), float(bool(j.uitkomst.lus)))


@attrs.frozen
class GevalVerschil:
    geval: Geval
    voor: m.Journey  # where rules have kansen: the most likely route
    na: m.Journey
    schendingen_voor: tuple[str, ...]
    schendingen_na: tuple[str, ...]
    wijzigingen: tuple[Wijziging, ...]
    kansen_voor: Kansen | None = None  # None: the case can go only one way
    kansen_na: Kansen | None = None

    @property
    def beter(self) -> bool:
        return any(w.beter for w in self.wijzigingen) and not any(w.beter is False for w in self.wijzigingen)

    @property
    def slechter(self) -> bool:
        return any(w.beter is False for w in self.wijzigingen)


def compare_journeys(
    voor: m.Journey,
    na: m.Journey,
    sv: Iterable[str],
    sn: Iterable[str],
    kv: Kansen | None = None,
    kn: Kansen | None = None,
) -> tuple[Wijziging, ...]:
    """What changed from ``voor`` to ``na``; with ``kv``/``kn`` (a side that can go more ways) also the
    likelihoods, which can change while the most likely route stays the same."""
    out = []
    uv, un = voor.uitkomst, na.uitkomst
    if uv.soort != un.soort:
        out.append(
            Wijziging(
                "uitkomst",
                uv.soort,
                un.soort,
                UITKOMST_RANG[un.soort] < UITKOMST_RANG[uv.soort]
                if UITKOMST_RANG[un.soort] != UITKOMST_RANG[uv.soort]
                else None,
            )
        )
    elif uv.niveau != un.niveau:
        out.append(Wijziging("niveau", uv.niveau, un.niveau, None))
    if kv or kn:
        a, b = kv or Kansen.of(voor), kn or Kansen.of(na)
        for label, x, y, higher_is_better in (
            ("kans op opgelost", a.opgelost, b.opgelost, True),
            ("kans van het kastje naar de muur", a.kastje_naar_de_muur, b.kastje_naar_de_muur, False),
        ):
            if round(100 * x) != round(100 * y):
                out.append(Wijziging(label, f"{round(100 * x)} %", f"{round(100 * y)} %", (y > x) == higher_is_better))
    for attr, label in METRIEKEN:
        a, b = getattr(voor.metrieken, attr), getattr(na.metrieken, attr)
        if a != b:
            out.append(Wijziging(label, a, b, b < a))
    for attr, unknown, label in ONZEKER:
        a, b = getattr(voor.metrieken, attr), getattr(na.metrieken, attr)
        ua, ub = getattr(voor.metrieken, unknown), getattr(na.metrieken, unknown)
        if (a, bool(ua)) != (b, bool(ub)):
            # Only two known figures can be better or worse; with an unknown part nobody can say.
            known = not ua and not ub
            out.append(Wijziging(label, _shown(a, ua), _shown(b, ub), b < a if known else None))
    if voor.route != na.route:
        out.append(Wijziging("route", " → ".join(voor.route) or "-", " → ".join(na.route) or "-", None))
    lv, ln = bool(uv.lus), bool(un.lus)
    if lv != ln:
        out.append(Wijziging("lus", " → ".join(uv.lus) or "-", " → ".join(un.lus) or "-", lv and not ln))
    sv, sn = set(sv), set(sn)
    if sv != sn:
        out.append(
            Wijziging(
                "principes",
                ", ".join(sorted(sv)) or "-",
                ", ".join(sorted(sn)) or "-",
                None if (sn - sv and sv - sn) else not (sn - sv),
            )
        )
    return tuple(out)


def _shown(value: float, unknown: int) -> object:
    if not unknown:
        return value
    return "onbekend" if not value else f"≥ {value:g}"


@attrs.frozen
class Totalen:
    gevallen: int
    beter: int
    slechter: int
    gelijk: int
    voor: dict[str, float | None]  # None: nobody knows (no case has a known value)
    na: dict[str, float | None]


@attrs.frozen
class RisicoOpReis:
    """What one risk a source names does to one journey: the journey with the risk, and what changes."""

    risico: m.Risico
    journey: m.Journey
    wijzigingen: tuple[Wijziging, ...]


@attrs.frozen
class RisicoVerschil:
    """What one risk a source names does to the situation after the change: the cases it makes worse."""

    risico: m.Risico
    slechter: int  # cases worse with the risk than without
    lussen: int  # cases that get a loop
    schendingen: int  # cases that break a principle they did not break


@attrs.frozen
class Diff:
    gemeente: str
    van: str
    naar: str
    verschillen: tuple[GevalVerschil, ...]  # every case, changed or not
    totalen: Totalen
    overgeslagen: int = 0  # persona x sleutelmoment x vraag combinations that cannot happen, so were not walked
    onderbouwing: Onderbouwing | None = None  # what the changes rest on (analysis.evidence)
    risicos: tuple[RisicoVerschil, ...] = ()  # with --met-risicos: what each risk of the 'after' situation does
    # Where the two situations themselves come from: a variant the sources do not describe must say so.
    situatie_van: m.Variant | None = None
    situatie_naar: m.Variant | None = None

    @property
    def gewijzigd(self) -> tuple[GevalVerschil, ...]:
        return tuple(v for v in self.verschillen if v.wijzigingen)

    @property
    def nieuwe_lussen(self) -> tuple[GevalVerschil, ...]:
        return tuple(v for v in self.verschillen if v.na.uitkomst.lus and not v.voor.uitkomst.lus)

    @property
    def nieuwe_schendingen(self) -> tuple[GevalVerschil, ...]:
        return tuple(v for v in self.verschillen if set(v.schendingen_na) - set(v.schendingen_voor))


def totals(verschillen: list[GevalVerschil]) -> Totalen:
    def sums(side: str) -> dict[str, float | None]:
        js = [getattr(v, side) for v in verschillen]
        out: dict[str, float | None] = {label: sum(getattr(j.metrieken, attr) for j in js) for attr, label in METRIEKEN}
        unknown_days = sum(bool(j.metrieken.dagen_onbekend) for j in js)
        unknown_costs = sum(bool(j.metrieken.kosten_onbekend) for j in js)
        everything_unknown = bool(js)
        out["dagen (voor zover bekend)"] = (
            None if everything_unknown and unknown_days == len(js) else sum(j.metrieken.dagen for j in js)
        )
        out["gevallen met onbekende wachttijd"] = unknown_days
        out["opgelost"] = sum(j.uitkomst.soort == "opgelost" for j in js)
        if any(v.kansen_voor or v.kansen_na for v in verschillen):
            # where rules have kansen: every case counted by its likelihood, not by its most likely route
            kansen = [getattr(v, "kansen_" + side) or Kansen.of(getattr(v, side)) for v in verschillen]
            out["opgelost (naar kans)"] = round(sum(k.opgelost for k in kansen), 2)
        out["maatwerk"] = sum(j.uitkomst.niveau == "maatwerk" for j in js)
        out["lussen"] = sum(bool(j.uitkomst.lus) for j in js)
        out["principeschendingen"] = sum(len(getattr(v, "schendingen_" + side)) for v in verschillen)
        out["kosten (voor zover bekend)"] = (
            None if everything_unknown and unknown_costs == len(js) else round(sum(j.metrieken.kosten for j in js), 2)
        )
        out["gevallen met onbekende kosten"] = unknown_costs
        return out

    beter = sum(v.beter for v in verschillen)
    slechter = sum(v.slechter for v in verschillen)
    return Totalen(len(verschillen), beter, slechter, len(verschillen) - beter - slechter, sums("voor"), sums("na"))

"""Which ingangen no case reaches and which rules never fire, and why."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from journeykit import model as m
from journeykit.conditions import describe


@attrs.frozen
class Gat:
    """An ingang never reached or a rule that never fires, with the most likely reason."""

    gemeente: str
    variant: str
    soort: str  # "ingang" | "regel"
    id: str
    reden: str


@attrs.define
class Dekking:
    reizen_ingangen: set[tuple[str, str, str]] = attrs.Factory(set)
    reizen_regels: set[tuple[str, str, str]] = attrs.Factory(set)
    sweep_ingangen: set[tuple[str, str, str]] = attrs.Factory(set)
    sweep_regels: set[tuple[str, str, str]] = attrs.Factory(set)

    def add(self, j: m.Journey, from_case: bool) -> None:
        ingangen = self.reizen_ingangen if from_case else self.sweep_ingangen
        regels = self.reizen_regels if from_case else self.sweep_regels
        for s in j.stappen:
            ingangen.add((j.gemeente, j.variant, s.ingang))
            # joint work brings the partners in behind the scenes: they are reached too
            ingangen.update((j.gemeente, j.variant, x) for x in s.met)
            for r in (s.regel, *s.wachtregels):
                if r:
                    regels.add((j.gemeente, j.variant, r))


def gaps(d: Dekking, gemeenten: Iterable[m.Gemeente]) -> list[Gat]:
    """What neither the journey cases nor the sweep reach, each with a reason."""
    out = []
    for g in gemeenten:
        v = g.variant or ""
        referred = (
            {r.dan.naar for r in g.regels} | {r.dan.noemt for r in g.regels} | {x for r in g.regels for x in r.dan.met}
        )
        for i in g.ingangen:
            key = (g.id, v, i.id)
            if key in d.reizen_ingangen or key in d.sweep_ingangen:
                continue
            if i.id not in referred and not i.eerste_contact:
                why = "geen regel verwijst hierheen en het is geen eerste contact"
            elif i.id not in referred:
                why = "geen regel verwijst hierheen en geen persona kiest dit als eerste contact"
            else:
                sources = sorted(r.id for r in g.regels if i.id in (r.dan.naar, r.dan.noemt) or i.id in r.dan.met)
                why = "de regels die hierheen verwijzen vuren nooit: " + ", ".join(sources)
            out.append(Gat(g.id, v, "ingang", i.id, why))
        earlier: dict[str, list[m.Regel]] = {}
        for r in g.regels:
            key = (g.id, v, r.id)
            before = earlier.setdefault(r.bij, [])
            if key not in d.reizen_regels and key not in d.sweep_regels:
                always = next(
                    (x for x in before if x.als is None and x.dan.soort not in ("wachten", "python", "verhelderen")),
                    None,
                )
                if always is not None:
                    why = f"overschaduwd: de eerdere regel {always.id} bij {r.bij} past altijd"
                elif (g.id, v, r.bij) not in d.reizen_ingangen | d.sweep_ingangen:
                    why = f"de ingang {r.bij} wordt nooit bereikt"
                elif r.als is None:
                    why = (
                        f"vangnet: elke vraag die bij {r.bij} aankomt, wordt in de sweep al door een eerdere regel "
                        "beslist"
                    )
                elif r.dan.soort == "python":
                    why = "een Python-beslisser besliste hier niet (of er is geen plugin die hem levert)"
                else:
                    why = (
                        "geen persona en sleutelmoment in de sweep haalt deze regel: "
                        f"{describe(r.als)}, of een eerdere regel bij {r.bij} beslist eerst"
                    )
                out.append(Gat(g.id, v, "regel", r.id, why))
            before.append(r)
    return out

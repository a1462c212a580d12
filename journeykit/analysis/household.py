"""A household with more questions: each question walked, and what the household goes through in all.

The core problem of multi-problem households is coordination: how many professionals and organisations,
how often the story is told, and whether one regisseur keeps it together ("1 gezin, 1 plan, 1 regisseur").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from journeykit import model as m


@attrs.frozen
class Huishouden:
    gemeente: str
    variant: str
    persona: str
    sleutelmoment: str
    reizen: tuple[m.Journey, ...]  # one per question, in the order they were walked
    volgorde: tuple[str, ...]  # the questions in that order: those the gemeente takes first (`eerst`) lead
    professionals: int  # distinct ingangen that took part in any journey (visited, or as a partner)
    organisaties: int  # distinct organisations among them
    verteld: int  # how often the story was told in all: every journey's first contact, and every retelling
    regisseur: str | None  # the one ingang with regie that took part in every journey, if there is one
    regie_in_de_data: bool  # some ingang of the gemeente has regie: without one, 'no regisseur' is unknown
    # the household's principles (een-regisseur) it breaks; none while the regisseur is unknown
    schendingen: tuple[m.Schending, ...]
    niet_getoetst: tuple[str, ...] = ()  # those principles, when the regisseur is unknown

    @property
    def dagen(self) -> int | None:
        """The longest wait of the household: the questions run side by side. None when one is unknown."""
        if any(j.metrieken.dagen_onbekend for j in self.reizen):
            return None
        return max((j.metrieken.dagen for j in self.reizen), default=0)


def order(g: m.Gemeente, vragen: Sequence[m.Vraag]) -> list[m.Vraag]:
    """The questions in the order the household takes them: the kinds the gemeente takes first, in its order,
    then the rest as given."""
    rank = {soort: n for n, soort in enumerate(g.eerst)}
    return sorted(vragen, key=lambda v: rank.get(v.soort, len(rank)))


def household(
    g: m.Gemeente,
    persona: str,
    sleutelmoment: str,
    vragen: Sequence[m.Vraag],
    walk: Callable[[str], m.Journey],
    regie_bekend: bool = False,
) -> Huishouden:
    """Walk every question of one household (``walk(vraag_id)``) in ``g`` and count what it goes through.

    ``regie_bekend``: the gemeente's data names a place with regie in another situation, so that none here
    means no regisseur, not an unknown one."""
    ordered = order(g, vragen)
    journeys = tuple(walk(v.id) for v in ordered)

    def took_part(j: m.Journey) -> set[str]:
        # the places visited and the partners they worked with: a regisseur may coordinate as a partner
        return {x for s in j.stappen for x in (s.ingang, *s.met)}

    places = set().union(*map(took_part, journeys))
    ingangen = {i.id: i for i in g.ingangen}
    regie = {i.id for i in g.ingangen if i.regie}
    in_every = [x for x in sorted(regie) if all(x in took_part(j) for j in journeys)]
    regisseur = in_every[0] if len(in_every) == 1 else None
    known = bool(regie) or regie_bekend
    schendingen = []
    promised = [p for p in g.principes if p.toets is not None and p.toets.soort == "een-regisseur"]
    for p in promised:
        if len(journeys) > 1 and known and not regisseur:
            waarom = (
                f"{len(in_every)} plekken met regie bij elke vraag: {', '.join(in_every)}"
                if in_every
                else "geen plek met regie bij elke vraag van het huishouden"
            )
            schendingen.append(m.Schending(p.id, waarom))
    return Huishouden(
        gemeente=g.id,
        variant=g.variant or "",
        persona=persona,
        sleutelmoment=sleutelmoment,
        reizen=journeys,
        volgorde=tuple(v.id for v in ordered),
        professionals=len(places),
        organisaties=len({ingangen[x].organisatie or ingangen[x].naam for x in places if x in ingangen}),
        verteld=sum((j.metrieken.contacten_inwoner > 0) + j.metrieken.herhalingen for j in journeys),
        regisseur=regisseur,
        regie_in_de_data=known,
        schendingen=tuple(schendingen),
        niet_getoetst=() if known else tuple(p.id for p in promised),
    )

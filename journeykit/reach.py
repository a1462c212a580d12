"""Who can reach which ingang by themselves: the channel a persona would use, and the likely first contacts."""

from __future__ import annotations

from journeykit import model as m


def usable_channel(persona: m.Persona, ingang: m.Ingang) -> str | None:
    """The channel this persona would use to reach ``ingang`` by themselves, or None if none works.

    Assumption (documented in the docs): someone without digital skills cannot use
    a digital channel, nor can someone with limited digital skills and low literacy;
    and a resident needs a language in common with the ingang.
    """
    if not set(persona.talen) & set(ingang.talen):
        return None
    digital_ok = persona.digitaal != "geen" and not (persona.digitaal == "beperkt" and persona.geletterdheid == "laag")
    usable = [k for k in ingang.kanalen if k != "digitaal" or digital_ok]
    if not usable:
        return None
    for k in persona.voorkeur_kanalen:
        if k in usable:
            return k
    return usable[0]


def plausible_first_contacts(
    g: m.Gemeente, persona: m.Persona, sleutelmoment: m.Sleutelmoment | None = None
) -> list[m.Ingang]:
    """Ingangen this persona could plausibly contact first, most likely first."""
    scored = []
    for order, ingang in enumerate(g.ingangen):
        if not ingang.eerste_contact or not ingang.doelgroep.past(persona.leeftijd):
            continue
        kanaal = usable_channel(persona, ingang)
        if kanaal is None:
            continue
        score = 0
        if ingang.vindplaats and ingang.vindplaats in persona.vindplaatsen:
            score += 3
        if sleutelmoment and ingang.vindplaats and ingang.vindplaats in sleutelmoment.vindplaatsen:
            score += 2
        score += sum(1 for k in persona.voorkeur_kanalen if k in ingang.kanalen)
        scored.append((-score, order, ingang))
    return [i for _, _, i in sorted(scored, key=lambda t: (t[0], t[1]))]

"""The walker: follow one resident's question through a gemeente, step by step.

Deterministic: the same gemeente, persona and question always give the same
Journey. Every walk ends: a loop check and a step limit make sure of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import attrs

from journeykit import model as m
from journeykit.conditions import Situatie, compile_condition

MAX_STAPPEN = 25

# Called for rules with ``actie: python``: (beslisser, gemeente, ingang, situatie) -> Actie | None.
Beslisser = Callable[[str, m.Gemeente, m.Ingang, Situatie], "m.Actie | None"]


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


def plausible_first_contacts(g: m.Gemeente, persona: m.Persona,
                             sleutelmoment: m.Sleutelmoment | None = None) -> list[m.Ingang]:
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


@attrs.frozen
class _CompiledRule:
    regel: m.Regel
    test: Callable[[Situatie], bool]


class Walker:
    """Walks journeys through one gemeente in one variant."""

    def __init__(self, gemeente: m.Gemeente, beslisser: Beslisser | None = None, max_stappen: int = MAX_STAPPEN):
        if gemeente.variant is None:
            gemeente = gemeente.in_variant()
        self.gemeente = gemeente
        self.beslisser = beslisser
        self.max_stappen = max_stappen
        self.ingangen = {i.id: i for i in gemeente.ingangen}
        self.rules: dict[str, list[_CompiledRule]] = defaultdict(list)
        for r in gemeente.regels:
            self.rules[r.bij].append(_CompiledRule(r, compile_condition(r.als)))
        self.shared: set[frozenset[str]] = set()
        for i in gemeente.ingangen:
            for other in i.deelt_dossier_met:
                self.shared.add(frozenset((i.id, other)))

    def first_contact(self, persona: m.Persona, sleutelmoment: m.Sleutelmoment) -> m.Ingang | None:
        options = plausible_first_contacts(self.gemeente, persona, sleutelmoment)
        return options[0] if options else None

    def walk(self, persona: m.Persona, sleutelmoment: m.Sleutelmoment, vraag: str | None = None,
             eerste_ingang: str | None = None) -> m.Journey:
        hoofdvraag = sleutelmoment.vraag(vraag) if vraag else sleutelmoment.vragen[0]
        return _Walk(self, persona, sleutelmoment, hoofdvraag).run(eerste_ingang)


class _Walk:
    """The state of one walk; used once."""

    def __init__(self, walker: Walker, persona: m.Persona, sleutelmoment: m.Sleutelmoment, vraag: m.Vraag):
        self.w = walker
        self.persona = persona
        self.sleutelmoment = sleutelmoment
        self.vraag = vraag
        self.steps: list[m.Stap] = []
        self.visited: dict[tuple[str, str], int] = {}
        self.costed: set[str] = set()
        self.sit = Situatie(
            persona=persona, vraag=vraag, sleutelmoment=sleutelmoment, bezocht=[],
            casus_levensgebieden=tuple(dict.fromkeys(v.levensgebied for v in sleutelmoment.vragen)),
            casus_soorten=tuple(dict.fromkeys(v.soort for v in sleutelmoment.vragen)),
        )

    def run(self, eerste_ingang: str | None) -> m.Journey:
        if eerste_ingang is not None:
            start = self.w.ingangen.get(eerste_ingang)
            if start is None:
                raise KeyError(eerste_ingang)
        else:
            start = self.w.first_contact(self.persona, self.sleutelmoment)
            if start is None:
                return self.finish(m.Uitkomst("afgehaakt", "geen ingang die deze persona zelf kan bereiken"))
        kanaal = usable_channel(self.persona, start)
        if kanaal is None:
            self.record(start, "start", None, "onbereikbaar", contact=False, kanaal=None, dagen=0,
                        toelichting="geen kanaal dat deze persona kan gebruiken")
            return self.finish(m.Uitkomst("afgehaakt", f"geen bruikbaar kanaal bij {start.naam}", waar=start.id))
        return self.visit(start, "start", kanaal)

    # The loop is written iteratively so that every walk ends within max_stappen.
    def visit(self, ingang: m.Ingang, aangekomen: str, kanaal: str | None) -> m.Journey:
        while True:
            if len(self.steps) >= self.w.max_stappen:
                return self.finish(m.Uitkomst("staplimiet", f"meer dan {self.w.max_stappen} stappen", waar=ingang.id))
            key = (ingang.id, self.vraag.id)
            if key in self.visited:
                first = self.visited[key]
                cycle = tuple(s.ingang for s in self.steps[first:]) + (ingang.id,)
                return self.finish(m.Uitkomst("kastje-naar-de-muur",
                                              f"terug bij {ingang.naam} met dezelfde vraag", waar=ingang.id, lus=cycle))
            self.visited[key] = len(self.steps)
            result = self.decide(ingang, aangekomen, kanaal)
            if isinstance(result, m.Uitkomst):
                return self.finish(result)
            ingang, aangekomen, kanaal = result

    def decide(self, ingang: m.Ingang, aangekomen: str, kanaal: str | None):
        sit = self.sit
        previous = self.steps[-1].ingang if self.steps else None
        sit.vorige_ingang = previous
        sit.aangekomen = aangekomen
        sit.bezocht.append(ingang.id)
        contact = aangekomen in ("start", "koud")
        retold = aangekomen == "koud" and frozenset((previous, ingang.id)) not in self.w.shared
        days = ingang.wachttijd_dagen if aangekomen != "verheldering" else 0
        kenmerken: list[str] = []
        waited: list[str] = []
        for cr in self.w.rules.get(ingang.id, ()):
            if not cr.test(sit):
                continue
            regel = cr.regel
            actie = regel.dan
            if actie.soort == "python":
                actie = self.w.beslisser(actie.beslisser, self.w.gemeente, ingang, sit) if self.w.beslisser else None
                if actie is None:
                    continue
            if actie.soort == "wachten":
                days += actie.dagen
                kenmerken += regel.kenmerken
                waited.append(regel.id)
                continue
            if actie.soort == "verhelderen" and self.vraag.onderliggend is None:
                continue
            days += actie.dagen
            return self.act(ingang, aangekomen, kanaal, regel, actie, contact, retold, days,
                            tuple(kenmerken) + regel.kenmerken, tuple(waited))
        self.record(ingang, aangekomen, None, "geen-regel", contact=contact, retold=retold, kanaal=kanaal, dagen=days,
                    toelichting="geen regel past bij deze vraag", kenmerken=tuple(kenmerken), wachtregels=tuple(waited))
        return m.Uitkomst("afgehaakt", f"bij {ingang.naam} past geen regel op deze vraag", waar=ingang.id)

    def act(self, ingang, aangekomen, kanaal, regel, actie, contact, retold, days, kenmerken, waited):
        soort = actie.soort
        common = dict(contact=contact, retold=retold, kanaal=kanaal, dagen=days, kenmerken=kenmerken, wachtregels=waited,
                      ervaring=regel.ervaring, toelichting=regel.toelichting, herkomst=regel.herkomst,
                      kosten=actie.kosten)
        if soort in ("oplossen", "samenwerken"):
            self.record(ingang, aangekomen, regel.id, soort, niveau=actie.niveau, met=actie.met, **common)
            return m.Uitkomst("opgelost", actie.waar or f"opgelost bij {ingang.naam}", niveau=actie.niveau,
                              waar=ingang.id)
        if soort == "verhelderen":
            self.record(ingang, aangekomen, regel.id, soort, **common)
            self.vraag = self.sleutelmoment.vraag(self.vraag.onderliggend)
            self.sit.vraag = self.vraag
            return ingang, "verheldering", kanaal
        target_id = actie.naar if soort == "verwijzen" else actie.noemt
        warm = soort == "verwijzen" and actie.overdracht == "warm"
        self.record(ingang, aangekomen, regel.id, soort if soort != "verwijzen" else f"verwijzen-{actie.overdracht}",
                    naar=target_id, overdracht="warm" if warm else "koud", **common)
        if target_id is None:
            return m.Uitkomst("afgehaakt", f"{ingang.naam} wijst af zonder een andere plek te noemen", waar=ingang.id)
        target = self.w.ingangen[target_id]
        if warm:
            return target, "warm", None
        self.sit.koude_verwijzingen += 1
        if self.sit.koude_verwijzingen > self.persona.doorzettingsvermogen:
            return m.Uitkomst("afgehaakt", f"doorzettingsvermogen op na {self.sit.koude_verwijzingen} koude "
                              "verwijzingen", waar=ingang.id)
        kanaal = usable_channel(self.persona, target)
        if kanaal is None:
            return m.Uitkomst("afgehaakt", f"geen bruikbaar kanaal bij {target.naam}", waar=target.id)
        return target, "koud", kanaal

    def record(self, ingang: m.Ingang, aangekomen: str, regel: str | None, actie: str, *, contact: bool,
               kanaal: str | None, dagen: int, retold: bool = False, naar: str | None = None,
               overdracht: str | None = None, niveau: str | None = None, met: Iterable[str] = (),
               kenmerken: tuple[str, ...] = (), ervaring: int | None = None, toelichting: str = "",
               herkomst: m.Herkomst = m.GEEN_HERKOMST, kosten: m.Kosten | None = None,
               wachtregels: tuple[str, ...] = ()) -> None:
        cost = kosten.bedrag if kosten else 0.0
        if ingang.kosten and ingang.id not in self.costed:
            self.costed.add(ingang.id)
            cost += ingang.kosten.bedrag
        if ervaring is None:
            ervaring = m.STANDAARD_ERVARING.get(actie, 1 if actie in ("geen-regel", "onbereikbaar") else 3)
        self.steps.append(m.Stap(
            nummer=len(self.steps) + 1, ingang=ingang.id, vraag=self.vraag.id,
            aangekomen=aangekomen, regel=regel, actie=actie,
            contact_inwoner=contact, opnieuw_verteld=retold, dagen=dagen, organisatie=ingang.organisatie or ingang.naam,
            ervaring=ervaring, kanaal=kanaal, naar=naar, overdracht=overdracht, niveau=niveau, met=tuple(met),
            kenmerken=kenmerken, toelichting=toelichting, herkomst=herkomst, kosten=cost, wachtregels=wachtregels,
        ))

    def finish(self, uitkomst: m.Uitkomst) -> m.Journey:
        steps = tuple(self.steps)
        metrieken = m.Metrieken(
            stappen=len(steps),
            contacten_inwoner=sum(s.contact_inwoner for s in steps),
            warme_overdrachten=sum(s.actie == "verwijzen-warm" for s in steps),
            koude_verwijzingen=sum(s.actie in ("verwijzen-koud", "afwijzen") and s.naar is not None for s in steps),
            herhalingen=sum(s.opnieuw_verteld for s in steps),
            dagen=sum(s.dagen for s in steps),
            organisaties=len({s.organisatie for s in steps}),
            kosten=round(sum(s.kosten for s in steps), 2),
            afwijzingen=sum(s.actie == "afwijzen" for s in steps),
        )
        return m.Journey(
            gemeente=self.w.gemeente.id, variant=self.w.gemeente.variant or "", persona=self.persona.id,
            sleutelmoment=self.sleutelmoment.id, vraag=self.steps[0].vraag if self.steps else self.vraag.id,
            stappen=steps, uitkomst=uitkomst, metrieken=metrieken,
        )

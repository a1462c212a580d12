"""The walker: follow one resident's question through a gemeente, step by step.

Deterministic: the same gemeente, persona and question always give the same
Journey. Every walk ends: a loop check and a step limit make sure of it.

A sweep walks millions of journeys, so the walker works out once what does not
change between them, and a walk only does what depends on its route:

- per gemeente, when the Walker is made: the rules at each ingang, and for each
  rule what its step records and where the walk goes next (``Effect``);
- per situation, a persona with one vraag of a sleutelmoment, the first time a
  walk needs it: which rule decides at an ingang (``Decision``) and which channel
  the persona uses there (``_Memo``). Only a condition on the route so far
  (``reis.*``) or a Python beslisser makes a decision wait for each visit;
- per distinct step: equal steps recur in many journeys and are built once
  (``_Walk.record``).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable
from typing import Final

import attrs

from journeykit import model as m
from journeykit.conditions import Situatie, compile_condition, depends_on_walk
from journeykit.decisions import ONBEREIKBAAR, Decision, Effect, Rule
from journeykit.reach import plausible_first_contacts, usable_channel  # noqa: F401 (part of the engine's API)

MAX_STAPPEN = 25

# Called for rules with ``actie: python``: (beslisser, gemeente, ingang, situatie) -> Actie | None.
Beslisser = Callable[[str, m.Gemeente, m.Ingang, Situatie], "m.Actie | None"]
# Picks which of a rule's kansen happens at a visit: (rule id, the kansen) -> an index.
Chooser = Callable[[str, tuple[float, ...]], int]


# Sentinels, each an enum of one member so that mypy can narrow on ``is``.
class _Unknown(enum.Enum):
    """Not worked out yet (None is a valid answer)."""

    UNKNOWN = enum.auto()


class _AtEachVisit(enum.Enum):
    """A decision that depends on the route (a condition on ``reis.*``, or a beslisser): made at each visit."""

    AT_EACH_VISIT = enum.auto()


_UNKNOWN: Final = _Unknown.UNKNOWN
_AT_EACH_VISIT: Final = _AtEachVisit.AT_EACH_VISIT


@attrs.define(slots=True)
class _Memo:
    """What holds for one persona with one vraag of one sleutelmoment, whatever the route.

    Filled in as walks need it; walks of the same situation from other first contacts reuse it.
    """

    persona: m.Persona
    sleutelmoment: m.Sleutelmoment
    situatie: Situatie  # for conditions that look only at persona, vraag and casus
    decisions: dict[str, Decision | _AtEachVisit] = attrs.Factory(dict)  # ingang id -> decision, or _AT_EACH_VISIT
    channels: dict[str, str | None] = attrs.Factory(dict)  # ingang id -> usable_channel (for this persona)
    first_contact: m.Ingang | None | _Unknown = _UNKNOWN  # Walker.first_contact

    @classmethod
    def of(cls, persona: m.Persona, sleutelmoment: m.Sleutelmoment, vraag: m.Vraag, before: _Memo | None) -> _Memo:
        # What depends on the persona or the sleutelmoment alone is taken over from the situation
        # made ``before`` where they are the same: a sweep goes through one persona's vragen in a row.
        if before is not None and before.sleutelmoment is sleutelmoment:
            casus = before.situatie
            situatie = Situatie(
                persona,
                vraag,
                sleutelmoment,
                [],
                casus_levensgebieden=casus.casus_levensgebieden,
                casus_soorten=casus.casus_soorten,
            )
        else:
            situatie = Situatie.voor(persona, vraag, sleutelmoment)
        channels = before.channels if before is not None and before.persona is persona else {}
        return cls(persona, sleutelmoment, situatie, channels=channels)


# How many situations a Walker remembers. A sweep walks all cases of one persona and vraag
# together, so a handful would do; more only spares work for callers in another order.
_SITUATIONS_KEPT = 512
# How many distinct steps a Walker shares between journeys: a full sweep of the largest shipped
# gemeente (Nijmegen, nieuw) meets about 8,000.
_STEPS_KEPT = 20_000


class Walker:
    """Walks journeys through one gemeente in one variant.

    It remembers situations and steps it has seen (see ``_Memo`` and ``_Walk.record``):
    walking many journeys with the same persona, sleutelmoment and vraag objects is fast.
    """

    def __init__(self, gemeente: m.Gemeente, beslisser: Beslisser | None = None, max_stappen: int = MAX_STAPPEN):
        if gemeente.variant is None:
            gemeente = gemeente.in_variant()
        self.gemeente = gemeente
        self.beslisser = beslisser
        self.max_stappen = max_stappen
        self.ingangen = {i.id: i for i in gemeente.ingangen}
        rules: dict[str, list[Rule]] = defaultdict(list)
        for r in gemeente.regels:
            ingang = self.ingangen.get(r.bij)
            if ingang is None:  # the ingang is not in this variant: a walk never comes there
                continue
            kansen = tuple(
                (k.kans, Effect.of(r, k.dan, ingang, self.taak(ingang, k.dan.met), k.herkomst))
                for k in getattr(r.dan, "kansen", ())
            )
            effect = None
            if r.dan.soort not in ("python", "kansen"):
                effect = Effect.of(r, r.dan, ingang, self.taak(ingang, r.dan.met))
            rules[r.bij].append(
                Rule(
                    r,
                    compile_condition(r.als),
                    # a chance is drawn at each visit
                    not depends_on_walk(r.als) and not kansen,
                    effect,
                    Decision.of(effect) if effect else None,
                    kansen,
                )
            )
        self.rules: dict[str, tuple[Rule, ...]] = {k: tuple(v) for k, v in rules.items()}
        # the step where no rule applies, per ingang (it ends the journey there)
        self.no_rule = {
            i.id: Decision.of(
                Effect.nothing(
                    "geen-regel",
                    "geen regel past bij deze vraag",
                    m.Uitkomst("afgehaakt", f"bij {i.naam} past geen regel op deze vraag", waar=i.id),
                )
            )
            for i in gemeente.ingangen
        }
        self.shared: set[frozenset[str]] = set()
        for i in gemeente.ingangen:
            for other in i.deelt_dossier_met:
                self.shared.add(frozenset((i.id, other)))
        self._situations: dict[tuple[int, int, int], _Memo] = {}
        self._newest: _Memo | None = None
        self._steps: dict[tuple, m.Stap] = {}

    def taak(self, ingang: m.Ingang, met: tuple[str, ...]) -> frozenset[str] | None:
        """The kinds of question ``ingang``, with its partners ``met``, may resolve; None when any is unrestricted."""
        places = [ingang] + [self.ingangen[x] for x in met if x in self.ingangen]
        if any(not p.taak for p in places):
            return None
        return frozenset(t for p in places for t in p.taak)

    def first_contact(self, persona: m.Persona, sleutelmoment: m.Sleutelmoment) -> m.Ingang | None:
        options = plausible_first_contacts(self.gemeente, persona, sleutelmoment)
        return options[0] if options else None

    def walk(
        self,
        persona: m.Persona,
        sleutelmoment: m.Sleutelmoment,
        vraag: str | None = None,
        eerste_ingang: str | None = None,
        chooser: Chooser | None = None,
    ) -> m.Journey:
        """``chooser(rule id, kansen)`` picks which of a rule's kansen happens (an index); without one, the most
        likely."""
        hoofdvraag = sleutelmoment.vraag(vraag) if vraag else sleutelmoment.vragen[0]
        return _Walk(self, persona, sleutelmoment, hoofdvraag, chooser).run(eerste_ingang)

    def _situation(self, persona: m.Persona, sleutelmoment: m.Sleutelmoment, vraag: m.Vraag) -> _Memo:
        # Keyed by identity: hashing a Persona would hash all its fields, on every walk. The
        # entry holds the three objects, so while it is kept no other object can have their ids.
        key = (id(persona), id(sleutelmoment), id(vraag))
        known = self._situations.get(key)
        if known is None:
            if len(self._situations) >= _SITUATIONS_KEPT:
                self._situations.clear()
            known = self._situations[key] = _Memo.of(persona, sleutelmoment, vraag, self._newest)
            self._newest = known
        return known


class _Walk:
    """The state of one walk; used once."""

    def __init__(
        self,
        walker: Walker,
        persona: m.Persona,
        sleutelmoment: m.Sleutelmoment,
        vraag: m.Vraag,
        chooser: Chooser | None = None,
    ):
        self.w = walker
        self.chooser = chooser
        self.persona = persona
        self.sleutelmoment = sleutelmoment
        self.vraag = vraag
        self.known = walker._situation(persona, sleutelmoment, vraag)
        self.steps: list[m.Stap] = []  # one per visit, so the ingangen visited are the steps' ingangen
        self.visited: dict[tuple[str, str], int] = {}  # (ingang, vraag) -> the step of its last visit
        self.decided: dict[tuple[str, str], Decision] = {}  # (ingang, vraag) -> the decision of its last visit
        self.lus: tuple[str, ...] = ()  # the first cycle the walk made and went on from
        self.costed: set[str] = set()
        self.cold = 0  # cold referrals so far
        self.lukewarm = 0  # lukewarm handovers so far

    def run(self, eerste_ingang: str | None) -> m.Journey:
        if eerste_ingang is not None:
            start = self.w.ingangen.get(eerste_ingang)
            if start is None:
                raise KeyError(eerste_ingang)
        else:
            if self.known.first_contact is _UNKNOWN:
                self.known.first_contact = self.w.first_contact(self.persona, self.sleutelmoment)
            start = self.known.first_contact
            if start is None:
                return self.finish(m.Uitkomst("afgehaakt", "geen ingang die deze persona zelf kan bereiken"))
        kanaal = self.channel(start)
        if kanaal is None:
            self.record(start, "start", None, ONBEREIKBAAR, contact=False, retold=False, dagen=0)
            return self.finish(m.Uitkomst("afgehaakt", f"geen bruikbaar kanaal bij {start.naam}", waar=start.id))
        return self.visit(start, "start", kanaal)

    # The loop is written iteratively so that every walk ends within max_stappen.
    def visit(self, ingang: m.Ingang, aangekomen: str, kanaal: str | None) -> m.Journey:
        while True:
            if len(self.steps) >= self.w.max_stappen:
                return self.finish(m.Uitkomst("staplimiet", f"meer dan {self.w.max_stappen} stappen", waar=ingang.id))
            key = (ingang.id, self.vraag.id)
            decision = self.decision(ingang, aangekomen)
            if key in self.visited:
                # Back with the same question. Only if this place now decides otherwise (a rule on
                # reis.keer_hier, say) does the walk go on; else it would go round for ever.
                cycle = tuple(s.ingang for s in self.steps[self.visited[key] :]) + (ingang.id,)
                if decision.alike(self.decided[key]):
                    return self.finish(
                        m.Uitkomst(
                            "kastje-naar-de-muur",
                            f"terug bij {ingang.naam} met dezelfde vraag",
                            waar=ingang.id,
                            lus=cycle,
                        )
                    )
                self.lus = self.lus or cycle
            self.visited[key] = len(self.steps)
            self.decided[key] = decision
            result = self.decide(ingang, aangekomen, kanaal, decision)
            if isinstance(result, m.Uitkomst):
                return self.finish(result)
            ingang, aangekomen, kanaal = result

    def channel(self, ingang: m.Ingang) -> str | None:
        channels = self.known.channels
        kanaal = channels.get(ingang.id, _UNKNOWN)
        if kanaal is _UNKNOWN:
            kanaal = channels[ingang.id] = usable_channel(self.persona, ingang)
        return kanaal

    def decision(self, ingang: m.Ingang, aangekomen: str) -> Decision:
        """How this visit of ``ingang`` goes."""
        decision = self.known.decisions.get(ingang.id)
        if decision is None:
            decision = self.known.decisions[ingang.id] = self.scan(ingang, None)
        if decision is _AT_EACH_VISIT:
            decision = self.scan(ingang, self.situatie(ingang, aangekomen))
            assert decision is not _AT_EACH_VISIT  # given the visit's situatie, scan always decides
        return decision

    def decide(self, ingang: m.Ingang, aangekomen: str, kanaal: str | None, decision: Decision):
        """Record the step at ``ingang`` as ``decision`` says; return where the walk goes next, or how it ends."""
        previous = self.steps[-1].ingang if self.steps else None
        # back at the same place with the question behind the question: no new wait
        wait = 0 if aangekomen == "verheldering" else ingang.wachttijd_dagen
        days = wait or 0
        for d in decision.wachtdagen:
            days += d
        days += decision.effect.dagen
        self.record(
            ingang,
            aangekomen,
            kanaal,
            decision,
            contact=aangekomen in ("start", "koud", "lauw"),
            retold=aangekomen == "koud" and frozenset((previous, ingang.id)) not in self.w.shared,
            dagen=days,
            dagen_onbekend=wait is None,
        )
        return self.act(ingang, kanaal, decision.effect)

    def scan(self, ingang: m.Ingang, sit: Situatie | None) -> Decision | _AtEachVisit:
        """Go through the rules at ``ingang`` in order, for the decision.

        Without ``sit``, for the whole situation: then a rule whose condition holds and that
        needs the route (a condition on ``reis.*``, or a beslisser) gives ``_AT_EACH_VISIT``.
        """
        waits: list[Effect] = []
        python = chance = False
        for rule in self.w.rules.get(ingang.id, ()):
            if sit is None and not rule.static:
                return _AT_EACH_VISIT
            if not rule.test(sit or self.known.situatie):
                continue
            effect = rule.effect
            if rule.kansen:
                effect = self.choose(rule)
                chance = True
            elif effect is None:  # actie: python
                if self.w.beslisser is None:
                    continue
                if sit is None:
                    return _AT_EACH_VISIT
                naam = rule.regel.dan.beslisser
                assert naam is not None  # the schema requires 'beslisser' with actie: python
                actie = self.w.beslisser(naam, self.w.gemeente, ingang, sit)
                if actie is None:
                    continue
                effect = Effect.of(rule.regel, actie, ingang, self.w.taak(ingang, actie.met))
                python = True
            if effect.soort == "wachten":
                waits.append(effect)
                continue
            if effect.soort == "verhelderen" and self.vraag.onderliggend is None:
                continue
            if not waits and not python and not chance:
                # the effect is the rule's own, not a beslisser's: then the rule has its decision
                assert rule.decision is not None
                return rule.decision
            return Decision.of(effect, waits, python)
        if not waits and not python:
            return self.w.no_rule[ingang.id]
        return Decision.of(self.w.no_rule[ingang.id].effect, waits, python)

    def choose(self, rule: Rule) -> Effect:
        """Which of a rule's kansen happens at this visit: as the walk's chooser says, else the most likely."""
        kansen = tuple(p for p, _ in rule.kansen)
        if self.chooser is not None:
            k = self.chooser(rule.regel.id, kansen)
        else:
            k = max(range(len(kansen)), key=lambda i: (kansen[i], -i))
        return rule.kansen[k][1]

    def situatie(self, ingang: m.Ingang, aangekomen: str) -> Situatie:
        """What a condition on the route, or a beslisser, sees at this visit of ``ingang``."""
        return Situatie(
            persona=self.persona,
            vraag=self.vraag,
            sleutelmoment=self.sleutelmoment,
            bezocht=[s.ingang for s in self.steps] + [ingang.id],
            vorige_ingang=self.steps[-1].ingang if self.steps else None,
            koude_verwijzingen=self.cold,
            aangekomen=aangekomen,
            casus_levensgebieden=self.known.situatie.casus_levensgebieden,
            casus_soorten=self.known.situatie.casus_soorten,
        )

    def act(self, ingang: m.Ingang, kanaal: str | None, effect: Effect):
        """Where the walk goes after ``effect`` at ``ingang``: the next visit, or how it ends."""
        if effect.uitkomst is not None:  # solved, no rule applied, or declined without naming another place
            if effect.taak is not None and self.vraag.soort not in effect.taak:
                return m.Uitkomst(
                    "buiten-taak",
                    f"{ingang.naam} beantwoordt een vraag over {self.vraag.soort}, maar dat hoort niet bij haar taak",
                    niveau=effect.niveau,
                    waar=ingang.id,
                )
            return effect.uitkomst
        if effect.soort == "verhelderen":
            assert self.vraag.onderliggend is not None  # scan skips verhelderen without an underlying vraag
            self.vraag = self.sleutelmoment.vraag(self.vraag.onderliggend)
            self.known = self.w._situation(self.persona, self.sleutelmoment, self.vraag)
            return ingang, "verheldering", kanaal
        # a referral, or a decline naming a place: without one it ended with its uitkomst above
        assert effect.naar is not None
        target = self.w.ingangen[effect.naar]
        if effect.overdracht == "warm":
            return target, "warm", None
        # Cold or lukewarm, the resident makes the next contact: each time takes persistence.
        if effect.overdracht == "lauw":
            self.lukewarm += 1
        else:
            self.cold += 1
        if self.cold + self.lukewarm > self.persona.doorzettingsvermogen:
            hoe = f"{self.cold} koude verwijzingen"
            if self.lukewarm:
                hoe = f"{self.cold} koude en {self.lukewarm} lauwe verwijzingen"
            return m.Uitkomst("afgehaakt", f"doorzettingsvermogen op na {hoe}", waar=ingang.id)
        kanaal = self.channel(target)
        if kanaal is None:
            return m.Uitkomst("afgehaakt", f"geen bruikbaar kanaal bij {target.naam}", waar=target.id)
        return target, effect.overdracht or "koud", kanaal

    def record(
        self,
        ingang: m.Ingang,
        aangekomen: str,
        kanaal: str | None,
        decision: Decision,
        *,
        contact: bool,
        retold: bool,
        dagen: int,
        dagen_onbekend: bool = False,
    ) -> None:
        effect = decision.effect
        charged = False
        kosten = effect.kosten
        served = effect.actie != "onbereikbaar"  # nobody was reached: nothing was done, nothing costs
        if served and ingang.kosten is not None and ingang.id not in self.costed:  # the ingang's cost, once
            self.costed.add(ingang.id)
            charged = True
            kosten = effect.kosten + ingang.kosten.bedrag
        kosten_onbekend = served and not effect.kosten_bekend and ingang.kosten is None
        # Steps are immutable, and the same step recurs in many journeys of a sweep: build each
        # once and share it. The key holds everything a Stap is made of (the effect by identity;
        # ingang and effect give organisation and cost). A beslisser's actions are new each time
        # and may hold anything, so steps they decided are not shared.
        key = (
            effect,
            ingang.id,
            len(self.steps),
            self.vraag.id,
            aangekomen,
            contact,
            retold,
            kanaal,
            dagen,
            dagen_onbekend,
            decision.wachtregels,
            decision.kenmerken,
            charged,
        )
        stap = None if decision.python else self.w._steps.get(key)
        if stap is None:
            stap = m.Stap(
                nummer=len(self.steps) + 1,
                ingang=ingang.id,
                vraag=self.vraag.id,
                aangekomen=aangekomen,
                regel=effect.regel,
                actie=effect.actie,
                contact_inwoner=contact,
                opnieuw_verteld=retold,
                dagen=dagen,
                organisatie=ingang.organisatie or ingang.naam,
                ervaring=effect.ervaring,
                kanaal=kanaal,
                naar=effect.naar,
                overdracht=effect.overdracht,
                niveau=effect.niveau,
                met=effect.met,
                kenmerken=decision.kenmerken,
                toelichting=effect.toelichting,
                herkomst=effect.herkomst,
                kosten=kosten,
                wachtregels=decision.wachtregels,
                dagen_onbekend=dagen_onbekend,
                kosten_onbekend=kosten_onbekend,
            )
            if not decision.python:
                if len(self.w._steps) >= _STEPS_KEPT:
                    self.w._steps.clear()
                self.w._steps[key] = stap
        self.steps.append(stap)

    def finish(self, uitkomst: m.Uitkomst) -> m.Journey:
        if self.lus and not uitkomst.lus:  # sent round once, and went on: the route still holds the loop
            uitkomst = attrs.evolve(uitkomst, lus=self.lus)
        steps = tuple(self.steps)
        metrieken = m.Metrieken.of(steps)
        return m.Journey(
            gemeente=self.w.gemeente.id,
            variant=self.w.gemeente.variant or "",
            persona=self.persona.id,
            sleutelmoment=self.sleutelmoment.id,
            vraag=steps[0].vraag if steps else self.vraag.id,
            stappen=steps,
            uitkomst=uitkomst,
            metrieken=metrieken,
        )

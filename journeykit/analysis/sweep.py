"""Sweeps: every persona x sleutelmoment x vraag x plausible first contact, plus generated persona variants.

Cases are generated lazily and walked one at a time, so a sweep of any size
runs in constant memory; whoever consumes it aggregates as it streams.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import attrs

from journeykit import model as m
from journeykit.analysis.chance import Verdeling, exact
from journeykit.conditions import comparisons, fields_used
from journeykit.engine import Walker, plausible_first_contacts
from journeykit.possible import for_gemeente, for_persona


@attrs.frozen
class Case:
    persona: m.Persona
    sleutelmoment: m.Sleutelmoment
    vraag: str
    eerste_ingang: str | None
    afwijkingen: tuple[str, ...] = ()  # how the persona differs from the shipped one it was made from

    @property
    def label(self) -> str:
        extra = f" [{', '.join(self.afwijkingen)}]" if self.afwijkingen else ""
        return f"{self.persona.id}{extra} · {self.sleutelmoment.id}/{self.vraag} · start {self.eerste_ingang or '-'}"

    def sort_key(self) -> tuple:
        return (
            len(self.afwijkingen),
            self.persona.id,
            self.afwijkingen,
            self.sleutelmoment.id,
            self.vraag,
            self.eerste_ingang or "",
        )


def age_bounds(g: m.Gemeente) -> list[int]:
    """Every age boundary a rule condition or a doelgroep of ``g`` uses."""
    bounds: set[int] = set()
    for r in g.regels:
        for field, _, value in fields_used(r.als):
            if field == "persona.leeftijd":
                for v in value if isinstance(value, tuple) else (value,):
                    bounds.add(int(v))
    for i in g.ingangen:
        for b in (i.doelgroep.leeftijd_vanaf, i.doelgroep.leeftijd_tot):
            if b is not None:
                bounds.add(b)
    return sorted(bounds)


def _values_tested(g: m.Gemeente, field: str) -> list:
    found = []
    for r in g.regels:
        for f, _, value in fields_used(r.als):
            if f == field:
                for v in value if isinstance(value, tuple) else (value,):
                    if v not in found:
                        found.append(v)
    return found


def _single_choices() -> tuple[str, ...]:
    """The persona's fields that hold one value of a vocabulary, in the order the model declares them."""
    out = []
    for f in attrs.fields(m.Persona):
        key = m.key_of(f)
        if key is not None and key.choice is not None and not str(f.type).startswith("tuple"):
            out.append(f.name)
    return tuple(out)


# Varied with the values the rules test; digital skill and on whose behalf are varied over all values.
_OTHER_CHOICES = tuple(f for f in _single_choices() if f not in ("digitaal", "namens"))


def persona_variants(p: m.Persona, g: m.Gemeente) -> Iterator[tuple[m.Persona, tuple[str, ...]]]:
    """Variants of ``p`` that change one attribute the routing can notice: ages around every bound,
    language, digital skill, children at home, on whose behalf, and the other persona fields rules test."""
    seen = {p}

    def variant(label: str, **changes) -> Iterator[tuple[m.Persona, tuple[str, ...]]]:
        q = attrs.evolve(p, **changes)
        if q not in seen:
            seen.add(q)
            yield q, (label,)

    ages = sorted({a for b in age_bounds(g) for a in (b - 1, b, b + 1) if 0 <= a <= 120})
    for age in ages:
        yield from variant(f"leeftijd={age}", leeftijd=age)
    yield from variant(
        "talen=" + ("ar" if p.spreekt_nederlands else "nl"), talen=("ar",) if p.spreekt_nederlands else ("nl",)
    )
    for d in m.DIGITAAL:
        yield from variant(f"digitaal={d}", digitaal=d)
    if p.kinderen:
        yield from variant("kinderen=geen", kinderen=())
    else:
        yield from variant("kinderen=8", kinderen=(8,))
    child_ages = sorted(
        {int(v) + d for v in _values_tested(g, "persona.jongste_kind") for d in (-1, 0, 1) if 0 <= int(v) + d <= 30}
    )
    for age in child_ages:
        yield from variant(f"jongste_kind={age}", kinderen=(age,))
    for n in m.NAMENS:
        yield from variant(f"namens={n}", namens=n)
    for field in _OTHER_CHOICES:
        for v in _values_tested(g, f"persona.{field}"):
            yield from variant(f"{field}={v}", **{field: v})


# --- grouped sweeps -----------------------------------------------------------------------
#
# Most generated personas (and many vragen) are indistinguishable to a gemeente's routing:
# every condition, channel, language and age check gives the same answer. Cases that
# differ only in such invisible ways walk identically, so a sweep walks one case per
# group and counts it for all members. The group's representative is its smallest
# member (fewest changed attributes first), so the minimal witness is unchanged.


@attrs.frozen
class Groep:
    case: Case  # the representative: the group's minimal member
    aantal: int  # how many cases of the full sweep it stands for


def _uses_python(g: m.Gemeente) -> bool:
    return any(r.dan.soort == "python" for r in g.regels)


def persona_classes(
    g: m.Gemeente, people: list[tuple[m.Persona, tuple[str, ...]]], voors: tuple[m.Conditie, ...] = ()
) -> list[list[tuple]]:
    """People grouped by what the routing of ``g`` can observe of them, and by which sleutelmomenten can happen to
    them (``voors``: the sleutelmomenten's conditions); each group sorted smallest first."""
    from journeykit.conditions import Situatie, compile_condition
    from journeykit.engine import usable_channel

    leaves = sorted(
        {leaf for r in g.regels for leaf in comparisons(r.als) if leaf.veld.startswith("persona.")}, key=repr
    )
    namens = any(leaf.veld in ("persona.namens", "vraag.namens") for r in g.regels for leaf in comparisons(r.als))
    preds = [compile_condition(leaf) for leaf in leaves] + [compile_condition(v) for v in voors]
    exact = _uses_python(g)  # a Python decider may look at anything
    dummy_vraag = m.Vraag("x", "x", "zorg", "informatie")
    dummy_sm = m.Sleutelmoment("x", "x", (dummy_vraag,))
    groups: dict[tuple, list[tuple]] = {}
    for persona, afwijkingen in people:
        if exact:
            sig: tuple = (persona,)
        else:
            sit = Situatie.voor(persona, dummy_vraag, dummy_sm)
            sig = (
                tuple(f(sit) for f in preds),
                tuple(usable_channel(persona, i) is not None for i in g.ingangen),
                tuple(i.doelgroep.past(persona.leeftijd) for i in g.ingangen),
                persona.doorzettingsvermogen,
                persona.namens if namens else None,
            )
        groups.setdefault(sig, []).append((persona, afwijkingen))
    out = []
    for members in groups.values():
        members.sort(key=lambda pa: (len(pa[1]), pa[0].id, pa[1]))
        out.append(members)
    out.sort(key=lambda ms: (len(ms[0][1]), ms[0][0].id, ms[0][1]))
    return out


def vraag_classes(g: m.Gemeente, sms: list[m.Sleutelmoment]) -> list[list[tuple[m.Sleutelmoment, str]]]:
    """(sleutelmoment, vraag) pairs grouped by what the routing of ``g`` can observe of them."""
    from journeykit.conditions import Situatie, compile_condition

    leaves = sorted(
        {leaf for r in g.regels for leaf in comparisons(r.als) if leaf.veld.startswith(("vraag.", "casus."))}, key=repr
    )
    preds = [compile_condition(leaf) for leaf in leaves]
    exact = _uses_python(g)
    dummy = m.Persona("x", "x", 40, "alleenstaand")
    groups: dict[tuple, list[tuple[m.Sleutelmoment, str]]] = {}
    for sm in sorted(sms, key=lambda s: s.id):
        for v in sm.vragen:
            if exact:
                sig: tuple = (sm.id, v.id)
            else:
                chain = []
                cur: m.Vraag | None = v
                while cur is not None:  # the question behind the question is part of what a walk can see
                    sit = Situatie.voor(dummy, cur, sm)  # with the casus fields: they are part of what a walk sees
                    chain.append((tuple(f(sit) for f in preds), cur.namens))
                    cur = sm.vraag(cur.onderliggend) if cur.onderliggend else None
                sig = (tuple(chain), sm.voor)  # and for whom it can happen
            groups.setdefault(sig, []).append((sm, v.id))
    return sorted(groups.values(), key=lambda ms: (ms[0][0].id, ms[0][1]))


@attrs.define
class Plan:
    """The groups of a sweep over one gemeente, addressable by index so workers can take any slice."""

    gemeente: m.Gemeente
    pclasses: list[list[tuple]]
    vclasses: list[list[tuple[m.Sleutelmoment, str]]]
    starts: list[list[str | None]]
    cases: int  # how many cases of the full sweep the groups stand for
    skipped: int = 0  # cases that cannot happen: a sleutelmoment not for the persona, a question not for the klantreis

    def __len__(self) -> int:
        return sum(len(st) for st in self.starts) * len(self.vclasses)

    def groups(self, begin: int = 0, end: int | None = None) -> Iterator[Groep]:
        """Groups ``begin`` up to ``end``, in index order (persona class, vraag class, first contact)."""
        end = len(self) if end is None else end
        n_v = len(self.vclasses)
        index = 0
        for members, st in zip(self.pclasses, self.starts):
            size = len(st) * n_v
            if index + size <= begin:
                index += size
                continue
            if index >= end:
                return
            persona, afwijkingen = members[0]
            for vmembers in self.vclasses:
                sm, vraag = vmembers[0]
                # every member of a class can or cannot have every member of the other (see plan)
                possible = for_persona(persona, sm)
                for start in st:
                    if possible and begin <= index < end:
                        yield Groep(Case(persona, sm, vraag, start, afwijkingen), len(members) * len(vmembers))
                    index += 1


def plan(
    g: m.Gemeente,
    personas: Iterable[m.Persona],
    sleutelmomenten: Iterable[m.Sleutelmoment],
    generated: bool = True,
    grouped: bool = True,
) -> Plan:
    """The sweep over gemeente ``g``: with ``grouped``, cases the routing cannot tell apart share one walk."""
    people: list[tuple[m.Persona, tuple[str, ...]]] = []
    for base in sorted(personas, key=lambda p: p.id):
        people.append((base, ()))
        if generated:
            people += list(persona_variants(base, g))
    sms = sorted(sleutelmomenten, key=lambda s: s.id)
    # questions the klantreis is not for are not walked at all
    questions = [(sm, v) for sm in sms for v in sm.vragen]
    wanted = {(sm.id, v.id) for sm, v in questions if for_gemeente(g, sm, v)}
    if grouped:
        voors = tuple(sorted({sm.voor for sm in sms if sm.voor is not None}, key=repr))
        pclasses = persona_classes(g, people, voors)
        vclasses = [[x for x in ms if (x[0].id, x[1]) in wanted] for ms in vraag_classes(g, sms)]
        vclasses = [ms for ms in vclasses if ms]
    else:
        pclasses = [[pa] for pa in people]
        vclasses = [[(sm, v.id)] for sm, v in questions if (sm.id, v.id) in wanted]
    starts: list[list[str | None]] = [
        [i.id for i in plausible_first_contacts(g, members[0][0])] or [None] for members in pclasses
    ]
    total = skipped = 0
    for ms, st in zip(pclasses, starts):
        for vms in vclasses:
            n = len(ms) * len(st) * len(vms)
            if for_persona(ms[0][0], vms[0][0]):
                total += n
            else:
                skipped += n
    not_for = len(questions) - len(wanted)  # each for every person and every first contact of theirs
    skipped += not_for * sum(len(ms) * len(st) for ms, st in zip(pclasses, starts))
    return Plan(g, pclasses, vclasses, starts, total, skipped)


def walk_groups(walker: Walker, groups: Iterable[Groep]) -> Iterator[tuple[Groep, m.Journey]]:
    for grp in groups:
        c = grp.case
        yield grp, walker.walk(c.persona, c.sleutelmoment, c.vraag, c.eerste_ingang)


def walk_distributions(walker: Walker, groups: Iterable[Groep]) -> Iterator[tuple[Groep, Verdeling]]:
    """Every route each case can take where rules have kansen, with its likelihood."""
    for grp in groups:
        c = grp.case
        yield grp, exact(functools.partial(walker.walk, c.persona, c.sleutelmoment, c.vraag, c.eerste_ingang))

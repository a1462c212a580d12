"""What a comparison rests on: which rules make a case change, and how firm those rules are.

A case changes between two situations through the rules that decide in one walk and not in the
other. When every such rule rests (partly) on an assumption, the change rests on assumptions
only. Switching such a rule off, one at a time, shows which conclusions it carries
(``sensitivity``): "this improvement rests on these three assumptions; check them first".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import attrs

from journeykit import model as m
from journeykit.analysis.diff import Diff, GevalVerschil


def fired(j: m.Journey) -> set[str]:
    """The rules that decided a step of ``j``, the waiting rules before them included."""
    return {s.regel for s in j.stappen if s.regel} | {w for s in j.stappen for w in s.wachtregels}


def drivers(v: GevalVerschil) -> set[str]:
    """The rules that make this case differ: they decide in one of the two walks and not in the other."""
    return fired(v.voor) ^ fired(v.na)


def rules_of(*views: m.Gemeente) -> dict[str, m.Regel]:
    """Every rule of the views by id; a later view's version of a rule wins (a scenario replaces rules)."""
    return {r.id: r for g in views for r in g.regels}


def on_assumption(r: m.Regel | None) -> bool:
    return r is not None and r.herkomst.aanname is not None


@attrs.frozen
class Onderbouwing:
    """What the cases that got better or worse rest on."""

    veranderd: int  # cases better or worse
    alleen_aannames: int  # of those, changed only through rules that rest (partly) on an assumption
    # the assumption rules that drive most changes: (rule id, how many changed cases it drives)
    dragers: tuple[tuple[str, int], ...]


def onderbouwing(d: Diff, before: m.Gemeente, after: m.Gemeente, top: int = 5) -> Onderbouwing:
    rules = rules_of(before, after)
    changed = [v for v in d.verschillen if v.beter or v.slechter]
    only = 0
    count: Counter[str] = Counter()
    for v in changed:
        ds = drivers(v)
        if ds and all(on_assumption(rules.get(r)) for r in ds):
            only += 1
        count.update(r for r in ds if on_assumption(rules.get(r)))
    ranked = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return Onderbouwing(len(changed), only, tuple(ranked))


# --- sensitivity ---------------------------------------------------------------------------------


def verdict(v: GevalVerschil) -> str:
    return "beter" if v.beter else "slechter" if v.slechter else "gelijk"


@attrs.frozen
class Omslag:
    """What switching one assumption rule off does to the conclusions of a diff."""

    regel: str
    herkomst: m.Herkomst
    omslagen: int  # cases whose verdict (beter, slechter, gelijk) changes
    beter: int  # the totals with the rule switched off
    slechter: int
    gelijk: int
    voorbeelden: tuple[str, ...]  # a few of the cases that flip


@attrs.frozen
class Gevoeligheid:
    gemeente: str
    van: str
    naar: str
    beter: int
    slechter: int
    gelijk: int
    omslagen: tuple[Omslag, ...]  # most flips first; rules that flip nothing are left out
    getoetst: int  # how many assumption rules were switched off in turn


Rediff = Callable[[m.Gemeente, m.Gemeente, list], list[GevalVerschil]]


def sensitivity(d: Diff, before: m.Gemeente, after: m.Gemeente, rediff: Rediff, examples: int = 3) -> Gevoeligheid:
    """Switch each rule that rests on an assumption off in turn (in both situations) and redo the cases it decided.

    ``rediff(before, after, cases)`` walks the cases again in changed views. Only cases in which
    the rule decided can change when it is gone, so only those are walked again.
    """
    rules = rules_of(before, after)
    base = {v.geval: verdict(v) for v in d.verschillen}
    totals = Counter(base.values())
    used: dict[str, list] = {}
    for v in d.verschillen:
        for r in fired(v.voor) | fired(v.na):
            used.setdefault(r, []).append(v.geval)
    candidates = sorted(r for r in used if on_assumption(rules.get(r)))
    out = []
    for rid in candidates:
        without = [_without(g, rid) for g in (before, after)]
        again = rediff(without[0], without[1], used[rid])
        flips = [v.geval for v in again if verdict(v) != base[v.geval]]
        if not flips:
            continue
        now = Counter(totals)
        for v in again:
            now[base[v.geval]] -= 1
            now[verdict(v)] += 1
        out.append(
            Omslag(
                rid,
                rules[rid].herkomst,
                len(flips),
                now["beter"],
                now["slechter"],
                now["gelijk"],
                tuple(c.label for c in flips[:examples]),
            )
        )
    out.sort(key=lambda o: (-o.omslagen, o.regel))
    return Gevoeligheid(
        d.gemeente, d.van, d.naar, totals["beter"], totals["slechter"], totals["gelijk"], tuple(out), len(candidates)
    )


def _without(g: m.Gemeente, rule_id: str) -> m.Gemeente:
    return attrs.evolve(g, regels=tuple(r for r in g.regels if r.id != rule_id))

"""Where a rule has kansen ('meestal', 'soms'), a walk has more possible routes: their distribution.

Exact: every combination of the kansen met on the way is walked once (depth first), and ways that went
exactly alike are merged into one route. Or by sampling: ``n`` walks with a seeded random choice at each kans.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import attrs

from journeykit import model as m
from journeykit.errors import JourneykitError

# More possible routes than this and the exact distribution is refused (sample instead).
MAX_ROUTES = 10_000

Walk = Callable[[Callable[[str, tuple[float, ...]], int]], m.Journey]


Keuzes = tuple[tuple[str, int], ...]  # the kansen met on one way: (rule id, the branch taken), in order


@attrs.frozen
class Route:
    kans: float
    journey: m.Journey  # the journey that went this way
    # every way that went like this (several when other choices led alike); for other likelihoods
    keuzes: tuple[Keuzes, ...] = attrs.field(default=(), eq=False)

    @property
    def key(self) -> m.Journey:
        # Ways are one route only when they went alike step for step: a warm and a cold handover to the
        # same place end alike but differ in contacts and retelling, which the expected figures weigh.
        return self.journey


@attrs.frozen
class Verdeling:
    routes: tuple[Route, ...]  # most likely first
    steekproef: int = 0  # the number of walks sampled; 0 when exact
    kansen: tuple[tuple[str, tuple[float, ...]], ...] = ()  # each rule's kansen met on the way (exact only)

    def met_kansen(self, anders: dict[str, tuple[float, ...]]) -> Verdeling:
        """The same routes with other likelihoods for some rules (each rule's branches in its order)."""
        kansen = dict(self.kansen) | anders

        def kans(way: Keuzes) -> float:
            return math.prod(kansen[rule][k] for rule, k in way)

        routes = (attrs.evolve(r, kans=math.fsum(map(kans, r.keuzes))) for r in self.routes)
        return attrs.evolve(self, routes=_ordered(routes))

    def kans(self, test: Callable[[m.Journey], bool]) -> float:
        return math.fsum(r.kans for r in self.routes if test(r.journey))

    @property
    def kans_opgelost(self) -> float:
        return self.kans(lambda j: j.uitkomst.soort == "opgelost")

    @property
    def kans_kastje_naar_de_muur(self) -> float:
        return self.kans(lambda j: bool(j.uitkomst.lus))

    @property
    def kans_afgehaakt(self) -> float:
        return self.kans(lambda j: j.uitkomst.soort == "afgehaakt")

    def verwacht(self, metric: str, unknown: str | None = None) -> float | None:
        """The expected value of a figure; None when it is unknown on a route that can happen."""
        if unknown and any(getattr(r.journey.metrieken, unknown) for r in self.routes if r.kans > 0):
            return None
        return math.fsum(r.kans * getattr(r.journey.metrieken, metric) for r in self.routes)


class _Path:
    """Chooses along one path: the kansen in ``prefix``, then the first at every new choice point, whose other
    kansen it adds to ``todo``. Multiplies the likelihoods as it goes."""

    def __init__(self, prefix: tuple[int, ...], todo: list[tuple[int, ...]], seen: dict[str, tuple[float, ...]]):
        self.prefix, self.todo, self.seen = prefix, todo, seen
        self.chosen: list[int] = []
        self.keuzes: list[tuple[str, int]] = []
        self.kans = 1.0

    def __call__(self, rule: str, kansen: tuple[float, ...]) -> int:
        n = len(self.chosen)
        if n < len(self.prefix):
            k = self.prefix[n]
        else:
            k = 0
            self.todo.extend(tuple(self.chosen) + (alt,) for alt in range(len(kansen) - 1, 0, -1))
        self.chosen.append(k)
        self.keuzes.append((rule, k))
        self.seen[rule] = kansen
        self.kans *= kansen[k]
        return k


def has_kansen(g: m.Gemeente) -> bool:
    """Whether some rule of ``g`` has kansen (else every case walks one route)."""
    return any(r.dan.kansen for r in g.regels)


def exact(walk: Walk, limit: int = MAX_ROUTES) -> Verdeling:
    """Every route ``walk(chooser)`` can take, with its likelihood."""
    found: dict[m.Journey, Route] = {}
    todo: list[tuple[int, ...]] = [()]
    seen: dict[str, tuple[float, ...]] = {}
    walked = 0
    while todo:
        path = _Path(todo.pop(), todo, seen)
        j = walk(path)
        walked += 1
        if walked > limit:
            raise JourneykitError(
                f"meer dan {limit} mogelijke routes: te veel om precies uit te rekenen; gebruik een steekproef"
            )
        route = Route(path.kans, j, (tuple(path.keuzes),))
        same = found.get(route.key)
        found[route.key] = (
            route if same is None else Route(same.kans + route.kans, same.journey, same.keuzes + route.keuzes)
        )
    return Verdeling(_ordered(found.values()), kansen=tuple(sorted(seen.items())))


@attrs.frozen
class KansGevoeligheid:
    """How a journey's figures move when one kans nobody knows exactly lies at either end of its range."""

    regel: str
    tak: int  # the branch whose kans moves (the others keep their proportions)
    bereik: tuple[float, float]
    bij: tuple[Verdeling, Verdeling]  # the distribution with the kans at the lower and at the upper end


def gevoeligheid(v: Verdeling, g: m.Gemeente) -> list[KansGevoeligheid]:
    """For every kans met on the way that has a range (``bereik``), the distribution at both ends of it.

    Of a rule with two branches only the first with a range is moved: the other moves with it."""
    regels = {r.id: r for r in g.regels}
    out = []
    for rid, kansen in v.kansen:
        rule = regels.get(rid)
        takken = rule.dan.kansen if rule else ()
        for i, tak in enumerate(takken):
            if len(tak.bereik) != 2 or len(takken) != len(kansen):
                continue
            lo, hi = tak.bereik
            out.append(
                KansGevoeligheid(
                    rid,
                    i,
                    (lo, hi),
                    (v.met_kansen({rid: _moved(kansen, i, lo)}), v.met_kansen({rid: _moved(kansen, i, hi)})),
                )
            )
            if len(takken) == 2:
                break
    return out


def _moved(kansen: tuple[float, ...], i: int, to: float) -> tuple[float, ...]:
    """``kansen`` with branch ``i`` at ``to`` and the others sharing the rest in their proportions."""
    rest = 1 - kansen[i]
    return tuple(
        to if k == i else ((1 - to) * x / rest if rest > 0 else (1 - to) / (len(kansen) - 1))
        for k, x in enumerate(kansen)
    )


def sample(walk: Walk, n: int, seed: int) -> Verdeling:
    """``n`` walks with a random choice at every kans (seeded: the same seed, the same answer)."""
    rng = random.Random(seed)
    counts: dict[m.Journey, list] = {}
    for _ in range(n):
        j = walk(lambda rule, kansen: rng.choices(range(len(kansen)), weights=kansen)[0])
        key = Route(0, j).key
        counts.setdefault(key, [0, j])[0] += 1
    return Verdeling(_ordered(Route(c / n, j) for c, j in counts.values()), steekproef=n)


def _ordered(routes) -> tuple[Route, ...]:
    return tuple(sorted(routes, key=lambda r: (-r.kans, r.journey.route, r.journey.uitkomst.soort)))

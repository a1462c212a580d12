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


@attrs.frozen
class Route:
    kans: float
    journey: m.Journey  # the journey that went this way

    @property
    def key(self) -> m.Journey:
        # Ways are one route only when they went alike step for step: a warm and a cold handover to the
        # same place end alike but differ in contacts and retelling, which the expected figures weigh.
        return self.journey


@attrs.frozen
class Verdeling:
    routes: tuple[Route, ...]  # most likely first
    steekproef: int = 0  # the number of walks sampled; 0 when exact

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

    def __init__(self, prefix: tuple[int, ...], todo: list[tuple[int, ...]]):
        self.prefix, self.todo = prefix, todo
        self.chosen: list[int] = []
        self.kans = 1.0

    def __call__(self, rule: str, kansen: tuple[float, ...]) -> int:
        n = len(self.chosen)
        if n < len(self.prefix):
            k = self.prefix[n]
        else:
            k = 0
            self.todo.extend(tuple(self.chosen) + (alt,) for alt in range(len(kansen) - 1, 0, -1))
        self.chosen.append(k)
        self.kans *= kansen[k]
        return k


def has_kansen(g: m.Gemeente) -> bool:
    """Whether some rule of ``g`` has kansen (else every case walks one route)."""
    return any(r.dan.kansen for r in g.regels)


def exact(walk: Walk, limit: int = MAX_ROUTES) -> Verdeling:
    """Every route ``walk(chooser)`` can take, with its likelihood."""
    found: dict[m.Journey, Route] = {}
    todo: list[tuple[int, ...]] = [()]
    walked = 0
    while todo:
        path = _Path(todo.pop(), todo)
        j = walk(path)
        walked += 1
        if walked > limit:
            raise JourneykitError(
                f"meer dan {limit} mogelijke routes: te veel om precies uit te rekenen; gebruik een steekproef"
            )
        route = Route(path.kans, j)
        same = found.get(route.key)
        found[route.key] = route if same is None else Route(same.kans + route.kans, same.journey)
    return Verdeling(_ordered(found.values()))


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

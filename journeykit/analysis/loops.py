"""Kastje-naar-de-muur: loops found by sweeping, and the cycles of the static referral graph."""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterable

import attrs

from journeykit import model as m
from journeykit.analysis.sweep import Case

MAX_VOORBEELDEN = 5


@attrs.frozen
class Rand:
    """An edge of a loop: from one ingang to the next, and the rule that sent the resident on."""

    van: str
    naar: str
    regel: str
    overdracht: str
    herkomst: m.Herkomst


@attrs.define
class GevondenLus:
    gemeente: str
    cyclus: tuple[str, ...]  # ingang ids, first == last, rotated to start at the smallest id
    randen: tuple[Rand, ...]
    varianten: list[str]
    getuige: Case
    aantal: int = 0


def loop_edges(j: m.Journey, g: m.Gemeente) -> tuple[tuple[str, ...], tuple[Rand, ...]]:
    """The cycle and its edges for a journey that ended kastje-naar-de-muur.

    The cycle is rotated to start at its smallest ingang id, so one loop found from
    different starting points gets one key.
    """
    n = len(j.uitkomst.lus) - 1
    rules = {r.id: r for r in g.regels}
    edges = [
        Rand(s.ingang, s.naar or "", s.regel or "", s.overdracht or "",
             rules[s.regel].herkomst if s.regel in rules else m.GEEN_HERKOMST)
        for s in j.stappen[len(j.stappen) - n:]
    ]
    k = min(range(n), key=lambda i: (edges[i].van, edges[i].regel))
    edges = edges[k:] + edges[:k]
    return tuple(e.van for e in edges) + (edges[0].van,), tuple(edges)


@attrs.define
class Schendingen:
    """Per principle: how many journeys break it, and the simplest examples."""

    aantal: int = 0
    voorbeelden: list[Case] = attrs.Factory(list)

    def add(self, case: Case, n: int = 1) -> None:
        self.aantal += n
        self.voorbeelden.append(case)
        self.voorbeelden.sort(key=Case.sort_key)
        del self.voorbeelden[MAX_VOORBEELDEN:]


@attrs.define
class LusAggregaat:
    """Aggregates a sweep as it streams: distinct loops with their minimal witness, and principle violations."""

    lussen: dict[tuple, GevondenLus] = attrs.Factory(dict)
    schendingen: dict[tuple[str, str], Schendingen] = attrs.Factory(dict)  # (gemeente, principe) -> ...
    gelopen: int = 0
    uitkomsten: dict[str, int] = attrs.Factory(dict)

    def add(self, g: m.Gemeente, case: Case, j: m.Journey, schendingen: Iterable[m.Schending] = (),
            n: int = 1) -> None:
        """Count journey ``j`` of ``case`` (standing for ``n`` swept cases that walk identically)."""
        self.gelopen += n
        self.uitkomsten[j.uitkomst.soort] = self.uitkomsten.get(j.uitkomst.soort, 0) + n
        for p in sorted({s.principe for s in schendingen}):
            self.schendingen.setdefault((g.id, p), Schendingen()).add(case, n)
        if j.uitkomst.soort != "kastje-naar-de-muur":
            return
        cycle, edges = loop_edges(j, g)
        key = (g.id, cycle, tuple(e.regel for e in edges))
        found = self.lussen.get(key)
        if found is None:
            found = self.lussen[key] = GevondenLus(g.id, cycle, edges, [], case)
        found.aantal += n
        if j.variant not in found.varianten:
            found.varianten.append(j.variant)
        if case.sort_key() < found.getuige.sort_key():
            found.getuige = case

    def merge(self, other: LusAggregaat) -> None:
        """Combine with an aggregate of another part of the same sweep (for parallel sweeps)."""
        self.gelopen += other.gelopen
        for k, v in other.uitkomsten.items():
            self.uitkomsten[k] = self.uitkomsten.get(k, 0) + v
        for key, lus in other.lussen.items():
            mine = self.lussen.get(key)
            if mine is None:
                self.lussen[key] = lus
                continue
            mine.aantal += lus.aantal
            mine.varianten += [v for v in lus.varianten if v not in mine.varianten]
            if lus.getuige.sort_key() < mine.getuige.sort_key():
                mine.getuige = lus.getuige
        for key, sch in other.schendingen.items():
            mine_s = self.schendingen.setdefault(key, Schendingen())
            mine_s.aantal += sch.aantal
            mine_s.voorbeelden = sorted(mine_s.voorbeelden + sch.voorbeelden, key=Case.sort_key)[:MAX_VOORBEELDEN]


# --- the static referral graph -------------------------------------------------------


def referral_graph(g: m.Gemeente) -> dict[str, dict[str, list[str]]]:
    """Every edge any rule can produce: {from: {to: [rule ids]}}, in file order."""
    graph: dict[str, dict[str, list[str]]] = {i.id: {} for i in g.ingangen}
    for r in g.regels:
        target = r.dan.naar if r.dan.soort == "verwijzen" else r.dan.noemt if r.dan.soort == "afwijzen" else None
        if target is not None:
            graph.setdefault(r.bij, {}).setdefault(target, []).append(r.id)
    return graph


def _tarjan(graph: dict[str, Iterable[str]]) -> tuple[list[str], list[list[int]], list[list[int]]]:
    """Tarjan's algorithm on integer indices: (node names, adjacency, components as index lists).

    Iterative (no recursion limit) and linear in nodes + edges with a small constant: it
    must handle referral graphs of 100,000 ingangen.
    """
    names = list(graph)
    seen = set(names)
    for targets in graph.values():
        for t in targets:
            if t not in seen:
                seen.add(t)
                names.append(t)
    index_of = {n: i for i, n in enumerate(names)}
    adj = [[index_of[t] for t in graph.get(n, ())] for n in names]
    n = len(names)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            node, i = work[-1]
            children = adj[node]
            if i < len(children):
                work[-1] = (node, i + 1)
                child = children[i]
                if index[child] == -1:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack[child] = True
                    work.append((child, 0))
                elif on_stack[child] and index[child] < low[node]:
                    low[node] = index[child]
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                if low[node] < low[parent]:
                    low[parent] = low[node]
            if low[node] == index[node]:
                component = []
                while True:
                    x = stack.pop()
                    on_stack[x] = False
                    component.append(x)
                    if x == node:
                        break
                components.append(component)
    return names, adj, components


def strongly_connected(graph: dict[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of ``graph``, each sorted by name."""
    names, _, components = _tarjan(graph)
    return [sorted(names[i] for i in comp) for comp in components]


DETAIL_LIMIT = 50  # components up to this size get a shortest cycle through every edge


def static_cycles(graph: dict[str, dict[str, list[str]]]) -> list[tuple[str, ...]]:
    """The cycles of the referral graph, in time linear in its size.

    Every strongly connected component with a cycle gets one representative cycle;
    small components (the ones people read) also get the shortest cycle through each
    of their edges. Enumerating all simple cycles can be exponential, so it is not done.
    """
    cycles: set[tuple[str, ...]] = set()
    # Many small lists and no reference cycles: the cyclic GC would only rescan a growing heap.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        names, adj, components = _tarjan(graph)
    finally:
        if gc_was_on:
            gc.enable()
    comp_of = [0] * len(names)
    for k, comp in enumerate(components):
        for i in comp:
            comp_of[i] = k
    for k, idx in enumerate(components):
        if len(idx) == 1 and idx[0] not in adj[idx[0]]:
            continue
        if len(idx) > DETAIL_LIMIT:
            cycles.add(_rotate(tuple(names[i] for i in _int_cycle(adj, comp_of, k, min(idx, key=names.__getitem__)))))
            continue
        comp = sorted(names[i] for i in idx)
        members = set(comp)
        for a in comp:
            for b in graph.get(a, {}):
                if b in members:
                    path = _shortest_path(graph, b, a, members)
                    if path is not None:
                        cycles.add(_rotate((a, *path)))
    return sorted(cycles, key=lambda c: (len(c), c))


def _rotate(cycle: tuple[str, ...]) -> tuple[str, ...]:
    nodes = list(cycle[:-1])
    k = nodes.index(min(nodes))
    nodes = nodes[k:] + nodes[:k]
    return tuple(nodes) + (nodes[0],)


def _int_cycle(adj: list[list[int]], comp_of: list[int], k: int, start: int) -> list[int]:
    """A shortest cycle through ``start`` inside component ``k`` (one exists by definition), by BFS."""
    previous = {start: -1}
    queue = deque(x for x in adj[start] if comp_of[x] == k)
    for x in queue:
        previous.setdefault(x, start)
    while queue:
        node = queue.popleft()
        if node == start:
            break
        for nxt in adj[node]:
            if comp_of[nxt] == k and nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
            elif nxt == start:
                path = [start, node]
                while previous[path[-1]] != start:
                    path.append(previous[path[-1]])
                path.append(start)
                return path[::-1]
    # start has a self-loop
    return [start, start]


def _shortest_path(graph: dict[str, dict[str, list[str]]], start: str, goal: str,
                   members: set[str]) -> list[str] | None:
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = []
            cur: str | None = node
            while cur is not None:
                path.append(cur)
                cur = previous[cur]
            return path[::-1]
        for nxt in graph.get(node, {}):
            if nxt in members and nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return None

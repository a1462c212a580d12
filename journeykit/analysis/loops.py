"""Kastje-naar-de-muur: loops found by sweeping, and the cycles of the static referral graph."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import accumulate, chain

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
    aantal: int = 0  # swept cases in which it can happen
    getuige_variant: str = ""  # the situation the witness was walked in
    # Where rules have kansen a loop may happen on some routes only: the expected number of journeys that go round
    # (each case for the likelihood of its routes with the loop), the highest likelihood in one case, the witness's.
    verwacht: float = 0
    kans: float = 0
    getuige_kans: float = 1.0

    def opnieuw(self) -> str | None:
        """The command that walks the witness again, when it is a shipped persona (not one the sweep varied)."""
        c = self.getuige
        if c.afwijkingen:
            return None
        start = f" --ingang {c.eerste_ingang}" if c.eerste_ingang else ""
        return (
            f"journeykit walk --gemeente {self.gemeente} --variant {self.getuige_variant} --persona {c.persona.id}"
            f" --sleutelmoment {c.sleutelmoment.id} --vraag {c.vraag}{start}"
        )

    @property
    def key(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """What tells one loop from another: gemeente, cycle and the rules on its edges."""
        return (self.gemeente, self.cyclus, tuple(e.regel for e in self.randen))


def loop_edges(j: m.Journey, g: m.Gemeente) -> tuple[tuple[str, ...], tuple[Rand, ...]]:
    """The cycle and its edges for a journey that was sent round (``uitkomst.lus``).

    The cycle is rotated to start at its smallest ingang id, so one loop found from
    different starting points gets one key.
    """
    n = len(j.uitkomst.lus) - 1
    rules = {r.id: r for r in g.regels}
    steps = j.lus_stappen
    edges = [
        Rand(
            s.ingang,
            s.naar or "",
            s.regel or "",
            s.overdracht or "",
            rules[s.regel].herkomst if s.regel in rules else m.GEEN_HERKOMST,
        )
        for s in steps
    ]
    k = min(range(n), key=lambda i: (edges[i].van, edges[i].regel))
    edges = edges[k:] + edges[:k]
    return tuple(e.van for e in edges) + (edges[0].van,), tuple(edges)


@attrs.define
class Schendingen:
    """Per principle: how many journeys break it, and the simplest examples."""

    aantal: float = 0  # journeys, each route counted for its likelihood where rules have kansen
    voorbeelden: list[Case] = attrs.Factory(list)

    def add(self, case: Case, n: float = 1) -> None:
        self.aantal += n
        self.voorbeelden.append(case)
        self.voorbeelden.sort(key=Case.sort_key)
        del self.voorbeelden[MAX_VOORBEELDEN:]


@attrs.define
class LusAggregaat:
    """Aggregates a sweep as it streams: distinct loops with their minimal witness, and principle violations."""

    lussen: dict[tuple, GevondenLus] = attrs.Factory(dict)
    schendingen: dict[tuple[str, str], Schendingen] = attrs.Factory(dict)  # (gemeente, principe) -> ...
    # (gemeente, principe) -> journeys whose check could not run (a plugin failed): not passed, not broken
    niet_getoetst: dict[tuple[str, str], float] = attrs.Factory(dict)
    gelopen: int = 0
    # journeys, where rules have kansen each route counted for its likelihood (so a part of a case)
    uitkomsten: dict[str, float] = attrs.Factory(dict)
    schendende_reizen: float = 0  # journeys breaking at least one principle

    def add(self, g: m.Gemeente, case: Case, j: m.Journey, schendingen: Iterable[m.Schending] = (), n: int = 1) -> None:
        """Count journey ``j`` of ``case`` (standing for ``n`` swept cases that walk identically)."""
        self.add_routes(g, case, [(1.0, j, schendingen)], n)

    def add_routes(
        self, g: m.Gemeente, case: Case, routes: Iterable[tuple[float, m.Journey, Iterable[m.Schending]]], n: int = 1
    ) -> None:
        """Count every route ``case`` can take where rules have kansen: (likelihood, journey, broken principles).
        Outcomes and broken principles count each route for its likelihood; a loop counts wherever it can happen."""
        self.gelopen += n
        for kans, j, schendingen in routes:
            self._count(g, case, j, schendingen, n if kans == 1 else n * kans, n, kans)

    def _count(
        self, g: m.Gemeente, case: Case, j: m.Journey, schendingen: Iterable[m.Schending], w: float, n: int, kans: float
    ) -> None:
        self.uitkomsten[j.uitkomst.soort] = self.uitkomsten.get(j.uitkomst.soort, 0) + w
        broken = sorted({(s.principe, s.niet_getoetst) for s in schendingen})
        self.schendende_reizen += w if any(not unchecked for _, unchecked in broken) else 0
        for p, unchecked in broken:
            if unchecked:
                self.niet_getoetst[(g.id, p)] = self.niet_getoetst.get((g.id, p), 0) + w
            else:
                self.schendingen.setdefault((g.id, p), Schendingen()).add(case, w)
        if not j.uitkomst.lus:
            return
        cycle, edges = loop_edges(j, g)
        key = (g.id, cycle, tuple(e.regel for e in edges))
        found = self.lussen.get(key)
        if found is None:
            found = self.lussen[key] = GevondenLus(
                g.id, cycle, edges, [], case, getuige_variant=j.variant, getuige_kans=kans
            )
        found.aantal += n
        found.verwacht += w
        found.kans = max(found.kans, kans)
        if j.variant not in found.varianten:
            found.varianten.append(j.variant)
        # the smallest case, and of the same case the first variant: the same whatever order parts come in
        if (case.sort_key(), j.variant) < (found.getuige.sort_key(), found.getuige_variant):
            found.getuige, found.getuige_variant, found.getuige_kans = case, j.variant, kans

    def merge(self, other: LusAggregaat) -> None:
        """Combine with an aggregate of another part of the same sweep (for parallel sweeps)."""
        self.gelopen += other.gelopen
        self.schendende_reizen += other.schendende_reizen
        for k, v in other.uitkomsten.items():
            self.uitkomsten[k] = self.uitkomsten.get(k, 0) + v
        for k2, v in other.niet_getoetst.items():
            self.niet_getoetst[k2] = self.niet_getoetst.get(k2, 0) + v
        for key, lus in other.lussen.items():
            mine = self.lussen.get(key)
            if mine is None:
                self.lussen[key] = lus
                continue
            mine.aantal += lus.aantal
            mine.verwacht += lus.verwacht
            mine.kans = max(mine.kans, lus.kans)
            mine.varianten += [v for v in lus.varianten if v not in mine.varianten]
            if (lus.getuige.sort_key(), lus.getuige_variant) < (mine.getuige.sort_key(), mine.getuige_variant):
                mine.getuige, mine.getuige_variant, mine.getuige_kans = (
                    lus.getuige,
                    lus.getuige_variant,
                    lus.getuige_kans,
                )
        for key, sch in other.schendingen.items():
            mine_s = self.schendingen.setdefault(key, Schendingen())
            mine_s.aantal += sch.aantal
            mine_s.voorbeelden = sorted(mine_s.voorbeelden + sch.voorbeelden, key=Case.sort_key)[:MAX_VOORBEELDEN]

    def ordered(self) -> list[GevondenLus]:
        """The distinct loops in the order every report lists them: by gemeente, cycle, then rules."""
        return sorted(self.lussen.values(), key=lambda x: x.key)

    def numbers(self) -> dict[tuple, int]:
        """Each loop's number in reports (its place in `ordered`, from 1), by its key."""
        return {x.key: n for n, x in enumerate(self.ordered(), 1)}


# --- the static referral graph -------------------------------------------------------


def referral_graph(g: m.Gemeente) -> dict[str, dict[str, list[str]]]:
    """Every edge any rule can produce: {from: {to: [rule ids]}}, in file order."""
    graph: dict[str, dict[str, list[str]]] = {i.id: {} for i in g.ingangen}
    for r in g.regels:
        for a in r.acties:
            target = a.naar if a.soort == "verwijzen" else a.noemt if a.soort == "afwijzen" else None
            if target is not None and r.id not in graph.setdefault(r.bij, {}).setdefault(target, []):
                graph[r.bij][target].append(r.id)
    return graph


class _Numbering(dict):
    """name -> node number; a name met only as a target gets the next free number when first seen."""

    def __init__(self, names: list[str]):
        super().__init__(zip(names, range(len(names))))
        self.names = names

    def __missing__(self, name: str) -> int:
        i = self[name] = len(self.names)
        self.names.append(name)
        return i


@attrs.frozen
class CompactGraph:
    """A graph as numbers, in compressed sparse row layout.

    Node ``i`` is ``names[i]`` and its edges go to ``targets[offsets[i]:offsets[i + 1]]``, in
    the graph's order. Names are the graph's keys, then targets that are no key, in order of
    first appearance.

    Why flat int arrays instead of a list per node: a number in an array is 4 bytes next to
    its neighbours, while a list points to an int object somewhere on the heap. Beyond some
    10,000 nodes those objects no longer fit in the processor cache, and the time per
    element grew with the size of the graph. ("i" is a 4-byte int: a graph with 2**31
    edges would not fit in memory as dicts anyway, and the array would raise, not wrap.)
    """

    names: list[str]
    offsets: array
    targets: array

    @classmethod
    def of(cls, graph: Mapping[str, Collection[str]]) -> CompactGraph:
        names = list(graph)
        number = _Numbering(names)
        # map/chain/accumulate run in C, and an array fills fastest from a list; the one hash
        # lookup per edge is the only string work
        targets = array("i", list(map(number.__getitem__, chain.from_iterable(graph.values()))))
        offsets = array("i", list(accumulate(map(len, graph.values()), initial=0)))
        offsets.extend(array("i", [len(targets)]) * (len(names) - len(graph)))  # targets-only nodes: no edges
        return cls(names, offsets, targets)

    def edges(self, node: int) -> array:
        return self.targets[self.offsets[node] : self.offsets[node + 1]]


def _tarjan(offsets: array, targets: array) -> tuple[list[array], array]:
    """Tarjan's algorithm on the compact graph: (components as node arrays, a component key per node).

    The key of the i-th component is n + i, for n nodes: equal keys, same component.

    Components come in the order Tarjan completes them (a component before those that reach it).
    Iterative, so no recursion limit, and linear in nodes + edges: it must handle referral
    graphs of 100,000 ingangen.
    """
    n = len(offsets) - 1
    index = array("i", [-1]) * n  # DFS number; -1 = not visited yet
    # Tarjan's stack (visited nodes whose component is still open) and the DFS path (per node
    # above the current one: the node, where its edges continue, its low-link so far) as
    # int arrays of full size with a fill level: no objects for the GC to scan in a deep
    # DFS, and writing a slot is cheaper than appending.
    stack = array("i", [0]) * n
    path_node, path_edge, path_low = array("i", [0]) * n, array("i", [0]) * n, array("i", [0]) * n
    top = depth = counter = 0
    components: list[array] = []
    for root in range(n):
        if index[root] >= 0:
            continue
        index[root] = lowest = counter
        counter += 1
        stack[top] = root
        top += 1
        v, p, end = root, offsets[root], offsets[root + 1]
        while True:
            while p < end:
                w = targets[p]
                p += 1
                iw = index[w]
                if iw < 0:  # unvisited: descend into w, remembering where v continues
                    path_node[depth], path_edge[depth], path_low[depth] = v, p, lowest
                    depth += 1
                    index[w] = lowest = counter
                    counter += 1
                    stack[top] = w
                    top += 1
                    v, p, end = w, offsets[w], offsets[w + 1]
                elif iw < lowest:
                    # w is on the stack. A node of a finished component has an index >= n
                    # (set below), so it never lowers a low-link and needs no on-stack flag.
                    lowest = iw
            # every edge of v is done; if v is the root of a component, it is the stack from v up
            if lowest == index[v]:
                k = n + len(components)
                # the stack is in DFS order, so v's place is found by bisection on the DFS numbers
                bottom = bisect_left(stack, lowest, 0, top, key=index.__getitem__)
                component = stack[bottom:top]
                top = bottom
                for x in component:
                    index[x] = k
                components.append(component)
            if not depth:
                break
            child_low = lowest
            depth -= 1
            v, p, lowest = path_node[depth], path_edge[depth], path_low[depth]
            end = offsets[v + 1]
            if child_low < lowest:
                lowest = child_low
    return components, index


def strongly_connected(graph: Mapping[str, Collection[str]] | CompactGraph) -> list[list[str]]:
    """The strongly connected components of ``graph``, each sorted by name."""
    c = graph if isinstance(graph, CompactGraph) else CompactGraph.of(graph)
    components, _ = _tarjan(c.offsets, c.targets)
    return [sorted(c.names[i] for i in comp) for comp in components]


DETAIL_LIMIT = 50  # components up to this size get a shortest cycle through every edge
# Passes over the whole edge list one static_cycles call may spend walking back from the start
# of a large component. A pass runs in C, and a fixed number keeps the total linear.
BACKWARD_SCANS = 8


def static_cycles(graph: Mapping[str, Collection[str]] | CompactGraph) -> list[tuple[str, ...]]:
    """The cycles of the referral graph, in time linear in its size.

    Every strongly connected component with a cycle gets one representative cycle: the
    shortest through its first node in the graph's order (for a gemeente, the first of its
    ingangen in the file). Small components (the ones people read) also get the shortest
    cycle through each of their edges. Enumerating all simple cycles can be exponential,
    so it is not done.
    """
    c = graph if isinstance(graph, CompactGraph) else CompactGraph.of(graph)
    names, offsets, targets = c.names, c.offsets, c.targets
    components, comp_of = _tarjan(offsets, targets)
    parent = array("i", [0]) * len(names)  # for _int_cycle; shared, as components are disjoint
    predecessors = _Predecessors(c, BACKWARD_SCANS)
    cycles: set[tuple[str, ...]] = set()
    for idx in components:
        if len(idx) == 1 and idx[0] not in c.edges(idx[0]):
            continue  # a single node without a self-loop is no cycle
        if len(idx) > DETAIL_LIMIT:
            start = min(idx)  # numbers follow the graph's order; comparing names would cost more
            path = _int_cycle(offsets, targets, comp_of, parent, start, predecessors)
            cycles.add(_rotate(tuple(names[i] for i in path)))
            continue
        members = set(idx)
        for a in sorted(idx, key=names.__getitem__):
            for b in c.edges(a):
                if b in members:
                    path = _shortest_path(c, b, a, members)
                    cycles.add(_rotate(tuple(names[i] for i in (a, *path))))
    return sorted(cycles, key=lambda cyc: (len(cyc), cyc))


def _rotate(cycle: tuple[str, ...]) -> tuple[str, ...]:
    nodes = list(cycle[:-1])
    k = nodes.index(min(nodes))
    nodes = nodes[k:] + nodes[:k]
    return tuple(nodes) + (nodes[0],)


class _Predecessors:
    """Who refers to a node, found by searching the edge list's bytes: no reverse graph to build.

    Each search is a pass over all edges (in C), so only ``budget`` of them are allowed.
    """

    def __init__(self, c: CompactGraph, budget: int):
        self.c = c
        self.budget = budget
        self._bytes = b""

    def of(self, node: int) -> list[int]:
        """The nodes with an edge to ``node``, in order, once for each such edge."""
        assert self.budget > 0
        self.budget -= 1
        if not self._bytes:
            self._bytes = self.c.targets.tobytes()
        size, pattern = self.c.targets.itemsize, array(self.c.targets.typecode, [node]).tobytes()
        found = []
        at = self._bytes.find(pattern)
        while at >= 0:
            if at % size == 0:  # not a match straddling two numbers
                found.append(bisect_right(self.c.offsets, at // size) - 1)
            at = self._bytes.find(pattern, at + 1)
        return found


def _int_cycle(
    offsets: array, targets: array, comp_of: array, parent: array, start: int, predecessors: _Predecessors
) -> list[int]:
    """A shortest cycle through ``start`` inside its component (one exists by definition).

    Walks back from start as far as the scan budget allows, then forward by BFS until it
    meets what the walk back found: the forward search then covers a fraction of the
    component instead of most of it. Changes ``comp_of`` (see _bfs_levels).
    """
    if start in targets[offsets[start] : offsets[start + 1]]:
        return [start, start]
    to_start = _backward(predecessors, comp_of, start)
    walked_back = len(to_start) > 1
    for level in _bfs_levels(offsets, targets, comp_of, parent, start):
        if walked_back:
            # The first level that meets the walk back holds a shortest cycle. Say the walk back
            # is complete to r steps and a shortest cycle has length L. Its node min(r, L - 1)
            # steps before start lies in the walk back, at most g = max(1, L - r) steps after
            # start. A meeting at an earlier level f < g would close a cycle of at most f + r < L.
            met = [node for node in level if node in to_start]
            if met:
                meeting = min(met, key=to_start.__getitem__)
                break
        else:  # no scans left: the first node with an edge back closes a shortest cycle
            meeting = next((x for x in level if start in targets[offsets[x] : offsets[x + 1]]), -1)
            if meeting >= 0:
                to_start = {start: 0, meeting: 1}
                break
    else:
        raise AssertionError("every node of a strongly connected component with more than one node lies on a cycle")
    path = [meeting]
    while path[-1] != start:
        path.append(parent[path[-1]])
    path.reverse()
    node = meeting
    while node != start:
        node = next(x for x in targets[offsets[node] : offsets[node + 1]] if to_start.get(x) == to_start[node] - 1)
        path.append(node)
    return path


def _bfs_levels(offsets: array, targets: array, comp_of: array, parent: array, start: int) -> Iterator[list[int]]:
    """The BFS levels after ``start`` inside its component, nearest first, with each node's ``parent`` set.

    Marks visited nodes by setting their ``comp_of`` to -1 (so it changes ``comp_of``): one
    array check per edge then tells "in this component and not seen yet".
    """
    k = comp_of[start]
    comp_of[start] = -1
    level = [start]
    while level:
        found = []
        for node in level:
            for nxt in targets[offsets[node] : offsets[node + 1]]:
                if comp_of[nxt] == k:
                    comp_of[nxt] = -1
                    parent[nxt] = node
                    found.append(nxt)
        yield found
        level = found


def _backward(predecessors: _Predecessors, comp_of: array, start: int) -> dict[int, int]:
    """{node: steps to start} for the nodes of start's component up to some number of steps before it.

    Complete up to that number: the walk back stops only at a whole step.
    """
    k = comp_of[start]
    to_start, level, steps = {start: 0}, [start], 0
    while level and predecessors.budget >= len(level):
        steps += 1
        found = []
        for node in level:
            for p in predecessors.of(node):
                if comp_of[p] == k and p not in to_start:
                    to_start[p] = steps
                    found.append(p)
        level = found
    return to_start


def _shortest_path(c: CompactGraph, start: int, goal: int, members: set[int]) -> list[int]:
    """A shortest path from start to goal inside a small component (one exists: it is strongly connected)."""
    previous: dict[int, int | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = []
            cur: int | None = node
            while cur is not None:
                path.append(cur)
                cur = previous[cur]
            return path[::-1]
        for nxt in c.edges(node):
            if nxt in members and nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    raise AssertionError("inside a strongly connected component every node reaches every other")

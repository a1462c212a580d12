"""The Python API. The command line is a thin layer over these functions."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from journeykit import model as m
from journeykit.analysis.checks import Check, Principecheck, expectation_failures, principle_checks, violations
from journeykit.catalog import Catalog
from journeykit.errors import JourneykitError, LoadError, LoadErrors, PluginError, kort, onbekend
from journeykit.plugins import Plugins, Unusable

if TYPE_CHECKING:  # imported inside the functions that use them, so `journeykit --help` stays fast
    from journeykit.analysis.compare import Vergelijking
    from journeykit.analysis.diff import Diff, Geval
    from journeykit.analysis.loops import GevondenLus, LusAggregaat


def data_paths(data: Path | str = ".") -> list[tuple[Path, str]]:
    """The shared data folders under ``data`` that exist, each with the part of the data it holds."""
    from journeykit.catalog import PERSONAS, REIZEN

    root = Path(data)
    wanted = ((root / "personas", PERSONAS), (root / "journeys", REIZEN), (root / "journeys" / "scenarios", REIZEN))
    try:
        return [(p, deel) for p, deel in wanted if p.is_dir()]
    except OSError as e:  # e.g. a name longer than the file system allows
        raise JourneykitError(f"kan de datamap {root} niet lezen: {e.strerror or e}") from None


def find_data(explicit: Path | str | None = None, start: Path | None = None) -> Path | None:
    """The data folder: ``explicit`` (or $JOURNEYKIT_DATA), else the nearest folder with personas/ or journeys/.

    Like git finding its repository, the search goes up from ``start`` (the working directory).
    An explicit folder must exist and hold personas/ or journeys/; None when the search finds nothing.
    """
    chosen = explicit if explicit is not None else (os.environ.get("JOURNEYKIT_DATA") or None)
    if chosen is not None:
        root = Path(chosen)
        try:
            root.stat()
        except OSError as e:
            raise JourneykitError(f"kan de datamap {kort(root, 200)} niet lezen: {e.strerror or e}") from None
        if not root.is_dir():
            raise JourneykitError(f"de datamap {kort(root, 200)} is geen map")
        if not data_paths(root):
            raise JourneykitError(f"in de datamap {kort(root, 200)} staat geen map personas/ of journeys/")
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if data_paths(folder):
            return folder
    return None


def open_catalog(
    data: Path | str | None = ".",
    plugins: Iterable[str] = (),
    paths: Iterable[Path] = (),
    entry_points: bool | Collection[str] = True,
) -> Catalog:
    """Load plugins and data. ``paths`` are extra files or directories (personas, reizen, gemeenten).

    ``entry_points``: True loads the installed plugins (as JOURNEYKIT_ENTRY_POINTS and
    JOURNEYKIT_LOAD_PLUGINS say), False none, a collection of names exactly those.
    """
    from journeykit.catalog import PADEN

    base = data_paths(data) if data is not None else []
    loaded = {p.resolve() for p, _ in base}
    extra = []
    for p in map(Path, paths):
        # A file inside a data folder, or the folder itself, is loaded already: twice would make duplicates.
        if p.resolve() not in loaded and p.resolve().parent not in loaded:
            extra.append((p, PADEN))
    cat = Catalog(Plugins(plugins, entry_points=entry_points), base + extra)
    cat.root = Path(data) if data is not None else Path(".")
    return cat


def checks_for(cat: Catalog, g: m.Gemeente) -> list[Principecheck]:
    """The principle checks of a gemeente: YAML toets or a plugin's Python check."""
    found: dict[str, tuple[str, Check]] = {}
    for name, result in cat.plugins.call_each("journeykit_principle_checks", convert=_functions, gemeente=g):
        for pid, fn in result.items():
            found[pid] = (name, _guarded_check(cat, name, pid, fn))
    return principle_checks(g, found)


def output_formats(cat: Catalog) -> dict[str, Callable[..., str]]:
    """The extra output formats plugins offer, by name; each call of one goes through the plugin guard."""
    found: dict[str, Callable[..., str]] = {}
    for name, result in cat.plugins.call_each("journeykit_output_formats", convert=_functions):
        for fmt, fn in result.items():
            found[fmt] = cat.plugins.guarded(name, f"uitvoerformaat '{fmt}'", fn, convert=_text)
    return found


def _functions(result: Any) -> dict[str, Callable]:
    """A hook's {name: function}, as a plain dict (runs inside the plugin guard)."""
    if not isinstance(result, dict):
        raise Unusable(f"gaf geen dict terug maar {type(result).__name__}")
    out = {}
    for key, fn in dict(result).items():
        if type(key) is not str or not callable(fn):
            raise Unusable(f"'{kort(repr(key))}' is geen naam met een functie")
        out[key] = fn
    return out


def _text(result: Any) -> str:
    if type(result) is not str:
        raise Unusable(f"gaf {type(result).__name__} terug in plaats van tekst")
    return result


def _schendingen(result: Any) -> list[m.Schending]:
    """A check's findings, rebuilt from plain values (runs inside the plugin guard)."""
    if not isinstance(result, list) or not all(isinstance(x, m.Schending) for x in result):
        raise Unusable("gaf geen lijst van Schending terug")
    return [m.Schending(str(s.principe), str(s.uitleg), s.stap if type(s.stap) is int else None) for s in result]


def _guarded_check(cat: Catalog, plugin: str, pid: str, fn: Check) -> Check:
    """A plugin's principle check; when it cannot run, the journey is marked 'niet getoetst', never passed."""
    call = cat.plugins.guarded(plugin, f"principetoets '{pid}'", fn, convert=_schendingen)

    def check(j: m.Journey) -> list[m.Schending]:
        try:
            return call(j)
        except PluginError as e:
            cat.plugins.errors.append(e)
            return [m.Schending(pid, f"niet getoetst: {e}", niet_getoetst=True)]

    return check


CHUNK = 2000  # groups per piece of a parallel sweep: small enough to balance, large enough to be cheap


def _pieces(sizes: list[int], chunk: int = CHUNK) -> list[tuple[int, int, int]]:
    return [(t, a, min(a + chunk, n)) for t, n in enumerate(sizes) for a in range(0, n, chunk)]


def _collect(cat: Catalog, work: Callable, pieces: list, jobs: int):
    """Run ``work`` over ``pieces`` (in forked workers when jobs > 1), yielding results in order.

    Plugin errors met inside a piece travel back with its result, so they are reported
    the same way whatever the number of jobs.
    """
    from journeykit.analysis.parallel import fork_map

    def run(piece):
        n = len(cat.plugins.errors)
        result = work(piece)
        new = [(f.plugin, f.reden) for f in cat.plugins.errors[n:]]  # plain data crosses processes safely
        del cat.plugins.errors[n:]
        return result, new

    for result, fouten in fork_map(run, pieces, jobs):
        seen = {(f.plugin, f.reden) for f in cat.plugins.errors}
        cat.plugins.errors.extend(PluginError(p, r) for p, r in fouten if (p, r) not in seen)
        yield result


@attrs.frozen
class Getoetst:
    """A journey case after walking: the journey, broken principles and failed expectations."""

    reis: m.Reiscasus
    journey: m.Journey
    schendingen: tuple[m.Schending, ...]
    mislukt: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.mislukt


def walk(
    cat: Catalog,
    gemeente: str,
    persona: str,
    sleutelmoment: str,
    variant: str | None = None,
    ingang: str | None = None,
    vraag: str | None = None,
) -> tuple[m.Journey, list[m.Schending]]:
    j = cat.walk(gemeente, persona, sleutelmoment, variant, ingang, vraag)
    return j, violations(j, checks_for(cat, cat.gemeente(gemeente, variant)))


def check_scenarios(cat: Catalog) -> list[LoadError]:
    """What is wrong with the scenarios the catalog loaded: each is applied to its gemeente."""
    from journeykit.analysis.scenarios import apply

    fouten: list[LoadError] = []
    for sc in cat.scenarios:
        g = cat.gemeenten.get(sc.gemeente)
        if g is None:
            p = sc.plaats
            fouten.append(
                LoadError(
                    p.bestand if p else sc.id,
                    p.regel_van("gemeente") if p else None,
                    "gemeente",
                    onbekend("gemeente", sc.gemeente, cat.gemeenten),
                )
            )
            continue
        try:
            apply(g, sc)
        except LoadErrors as e:
            fouten += e.errors
    return fouten


def check_reizen(cat: Catalog, reizen: Iterable[m.Reiscasus] | None = None, jobs: int = 1) -> list[Getoetst]:
    """Walk every journey case and test its expectations, in id order."""
    ordered = sorted(reizen if reizen is not None else cat.reizen.values(), key=lambda r: r.id)
    cache: dict[tuple[str, str | None], list[Principecheck]] = {}
    for r in ordered:
        key = (r.gemeente, r.variant)
        if key not in cache:
            cache[key] = checks_for(cat, cat.gemeente(r.gemeente, r.variant))

    def work(piece):
        _, a, b = piece
        out = []
        for r in ordered[a:b]:
            j = cat.walk_reis(r)
            sch = violations(j, cache[(r.gemeente, r.variant)])
            out.append(Getoetst(r, j, tuple(sch), tuple(expectation_failures(r, j, sch))))
        return out

    return [x for part in _collect(cat, work, _pieces([len(ordered)], 50), jobs) for x in part]


# --- analysis -----------------------------------------------------------------------------

Progress = Callable[[int, int], None] | None


def compare(
    cat: Catalog,
    persona: str,
    sleutelmoment: str,
    gemeenten: Iterable[str] = (),
    per_ingang: bool = False,
    vraag: str | None = None,
    jobs: int = 1,
) -> Vergelijking:
    """One persona and sleutelmoment in every chosen gemeente and variant (and every first contact)."""
    from journeykit.analysis.compare import Oordeel, Rij, Vergelijking, wrong_door
    from journeykit.engine import plausible_first_contacts

    p, sm = cat.persona(persona), cat.sleutelmoment(sleutelmoment)
    vraag = vraag or sm.vragen[0].id
    targets = [(gid, v.id) for gid in sorted(gemeenten or cat.gemeenten) for v in cat.gemeente(gid).varianten]
    checks = {t: checks_for(cat, cat.gemeente(*t)) for t in targets}

    def work(piece):
        gid, vid = targets[piece[0]]
        g = cat.gemeente(gid, vid)
        starts = plausible_first_contacts(g, p, sm)
        rows = []
        if not per_ingang or not starts:
            # the persona's most likely first contact (starts[0]); per ingang it is one of the rows below
            j = cat.walk(gid, persona, sleutelmoment, vid, None, vraag)
            rows.append(Rij(gid, vid, None, j, tuple(violations(j, checks[(gid, vid)])), standaard=True))
        fails = []
        for n, start in enumerate(starts):
            js = cat.walk(gid, persona, sleutelmoment, vid, start.id, vraag)
            if per_ingang:
                rows.append(Rij(gid, vid, start.id, js, tuple(violations(js, checks[(gid, vid)])), standaard=n == 0))
            why = wrong_door(js)
            if why:
                fails.append((start.id, why))
        return rows, Oordeel(gid, vid, len(starts), tuple(fails))

    rows, verdicts = [], []
    for part_rows, verdict in _collect(cat, work, [(t, 0, 1) for t in range(len(targets))], jobs):
        rows += part_rows
        verdicts.append(verdict)
    return Vergelijking(p.id, sm.id, vraag, tuple(rows), tuple(verdicts))


@attrs.frozen
class StatischeCyclus:
    gemeente: str
    variant: str
    cyclus: tuple[str, ...]
    regels: tuple[tuple[str, str, tuple[str, ...]], ...]  # (from, to, rule ids)
    getuige: GevondenLus | None  # the loop found in the sweep that shows it can happen


@attrs.frozen
class LusRapport:
    aggregaat: LusAggregaat
    statisch: tuple[StatischeCyclus, ...]
    gemeenten: tuple[tuple[str, str], ...]  # (gemeente, variant) swept


def sweep_targets(cat: Catalog, gemeente: str | None = None, variant: str | None = None) -> list[m.Gemeente]:
    out = []
    for gid in sorted([gemeente] if gemeente else cat.gemeenten):
        g = cat.gemeente(gid)
        for v in g.varianten:
            if variant is None or v.id == variant:
                out.append(cat.gemeente(gid, v.id))
    if variant is not None and not out:
        cat.gemeente(gemeente or "", variant)  # raises a clear UnknownName
    return out


def loops(
    cat: Catalog,
    gemeente: str | None = None,
    variant: str | None = None,
    generated: bool = True,
    progress: Progress = None,
    jobs: int = 1,
    grouped: bool = True,
) -> LusRapport:
    """Sweep every case, report each distinct loop once with a minimal witness, and the static cycles."""
    from journeykit.analysis import sweep
    from journeykit.analysis.loops import LusAggregaat

    targets = sweep_targets(cat, gemeente, variant)
    personas, sms = list(cat.personas.values()), list(cat.sleutelmomenten.values())
    plans = [sweep.plan(g, personas, sms, generated, grouped) for g in targets]
    checks = [checks_for(cat, g) for g in targets]
    total = sum(p.cases for p in plans)

    def work(piece):
        t, a, b = piece
        g = targets[t]
        part = LusAggregaat()
        walker = cat.walker(g.id, g.variant)
        for grp, j in sweep.walk_groups(walker, plans[t].groups(a, b)):
            part.add(g, grp.case, j, violations(j, checks[t]), grp.aantal)
        return part

    agg = LusAggregaat()
    for part in _collect(cat, work, _pieces([len(p) for p in plans]), jobs):
        agg.merge(part)  # aggregated as it streams: only counts and minimal witnesses are kept
        if progress:
            progress(agg.gelopen, total)
    for lus in agg.lussen.values():
        lus.varianten.sort()
    from journeykit.analysis.loops import referral_graph, static_cycles

    static = []
    swept: list[tuple[str, str]] = []
    for g in targets:
        assert g.variant is not None  # sweep_targets gives each gemeente in one variant
        swept.append((g.id, g.variant))
        graph = referral_graph(g)
        for cyc in static_cycles(graph):
            edges = tuple((a, b, tuple(graph[a][b])) for a, b in zip(cyc, cyc[1:]))
            witness = next(
                (
                    lus
                    for lus in agg.lussen.values()
                    if lus.gemeente == g.id and g.variant in lus.varianten and lus.cyclus == cyc
                ),
                None,
            )
            static.append(StatischeCyclus(g.id, g.variant, cyc, edges, witness))
    return LusRapport(agg, tuple(static), tuple(swept))


def diff_cases(cat: Catalog, gemeente: str) -> list[Geval]:
    """The cases a diff walks: every journey case of the gemeente, and every persona x sleutelmoment x vraag."""
    from journeykit.analysis.diff import Geval

    seen: dict[tuple, Geval] = {}
    for r in sorted(cat.reizen.values(), key=lambda r: r.id):
        if r.gemeente == gemeente:
            sm = cat.sleutelmoment(r.sleutelmoment)
            key = (r.persona, r.sleutelmoment, r.vraag or sm.vragen[0].id, r.eerste_ingang)
            seen.setdefault(key, Geval(*key, r.id))
    for p in sorted(cat.personas):
        for s in sorted(cat.sleutelmomenten):
            for v in cat.sleutelmoment(s).vragen:
                key = (p, s, v.id, None)
                seen.setdefault(key, Geval(*key, None))
    return list(seen.values())


def diff(
    cat: Catalog,
    before: m.Gemeente,
    after: m.Gemeente,
    cases: list | None = None,
    jobs: int = 1,
    gelopen: dict | None = None,
) -> Diff:
    """Walk every case in ``before`` and ``after`` (two views of one gemeente) and compare.

    ``gelopen`` ({view: {case: walked}}) keeps the walks for a caller that diffs one view more
    than once, as the atlas does: a variant is also the 'before' of its scenarios. Walks made
    in worker processes (``jobs`` > 1) are not kept.
    """
    from journeykit.analysis.diff import Diff, GevalVerschil, compare_journeys, totals

    cases = cases if cases is not None else diff_cases(cat, before.id)
    gelopen = {} if gelopen is None else gelopen
    walk_before = _case_walker(cat, before, gelopen.setdefault(before, {}))
    walk_after = _case_walker(cat, after, gelopen.setdefault(after, {}))

    def work(piece):
        _, a, b = piece
        out = []
        for c in cases[a:b]:
            (jv, sv), (jn, sn) = walk_before(c), walk_after(c)
            out.append(GevalVerschil(c, jv, jn, sv, sn, compare_journeys(jv, jn, sv, sn)))
        return out

    out = [x for part in _collect(cat, work, _pieces([len(cases)], 500), jobs) for x in part]
    return Diff(before.id, before.variant or "", after.variant or "", tuple(out), totals(out))


def _case_walker(cat: Catalog, g: m.Gemeente, memo: dict) -> Callable[[Geval], tuple[m.Journey, tuple[str, ...]]]:
    """A function that walks a diff case in ``g``: (journey, the principles it breaks), each case once."""
    from journeykit.engine import Walker

    walker = Walker(g, beslisser=cat.route_by_plugin)
    checks = checks_for(cat, g)

    def walk(c: Geval) -> tuple[m.Journey, tuple[str, ...]]:
        if c not in memo:
            p, sm = cat.persona(c.persona), cat.sleutelmoment(c.sleutelmoment)
            # a case without a start of its own (or one not in this view) walks from the first contact
            j = walker.walk(p, sm, c.vraag, c.eerste_ingang if c.eerste_ingang in walker.ingangen else None)
            memo[c] = j, tuple(sorted({s.principe for s in violations(j, checks)}))
        return memo[c]

    return walk


def diff_variants(cat: Catalog, gemeente: str, van: str, naar: str, jobs: int = 1, gelopen: dict | None = None) -> Diff:
    return diff(cat, cat.gemeente(gemeente, van), cat.gemeente(gemeente, naar), jobs=jobs, gelopen=gelopen)


def diff_scenario(cat: Catalog, path: Path, jobs: int = 1, gelopen: dict | None = None) -> Diff:
    from journeykit.analysis.scenarios import apply, load_scenario

    sc = load_scenario(path)
    cat.gemeente(sc.gemeente)  # a clear error for an unknown gemeente
    g = cat.gemeenten[sc.gemeente]  # all variants: the scenario may build on any of them
    after = apply(g, sc)
    return diff(cat, g.in_variant(sc.variant), after, jobs=jobs, gelopen=gelopen)


def coverage(
    cat: Catalog, results: list[Getoetst], progress: Progress = None, jobs: int = 1, gemeente: str | None = None
) -> list:
    """Ingangen and rules that neither the journey cases nor a sweep (with generated personas) reach."""
    from journeykit.analysis import sweep
    from journeykit.analysis.coverage import Dekking, gaps

    d = Dekking()
    for r in results:
        d.add(r.journey, from_case=True)
    targets = sweep_targets(cat, gemeente)
    personas, sms = list(cat.personas.values()), list(cat.sleutelmomenten.values())
    plans = [sweep.plan(g, personas, sms) for g in targets]
    total = sum(p.cases for p in plans)

    def work(piece):
        t, a, b = piece
        part = Dekking()
        g = targets[t]
        n = 0
        for grp, j in sweep.walk_groups(cat.walker(g.id, g.variant), plans[t].groups(a, b)):
            part.add(j, from_case=False)
            n += grp.aantal
        return part, n

    done = 0
    for part, n in _collect(cat, work, _pieces([len(p) for p in plans]), jobs):
        d.sweep_ingangen |= part.sweep_ingangen
        d.sweep_regels |= part.sweep_regels
        done += n
        if progress:
            progress(done, total)
    return gaps(d, targets)

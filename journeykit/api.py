"""The Python API. The command line is a thin layer over these functions."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from journeykit import model as m
from journeykit.analysis.checks import Getoetst, Principecheck, expectation_failures, violations  # noqa: F401 (Getoetst is part of the API)
from journeykit.analysis.evidence import Gevoeligheid, onderbouwing, sensitivity
from journeykit.analysis.parallel import collect, pieces
from journeykit.analysis.plugin_checks import checks_for, output_formats  # noqa: F401 (part of the API)
from journeykit.analysis.sweeps import LusRapport, Progress, coverage, loops, sweep_targets  # noqa: F401 (the API)
from journeykit.catalog import Catalog
from journeykit.errors import Impossible, JourneykitError, LoadError, LoadErrors, UnknownName, kort, onbekend
from journeykit.plugins import Plugins
from journeykit.possible import why_impossible

if TYPE_CHECKING:  # imported inside the functions that use them, so `journeykit --help` stays fast
    from journeykit.analysis.chance import Route, Verdeling
    from journeykit.analysis.compare import Vergelijking
    from journeykit.analysis.diff import Diff, Geval, GevalVerschil, Kansen, RisicoOpReis
    from journeykit.analysis.household import Huishouden
    from journeykit.analysis.shares import GemetenAandeel
    from journeykit.engine import Chooser, Walker


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


def walk(
    cat: Catalog,
    gemeente: str,
    persona: str,
    sleutelmoment: str,
    variant: str | None = None,
    ingang: str | None = None,
    vraag: str | None = None,
) -> tuple[m.Journey, list[m.Schending]]:
    g, p, sm = cat.gemeente(gemeente, variant), cat.persona(persona), cat.sleutelmoment(sleutelmoment)
    reden = why_impossible(g, p, sm, sm.vraag(vraag) if vraag and vraag in {v.id for v in sm.vragen} else sm.vragen[0])
    if reden:
        raise Impossible(f"deze reis kan niet: {reden}")
    j = cat.walk(gemeente, persona, sleutelmoment, variant, ingang, vraag)
    return j, violations(j, checks_for(cat, g))


def verdeling(
    cat: Catalog,
    gemeente: str,
    persona: str,
    sleutelmoment: str,
    variant: str | None = None,
    ingang: str | None = None,
    vraag: str | None = None,
    steekproef: int | None = None,
    seed: int = 0,
) -> Verdeling:
    """Every route a journey can take where rules have kansen, with its likelihood (or a seeded sample)."""
    from journeykit.analysis import chance

    def walk(chooser: Chooser) -> m.Journey:
        return cat.walk(gemeente, persona, sleutelmoment, variant, ingang, vraag, chooser)

    return chance.exact(walk) if steekproef is None else chance.sample(walk, steekproef, seed)


@attrs.frozen
class CaseMap:
    """What a map of one journey case needs (a household case has one per question)."""

    naam: str
    journey: m.Journey
    schendingen: list[m.Schending]
    risicos: list[RisicoOpReis]
    andere_routes: list[Route]  # where rules have kansen: the other routes, most likely first


def case_maps(cat: Catalog, r: Getoetst) -> list[CaseMap]:
    """The maps of a checked journey case, as `render reizen` and the atlas draw them."""
    ingang = r.reis.eerste_ingang
    return [
        CaseMap(naam, j, list(sch), walk_risks(cat, j, sch, ingang), other_routes(cat, j, ingang))
        for naam, j, sch in r.kaarten()
    ]


def other_routes(cat: Catalog, j: m.Journey, ingang: str | None = None) -> list[Route]:
    """The routes besides ``j`` that its journey can take where rules have kansen, most likely first."""
    v = verdeling(cat, j.gemeente, j.persona, j.sleutelmoment, j.variant, ingang, j.vraag)
    return [r for r in v.routes if r.kans > 0 and r.journey != j]


def _kansen(cat: Catalog, r: m.Reiscasus) -> dict[str, float]:
    """The likelihoods a journey case's expectations can name, from its exact distribution."""
    from journeykit.analysis import chance

    v = chance.exact(functools.partial(cat.walk_reis, r))
    return {"kans_opgelost": v.kans_opgelost, "kans_kastje_naar_de_muur": v.kans_kastje_naar_de_muur}


def walk_household(
    cat: Catalog,
    gemeente: str,
    persona: str,
    sleutelmoment: str,
    vragen: Sequence[str],
    variant: str | None = None,
    ingang: str | None = None,
) -> tuple[Huishouden, list[list[m.Schending]]]:
    """Every question of one household, and the principles each journey breaks (in the household's order)."""
    from journeykit.analysis.household import household

    if len(set(vragen)) != len(vragen):
        raise UnknownName("noem elke vraag van het huishouden één keer")
    # each question walked once, as `walk` walks it: the same clear errors, impossible pairs refused
    walked = {vid: walk(cat, gemeente, persona, sleutelmoment, variant, ingang, vid) for vid in vragen}
    sm = cat.sleutelmoment(sleutelmoment)
    g = cat.gemeente(gemeente, variant)
    h = household(g, persona, sm.id, [sm.vraag(v) for v in vragen], lambda v: walked[v][0], _regie_bekend(cat, g))
    return h, [walked[v][1] for v in h.volgorde]


def check_aandelen(cat: Catalog, gemeente: str | None = None) -> list[GemetenAandeel]:
    """The shares the sources give (every gemeente's, or one's), measured in the model."""
    from journeykit.analysis import chance
    from journeykit.analysis.shares import measure

    personas = [cat.personas[k] for k in sorted(cat.personas)]
    sms = [cat.sleutelmomenten[k] for k in sorted(cat.sleutelmomenten)]
    out: list[GemetenAandeel] = []
    for gid in sorted(cat.gemeenten):
        if gemeente in (None, gid):

            def walk(
                variant: str, p: m.Persona, sm: m.Sleutelmoment, vraag: str, gid: str = gid
            ) -> list[tuple[float, m.Uitkomst]]:
                w = cat.walker(gid, variant)
                v = chance.exact(lambda chooser: w.walk(p, sm, vraag, chooser=chooser))
                return [(r.kans, r.journey.uitkomst) for r in v.routes]

            out += measure(cat.gemeenten[gid], personas, sms, walk)
    return out


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


def _regie_bekend(cat: Catalog, g: m.Gemeente) -> bool:
    """Whether the gemeente's data names a place with regie in any situation: then none in ``g`` is a fact."""
    return any(i.regie for i in cat.gemeenten[g.id].ingangen)


def matrix_cells(
    cat: Catalog, gemeente: str, variant: str | None, personas: Sequence[m.Persona], sms: Sequence[m.Sleutelmoment]
) -> tuple[dict[tuple[str, str], m.Journey], dict[tuple[str, str], float]]:
    """The cells of a matrix (`journeykit render matrix`): each (persona, sleutelmoment) walked for its first question,
    and for the cells that can go more ways the likelihood that they end opgelost. A cell that cannot happen (a
    sleutelmoment not for this persona, a question not for this klantreis) is left out."""
    g = cat.gemeente(gemeente, variant)
    walker = cat.walker(gemeente, variant)
    journeys = {
        (p.id, sm.id): walker.walk(p, sm) for p in personas for sm in sms if not why_impossible(g, p, sm, sm.vragen[0])
    }
    return journeys, opgelost_naar_kans(walker, personas, sms, journeys)


def opgelost_naar_kans(
    walker: Walker, personas: Sequence[m.Persona], sms: Sequence[m.Sleutelmoment], cells: Collection[tuple[str, str]]
) -> dict[tuple[str, str], float]:
    """For each (persona, sleutelmoment) cell that can go more ways where rules have kansen, the likelihood that it
    ends opgelost (walked as the cell is: the first question, from the most likely first contact)."""
    from journeykit.analysis import chance

    if not chance.has_kansen(walker.gemeente):
        return {}
    out = {}
    for p in personas:
        for sm in sms:
            if (p.id, sm.id) in cells:
                v = chance.exact(functools.partial(walker.walk, p, sm, None, None))
                if sum(r.kans > 0 for r in v.routes) > 1:
                    out[(p.id, sm.id)] = v.kans_opgelost
    return out


def _check_household(cat: Catalog, r: m.Reiscasus, checks: list[Principecheck]) -> Getoetst:
    """A household case: every question walked where the case says, the principles of each journey and of the
    household, and its expectations."""
    from journeykit.analysis.checks import household_failures
    from journeykit.analysis.household import household

    sm = cat.sleutelmoment(r.sleutelmoment)
    g = cat.situatie_van(r)
    h = household(
        g,
        r.persona,
        sm.id,
        [sm.vraag(x) for x in r.vragen],
        lambda x: cat.walk_reis(attrs.evolve(r, vraag=x, vragen=())),
        _regie_bekend(cat, g),
    )
    per_reis = tuple(tuple(violations(j, checks)) for j in h.reizen)
    sch = [s for each in per_reis for s in each] + list(h.schendingen)
    return Getoetst(r, h.reizen[0], tuple(sch), tuple(household_failures(r, h, sch)), h, per_reis)


def check_reizen(cat: Catalog, reizen: Iterable[m.Reiscasus] | None = None, jobs: int = 1) -> list[Getoetst]:
    """Walk every journey case and test its expectations, in id order."""
    ordered = sorted(reizen if reizen is not None else cat.reizen.values(), key=lambda r: r.id)
    # the checks of each situation, made once: the principles of a gemeente, as its plugins may test them there
    situatie = {
        r.id: (r.gemeente, cat.variant_van(r), r.scenarios, r.plaats.bestand if r.scenarios and r.plaats else "")
        for r in ordered
    }
    cache: dict[tuple, list[Principecheck]] = {}
    for r in ordered:
        if situatie[r.id] not in cache:
            cache[situatie[r.id]] = checks_for(cat, cat.situatie_van(r))

    def work(piece):
        _, a, b = piece
        out = []
        for r in ordered[a:b]:
            if r.vragen:
                out.append(_check_household(cat, r, cache[situatie[r.id]]))
                continue
            j = cat.walk_reis(r)
            sch = violations(j, cache[situatie[r.id]])
            kansen = _kansen(cat, r) if r.verwachting.kans_opgelost or r.verwachting.kans_kastje_naar_de_muur else None
            out.append(Getoetst(r, j, tuple(sch), tuple(expectation_failures(r, j, sch, kansen))))
        return out

    return [x for part in collect(cat, work, pieces([len(ordered)], 50), jobs) for x in part]


# --- analysis -----------------------------------------------------------------------------


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
    from journeykit.analysis import chance
    from journeykit.analysis.compare import Oordeel, Rij, Vergelijking, wrong_door_by_chance
    from journeykit.engine import plausible_first_contacts

    p, sm = cat.persona(persona), cat.sleutelmoment(sleutelmoment)
    vraag = vraag or sm.vragen[0].id
    if vraag not in {v.id for v in sm.vragen}:
        cat.walk(sorted(cat.gemeenten)[0], persona, sleutelmoment, vraag=vraag)  # the clear error for a wrong vraag
    reden = why_impossible(None, p, sm, sm.vraag(vraag))
    if reden:
        raise Impossible(f"deze vergelijking kan niet: {reden}")
    chosen = sorted(gemeenten or cat.gemeenten)
    # a gemeente whose klantreis is not for this question is left out, and said so
    niet_voor = tuple(
        (gid, why_impossible(cat.gemeenten[gid], p, sm, sm.vraag(vraag)) or "")
        for gid in chosen
        if gid in cat.gemeenten and why_impossible(cat.gemeenten[gid], p, sm, sm.vraag(vraag))
    )
    chosen = [gid for gid in chosen if gid not in dict(niet_voor)]
    targets = [(gid, v.id) for gid in chosen for v in _situaties(cat, gid)]
    checks = {t: checks_for(cat, cat.gemeente(*t)) for t in targets}

    def work(piece):
        gid, vid = targets[piece[0]]
        g = cat.gemeente(gid, vid)
        starts = plausible_first_contacts(g, p, sm)

        def row(start: str | None, standaard: bool) -> Rij:
            # every route where rules have kansen; the row shows the most likely, as a plain walk takes it
            v = chance.exact(functools.partial(cat.walk, gid, persona, sleutelmoment, vid, start, vraag))
            j = cat.walk(gid, persona, sleutelmoment, vid, start, vraag)
            sch = tuple(violations(j, checks[(gid, vid)]))
            return Rij(gid, vid, start, j, sch, standaard, v)

        rows = []
        if not per_ingang or not starts:
            # the persona's most likely first contact (starts[0]); per ingang it is one of the rows below
            rows.append(row(None, True))
        fails = []
        for n, start in enumerate(starts):
            r = row(start.id, n == 0)
            if per_ingang:
                rows.append(r)
            why = wrong_door_by_chance(r.verdeling) if r.verdeling else None
            if why:
                fails.append((start.id, why))
        return rows, Oordeel(gid, vid, len(starts), tuple(fails))

    rows, verdicts = [], []
    for part_rows, verdict in collect(cat, work, [(t, 0, 1) for t in range(len(targets))], jobs):
        rows += part_rows
        verdicts.append(verdict)
    situaties = tuple((gid, v) for gid in chosen for v in _situaties(cat, gid))
    return Vergelijking(p.id, sm.id, vraag, tuple(rows), tuple(verdicts), niet_voor, situaties)


def _situaties(cat: Catalog, gid: str) -> list[m.Variant]:
    cat.gemeente(gid)  # a clear error for an unknown gemeente
    return cat.varianten(gid)


def diff_cases(cat: Catalog, gemeente: str) -> tuple[list[Geval], int]:
    """The cases a diff walks: every journey case of the gemeente, and every persona x sleutelmoment x vraag that can
    happen; and how many combinations it skipped because they cannot."""
    from journeykit.analysis.diff import Geval

    g = cat.gemeenten[gemeente]
    skipped = 0
    seen: dict[tuple, Geval] = {}
    # a case about one question names it before a household that has that question too
    for r in sorted(cat.reizen.values(), key=lambda r: (bool(r.vragen), r.id)):
        if r.gemeente == gemeente:
            sm = cat.sleutelmoment(r.sleutelmoment)
            for vraag in r.vragen or (r.vraag or sm.vragen[0].id,):  # a household: each of its questions
                key = (r.persona, r.sleutelmoment, vraag, r.eerste_ingang)
                seen.setdefault(key, Geval(*key, r.id))
    for p in sorted(cat.personas):
        for s in sorted(cat.sleutelmomenten):
            sm = cat.sleutelmoment(s)
            for v in sm.vragen:
                if why_impossible(g, cat.personas[p], sm, v):
                    skipped += 1
                    continue
                key = (p, s, v.id, None)
                seen.setdefault(key, Geval(*key, None))
    return list(seen.values()), skipped


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
    from journeykit.analysis.diff import Diff, totals

    skipped = 0
    if cases is None:
        cases, skipped = diff_cases(cat, before.id)
    gelopen = {} if gelopen is None else gelopen
    walk_before = _case_walker(cat, before, gelopen.setdefault(before, {}))
    walk_after = _case_walker(cat, after, gelopen.setdefault(after, {}))

    def work(piece):
        _, a, b = piece
        return [_case_diff(c, walk_before, walk_after) for c in cases[a:b]]

    out = [x for part in collect(cat, work, pieces([len(cases)], 500), jobs) for x in part]
    d = Diff(
        before.id,
        before.variant or "",
        after.variant or "",
        tuple(out),
        totals(out),
        skipped,
        situatie_van=_situation(before),
        situatie_naar=_situation(after),
    )
    return attrs.evolve(d, onderbouwing=onderbouwing(d, before, after))


def diff_case(
    cat: Catalog,
    before: m.Gemeente,
    after: m.Gemeente,
    persona: str,
    sleutelmoment: str,
    vraag: str | None = None,
    ingang: str | None = None,
) -> tuple[GevalVerschil, list[m.Schending], list[m.Schending]]:
    """One case in two situations, with the principles each side breaks (for a before/after map)."""
    from journeykit.analysis.diff import Geval

    walk(cat, before.id, persona, sleutelmoment, before.variant, ingang, vraag)  # clear errors for wrong names
    for view in (before, after):
        ids = [i.id for i in view.ingangen]
        if ingang is not None and ingang not in ids:
            raise UnknownName(onbekend("ingang", ingang, ids) + f" in {view.id} ({view.variant_naam()})")
    vraag_id = vraag or cat.sleutelmoment(sleutelmoment).vragen[0].id
    v = diff(cat, before, after, [Geval(persona, sleutelmoment, vraag_id, ingang, None)]).verschillen[0]
    return v, violations(v.voor, checks_for(cat, before)), violations(v.na, checks_for(cat, after))


def _situation(view: m.Gemeente) -> m.Variant | None:
    return next((v for v in view.varianten if v.id == view.variant), None)


def gevoeligheid(cat: Catalog, before: m.Gemeente, after: m.Gemeente, jobs: int = 1) -> Gevoeligheid:
    """Which conclusions of the diff from ``before`` to ``after`` flip when one assumption is switched off."""

    def rediff(v: m.Gemeente, n: m.Gemeente, cases: list) -> list[GevalVerschil]:
        walk_before, walk_after = _case_walker(cat, v, {}), _case_walker(cat, n, {})
        return [_case_diff(c, walk_before, walk_after) for c in cases]

    return sensitivity(diff(cat, before, after, jobs=jobs), before, after, rediff)


CaseWalk = Callable[["Geval"], "tuple[m.Journey, tuple[str, ...], Kansen | None]"]


def _case_walker(cat: Catalog, g: m.Gemeente, memo: dict) -> CaseWalk:
    """A function that walks a diff case in ``g``, each case once: (journey, the principles it breaks, and where
    rules have kansen and it can go more ways, its likelihoods)."""
    from journeykit.analysis import chance
    from journeykit.analysis.diff import Kansen
    from journeykit.engine import Walker

    walker = Walker(g, beslisser=cat.route_by_plugin)
    checks = checks_for(cat, g)
    has_kansen = chance.has_kansen(g)

    def walk(c: Geval) -> tuple[m.Journey, tuple[str, ...], Kansen | None]:
        if c not in memo:
            p, sm = cat.persona(c.persona), cat.sleutelmoment(c.sleutelmoment)
            # a case without a start of its own (or one not in this view) walks from the first contact
            start = c.eerste_ingang if c.eerste_ingang in walker.ingangen else None
            j = walker.walk(p, sm, c.vraag, start)
            kansen = None
            if has_kansen:
                v = chance.exact(functools.partial(walker.walk, p, sm, c.vraag, start))
                if sum(r.kans > 0 for r in v.routes) > 1:
                    kansen = Kansen(v.kans_opgelost, v.kans_kastje_naar_de_muur)
            memo[c] = j, tuple(sorted({s.principe for s in violations(j, checks)})), kansen
        return memo[c]

    return walk


def _case_diff(c: Geval, walk_before: CaseWalk, walk_after: CaseWalk) -> GevalVerschil:
    from journeykit.analysis.diff import GevalVerschil, compare_journeys

    (jv, sv, kv), (jn, sn, kn) = walk_before(c), walk_after(c)
    return GevalVerschil(c, jv, jn, sv, sn, compare_journeys(jv, jn, sv, sn, kv, kn), kv, kn)


def with_risks(cat: Catalog, d: Diff, after: m.Gemeente, jobs: int = 1) -> Diff:
    """``d`` with what each risk of the situation after the change does to it (the risks of that variant)."""
    from journeykit.analysis.diff import RisicoVerschil
    from journeykit.changes import apply

    whole = cat.gemeenten[after.id]
    found = []
    for r in after.risicos_in_variant():
        effect = diff(cat, after, apply(whole, r), jobs=jobs)
        found.append(
            RisicoVerschil(r, effect.totalen.slechter, len(effect.nieuwe_lussen), len(effect.nieuwe_schendingen))
        )
    return attrs.evolve(d, risicos=tuple(found))


def walk_risks(cat: Catalog, j: m.Journey, sch: Iterable[m.Schending], ingang: str | None = None) -> list[RisicoOpReis]:
    """What each risk the sources name for the journey's situation does to journey ``j`` (walked from ``ingang``)."""
    from journeykit.analysis.diff import RisicoOpReis, compare_journeys
    from journeykit.changes import apply
    from journeykit.engine import Walker

    whole = cat.gemeenten[j.gemeente]
    view = cat.gemeente(j.gemeente, j.variant)  # a variant, or a scenario applied in this run
    p, sm = cat.persona(j.persona), cat.sleutelmoment(j.sleutelmoment)
    before = sorted({s.principe for s in sch})
    out = []
    for r in view.risicos_in_variant():
        changed = apply(whole, r)
        walker = Walker(changed, beslisser=cat.route_by_plugin)
        start = ingang if ingang in walker.ingangen else None
        jr = walker.walk(p, sm, j.vraag, start)
        after = sorted({s.principe for s in violations(jr, checks_for(cat, changed))})
        out.append(RisicoOpReis(r, jr, compare_journeys(j, jr, before, after)))
    return out


def diff_variants(cat: Catalog, gemeente: str, van: str, naar: str, jobs: int = 1, gelopen: dict | None = None) -> Diff:
    return diff(cat, cat.gemeente(gemeente, van), cat.gemeente(gemeente, naar), jobs=jobs, gelopen=gelopen)


def scenario_views(cat: Catalog, path: Path) -> tuple[m.Gemeente, m.Gemeente]:
    """The situation a scenario file builds on, and the situation with the scenario applied."""
    from journeykit.analysis.scenarios import apply, load_scenario

    sc = load_scenario(path)
    cat.gemeente(sc.gemeente)  # a clear error for an unknown gemeente
    g = cat.gemeenten[sc.gemeente]  # all variants: the scenario may build on any of them
    return g.in_variant(sc.variant), apply(g, sc)


def diff_scenario(cat: Catalog, path: Path, jobs: int = 1, gelopen: dict | None = None) -> Diff:
    before, after = scenario_views(cat, path)
    return diff(cat, before, after, jobs=jobs, gelopen=gelopen)

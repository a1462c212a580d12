"""Analysis on Teststad: loops, static cycles, compare, scenarios and diff."""

from __future__ import annotations

import json
import re
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from journeykit import api
from journeykit.analysis import loops
from journeykit.analysis.loops import DETAIL_LIMIT, referral_graph, static_cycles, strongly_connected
from journeykit.analysis.scenarios import apply, load_scenario
from journeykit.errors import LoadErrors

from conftest import FIXTURES, TESTSTAD_ARGS, run_cli

SCENARIOS = FIXTURES / "scenarios"


def test_the_age_loop_is_found_once_with_a_witness_in_the_triggering_range(cat):
    rapport = api.loops(cat, "teststad")
    found = list(rapport.aggregaat.lussen.values())
    assert len(found) == 1
    (lus,) = found
    assert lus.cyclus == ("loket", "seniorenpunt", "loket")
    assert [e.regel for e in lus.randen] == ["loket-vervoer-senior", "seniorenpunt-jong"]
    assert all(e.herkomst.aanname == "fictief" for e in lus.randen)
    # ages 65 and 66 trigger it (vanaf 65 at the loket, tot 67 at the seniorenpunt)
    assert 65 <= lus.getuige.persona.leeftijd <= 66
    assert lus.aantal > 1  # hit many times, reported once
    assert sorted(lus.varianten) == ["huidig", "nieuw"]


def test_generated_persona_variants_find_the_loop_without_a_fitting_shipped_persona(cat):
    import attrs

    cat.personas = {k: attrs.evolve(p, leeftijd=40) if k == "piet" else p for k, p in cat.personas.items()}
    rapport = api.loops(cat, "teststad", "huidig")
    (lus,) = rapport.aggregaat.lussen.values()
    assert lus.getuige.afwijkingen in (("leeftijd=65",), ("leeftijd=66",))
    assert lus.getuige.persona.leeftijd in (65, 66)
    assert not api.loops(cat, "teststad", "huidig", generated=False).aggregaat.lussen


def test_a_static_cycle_no_persona_can_trigger_is_reported_without_witness(cat):
    rapport = api.loops(cat, "teststad", "huidig")
    by_cycle = {c.cyclus: c for c in rapport.statisch}
    assert by_cycle[("kast-x", "kast-y", "kast-x")].getuige is None
    assert by_cycle[("loket", "seniorenpunt", "loket")].getuige is not None


def test_tarjan_and_static_cycles_on_a_small_graph():
    graph = {"a": {"b": ["r1"]}, "b": {"c": ["r2"], "a": ["r3"]}, "c": {"a": ["r4"]}, "d": {"a": ["r5"]}}
    assert sorted(strongly_connected(graph)) == [["a", "b", "c"], ["d"]]
    assert static_cycles(graph) == [("a", "b", "a"), ("a", "b", "c", "a")]


@st.composite
def small_graphs(draw):
    """Up to 9 nodes, self-loops and nodes that only appear as a target included."""
    names = [f"n{k}" for k in range(draw(st.integers(1, 9)))]
    keys = draw(st.lists(st.sampled_from(names), unique=True, min_size=1))
    edges = draw(st.lists(st.tuples(st.sampled_from(keys), st.sampled_from(names)), unique=True, max_size=30))
    graph: dict[str, dict[str, list[str]]] = {k: {} for k in keys}
    for a, b in edges:
        graph[a][b] = [f"{a}-{b}"]
    return graph


def _distances(graph, start):
    """Breadth-first distances from start, the naive way."""
    dist, frontier = {start: 0}, [start]
    while frontier:
        reached = []
        for a in frontier:
            for b in graph.get(a, {}):
                if b not in dist:
                    dist[b] = dist[a] + 1
                    reached.append(b)
        frontier = reached
    return dist


@given(small_graphs())
def test_components_and_cycles_agree_with_a_naive_reachability_check(graph):
    nodes = set(graph) | {b for t in graph.values() for b in t}
    reach = {a: _distances(graph, a) for a in nodes}
    components = strongly_connected(graph)
    naive = {tuple(sorted(b for b in reach[a] if a in reach[b])) for a in nodes}
    assert sorted(map(tuple, components)) == sorted(naive)
    # Tarjan's order: a component comes before every component that has an edge into it
    position = {x: i for i, comp in enumerate(components) for x in comp}
    assert all(position[a] >= position[b] for a in graph for b in graph[a])

    cycles = static_cycles(graph)
    assert cycles == sorted(set(cycles), key=lambda c: (len(c), c))
    for c in cycles:
        assert c[0] == c[-1] == min(c) and len(set(c[:-1])) == len(c) - 1
        assert all(b in graph[a] for a, b in zip(c, c[1:]))
    # every edge inside a (small) component lies on a reported cycle that is as short as possible
    lengths: dict[tuple[str, str], list[int]] = {}
    for c in cycles:
        for a, b in zip(c, c[1:]):
            lengths.setdefault((a, b), []).append(len(c) - 1)
    for a in graph:
        for b in graph[a]:
            if a in reach[b]:
                assert min(lengths[a, b]) == 1 + reach[b][a]


def test_a_large_component_gets_the_shortest_cycle_through_its_first_node():
    ring = [f"n{k:02d}" for k in range(DETAIL_LIMIT + 10)]
    graph = {a: {b: ["r"]} for a, b in zip(ring, ring[1:] + ring[:1])}
    graph["n10"]["n00"] = ["kort"]  # a shortcut back to the first node
    graph["n25"]["n20"] = ["lus"]  # a shorter cycle, but it does not pass n00
    assert static_cycles(graph) == [tuple(ring[:11]) + ("n00",)]
    # the graph's order decides, not the names: with n30 first, the cycle goes through n30
    graph = {"n30": graph["n30"], **graph}
    graph["n33"]["n30"] = ["terug"]
    assert static_cycles(graph) == [("n30", "n31", "n32", "n33", "n30")]


@st.composite
def large_components(draw):
    """A graph whose nodes all lie on one ring of more than DETAIL_LIMIT, plus random chords."""
    n = draw(st.integers(DETAIL_LIMIT + 1, 3 * DETAIL_LIMIT))
    order = draw(st.permutations(range(n)))  # the graph's order, unrelated to the ring's
    graph = {f"n{k}": {} for k in order}
    for k in range(n):
        graph[f"n{k}"][f"n{(k + 1) % n}"] = ["ring"]
    for a, b in draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n)):
        graph[f"n{a}"][f"n{b}"] = ["koorde"]
    return graph


def _ring_with_chords(n: int, chords: list[tuple[int, int]]) -> dict:
    graph = {f"n{k}": {f"n{(k + 1) % n}": ["ring"]} for k in range(n)}
    for a, b in chords:
        graph[f"n{a}"][f"n{b}"] = ["koorde"]
    return graph


@settings(max_examples=200, deadline=None)
@given(graph=large_components(), scans=st.sampled_from([0, 1, 3, 8, 1000]))
# start n0 meets the walk back at n56 (4 steps from n0) and n57 (3 steps) in the same BFS level
@example(graph=_ring_with_chords(60, [(0, 56), (0, 57)]), scans=8)
def test_a_large_component_gets_a_shortest_cycle_whatever_the_backward_budget(graph, scans):
    # The search walks back from the start as far as BACKWARD_SCANS allows (nothing, a little,
    # all of it) and forward until the two meet; the cycle must always be a shortest one.
    first = next(iter(graph))
    with mock.patch.object(loops, "BACKWARD_SCANS", scans):
        (cycle,) = static_cycles(graph)
    assert first in cycle and cycle[0] == cycle[-1] and len(set(cycle[:-1])) == len(cycle) - 1
    assert all(b in graph[a] for a, b in zip(cycle, cycle[1:]))
    shortest = 1 if first in graph[first] else 1 + min(_distances(graph, b)[first] for b in graph[first] if b != first)
    assert len(cycle) - 1 == shortest


def test_referral_graph_holds_every_rule_edge(cat):
    graph = referral_graph(cat.gemeente("teststad"))
    assert graph["loket"]["schuldhulp"] == ["loket-geld"]
    assert graph["seniorenpunt"]["loket"] == ["seniorenpunt-jong"]  # a decline naming a place is an edge too


def test_loops_cli_fail_on_loop_and_json():
    result = run_cli(
        "loops", "--gemeente", "teststad", "--variant", "huidig", "--fail-on-loop", "--format", "json", *TESTSTAD_ARGS
    )
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert len(data["lussen"]) == 1
    assert data["lussen"][0]["getuige"]["leeftijd"] in (65, 66)
    assert data["lussen"][0]["randen"][0]["herkomst"]["aanname"] == "fictief"
    witnessless = [c for c in data["statische_cycli"] if c["getuige"] is None]
    assert [c["cyclus"] for c in witnessless] == [["kast-x", "kast-y", "kast-x"]]
    # each rule of a cycle says what it rests on (both kast rules: the fixture's assumption only)
    assert witnessless[0]["herkomst"] == {
        rid: {"bron": None, "aanname": "fictief", "niveau": "aanname"} for rid in ("kast-x-y", "kast-y-x")
    }
    principes = {p["principe"] for p in data["principes"]}
    assert {"geen-lus", "alle-vragen-welkom"} <= principes
    assert run_cli("loops", "--gemeente", "teststad", "--variant", "huidig", *TESTSTAD_ARGS).returncode == 0


def test_loops_text_names_every_variant_swept():
    text = run_cli("loops", "--gemeente", "teststad", *TESTSTAD_ARGS).stdout
    header = next(line for line in text.splitlines() if line.startswith("Kastje naar de muur:"))
    assert header.endswith("reizen gelopen in teststad/huidig, teststad/nieuw"), header
    # numbers get Dutch thousands separators, names keep their own commas
    assert re.search(r"Kastje naar de muur: \d{1,3}(\.\d{3})+ reizen", header), header
    assert "Alle vragen welkom, groot of klein: " in text


def test_scenario_fixing_the_rule_removes_the_loop_and_diff_strict_passes():
    result = run_cli(
        "diff",
        "--scenario",
        str(SCENARIOS / "seniorenpunt-helpt-iedereen.yaml"),
        "--strict",
        "--format",
        "json",
        *TESTSTAD_ARGS,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["totalen"]["voor"]["lussen"] >= 1
    assert data["totalen"]["na"]["lussen"] == 0
    gone = [g for g in data["gevallen"] if any(w["wat"] == "lus" and w["beter"] for w in g["wijzigingen"])]
    assert any(g["persona"] == "piet" and g["sleutelmoment"] == "vervoer" for g in gone)
    text = run_cli("diff", "--scenario", str(SCENARIOS / "seniorenpunt-helpt-iedereen.yaml"), *TESTSTAD_ARGS)
    assert "lus: loket → seniorenpunt → loket → - (beter)" in text.stdout


def test_a_scenario_that_introduces_a_loop_fails_strict(cat):
    result = run_cli("diff", "--scenario", str(SCENARIOS / "nieuwe-lus.yaml"), "--strict", *TESTSTAD_ARGS)
    assert result.returncode == 1
    assert "Nieuwe lussen" in result.stdout
    after = apply(cat.gemeenten["teststad"], load_scenario(SCENARIOS / "nieuwe-lus.yaml"))
    assert after.ingang("loket").wachttijd_dagen == 1
    assert [r.id for r in after.regels if r.bij == "wijkteam"][0] == "wijkteam-geld-terug"
    assert "loket-geld" not in {r.id for r in after.regels}


def test_scenario_with_a_dangling_reference_names_the_file_and_line(tmp_path, cat):
    bad = tmp_path / "kapot.yaml"
    bad.write_text(
        "scenario:\n  id: kapot\n  naam: Kapot\n  gemeente: teststad\n  aanname: t\n"
        "  regels_toevoegen:\n    - {id: nieuw, bij: loket, dan: {actie: verwijzen, naar: nergens, "
        "overdracht: warm}, aanname: t}\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadErrors) as e:
        apply(cat.gemeenten["teststad"], load_scenario(bad))
    assert "nergens" in str(e.value) and "kapot.yaml:7" in str(e.value)
    result = run_cli("diff", "--scenario", str(bad), *TESTSTAD_ARGS)
    assert result.returncode == 2 and "kapot.yaml:7" in result.stderr and "Traceback" not in result.stderr


def test_diff_between_variants_lists_changes_and_totals(cat):
    d = api.diff_variants(cat, "teststad", "huidig", "nieuw")
    jan = next(v for v in d.verschillen if v.geval.persona == "jan" and v.geval.sleutelmoment == "huishoudhulp")
    assert jan.voor.route == ("loket", "wmo") and jan.na.route == ("loket", "wijkteam")
    assert {w.wat for w in jan.wijzigingen} >= {"contacten", "koude verwijzingen", "dagen"}
    assert jan.beter
    assert d.totalen.gevallen == len(d.verschillen)
    assert d.totalen.na["contacten"] == sum(v.na.metrieken.contacten_inwoner for v in d.verschillen)
    assert d.totalen.beter + d.totalen.slechter + d.totalen.gelijk == d.totalen.gevallen


def test_compare_per_ingang_and_no_wrong_door(cat):
    v = api.compare(cat, "piet", "vervoer", per_ingang=True)
    huidig = next(o for o in v.oordelen if o.variant == "huidig")
    assert not huidig.ok
    assert {i for i, _ in huidig.falen} == {"loket", "seniorenpunt"}
    starts = {r.eerste_ingang for r in v.rijen if r.variant == "huidig" and r.eerste_ingang}
    # not: website (Piet has no digital skills), jeugdteam (under 23 only), and the ingangen that
    # are no first contact (vrijwilligers, kast-x/y, ketting-*)
    assert starts == {"loket", "huisarts", "wijkteam", "wmo", "schuldhulp", "seniorenpunt"}
    ok = api.compare(cat, "jan", "info")
    assert all(o.ok for o in ok.oordelen)


def test_compare_cli_json():
    result = run_cli(
        "compare",
        "--persona",
        "jan",
        "--sleutelmoment",
        "geldzorgen",
        "--per-ingang",
        "--format",
        "json",
        *TESTSTAD_ARGS,
    )
    assert result.returncode == 0
    data = json.loads(result.stdout)
    verdict = {o["variant"]: o for o in data["oordelen"]}
    assert not verdict["huidig"]["geen_verkeerde_deur"]
    assert any("koude verwijzing" in f["reden"] for f in verdict["huidig"]["falen"])
    for variant in verdict:
        starts = [r["eerste_ingang"] for r in data["rijen"] if r["variant"] == variant]
        # every door once, the persona's most likely one too (it used to appear twice), and marked as such
        assert None not in starts and len(starts) == len(set(starts)) == verdict[variant]["eerste_contacten"]
        assert sum(r["standaard"] for r in data["rijen"] if r["variant"] == variant) == 1
    assert {r["eerste_ingang"] for r in data["rijen"]} >= {"loket", "schuldhulp"}


def test_coverage_reports_unreached_ingangen_and_silent_rules_with_reasons():
    result = run_cli("check", "--coverage", "--format", "json", *TESTSTAD_ARGS)
    assert result.returncode == 0, result.stderr
    gaps = {(g["variant"], g["soort"], g["id"]): g["reden"] for g in json.loads(result.stdout)["dekking"]}
    assert "kast-x-y" in gaps[("huidig", "ingang", "kast-y")]
    assert "geen eerste contact" in gaps[("huidig", "ingang", "oud-loket")]
    assert "vraag.soort is praktisch" in gaps[("huidig", "regel", "loket-praktisch")]
    assert "nooit bereikt" in gaps[("huidig", "regel", "kast-y-x")]
    # reached by the sweep or a case, so not reported: the wait rule, the loop rules, the python rule
    for rule in ("loket-wmo-wachten", "seniorenpunt-jong", "loket-mantelzorg", "wijkteam-verhelderen"):
        assert ("huidig", "regel", rule) not in gaps
    # oud-loket exists only in 'huidig'
    assert ("nieuw", "ingang", "oud-loket") not in gaps


def test_check_reports_principle_violations_per_principle():
    result = run_cli("check", "--format", "json", *TESTSTAD_ARGS)
    per = {p["principe"]: p["reizen"] for p in json.loads(result.stdout)["principes"]}
    assert per["geen-lus"] == ["piet-vervoer"]
    assert "jan-info" not in per.get("een-contact", [])


def test_a_scenario_can_build_on_a_variant_other_than_the_standard_one(tmp_path, cat):
    sc = tmp_path / "op-nieuw.yaml"
    sc.write_text(
        "scenario:\n  id: op-nieuw\n  naam: Op nieuw\n  gemeente: teststad\n  variant: nieuw\n"
        "  aanname: t\n  regels_verwijderen: [loket-wmo-warm]\n",
        encoding="utf-8",
    )
    d = api.diff_scenario(cat, sc)
    assert d.van == "nieuw"
    jan = next(v for v in d.verschillen if v.geval.persona == "jan" and v.geval.sleutelmoment == "huishoudhulp")
    assert jan.voor.route == ("loket", "wijkteam")  # the 'nieuw' route before the change


@pytest.mark.parametrize(
    "command",
    [
        ["loops", "--format", "json"],
        ["check", "--coverage", "--format", "json"],
        ["diff", "--gemeente", "teststad", "--from", "huidig", "--to", "nieuw", "--format", "json", "--all"],
        ["compare", "--persona", "piet", "--sleutelmoment", "vervoer", "--per-ingang", "--format", "json"],
    ],
)
def test_jobs_give_identical_results(command):
    one = run_cli(*command, "--jobs", "1", *TESTSTAD_ARGS)
    two = run_cli(*command, "--jobs", "2", *TESTSTAD_ARGS)
    assert one.returncode == two.returncode
    assert one.stdout == two.stdout and len(one.stdout) > 100


def test_grouped_and_ungrouped_sweeps_agree(cat):
    grouped = api.loops(cat, "teststad", "huidig")
    exact = api.loops(cat, "teststad", "huidig", grouped=False)
    assert grouped.aggregaat.gelopen == exact.aggregaat.gelopen
    assert grouped.aggregaat.uitkomsten == exact.aggregaat.uitkomsten
    assert {k: (v.aantal, v.getuige) for k, v in grouped.aggregaat.lussen.items()} == {
        k: (v.aantal, v.getuige) for k, v in exact.aggregaat.lussen.items()
    }
    assert {k: (v.aantal, v.voorbeelden) for k, v in grouped.aggregaat.schendingen.items()} == {
        k: (v.aantal, v.voorbeelden) for k, v in exact.aggregaat.schendingen.items()
    }


def test_diffs_that_share_their_walks_agree_with_diffs_that_do_not(cat):
    # The atlas passes one 'gelopen' to all its diffs: a variant is also the 'before' of a scenario.
    scenario = SCENARIOS / "seniorenpunt-helpt-iedereen.yaml"
    gelopen: dict = {}
    shared = [
        api.diff_variants(cat, "teststad", "huidig", "nieuw", gelopen=gelopen),
        api.diff_scenario(cat, scenario, gelopen=gelopen),
    ]
    alone = [api.diff_variants(cat, "teststad", "huidig", "nieuw"), api.diff_scenario(cat, scenario)]
    assert shared == alone
    assert len(gelopen) == 3  # huidig (walked once), nieuw and the scenario
    # a case without a start of its own walks exactly as a walk without a start does
    for v in alone[0].verschillen:
        if v.geval.eerste_ingang is None:
            g = v.geval
            assert v.voor == cat.walk("teststad", g.persona, g.sleutelmoment, "huidig", None, g.vraag)
            assert v.na == cat.walk("teststad", g.persona, g.sleutelmoment, "nieuw", None, g.vraag)


def _square(x: int) -> int:
    return x * x


def test_background_gives_its_value_from_another_process_or_raises_its_error():
    import os

    from journeykit.analysis.parallel import Background, fork_map

    assert Background(os.getpid).result() != os.getpid()
    # it may start a pool of its own, as the atlas's loop sweep does
    assert Background(lambda: list(fork_map(_square, [1, 2, 3], 2))).result() == [1, 4, 9]
    with pytest.raises(ZeroDivisionError):
        Background(lambda: 1 / 0).result()


def test_background_without_fork_computes_when_asked(monkeypatch):
    import multiprocessing
    import os

    from journeykit.analysis.parallel import Background

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert Background(os.getpid).result() == os.getpid()


def test_a_background_computation_nobody_collects_is_stopped():
    import time

    from journeykit.analysis.parallel import Background

    bg = Background(lambda: time.sleep(60))
    process = bg._process
    start = time.monotonic()
    bg.close()
    assert not process.is_alive() and time.monotonic() - start < 10

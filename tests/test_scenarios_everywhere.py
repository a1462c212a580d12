"""--scenario on every command that walks: applied in order, each on top of the one before; the last is its
gemeente's default situation. A designer looks at the route they are designing with walk, compare, loops,
check, the maps and diff alike."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from journeykit import api
from journeykit.errors import LoadErrors

from conftest import FIXTURES, TESTSTAD_ARGS, run_cli

SCENARIOS = FIXTURES / "scenarios"
# Two changes to Teststad's huidig that touch different rules: the seniorenpunt helps 65 and 66 too (A); the
# wijkteam sends schulden back to the loket, which no longer refers them itself (B).
A = SCENARIOS / "seniorenpunt-helpt-iedereen.yaml"
B = SCENARIOS / "nieuwe-lus.yaml"
BOTH = """\
scenario:
  id: beide
  naam: Beide
  gemeente: teststad
  variant: huidig
  regels_vervangen:
    - {id: seniorenpunt-jong, bij: seniorenpunt, als: {veld: persona.leeftijd, tot: 65},
       dan: {actie: afwijzen, noemt: loket},
       aanname: de leeftijdsgrens van het seniorenpunt gelijk aan die van het loket}
  regels_toevoegen:
    - {id: wijkteam-geld-terug, bij: wijkteam, als: {veld: vraag.soort, is: schulden},
       dan: {actie: verwijzen, naar: loket, overdracht: koud}, aanname: fictief}
  ingangen_wijzigen:
    - {id: loket, wachttijd_dagen: 1, aanname: fictief}
  regels_verwijderen: [loket-geld]
  aanname: t
"""


def opened(*scenarios: Path):
    cat = api.open_catalog(FIXTURES / "data", [str(FIXTURES / "teststad_plugin.py")], entry_points=False)
    cat.raise_for_errors()
    for s in scenarios:
        cat.apply_scenario(s)
    return cat


def every_walk(cat) -> dict:
    """Every persona, sleutelmoment, vraag and first contact in Teststad's default situation, as walked."""
    out = {}
    w = cat.walker("teststad")
    for p in cat.personas.values():
        for sm in cat.sleutelmomenten.values():
            for v in sm.vragen:
                for start in [None, *w.ingangen]:
                    j = w.walk(p, sm, v.id, start)
                    out[(p.id, sm.id, v.id, start)] = attrs.evolve(j, variant="")
    return out


def test_two_scenarios_in_order_walk_as_one_that_combines_both(tmp_path):
    both = tmp_path / "beide.yaml"
    both.write_text(BOTH, encoding="utf-8")
    chained, combined = every_walk(opened(A, B)), every_walk(opened(both))
    assert len(chained) > 100
    assert chained == combined
    # and each of the two does change something: the chain is not the plain variant twice
    plain = every_walk(opened())
    assert any(plain[k] != chained[k] for k in plain)
    assert every_walk(opened(A)) != chained


def test_walk_on_the_command_line_takes_the_scenarios_in_order(tmp_path):
    both = tmp_path / "beide.yaml"
    both.write_text(BOTH, encoding="utf-8")
    walk = ["walk", "--gemeente", "teststad", "--persona", "jan", "--sleutelmoment", "geldzorgen", "--format", "json"]
    chained = json.loads(run_cli(*walk, "--scenario", str(A), "--scenario", str(B), *TESTSTAD_ARGS).stdout)
    combined = json.loads(run_cli(*walk, "--scenario", str(both), *TESTSTAD_ARGS).stdout)
    plain = json.loads(run_cli(*walk, *TESTSTAD_ARGS).stdout)
    assert chained["variant"] == "nieuwe-lus" and combined["variant"] == "beide"
    assert {k: v for k, v in chained.items() if k != "variant"} == {k: v for k, v in combined.items() if k != "variant"}
    assert chained["uitkomst"] != plain["uitkomst"]  # B sends Jan's money worries round in a loop
    assert chained["uitkomst"]["soort"] == "kastje-naar-de-muur"


def test_a_scenario_can_name_the_one_it_builds_on(tmp_path):
    on_a = tmp_path / "op-a.yaml"
    on_a.write_text(
        B.read_text(encoding="utf-8").replace(
            "  gemeente: teststad\n", "  gemeente: teststad\n  variant: seniorenpunt-helpt-iedereen\n"
        ),
        encoding="utf-8",
    )
    assert every_walk(opened(A, on_a)) == every_walk(opened(A, B))


def test_scenarios_that_build_on_different_variants_are_refused(tmp_path):
    other = tmp_path / "op-nieuw.yaml"
    other.write_text(
        B.read_text(encoding="utf-8")
        .replace("  gemeente: teststad\n", "  gemeente: teststad\n  variant: nieuw\n")
        .replace("id: nieuwe-lus", "id: op-nieuw"),
        encoding="utf-8",
    )
    with pytest.raises(LoadErrors) as e:
        opened(A, other)
    assert "bouwt voort op variant 'nieuw', maar het scenario ervoor op 'huidig'" in str(e.value)
    result = run_cli(
        "walk",
        "--gemeente",
        "teststad",
        "--persona",
        "jan",
        "--sleutelmoment",
        "geldzorgen",
        "--scenario",
        str(A),
        "--scenario",
        str(other),
        *TESTSTAD_ARGS,
    )
    assert result.returncode == 2
    assert f"{other}:" in result.stderr and "Traceback" not in result.stderr


def test_the_same_scenario_twice_is_refused():
    with pytest.raises(LoadErrors, match="al een variant of scenario van teststad"):
        opened(A, A)


def test_loops_sweep_the_scenario_being_designed():
    data = json.loads(run_cli("loops", "--scenario", str(B), "--format", "json", *TESTSTAD_ARGS).stdout)
    assert data["gemeenten"] == [{"gemeente": "teststad", "variant": "nieuwe-lus"}]
    assert any(lus["cyclus"] == ["loket", "wijkteam", "loket"] for lus in data["lussen"]), data["lussen"]
    # a variant named explicitly is still swept as it is
    named = json.loads(
        run_cli("loops", "--scenario", str(B), "--variant", "huidig", "--format", "json", *TESTSTAD_ARGS).stdout
    )
    assert named["gemeenten"] == [{"gemeente": "teststad", "variant": "huidig"}]


def test_compare_shows_the_scenario_beside_the_variants():
    args = ["compare", "--persona", "jan", "--sleutelmoment", "geldzorgen", "--format", "json"]
    data = json.loads(run_cli(*args, "--scenario", str(B), *TESTSTAD_ARGS).stdout)
    assert sorted({r["variant"] for r in data["rijen"]}) == ["huidig", "nieuw", "nieuwe-lus"]


def test_check_walks_the_cases_of_the_variant_a_scenario_builds_on_in_the_scenario(tmp_path):
    # Two copies of Teststad's journey case of Jan: one names no variant (so huidig, which the scenario builds on),
    # one names nieuw.
    text = (FIXTURES / "data" / "journeys" / "teststad.yaml").read_text(encoding="utf-8")
    jan = text[text.index("  - id: jan-info") : text.index("  - id: piet-vervoer")]
    reizen = tmp_path / "reizen.yaml"
    reizen.write_text(
        "reizen:\n"
        + jan.replace("id: jan-info", "id: jan-standaard")
        + jan.replace("id: jan-info", "id: jan-nieuw")
        + "    variant: nieuw\n",
        "utf-8",
    )
    plain = json.loads(run_cli("check", str(reizen), "--format", "json", *TESTSTAD_ARGS).stdout)
    changed = json.loads(run_cli("check", str(reizen), "--scenario", str(B), "--format", "json", *TESTSTAD_ARGS).stdout)
    assert {r["id"]: r["variant"] for r in plain["reizen"]} == {"jan-standaard": "huidig", "jan-nieuw": "nieuw"}
    assert {r["id"]: r["variant"] for r in changed["reizen"]} == {"jan-standaard": "nieuwe-lus", "jan-nieuw": "nieuw"}


def test_a_map_is_drawn_in_the_scenario(tmp_path):
    out = tmp_path / "uit"
    args = ["render", "map", "--gemeente", "teststad", "--persona", "jan", "--sleutelmoment", "geldzorgen"]
    result = run_cli(*args, "--scenario", str(B), "--out", str(out), *TESTSTAD_ARGS)
    assert result.returncode == 0, result.stderr
    [page] = out.glob("*.html")
    assert "Het wijkteam stuurt schuldvragen terug naar het loket" in page.read_text(encoding="utf-8")


def test_diff_of_two_scenarios_runs_from_their_variant_to_the_last():
    data = json.loads(
        run_cli("diff", "--scenario", str(A), "--scenario", str(B), "--format", "json", *TESTSTAD_ARGS).stdout
    )
    assert (data["van"], data["naar"]) == ("huidig", "nieuwe-lus")


def test_list_gemeenten_names_the_scenario_as_a_situation():
    data = json.loads(run_cli("list", "gemeenten", "--scenario", str(B), "--format", "json", *TESTSTAD_ARGS).stdout)
    [g] = [g for g in data["gemeenten"] if g["id"] == "teststad"]
    assert g["varianten"] == ["huidig", "nieuw", "nieuwe-lus"]


def reis_met(tmp_path: Path, extra: str) -> Path:
    """A journey file beside copies of the two scenario files, with one case of Jan's money worries."""
    for s in (A, B):
        (tmp_path / s.name).write_text(s.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "reizen.yaml"
    path.write_text(
        "reizen:\n"
        "  - id: jan-geld\n"
        "    naam: Jan en zijn geldzorgen\n"
        "    persona: jan\n"
        "    sleutelmoment: geldzorgen\n"
        "    gemeente: teststad\n" + extra + "    aanname: t\n",
        encoding="utf-8",
    )
    return path


def test_a_journey_case_walks_in_its_own_scenarios(tmp_path):
    # In huidig Jan's money worries are resolved; with B the wijkteam sends them back to the loket: a loop.
    path = reis_met(
        tmp_path,
        "    scenarios: [seniorenpunt-helpt-iedereen.yaml, nieuwe-lus.yaml]\n"
        "    verwachting: {uitkomst: kastje-naar-de-muur, principes_geschonden: [geen-lus]}\n",
    )
    out = run_cli("check", str(path), "--format", "json", *TESTSTAD_ARGS)
    assert out.returncode == 0, out.stdout + out.stderr
    [r] = json.loads(out.stdout)["reizen"]
    assert (r["variant"], r["uitkomst"]["soort"], r["uitkomst"]["lus"]) == (
        "nieuwe-lus",
        "kastje-naar-de-muur",
        ["loket", "wijkteam", "loket"],
    )
    # the same case without its scenarios fails that expectation: the scenarios are what it walks in
    plain = reis_met(tmp_path, "    verwachting: {uitkomst: kastje-naar-de-muur}\n")
    assert run_cli("check", str(plain), *TESTSTAD_ARGS).returncode == 1


@pytest.mark.parametrize(
    "extra, fout",
    [
        ("    scenarios: [bestaat-niet.yaml]\n", "scenariobestand"),
        ("    scenarios: [nieuwe-lus.yaml]\n    variant: nieuw\n", "laat 'variant' weg"),
    ],
)
def test_a_journey_case_with_a_scenario_it_cannot_use_is_refused_with_file_and_line(tmp_path, extra, fout):
    path = reis_met(tmp_path, extra)
    out = run_cli("check", str(path), *TESTSTAD_ARGS)
    assert out.returncode == 2, out.stdout + out.stderr
    assert f"{path}:" in out.stderr and fout in out.stderr
    assert "Traceback" not in out.stderr

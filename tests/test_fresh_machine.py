"""A user's machine, not ours: finding the data, quotes checked against sources that may be absent,
shipped-data tests that ignore what else is installed, and plugin or data errors that cost only
what depends on them (issue 13, items 1, 3, 4, 8 and 14)."""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from journeykit import api
from journeykit.errors import kort

from conftest import FIXTURES, ROOT, SHIPPED_ENV, SHIPPED_PLUGINS, TESTSTAD_DATA, TESTSTAD_PLUGIN, open_shipped, run_cli

SOURCES = ROOT.parent / "shared" / "sources"
HOSTILE = ROOT / "tests" / "hostile"


def _copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(TESTSTAD_DATA, data)
    return data


# --- 1. quotes against the sources ---------------------------------------------------------------


def _quote_world(tmp_path: Path, citaat: str, bestand: str = "bron.txt") -> tuple[Path, Path]:
    sources = tmp_path / "bronnen"
    sources.mkdir()
    (sources / "bron.txt").write_text(
        "Een inwoner wordt\nwarm overgedragen,\n  en “niemand” valt ertussen.\n", encoding="utf-8"
    )
    data = tmp_path / "data"
    (data / "personas").mkdir(parents=True)
    (data / "personas" / "p.yaml").write_text(
        textwrap.dedent(f"""\
        personas:
          - id: jan
            naam: Jan
            leeftijd: 45
            huishouden: alleenstaand
            bron:
              bestand: {bestand}
              sectie: §1
              citaat: "{citaat}"
        """),
        encoding="utf-8",
    )
    return sources, data


def test_bronnen_finds_a_quote_across_line_breaks_and_typographic_quotes(tmp_path):
    sources, data = _quote_world(tmp_path, 'wordt warm overgedragen, en \\"niemand\\" valt ertussen.')
    r = run_cli("bronnen", "--bronnen", str(sources), "--data", str(data), "--format", "json")
    assert r.returncode == 0, r.stdout + r.stderr
    out = json.loads(r.stdout)
    assert (out["citaten"], out["gevonden"], out["missers"]) == (1, 1, [])


def test_bronnen_lists_a_changed_quote_with_file_and_line_and_exits_1(tmp_path):
    sources, data = _quote_world(tmp_path, "wordt koud overgedragen")
    r = run_cli("bronnen", "--bronnen", str(sources), "--data", str(data))
    assert r.returncode == 1, r.stdout + r.stderr
    # the quote is on line 9 of the persona file
    assert "p.yaml:9" in r.stdout and "persona jan" in r.stdout and "wordt koud overgedragen" in r.stdout
    assert "1 niet" in r.stdout


def test_bronnen_reports_a_source_file_that_is_not_in_the_folder(tmp_path):
    sources, data = _quote_world(tmp_path, "warm overgedragen", bestand="../geheim.txt")
    r = run_cli("bronnen", "--bronnen", str(sources), "--data", str(data), "--format", "json")
    assert r.returncode == 1
    (miss,) = json.loads(r.stdout)["missers"]
    assert miss["bron"] == "../geheim.txt" and "staat niet in" in miss["reden"] and miss["regel"] == 9


def test_bronnen_without_the_folder_is_a_usage_error(tmp_path):
    _, data = _quote_world(tmp_path, "warm overgedragen")
    r = run_cli("bronnen", "--bronnen", str(tmp_path / "nergens"), "--data", str(data))
    assert r.returncode == 2 and "bestaat niet" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.skipif(
    not SOURCES.is_dir(),
    reason=f"{SOURCES} ontbreekt: de bronnen staan niet naast deze clone, "
    "dus de citaten zijn niet te controleren (CI zet ../shared ernaast)",
)
def test_every_shipped_quote_is_verbatim_in_its_source():
    r = run_cli("bronnen", "--bronnen", str(SOURCES), "--format", "json", env=SHIPPED_ENV)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr
    out = json.loads(r.stdout)
    assert out["citaten"] > 250 and out["missers"] == []


# --- 3. finding the data folder -------------------------------------------------------------------


def test_the_data_folder_is_found_from_a_folder_below_it(tmp_path):
    data = _copy_data(tmp_path)
    below = data / "personas"
    r = run_cli("list", "personas", "--format", "json", cwd=below)
    assert r.returncode == 0, r.stderr
    assert "jan" in {p["id"] for p in json.loads(r.stdout)["personas"]}


@pytest.mark.parametrize(
    "args",
    [
        ["list", "personas"],
        ["check"],
        ["walk", "--gemeente", "teststad", "--persona", "jan", "--sleutelmoment", "info"],
    ],
)
def test_without_a_data_folder_commands_that_need_one_say_so_and_exit_2(tmp_path, args):
    r = run_cli(*args, "--plugin", str(TESTSTAD_PLUGIN), cwd=tmp_path, env={"JOURNEYKIT_DATA": ""})
    assert r.returncode == 2, r.stdout + r.stderr
    assert "geen datamap gevonden" in r.stderr and "--data" in r.stderr and "JOURNEYKIT_DATA" in r.stderr
    assert r.stdout == ""


def test_list_gemeenten_needs_no_data_folder(tmp_path):
    r = run_cli("list", "gemeenten", "--plugin", str(TESTSTAD_PLUGIN), cwd=tmp_path)
    assert r.returncode == 0 and "teststad" in r.stdout


def test_the_data_folder_can_be_named_in_the_environment(tmp_path):
    data = _copy_data(tmp_path)
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    r = run_cli("list", "personas", cwd=elsewhere, env={"JOURNEYKIT_DATA": str(data)})
    assert r.returncode == 0 and "oma-ans" in r.stdout


def test_a_named_data_folder_without_personas_or_journeys_is_an_error(tmp_path):
    r = run_cli("list", "personas", "--data", str(tmp_path))
    assert r.returncode == 2 and "staat geen map personas/ of journeys/" in r.stderr


def test_find_data_walks_up_like_git(tmp_path):
    data = _copy_data(tmp_path)
    deep = data / "journeys" / "a" / "b"
    deep.mkdir(parents=True)
    assert api.find_data(start=deep) == data.resolve()
    assert api.find_data(start=tmp_path) is None


# --- 4. tests about shipped data do not depend on what else is installed ---------------------------


def _install_fake_plugin(site: Path) -> None:
    """An installed distribution with a journeykit entry point, as `pip install` of the guide's plugin makes."""
    (site / "nepstad_plugin").mkdir(parents=True)
    (site / "nepstad_plugin" / "__init__.py").write_text(
        textwrap.dedent("""\
        from pathlib import Path
        from journeykit import hookimpl

        @hookimpl
        def journeykit_gemeenten():
            return [Path(__file__).parent / "data"]
        """),
        encoding="utf-8",
    )
    shutil.copytree(FIXTURES / "teststad", site / "nepstad_plugin" / "data")
    text = (site / "nepstad_plugin" / "data" / "gemeente.yaml").read_text(encoding="utf-8")
    (site / "nepstad_plugin" / "data" / "gemeente.yaml").write_text(
        text.replace("id: teststad", "id: nepstad", 1), encoding="utf-8"
    )
    dist = site / "nepstad_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: nepstad-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[journeykit]\nnepstad = nepstad_plugin\n", encoding="utf-8")


def test_an_extra_installed_plugin_is_seen_by_users_but_not_by_the_shipped_data_tests(tmp_path, monkeypatch):
    site = tmp_path / "site"
    _install_fake_plugin(site)
    env = {"PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
    user = run_cli("list", "gemeenten", env={**env, "JOURNEYKIT_ENTRY_POINTS": "1"})
    assert "nepstad" in user.stdout, user.stderr  # the fake plugin really is installed
    shipped = run_cli("list", "gemeenten", "--format", "json", env={**env, **SHIPPED_ENV})
    ids = {g["id"] for g in json.loads(shipped.stdout)["gemeenten"]}
    assert ids == {"breda", "nijmegen", "rotterdam", "rotterdam-doelgroepenvervoer"}
    monkeypatch.syspath_prepend(str(site))
    import importlib

    importlib.invalidate_caches()
    cat = api.open_catalog(ROOT, entry_points=SHIPPED_PLUGINS)
    assert "nepstad" not in cat.gemeenten and "breda" in cat.gemeenten


def test_journeykit_load_plugins_picks_installed_plugins_by_name():
    r = run_cli(
        "list",
        "gemeenten",
        "--format",
        "json",
        env={"JOURNEYKIT_ENTRY_POINTS": "1", "JOURNEYKIT_LOAD_PLUGINS": "breda"},
    )
    assert {g["id"] for g in json.loads(r.stdout)["gemeenten"]} == {"breda"}
    none = run_cli(
        "list", "gemeenten", "--format", "json", env={"JOURNEYKIT_ENTRY_POINTS": "1", "JOURNEYKIT_LOAD_PLUGINS": ""}
    )
    assert json.loads(none.stdout)["gemeenten"] == []


# --- 8. a plugin's or a file's error costs only what depends on it -----------------------------------


def test_a_command_that_fails_for_want_of_a_broken_plugins_gemeente_shows_that_plugins_own_error():
    r = run_cli(
        "walk",
        "--gemeente",
        "onbekende-ingang",
        "--persona",
        "jan",
        "--sleutelmoment",
        "info",
        "--plugin",
        str(HOSTILE / "plugins" / "kapotte_data.py"),
        "--plugin",
        str(TESTSTAD_PLUGIN),
        "--data",
        str(TESTSTAD_DATA),
    )
    assert r.returncode == 2
    assert "onbekende gemeente 'onbekende-ingang'" in r.stderr and "kapotte_data" in r.stderr
    assert "onbekende-ingang/gemeente.yaml:12" in r.stderr and "onbekende ingang 'tem'" in r.stderr


def test_a_broken_plugin_does_not_stop_commands_about_another_gemeente():
    r = run_cli(
        "walk",
        "--gemeente",
        "teststad",
        "--persona",
        "jan",
        "--sleutelmoment",
        "info",
        "--plugin",
        str(HOSTILE / "plugins" / "kapotte_data.py"),
        "--plugin",
        str(TESTSTAD_PLUGIN),
        "--data",
        str(TESTSTAD_DATA),
    )
    assert r.returncode == 0 and "Uitkomst: opgelost" in r.stdout
    assert "plugin 'kapotte_data'" in r.stderr


def test_a_bad_journey_file_fails_check_but_not_commands_that_do_not_use_journeys(tmp_path):
    data = _copy_data(tmp_path)
    (data / "journeys" / "kapot.yaml").write_text(
        "reizen:\n  - id: x\n    naam: X\n    persona: niemand\n", encoding="utf-8"
    )
    common = ["--plugin", str(TESTSTAD_PLUGIN), "--data", str(data)]
    assert run_cli("list", "gemeenten", *common).returncode == 0
    assert run_cli("list", "personas", *common).returncode == 0
    walk = run_cli("walk", "--gemeente", "teststad", "--persona", "jan", "--sleutelmoment", "info", *common)
    assert walk.returncode == 0, walk.stderr
    check = run_cli("check", *common)
    assert check.returncode == 2 and "kapot.yaml:2" in check.stderr


def test_a_bad_persona_file_still_fails_the_commands_that_walk(tmp_path):
    data = _copy_data(tmp_path)
    (data / "personas" / "kapot.yaml").write_text("personas:\n  - id: x\n", encoding="utf-8")
    r = run_cli(
        "walk",
        "--gemeente",
        "teststad",
        "--persona",
        "jan",
        "--sleutelmoment",
        "info",
        "--plugin",
        str(TESTSTAD_PLUGIN),
        "--data",
        str(data),
    )
    assert r.returncode == 2 and "kapot.yaml:2" in r.stderr


# --- 14. check and compare -----------------------------------------------------------------------------


def test_checking_one_file_of_the_data_folder_does_not_report_its_cases_as_their_own_duplicates(tmp_path):
    data = _copy_data(tmp_path)
    r = run_cli(
        "check",
        str(data / "journeys" / "teststad.yaml"),
        "--plugin",
        str(TESTSTAD_PLUGIN),
        "--data",
        str(data),
        cwd=tmp_path,
    )
    assert "dubbele" not in r.stdout + r.stderr
    assert r.returncode == 0, r.stdout + r.stderr
    assert "2 van de 2 reizen" in r.stdout


_SCENARIO = """\
scenario:
  id: typfout
  naam: Een scenario met een typfout
  gemeente: teststad
  aanname: voor de test
  regels_toevoegen:
    - id: nieuw
      bij: lokket
      dan: {actie: oplossen, niveau: algemeen}
      aanname: t
"""


def test_check_validates_scenario_files_in_the_data_folder(tmp_path):
    data = _copy_data(tmp_path)
    (data / "journeys" / "scenarios").mkdir()
    (data / "journeys" / "scenarios" / "typfout.yaml").write_text(_SCENARIO, encoding="utf-8")
    r = run_cli("check", "--plugin", str(TESTSTAD_PLUGIN), "--data", str(data))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "typfout.yaml:8" in r.stderr and "lokket" in r.stderr and "bedoelde u 'loket'" in r.stderr


def test_check_validates_a_scenario_file_given_as_a_path(tmp_path):
    data = _copy_data(tmp_path)
    path = tmp_path / "typfout.yaml"
    path.write_text(_SCENARIO, encoding="utf-8")
    r = run_cli("check", str(path), "--plugin", str(TESTSTAD_PLUGIN), "--data", str(data))
    assert r.returncode == 2 and "typfout.yaml:8" in r.stderr


def test_check_coverage_can_be_limited_to_one_gemeente():
    r = run_cli("check", "--coverage", "--gemeente", "nijmegen", "--format", "json", env=SHIPPED_ENV)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["reizen"] and {x["gemeente"] for x in out["reizen"]} == {"nijmegen"}
    assert {x["gemeente"] for x in out["dekking"]} <= {"nijmegen"}


def test_a_missing_plugin_module_is_named_plainly():
    r = run_cli("list", "gemeenten", "--plugin", "journeykit_bestaat_niet")
    assert "ModuleNotFoundError" not in r.stderr
    assert "plugin 'journeykit_bestaat_niet'" in r.stderr and "geen bestand, map of geïnstalleerde module" in r.stderr


def test_unknown_variant_and_vraag_list_the_valid_values():
    common = [
        "--gemeente",
        "teststad",
        "--persona",
        "jan",
        "--plugin",
        str(TESTSTAD_PLUGIN),
        "--data",
        str(TESTSTAD_DATA),
    ]
    r = run_cli("walk", *common, "--sleutelmoment", "info", "--variant", "later")
    assert r.returncode == 2 and "kies uit: huidig, nieuw" in r.stderr
    r = run_cli("walk", *common, "--sleutelmoment", "info", "--vraag", "x")
    assert r.returncode == 2 and "kies uit: info" in r.stderr


def test_unknown_group_lists_the_groups():
    r = run_cli(
        "render", "matrix", "--gemeente", "breda", "--groep", "niemand", "--out", "/tmp/jk-onnodig", env=SHIPPED_ENV
    )
    groepen = sorted({p.groep for p in open_shipped().personas.values() if p.groep})
    assert r.returncode == 2 and "kies uit: " in r.stderr and len(groepen) > 3
    for g in groepen[:12]:
        assert kort(g, 40) in r.stderr, g

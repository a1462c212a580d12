"""The command line as a user meets it: exit codes, Dutch output, JSON, plugins and errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, SHIPPED_ENV, TESTSTAD_ARGS, TESTSTAD_DATA, TESTSTAD_PLUGIN, run_cli


def test_walk_text_is_a_numbered_dutch_route(cli):
    result = cli("walk", "--gemeente", "teststad", "--persona", "piet", "--sleutelmoment", "vervoer", *TESTSTAD_ARGS)
    assert result.exit_code == 0
    out = result.output
    assert " 1. Gemeenteloket" in out and " 2. Seniorenpunt" in out
    assert "verwijst koud door naar Seniorenpunt" in out
    assert "Waarom: regel loket-vervoer-senior" in out
    assert "Uitkomst: van het kastje naar de muur: Gemeenteloket → Seniorenpunt → Gemeenteloket" in out
    assert "Samenvatting: 2 contacten" in out


def test_walk_json(cli):
    result = cli(
        "walk",
        "--gemeente",
        "teststad",
        "--persona",
        "jan",
        "--sleutelmoment",
        "geldzorgen",
        "--format",
        "json",
        *TESTSTAD_ARGS,
    )
    data = json.loads(result.output)
    assert [s["ingang"] for s in data["stappen"]] == ["loket", "schuldhulp"]
    assert data["metrieken"]["koude_verwijzingen"] == 1
    assert data["uitkomst"]["soort"] == "opgelost"
    assert {s["principe"] for s in data["schendingen"]} >= {"direct-goed", "een-contact"}


def test_walk_unknown_name_is_exit_2_with_suggestion():
    result = run_cli(
        "walk", "--gemeente", "teststad", "--persona", "pieet", "--sleutelmoment", "vervoer", *TESTSTAD_ARGS
    )
    assert result.returncode == 2
    assert "onbekende persona 'pieet'" in result.stderr and "bedoelde u 'piet'" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_error_is_exit_2():
    result = run_cli("walk", "--gemeente", "teststad")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_check_passes_on_the_fixture():
    result = run_cli("check", *TESTSTAD_ARGS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 van de 2 reizen halen hun verwachtingen" in result.stdout


def test_check_exits_1_naming_the_failed_expectation(tmp_path):
    bad = tmp_path / "reizen.yaml"
    bad.write_text(
        "reizen:\n"
        "  - id: jan-info-fout\n"
        "    naam: Verwacht het verkeerde\n"
        "    persona: jan\n"
        "    sleutelmoment: info\n"
        "    gemeente: teststad\n"
        "    verwachting: {uitkomst: afgehaakt, max_contacten: 0}\n"
        "    aanname: test\n",
        encoding="utf-8",
    )
    result = run_cli("check", str(bad), *TESTSTAD_ARGS)
    assert result.returncode == 1
    assert "jan-info-fout" in result.stdout
    assert "uitkomst is 'opgelost', verwacht 'afgehaakt'" in result.stdout
    assert "1 contacten, verwacht hoogstens 0" in result.stdout
    assert "reizen.yaml:2" in result.stdout


@pytest.mark.parametrize(
    "text, where, words",
    [
        ("reizen:\n  - id: x\n    naam: [kapot\n", ":4", ["ongeldige YAML"]),
        ("reizen:\n  - id: x\n    nam: X\n", ":3", ["onbekende sleutel 'nam'", "bedoelde u 'naam'"]),
        (
            "reizen:\n  - id: x\n    naam: X\n    persona: jan\n    sleutelmoment: info\n    gemeente: teststad\n"
            "    verwachting: {max_dagen: veel}\n    aanname: t\n",
            ":7",
            ["max_dagen", "geheel getal"],
        ),
        (
            "reizen:\n  - id: x\n    naam: X\n    persona: jan\n    sleutelmoment: info\n    gemeente: teststadd\n"
            "    aanname: t\n",
            ":6",
            ["onbekende gemeente 'teststadd'", "bedoelde u 'teststad'"],
        ),
        (
            "reizen:\n  - {id: jan-info, naam: X, persona: jan, sleutelmoment: info, gemeente: teststad, aanname: t}\n",
            ":2",
            ["dubbele reis-id 'jan-info'"],
        ),
    ],
)
def test_check_exits_2_on_bad_input_with_file_and_line(tmp_path, text, where, words):
    f = tmp_path / "kapot.yaml"
    f.write_text(text, encoding="utf-8")
    # also load the fixture's own journeys, so a duplicate id can collide
    result = run_cli("check", str(f), str(TESTSTAD_DATA / "journeys"), *TESTSTAD_ARGS)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"kapot.yaml{where}" in result.stderr, result.stderr
    for w in words:
        assert w in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def _plugin_outside_repo(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "teststad", tmp_path / "teststad")
    plugin = tmp_path / "mijn_plugin.py"
    plugin.write_text(
        "from pathlib import Path\nfrom journeykit import hookimpl\n\n"
        "@hookimpl\ndef journeykit_gemeenten():\n    return [Path(__file__).parent / 'teststad']\n",
        encoding="utf-8",
    )
    return plugin


def test_list_gemeenten_with_a_plugin_outside_the_repo(tmp_path):
    plugin = _plugin_outside_repo(tmp_path)
    result = run_cli("list", "gemeenten", "--format", "json", "--plugin", str(plugin), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [g["id"] for g in data["gemeenten"]] == ["teststad"]
    assert data["gemeenten"][0]["plugin"] == "mijn_plugin"
    assert data["gemeenten"][0]["varianten"] == ["huidig", "nieuw"]


def test_plugins_from_the_environment_variable(tmp_path):
    plugin = _plugin_outside_repo(tmp_path)
    result = run_cli("list", "gemeenten", "--format", "json", env={"JOURNEYKIT_PLUGINS": str(plugin)}, cwd=tmp_path)
    assert [g["id"] for g in json.loads(result.stdout)["gemeenten"]] == ["teststad"]


def test_a_broken_plugin_is_named_and_the_rest_still_list(tmp_path):
    plugin = _plugin_outside_repo(tmp_path)
    broken = tmp_path / "kapotte_plugin.py"
    broken.write_text("import bestaat_niet\n", encoding="utf-8")
    raising = tmp_path / "foute_hook.py"
    raising.write_text(
        "from journeykit import hookimpl\n\n@hookimpl\ndef journeykit_gemeenten():\n    raise RuntimeError('stuk')\n",
        encoding="utf-8",
    )
    result = run_cli(
        "list",
        "gemeenten",
        "--format",
        "json",
        "--plugin",
        str(broken),
        "--plugin",
        str(raising),
        "--plugin",
        str(plugin),
        cwd=tmp_path,
    )
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert [g["id"] for g in data["gemeenten"]] == ["teststad"]
    problems = {f["plugin"]: f["reden"] for f in data["plugin_fouten"]}
    assert "bestaat_niet" in problems["kapotte_plugin"]
    assert "stuk" in problems["foute_hook"]
    assert "kapotte_plugin" in result.stderr and "Traceback" not in result.stderr


def test_installed_plugins_list_with_a_plugin_outside_the_repo(tmp_path):
    plugin = _plugin_outside_repo(tmp_path)
    result = run_cli("list", "gemeenten", "--format", "json", "--plugin", str(plugin), cwd=tmp_path, env=SHIPPED_ENV)
    assert result.returncode == 0, result.stderr
    ids = [g["id"] for g in json.loads(result.stdout)["gemeenten"]]
    assert {"breda", "nijmegen", "rotterdam", "teststad"} <= set(ids)
    assert json.loads(result.stdout)["plugin_fouten"] == []


def test_help_is_dutch():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "klantreizen" in result.stdout


def test_plugin_option_before_the_command_and_a_package_directory(tmp_path):
    pkg = tmp_path / "pakket_plugin"
    pkg.mkdir()
    shutil.copytree(FIXTURES / "teststad", pkg / "teststad")
    (pkg / "__init__.py").write_text(
        "from pathlib import Path\nfrom journeykit import hookimpl\n\n"
        "@hookimpl\ndef journeykit_gemeenten():\n    return [Path(__file__).parent / 'teststad']\n",
        encoding="utf-8",
    )
    result = run_cli("--plugin", str(pkg), "list", "gemeenten", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(g["id"], g["plugin"]) for g in data["gemeenten"]] == [("teststad", "pakket_plugin")]


def test_plugin_and_data_options_on_both_sides_of_the_command_are_merged(tmp_path):
    broken = tmp_path / "kapotte_plugin.py"
    broken.write_text("import bestaat_niet\n", encoding="utf-8")
    before, after = ["--plugin", str(TESTSTAD_PLUGIN)], ["--plugin", str(broken)]
    result = run_cli(*before, "list", "gemeenten", "--format", "json", *after, cwd=tmp_path)
    data = json.loads(result.stdout)
    assert [g["id"] for g in data["gemeenten"]] == ["teststad"]  # the plugin named before the command
    assert [f["plugin"] for f in data["plugin_fouten"]] == ["kapotte_plugin"]  # and the one named after it
    # --data before the command; given on both sides, the one after the command counts
    for args in (
        ["--data", str(TESTSTAD_DATA), "list"],
        ["--data", str(tmp_path), "list", "--data", str(TESTSTAD_DATA)],
    ):
        result = run_cli(*args, "personas", "--format", "json", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "jan" in {p["id"] for p in json.loads(result.stdout)["personas"]}


def test_sweep_progress_shows_on_a_terminal_only_after_a_second(capsys):
    from journeykit.cli.core import Progress

    quick = Progress()
    quick.tty = True
    quick(500, 1000)
    quick.close()
    assert capsys.readouterr().err == ""  # under a second: nothing
    slow = Progress()
    slow.tty = True
    slow.start -= 2
    slow(500, 1000)
    slow.close()
    assert "500 van 1.000 reizen gelopen (50%)" in capsys.readouterr().err
    piped = Progress()
    piped.tty = False
    piped.start -= 2
    piped(500, 1000)
    assert capsys.readouterr().err == ""  # not a terminal: keep logs clean

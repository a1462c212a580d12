"""click speaks Dutch: every text click can show has a translation, and the CLI shows no English (issue 13)."""

from __future__ import annotations

import ast
import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import click
import click.types
import pytest

from journeykit import i18n

CLICK_DIR = Path(click.__file__).parent
GETTEXT_NAMES = {"_", "gettext", "ngettext", "pgettext", "npgettext", "dgettext", "dngettext"}


def _gettext_calls() -> list[tuple[str, int, str, list[ast.expr]]]:
    """(file, line, function, arguments) of every gettext call in click's source."""
    calls = []
    for path in sorted(CLICK_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in GETTEXT_NAMES:
                calls.append((path.name, node.lineno, name, node.args))
    return calls


CALLS = _gettext_calls()
# The one text click passes to _() as a variable: core.py, _(extra["required"]) with extra["required"] = "required".
DYNAMIC = {"extra['required']": "required"}


def _msgids() -> tuple[set[str], set[tuple[str, str]]]:
    singles, plurals = set(), set()
    for where, line, name, args in CALLS:
        texts = []
        for arg in args[: 2 if name == "ngettext" else 1]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                texts.append(arg.value)
            else:
                source = ast.unparse(arg)
                assert source in DYNAMIC, (
                    f"click/{where}:{line}: {name}({source}) is geen vaste tekst; zoek uit wat het is"
                )
                texts.append(DYNAMIC[source])
        if name == "ngettext":
            plurals.add((texts[0], texts[1]))
        else:
            singles.add(texts[0])
    return singles, plurals


def test_click_uses_only_gettext_and_ngettext():
    # pgettext and friends (context, domains) would need another kind of table
    assert {name for _, _, name, _ in CALLS} <= {"_", "ngettext"}, sorted({c[2] for c in CALLS})
    assert len(CALLS) > 50  # the scan finds click's texts at all


def test_every_click_message_has_a_dutch_translation():
    singles, plurals = _msgids()
    assert sorted(singles - set(i18n.MESSAGES)) == []
    assert sorted(plurals - set(i18n.PLURALS)) == []
    # and nothing stale: a text click no longer has is dead weight
    assert sorted(set(i18n.MESSAGES) - singles) == []
    assert sorted(set(i18n.PLURALS) - plurals) == []


def _placeholders(text: str) -> list[tuple]:
    fields = sorted(
        (name, conv or "", spec or "") for _, name, spec, conv in string.Formatter().parse(text) if name is not None
    )
    return fields + sorted(re.findall(r"%\(\w+\)[sdr]", text))


def _pairs():
    yield from i18n.MESSAGES.items()
    for (one, many), (een, meer) in i18n.PLURALS.items():
        yield one, een
        yield many, meer


@pytest.mark.parametrize("english, dutch", list(_pairs()), ids=lambda t: t[:40])
def test_a_translation_has_the_same_placeholders(english, dutch):
    assert _placeholders(dutch) == _placeholders(english)
    assert english.endswith("\n") == dutch.endswith("\n")


def test_every_click_module_with_gettext_is_patched():
    uses_gettext = {
        p.stem
        for p in CLICK_DIR.glob("*.py")
        if re.search(r"^from gettext import", p.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert uses_gettext == set(i18n.CLICK_MODULES)
    i18n.install_dutch_click()
    for name in i18n.CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if name == "_winconsole" and sys.platform != "win32":
            continue
        assert module is not None, name
        if hasattr(module, "_"):
            assert module._ is i18n.gettext, name
        if hasattr(module, "ngettext"):
            assert module.ngettext is i18n.ngettext, name


def test_every_type_name_is_dutch():
    i18n.install_dutch_click()
    named = {
        name: cls
        for name, cls in vars(click.types).items()
        if isinstance(cls, type)
        and issubclass(cls, click.types.ParamType)
        and isinstance(cls.__dict__.get("name"), str)
    }
    assert set(named) == set(i18n.TYPE_NAMES)
    assert click.STRING.name == "tekst" and click.INT.name == "geheel getal"


def test_install_is_idempotent():
    i18n.install_dutch_click()
    i18n.install_dutch_click()
    import click.core

    assert click.core._ is i18n.gettext
    assert click.core._("Usage:") == "Gebruik:" and click.core._("nieuw in click") == "nieuw in click"
    assert i18n.ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1).startswith(
        "{value!r} is niet {choice}"
    )
    assert "een van" in i18n.ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 2)


# --- through the real CLI ------------------------------------------------------------------------------

ENGLISH = [
    "Usage:",
    "Options:",
    "Commands:",
    "Positional arguments",
    "Show this message and exit.",
    "Show the version and exit.",
    "Error:",
    "Missing option",
    "Missing argument",
    "No such option",
    "No such command",
    "Invalid value",
    "is not one of",
    "Try '",
    "for help",
    "Got unexpected extra",
    "[default:",
    "[required]",
    "required",
    "Aborted!",
    "Did you mean",
    "requires an argument",
    "is not a valid",
    "is not in the range",
    "does not exist",
]
ENGLISH_METAVARS = re.compile(r"\b(TEXT|INTEGER|FLOAT|BOOLEAN|DIRECTORY|FILENAME|PATH)\b")

# (arguments, exit code, Dutch that must be there)
CASES = [
    (
        ["--help"],
        0,
        ["Gebruik: journeykit", "Opties:", "Opdrachten:", "Toon deze hulp en stop.", "Toon het versienummer en stop."],
    ),
    (["walk", "--help"], 0, ["Gebruik: journeykit walk", "[verplicht]", "[standaard: text]", "TEKST"]),
    (["walk"], 2, ["fout: ontbrekende optie '--gemeente'.", "Typ 'journeykit walk -", "' voor hulp."]),
    (["walk", "--format"], 2, ["fout: optie '--format' vraagt om een waarde."]),
    (["walk", "--gemeent", "x"], 2, ["fout: onbekende optie '--gemeent'. Bedoelde je '--gemeente'?"]),
    (["nonsense"], 2, ["fout: onbekende opdracht 'nonsense'.", "Typ 'journeykit -", "' voor hulp."]),
    (["list", "bogus"], 2, ["fout: ongeldige waarde voor", "'bogus' is niet een van 'gemeenten', 'personas'"]),
    (["list", "personas", "extra"], 2, ["fout: onverwacht extra argument (extra)"]),
    (["check", "--jobs", "0"], 2, ["0 ligt niet in het bereik x>=1."]),
    (["check", "--jobs", "veel"], 2, ["'veel' is geen geldig geheel getal."]),
    (["render"], 2, ["Gebruik: journeykit render", "Opdrachten:"]),
]

# Runs every case in one fresh process (click fixes some texts when the commands are defined, so
# install_dutch_click() must run before journeykit.cli is imported) and prints the results as JSON.
DRIVER = """
import json, sys
from journeykit.i18n import install_dutch_click
install_dutch_click()
from click.testing import CliRunner
from journeykit.cli import cli
out = []
for args in json.loads(sys.argv[1]):
    r = CliRunner().invoke(cli, args, prog_name="journeykit")
    out.append({"code": r.exit_code, "output": r.output, "exception": repr(r.exception)})
print(json.dumps(out))
"""


def _english_in(text: str) -> list[str]:
    return [e for e in ENGLISH if e in text] + ENGLISH_METAVARS.findall(text)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    env = {**os.environ, "JOURNEYKIT_ENTRY_POINTS": "0"}
    r = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps([args for args, _, _ in CASES])],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path_factory.mktemp("leeg"),
        timeout=120,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("n", range(len(CASES)), ids=[" ".join(c[0]) for c in CASES])
def test_the_cli_shows_dutch_and_no_english(outputs, n):
    _, code, dutch = CASES[n]
    result = outputs[n]
    assert result["code"] == code, result
    assert _english_in(result["output"]) == [], result["output"]
    words = " ".join(result["output"].split())  # help text is wrapped to the terminal's width
    for text in dutch:
        assert text in words, result["output"]


def test_journeykit_itself_installs_dutch_click(tmp_path):
    """Without any help from the test: journeykit/cli.py calls install_dutch_click()."""
    env = {**os.environ, "JOURNEYKIT_ENTRY_POINTS": "0"}
    for args, text in [
        (["--help"], "Toon het versienummer en stop."),
        (["walk"], "fout: ontbrekende optie '--gemeente'."),
    ]:
        r = subprocess.run(
            [sys.executable, "-m", "journeykit", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
        assert text in r.stdout + r.stderr and not _english_in(r.stdout + r.stderr), r.stdout + r.stderr

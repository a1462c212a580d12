"""What journeykit writes and prints cannot be turned against the user (issue 13, items 9 and 10):
no write through a symbolic link, ordinary file permissions, no half-written file after SIGTERM or
SIGHUP, and no terminal control sequence from data reaching the terminal."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journeykit.render.files import OutputFolder

from conftest import TESTSTAD_DATA, TESTSTAD_PLUGIN, run_cli

NETWORK = [
    "render",
    "network",
    "--gemeente",
    "teststad",
    "--plugin",
    str(TESTSTAD_PLUGIN),
    "--data",
    str(TESTSTAD_DATA),
]


# --- 9. output files -------------------------------------------------------------------------------


def test_render_never_writes_through_a_symlink_named_like_an_output_file(tmp_path):
    victim = tmp_path / "invoer.yaml"
    victim.write_text("personas: []\n", encoding="utf-8")
    out = tmp_path / "uit"
    out.mkdir()
    (out / "netwerk-teststad_huidig.html").symlink_to(victim)
    r = run_cli(*NETWORK, "--out", str(out))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "symbolische koppeling" in r.stderr and "Traceback" not in r.stderr
    assert victim.read_text(encoding="utf-8") == "personas: []\n"
    assert (out / "netwerk-teststad_huidig.html").is_symlink()


def test_a_symlinked_folder_inside_the_output_is_refused_too(tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    out = tmp_path / "uit"
    out.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(Exception, match="symbolische koppeling"):
        OutputFolder(out).write("sub/x.html", "x")
    assert list(elsewhere.iterdir()) == []


def test_an_output_folder_that_is_itself_a_link_is_the_users_choice(tmp_path):
    real = tmp_path / "echt"
    real.mkdir()
    (tmp_path / "koppeling").symlink_to(real, target_is_directory=True)
    OutputFolder(tmp_path / "koppeling").write("a.html", "inhoud")
    assert (real / "a.html").read_text(encoding="utf-8") == "inhoud"


def test_written_files_get_ordinary_permissions(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.umask(0o022); from journeykit.cli import main; "
            "sys.argv = ['journeykit', *sys.argv[1:]]; main()",
            *NETWORK,
            "--out",
            str(tmp_path / "uit"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "JOURNEYKIT_ENTRY_POINTS": "0"},
    )
    assert r.returncode == 0, r.stderr
    for p in (tmp_path / "uit").iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o644, (p.name, oct(p.stat().st_mode))


def _many_journeys(tmp_path: Path, n: int) -> Path:
    data = tmp_path / "data"
    shutil.copytree(TESTSTAD_DATA, data)
    personas = ["jan", "oma-ans", "gezin-de-boer", "piet", "opgever"]
    sms = ["info", "huishoudhulp", "geldzorgen", "alleen", "vervoer", "weduwe", "werkloos"]
    lines = ["reizen:"]
    for i in range(n):
        lines.append(
            f"  - {{id: veel-{i}, naam: Reis {i}, persona: {personas[i % 5]}, "
            f"sleutelmoment: {sms[(i // 5) % 7]}, gemeente: teststad, aanname: t}}"
        )
    (data / "journeys" / "veel.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_leave_no_partial_file(tmp_path, signum):
    data = _many_journeys(tmp_path, 400)
    out = tmp_path / "uit"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "journeykit",
            "render",
            "reizen",
            "--out",
            str(out),
            "--plugin",
            str(TESTSTAD_PLUGIN),
            "--data",
            str(data),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "JOURNEYKIT_ENTRY_POINTS": "0", "PYTHONUNBUFFERED": "1"},
    )
    first = proc.stdout.readline()  # the first file is written: the write loop is running
    assert first.startswith("geschreven"), first + proc.communicate()[1]
    proc.send_signal(signum)
    rest, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, (proc.returncode, err)
    assert "afgebroken" in err and "Traceback" not in err, err
    assert not [p.name for p in out.rglob("*") if p.name.endswith(".part") or p.name.startswith(".tmp-")]


# --- 10. terminal control characters from data ---------------------------------------------------------

# ESC sequences that clear the screen, set the window title and write the clipboard (OSC 52), a bidi
# override, a C1 control and a line separator, as YAML's double-quoted escapes write them.
NASTY_YAML = r"Jan\e[2J\e]0;titel\a\e]52;c;ZWNobyBoaQ==\a\u202Egnikeer\x85\u2028einde"
NASTY = "\x1b[2J", "\x1b]", "\x07", "\u202e", "\x85", "\u2028"


@pytest.fixture
def nasty_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(TESTSTAD_DATA, data)
    path = data / "personas" / "teststad.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("naam: Jan,", f'naam: "{NASTY_YAML}",', 1), encoding="utf-8")
    return data


def _assert_inert(text: str) -> None:
    for raw in NASTY:
        assert raw not in text, repr(raw)


@pytest.mark.parametrize(
    "args",
    [
        ["list", "personas"],
        ["list", "personas", "--format", "json"],
        ["walk", "--gemeente", "teststad", "--persona", "jan", "--sleutelmoment", "info"],
        ["compare", "--persona", "jan", "--sleutelmoment", "info", "--per-ingang"],
        ["walk", "--gemeente", "teststad", "--persona", "nergens", "--sleutelmoment", "info"],
    ],
)
def test_no_control_sequence_from_data_reaches_the_terminal(nasty_data, args):
    r = run_cli(*args, "--plugin", str(TESTSTAD_PLUGIN), "--data", str(nasty_data))
    assert r.returncode in (0, 2), r.stderr
    _assert_inert(r.stdout + r.stderr)
    if args[-1] != "json" and r.returncode == 0 and "nergens" not in args:
        assert "\\x1b[2J" in r.stdout or "\\x1b" in r.stdout  # shown, as an escape, not hidden
    if args[-1] == "json":
        parsed = json.loads(r.stdout)  # still valid JSON, and it says the same: the escapes decode to the name
        if args[0] == "list":
            assert any(p["naam"].startswith("Jan\x1b[2J\x1b]0;titel\x07") for p in parsed["personas"])


def test_terminal_and_json_text_make_every_control_visible():
    from journeykit.render.text import json_text, terminal

    text = "a\x1b[31mb\u202ec\x85d\u2028e\x00f\u200bg"
    shown = terminal(text + "\nvolgende regel")
    _assert_inert(shown)
    assert "\x00" not in shown and "\u200b" not in shown and shown.endswith("\nvolgende regel")
    data = {"naam": text}
    out = json_text(data)
    _assert_inert(out)
    assert json.loads(out) == data


def test_a_plugin_output_format_cannot_write_control_sequences_either(tmp_path):
    plugin = tmp_path / "kleur.py"
    plugin.write_text(
        "from journeykit import hookimpl\n\n@hookimpl\ndef journeykit_output_formats():\n"
        "    return {'kleur': lambda j, c: '\\x1b]52;c;ZWNobyBoaQ==\\x07rood\\n'}\n",
        encoding="utf-8",
    )
    r = run_cli(
        "walk",
        "--gemeente",
        "teststad",
        "--persona",
        "jan",
        "--sleutelmoment",
        "info",
        "--format",
        "kleur",
        "--plugin",
        str(plugin),
        "--plugin",
        str(TESTSTAD_PLUGIN),
        "--data",
        str(TESTSTAD_DATA),
    )
    assert r.returncode == 0, r.stderr
    _assert_inert(r.stdout)
    assert "rood" in r.stdout


def test_sigterm_of_a_command_that_writes_nothing_exits_cleanly(tmp_path):
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "journeykit",
            "loops",
            "--plugin",
            str(Path(__file__).parent / "hostile" / "plugins" / "traag_toets.py"),
            "--plugin",
            str(TESTSTAD_PLUGIN),
            "--data",
            str(TESTSTAD_DATA),
            "--jobs",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "JOURNEYKIT_ENTRY_POINTS": "0", "HOSTILE_MARKER": str(tmp_path / "bezig")},
    )
    deadline = time.monotonic() + 60
    while not (tmp_path / "bezig").exists():
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM and "Traceback" not in err, err

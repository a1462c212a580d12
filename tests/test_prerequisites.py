"""What `make run` and `make test` need is stated once and agrees everywhere (issue 13, item 2).

tests/browser/package.json (engines.node) is the one source of the Node.js version: the README
names the same major version, and scripts/setup-browser-tests.sh reads it from there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tests" / "browser" / "package.json"
SCRIPT = ROOT / "scripts" / "setup-browser-tests.sh"


def required_node() -> int:
    spec = json.loads(PACKAGE.read_text(encoding="utf-8"))["engines"]["node"]
    m = re.fullmatch(r">=\s*(\d+)", spec)
    assert m, f"engines.node is '{spec}'; the setup script understands only '>=N'"
    return int(m.group(1))


def quick_start() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^## Snel aan de slag\n(.*?)^## ", readme, re.MULTILINE | re.DOTALL)
    assert m, "README.md heeft geen sectie 'Snel aan de slag'"
    return m.group(1)


def test_the_quick_start_keeps_its_two_commands():
    block = re.search(r"```sh\n(.*?)```", quick_start(), re.DOTALL).group(1)
    assert [line.split("#")[0].strip() for line in block.splitlines()] == ["make run", "make test"]


def test_the_readme_states_what_each_command_needs():
    text = " ".join(quick_start().split())
    assert "Voor `make run` heb je alleen Python 3.11 (of nieuwer) en `make` nodig." in text
    for needed in ("npm", "chromium", "graphviz", "apt-get", "root", "sudo"):
        assert needed in text, needed


def test_the_readme_names_the_node_version_of_package_json():
    versions = re.findall(r"Node\.js (\d+)", quick_start())
    assert versions == [str(required_node())]
    # and no other Node.js version anywhere in the README
    assert set(
        re.findall(r"(?i)node(?:\.js)?\s*(?:>=\s*|v)?(\d+)", (ROOT / "README.md").read_text(encoding="utf-8"))
    ) == {str(required_node())}


def test_the_lock_file_agrees_with_package_json():
    lock = json.loads(PACKAGE.with_name("package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["engines"]["node"] == f">={required_node()}"  # npm install copies it


def test_the_setup_script_states_no_node_version_of_its_own():
    script = SCRIPT.read_text(encoding="utf-8")
    assert not re.findall(r"(?i)(?:node(?:\.js)?\s+v?|>=\s*|≥\s*)\d+", script)
    assert "engines.node" in script and "package.json" in script


def _fake_bin(tmp_path: Path, node_version: str | None) -> dict:
    """A PATH with the tools the script uses, and a `node` that reports node_version (or none)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sed", "mktemp", "rm", "dirname", "tail"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    if node_version is not None:
        (bin_dir / "node").write_text(f"#!/bin/sh\necho {node_version}\n", encoding="utf-8")
        (bin_dir / "npm").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
        (bin_dir / "node").chmod(0o755)
        (bin_dir / "npm").chmod(0o755)
    return {**os.environ, "PATH": str(bin_dir)}


def _check_node(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [shutil.which("bash"), str(SCRIPT), "--check-node"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "version, ok",
    [("v{n}.0.0", True), ("v{n+3}.1.2", True), ("v{n-2}.19.0", False), ("v9.11.2", False), ("onzin", False)],
)
def test_the_setup_script_checks_node_against_package_json(tmp_path, version, ok):
    n = required_node()
    version = version.replace("{n}", str(n)).replace("{n+3}", str(n + 3)).replace("{n-2}", str(n - 2))
    r = _check_node(_fake_bin(tmp_path, version))
    assert (r.returncode == 0) == ok, r.stdout + r.stderr
    if not ok:
        assert f"Node.js {n} or newer" in r.stderr and "package.json" in r.stderr, r.stderr


def test_the_setup_script_says_which_node_is_needed_when_there_is_none(tmp_path):
    r = _check_node(_fake_bin(tmp_path, None))
    assert r.returncode == 1 and "node not found" in r.stderr and f"Node.js {required_node()} or newer" in r.stderr


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is niet geïnstalleerd")
def test_the_node_on_this_machine_is_new_enough():
    r = _check_node(dict(os.environ))
    assert r.returncode == 0, r.stderr

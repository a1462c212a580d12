"""Shared fixtures: the fictional Teststad and helpers to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeykit import cache

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TESTSTAD_PLUGIN = FIXTURES / "teststad_plugin.py"
TESTSTAD_DATA = FIXTURES / "data"


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory):
    """The suite, and the processes it starts, use a load cache of their own, not the user's.

    Unless the cache is turned off (`make mutate` does): mutmut sees which tests call a loader
    function only when each test really loads its files.
    """
    if cache.directory() is None:
        return
    os.environ["JOURNEYKIT_CACHE"] = str(tmp_path_factory.mktemp("journeykit-cache"))


@pytest.fixture(autouse=True)
def _isolated_plugins(monkeypatch):
    """Tests see only the plugins they load themselves, unless they opt in."""
    monkeypatch.setenv("JOURNEYKIT_ENTRY_POINTS", "0")
    monkeypatch.delenv("JOURNEYKIT_PLUGINS", raising=False)


@pytest.fixture
def cat():
    from journeykit.api import open_catalog  # here, not at the top: tests of the loader alone start faster

    c = open_catalog(TESTSTAD_DATA, [str(TESTSTAD_PLUGIN)], entry_points=False)
    c.raise_for_errors()
    assert not c.plugin_errors, c.plugin_errors
    return c


# The shipped plugins, by entry-point name: tests about the shipped data load exactly these, whatever else
# a developer has installed into the venv (a plugin from the guide, say).
SHIPPED_PLUGINS = ("breda", "nijmegen", "rotterdam")
SHIPPED_ENV = {"JOURNEYKIT_ENTRY_POINTS": "1", "JOURNEYKIT_LOAD_PLUGINS": ",".join(SHIPPED_PLUGINS)}


def open_shipped():
    """The shipped data with the shipped plugins and nothing else."""
    from journeykit.api import open_catalog

    c = open_catalog(ROOT, entry_points=SHIPPED_PLUGINS)
    c.raise_for_errors()
    assert not c.plugin_errors, c.plugin_errors
    return c


TESTSTAD_ARGS = ["--plugin", str(TESTSTAD_PLUGIN), "--data", str(TESTSTAD_DATA)]


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run journeykit as a real process (to see exit codes and stderr exactly as a user would)."""
    full_env = {**os.environ, "JOURNEYKIT_ENTRY_POINTS": "0", **(env or {})}
    full_env.pop("JOURNEYKIT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "journeykit", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=120,
    )


@pytest.fixture
def cli():
    from journeykit.cli import cli as command

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(command, list(args), catch_exceptions=False)

    return invoke

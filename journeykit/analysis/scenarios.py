"""Scenario files: a proposed change to a gemeente, tested before it exists (applied by ``changes.apply``)."""

from __future__ import annotations

from pathlib import Path

from journeykit import model as m
from journeykit.changes import apply
from journeykit.errors import LoadError, LoadErrors
from journeykit.loading import load_path


def load_scenario(path: Path) -> m.Scenario:
    """Read one scenario file (raises LoadErrors)."""
    inhoud = load_path(path)
    if len(inhoud.scenarios) != 1 or inhoud.personas or inhoud.gemeenten or inhoud.reizen:
        raise LoadErrors(
            [LoadError(str(path), None, "scenario", "een scenariobestand bevat precies één 'scenario' en verder niets")]
        )
    return inhoud.scenarios[0]


# Applying lives a layer down, so the loader can check the risks a gemeente ships in the same way.
__all__ = ["apply", "load_scenario"]

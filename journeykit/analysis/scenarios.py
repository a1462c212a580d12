"""Scenario files: a proposed change to a gemeente, tested before it exists (read by ``loading.load_scenario``,
applied by ``changes.apply``)."""

from __future__ import annotations

from journeykit.changes import apply
from journeykit.loading import load_scenario

# Reading and applying live a layer down, so the catalog can apply the scenarios of a run, and the loader can
# check the risks a gemeente ships in the same way.
__all__ = ["apply", "load_scenario"]

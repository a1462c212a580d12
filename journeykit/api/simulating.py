"""Simulating a year of a gemeente: waiting at the ingangen, who gives up, what it costs (`journeykit simulate`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from journeykit import model as m
from journeykit.catalog import Catalog

if TYPE_CHECKING:
    from journeykit.analysis.capacity import Simulatie, SimVergelijking
    from journeykit.analysis.simulation import Plan


def simulation_plan(cat: Catalog, g: m.Gemeente) -> Plan:
    """What a simulation of situation ``g`` needs: each stream's routes, each ingang's staff (LoadErrors if not)."""
    from journeykit.analysis.simulation import plan
    from journeykit.engine import Walker

    return plan(cat, g, Walker(g, beslisser=cat.route_by_plugin))


def simulate(
    cat: Catalog,
    g: m.Gemeente,
    dagen: int = 365,
    seed: int = 0,
    herhalingen: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Simulatie:
    """``herhalingen`` simulated runs of ``dagen`` days of situation ``g``."""
    from journeykit.analysis.capacity import simulate as run

    return run(simulation_plan(cat, g), dagen, seed, herhalingen, progress)


def simulate_change(
    cat: Catalog,
    before: m.Gemeente,
    after: m.Gemeente,
    dagen: int = 365,
    seed: int = 0,
    herhalingen: int = 1,
    progress: Callable[[int], None] | None = None,
) -> SimVergelijking:
    """Two situations simulated on the same residents, side by side."""
    from journeykit.analysis.capacity import compare

    return compare(simulation_plan(cat, before), simulation_plan(cat, after), dagen, seed, herhalingen, progress)

"""The Python API. The command line is a thin layer over these functions.

``from journeykit import api`` gives them all; each lives in the module of its job: opening a
catalog, walking one journey, checking journey cases, comparing situations.
"""

from journeykit.analysis.checks import Getoetst, Principecheck, expectation_failures, violations  # noqa: F401
from journeykit.analysis.plugin_checks import checks_for, output_formats  # noqa: F401
from journeykit.analysis.sweeps import LusRapport, Progress, coverage, loops, sweep_targets  # noqa: F401
from journeykit.api.checking import check_aandelen, check_reizen, check_scenarios  # noqa: F401
from journeykit.api.comparing import (  # noqa: F401
    compare,
    diff,
    diff_case,
    diff_cases,
    diff_scenario,
    diff_variants,
    gevoeligheid,
    scenario_views,
    with_risks,
)
from journeykit.api.opening import data_paths, find_data, open_catalog  # noqa: F401
from journeykit.api.simulating import simulate, simulate_change, simulation_plan  # noqa: F401
from journeykit.api.walking import (  # noqa: F401
    CaseMap,
    case_maps,
    matrix_cells,
    opgelost_naar_kans,
    other_routes,
    regie_bekend,
    verdeling,
    walk,
    walk_household,
    walk_risks,
)

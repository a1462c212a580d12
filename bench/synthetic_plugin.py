"""A journeykit plugin serving synthetic data, sized by environment variables (for `make bench`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from journeykit import hookimpl

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # noqa: E402


def _n(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


@hookimpl
def journeykit_gemeenten():
    return [synthetic.gemeente(_n("BENCH_INGANGEN", 50), _n("BENCH_REGELS", 500))]


@hookimpl
def journeykit_personas():
    return synthetic.personas(_n("BENCH_PERSONAS", 100)) + synthetic.sleutelmomenten(_n("BENCH_MOMENTEN", 10))

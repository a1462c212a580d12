"""Een principetoets die per reis 20 ms slaapt: maakt een sweep traag genoeg om te onderbreken."""

import os
import time
from pathlib import Path

from journeykit import hookimpl


def toets(journey):
    marker = os.environ.get("HOSTILE_MARKER")
    if marker and not Path(marker).exists():
        Path(marker).write_text("bezig", encoding="utf-8")
    time.sleep(0.02)
    return []


@hookimpl
def journeykit_principle_checks(gemeente):
    return {"plugin-principe": toets}

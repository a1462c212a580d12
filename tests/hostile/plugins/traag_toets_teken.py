"""Een principetoets die per reis 20 ms slaapt en laat zien dat elk proces van een sweep bezig is.

Na de tiende toets in een proces maakt hij het bestand <HOSTILE_MARKERS>/<pid>: dan is dat proces
(het hoofdproces bij --jobs 1, anders elk werkproces) al een tijdje aan het lopen. Een test wacht op
één bestand per proces en weet dan zeker dat een Ctrl-C midden in de sweep valt.
"""

import os
import time
from pathlib import Path

from journeykit import hookimpl

_calls = {"pid": None, "n": 0}


def toets(journey):
    time.sleep(0.02)
    if _calls["pid"] != os.getpid():  # a forked worker starts counting afresh
        _calls.update(pid=os.getpid(), n=0)
    _calls["n"] += 1
    folder = os.environ.get("HOSTILE_MARKERS")
    if folder and _calls["n"] == 10:
        (Path(folder) / str(os.getpid())).touch()
    return []


@hookimpl
def journeykit_principle_checks(gemeente):
    return {"plugin-principe": toets}

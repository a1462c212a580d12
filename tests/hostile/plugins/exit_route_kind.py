"""Een routeringsplugin die een werkproces hard beëindigt (os._exit), wat geen vangnet in een proces tegenhoudt.

In een parallelle sweep mag het hoofdproces dan niet eeuwig op dat dode werkproces wachten.
"""

import multiprocessing
import os

from journeykit import hookimpl


@hookimpl(tryfirst=True)
def journeykit_route(beslisser, gemeente, ingang, situatie):
    if multiprocessing.parent_process() is not None:
        os._exit(0)

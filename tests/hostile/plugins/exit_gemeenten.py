"""journeykit_gemeenten roept sys.exit() aan."""

import sys

from journeykit import hookimpl


@hookimpl
def journeykit_gemeenten():
    sys.exit(4)

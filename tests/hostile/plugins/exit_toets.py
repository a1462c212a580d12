"""Een principetoets die sys.exit(0) aanroept: maakte vroeger van een falende `check` een geslaagde."""

import sys

from journeykit import hookimpl


def toets(journey):
    sys.exit(0)


@hookimpl
def journeykit_principle_checks(gemeente):
    return {"plugin-principe": toets}

"""Een principetoets die nooit terugkomt: de tijdsgrens per plugin-aanroep moet ook hier gelden."""

import threading

from journeykit import hookimpl


def toets(journey):
    threading.Event().wait()


@hookimpl
def journeykit_principle_checks(gemeente):
    return {"plugin-principe": toets}

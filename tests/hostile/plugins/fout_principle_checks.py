"""journeykit_principle_checks gooit een uitzondering."""

from journeykit import hookimpl


@hookimpl
def journeykit_principle_checks(gemeente):
    raise RuntimeError("stuk in principle_checks")

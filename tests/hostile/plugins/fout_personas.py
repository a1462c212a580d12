"""journeykit_personas gooit een uitzondering."""

from journeykit import hookimpl


@hookimpl
def journeykit_personas():
    raise RuntimeError("stuk in personas")

"""journeykit_gemeenten gooit een uitzondering."""

from journeykit import hookimpl


@hookimpl
def journeykit_gemeenten():
    raise RuntimeError("stuk in gemeenten")

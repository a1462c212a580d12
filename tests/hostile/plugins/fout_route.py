"""journeykit_route gooit een uitzondering."""

from journeykit import hookimpl


@hookimpl
def journeykit_route(beslisser, gemeente, ingang, situatie):
    raise RuntimeError("stuk in route")

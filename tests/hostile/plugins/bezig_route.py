"""journeykit_route komt nooit terug (rekent eindeloos door)."""

from journeykit import hookimpl


@hookimpl(tryfirst=True)
def journeykit_route(beslisser, gemeente, ingang, situatie):
    n = 0
    while True:
        n += 1

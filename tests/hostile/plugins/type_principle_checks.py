"""journeykit_principle_checks geeft een lijst in plaats van een dict."""

from journeykit import hookimpl


@hookimpl
def journeykit_principle_checks(gemeente):
    return ["geen-lus"]

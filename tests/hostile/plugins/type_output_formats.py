"""journeykit_output_formats geeft een lijst in plaats van een dict."""

from journeykit import hookimpl


@hookimpl
def journeykit_output_formats():
    return ["kapot"]

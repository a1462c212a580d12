"""journeykit_output_formats gooit een uitzondering."""

from journeykit import hookimpl


@hookimpl
def journeykit_output_formats():
    raise RuntimeError("stuk in output_formats")

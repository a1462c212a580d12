"""Een uitvoerformaat dat sys.exit(0) aanroept: eindigde vroeger `walk` zonder uitvoer en met exitcode 0."""

import sys

from journeykit import hookimpl


def formaat(journey, context):
    sys.exit(0)


@hookimpl
def journeykit_output_formats():
    return {"stil": formaat}

"""Levert een gemeente-map waarvan de YAML niet klopt."""

from pathlib import Path

from journeykit import hookimpl


@hookimpl
def journeykit_gemeenten():
    return [Path(__file__).parent.parent / "gemeenten" / "onbekende-ingang"]

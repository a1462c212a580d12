"""Levert gemeente 'mini'; samen met de andere dubbel-plugin claimen ze dezelfde id."""

from pathlib import Path

from journeykit import hookimpl


@hookimpl
def journeykit_gemeenten():
    return [Path(__file__).parent.parent / "gemeenten" / "mini"]

"""Breda: Zorg voor elkaar Breda (uitvoeringsplan 2021-2022 and the sociale-basis business case)."""

from pathlib import Path

from journeykit.hookspecs import hookimpl

HERE = Path(__file__).parent


@hookimpl
def journeykit_gemeenten():
    return [HERE / "data"]

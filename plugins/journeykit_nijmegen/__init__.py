"""Nijmegen: ingangen and buurtteams (advies ingangen buurtteams en klantreis), old and new situation."""

from pathlib import Path

from journeykit.hookspecs import hookimpl

HERE = Path(__file__).parent


@hookimpl
def journeykit_gemeenten():
    return [HERE / "data"]

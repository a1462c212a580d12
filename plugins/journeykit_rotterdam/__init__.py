"""Rotterdam: VraagWijzer and wijknetwerk, and doelgroepenvervoer as a second klantreis (Wmo 2015 in uitvoering)."""

from pathlib import Path

from journeykit.hookspecs import hookimpl

HERE = Path(__file__).parent


@hookimpl
def journeykit_gemeenten():
    return [HERE / "data", HERE / "vervoer"]

"""`journeykit gevoeligheid`: which conclusions of a diff flip when one assumption is switched off."""

from __future__ import annotations

import click

from journeykit.cli.core import Command, State, emit, pass_state
from journeykit.cli.options import change_options, chosen_change, data_options, format_option, jobs_option


@click.command(cls=Command)
@change_options
@jobs_option
@format_option()
@data_options
@pass_state
def gevoeligheid(state: State, gemeente: str | None, van: str | None, naar: str | None, jobs: int, fmt: str) -> None:
    """Welke conclusies van een diff rusten op welke aanname? Laat elke aanname om beurten weg."""
    from journeykit import api
    from journeykit.render import diffs

    cat = state.open()
    before, after = chosen_change(cat, gemeente, van, naar)
    s = api.gevoeligheid(cat, before, after, jobs=jobs)
    emit(fmt, lambda: diffs.gevoeligheid_json(s), lambda: diffs.gevoeligheid_text(s))

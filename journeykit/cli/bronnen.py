"""`journeykit bronnen`: is every quote verbatim in its source?"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from journeykit.cli.core import Command, State, emit, pass_state
from journeykit.cli.options import data_options, format_option


@click.command(cls=Command)
@click.option(
    "--bronnen",
    "folder",
    required=True,
    metavar="MAP",
    help="Map met de brondocumenten als tekst (de bestandsnamen die 'bron' noemt).",
)
@format_option()
@data_options
@pass_state
def bronnen(state: State, folder: str, fmt: str) -> None:
    """Controleer of elk citaat letterlijk in zijn bron staat (witruimte en aanhalingstekens genormaliseerd)."""
    from journeykit.analysis.bronnen import check_quotes
    from journeykit.catalog import PERSONAS, REIZEN
    from journeykit.render import check_report

    cat = state.open(needs=(PERSONAS, REIZEN), data_needed=False)
    c = check_quotes(cat, Path(folder))
    emit(fmt, lambda: check_report.bronnen_json(c), lambda: check_report.bronnen_text(c))
    if not c.ok:
        sys.exit(1)

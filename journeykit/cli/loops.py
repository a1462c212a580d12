"""`journeykit loops`: kastje-naar-de-muur loops over every persona, sleutelmoment and first contact."""

from __future__ import annotations

import sys

import click

from journeykit.cli.core import Command, Progress, State, echo, emit, pass_state
from journeykit.cli.options import data_options, format_option, jobs_option, risks_option, sweep_options


@click.command(cls=Command)
@sweep_options
@click.option("--fail-on-loop", is_flag=True, help="Exitcode 1 als er een lus gevonden wordt.")
@click.option("--no-generated", "zonder_varianten", is_flag=True, help="Geen gegenereerde persona-varianten meenemen.")
@click.option(
    "--ungrouped",
    "zonder_groepering",
    is_flag=True,
    help="Elk geval apart lopen, ook als de routering het niet van een ander kan onderscheiden (trager).",
)
@risks_option
@jobs_option
@format_option()
@data_options
@pass_state
def loops(
    state: State,
    gemeente: str | None,
    variant: str | None,
    fail_on_loop: bool,
    zonder_varianten: bool,
    zonder_groepering: bool,
    met_risicos: bool,
    jobs: int,
    fmt: str,
) -> None:
    """Zoek kastje-naar-de-muur-lussen over alle persona's, sleutelmomenten en eerste contacten."""
    from journeykit import api
    from journeykit.render import analyses

    cat = state.open()
    with Progress() as progress:
        rapport = api.loops(
            cat,
            gemeente,
            variant,
            generated=not zonder_varianten,
            progress=progress,
            jobs=jobs,
            grouped=not zonder_groepering,
            met_risicos=met_risicos,
        )
    emit(fmt, lambda: analyses.loops_json(rapport), lambda: analyses.loops_text(rapport, cat))
    found = bool(rapport.aggregaat.lussen)
    if fail_on_loop and (found or cat.plugin_errors):
        if not found:
            echo(
                "Geen lus gevonden, maar een plugin faalde (zie de waarschuwingen): de controle telt als niet "
                "geslaagd.",
                err=True,
            )
        sys.exit(1)

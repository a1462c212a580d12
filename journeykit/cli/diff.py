"""`journeykit diff`: what changes per case between two varianten, or by a scenario."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from journeykit.cli.core import Command, State, echo, emit, pass_state
from journeykit.cli.options import data_options, format_option, jobs_option


@click.command(cls=Command)
@click.option("--gemeente", help="Gemeente-id (met --from en --to).")
@click.option("--from", "van", help="Variant vóór de verandering.")
@click.option("--to", "naar", help="Variant na de verandering.")
@click.option("--scenario", type=click.Path(exists=True, dir_okay=False), help="Een scenariobestand.")
@click.option("--strict", is_flag=True, help="Exitcode 1 als de verandering een lus of principeschending toevoegt.")
@click.option("--all", "alles", is_flag=True, help="Toon ook de gevallen die niet veranderen.")
@jobs_option
@format_option()
@data_options
@pass_state
def diff(
    state: State,
    gemeente: str | None,
    van: str | None,
    naar: str | None,
    scenario: str | None,
    strict: bool,
    alles: bool,
    jobs: int,
    fmt: str,
) -> None:
    """Wat verandert er per geval tussen twee varianten, of door een scenario?"""
    from journeykit import api
    from journeykit.render import analyses

    if scenario and (gemeente or van or naar):
        raise click.UsageError("gebruik --scenario óf --gemeente met --from en --to, niet allebei")
    if not scenario and not (gemeente and van and naar):
        raise click.UsageError("geef --gemeente, --from en --to, of --scenario")
    cat = state.open()
    if scenario:
        d = api.diff_scenario(cat, Path(scenario), jobs=jobs)
    else:
        assert gemeente and van and naar  # checked above
        d = api.diff_variants(cat, gemeente, van, naar, jobs=jobs)
    emit(fmt, lambda: analyses.diff_json(d, alles), lambda: analyses.diff_text(d, alles))
    worse = bool(d.nieuwe_lussen or d.nieuwe_schendingen)
    if strict and (worse or cat.plugin_errors):
        if not worse:
            echo(
                "Geen nieuwe lus of schending gevonden, maar een plugin faalde (zie de waarschuwingen): de controle "
                "telt als niet geslaagd.",
                err=True,
            )
        sys.exit(1)

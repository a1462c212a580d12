"""`journeykit diff`: what changes per case between two varianten, or by a scenario."""

from __future__ import annotations

import sys

import click

from journeykit.cli.core import Command, State, echo, emit, pass_state
from journeykit.cli.options import (
    change_options,
    chosen_change,
    data_options,
    format_option,
    jobs_option,
    risks_option,
    tables_out_option,
)


@click.command(cls=Command)
@change_options
@click.option("--strict", is_flag=True, help="Exitcode 1 als de verandering een lus of principeschending toevoegt.")
@click.option("--all", "alles", is_flag=True, help="Toon ook de gevallen die niet veranderen.")
@risks_option
@jobs_option
@format_option()
@tables_out_option
@data_options
@pass_state
def diff(
    state: State,
    gemeente: str | None,
    van: str | None,
    naar: str | None,
    strict: bool,
    alles: bool,
    met_risicos: bool,
    jobs: int,
    fmt: str,
    out: str | None,
) -> None:
    """Wat verandert er per geval tussen twee varianten, of door een scenario?"""
    from journeykit import api
    from journeykit.render import diffs

    cat = state.open()
    before, after = chosen_change(cat, gemeente, van, naar)
    d = api.diff(cat, before, after, jobs=jobs)
    if met_risicos:
        d = api.with_risks(cat, d, after, jobs=jobs)
    if out is not None:
        from journeykit.cli.files import write
        from journeykit.render import outputs

        write(out, outputs.diff_tables(d, before, after, cat, alles), err=True)  # stdout is for the diff itself
    emit(fmt, lambda: diffs.diff_json(d, alles), lambda: diffs.diff_text(d, alles))
    worse = bool(d.nieuwe_lussen or d.nieuwe_schendingen)
    if strict and (worse or cat.plugin_errors):
        if not worse:
            echo(
                "Geen nieuwe lus of schending gevonden, maar een plugin faalde (zie de waarschuwingen): de controle "
                "telt als niet geslaagd.",
                err=True,
            )
        sys.exit(1)

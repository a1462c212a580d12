"""`journeykit check`: the data, the plugins, and every journey case against its expectations."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from journeykit.cli.core import Command, Progress, State, emit, pass_state
from journeykit.cli.options import data_options, format_option, jobs_option

if TYPE_CHECKING:
    from journeykit import model as m
    from journeykit.catalog import Catalog


@click.command(cls=Command)
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--gemeente", help="Alleen de reiscasussen (en met --coverage de sweep) van deze gemeente.")
@click.option("--coverage", is_flag=True, help="Meld welke ingangen geen geval bereikt en welke regels nooit vuren.")
@jobs_option
@format_option()
@data_options
@pass_state
def check(state: State, paths: tuple[str, ...], gemeente: str | None, coverage: bool, jobs: int, fmt: str) -> None:
    """Controleer data en plugins, loop alle reiscasussen en toets hun verwachtingen.

    Zonder PATHS: de reizen in journeys/. Met PATHS: die bestanden of mappen.
    """
    from journeykit import api
    from journeykit.render import check_report

    cat = state.open(paths, needs=(), data_needed=not paths)
    _raise_load_errors(cat)
    if gemeente:
        cat.gemeente(gemeente)  # a clear error for an unknown gemeente
    results = api.check_reizen(cat, _chosen(cat, paths, gemeente), jobs=jobs)
    gaten = None
    if coverage:
        with Progress() as progress:
            gaten = api.coverage(cat, results, progress, jobs=jobs, gemeente=gemeente)
    # Shares are about the model as a whole: checked with the whole data, not with a few files.
    aandelen = [] if paths else api.check_aandelen(cat, gemeente)
    emit(
        fmt,
        lambda: check_report.check_json(results, gaten, cat, aandelen),
        lambda: check_report.check_text(results, gaten, cat, aandelen),
    )
    if not check_report.check_ok(results, cat, aandelen):
        sys.exit(1)


def _raise_load_errors(cat: Catalog) -> None:
    """Every error in the data, in the plugins' data and in the scenarios, at once."""
    from journeykit import api
    from journeykit.errors import LoadErrors

    fouten = cat.load_errors + [f for fs in cat.plugin_load_errors.values() for f in fs] + api.check_scenarios(cat)
    if fouten:
        raise LoadErrors(fouten)


def _chosen(cat: Catalog, paths: tuple[str, ...], gemeente: str | None) -> list[m.Reiscasus]:
    """The journey cases in ``paths`` (files or folders; all without), of ``gemeente`` if given."""
    only = list(cat.reizen.values())
    if paths:
        chosen = [Path(p).resolve() for p in paths]

        def inside(r: m.Reiscasus) -> bool:
            if not r.plaats:
                return False
            path = Path(r.plaats.bestand).resolve()
            return any(path == c or c in path.parents for c in chosen)

        only = [r for r in only if inside(r)]
    if gemeente:
        only = [r for r in only if r.gemeente == gemeente]
    return only

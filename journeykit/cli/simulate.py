"""`journeykit simulate`: a year of a gemeente, with queues at its ingangen, waiting, giving up and costs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from journeykit.cli.core import Command, State, emit, pass_state
from journeykit.cli.options import chosen_change, data_options, export_options, format_option

if TYPE_CHECKING:
    from journeykit.analysis.capacity import Simulatie, SimVergelijking


@contextmanager
def _progress(herhalingen: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on a terminal's stderr (rich); nothing when stderr is a file or a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("simuleren", total=herhalingen)
        yield lambda done: bar.update(task, completed=done)


@click.command(cls=Command)
@click.option("--gemeente", help="Gemeente-id (met --scenario mag het weg).")
@click.option("--variant", help="De situatie (standaard die van de gemeente).")
@click.option(
    "--vergelijk",
    is_flag=True,
    help="Vergelijk twee situaties op dezelfde inwoners: --from en --to, of zonder die twee de situatie vóór en"
    " na de --scenario's.",
)
@click.option("--from", "van", help="Met --vergelijk: de situatie vóór de verandering.")
@click.option("--to", "naar", help="Met --vergelijk: de situatie na de verandering.")
@click.option("--dagen", type=click.IntRange(1, 3650), default=365, show_default=True, help="Hoeveel dagen.")
@click.option(
    "--seed", type=click.IntRange(0, 2**32 - 1), default=0, show_default=True, help="Zelfde seed, zelfde uitkomst."
)
@click.option(
    "--herhalingen",
    type=click.IntRange(1, 1000),
    default=1,
    show_default=True,
    help="Hoe vaak het jaar gesimuleerd wordt; vanaf 2 met een 95 %-interval bij elk getal.",
)
@click.option(
    "--out",
    default=None,
    metavar="MAP",
    type=click.Path(file_okay=False),
    help="Schrijf ook een HTML-rapport met grafieken in deze map; journeykit schrijft alleen daarbinnen.",
)
@export_options
@format_option()
@data_options
@pass_state
def simulate(
    state: State,
    gemeente: str | None,
    variant: str | None,
    vergelijk: bool,
    van: str | None,
    naar: str | None,
    dagen: int,
    seed: int,
    herhalingen: int,
    out: str | None,
    fmt: str,
) -> None:
    """Simuleer een jaar: hoe lang wachten inwoners bij elke ingang, wie haakt af, en wat kost het?"""
    from journeykit import api
    from journeykit.render import simulation

    cat = state.open()
    if (van or naar) and not vergelijk:
        raise click.UsageError("--from en --to horen bij --vergelijk")
    if vergelijk:
        if variant:
            raise click.UsageError("kies bij --vergelijk de situaties met --from en --to, niet met --variant")
        before, after = chosen_change(cat, gemeente, van, naar)
        with _progress(herhalingen) as progress:
            c = api.simulate_change(cat, before, after, dagen, seed, herhalingen, progress)
        if out is not None:
            _write_report(out, c, before.naam)
        emit(fmt, lambda: simulation.vergelijking_json(c), lambda: simulation.vergelijking_text(c))
        return
    if not gemeente:
        if len(cat.toegepast) != 1:
            raise click.UsageError("geef --gemeente")
        gemeente = next(iter(cat.toegepast))
    g = cat.gemeente(gemeente, variant)
    with _progress(herhalingen) as progress:
        s = api.simulate(cat, g, dagen, seed, herhalingen, progress)
    if out is not None:
        _write_report(out, s, g.naam)
    emit(fmt, lambda: simulation.simulatie_json(s), lambda: simulation.simulatie_text(s))


def _write_report(out: str, result: Simulatie | SimVergelijking, gemeente_naam: str) -> None:
    from journeykit.cli.files import write
    from journeykit.render import outputs

    write(out, outputs.simulation_report(result, gemeente_naam), err=True)  # stdout is for the result itself

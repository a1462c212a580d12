"""`journeykit list`: the gemeenten, persona's, sleutelmomenten or ingangen in the data."""

from __future__ import annotations

import click

from journeykit.cli.core import Command, State, emit, pass_state
from journeykit.cli.options import data_options, format_option


@click.command("list", cls=Command)
@click.argument("wat", type=click.Choice(["gemeenten", "personas", "sleutelmomenten", "ingangen"]))
@click.option("--gemeente", help="Gemeente (voor ingangen).")
@click.option("--variant", help="Variant van de gemeente (voor ingangen).")
@format_option()
@data_options
@pass_state
def list_cmd(state: State, wat: str, gemeente: str | None, variant: str | None, fmt: str) -> None:
    """Toon gemeenten, persona's, sleutelmomenten of ingangen."""
    from journeykit.render import reports

    about_people = wat in ("personas", "sleutelmomenten")
    cat = state.open(needs=("personas",) if about_people else (), data_needed=about_people)
    if wat == "ingangen" and not gemeente:
        raise click.UsageError("'list ingangen' vraagt om --gemeente")
    rows = reports.list_rows(cat, wat, gemeente, variant)
    emit(fmt, lambda: reports.list_json(wat, rows, cat), lambda: reports.list_text(wat, rows))

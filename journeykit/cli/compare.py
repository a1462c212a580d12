"""`journeykit compare`: one persona and sleutelmoment across gemeenten, varianten and first contacts."""

from __future__ import annotations

import click

from journeykit.cli.core import Command, State, emit, pass_state
from journeykit.cli.options import compare_options, data_options, format_option, jobs_option, tables_out_option


@click.command(cls=Command)
@compare_options
@jobs_option
@format_option()
@tables_out_option
@data_options
@pass_state
def compare(
    state: State,
    persona: str,
    sleutelmoment: str,
    vraag: str | None,
    gemeenten: tuple[str, ...],
    per_ingang: bool,
    jobs: int,
    fmt: str,
    out: str | None,
) -> None:
    """Vergelijk een persona en sleutelmoment over gemeenten, varianten en eerste contacten."""
    from journeykit import api
    from journeykit.render import analyses

    cat = state.open()
    v = api.compare(cat, persona, sleutelmoment, gemeenten, per_ingang, vraag, jobs=jobs)
    if out is not None:
        from journeykit.cli.files import write
        from journeykit.render import outputs

        write(out, outputs.compare_tables(v, cat), err=True)  # stdout is for the comparison itself
    emit(fmt, lambda: analyses.compare_json(v), lambda: analyses.compare_text(v, cat))

"""`journeykit walk`: one journey, step by step."""

from __future__ import annotations

import click

from journeykit.cli.core import Command, State, emit, pass_state
from journeykit.cli.options import data_options, format_option, journey_options


@click.command(cls=Command)
@journey_options
@format_option(plugin_formats=True)
@data_options
@pass_state
def walk(
    state: State,
    gemeente: str,
    persona: str,
    sleutelmoment: str,
    variant: str | None,
    ingang: str | None,
    vraag: str | None,
    fmt: str,
) -> None:
    """Loop een reis stap voor stap en leg uit waarom elke stap gebeurt."""
    from journeykit import api
    from journeykit.render import reports

    cat = state.open()
    formats = api.output_formats(cat)
    if fmt != "json" and fmt not in formats:
        raise click.BadParameter(
            f"onbekend formaat '{fmt}'; kies uit: json, {', '.join(sorted(formats))}", param_hint="--format"
        )
    j, schendingen = api.walk(cat, gemeente, persona, sleutelmoment, variant, ingang, vraag)

    def text() -> str:
        context = {
            "gemeente": cat.gemeente(gemeente, variant),
            "persona": cat.persona(persona),
            "sleutelmoment": cat.sleutelmoment(sleutelmoment),
            "schendingen": schendingen,
        }
        return formats[fmt](j, context)  # a plugin's format runs inside the plugin guard

    emit(fmt, lambda: reports.walk_json(j, schendingen), text)

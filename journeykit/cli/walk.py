"""`journeykit walk`: one journey, step by step."""

from __future__ import annotations

import click

from journeykit.cli.core import Command, State, emit, pass_state
from journeykit.cli.options import data_options, format_option, walk_options


@click.command(cls=Command)
@walk_options
@click.option(
    "--steekproef",
    type=click.IntRange(min=1),
    metavar="N",
    help="Waar regels kansen hebben: een steekproef van N reizen in plaats van de precieze verdeling.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Startwaarde van de steekproef.")
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
    vragen: tuple[str, ...],
    steekproef: int | None,
    seed: int,
    fmt: str,
) -> None:
    """Loop een reis stap voor stap en leg uit waarom elke stap gebeurt.

    Met meer keer --vraag: elke vraag van één huishouden, en wat het huishouden in totaal meemaakt."""
    from journeykit import api
    from journeykit.render import reports

    cat = state.open()
    formats = api.output_formats(cat)
    if fmt != "json" and fmt not in formats:
        raise click.BadParameter(
            f"onbekend formaat '{fmt}'; kies uit: json, {', '.join(sorted(formats))}", param_hint="--format"
        )
    g = cat.gemeente(gemeente, variant)
    context = {"gemeente": g, "persona": cat.persona(persona), "sleutelmoment": cat.sleutelmoment(sleutelmoment)}
    if len(vragen) > 1:
        h, per_reis = api.walk_household(cat, gemeente, persona, sleutelmoment, vragen, variant, ingang)

        def household_text() -> str:
            walks = [formats[fmt](j, {**context, "schendingen": s}) for j, s in zip(h.reizen, per_reis)]
            return reports.household_text(h, walks, g)

        emit(fmt, lambda: reports.household_json(h, per_reis), household_text)
        return
    vraag = vragen[0] if vragen else None
    j, schendingen = api.walk(cat, gemeente, persona, sleutelmoment, variant, ingang, vraag)
    kansen = api.verdeling(cat, gemeente, persona, sleutelmoment, variant, ingang, vraag, steekproef, seed)

    def text() -> str:
        shown = formats[fmt](j, {**context, "schendingen": schendingen})  # a plugin's format runs in its guard
        return shown + reports.verdeling_text(kansen, g) if fmt == "text" else shown

    emit(fmt, lambda: {**reports.walk_json(j, schendingen), "verdeling": reports.verdeling_json(kansen, g)}, text)

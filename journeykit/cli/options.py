"""Options that several commands share, each declared once here."""

from __future__ import annotations

from collections.abc import Callable

import click

from journeykit.cli.core import State

FORMATS = ("text", "json")

PLUGIN_HELP = "Laad een plugin die niet geïnstalleerd is (modulebestand of package-map); herhaalbaar."
DATA_HELP = (
    "Map met personas/ en journeys/ (standaard: de dichtstbijzijnde map met personas/ of journeys/, "
    "vanaf de huidige map omhoog; of JOURNEYKIT_DATA)."
)


def options(*decorators: Callable) -> Callable:
    """Several options as one decorator, listed in help in the order given."""

    def apply(f: Callable) -> Callable:
        for decorator in reversed(decorators):
            f = decorator(f)
        return f

    return apply


def _add_plugins(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> None:
    ctx.ensure_object(State).plugins += value  # those before the command first


def _set_data(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(State).data = value  # after the command wins over before it


# On the group and on every command that reads data, so that both `journeykit --plugin P walk ...` and
# `journeykit walk ... --plugin P` work. The values go to the run's State, not to the command's arguments.
data_options = options(
    click.option("--data", default=None, metavar="MAP", expose_value=False, callback=_set_data, help=DATA_HELP),
    click.option(
        "--plugin",
        "plugins",
        multiple=True,
        metavar="PAD",
        expose_value=False,
        callback=_add_plugins,
        help=PLUGIN_HELP,
    ),
)


def format_option(plugin_formats: bool = False) -> Callable:
    """--format text or json; with ``plugin_formats`` also any format a plugin adds (the command checks it)."""
    if plugin_formats:
        return click.option(
            "--format",
            "fmt",
            default="text",
            show_default=True,
            metavar="FORMAAT",
            help="text, json of een formaat van een plugin.",
        )
    return click.option(
        "--format",
        "fmt",
        default="text",
        show_default=True,
        type=click.Choice(FORMATS),
        help="Uitvoer voor mensen (text) of machines (json).",
    )


def _default_jobs() -> int:
    from journeykit.analysis.parallel import default_jobs

    return default_jobs()


jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=_default_jobs,
    show_default="alle kernen",
    help="Aantal processen voor het lopen van reizen; de uitkomst is gelijk voor elk aantal.",
)

out_option = click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False),
    help="Uitvoermap; journeykit schrijft alleen daarbinnen.",
)

_persona = click.option("--persona", required=True, help="Persona-id.")
_sleutelmoment = click.option("--sleutelmoment", required=True, help="Sleutelmoment-id.")
_vraag = click.option("--vraag", help="Welke vraag van het sleutelmoment (standaard de eerste).")

# One journey: `walk` and the render commands that draw one.
journey_options = options(
    click.option("--gemeente", required=True, help="Gemeente-id."),
    _persona,
    _sleutelmoment,
    click.option("--variant", help="Variant (standaard die van de gemeente)."),
    click.option("--ingang", help="Begin bij deze ingang in plaats van de meest voor de hand liggende."),
    _vraag,
)

# One persona and sleutelmoment across gemeenten: `compare` and `render compare`.
compare_options = options(
    _persona,
    _sleutelmoment,
    _vraag,
    click.option("--gemeente", "gemeenten", multiple=True, help="Gemeente-id; herhaalbaar (standaard alle)."),
    click.option("--per-ingang", is_flag=True, help="Ook per mogelijk eerste contact van de persona."),
)

# Which part of the data a loop sweep covers: `loops` and `render loops`.
sweep_options = options(
    click.option("--gemeente", help="Alleen deze gemeente (standaard alle)."),
    click.option("--variant", help="Alleen deze variant."),
)

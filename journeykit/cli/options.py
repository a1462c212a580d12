"""Options that several commands share, each declared once here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from journeykit.cli.core import State

if TYPE_CHECKING:
    from journeykit import model as m
    from journeykit.catalog import Catalog

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


def _add_scenarios(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> None:
    ctx.ensure_object(State).scenarios += value  # applied in the order given, those before the command first


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
    click.option(
        "--scenario",
        "scenarios",
        multiple=True,
        metavar="BESTAND",
        type=click.Path(exists=True, dir_okay=False),
        expose_value=False,
        callback=_add_scenarios,
        help="Pas een scenario toe; herhaalbaar, in volgorde (elk bouwt voort op het vorige van dezelfde "
        "gemeente). Het laatste is de standaardsituatie van zijn gemeente.",
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

# `compare` and `diff`: their table also as a spreadsheet, beside what they print.
tables_out_option = click.option(
    "--out",
    "out",
    default=None,
    metavar="MAP",
    type=click.Path(file_okay=False),
    help="Schrijf de tabel ook als CSV (voor Excel: puntkomma's, UTF-8) en XLSX in deze map; journeykit schrijft "
    "alleen daarbinnen.",
)

EXPORTS = ("pdf", "png")


def _add_export(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and param.name:
        state = ctx.ensure_object(State)
        state.exports = tuple(k for k in EXPORTS if k in (*state.exports, param.name))


# Every render command that writes HTML: each page also as PDF or PNG, next to it. The choice goes to the
# run's State; `files.write` exports after writing, so a command needs only this decorator.
export_options = options(
    click.option(
        "--pdf",
        is_flag=True,
        expose_value=False,
        callback=_add_export,
        help="Maak van elke HTML-pagina ook een PDF, op A3 liggend (met Chromium, zonder venster; zie "
        "JOURNEYKIT_CHROMIUM).",
    ),
    click.option(
        "--png",
        is_flag=True,
        expose_value=False,
        callback=_add_export,
        help="Maak van elke HTML-pagina ook een PNG-afbeelding van de hele pagina (met Chromium, zonder venster).",
    ),
)

_persona = click.option("--persona", required=True, help="Persona-id.")
_sleutelmoment = click.option("--sleutelmoment", required=True, help="Sleutelmoment-id.")
_vraag = click.option("--vraag", help="Welke vraag van het sleutelmoment (standaard de eerste).")

# Where and for whom a journey is walked.
_journey_where = options(
    click.option("--gemeente", required=True, help="Gemeente-id."),
    _persona,
    _sleutelmoment,
    click.option("--variant", help="Variant (standaard die van de gemeente)."),
    click.option("--ingang", help="Begin bij deze ingang in plaats van de meest voor de hand liggende."),
)

# One journey: the render commands that draw one.
journey_options = options(_journey_where, _vraag)

# One case without its situation, for commands that walk it in two (a before/after map).
case_options = options(
    _persona,
    _sleutelmoment,
    _vraag,
    click.option("--ingang", help="Begin bij deze ingang in plaats van de meest voor de hand liggende."),
)

# `walk`: one journey, or a household with more questions.
walk_options = options(
    _journey_where,
    click.option(
        "--vraag",
        "vragen",
        multiple=True,
        help="Welke vraag van het sleutelmoment (standaard de eerste); herhaalbaar: meer vragen van één huishouden.",
    ),
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


def risks_option(f: Callable) -> Callable:
    """--met-risicos: also show what each risk the gemeente's sources name does."""
    return click.option(
        "--met-risicos",
        is_flag=True,
        help="Laat ook zien wat elk risico doet dat de bronnen van de gemeente noemen (een knelpunt van de nieuwe "
        "situatie, als wijziging van de regels).",
    )(f)


# `diff` and `gevoeligheid`: a change from one situation to another.
change_options = options(
    click.option("--gemeente", help="Gemeente-id; zonder --from en --to: van de oude naar de nieuwe situatie."),
    click.option("--from", "van", help="Variant vóór de verandering (standaard: wat de nieuwe vervangt)."),
    click.option("--to", "naar", help="Variant na de verandering."),
)


def chosen_change(
    cat: Catalog, gemeente: str | None, van: str | None, naar: str | None
) -> tuple[m.Gemeente, m.Gemeente]:
    """The situations before and after the change that `change_options` (and `--scenario`) chose.

    With scenarios and no --from or --to: from the variant they build on to the last of them.
    """
    if cat.toegepast and not (van or naar):
        gids = [gemeente] if gemeente else sorted(cat.toegepast)
        if len(gids) != 1:
            raise click.UsageError(f"scenario's voor meer gemeenten ({', '.join(gids)}): kies er een met --gemeente")
        gid = gids[0]
        if gid not in cat.toegepast:
            cat.gemeente(gid)  # a clear error for an unknown gemeente
            raise click.UsageError(
                f"geen scenario voor {gid}; de scenario's gaan over {', '.join(sorted(cat.toegepast))}"
            )
        return cat.gemeente(gid, cat.toegepast_op[gid]), cat.gemeente(gid)
    if not gemeente:
        raise click.UsageError("geef --gemeente (met --from en --to als die meer veranderingen kent) of --scenario")
    cat.gemeente(gemeente)  # a clear error for an unknown gemeente
    g = cat.gemeenten[gemeente]
    if not (van and naar):
        fitting = [(a, b) for a, b in g.overgangen() if van in (None, a) and naar in (None, b)]
        if len(fitting) != 1:
            choices = ", ".join(f"--from {a} --to {b}" for a, b in g.overgangen()) or "geen"
            raise click.UsageError(f"kies welke verandering: {choices}")
        van, naar = fitting[0]
    return cat.gemeente(gemeente, van), cat.gemeente(gemeente, naar)

"""The YAML reference (from the loader's schema) and the CLI reference (from the click commands).

docs/hooks/cli_reference.py writes them to docs/referentie/ (`make referenties`) and checks them at every build.
"""

from __future__ import annotations

import click

from journeykit import conditions as cd
from journeykit import schema as s
from journeykit.render.templating import md


def yaml_reference() -> str:
    lines = [
        "# YAML-referentie",
        "",
        (
            "Elke sleutel die journeykit leest, gemaakt uit hetzelfde schema waarmee de lader controleert. "
            "Een sleutel die hier niet staat, wordt geweigerd met een foutmelding die het bestand en de regel noemt."
        ),
        "",
        "Herkomst: onderdelen met **herkomst** hebben `bron` (bestand en sectie) en/of `aanname` (de reden).",
        "",
    ]
    for rec in s.RECORDS:
        lines += [
            f"## {rec.name}",
            "",
            md(rec.doc) + (" Heeft herkomst." if rec.provenance else ""),
            "",
            "| sleutel | type | verplicht | standaard | betekenis |",
            "|---|---|---|---|---|",
        ]
        for v in rec.all_fields:
            default = "" if v.default is None else f"`{v.default}`"
            lines.append(
                f"| `{v.name}` | {md(v.type.explain)} | {'ja' if v.required else ''} | {default} | {md(v.doc)} |"
            )
        lines.append("")
    lines += ["## Acties", "", "| actie | vraagt om | mag ook |", "|---|---|---|"]
    for actie, (nodig, mag) in s.ACTION_KEYS.items():
        lines.append(
            f"| `{actie}` | {', '.join(f'`{x}`' for x in sorted(nodig)) or '-'} | "
            f"{', '.join(f'`{x}`' for x in sorted(mag | (s.ACTION_KEYS_ALWAYS - {'actie'})))} |"
        )
    lines += [
        "",
        "## Condities",
        "",
        "Een conditie (`als`) is data, nooit code: een vergelijking op een veld, of een combinatie.",
        "",
        "| sleutel | betekenis |",
        "|---|---|",
        (
            "| `veld` | het veld waarop een vergelijking werkt (zie de velden hieronder), met een of meer "
            "vergelijkingen ernaast |"
        ),
    ]
    lines += [f"| `{k}` | {md(v)} |" for k, v in cd.COMBINATORS.items()]
    lines += ["", "| vergelijking | vergelijkt met | betekenis |", "|---|---|---|"]
    lines += [f"| `{k}` | {v[0]} | {md(v[1])} |" for k, v in cd.OPERATORS.items()]
    lines += ["", "| veld | soort | betekenis | waarden |", "|---|---|---|---|"]
    for f in cd.FIELDS.values():
        lines.append(f"| `{f.name}` | {f.kind} | {md(f.doc)} | {', '.join(f.values)} |")
    return "\n".join(lines) + "\n"


def cli_reference(group: click.Group) -> str:
    lines = [
        "# CLI-referentie",
        "",
        (
            "Gemaakt uit de commando's zelf. Elk commando kent `--format json` (behalve `render`), en de "
            "exitcodes 0 (in orde), 1 (een controle vond problemen, of een PDF of PNG kon niet gemaakt worden) en 2 "
            "(onjuiste invoer of onjuist gebruik)."
        ),
        "",
    ]

    def walk(cmd: click.Command, path: list[str]) -> None:
        # a fixed width: the usage lines must not depend on the terminal `make referenties` runs in
        ctx = click.Context(cmd, info_name=" ".join(path), terminal_width=78)
        lines.extend(
            [
                f"## `{' '.join(path)}`",
                "",
                md(cmd.help or "").replace("\\n", " "),
                "",
                "```",
                cmd.get_usage(ctx).strip(),
                "```",
                "",
            ]
        )
        params = [p for p in cmd.params if isinstance(p, click.Option) and not p.hidden]
        if params:
            lines.extend(["| optie | betekenis |", "|---|---|"])
            for p in params:
                names = ", ".join(f"`{o}`" for o in p.opts)
                lines.append(f"| {names} | {md(p.help or '')} |")
            lines.append("")
        if isinstance(cmd, click.Group):
            for name in sorted(cmd.commands):
                walk(cmd.commands[name], path + [name])

    walk(group, ["journeykit"])
    lines += ["## Omgevingsvariabelen", "", "| variabele | betekenis |", "|---|---|"]
    lines += [f"| `{name}` | {md(meaning)} |" for name, meaning in ENVIRONMENT]
    return "\n".join(lines) + "\n"


ENVIRONMENT = (
    (
        "JOURNEYKIT_DATA",
        (
            "De datamap met personas/ en journeys/, zoals met --data. Zonder deze variabele en zonder "
            "--data zoekt journeykit vanaf de huidige map omhoog naar de dichtstbijzijnde map met "
            "personas/ of journeys/."
        ),
    ),
    (
        "JOURNEYKIT_PLUGINS",
        (
            "Extra plugins om te laden, zoals met --plugin: paden gescheiden door het "
            "padscheidingsteken van het systeem (: op Linux en macOS)."
        ),
    ),
    ("JOURNEYKIT_ENTRY_POINTS", "0 negeert de geïnstalleerde plugins (handig om één plugin los te bekijken)."),
    (
        "JOURNEYKIT_LOAD_PLUGINS",
        (
            "Welke geïnstalleerde plugins journeykit laadt: hun namen, gescheiden door komma's. "
            "Leeg laadt er geen; zonder deze variabele worden ze allemaal geladen. Zo kiest u bijvoorbeeld "
            "alleen de meegeleverde: breda,nijmegen,rotterdam."
        ),
    ),
    ("JOURNEYKIT_HOOK_TIMEOUT", "Hoeveel seconden een plugin per aanroep mag doen (standaard 5)."),
    (
        "JOURNEYKIT_CACHE",
        (
            "Waar journeykit geladen data bewaart, zodat een volgend commando direct antwoordt "
            "(standaard de map .cache/journeykit in uw thuismap). uit zet de cache uit. Een gewijzigd "
            "bestand wordt altijd opnieuw gelezen; verwijderen van de map is altijd veilig."
        ),
    ),
    (
        "JOURNEYKIT_DOT",
        (
            "Het Graphviz-programma dot waarmee journeykit netwerkkaarten tekent (een pad of een naam; "
            "standaard dot). Zonder dot tekent journeykit de ingangen in een cirkel en zegt dat op de kaart."
        ),
    ),
    ("JOURNEYKIT_DEBUG", "1 toont bij een interne fout de volledige Python-melding."),
    (
        "JOURNEYKIT_CHROMIUM",
        (
            "Het programma Chromium (of Google Chrome) voor --pdf en --png. Zonder deze variabele zoekt journeykit "
            "/usr/bin/chromium, en anders chromium, chromium-browser of google-chrome op het zoekpad."
        ),
    ),
)

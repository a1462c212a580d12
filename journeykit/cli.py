"""The `journeykit` command. Thin: it parses options, calls the API and prints.

Exit codes: 0 ok, 1 a check found problems, 2 bad input or usage, 3 an internal error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from journeykit.i18n import install_dutch_click

install_dutch_click()  # before the commands below are made: click fixes some of its texts then

FORMATS = ("text", "json")


def echo(text: str = "", nl: bool = True, err: bool = False) -> None:
    """click.echo for text that holds data: control characters from names are made visible and inert."""
    from journeykit.render.text import terminal

    click.echo(terminal(text), nl=nl, err=err)


def _dump(data: Any) -> None:
    from journeykit.render.text import json_text

    click.echo(json_text(data))


class _Signaal(BaseException):
    """SIGTERM or SIGHUP: stop as Ctrl-C does, so that half-written files are removed on the way out."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: Any) -> None:
    raise _Signaal(signum)


class State:
    """What the commands of one run share: the plugins named before the command, and the catalog once opened."""

    def __init__(self, plugins: tuple[str, ...] = ()):
        self.plugins = plugins
        self.cat: Any = None
        self.warned = False

    def warn_plugins(self, failed: bool) -> None:
        """Every plugin problem, once, also when the command failed (then perhaps because of it)."""
        if self.cat is None or self.warned:
            return
        self.warned = True
        for f in self.cat.pluginfouten:
            echo(f"waarschuwing: {f}", err=True)
        if failed:
            # A command that failed may have failed for what a broken plugin would have provided.
            for plugin, fouten in sorted(self.cat.plugin_laadfouten.items()):
                for f in fouten[:20]:
                    echo(f"fout in de data van plugin '{plugin}': {f}", err=True)
                if len(fouten) > 20:
                    echo(f"fout in de data van plugin '{plugin}': en nog {len(fouten) - 20} fouten", err=True)


class Command(click.Command):
    """A click command whose usage line is Dutch too (click's placeholders are not gettext texts)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)


class Group(click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "OPDRACHT [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)


Group.group_class = Group


class JourneykitGroup(Group):
    """Turns journeykit's own errors into a clear message and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from journeykit.errors import JourneykitFout, LaadFouten

        failed = True
        try:
            result = super().invoke(ctx)
            failed = False
            return result
        except JourneykitFout as e:
            # one line per problem, each marked, so several problems read (and grep) as a list
            for problem in e.fouten if isinstance(e, LaadFouten) else [e]:
                echo(f"fout: {problem}", err=True)
            ctx.exit(2)
        except click.exceptions.Exit as e:
            failed = e.exit_code != 0
            raise
        except (click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            echo("afgebroken", err=True)
            ctx.exit(130)
        except _Signaal as e:
            echo("afgebroken", err=True)
            ctx.exit(128 + e.signum)
        except BrokenPipeError:
            # The reader went away (`journeykit ... | head`): stop quietly, as other tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except Exception as e:  # pragma: no cover - a bug in journeykit itself
            if os.environ.get("JOURNEYKIT_DEBUG"):
                raise
            echo(
                f"interne fout in journeykit: {type(e).__name__}: {e}\n"
                "Zet JOURNEYKIT_DEBUG=1 voor details en meld dit als fout.",
                err=True,
            )
            ctx.exit(3)
        finally:
            if isinstance(ctx.obj, State):
                ctx.obj.warn_plugins(failed)


DATA_HELP = (
    "Map met personas/ en journeys/ (standaard: de dichtstbijzijnde map met personas/ of journeys/, "
    "vanaf de huidige map omhoog; of JOURNEYKIT_DATA)."
)


def common(f: Callable) -> Callable:
    """Options every data command shares."""
    f = click.option(
        "--plugin",
        "plugins",
        multiple=True,
        metavar="PAD",
        help="Laad een plugin die niet geïnstalleerd is (modulebestand of package-map); herhaalbaar.",
    )(f)
    f = click.option("--data", default=None, metavar="MAP", help=DATA_HELP)(f)
    return f


def jobs_option(f: Callable) -> Callable:
    def default() -> int:
        from journeykit.analysis.parallel import default_jobs

        return default_jobs()

    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=default,
        show_default="alle kernen",
        help="Aantal processen voor het lopen van reizen; de uitkomst is gelijk voor elk aantal.",
    )(f)


def format_option(choices: tuple[str, ...] = FORMATS) -> Callable:
    return click.option(
        "--format",
        "fmt",
        default="text",
        show_default=True,
        type=click.Choice(choices),
        help="Uitvoer voor mensen (text) of machines (json).",
    )


def _open(
    data: str | None,
    plugins: tuple[str, ...],
    paths: tuple[str, ...] = (),
    needs: tuple[str, ...] = ("personas",),
    data_needed: bool = True,
):
    """Open the catalog for a command; fail (exit 2) on load errors in the parts of the data in ``needs``.

    ``data_needed``: the command cannot do without personas/ or journeys/, so not finding them is an error.
    """
    from journeykit.api import find_data, open_catalog
    from journeykit.catalog import PADEN
    from journeykit.errors import JourneykitFout

    state = click.get_current_context().find_root().obj
    folder = find_data(data)
    if folder is None and data_needed:
        raise JourneykitFout(
            f"geen datamap gevonden: geen map personas/ of journeys/ in {Path.cwd()} of een map "
            "erboven; ga naar de map van uw data, of geef --data MAP of zet JOURNEYKIT_DATA"
        )
    cat = open_catalog(folder, state.plugins + plugins, [Path(p) for p in paths])
    state.cat = cat
    cat.raise_for_errors(*needs, PADEN)
    return cat


@click.group(cls=JourneykitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="journeykit", message="journeykit %(version)s")
@click.option(
    "--plugin",
    "plugins",
    multiple=True,
    metavar="PAD",
    help="Laad een plugin die niet geïnstalleerd is (modulebestand of package-map); herhaalbaar.",
)
@click.pass_context
def cli(ctx: click.Context, plugins: tuple[str, ...]) -> None:
    """journeykit: klantreizen in het sociaal domein, uitvoerbaar gemaakt.

    Laad persona's, sleutelmomenten en de ingangen van gemeenten, loop een reis
    stap voor stap, en controleer reiscasussen tegen wat de bronnen verwachten.
    """
    ctx.obj = State(plugins)


@cli.command("list")
@click.argument("wat", type=click.Choice(["gemeenten", "personas", "sleutelmomenten", "ingangen"]))
@click.option("--gemeente", help="Gemeente (voor ingangen).")
@click.option("--variant", help="Variant van de gemeente (voor ingangen).")
@format_option()
@common
def list_cmd(
    wat: str, gemeente: str | None, variant: str | None, fmt: str, data: str | None, plugins: tuple[str, ...]
) -> None:
    """Toon gemeenten, persona's, sleutelmomenten of ingangen."""
    from journeykit.render.text import table

    about_people = wat in ("personas", "sleutelmomenten")
    cat = _open(data, plugins, needs=("personas",) if about_people else (), data_needed=about_people)
    rows: list[dict[str, Any]]
    headers: tuple[str, ...]  # the columns differ per kind
    cells: list[tuple[object, ...]]
    if wat == "gemeenten":
        rows = [
            {
                "id": g.id,
                "naam": g.naam,
                "varianten": [v.id for v in g.varianten],
                "standaard_variant": g.standaard_variant,
                "plugin": cat.plugin_van[g.id],
                "ingangen": len(g.ingangen),
                "regels": len(g.regels),
            }
            for g in sorted(cat.gemeenten.values(), key=lambda g: g.id)
        ]
        headers = ("id", "naam", "varianten", "plugin")
        cells = [(r["id"], r["naam"], ", ".join(r["varianten"]), r["plugin"]) for r in rows]
    elif wat == "personas":
        rows = [
            {"id": p.id, "naam": p.naam, "leeftijd": p.leeftijd, "groep": p.groep}
            for p in sorted(cat.personas.values(), key=lambda p: p.id)
        ]
        headers = ("id", "naam", "leeftijd", "groep")
        cells = [(r["id"], r["naam"], r["leeftijd"], r["groep"]) for r in rows]
    elif wat == "sleutelmomenten":
        rows = [
            {"id": s.id, "naam": s.naam, "vragen": [v.id for v in s.vragen]}
            for s in sorted(cat.sleutelmomenten.values(), key=lambda s: s.id)
        ]
        headers = ("id", "naam", "vragen")
        cells = [(r["id"], r["naam"], ", ".join(r["vragen"])) for r in rows]
    else:
        if not gemeente:
            raise click.UsageError("'list ingangen' vraagt om --gemeente")
        g = cat.gemeente(gemeente, variant)
        rows = [
            {
                "id": i.id,
                "naam": i.naam,
                "soort": i.soort,
                "kanalen": list(i.kanalen),
                "eerste_contact": i.eerste_contact,
            }
            for i in g.ingangen
        ]
        headers = ("id", "naam", "soort", "kanalen")
        cells = [(r["id"], r["naam"], r["soort"], ", ".join(r["kanalen"])) for r in rows]
    if fmt == "json":
        _dump({wat: rows, "plugin_fouten": [{"plugin": f.plugin, "reden": f.reden} for f in cat.pluginfouten]})
    else:
        echo(table(headers, cells), nl=False)


@cli.command()
@click.option("--gemeente", required=True, help="Gemeente-id.")
@click.option("--persona", required=True, help="Persona-id.")
@click.option("--sleutelmoment", required=True, help="Sleutelmoment-id.")
@click.option("--variant", help="Variant (standaard die van de gemeente).")
@click.option("--ingang", help="Begin bij deze ingang in plaats van de meest voor de hand liggende.")
@click.option("--vraag", help="Welke vraag van het sleutelmoment (standaard de eerste).")
@click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    metavar="FORMAAT",
    help="text, json of een formaat van een plugin.",
)
@common
def walk(
    gemeente: str,
    persona: str,
    sleutelmoment: str,
    variant: str | None,
    ingang: str | None,
    vraag: str | None,
    fmt: str,
    data: str | None,
    plugins: tuple[str, ...],
) -> None:
    """Loop een reis stap voor stap en leg uit waarom elke stap gebeurt."""
    from journeykit import api
    from journeykit.model import as_dict

    cat = _open(data, plugins)
    formats = api.output_formats(cat)
    if fmt != "json" and fmt not in formats:
        raise click.BadParameter(
            f"onbekend formaat '{fmt}'; kies uit: json, {', '.join(sorted(formats))}", param_hint="--format"
        )
    j, schendingen = api.walk(cat, gemeente, persona, sleutelmoment, variant, ingang, vraag)
    if fmt == "json":
        _dump({**as_dict(j), "schendingen": [as_dict(s) for s in schendingen]})
    else:
        ctx = {
            "gemeente": cat.gemeente(gemeente, variant),
            "persona": cat.persona(persona),
            "sleutelmoment": cat.sleutelmoment(sleutelmoment),
            "schendingen": schendingen,
        }
        echo(formats[fmt](j, ctx), nl=False)  # a plugin's format runs inside the plugin guard


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--gemeente", help="Alleen de reiscasussen (en met --coverage de sweep) van deze gemeente.")
@click.option("--coverage", is_flag=True, help="Meld welke ingangen geen geval bereikt en welke regels nooit vuren.")
@jobs_option
@format_option()
@common
def check(
    paths: tuple[str, ...],
    gemeente: str | None,
    coverage: bool,
    jobs: int,
    fmt: str,
    data: str | None,
    plugins: tuple[str, ...],
) -> None:
    """Controleer data en plugins, loop alle reiscasussen en toets hun verwachtingen.

    Zonder PATHS: de reizen in journeys/. Met PATHS: die bestanden of mappen.
    """
    from journeykit import api
    from journeykit.errors import LaadFouten
    from journeykit.model import as_dict
    from journeykit.render.text import UITKOMST_NAAM, table

    cat = _open(data, plugins, paths, needs=(), data_needed=not paths)
    fouten = cat.laadfouten + [f for fs in cat.plugin_laadfouten.values() for f in fs] + api.check_scenarios(cat)
    if fouten:
        raise LaadFouten(fouten)
    if gemeente:
        cat.gemeente(gemeente)  # a clear error for an unknown gemeente
    only = list(cat.reizen.values())
    if paths:
        chosen = [Path(p).resolve() for p in paths]
        only = [
            r
            for r in only
            if r.plaats
            and any(
                Path(r.plaats.bestand).resolve() == c or c in Path(r.plaats.bestand).resolve().parents for c in chosen
            )
        ]
    if gemeente:
        only = [r for r in only if r.gemeente == gemeente]
    results = api.check_reizen(cat, only, jobs=jobs)
    failed = [r for r in results if not r.ok]
    gaten = None
    if coverage:
        progress = _Progress()
        try:
            gaten = api.coverage(cat, results, progress, jobs=jobs, gemeente=gemeente)
        finally:
            progress.close()
    per_principe: dict[tuple[str, str], list[str]] = {}
    niet_getoetst: dict[tuple[str, str], list[str]] = {}
    for r in results:
        for s in sorted({(s.principe, s.niet_getoetst) for s in r.schendingen}):
            into = niet_getoetst if s[1] else per_principe
            into.setdefault((r.journey.gemeente, s[0]), []).append(r.reis.id)
    if fmt == "json":
        _dump(
            {
                "reizen": [
                    {
                        "id": r.reis.id,
                        "ok": r.ok,
                        "mislukt": list(r.mislukt),
                        "gemeente": r.journey.gemeente,
                        "variant": r.journey.variant,
                        "uitkomst": as_dict(r.journey.uitkomst),
                        "metrieken": as_dict(r.journey.metrieken),
                        "schendingen": [as_dict(s) for s in r.schendingen],
                    }
                    for r in results
                ],
                "principes": [
                    {"gemeente": g, "principe": p, "reizen": ids} for (g, p), ids in sorted(per_principe.items())
                ],
                "niet_getoetst": [
                    {"gemeente": g, "principe": p, "reizen": ids} for (g, p), ids in sorted(niet_getoetst.items())
                ],
                "dekking": None if gaten is None else [as_dict(x) for x in gaten],
                "plugin_fouten": [{"plugin": f.plugin, "reden": f.reden} for f in cat.pluginfouten],
                "ok": not failed and not cat.pluginfouten,
            }
        )
    else:
        rows = []
        for r in results:
            mt = r.journey.metrieken
            u = r.journey.uitkomst
            rows.append(
                (
                    r.reis.id,
                    f"{r.journey.gemeente}/{r.journey.variant}",
                    mt.contacten_inwoner,
                    mt.warme_overdrachten,
                    mt.koude_verwijzingen,
                    mt.herhalingen,
                    mt.dagen,
                    UITKOMST_NAAM[u.soort] + (f" ({u.niveau})" if u.niveau else ""),
                    " → ".join(u.lus) if u.lus else "-",
                    "ok" if r.ok else "MISLUKT",
                )
            )
        echo(
            table(
                (
                    "reis",
                    "gemeente/variant",
                    "contacten",
                    "warm",
                    "koud",
                    "opnieuw verteld",
                    "dagen",
                    "uitkomst",
                    "lus",
                    "verwachting",
                ),
                rows,
            ),
            nl=False,
        )
        if failed:
            echo("\nNiet gehaalde verwachtingen:")
            for r in failed:
                where = f"{r.reis.plaats}" if r.reis.plaats else r.reis.id
                for msg in r.mislukt:
                    echo(f"  {where}: reis '{r.reis.id}': {msg}")
        if per_principe:
            echo("\nPrincipes en de reizen die ze schenden:")
            for (g, p), ids in sorted(per_principe.items()):
                echo(f"  {g} · {cat.principe_naam(g, p)} ({len(ids)}): {', '.join(ids)}")
        if niet_getoetst:
            echo("\nPrincipes die niet getoetst konden worden (de toets van een plugin faalde):")
            for (g, p), ids in sorted(niet_getoetst.items()):
                echo(f"  {g} · {cat.principe_naam(g, p)} ({len(ids)}): {', '.join(ids)}")
        if gaten is not None:
            echo("\nDekking (reiscasussen en een sweep met gegenereerde persona's):")
            if not gaten:
                echo("  Elke ingang wordt bereikt en elke regel vuurt.")
            for x in gaten:
                wat = "ingang nooit bereikt" if x.soort == "ingang" else "regel vuurt nooit"
                echo(f"  {x.gemeente}/{x.variant}: {wat}: {x.id}: {x.reden}")
        n = len(results)
        echo(f"\n{n - len(failed)} van de {n} reizen halen hun verwachtingen.")
        if cat.pluginfouten:
            echo(
                "Niet alles kon getoetst worden: een plugin faalde (zie de waarschuwingen). Dat telt als niet in orde."
            )
    if failed or cat.pluginfouten:
        sys.exit(1)


@cli.command()
@click.option(
    "--bronnen",
    "folder",
    required=True,
    metavar="MAP",
    help="Map met de brondocumenten als tekst (de bestandsnamen die 'bron' noemt).",
)
@format_option()
@common
def bronnen(folder: str, fmt: str, data: str | None, plugins: tuple[str, ...]) -> None:
    """Controleer of elk citaat letterlijk in zijn bron staat (witruimte en aanhalingstekens genormaliseerd)."""
    from journeykit.analysis.bronnen import check_quotes
    from journeykit.catalog import PERSONAS, REIZEN
    from journeykit.errors import getal, kort

    cat = _open(data, plugins, needs=(PERSONAS, REIZEN), data_needed=False)
    c = check_quotes(cat, Path(folder))
    if fmt == "json":
        _dump(
            {
                "bronnen": c.map,
                "citaten": c.citaten,
                "gevonden": c.citaten - len(c.missers),
                "zonder_citaat": c.zonder_citaat,
                "ok": c.ok,
                "missers": [
                    {
                        "bestand": x.plaats.bestand if x.plaats else None,
                        "regel": x.plaats.regel if x.plaats else None,
                        "onderdeel": x.onderdeel,
                        "bron": x.bron,
                        "citaat": x.citaat,
                        "reden": x.reden,
                    }
                    for x in c.missers
                ],
            }
        )
    else:
        for x in c.missers:
            echo(f'{x.plaats or "(plugin)"}: {x.onderdeel}: citaat {x.reden}: "{kort(x.citaat, 120)}"')
        if c.missers:
            echo("")
        echo(
            f"{getal(c.citaten)} citaten gecontroleerd tegen {c.map}: {getal(c.citaten - len(c.missers))} gevonden, "
            f"{getal(len(c.missers))} niet. ({getal(c.zonder_citaat)} bronverwijzingen zonder citaat.)"
        )
    if not c.ok:
        sys.exit(1)


class _Progress:
    """Progress on a terminal, shown only when a sweep takes longer than a second."""

    def __init__(self) -> None:
        import time

        self.start = time.monotonic()
        self.shown = False
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        import time

        if not self.tty or time.monotonic() - self.start < 1.0:
            return
        from journeykit.errors import getal

        self.shown = True
        pct = 100 * done // max(total, 1)
        click.echo(f"\r{getal(done)} van {getal(total)} reizen gelopen ({pct}%)", err=True, nl=False)

    def close(self) -> None:
        if self.shown:
            click.echo("", err=True)


def _persona_label(cat, case) -> str:
    p = case.persona
    extra = f"; aangepast: {', '.join(case.afwijkingen)}" if case.afwijkingen else ""
    return (
        f"{p.naam} ({p.id}, {p.leeftijd} jaar{extra}) · {case.sleutelmoment.id}/{case.vraag}"
        f" · start: {case.eerste_ingang or 'meest voor de hand liggend'}"
    )


def _ingang_naam(cat, gemeente: str, ingang: str) -> str:
    try:
        return cat.gemeente(gemeente).ingang(ingang).naam
    except KeyError:
        return ingang


def _case_json(case) -> dict:
    return {
        "persona": case.persona.id,
        "leeftijd": case.persona.leeftijd,
        "afwijkingen": list(case.afwijkingen),
        "sleutelmoment": case.sleutelmoment.id,
        "vraag": case.vraag,
        "eerste_ingang": case.eerste_ingang,
    }


@cli.command()
@click.option("--persona", required=True, help="Persona-id.")
@click.option("--sleutelmoment", required=True, help="Sleutelmoment-id.")
@click.option("--vraag", help="Welke vraag van het sleutelmoment (standaard de eerste).")
@click.option("--gemeente", "gemeenten", multiple=True, help="Gemeente-id; herhaalbaar (standaard alle).")
@click.option("--per-ingang", is_flag=True, help="Ook per mogelijk eerste contact van de persona.")
@jobs_option
@format_option()
@common
def compare(
    persona: str,
    sleutelmoment: str,
    vraag: str | None,
    gemeenten: tuple[str, ...],
    per_ingang: bool,
    jobs: int,
    fmt: str,
    data: str | None,
    plugins: tuple[str, ...],
) -> None:
    """Vergelijk een persona en sleutelmoment over gemeenten, varianten en eerste contacten."""
    from journeykit import api
    from journeykit.model import as_dict
    from journeykit.render.text import UITKOMST_NAAM, euro, table

    cat = _open(data, plugins)
    v = api.compare(cat, persona, sleutelmoment, gemeenten, per_ingang, vraag, jobs=jobs)
    if fmt == "json":
        _dump(
            {
                "persona": v.persona,
                "sleutelmoment": v.sleutelmoment,
                "vraag": v.vraag,
                "rijen": [
                    {
                        "gemeente": r.gemeente,
                        "variant": r.variant,
                        "eerste_ingang": r.eerste_ingang,
                        "standaard": r.standaard,
                        "route": list(r.journey.route),
                        "uitkomst": as_dict(r.journey.uitkomst),
                        "metrieken": as_dict(r.journey.metrieken),
                        "schendingen": sorted({s.principe for s in r.schendingen}),
                    }
                    for r in v.rijen
                ],
                "oordelen": [
                    {
                        "gemeente": o.gemeente,
                        "variant": o.variant,
                        "geen_verkeerde_deur": o.ok,
                        "eerste_contacten": o.eerste_contacten,
                        "falen": [{"ingang": i, "reden": why} for i, why in o.falen],
                    }
                    for o in v.oordelen
                ],
            }
        )
        return
    rows = []
    for r in v.rijen:
        j, mt = r.journey, r.journey.metrieken
        start = _ingang_naam(cat, r.gemeente, j.route[0]) if j.route else "-"
        rows.append(
            (
                f"{r.gemeente}/{r.variant}",
                start + (" *" if r.standaard else ""),
                mt.contacten_inwoner,
                mt.warme_overdrachten,
                mt.koude_verwijzingen,
                mt.herhalingen,
                mt.dagen,
                mt.organisaties,
                UITKOMST_NAAM[j.uitkomst.soort] + (f" ({j.uitkomst.niveau})" if j.uitkomst.niveau else ""),
                "ja" if j.uitkomst.lus else "nee",
                euro(mt.kosten) if mt.kosten else "-",
            )
        )
    echo(
        f"Vergelijking: {cat.persona(v.persona).naam} · {cat.sleutelmoment(v.sleutelmoment).naam} (vraag: {v.vraag})\n"
    )
    echo(
        table(
            (
                "gemeente/variant",
                "eerste contact",
                "contacten",
                "warm",
                "koud",
                "opnieuw verteld",
                "dagen",
                "organisaties",
                "uitkomst",
                "lus",
                "kosten",
            ),
            rows,
        ),
        nl=False,
    )
    echo("* = het meest voor de hand liggende eerste contact van deze persona\n")
    echo("Geen verkeerde deur?")
    for o in v.oordelen:
        if o.ok:
            echo(
                f"  {o.gemeente}/{o.variant}: ja, alle {o.eerste_contacten} eerste contacten leiden zonder "
                "koude verwijzing naar een antwoord"
            )
        elif not o.eerste_contacten:
            echo(f"  {o.gemeente}/{o.variant}: nee, deze persona kan hier geen enkele ingang zelf bereiken")
        else:
            echo(f"  {o.gemeente}/{o.variant}: nee, {len(o.falen)} van {o.eerste_contacten} eerste contacten falen:")
            for ingang, why in o.falen:
                echo(f"    - {_ingang_naam(cat, o.gemeente, ingang)}: {why}")


@cli.command()
@click.option("--gemeente", help="Alleen deze gemeente (standaard alle).")
@click.option("--variant", help="Alleen deze variant.")
@click.option("--fail-on-loop", is_flag=True, help="Exitcode 1 als er een lus gevonden wordt.")
@click.option("--zonder-varianten", is_flag=True, help="Geen gegenereerde persona-varianten meenemen.")
@click.option(
    "--zonder-groepering",
    is_flag=True,
    help="Elk geval apart lopen, ook als de routering het niet van een ander kan onderscheiden (trager).",
)
@jobs_option
@format_option()
@common
def loops(
    gemeente: str | None,
    variant: str | None,
    fail_on_loop: bool,
    zonder_varianten: bool,
    zonder_groepering: bool,
    jobs: int,
    fmt: str,
    data: str | None,
    plugins: tuple[str, ...],
) -> None:
    """Zoek kastje-naar-de-muur-lussen over alle persona's, sleutelmomenten en eerste contacten."""
    from journeykit import api
    from journeykit.errors import getal
    from journeykit.model import as_dict

    cat = _open(data, plugins)
    progress = _Progress()
    try:
        rapport = api.loops(
            cat,
            gemeente,
            variant,
            generated=not zonder_varianten,
            progress=progress,
            jobs=jobs,
            grouped=not zonder_groepering,
        )
    finally:
        progress.close()
    agg = rapport.aggregaat
    lussen = sorted(agg.lussen.values(), key=lambda x: (x.gemeente, x.cyclus, [e.regel for e in x.randen]))
    nummer = {id(x): n for n, x in enumerate(lussen, 1)}
    if fmt == "json":
        _dump(
            {
                "gelopen": agg.gelopen,
                "uitkomsten": dict(sorted(agg.uitkomsten.items())),
                "gemeenten": [{"gemeente": g, "variant": v} for g, v in rapport.gemeenten],
                "lussen": [
                    {
                        "nummer": nummer[id(x)],
                        "gemeente": x.gemeente,
                        "cyclus": list(x.cyclus),
                        "varianten": x.varianten,
                        "aantal": x.aantal,
                        "getuige": _case_json(x.getuige),
                        "randen": [
                            {
                                "van": e.van,
                                "naar": e.naar,
                                "regel": e.regel,
                                "overdracht": e.overdracht,
                                "herkomst": as_dict(e.herkomst),
                            }
                            for e in x.randen
                        ],
                    }
                    for x in lussen
                ],
                "statische_cycli": [
                    {
                        "gemeente": c.gemeente,
                        "variant": c.variant,
                        "cyclus": list(c.cyclus),
                        "regels": [{"van": a, "naar": b, "regels": list(rs)} for a, b, rs in c.regels],
                        "getuige": nummer[id(c.getuige)] if c.getuige else None,
                    }
                    for c in rapport.statisch
                ],
                "principes": [
                    {
                        "gemeente": g,
                        "principe": p,
                        "aantal": s.aantal,
                        "voorbeelden": [_case_json(c) for c in s.voorbeelden],
                    }
                    for (g, p), s in sorted(agg.schendingen.items())
                ],
                "niet_getoetst": [
                    {"gemeente": g, "principe": p, "aantal": n} for (g, p), n in sorted(agg.niet_getoetst.items())
                ],
            }
        )
    else:
        where = ", ".join(f"{g}/{v}" for g, v in rapport.gemeenten)
        echo(f"Kastje naar de muur: {getal(agg.gelopen)} reizen gelopen in {where}\n")
        echo(f"Gevonden lussen: {len(lussen)}")
        for x in lussen:
            route = " → ".join(_ingang_naam(cat, x.gemeente, i) for i in x.cyclus)
            echo(f"{nummer[id(x)]:>3}. {x.gemeente}: {route}")
            echo(f"     in varianten {', '.join(x.varianten)}; {x.aantal} keer geraakt in de sweep")
            for e in x.randen:
                echo(
                    f"     {_ingang_naam(cat, x.gemeente, e.van)} → {_ingang_naam(cat, x.gemeente, e.naar)}: "
                    f"regel {e.regel} ({e.overdracht}); {e.herkomst}"
                )
            echo(f"     kleinste getuige: {_persona_label(cat, x.getuige)}")
        echo(f"\nCycli in het verwijsnetwerk (elke verwijzing die een regel kan maken): {len(rapport.statisch)}")
        for c in rapport.statisch:
            route = " → ".join(_ingang_naam(cat, c.gemeente, i) for i in c.cyclus)
            status = (
                f"bereikt (lus {nummer[id(c.getuige)]})"
                if c.getuige
                else "zonder getuige: geen persona in de sweep komt hierin terecht"
            )
            echo(f"  - {c.gemeente}/{c.variant}: {route}: {status}")
        if agg.schendingen:
            echo("\nPrincipes die reizen in de sweep schenden:")
            for (g, p), sch in sorted(agg.schendingen.items()):
                echo(f"  - {g} · {cat.principe_naam(g, p)}: {getal(sch.aantal)} reizen")
                echo(f"      bijvoorbeeld: {_persona_label(cat, sch.voorbeelden[0])}")
        if agg.niet_getoetst:
            echo("\nPrincipes die niet getoetst konden worden (de toets van een plugin faalde):")
            for (g, p), n in sorted(agg.niet_getoetst.items()):
                echo(f"  - {g} · {cat.principe_naam(g, p)}: {getal(n)} reizen")
    if fail_on_loop and (lussen or cat.pluginfouten):
        if not lussen:
            echo(
                "Geen lus gevonden, maar een plugin faalde (zie de waarschuwingen): de controle telt als niet "
                "geslaagd.",
                err=True,
            )
        sys.exit(1)


@cli.command()
@click.option("--gemeente", help="Gemeente-id (met --from en --to).")
@click.option("--from", "van", help="Variant vóór de verandering.")
@click.option("--to", "naar", help="Variant na de verandering.")
@click.option("--scenario", type=click.Path(exists=True, dir_okay=False), help="Een scenariobestand.")
@click.option("--strict", is_flag=True, help="Exitcode 1 als de verandering een lus of principeschending toevoegt.")
@click.option("--alles", is_flag=True, help="Toon ook de gevallen die niet veranderen.")
@jobs_option
@format_option()
@common
def diff(
    gemeente: str | None,
    van: str | None,
    naar: str | None,
    scenario: str | None,
    strict: bool,
    alles: bool,
    jobs: int,
    fmt: str,
    data: str | None,
    plugins: tuple[str, ...],
) -> None:
    """Wat verandert er per geval tussen twee varianten, of door een scenario?"""
    from journeykit import api
    from journeykit.render.text import table

    if scenario and (gemeente or van or naar):
        raise click.UsageError("gebruik --scenario óf --gemeente met --from en --to, niet allebei")
    if not scenario and not (gemeente and van and naar):
        raise click.UsageError("geef --gemeente, --from en --to, of --scenario")
    cat = _open(data, plugins)
    if scenario:
        d = api.diff_scenario(cat, Path(scenario), jobs=jobs)
    else:
        assert gemeente and van and naar  # checked above
        d = api.diff_variants(cat, gemeente, van, naar, jobs=jobs)
    t = d.totalen
    shown = d.verschillen if alles else d.gewijzigd
    if fmt == "json":
        _dump(
            {
                "gemeente": d.gemeente,
                "van": d.van,
                "naar": d.naar,
                "gevallen": [
                    {
                        "geval": v.geval.label,
                        "reis": v.geval.reis,
                        "persona": v.geval.persona,
                        "sleutelmoment": v.geval.sleutelmoment,
                        "vraag": v.geval.vraag,
                        "eerste_ingang": v.geval.eerste_ingang,
                        "beter": v.beter,
                        "slechter": v.slechter,
                        "route_voor": list(v.voor.route),
                        "route_na": list(v.na.route),
                        "wijzigingen": [
                            {"wat": w.wat, "voor": w.voor, "na": w.na, "beter": w.beter} for w in v.wijzigingen
                        ],
                    }
                    for v in shown
                ],
                "totalen": {
                    "gevallen": t.gevallen,
                    "beter": t.beter,
                    "slechter": t.slechter,
                    "gelijk": t.gelijk,
                    "voor": t.voor,
                    "na": t.na,
                },
                "nieuwe_lussen": [v.geval.label for v in d.nieuwe_lussen],
                "nieuwe_schendingen": [v.geval.label for v in d.nieuwe_schendingen],
            }
        )
    else:
        echo(f"Verschil in {d.gemeente}: {d.van} → {d.naar} ({t.gevallen} gevallen, {len(d.gewijzigd)} veranderd)\n")
        for v in shown:
            mark = "beter" if v.beter else "slechter" if v.slechter else "anders" if v.wijzigingen else "gelijk"
            echo(f"[{mark}] {v.geval.label}")
            echo(f"    route: {' → '.join(v.voor.route) or '-'}  ⇒  {' → '.join(v.na.route) or '-'}")
            for w in v.wijzigingen:
                if w.wat == "route":
                    continue  # already shown on the line above
                arrow = {True: "(beter)", False: "(slechter)", None: ""}[w.beter]
                echo(f"    {w.wat}: {w.voor} → {w.na} {arrow}".rstrip())
        rows = [(k, _num(t.voor[k]), _num(t.na[k]), _num(t.na[k] - t.voor[k])) for k in t.voor]
        echo("\nTotalen over alle gevallen:")
        echo(table(("", "voor", "na", "verschil"), rows), nl=False)
        echo(f"{t.beter} gevallen beter, {t.slechter} slechter, {t.gelijk} gelijk of neutraal.")
        if d.nieuwe_lussen:
            echo(f"Nieuwe lussen in {len(d.nieuwe_lussen)} gevallen.")
        if d.nieuwe_schendingen:
            echo(f"Nieuwe principeschendingen in {len(d.nieuwe_schendingen)} gevallen.")
    if strict and (d.nieuwe_lussen or d.nieuwe_schendingen or cat.pluginfouten):
        if not (d.nieuwe_lussen or d.nieuwe_schendingen):
            echo(
                "Geen nieuwe lus of schending gevonden, maar een plugin faalde (zie de waarschuwingen): de controle "
                "telt als niet geslaagd.",
                err=True,
            )
        sys.exit(1)


def journey_options(f: Callable) -> Callable:
    for opt in reversed(
        [
            click.option("--gemeente", required=True, help="Gemeente-id."),
            click.option("--persona", required=True, help="Persona-id."),
            click.option("--sleutelmoment", required=True, help="Sleutelmoment-id."),
            click.option("--variant", help="Variant (standaard die van de gemeente)."),
            click.option("--ingang", help="Begin bij deze ingang."),
            click.option("--vraag", help="Welke vraag van het sleutelmoment (standaard de eerste)."),
        ]
    ):
        f = opt(f)
    return f


def out_option(f: Callable) -> Callable:
    return click.option(
        "--out",
        "out",
        required=True,
        type=click.Path(file_okay=False),
        help="Uitvoermap; journeykit schrijft alleen daarbinnen.",
    )(f)


def _write(out: str, files: list[tuple[str, str]]) -> None:
    from journeykit.render.files import Uitvoer

    target = Uitvoer(out)
    for name, content in files:
        path = target.write(name, content)
        echo(f"geschreven: {path}")


@cli.group()
def render() -> None:
    """Maak klantreiskaarten, werkbladen, matrices, netwerkkaarten en rapporten (HTML, Markdown, Mermaid, DOT)."""


def _walk_for_render(cat, gemeente, persona, sleutelmoment, variant, ingang, vraag):
    from journeykit import api

    j, sch = api.walk(cat, gemeente, persona, sleutelmoment, variant, ingang, vraag)
    return j, sch, cat.gemeente(gemeente, variant), cat.persona(persona), cat.sleutelmoment(sleutelmoment)


@render.command("map")
@journey_options
@out_option
@common
def render_map(gemeente, persona, sleutelmoment, variant, ingang, vraag, out, data, plugins) -> None:
    """Een klantreiskaart (HTML met SVG, afdrukbaar op A3 liggend) en de Markdown-versie."""
    from journeykit.render import outputs

    cat = _open(data, plugins)
    j, sch, g, p, sm = _walk_for_render(cat, gemeente, persona, sleutelmoment, variant, ingang, vraag)
    name = outputs.journey_name(j, ingang)
    _write(out, outputs.journey_map(j, g, p, sm, sch, name))


@render.command("mermaid")
@journey_options
@out_option
@common
def render_mermaid(gemeente, persona, sleutelmoment, variant, ingang, vraag, out, data, plugins) -> None:
    """Mermaid: een journey-diagram en een flowchart van de route."""
    from journeykit.render import outputs

    cat = _open(data, plugins)
    j, _, g, p, sm = _walk_for_render(cat, gemeente, persona, sleutelmoment, variant, ingang, vraag)
    _write(out, outputs.mermaid(j, g, p, sm, outputs.journey_name(j, ingang)))


@render.command("canvas")
@journey_options
@click.option("--vergelijk-met", "vergelijk", help="Variant om kansen en knelpunten tegen af te zetten.")
@out_option
@common
def render_canvas(gemeente, persona, sleutelmoment, variant, ingang, vraag, vergelijk, out, data, plugins) -> None:
    """Een werkblad naar het sjabloon van Nijmegen (Bijlage 2), voorgevuld en met ruimte om te schrijven."""
    from journeykit import api
    from journeykit.analysis.diff import Geval
    from journeykit.render import outputs

    cat = _open(data, plugins)
    j, sch, g, p, sm = _walk_for_render(cat, gemeente, persona, sleutelmoment, variant, ingang, vraag)
    verschil = None
    if vergelijk:
        geval = Geval(persona, sleutelmoment, j.vraag, ingang, None)
        d = api.diff(cat, cat.gemeente(gemeente, vergelijk), g, [geval])
        verschil = d.verschillen[0]
    _write(out, outputs.canvas(j, g, p, sm, sch, verschil, outputs.journey_name(j, ingang)))


@render.command("matrix")
@click.option("--gemeente", required=True, help="Gemeente waarin elke cel gelopen wordt.")
@click.option("--variant", help="Variant.")
@click.option("--groep", help="Alleen persona's uit deze groep.")
@click.option("--persona", "personas", multiple=True, help="Persona-id; herhaalbaar (standaard alle).")
@click.option("--sleutelmoment", "sleutelmomenten", multiple=True, help="Sleutelmoment-id; herhaalbaar.")
@out_option
@common
def render_matrix(gemeente, variant, groep, personas, sleutelmomenten, out, data, plugins) -> None:
    """Persona's x sleutelmomenten: zo denken zij / speel er zo op in, en de uitkomst per cel."""
    from journeykit.errors import keuzes
    from journeykit.render import outputs

    cat = _open(data, plugins)
    g = cat.gemeente(gemeente, variant)
    ps = (
        [cat.persona(x) for x in personas]
        if personas
        else sorted((p for p in cat.personas.values() if groep is None or p.groep == groep), key=lambda p: p.id)
    )
    sms = (
        [cat.sleutelmoment(x) for x in sleutelmomenten]
        if sleutelmomenten
        else sorted(cat.sleutelmomenten.values(), key=lambda s: s.id)
    )
    if not ps:
        groepen = sorted({p.groep for p in cat.personas.values() if p.groep})
        raise click.BadParameter(f"geen persona's in groep '{groep}'; {keuzes(groepen)}", param_hint="--groep")
    walker = cat.walker(gemeente, variant)
    journeys = {(p.id, sm.id): walker.walk(p, sm) for p in ps for sm in sms}
    _write(out, outputs.matrix(g, ps, sms, journeys))


@render.command("network")
@click.option("--gemeente", required=True, help="Gemeente-id.")
@click.option("--variant", help="Variant.")
@out_option
@common
def render_network(gemeente, variant, out, data, plugins) -> None:
    """Het verwijsnetwerk: wie verwijst naar wie (HTML met SVG, en Graphviz DOT)."""
    from journeykit.render import outputs

    cat = _open(data, plugins, needs=(), data_needed=False)
    _write(out, outputs.network(cat.gemeente(gemeente, variant)))


@render.command("compare")
@click.option("--persona", required=True, help="Persona-id.")
@click.option("--sleutelmoment", required=True, help="Sleutelmoment-id.")
@click.option("--vraag", help="Welke vraag (standaard de eerste).")
@click.option("--gemeente", "gemeenten", multiple=True, help="Gemeente-id; herhaalbaar (standaard alle).")
@click.option("--per-ingang", is_flag=True, help="Ook per mogelijk eerste contact.")
@out_option
@common
def render_compare(persona, sleutelmoment, vraag, gemeenten, per_ingang, out, data, plugins) -> None:
    """Het vergelijkingsrapport als HTML-tabel en Markdown."""
    from journeykit import api
    from journeykit.render import outputs

    cat = _open(data, plugins)
    _write(out, outputs.compare_report(api.compare(cat, persona, sleutelmoment, gemeenten, per_ingang, vraag), cat))


@render.command("loops")
@click.option("--gemeente", help="Alleen deze gemeente.")
@click.option("--variant", help="Alleen deze variant.")
@out_option
@common
def render_loops(gemeente, variant, out, data, plugins) -> None:
    """Het lussenrapport als HTML-tabellen en Markdown."""
    from journeykit import api
    from journeykit.render import outputs
    from journeykit.render.files import slug

    cat = _open(data, plugins)
    progress = _Progress()
    try:
        rapport = api.loops(cat, gemeente, variant, progress=progress)
    finally:
        progress.close()
    name = "lussen-" + slug(*[x for x in (gemeente, variant) if x]) if gemeente or variant else "lussen"
    _write(out, outputs.loops_report(rapport, cat, name))


@render.command("reizen")
@out_option
@common
def render_reizen(out, data, plugins) -> None:
    """Een kaart, werkblad en Mermaid-diagrammen voor elke reiscasus in journeys/."""
    from journeykit import api
    from journeykit.render import outputs
    from journeykit.render.files import slug

    cat = _open(data, plugins)
    files = []
    for r in api.check_reizen(cat):
        g = cat.gemeente(r.journey.gemeente, r.journey.variant)
        p, sm = cat.persona(r.reis.persona), cat.sleutelmoment(r.reis.sleutelmoment)
        name = slug(r.reis.id)
        files += outputs.journey_map(r.journey, g, p, sm, list(r.schendingen), name)
        files += outputs.canvas(r.journey, g, p, sm, list(r.schendingen), None, name)
        files += outputs.mermaid(r.journey, g, p, sm, name)
    _write(out, files)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def main() -> None:
    import signal

    # SIGTERM (kill, a CI timeout) and SIGHUP (a closed terminal) stop journeykit the way Ctrl-C does:
    # through the exception path, so no half-written .part file is left behind.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    cli(prog_name="journeykit")

"""The `journeykit` command. Thin: it parses options, calls the API and prints.

Exit codes: 0 ok, 1 a check found problems, 2 bad input or usage, 3 an internal error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

FORMATS = ("text", "json")


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


class JourneykitGroup(click.Group):
    """Turns journeykit's own errors into a clear message and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from journeykit.errors import JourneykitFout, LaadFouten

        try:
            return super().invoke(ctx)
        except JourneykitFout as e:
            # one line per problem, each marked, so several problems read (and grep) as a list
            for problem in e.fouten if isinstance(e, LaadFouten) else [e]:
                click.echo(f"fout: {problem}", err=True)
            ctx.exit(2)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("afgebroken", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader went away (`journeykit ... | head`): stop quietly, as other tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except Exception as e:  # pragma: no cover - a bug in journeykit itself
            if os.environ.get("JOURNEYKIT_DEBUG"):
                raise
            click.echo(f"interne fout in journeykit: {type(e).__name__}: {e}\n"
                       "Zet JOURNEYKIT_DEBUG=1 voor details en meld dit als fout.", err=True)
            ctx.exit(3)


def common(f: Callable) -> Callable:
    """Options every data command shares."""
    f = click.option("--plugin", "plugins", multiple=True, metavar="PAD",
                     help="Laad een plugin die niet geïnstalleerd is (modulebestand of package-map); herhaalbaar.")(f)
    f = click.option("--data", default=".", show_default=True, type=click.Path(file_okay=False),
                     help="Map met personas/ en journeys/.")(f)
    return f


def jobs_option(f: Callable) -> Callable:
    def default() -> int:
        from journeykit.analysis.parallel import default_jobs

        return default_jobs()

    return click.option("--jobs", "-j", type=click.IntRange(min=1), default=default, show_default="alle kernen",
                        help="Aantal processen voor het lopen van reizen; de uitkomst is gelijk voor elk aantal.")(f)


def format_option(choices: tuple[str, ...] = FORMATS) -> Callable:
    return click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(choices),
                        help="Uitvoer voor mensen (text) of machines (json).")


def _open(data: str, plugins: tuple[str, ...], paths: tuple[str, ...] = (), strict: bool = True):
    from journeykit.api import open_catalog

    ctx = click.get_current_context()
    before = tuple((ctx.find_root().obj or {}).get("plugins", ()))
    cat = open_catalog(data, before + plugins, [Path(p) for p in paths])
    if strict:
        cat.raise_for_errors()
    return cat


def _warn_plugins(cat) -> None:
    for f in cat.pluginfouten:
        click.echo(f"waarschuwing: {f}", err=True)


@click.group(cls=JourneykitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="journeykit", message="journeykit %(version)s")
@click.option("--plugin", "plugins", multiple=True, metavar="PAD",
              help="Laad een plugin die niet geïnstalleerd is (modulebestand of package-map); herhaalbaar.")
@click.pass_context
def cli(ctx: click.Context, plugins: tuple[str, ...]) -> None:
    """journeykit: klantreizen in het sociaal domein, uitvoerbaar gemaakt.

    Laad persona's, sleutelmomenten en de ingangen van gemeenten, loop een reis
    stap voor stap, en controleer reiscasussen tegen wat de bronnen verwachten.
    """
    ctx.obj = {"plugins": plugins}


@cli.command("list")
@click.argument("wat", type=click.Choice(["gemeenten", "personas", "sleutelmomenten", "ingangen"]))
@click.option("--gemeente", help="Gemeente (voor ingangen).")
@click.option("--variant", help="Variant van de gemeente (voor ingangen).")
@format_option()
@common
def list_cmd(wat: str, gemeente: str | None, variant: str | None, fmt: str, data: str,
             plugins: tuple[str, ...]) -> None:
    """Toon gemeenten, persona's, sleutelmomenten of ingangen."""
    from journeykit.render.text import table

    cat = _open(data, plugins)
    rows: list[dict[str, Any]]
    if wat == "gemeenten":
        rows = [{"id": g.id, "naam": g.naam, "varianten": [v.id for v in g.varianten],
                 "standaard_variant": g.standaard_variant, "plugin": cat.plugin_van[g.id],
                 "ingangen": len(g.ingangen), "regels": len(g.regels)}
                for g in sorted(cat.gemeenten.values(), key=lambda g: g.id)]
        headers = ("id", "naam", "varianten", "plugin")
        cells = [(r["id"], r["naam"], ", ".join(r["varianten"]), r["plugin"]) for r in rows]
    elif wat == "personas":
        rows = [{"id": p.id, "naam": p.naam, "leeftijd": p.leeftijd, "groep": p.groep}
                for p in sorted(cat.personas.values(), key=lambda p: p.id)]
        headers = ("id", "naam", "leeftijd", "groep")
        cells = [(r["id"], r["naam"], r["leeftijd"], r["groep"]) for r in rows]
    elif wat == "sleutelmomenten":
        rows = [{"id": s.id, "naam": s.naam, "vragen": [v.id for v in s.vragen]}
                for s in sorted(cat.sleutelmomenten.values(), key=lambda s: s.id)]
        headers = ("id", "naam", "vragen")
        cells = [(r["id"], r["naam"], ", ".join(r["vragen"])) for r in rows]
    else:
        if not gemeente:
            raise click.UsageError("'list ingangen' vraagt om --gemeente")
        g = cat.gemeente(gemeente, variant)
        rows = [{"id": i.id, "naam": i.naam, "soort": i.soort, "kanalen": list(i.kanalen),
                 "eerste_contact": i.eerste_contact} for i in g.ingangen]
        headers = ("id", "naam", "soort", "kanalen")
        cells = [(r["id"], r["naam"], r["soort"], ", ".join(r["kanalen"])) for r in rows]
    if fmt == "json":
        _dump({wat: rows, "plugin_fouten": [{"plugin": f.plugin, "reden": f.reden} for f in cat.pluginfouten]})
    else:
        click.echo(table(headers, cells), nl=False)
    _warn_plugins(cat)


@cli.command()
@click.option("--gemeente", required=True, help="Gemeente-id.")
@click.option("--persona", required=True, help="Persona-id.")
@click.option("--sleutelmoment", required=True, help="Sleutelmoment-id.")
@click.option("--variant", help="Variant (standaard die van de gemeente).")
@click.option("--ingang", help="Begin bij deze ingang in plaats van de meest voor de hand liggende.")
@click.option("--vraag", help="Welke vraag van het sleutelmoment (standaard de eerste).")
@click.option("--format", "fmt", default="text", show_default=True, metavar="FORMAAT",
              help="text, json of een formaat van een plugin.")
@common
def walk(gemeente: str, persona: str, sleutelmoment: str, variant: str | None, ingang: str | None,
         vraag: str | None, fmt: str, data: str, plugins: tuple[str, ...]) -> None:
    """Loop een reis stap voor stap en leg uit waarom elke stap gebeurt."""
    from journeykit import api
    from journeykit.model import as_dict

    cat = _open(data, plugins)
    formats = api.output_formats(cat)
    if fmt != "json" and fmt not in formats:
        raise click.BadParameter(f"onbekend formaat '{fmt}'; kies uit: json, {', '.join(sorted(formats))}",
                                 param_hint="--format")
    j, schendingen = api.walk(cat, gemeente, persona, sleutelmoment, variant, ingang, vraag)
    if fmt == "json":
        _dump({**as_dict(j), "schendingen": [as_dict(s) for s in schendingen]})
    else:
        ctx = {"gemeente": cat.gemeente(gemeente, variant), "persona": cat.persona(persona),
               "sleutelmoment": cat.sleutelmoment(sleutelmoment), "schendingen": schendingen}
        try:
            out = formats[fmt](j, ctx)
        except Exception as e:
            from journeykit.errors import PluginFout

            raise PluginFout(fmt, f"uitvoerformaat faalde: {type(e).__name__}: {e}") from None
        click.echo(out, nl=False)
    _warn_plugins(cat)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--coverage", is_flag=True, help="Meld welke ingangen geen geval bereikt en welke regels nooit vuren.")
@jobs_option
@format_option()
@common
def check(paths: tuple[str, ...], coverage: bool, jobs: int, fmt: str, data: str, plugins: tuple[str, ...]) -> None:
    """Controleer data en plugins, loop alle reiscasussen en toets hun verwachtingen.

    Zonder PATHS: de reizen in journeys/. Met PATHS: die bestanden of mappen.
    """
    from journeykit import api
    from journeykit.errors import LaadFouten
    from journeykit.model import as_dict
    from journeykit.render.text import UITKOMST_NAAM, table

    cat = _open(data, plugins, paths, strict=False)
    fouten = cat.laadfouten + cat.plugin_laadfouten
    if fouten:
        raise LaadFouten(fouten)
    only = None
    if paths:
        chosen = [Path(p).resolve() for p in paths]
        only = [r for r in cat.reizen.values() if r.plaats and any(
            Path(r.plaats.bestand).resolve() == c or c in Path(r.plaats.bestand).resolve().parents for c in chosen)]
    results = api.check_reizen(cat, only, jobs=jobs)
    failed = [r for r in results if not r.ok]
    gaten = None
    if coverage:
        progress = _Progress()
        try:
            gaten = api.coverage(cat, results, progress, jobs=jobs)
        finally:
            progress.close()
    per_principe: dict[tuple[str, str], list[str]] = {}
    for r in results:
        for p in sorted({s.principe for s in r.schendingen}):
            per_principe.setdefault((r.journey.gemeente, p), []).append(r.reis.id)
    if fmt == "json":
        _dump({
            "reizen": [{"id": r.reis.id, "ok": r.ok, "mislukt": list(r.mislukt), "gemeente": r.journey.gemeente,
                        "variant": r.journey.variant, "uitkomst": as_dict(r.journey.uitkomst),
                        "metrieken": as_dict(r.journey.metrieken),
                        "schendingen": [as_dict(s) for s in r.schendingen]} for r in results],
            "principes": [{"gemeente": g, "principe": p, "reizen": ids} for (g, p), ids in
                          sorted(per_principe.items())],
            "dekking": None if gaten is None else [as_dict(x) for x in gaten],
            "plugin_fouten": [{"plugin": f.plugin, "reden": f.reden} for f in cat.pluginfouten],
            "ok": not failed and not cat.pluginfouten,
        })
    else:
        rows = []
        for r in results:
            mt = r.journey.metrieken
            u = r.journey.uitkomst
            rows.append((r.reis.id, f"{r.journey.gemeente}/{r.journey.variant}", mt.contacten_inwoner,
                         mt.warme_overdrachten, mt.koude_verwijzingen, mt.herhalingen, mt.dagen,
                         UITKOMST_NAAM[u.soort] + (f" ({u.niveau})" if u.niveau else ""),
                         " → ".join(u.lus) if u.lus else "-", "ok" if r.ok else "MISLUKT"))
        click.echo(table(("reis", "gemeente/variant", "contacten", "warm", "koud", "opnieuw verteld", "dagen",
                          "uitkomst", "lus", "verwachting"), rows), nl=False)
        if failed:
            click.echo("\nNiet gehaalde verwachtingen:")
            for r in failed:
                where = f"{r.reis.plaats}" if r.reis.plaats else r.reis.id
                for msg in r.mislukt:
                    click.echo(f"  {where}: reis '{r.reis.id}': {msg}")
        if per_principe:
            click.echo("\nPrincipes en de reizen die ze schenden:")
            for (g, p), ids in sorted(per_principe.items()):
                click.echo(f"  {g} · {cat.principe_naam(g, p)} ({len(ids)}): {', '.join(ids)}")
        if gaten is not None:
            click.echo("\nDekking (reiscasussen en een sweep met gegenereerde persona's):")
            if not gaten:
                click.echo("  Elke ingang wordt bereikt en elke regel vuurt.")
            for x in gaten:
                wat = "ingang nooit bereikt" if x.soort == "ingang" else "regel vuurt nooit"
                click.echo(f"  {x.gemeente}/{x.variant}: {wat}: {x.id}: {x.reden}")
        n = len(results)
        click.echo(f"\n{n - len(failed)} van de {n} reizen halen hun verwachtingen.")
    _warn_plugins(cat)
    if failed or cat.pluginfouten:
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
    return (f"{p.naam} ({p.id}, {p.leeftijd} jaar{extra}) · {case.sleutelmoment.id}/{case.vraag}"
            f" · start: {case.eerste_ingang or 'meest voor de hand liggend'}")


def _ingang_naam(cat, gemeente: str, ingang: str) -> str:
    try:
        return cat.gemeente(gemeente).ingang(ingang).naam
    except KeyError:
        return ingang


def _case_json(case) -> dict:
    return {"persona": case.persona.id, "leeftijd": case.persona.leeftijd, "afwijkingen": list(case.afwijkingen),
            "sleutelmoment": case.sleutelmoment.id, "vraag": case.vraag, "eerste_ingang": case.eerste_ingang}


@cli.command()
@click.option("--persona", required=True, help="Persona-id.")
@click.option("--sleutelmoment", required=True, help="Sleutelmoment-id.")
@click.option("--vraag", help="Welke vraag van het sleutelmoment (standaard de eerste).")
@click.option("--gemeente", "gemeenten", multiple=True, help="Gemeente-id; herhaalbaar (standaard alle).")
@click.option("--per-ingang", is_flag=True, help="Ook per mogelijk eerste contact van de persona.")
@jobs_option
@format_option()
@common
def compare(persona: str, sleutelmoment: str, vraag: str | None, gemeenten: tuple[str, ...], per_ingang: bool,
            jobs: int, fmt: str, data: str, plugins: tuple[str, ...]) -> None:
    """Vergelijk een persona en sleutelmoment over gemeenten, varianten en eerste contacten."""
    from journeykit import api
    from journeykit.model import as_dict
    from journeykit.render.text import UITKOMST_NAAM, euro, table

    cat = _open(data, plugins)
    v = api.compare(cat, persona, sleutelmoment, gemeenten, per_ingang, vraag, jobs=jobs)
    if fmt == "json":
        _dump({
            "persona": v.persona, "sleutelmoment": v.sleutelmoment, "vraag": v.vraag,
            "rijen": [{"gemeente": r.gemeente, "variant": r.variant, "eerste_ingang": r.eerste_ingang,
                       "route": list(r.journey.route), "uitkomst": as_dict(r.journey.uitkomst),
                       "metrieken": as_dict(r.journey.metrieken),
                       "schendingen": sorted({s.principe for s in r.schendingen})} for r in v.rijen],
            "oordelen": [{"gemeente": o.gemeente, "variant": o.variant, "geen_verkeerde_deur": o.ok,
                          "eerste_contacten": o.eerste_contacten,
                          "falen": [{"ingang": i, "reden": why} for i, why in o.falen]} for o in v.oordelen],
        })
        _warn_plugins(cat)
        return
    rows = []
    for r in v.rijen:
        j, mt = r.journey, r.journey.metrieken
        start = _ingang_naam(cat, r.gemeente, j.route[0]) if j.route else "-"
        rows.append((f"{r.gemeente}/{r.variant}", start + ("" if r.eerste_ingang else " *"), mt.contacten_inwoner,
                     mt.warme_overdrachten, mt.koude_verwijzingen, mt.herhalingen, mt.dagen, mt.organisaties,
                     UITKOMST_NAAM[j.uitkomst.soort] + (f" ({j.uitkomst.niveau})" if j.uitkomst.niveau else ""),
                     "ja" if j.uitkomst.lus else "nee", euro(mt.kosten) if mt.kosten else "-"))
    click.echo(f"Vergelijking: {cat.persona(v.persona).naam} · {cat.sleutelmoment(v.sleutelmoment).naam} "
               f"(vraag: {v.vraag})\n")
    click.echo(table(("gemeente/variant", "eerste contact", "contacten", "warm", "koud", "opnieuw verteld", "dagen",
                      "organisaties", "uitkomst", "lus", "kosten"), rows), nl=False)
    click.echo("* = het meest voor de hand liggende eerste contact van deze persona\n")
    click.echo("Geen verkeerde deur?")
    for o in v.oordelen:
        if o.ok:
            click.echo(f"  {o.gemeente}/{o.variant}: ja, alle {o.eerste_contacten} eerste contacten leiden zonder "
                       "koude verwijzing naar een antwoord")
        elif not o.eerste_contacten:
            click.echo(f"  {o.gemeente}/{o.variant}: nee, deze persona kan hier geen enkele ingang zelf bereiken")
        else:
            click.echo(f"  {o.gemeente}/{o.variant}: nee, {len(o.falen)} van {o.eerste_contacten} eerste contacten "
                       "falen:")
            for ingang, why in o.falen:
                click.echo(f"    - {_ingang_naam(cat, o.gemeente, ingang)}: {why}")
    _warn_plugins(cat)


@cli.command()
@click.option("--gemeente", help="Alleen deze gemeente (standaard alle).")
@click.option("--variant", help="Alleen deze variant.")
@click.option("--fail-on-loop", is_flag=True, help="Exitcode 1 als er een lus gevonden wordt.")
@click.option("--zonder-varianten", is_flag=True, help="Geen gegenereerde persona-varianten meenemen.")
@click.option("--zonder-groepering", is_flag=True,
              help="Elk geval apart lopen, ook als de routering het niet van een ander kan onderscheiden (trager).")
@jobs_option
@format_option()
@common
def loops(gemeente: str | None, variant: str | None, fail_on_loop: bool, zonder_varianten: bool,
          zonder_groepering: bool, jobs: int, fmt: str, data: str, plugins: tuple[str, ...]) -> None:
    """Zoek kastje-naar-de-muur-lussen over alle persona's, sleutelmomenten en eerste contacten."""
    from journeykit import api
    from journeykit.errors import getal
    from journeykit.model import as_dict

    cat = _open(data, plugins)
    progress = _Progress()
    try:
        rapport = api.loops(cat, gemeente, variant, generated=not zonder_varianten, progress=progress, jobs=jobs,
                            grouped=not zonder_groepering)
    finally:
        progress.close()
    agg = rapport.aggregaat
    lussen = sorted(agg.lussen.values(), key=lambda x: (x.gemeente, x.cyclus, [e.regel for e in x.randen]))
    nummer = {id(x): n for n, x in enumerate(lussen, 1)}
    if fmt == "json":
        _dump({
            "gelopen": agg.gelopen,
            "uitkomsten": dict(sorted(agg.uitkomsten.items())),
            "gemeenten": [{"gemeente": g, "variant": v} for g, v in rapport.gemeenten],
            "lussen": [{"nummer": nummer[id(x)], "gemeente": x.gemeente, "cyclus": list(x.cyclus),
                        "varianten": x.varianten, "aantal": x.aantal, "getuige": _case_json(x.getuige),
                        "randen": [{"van": e.van, "naar": e.naar, "regel": e.regel, "overdracht": e.overdracht,
                                    "herkomst": as_dict(e.herkomst)} for e in x.randen]} for x in lussen],
            "statische_cycli": [{"gemeente": c.gemeente, "variant": c.variant, "cyclus": list(c.cyclus),
                                 "regels": [{"van": a, "naar": b, "regels": list(rs)} for a, b, rs in c.regels],
                                 "getuige": nummer[id(c.getuige)] if c.getuige else None} for c in rapport.statisch],
            "principes": [{"gemeente": g, "principe": p, "aantal": s.aantal,
                           "voorbeelden": [_case_json(c) for c in s.voorbeelden]}
                          for (g, p), s in sorted(agg.schendingen.items())],
        })
    else:
        where = ", ".join(f"{g}/{v}" for g, v in rapport.gemeenten)
        click.echo(f"Kastje naar de muur: {getal(agg.gelopen)} reizen gelopen in {where}\n")
        click.echo(f"Gevonden lussen: {len(lussen)}")
        for x in lussen:
            route = " → ".join(_ingang_naam(cat, x.gemeente, i) for i in x.cyclus)
            click.echo(f"{nummer[id(x)]:>3}. {x.gemeente}: {route}")
            click.echo(f"     in varianten {', '.join(x.varianten)}; {x.aantal} keer geraakt in de sweep")
            for e in x.randen:
                click.echo(f"     {_ingang_naam(cat, x.gemeente, e.van)} → {_ingang_naam(cat, x.gemeente, e.naar)}: "
                           f"regel {e.regel} ({e.overdracht}); {e.herkomst}")
            click.echo(f"     kleinste getuige: {_persona_label(cat, x.getuige)}")
        click.echo(f"\nCycli in het verwijsnetwerk (elke verwijzing die een regel kan maken): {len(rapport.statisch)}")
        for c in rapport.statisch:
            route = " → ".join(_ingang_naam(cat, c.gemeente, i) for i in c.cyclus)
            status = (f"bereikt (lus {nummer[id(c.getuige)]})" if c.getuige else
                      "zonder getuige: geen persona in de sweep komt hierin terecht")
            click.echo(f"  - {c.gemeente}/{c.variant}: {route}: {status}")
        if agg.schendingen:
            click.echo("\nPrincipes die reizen in de sweep schenden:")
            for (g, p), sch in sorted(agg.schendingen.items()):
                click.echo(f"  - {g} · {cat.principe_naam(g, p)}: {getal(sch.aantal)} reizen")
                click.echo(f"      bijvoorbeeld: {_persona_label(cat, sch.voorbeelden[0])}")
    _warn_plugins(cat)
    if fail_on_loop and lussen:
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
def diff(gemeente: str | None, van: str | None, naar: str | None, scenario: str | None, strict: bool, alles: bool,
         jobs: int, fmt: str, data: str, plugins: tuple[str, ...]) -> None:
    """Wat verandert er per geval tussen twee varianten, of door een scenario?"""
    from journeykit import api
    from journeykit.render.text import table

    if scenario and (gemeente or van or naar):
        raise click.UsageError("gebruik --scenario óf --gemeente met --from en --to, niet allebei")
    if not scenario and not (gemeente and van and naar):
        raise click.UsageError("geef --gemeente, --from en --to, of --scenario")
    cat = _open(data, plugins)
    d = (api.diff_scenario(cat, Path(scenario), jobs=jobs) if scenario
         else api.diff_variants(cat, gemeente, van, naar, jobs=jobs))
    t = d.totalen
    shown = d.verschillen if alles else d.gewijzigd
    if fmt == "json":
        _dump({
            "gemeente": d.gemeente, "van": d.van, "naar": d.naar,
            "gevallen": [{"geval": v.geval.label, "reis": v.geval.reis, "persona": v.geval.persona,
                          "sleutelmoment": v.geval.sleutelmoment, "vraag": v.geval.vraag,
                          "eerste_ingang": v.geval.eerste_ingang, "beter": v.beter, "slechter": v.slechter,
                          "route_voor": list(v.voor.route), "route_na": list(v.na.route),
                          "wijzigingen": [{"wat": w.wat, "voor": w.voor, "na": w.na, "beter": w.beter}
                                          for w in v.wijzigingen]} for v in shown],
            "totalen": {"gevallen": t.gevallen, "beter": t.beter, "slechter": t.slechter, "gelijk": t.gelijk,
                        "voor": t.voor, "na": t.na},
            "nieuwe_lussen": [v.geval.label for v in d.nieuwe_lussen],
            "nieuwe_schendingen": [v.geval.label for v in d.nieuwe_schendingen],
        })
    else:
        click.echo(f"Verschil in {d.gemeente}: {d.van} → {d.naar} ({t.gevallen} gevallen, {len(d.gewijzigd)} "
                   "veranderd)\n")
        for v in shown:
            mark = "beter" if v.beter else "slechter" if v.slechter else "anders" if v.wijzigingen else "gelijk"
            click.echo(f"[{mark}] {v.geval.label}")
            click.echo(f"    route: {' → '.join(v.voor.route) or '-'}  ⇒  {' → '.join(v.na.route) or '-'}")
            for w in v.wijzigingen:
                if w.wat == "route":
                    continue  # already shown on the line above
                arrow = {True: "(beter)", False: "(slechter)", None: ""}[w.beter]
                click.echo(f"    {w.wat}: {w.voor} → {w.na} {arrow}".rstrip())
        rows = [(k, _num(t.voor[k]), _num(t.na[k]), _num(t.na[k] - t.voor[k])) for k in t.voor]
        click.echo("\nTotalen over alle gevallen:")
        click.echo(table(("", "voor", "na", "verschil"), rows), nl=False)
        click.echo(f"{t.beter} gevallen beter, {t.slechter} slechter, {t.gelijk} gelijk of neutraal.")
        if d.nieuwe_lussen:
            click.echo(f"Nieuwe lussen in {len(d.nieuwe_lussen)} gevallen.")
        if d.nieuwe_schendingen:
            click.echo(f"Nieuwe principeschendingen in {len(d.nieuwe_schendingen)} gevallen.")
    _warn_plugins(cat)
    if strict and (d.nieuwe_lussen or d.nieuwe_schendingen):
        sys.exit(1)


def journey_options(f: Callable) -> Callable:
    for opt in reversed([
        click.option("--gemeente", required=True, help="Gemeente-id."),
        click.option("--persona", required=True, help="Persona-id."),
        click.option("--sleutelmoment", required=True, help="Sleutelmoment-id."),
        click.option("--variant", help="Variant (standaard die van de gemeente)."),
        click.option("--ingang", help="Begin bij deze ingang."),
        click.option("--vraag", help="Welke vraag van het sleutelmoment (standaard de eerste)."),
    ]):
        f = opt(f)
    return f


def out_option(f: Callable) -> Callable:
    return click.option("--out", "out", required=True, type=click.Path(file_okay=False),
                        help="Uitvoermap; journeykit schrijft alleen daarbinnen.")(f)


def _write(out: str, files: list[tuple[str, str]]) -> None:
    from journeykit.render.files import Uitvoer

    target = Uitvoer(out)
    for name, content in files:
        path = target.write(name, content)
        click.echo(f"geschreven: {path}")


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
    _warn_plugins(cat)


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
    _warn_plugins(cat)


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
    _warn_plugins(cat)


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
    from journeykit.render import outputs

    cat = _open(data, plugins)
    g = cat.gemeente(gemeente, variant)
    ps = [cat.persona(x) for x in personas] if personas else sorted(
        (p for p in cat.personas.values() if groep is None or p.groep == groep), key=lambda p: p.id)
    sms = [cat.sleutelmoment(x) for x in sleutelmomenten] if sleutelmomenten else sorted(
        cat.sleutelmomenten.values(), key=lambda s: s.id)
    if not ps:
        raise click.BadParameter(f"geen persona's in groep '{groep}'", param_hint="--groep")
    walker = cat.walker(gemeente, variant)
    journeys = {(p.id, sm.id): walker.walk(p, sm) for p in ps for sm in sms}
    _write(out, outputs.matrix(g, ps, sms, journeys))
    _warn_plugins(cat)


@render.command("network")
@click.option("--gemeente", required=True, help="Gemeente-id.")
@click.option("--variant", help="Variant.")
@out_option
@common
def render_network(gemeente, variant, out, data, plugins) -> None:
    """Het verwijsnetwerk: wie verwijst naar wie (HTML met SVG, en Graphviz DOT)."""
    from journeykit.render import outputs

    cat = _open(data, plugins)
    _write(out, outputs.network(cat.gemeente(gemeente, variant)))
    _warn_plugins(cat)


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
    _warn_plugins(cat)


@render.command("loops")
@click.option("--gemeente", help="Alleen deze gemeente.")
@click.option("--variant", help="Alleen deze variant.")
@out_option
@common
def render_loops(gemeente, variant, out, data, plugins) -> None:
    """Het lussenrapport als HTML-tabellen en Markdown."""
    from journeykit import api
    from journeykit.render import outputs

    cat = _open(data, plugins)
    progress = _Progress()
    try:
        rapport = api.loops(cat, gemeente, variant, progress=progress)
    finally:
        progress.close()
    _write(out, outputs.loops_report(rapport, cat, "lussen" + (f"-{gemeente}" if gemeente else "") +
                                     (f"-{variant}" if variant else "")))
    _warn_plugins(cat)


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
    _warn_plugins(cat)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def main() -> None:
    cli(prog_name="journeykit")

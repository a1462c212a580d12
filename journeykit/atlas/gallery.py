"""The gallery: every kind of output `journeykit render` makes, made from the atlas's own data at build time.

For each kind: what it is, the command that makes it, the output itself (copied into the site, so it opens
offline) and a screenshot of it by headless Chromium. Without Chromium the gallery has no screenshots and says
so; the build goes on.
"""

from __future__ import annotations

import shlex
import tempfile
from html import escape
from pathlib import Path
from typing import Any

import attrs

from journeykit import api
from journeykit import model as m
from journeykit.atlas.markdown import raw_html
from journeykit.errors import JourneykitError
from journeykit.render import outputs
from journeykit.render.templating import md

GALERIJ = "atlas/galerij.md"
GALERIJ_TITEL = "Galerij: alle soorten uitvoer"
MAP = "atlas/galerij"  # the outputs and their screenshots, next to the page
LUSSEN_HTML = "lussen.html"  # the loop report's example, as `journeykit render loops` names it
# What the page holds until its screenshots are known (see the plugin).
GALERIJ_VOORLOPIG = f"# {GALERIJ_TITEL}\n"
# A screenshot shows the top of a page as a 1500 px wide window shows it.
SCHERM = (1500, 1000)
ZONDER_CHROMIUM = (
    "Hier staan geen schermafbeeldingen: daarvoor heeft journeykit bij het bouwen van de atlas Chromium nodig, en "
    "dat was er niet of het lukte niet."
)


@attrs.frozen
class Soort:
    """One kind of output, with an example made from the data."""

    titel: str
    uitleg: str  # Markdown, our own words
    commando: str
    voorbeeld: str  # Markdown: what the example shows, names from the data escaped
    bestanden: tuple[tuple[str, str], ...] = ()  # (name in MAP, content) of the example's files
    pagina: str | None = None  # the HTML page among them: linked and screenshot
    mermaid: str | None = None  # a Mermaid source drawn on the gallery page itself
    zonder: str = "Deze data heeft geen voorbeeld hiervan."  # said instead of the example when there is none


def _command(base: str, *options: tuple[str, str | None]) -> str:
    """A command line that can be pasted into a shell; an option whose value is None is left out."""
    return " ".join([base, *(f"{o} {shlex.quote(v)}" for o, v in options if v is not None)])


@attrs.frozen
class _Case:
    """The journey case the journey-based kinds show: one question, and a change of its gemeente's situation that
    it is on either side of."""

    reis: m.Reiscasus
    gemeente: str
    variant: str
    change: tuple[str, str] | None  # (before, after), one of them ``variant``
    vraag: str | None
    ingang: str | None


def example_case(cat: Any) -> _Case | None:
    """The journey case of one question that changes most when its gemeente's situation changes (the first such,
    by id); when none changes, the first that can be walked on both sides; else the first, without a change."""
    best: tuple[int, _Case] | None = None
    first: _Case | None = None
    for rid in sorted(cat.reizen):
        r = cat.reizen[rid]
        if r.vragen:
            continue  # a household: one map per question
        g = cat.gemeenten[r.gemeente]
        variant = r.variant or g.standaard_variant
        changes = [x for x in g.overgangen() if x[1] == variant] + [x for x in g.overgangen() if x[0] == variant]
        case = _Case(r, g.id, variant, changes[0] if changes else None, r.vraag, r.eerste_ingang)
        first = first or attrs.evolve(case, change=None)
        if case.change is None:
            continue
        before, after = (cat.gemeente(g.id, x) for x in case.change)
        try:
            v, _, _ = api.diff_case(cat, before, after, r.persona, r.sleutelmoment, r.vraag, r.eerste_ingang)
        except JourneykitError:  # its first contact is not there on the other side, say
            continue
        if best is None or len(v.wijzigingen) > best[0]:
            best = (len(v.wijzigingen), case)
    return best[1] if best else first


def kinds(cat: Any) -> list[Soort]:
    """Every kind but the loop report (that one comes from the atlas's own sweep: ``loops_kind``)."""
    case = example_case(cat)
    if case is None:
        return [_without_example(k) for k in _JOURNEY_KINDS]
    r = case.reis
    j, sch = api.walk(cat, case.gemeente, r.persona, r.sleutelmoment, case.variant, case.ingang, case.vraag)
    g, p, sm = cat.gemeente(case.gemeente, case.variant), cat.persona(r.persona), cat.sleutelmoment(r.sleutelmoment)
    name = outputs.journey_name(j, case.ingang)
    who = (("--persona", r.persona), ("--sleutelmoment", r.sleutelmoment), ("--vraag", case.vraag))
    chosen = (("--gemeente", case.gemeente), *who, ("--variant", case.variant), ("--ingang", case.ingang))
    about = (
        f"{md(p.naam)} · {md(sm.naam)}: {md(sm.vraag(j.vraag).omschrijving)}, in {md(g.naam)} ({md(g.variant_naam())})"
    )
    found = []

    risks = api.walk_risks(cat, j, sch, case.ingang)
    others = api.other_routes(cat, j, case.ingang)
    files = outputs.journey_map(j, g, p, sm, sch, name, risks, others)
    found.append(_kind("map", _command("journeykit render map", *chosen), f"de reis van {about}.", files))

    if case.change is not None:
        before, after = (cat.gemeente(case.gemeente, x) for x in case.change)
        v, sv, sn = api.diff_case(cat, before, after, r.persona, r.sleutelmoment, case.vraag, case.ingang)
        files = outputs.diffmap(v, before, after, p, sm, sv, sn)
        change = (("--gemeente", case.gemeente), ("--from", case.change[0]), ("--to", case.change[1]))
        command = _command("journeykit render diffmap", *change, *who, ("--ingang", case.ingang))
        text = (
            f"{md(p.naam)} · {md(sm.naam)} in {md(g.naam)}: {md(before.variant_naam())} en "
            f"{md(after.variant_naam())} naast elkaar."
        )
        found.append(_kind("diffmap", command, text, files))
    else:
        found.append(_without_example("diffmap"))

    # the worksheet with the chances and problems against the situation before, if the case is the one after
    van = case.change[0] if case.change is not None and case.change[1] == case.variant else None
    verschil = None
    if van is not None:
        from journeykit.analysis.diff import Geval

        geval = Geval(r.persona, r.sleutelmoment, j.vraag, case.ingang, None)
        verschil = api.diff(cat, cat.gemeente(case.gemeente, van), g, [geval]).verschillen[0]
    files = outputs.canvas(j, g, p, sm, sch, verschil, name)
    command = _command("journeykit render canvas", *chosen, ("--from", van))
    found.append(_kind("canvas", command, f"het werkblad voor de reis van {about}.", files))

    ps = sorted(cat.personas.values(), key=lambda x: x.id)
    sms = sorted(cat.sleutelmomenten.values(), key=lambda x: x.id)
    journeys, opgelost = api.matrix_cells(cat, case.gemeente, case.variant, ps, sms)
    files = outputs.matrix(g, ps, sms, journeys, opgelost)
    command = _command("journeykit render matrix", *chosen[:1], ("--variant", case.variant))
    text = f"alle persona's en sleutelmomenten in {md(g.naam)} ({md(g.variant_naam())})."
    found.append(_kind("matrix", command, text, files))

    files = outputs.network(g)
    command = _command("journeykit render network", *chosen[:1], ("--variant", case.variant))
    text = f"het verwijsnetwerk van {md(g.naam)} ({md(g.variant_naam())})."
    found.append(_kind("network", command, text, files))

    c = api.compare(cat, r.persona, r.sleutelmoment, vraag=case.vraag)
    files = outputs.compare_report(c, cat)
    command = _command("journeykit render compare", *who)
    text = f"{md(p.naam)} · {md(sm.naam)}: {md(sm.vraag(j.vraag).omschrijving)}, in elke gemeente."
    found.append(_kind("compare", command, text, files))

    files = outputs.mermaid(j, g, p, sm, name)
    command = _command("journeykit render mermaid", *chosen)
    flowchart = next(content for n, content in files if n.endswith(".flowchart.mmd"))
    found.append(attrs.evolve(_kind("mermaid", command, f"de reis van {about}.", files), mermaid=flowchart))
    return found


def loops_kind(html: str | None) -> Soort:
    """The loop report as `journeykit render loops` writes it: ``html`` is made by the atlas's own sweep (None: the
    atlas is built without it)."""
    if html is None:
        return attrs.evolve(_without_example("loops"), zonder="Deze atlas is gebouwd zonder het lussenrapport.")
    return _kind("loops", "journeykit render loops", "alle gemeenten, alle varianten.", [(LUSSEN_HTML, html)])


# (title, explanation) per kind, in the order of the page. The explanations are ours, not from the data.
UITLEG = {
    "map": (
        "Klantreiskaart",
        "Eén reis als kaart: de fasen van de klantreis van de gemeente als kolommen, en per stap wie de inwoner "
        "spreekt, wat die doet, denkt en voelt, wat er achter de schermen gebeurt, de knelpunten en kansen, en "
        "waar het op rust (een bron of een aanname). Afdrukbaar op A3 liggend; er komt een Markdown-versie bij.",
    ),
    "diffmap": (
        "Voor-en-na-kaart",
        "Dezelfde reis in twee situaties naast elkaar (twee varianten, of een variant en een scenario): de fasen "
        "recht onder elkaar, elk verschil gemarkeerd en de cijfers vergeleken.",
    ),
    "canvas": (
        "Werkblad",
        "Een werkblad voor de workshop, naar het sjabloon van Nijmegen: de reis voorgevuld, met ruimte om te "
        "schrijven. Met `--from` komen de kansen en knelpunten ten opzichte van een andere variant erbij.",
    ),
    "matrix": (
        "Matrix",
        "Alle persona's tegen alle sleutelmomenten in één gemeente: per cel hoe de reis afloopt, hoe de persona "
        "denkt en hoe je daarop inspeelt. Er komen een CSV- en een XLSX-bestand bij.",
    ),
    "network": (
        "Netwerkkaart",
        "Het verwijsnetwerk van een gemeente: welke ingang naar welke verwijst, warm of koud, en waar "
        "verwijzingen een kring vormen. Er komt een Graphviz-bestand (DOT) bij.",
    ),
    "compare": (
        "Vergelijking",
        "Eén persona met één vraag in elke gemeente en variant naast elkaar: de route, contacten, koude "
        "verwijzingen, dagen, uitkomst en kosten. Met `--per-ingang` ook per mogelijk eerste contact.",
    ),
    "loops": (
        "Lussenrapport",
        "Van het kastje naar de muur: elke persona met elk sleutelmoment vanaf elk eerste contact gelopen, elke "
        "lus die daarbij ontstaat één keer beschreven, en de kringen die al in de routeregels zitten.",
    ),
    "mermaid": (
        "Mermaid-diagrammen",
        "De route als tekst voor Mermaid: een stroomschema en een journey-diagram, om in eigen documentatie te "
        "zetten (GitHub, GitLab en veel wiki's tekenen ze). Hieronder het stroomschema zoals Mermaid het tekent, "
        "en de bron van beide.",
    ),
}
ORDER = ("map", "diffmap", "canvas", "matrix", "network", "compare", "loops", "mermaid")
_JOURNEY_KINDS = ("map", "diffmap", "canvas", "matrix", "network", "compare", "mermaid")


def _kind(kind: str, command: str, voorbeeld: str, files: list[tuple[str, str]]) -> Soort:
    titel, uitleg = UITLEG[kind]
    kept = tuple((n, c) for n, c in files if n.endswith((".html", ".mmd")))
    page = next((n for n, _ in kept if n.endswith(".html")), None)
    return Soort(titel, uitleg, command, voorbeeld, kept, page)


def _without_example(kind: str) -> Soort:
    titel, uitleg = UITLEG[kind]
    return Soort(titel, uitleg, f"journeykit render {kind}", "")


def ordered(found: list[Soort]) -> list[Soort]:
    rank = {UITLEG[k][0]: n for n, k in enumerate(ORDER)}
    return sorted(found, key=lambda s: rank[s.titel])


def screenshot_name(page: str) -> str:
    return Path(page).with_suffix(".png").name


def gallery_page(found: list[Soort], screenshots: bool) -> str:
    """The gallery page (GALERIJ); ``screenshots``: whether each HTML example has its screenshot in MAP."""
    folder = Path(MAP).name
    lines = [
        f"# {GALERIJ_TITEL}",
        "",
        (
            "Elke soort uitvoer van `journeykit render`, gemaakt uit de data van deze atlas toen die gebouwd werd: "
            "wat het is, het commando dat het maakt, het voorbeeld zelf (het opent ook zonder internet) en een "
            "schermafbeelding. Elk commando schrijft zijn bestanden in de map die je met `--out` geeft; met "
            "`--png` of `--pdf` maakt het van elke HTML-pagina ook een afbeelding of een PDF."
        ),
        "",
    ]
    if not screenshots:
        lines += [ZONDER_CHROMIUM, ""]
    for s in ordered(found):
        lines += [f"## {s.titel}", "", s.uitleg, "", raw_html(f"<pre><code>{escape(s.commando)}</code></pre>")]
        if not s.bestanden:
            lines += [s.zonder, ""]
            continue
        lines += [f"Het voorbeeld: {s.voorbeeld}", ""]
        if s.pagina is not None:
            link = f"{folder}/{s.pagina}"
            lines += [f"[Het voorbeeld openen ({md(s.pagina)})]({link})", ""]
            if screenshots:
                shot = f"{folder}/{screenshot_name(s.pagina)}"
                lines += [f"[![Schermafbeelding: {s.titel}]({shot}){{: .jk-schermafbeelding }}]({link})", ""]
        for n, content in s.bestanden:
            if n.endswith(".mmd"):
                lines += [
                    f"[{md(n)}]({folder}/{n})",
                    "",
                    raw_html(f"<pre><code>{escape(content)}</code></pre>"),
                ]
        if s.mermaid is not None:
            lines += [raw_html(escape(s.mermaid), "jk-mermaid")]
    return "\n".join(lines) + "\n"


def pages_to_screenshot(found: list[Soort]) -> dict[str, str]:
    """{page name: html} of every example that is an HTML page."""
    return {s.pagina: dict(s.bestanden)[s.pagina] for s in found if s.pagina is not None}


def screenshots(htmls: dict[str, str]) -> dict[str, bytes] | None:
    """A PNG of the top of each page (``SCHERM``), by headless Chromium; None when there is no Chromium or it fails.

    The pages are written to a temporary folder first (Chromium opens files); journeykit's pages load nothing
    from elsewhere, so they look there as they will in the site.
    """
    from journeykit.render import export

    if not htmls:
        return {}
    try:
        export.find_chromium()
    except export.ChromiumNotFound:
        return None
    with tempfile.TemporaryDirectory(prefix="journeykit-galerij-") as tmp:
        out = {}
        try:
            with export.Browser() as browser:
                for name, html in sorted(htmls.items()):
                    page = Path(tmp, name)
                    page.write_text(html, encoding="utf-8")
                    out[screenshot_name(name)] = browser.png(page, SCHERM[0], SCHERM[1])
        except export.ExportError:
            return None
    return out

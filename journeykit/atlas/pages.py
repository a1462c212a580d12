"""The journey atlas: every page generated from the data, so nothing in it can drift from the data.

``build_atlas`` returns {path inside docs: content}; the mkdocs plugin only hands these to mkdocs.
"""

from __future__ import annotations

import re
import shlex
from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Any

import attrs

from journeykit import api, schema
from journeykit import model as m
from journeykit.atlas import gallery
from journeykit.render import network, outputs, overviews
from journeykit.render.files import slug
from journeykit.render.templating import NIVEAU_NAAM, md, render
from journeykit.render.text import UITKOMST_NAAM, dagen_tekst, kosten_tekst, totaal_tekst
from journeykit.render.views import change_line

Pages = dict[str, str]
# A nav entry as in mkdocs.yml: {title: path} or {title: [entry, ...]}.
NavEntry = dict[str, "str | list[NavEntry]"]


# Front matter for a page whose wide table needs the room of the theme's table of contents more than the page
# needs that table of contents (a few headings).
ZONDER_INHOUD = "---\nhide:\n  - toc\n---\n\n"


def _mermaid_block(source: str) -> str:
    # Rendered in the browser by the vendored mermaid (docs/assets/vendor); the class is our own,
    # so the theme's CDN-loading mermaid integration never starts.
    return _raw_html(escape(source), "jk-mermaid")


def _raw_html(html: str, css_class: str) -> str:
    """Finished HTML for a Markdown page, in a block Markdown leaves alone.

    Outside such a block Markdown reads the text inside the tags: a name like "[x](javascript:...)"
    in an SVG label would become a link, "{: onclick=... }" an attribute.
    """
    return f'<div class="{css_class}" markdown="0">{html}</div>\n'


def _titel(text: str) -> str:
    """A nav title: the theme puts titles into the page as HTML, so text from the data is escaped."""
    return escape(re.sub(r"[\x00-\x1f\x7f]", "\ufffd", " ".join(str(text).split())))


def _herkomst(h: m.Herkomst) -> str:
    return f"{NIVEAU_NAAM[h.niveau]}: " + md(str(h))


def _reconstructie(v: m.Variant) -> str:
    return " (reconstructie: niet in de bronnen)" if v.reconstructie else ""


def _wacht(i: m.Ingang) -> str:
    return "onbekend" if i.wachttijd_dagen is None else f"{i.wachttijd_dagen} d"


def _uitkomst(j: m.Journey) -> str:
    return UITKOMST_NAAM[j.uitkomst.soort] + (f" ({j.uitkomst.niveau})" if j.uitkomst.niveau else "")


LUSSEN = "atlas/rapporten/lussen.md"
# What the loop report's page holds until its sweep is done (see the plugin).
LUSSEN_VOORLOPIG = "# Kastje naar de muur: lussen en kringen\n"


def build_atlas(cat: Any, loops: bool = True) -> tuple[Pages, list[NavEntry]]:
    """All atlas pages, and the nav entries for them.

    The loop report's page only holds a stand-in: its sweep is two thirds of the work of the
    whole site, so the plugin runs ``loops_pages`` in the background and fills the page in last.
    So does the gallery's page (``gallery.GALERIJ``): it waits for the screenshots.
    """
    pages: Pages = {}
    results = api.check_reizen(cat)
    by_gemeente: dict[str, list[api.Getoetst]] = defaultdict(list)
    by_persona: dict[str, list[api.Getoetst]] = defaultdict(list)
    for r in results:
        by_gemeente[r.reis.gemeente].append(r)
        by_persona[r.reis.persona].append(r)

    gemeente_nav: list[NavEntry] = []
    persona_nav: list[NavEntry] = []
    reis_nav: list[NavEntry] = []
    rapport_nav: list[NavEntry] = []
    for g in sorted(cat.gemeenten.values(), key=lambda g: g.id):
        path = f"atlas/gemeenten/{slug(g.id)}.md"
        pages[path] = gemeente_page(cat, g, by_gemeente.get(g.id, []), pages)
        gemeente_nav.append({_titel(g.naam): path})
    for p in sorted(cat.personas.values(), key=lambda p: p.id):
        path = f"atlas/personas/{slug(p.id)}.md"
        pages[path] = persona_page(cat, p, by_persona.get(p.id, []))
        persona_nav.append({_titel(p.naam): path})
    for r in results:
        path = f"atlas/reizen/{slug(r.reis.id)}.md"
        pages[path] = reis_page(cat, r, pages)
        reis_nav.append({_titel(r.reis.naam): path})
    rapport_nav.append({VERSCHILLEN_TITEL: diff_pages(cat, pages)})
    if loops:
        pages[LUSSEN] = LUSSEN_VOORLOPIG
        rapport_nav.append({"Kastje naar de muur: lussen": LUSSEN})
    pages["atlas/index.md"] = index_page(cat, results, loops)
    pages[gallery.GALERIJ] = gallery.GALERIJ_VOORLOPIG
    nav: list[NavEntry] = [
        {"Overzicht": "atlas/index.md"},
        {gallery.GALERIJ_TITEL: gallery.GALERIJ},
        {"Gemeenten": gemeente_nav},
        {"Persona's": persona_nav},
        {"Reizen": reis_nav},
        {"Rapporten": rapport_nav},
    ]
    return pages, nav


def loops_pages(cat: Any, jobs: int = 1) -> tuple[str, str]:
    """The loop report (every case swept, each distinct loop once, and the static cycles): its atlas page, and the
    report as `journeykit render loops` writes it, for the gallery."""
    rapport = api.loops(cat, jobs=jobs)
    ((_, html), _) = outputs.loops_report(rapport, cat)
    return render("loops.md", **overviews.loops_report(rapport, cat)), html


def index_page(cat: Any, results: list, loops: bool) -> str:
    ok = sum(r.ok for r in results)
    lines = [
        "# De reisatlas",
        "",
        (
            "Alles in deze atlas is gemaakt uit de data van journeykit: de plugins van de gemeenten, de persona's "
            "en sleutelmomenten in `personas/` en de reiscasussen in `journeys/`. Niets is met de hand geschreven, "
            "dus de atlas kan niet achterlopen op de data."
        ),
        "",
        f"{len(results)} reiscasussen; {ok} halen de verwachtingen die de bronnen geven.",
        "",
        "## Gemeenten",
        "",
    ]
    for g in sorted(cat.gemeenten.values(), key=lambda g: g.id):
        lines.append(
            f"- [{md(g.naam)}](gemeenten/{slug(g.id)}.md): {len(g.ingangen)} ingangen, {len(g.regels)} "
            f"regels, varianten: {', '.join(md(v.naam) + _reconstructie(v) for v in g.varianten)}"
        )
    lines += ["", "## Persona's", ""]
    for p in sorted(cat.personas.values(), key=lambda p: p.id):
        about = f": {md(p.omschrijving)}" if p.omschrijving else ""
        lines.append(f"- [{md(p.naam)}](personas/{slug(p.id)}.md) ({p.leeftijd}){about}")
    lines += [
        "",
        "## Rapporten",
        "",
        (
            f"- [{VERSCHILLEN_TITEL}](rapporten/verschillen.md): per gemeente wat elke verandering van situatie en "
            "elk scenario doet, met een pagina per verandering"
        ),
    ]
    if loops:
        lines.append("- [Kastje naar de muur: lussen en kringen](rapporten/lussen.md)")
    lines += [
        "",
        "## Alle soorten uitvoer",
        "",
        f"- [{gallery.GALERIJ_TITEL}](galerij.md): elke soort uitvoer van `journeykit render`, met een voorbeeld",
    ]
    return "\n".join(lines) + "\n"


def gemeente_page(cat: Any, g: m.Gemeente, results: list, pages: Pages) -> str:
    lines = [f"# {md(g.naam)}", ""]
    if g.omschrijving:
        lines += [md(g.omschrijving), ""]
    lines += [f"*{_herkomst(g.herkomst)}*", "", f"## Klantreis: {md(g.klantreis.naam)}", ""]
    for n, s in enumerate(g.klantreis.stappen, 1):
        lines.append(f"{n}. **{md(s.naam)}**{': ' + md(s.omschrijving) if s.omschrijving else ''}")
    lines += ["", "## Varianten", ""]
    for v in g.varianten:
        default = (" (standaard)" if v.id == g.standaard_variant else "") + _reconstructie(v)
        lines.append(
            f"- **{md(v.naam)}**{default}{': ' + md(v.omschrijving) if v.omschrijving else ''} "
            f"— *{_herkomst(v.herkomst)}*"
        )
    lines += ["", "## Principes", ""]
    for p in g.principes:
        toets = (
            f" (toets: {md(p.toets.soort)}{' ' + md(p.toets.waarde) if p.toets.waarde is not None else ''})"
            if p.toets
            else ""
        )
        lines.append(
            f"- **{md(p.naam)}**{toets}{': ' + md(p.omschrijving) if p.omschrijving else ''} — "
            f"*{_herkomst(p.herkomst)}*"
        )
    for v in g.varianten:
        gv = g.in_variant(v.id)
        lines += [
            "",
            f"## Ingangen — {md(v.naam)}",
            "",
            "| ingang | soort | kanalen | voor wie | stappen | wachttijd | herkomst |",
            "|---|---|---|---|---|---|---|",
        ]
        for i in gv.ingangen:
            doelgroep = i.doelgroep.omschrijving or _ages(i.doelgroep)
            lines.append(
                f"| {md(i.naam)} | {md(i.soort)} | {md(', '.join(i.kanalen))} | "
                f"{md(doelgroep) or 'iedereen'} | {md(', '.join(i.stappen))} | {_wacht(i)} | "
                f"{_herkomst(i.herkomst)} |"
            )
        net = network.view(gv)
        asset = f"atlas/netwerken/{slug(g.id, v.id)}.html"
        pages[asset] = render("network.html", **net)
        lines += [
            "",
            f"### Verwijsnetwerk — {md(v.naam)}",
            "",
            _raw_html(render("_network_picture.html", **net).strip(), "jk-netwerk"),
            f"[Netwerkkaart los openen](../netwerken/{slug(g.id, v.id)}.html)",
            "",
        ]
    variant_names = {v.id: v.naam for v in g.varianten}
    lines += [
        "",
        "## Hoe de reizen lopen",
        "",
        "| reis | variant | contacten | warm | koud | opnieuw verteld | dagen | uitkomst | verwachting |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        mt = r.journey.metrieken
        lines.append(
            f"| [{md(r.reis.naam)}](../reizen/{slug(r.reis.id)}.md) | "
            f"{md(variant_names.get(r.journey.variant, r.journey.variant))} | "
            f"{mt.contacten_inwoner} | {mt.warme_overdrachten} | {mt.koude_verwijzingen} | {mt.herhalingen} | "
            f"{dagen_tekst(mt.dagen, mt.dagen_onbekend)} | {md(_uitkomst(r.journey))} | "
            f"{'gehaald' if r.ok else '**niet gehaald**'} |"
        )
    return "\n".join(lines) + "\n"


def _ages(d: m.Doelgroep) -> str:
    if d.leeftijd_vanaf is not None and d.leeftijd_tot is not None:
        return f"{d.leeftijd_vanaf} tot {d.leeftijd_tot} jaar"
    if d.leeftijd_vanaf is not None:
        return f"vanaf {d.leeftijd_vanaf} jaar"
    if d.leeftijd_tot is not None:
        return f"tot {d.leeftijd_tot} jaar"
    return ""


def persona_page(cat: Any, p: m.Persona, results: list) -> str:
    lines = [f"# {md(p.naam)}", ""]
    if p.omschrijving:
        lines += [md(p.omschrijving), ""]
    lines += [f"*{_herkomst(p.herkomst)}*", "", "| kenmerk | waarde |", "|---|---|"]
    # every declared persona field, labelled by its own documentation: a new field shows up here by itself
    for f in schema.PERSONA.fields:
        value = getattr(p, f.attribute)
        if f.attribute in ("id", "naam", "omschrijving") or value in (None, ""):
            continue
        shown = ", ".join(map(str, value)) or "geen" if isinstance(value, tuple) else value
        lines.append(f"| {md(f.doc.rstrip('.'))} | {md(shown)} |")
    notes = [(sm, sm.notitie(p.id)) for sm in sorted(cat.sleutelmomenten.values(), key=lambda s: s.id)]
    notes = [(sm, n) for sm, n in notes if n]
    if notes:
        lines += [
            "",
            "## Zo denken zij, speel er zo op in",
            "",
            "| sleutelmoment | zo denken zij | speel er zo op in | herkomst |",
            "|---|---|---|---|",
        ]
        for sm, n in notes:
            lines.append(
                f"| {md(sm.naam)} | {md(n.zo_denken_zij)} | {md(n.speel_er_zo_op_in)} | {_herkomst(n.herkomst)} |"
            )
    pairs = sorted(
        {(r.reis.sleutelmoment, x) for r in results for x in r.reis.vragen or (r.reis.vraag,)},
        key=lambda x: (x[0], x[1] or ""),
    )
    if pairs:
        lines += ["", "## De reizen van deze persona in elke gemeente", ""]
    for smid, vraag in pairs:
        sm = cat.sleutelmoment(smid)
        v = api.compare(cat, p.id, smid, vraag=vraag)
        lines += [
            f"### {md(sm.naam)}: {md(sm.vraag(v.vraag).omschrijving)}",
            "",
            "| gemeente | variant | route | contacten | koud | opnieuw verteld | dagen | uitkomst | kosten |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in v.rijen:
            g = cat.gemeente(row.gemeente, row.variant)
            j, mt = row.journey, row.journey.metrieken
            lines.append(
                f"| {md(g.naam)} | {md(g.variant_naam())} | {md(' → '.join(g.ingang_naam(x) for x in j.route))} "
                f"| {mt.contacten_inwoner} | {mt.koude_verwijzingen} | {mt.herhalingen} | "
                f"{dagen_tekst(mt.dagen, mt.dagen_onbekend)} | {md(_uitkomst(j))}{_kans(row)} | "
                f"{kosten_tekst(mt.kosten, mt.kosten_onbekend)} |"
            )
        lines.append("")
    if results:
        lines += ["## Reiscasussen", ""]
        lines += [f"- [{md(r.reis.naam)}](../reizen/{slug(r.reis.id)}.md)" for r in results]
    return "\n".join(lines) + "\n"


def _kans(row: Any) -> str:
    """After the most likely outcome of a compare row that can go more ways: how likely it ends opgelost."""
    return f" (kans op opgelost {round(100 * row.kansen.kans_opgelost)} %)" if row.kansen else ""


def reis_page(cat: Any, r: Any, pages: Pages) -> str:
    g = cat.gemeente(r.journey.gemeente, r.journey.variant)
    p, sm = cat.persona(r.reis.persona), cat.sleutelmoment(r.reis.sleutelmoment)
    drawn = []
    for c in api.case_maps(cat, r):  # a household: one map and worksheet per question
        name, j = slug(c.naam), c.journey
        (map_name, map_html), (_, map_md) = outputs.journey_map(
            j, g, p, sm, c.schendingen, name, c.risicos, c.andere_routes
        )
        ((canvas_name, canvas_html),) = outputs.canvas(j, g, p, sm, c.schendingen, None, name)
        pages[f"atlas/kaarten/{map_name}"] = map_html
        pages[f"atlas/werkbladen/{canvas_name}"] = canvas_html
        drawn.append((j, map_name, map_md, canvas_name))
    links = [
        (f"{md(sm.vraag(j.vraag).omschrijving)}: " if r.huishouden else "")
        + f"[Klantreiskaart (A3, afdrukbaar)](../kaarten/{map_name}) · "
        f"[Werkblad voor de workshop](../werkbladen/{canvas_name})"
        for j, map_name, _, canvas_name in drawn
    ]
    v = r.reis.verwachting
    lines = [
        ZONDER_INHOUD + f"# {md(r.reis.naam)}",
        "",
        (
            f"[{md(p.naam)}](../personas/{slug(p.id)}.md) · {md(sm.naam)} · "
            f"[{md(g.naam)}](../gemeenten/{slug(g.id)}.md) — {md(g.variant_naam())}"
        ),
        "",
        f"*{_herkomst(r.reis.herkomst)}*",
        "",
        *[x + "\n" for x in links],
        "## Verwachtingen",
        "",
    ]
    if v.toelichting:
        lines += [md(v.toelichting), ""]
    if r.mislukt:
        lines += ["**Niet gehaald:**", ""] + [f"- {md(x)}" for x in r.mislukt] + [""]
    else:
        lines += ["Alle verwachtingen worden gehaald.", ""]
    for n, (j, _, map_md, _) in enumerate(drawn, 1):
        kop = f"## De route, vraag {n}: {md(sm.vraag(j.vraag).omschrijving)}" if r.huishouden else "## De route"
        lines += [kop, "", map_md.split("\n", 2)[2].strip(), ""]
    # The route as a flowchart, whose boxes wrap long names. Not Mermaid's journey diagram: its fixed-width
    # boxes cut the names of places short, and the map above already is the journey.
    lines += ["## De route als stroomschema", ""]
    for j, *_ in drawn:
        lines += [_mermaid_block(outputs.mermaid_flowchart(j, g))]
    return "\n".join(lines) + "\n"


VERSCHILLEN = "atlas/rapporten/verschillen.md"
VERSCHILLEN_TITEL = "Verschillen tussen varianten en scenario's"
# Cases listed one by one on a comparison page besides its journey cases and the cases that get worse; the
# rest is counted per route, and `journeykit diff` lists them all.
GEVALLEN_MAX = 100
# The totals the summary shows, of those `analysis.diff.totals` makes.
KERNCIJFERS = ("contacten", "koude verwijzingen", "opgelost", "lussen", "principeschendingen")


class Vergelijking:
    """One change the atlas reports: two variants of a gemeente, or a scenario, and its diff."""

    def __init__(self, cat: Any, d: Any, voor: m.Gemeente, na: m.Gemeente, path: str, commando: str, scenario: bool):
        self.d, self.voor, self.na, self.path, self.commando, self.scenario = d, voor, na, path, commando, scenario
        self.gemeente = cat.gemeenten[d.gemeente]
        # Names of places and promises from both sides; where one is on both, the name it has after the change.
        self.namen = attrs.evolve(
            na,
            ingangen=tuple({i.id: i for i in (*voor.ingangen, *na.ingangen)}.values()),
            principes=tuple({p.id: p for p in (*voor.principes, *na.principes)}.values()),
        )

    @property
    def titel(self) -> str:
        """The change for people to read: by the names of the situations, never their ids."""
        if self.scenario:
            return f"{self.gemeente.naam} — scenario: {self.na.variant_naam()}"
        return f"{self.gemeente.naam}: {self.voor.variant_naam()} → {self.na.variant_naam()}"


def comparisons(cat: Any) -> list[Vergelijking]:
    """Every change the atlas reports, per gemeente: its variants in the order they replace one another, then its
    scenarios in journeys/scenarios/. Each situation is walked once; a variant is also the 'before' of its
    scenarios."""
    gelopen: dict = {}
    out = []
    for g in sorted(cat.gemeenten.values(), key=lambda g: g.id):
        for van, naar in g.overgangen():
            voor, na = cat.gemeente(g.id, van), cat.gemeente(g.id, naar)
            d = api.diff(cat, voor, na, gelopen=gelopen)
            path = f"atlas/rapporten/verschillen/{slug(g.id, van, naar)}.md"
            command = f"journeykit diff --gemeente {_shell(g.id)} --from {_shell(van)} --to {_shell(naar)}"
            out.append(Vergelijking(cat, d, voor, na, path, command, False))
    for file in sorted(Path(cat_root(cat), "journeys", "scenarios").glob("*.yaml")):
        voor, na = api.scenario_views(cat, file)
        d = api.diff(cat, voor, na, gelopen=gelopen)
        path = f"atlas/rapporten/verschillen/{slug('scenario', file.stem)}.md"
        command = f"journeykit diff --scenario {_shell(f'journeys/scenarios/{file.name}')}"
        out.append(Vergelijking(cat, d, voor, na, path, command, True))
    return sorted(out, key=lambda c: (c.gemeente.id, c.scenario))  # stable: in the order found within


def _shell(word: str) -> str:
    return shlex.quote(word)


def cat_root(cat: Any) -> Path:
    return Path(getattr(cat, "root", "."))


def diff_pages(cat: Any, pages: Pages) -> list[NavEntry]:
    """The summary of every change (VERSCHILLEN) and a page for each change; returns their nav entries."""
    found = comparisons(cat)
    nav: list[NavEntry] = [{"Overzicht": VERSCHILLEN}]
    for c in found:
        pages[c.path] = comparison_page(cat, c)
        nav.append({_titel(c.titel): c.path})
    pages[VERSCHILLEN] = diff_summary(cat, found)
    return nav


def _voor_na(t: Any, key: str) -> str:
    if key not in t.voor:
        return "-"
    return f"{totaal_tekst(t.voor[key])} → {totaal_tekst(t.na[key])}"


def diff_summary(cat: Any, found: list[Vergelijking]) -> str:
    lines = [
        ZONDER_INHOUD + f"# {VERSCHILLEN_TITEL}",
        "",
        (
            "Wat verandert er voor elk geval (elke persona met elk sleutelmoment en elke vraag, en elke reiscasus) "
            "als de situatie van een gemeente verandert: van de ene variant naar de andere, of door een scenario in "
            "`journeys/scenarios/`. Per verandering: hoeveel gevallen beter, slechter of gelijk worden, en de "
            "belangrijkste totalen vóór → na. Elke verandering heeft een eigen pagina met de routes die veranderen "
            "en de gevallen zelf."
        ),
        "",
    ]
    if not found:
        return "\n".join([*lines, "Geen gemeente heeft meer dan één situatie en er zijn geen scenario's.", ""])
    lines += [
        "| gemeente | verandering | gevallen | beter | slechter | gelijk | " + " | ".join(KERNCIJFERS) + " |",
        "|---|---|---|---|---|---|" + "---|" * len(KERNCIJFERS),
    ]
    for c in found:
        t = c.d.totalen
        link = f"verschillen/{Path(c.path).name}"
        change = (
            f"scenario: {md(c.na.variant_naam())} (op {md(c.voor.variant_naam())})"
            if c.scenario
            else f"{md(c.voor.variant_naam())} → {md(c.na.variant_naam())}"
        )
        lines.append(
            f"| {md(c.gemeente.naam)} | [{change}]({link}) | {t.gevallen} | {t.beter} | {t.slechter} | {t.gelijk} | "
            + " | ".join(_voor_na(t, k) for k in KERNCIJFERS)
            + " |"
        )
    lines += [
        "",
        (
            "Een geval telt als beter als er iets beter wordt en niets slechter; als slechter zodra er iets slechter "
            "wordt. De totalen zijn opgeteld over alle gevallen."
        ),
    ]
    return "\n".join(lines) + "\n"


def comparison_page(cat: Any, c: Vergelijking) -> str:
    d, t = c.d, c.d.totalen
    lines = [
        f"# {md(c.titel)}",
        "",
        "[Alle verschillen tussen varianten en scenario's](../verschillen.md)",
        "",
        f"Van **{md(c.voor.variant_naam())}** naar **{md(c.na.variant_naam())}**.",
        "",
    ]
    for label, v in (("Vóór", d.situatie_van), ("Na", d.situatie_naar)):
        if v is None:
            continue
        about = f"{md(v.omschrijving)} " if v.omschrijving else ""
        lines += [f"{label}: {about}— *{_herkomst(v.herkomst)}*", ""]
        if v.reconstructie:
            lines += [
                f"**Let op:** {md(v.naam)} is een reconstructie: de bronnen beschrijven deze situatie niet, dus wat "
                "hier over die situatie staat, rust op aannames.",
                "",
            ]
    lines += [
        f"Zelf nalopen: <code>{md(c.commando)}</code> toont elk geval dat verandert, met `--all` ook de gevallen "
        "die niet veranderen, en met `--out MAP` ook als spreadsheet.",
        "",
        "## Samenvatting",
        "",
        f"{t.gevallen} gevallen: {t.beter} beter, {t.slechter} slechter, {t.gelijk} gelijk of neutraal."
        + (
            f" {d.overgeslagen} combinaties van persona, sleutelmoment en vraag kunnen niet en zijn niet gelopen."
            if d.overgeslagen
            else ""
        ),
        "",
        "| | voor | na |",
        "|---|---|---|",
    ]
    for k in t.voor:
        lines.append(f"| {md(k)} | {totaal_tekst(t.voor[k])} | {totaal_tekst(t.na[k])} |")
    changed = d.gewijzigd
    if not changed:
        return "\n".join([*lines, "", "Geen enkel geval verandert.", ""])
    lines += ["", "## Wat verandert, per route", "", *_route_groups(c, changed)]
    journey_cases = [v for v in changed if v.geval.reis]
    worse = [v for v in changed if v.slechter and not v.geval.reis]
    rest = [v for v in changed if not v.slechter and not v.geval.reis]
    if journey_cases:
        lines += ["", "## Reiscasussen", "", *_case_table(cat, c, journey_cases)]
    if worse:
        lines += ["", "## Gevallen die slechter worden", "", *_case_table(cat, c, worse)]
    if rest:
        lines += ["", "## Andere gevallen die veranderen", ""]
        if len(rest) > GEVALLEN_MAX:
            lines += [
                f"Hier staan de eerste {GEVALLEN_MAX} van deze {len(rest)} gevallen; de andere "
                f"{len(rest) - GEVALLEN_MAX} staan niet op deze pagina (ze zijn wel meegeteld in de samenvatting en "
                f"per route hierboven). <code>{md(c.commando)}</code> toont ze allemaal.",
                "",
            ]
        lines += _case_table(cat, c, rest[:GEVALLEN_MAX])
    return "\n".join(lines) + "\n"


def _route(g: m.Gemeente, route: tuple[str, ...]) -> str:
    return md(" → ".join(g.ingang_naam(x) for x in route)) or "-"


def _route_groups(c: Vergelijking, changed: Any) -> list[str]:
    """The changed cases counted per (route before, route after): how many, better, worse, and what changes."""
    groups: dict[tuple, list] = defaultdict(list)
    for v in changed:
        groups[(v.voor.route, v.na.route)].append(v)
    lines = [
        "Elke rij telt de gevallen die vóór de ene route lopen en na de andere.",
        "",
        "| route voor | route na | gevallen | beter | slechter | wat verandert |",
        "|---|---|---|---|---|---|",
    ]
    for (before, after), vs in sorted(
        groups.items(), key=lambda kv: (-len(kv[1]), _route(c.voor, kv[0][0]), _route(c.na, kv[0][1]))
    ):
        what = ", ".join(dict.fromkeys(w.wat for v in vs for w in v.wijzigingen if w.wat != "route")) or "-"
        lines.append(
            f"| {_route(c.voor, before)} | {'(dezelfde)' if before == after else _route(c.na, after)} | {len(vs)} | "
            f"{sum(v.beter for v in vs)} | {sum(v.slechter for v in vs)} | {md(what)} |"
        )
    return lines


def _case_table(cat: Any, c: Vergelijking, cases: Any) -> list[str]:
    principes = {p.id: p for p in c.namen.principes}
    lines = ["| geval | route voor | route na | wat verandert |", "|---|---|---|---|"]
    for v in cases:
        what = "; ".join(change_line(w, c.namen, principes) for w in v.wijzigingen if w.wat != "route")
        lines.append(
            f"| {_case(cat, c, v.geval)} | {_route(c.voor, v.voor.route)} | {_route(c.na, v.na.route)} | "
            f"{md(what) or '-'} |"
        )
    return lines


def _case(cat: Any, c: Vergelijking, geval: Any) -> str:
    """A case by its names: its journey case (linked), or persona, sleutelmoment and question."""
    sm = cat.sleutelmoment(geval.sleutelmoment)
    vraag = sm.vraag(geval.vraag).omschrijving
    if geval.reis:
        r = cat.reizen[geval.reis]
        return f"[{md(r.naam)}](../../reizen/{slug(r.id)}.md)" + (f": {md(vraag)}" if r.vragen else "")
    p = cat.persona(geval.persona)
    start = f" (vanaf {md(c.voor.ingang_naam(geval.eerste_ingang))})" if geval.eerste_ingang else ""
    return f"[{md(p.naam)}](../../personas/{slug(p.id)}.md) · {md(sm.naam)}: {md(vraag)}{start}"

"""The journey atlas: every page generated from the data, so nothing in it can drift from the data.

``build_atlas`` returns {path inside docs: content}; the mkdocs plugin only hands these to mkdocs.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from journeykit import api, schema
from journeykit import model as m
from journeykit.atlas import gallery, simulations
from journeykit.atlas.differences import VERSCHILLEN_TITEL, diff_pages
from journeykit.atlas.markdown import ZONDER_INHOUD, NavEntry, Pages, herkomst, mermaid_block, raw_html, titel
from journeykit.render import network, outputs, overviews
from journeykit.render.files import slug
from journeykit.render.templating import md, render
from journeykit.render.text import UITKOMST_NAAM, dagen_tekst, kosten_tekst


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
        gemeente_nav.append({titel(g.naam): path})
    for p in sorted(cat.personas.values(), key=lambda p: p.id):
        path = f"atlas/personas/{slug(p.id)}.md"
        pages[path] = persona_page(cat, p, by_persona.get(p.id, []))
        persona_nav.append({titel(p.naam): path})
    for r in results:
        path = f"atlas/reizen/{slug(r.reis.id)}.md"
        pages[path] = reis_page(cat, r, pages)
        reis_nav.append({titel(r.reis.naam): path})
    rapport_nav.append({VERSCHILLEN_TITEL: diff_pages(cat, pages)})
    capaciteit_nav = simulations.simulation_pages(cat, pages)
    if capaciteit_nav:
        rapport_nav.append({simulations.TITEL: capaciteit_nav})
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
    simulated = [g for g in sorted(cat.gemeenten.values(), key=lambda g: g.id) if simulations.has_page(g)]
    if simulated:
        links = ", ".join(f"[{md(g.naam)}]({simulations.page_path(g.id).removeprefix('atlas/')})" for g in simulated)
        lines.append(f"- {simulations.TITEL}, een gesimuleerd jaar: {links}")
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
    lines += [f"*{herkomst(g.herkomst)}*", ""]
    if simulations.has_page(g):
        lines += [
            f"[{simulations.TITEL}](../{simulations.page_path(g.id).removeprefix('atlas/')}): een gesimuleerd jaar,"
            " met de wachttijd bij elke ingang, wie afhaakt en wat het kost.",
            "",
        ]
    lines += [f"## Klantreis: {md(g.klantreis.naam)}", ""]
    for n, s in enumerate(g.klantreis.stappen, 1):
        lines.append(f"{n}. **{md(s.naam)}**{': ' + md(s.omschrijving) if s.omschrijving else ''}")
    lines += ["", "## Varianten", ""]
    for v in g.varianten:
        default = (" (standaard)" if v.id == g.standaard_variant else "") + _reconstructie(v)
        lines.append(
            f"- **{md(v.naam)}**{default}{': ' + md(v.omschrijving) if v.omschrijving else ''} "
            f"— *{herkomst(v.herkomst)}*"
        )
    lines += ["", "## Principes", ""]
    for p in g.principes:
        toets = (
            f" (toets: {md(p.toets.soort)}{' ' + md(p.toets.waarde) if p.toets.waarde is not None else ''})"
            if p.toets
            else ""
        )
        lines.append(
            f"- **{md(p.naam)}**{toets}{': ' + md(p.omschrijving) if p.omschrijving else ''} — *{herkomst(p.herkomst)}*"
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
                f"{herkomst(i.herkomst)} |"
            )
        net = network.view(gv)
        asset = f"atlas/netwerken/{slug(g.id, v.id)}.html"
        pages[asset] = render("network.html", **net)
        lines += [
            "",
            f"### Verwijsnetwerk — {md(v.naam)}",
            "",
            raw_html(render("_network_picture.html", **net).strip(), "jk-netwerk"),
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
    lines += [f"*{herkomst(p.herkomst)}*", "", "| kenmerk | waarde |", "|---|---|"]
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
                f"| {md(sm.naam)} | {md(n.zo_denken_zij)} | {md(n.speel_er_zo_op_in)} | {herkomst(n.herkomst)} |"
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
        f"*{herkomst(r.reis.herkomst)}*",
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
        lines += [mermaid_block(outputs.mermaid_flowchart(j, g))]
    return "\n".join(lines) + "\n"

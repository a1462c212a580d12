"""The atlas's differences: a summary per gemeente, and a page per comparison of two situations or a scenario."""

from __future__ import annotations

import shlex
from collections import defaultdict
from pathlib import Path
from typing import Any

import attrs

from journeykit import api
from journeykit import model as m
from journeykit.atlas.markdown import ZONDER_INHOUD, NavEntry, Pages, herkomst, titel
from journeykit.render.files import slug
from journeykit.render.templating import md
from journeykit.render.text import totaal_tekst
from journeykit.render.views import change_line

# Front matter for a page whose wide table needs the room of the theme's table of contents more than the page
# needs that table of contents (a few headings).


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
        nav.append({titel(c.titel): c.path})
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
        lines += [f"{label}: {about}— *{herkomst(v.herkomst)}*", ""]
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

"""View models of overviews: the persona x sleutelmoment matrix, the referral network, comparisons, loops."""

from __future__ import annotations

import math
import textwrap
from typing import Any

from journeykit import model as m
from journeykit.errors import getal
from journeykit.render.files import slug
from journeykit.render.text import UITKOMST_NAAM, dagen_tekst, kosten_tekst
from journeykit.render.views import Voetnoten

MATRIX_KOLOMMEN_PER_A3 = 6  # sleutelmomenten of about 230 px beside the persona column on 400 mm


def matrix(
    g: m.Gemeente,
    personas: list[m.Persona],
    sms: list[m.Sleutelmoment],
    journeys: dict[tuple[str, str], m.Journey],
    opgelost: dict[tuple[str, str], float],
) -> dict[str, Any]:
    """``opgelost``: for a cell that can go more ways (rules with kansen), the likelihood that it ends opgelost;
    the cell shows its most likely route."""
    notes = Voetnoten()
    rows = []
    for p in personas:
        cells: list[dict[str, Any]] = []
        for sm in sms:
            j = journeys.get((p.id, sm.id))
            n = sm.notitie(p.id)
            if j is None:
                cells.append({"kan_niet": True, "herkomst": None})
                continue
            cells.append(
                {
                    "zo_denken_zij": n.zo_denken_zij if n else "",
                    "speel_er_zo_op_in": n.speel_er_zo_op_in if n else "",
                    "herkomst": notes.ref(n.herkomst) if n else None,
                    "uitkomst": UITKOMST_NAAM[j.uitkomst.soort]
                    + (f" ({j.uitkomst.niveau})" if j.uitkomst.niveau else ""),
                    "soort": j.uitkomst.soort,
                    "route": " → ".join(g.ingang_naam(x) for x in j.route),
                    "contacten": j.metrieken.contacten_inwoner,
                    "koud": j.metrieken.koude_verwijzingen,
                    "lus": bool(j.uitkomst.lus),
                    "kans_opgelost": f"{round(100 * opgelost[(p.id, sm.id)])} %" if (p.id, sm.id) in opgelost else None,
                    "kan_niet": False,
                }
            )
        rows.append(
            {
                "naam": p.naam,
                "id": p.id,
                "as": ", ".join(
                    x for x in (p.afhankelijkheid and f"afhankelijkheid {p.afhankelijkheid}", p.reactiviteit) if x
                ),
                "herkomst": notes.ref(p.herkomst),
                "groep": p.groep or "Overige persona's",
                "cellen": cells,
            }
        )
    return {
        "titel": f"Persona's en sleutelmomenten in {g.naam} ({g.variant_naam()})",
        "gemeente": g.naam,
        "variant": g.variant_naam(),
        "sleutelmomenten": [{"naam": sm.naam, "herkomst": notes.ref(sm.herkomst)} for sm in sms],
        "rijen": rows,
        # on paper: a page per persona group and per so many sleutelmomenten as fit the width of A3
        "groepen": [
            {"naam": naam, "rijen": [r for r in rows if r["groep"] == naam]}
            for naam in sorted({str(r["groep"]) for r in rows})
        ],
        "per_pagina": MATRIX_KOLOMMEN_PER_A3,
        "voetnoten": notes.items,
    }


# How the network groups its ingangen: by soort, with a heading a reader understands, in the order a question
# usually travels (where it surfaces, where it is reported, who takes it up, who else helps).
CLUSTER_NAAM = {"vindplaats": "Vindplaatsen", "loket": "Loketten", "team": "Teams", "organisatie": "Organisaties"}
# The word an edge carries, so that its kind never rests on colour alone.
RAND_WOORD = {"warm": "warm", "lauw": "lauw", "koud": "koud", "afwijzen": "afwijzing"}
LABEL_WIDTH = 24  # characters per line of a node's name; longer names wrap, they are never cut


def network(g: m.Gemeente, graph: dict[str, dict[str, list[str]]], cycles: list[tuple[str, ...]]) -> dict[str, Any]:
    """The referral network: ingangen grouped by soort, referral edges warm/lukewarm/cold/decline, edges on a
    cycle marked. Positions on a circle are for the simple drawing without Graphviz; Graphviz lays out the rest.

    Every id and class the drawing gets is a slug (letters, digits, '-' and '_'), unique within the page."""
    rules = {r.id: r for r in g.regels}
    on_cycle = {(c[k], c[k + 1]) for c in cycles for k in range(len(c) - 1)}
    ids = [i.id for i in g.ingangen]
    n = max(len(ids), 1)
    radius = max(220, 28 * n)
    size = 2 * radius + 320
    prefix = "netwerk-" + slug(g.id, g.variant or "")
    pos = {}
    for k, iid in enumerate(ids):
        angle = 2 * math.pi * k / n - math.pi / 2
        pos[iid] = (round(size / 2 + radius * math.cos(angle), 1), round(size / 2 + radius * math.sin(angle), 1))
    nodes = [
        {
            "id": i.id,
            "naam": i.naam,
            "label": "\n".join(textwrap.wrap(i.naam, LABEL_WIDTH, break_long_words=False, break_on_hyphens=False))
            or i.naam,
            "soort": i.soort,
            "x": pos[i.id][0],
            "y": pos[i.id][1],
            "eerste_contact": i.eerste_contact,
            "niveau": i.herkomst.niveau,
            "herkomst": str(i.herkomst),
            "css": slug(i.id),
            "dom_id": f"{prefix}-knoop-{slug(i.id)}",
        }
        for i in g.ingangen
    ]
    soort = {i.id: i.soort for i in g.ingangen}
    order = {s: k for k, s in enumerate(CLUSTER_NAAM)}
    edges = []
    for a, targets in graph.items():
        for b, rule_ids in targets.items():
            kinds = {
                "afwijzen" if a.soort == "afwijzen" else a.overdracht
                for r in rule_ids
                for a in rules[r].acties
                if b in (a.naar, a.noemt)
            }
            # the worst handover an edge can make decides how it is drawn
            kind = next(k for k in ("koud", "afwijzen", "lauw", "warm") if k in kinds)
            (x1, y1), (x2, y2) = pos[a], pos[b]
            # bend each edge a little, so a→b and b→a do not overlap
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            dx, dy = x2 - x1, y2 - y1
            length = math.hypot(dx, dy) or 1
            cx, cy = round(mx - dy / length * 30, 1), round(my + dx / length * 30, 1)
            edges.append(
                {
                    "van": a,
                    "naar": b,
                    "soort": kind,
                    "woord": RAND_WOORD[kind],
                    "regels": rule_ids,
                    "cyclus": (a, b) in on_cycle,
                    "pad": f"M{x1},{y1} Q{cx},{cy} {x2},{y2}",
                    "label_x": cx,
                    "label_y": cy,
                    "van_naam": g.ingang_naam(a),
                    "naar_naam": g.ingang_naam(b),
                    "van_css": slug(a),
                    "naar_css": slug(b),
                    "dom_id": f"{prefix}-rand-{slug(a, b)}",
                    # against the order of the groups (a team sending back to a loket): left out of the ranking,
                    # so that the groups stand in that order from left to right
                    "terug": order.get(soort.get(b, ""), 0) < order.get(soort.get(a, ""), 0),
                }
            )
    clusters = [
        {"soort": s, "naam": naam, "dom_id": f"{prefix}-groep-{s}", "knopen": [k for k in nodes if k["soort"] == s]}
        for s, naam in CLUSTER_NAAM.items()
    ]
    return {
        "titel": f"Verwijsnetwerk van {g.naam} ({g.variant_naam()})",
        "gemeente": g.naam,
        "gemeente_id": g.id,
        "variant": g.variant_naam(),
        "dom_id": prefix,
        "grootte": size,
        "knopen": nodes,
        "groepen": [c for c in clusters if c["knopen"]],
        # a soort outside CLUSTER_NAAM (the loader allows none) would still be drawn, outside any group
        "los": [k for k in nodes if k["soort"] not in CLUSTER_NAAM],
        "randen": edges,
        "cycli": [" → ".join(g.ingang_naam(x) for x in c) for c in cycles],
    }


def compare_report(v: Any, cat: Any) -> dict[str, Any]:
    """A comparison (api.compare) as table rows and verdicts."""
    rows = []
    for r in v.rijen:
        g = cat.gemeente(r.gemeente, r.variant)
        j, mt = r.journey, r.journey.metrieken
        rows.append(
            {
                "gemeente": g.naam,
                "variant": g.variant_naam(),
                "start": g.ingang_naam(j.route[0]) if j.route else "-",
                "meest_waarschijnlijk": r.standaard,
                "route": " → ".join(g.ingang_naam(x) for x in j.route),
                "contacten": mt.contacten_inwoner,
                "warm": mt.warme_overdrachten,
                "koud": mt.koude_verwijzingen,
                "herhalingen": mt.herhalingen,
                "dagen": dagen_tekst(mt.dagen, mt.dagen_onbekend),
                "organisaties": mt.organisaties,
                "uitkomst": UITKOMST_NAAM[j.uitkomst.soort] + (f" ({j.uitkomst.niveau})" if j.uitkomst.niveau else ""),
                "soort": j.uitkomst.soort,
                "lus": bool(j.uitkomst.lus),
                "kosten": kosten_tekst(mt.kosten, mt.kosten_onbekend),
                "schendingen": sorted({s.principe for s in r.schendingen}),
            }
        )
    verdicts = []
    for o in v.oordelen:
        g = cat.gemeente(o.gemeente, o.variant)
        verdicts.append(
            {
                "gemeente": g.naam,
                "variant": g.variant_naam(),
                "ok": o.ok,
                "eerste_contacten": o.eerste_contacten,
                "falen": [{"ingang": g.ingang_naam(i), "reden": why} for i, why in o.falen],
            }
        )
    p, sm = cat.persona(v.persona), cat.sleutelmoment(v.sleutelmoment)
    return {
        "titel": f"Vergelijking: {p.naam} · {sm.naam}",
        "persona": p.naam,
        "sleutelmoment": sm.naam,
        "vraag": sm.vraag(v.vraag).omschrijving,
        "rijen": rows,
        "oordelen": verdicts,
    }


def _edge_condition(g: m.Gemeente, rule_id: str) -> str:
    """A rule on a cycle edge with its condition, and the earlier rules at its ingang that go first."""
    from journeykit.conditions import describe

    rules = [r for r in g.regels]
    rule = next(r for r in rules if r.id == rule_id)
    earlier = [r for r in rules[: rules.index(rule)] if r.bij == rule.bij and r.dan.soort not in ("wachten",)]
    text = f"regel {rule.id} (als {describe(rule.als)})"
    if earlier:
        text += f", alleen als geen van de {len(earlier)} eerdere regels bij {rule.bij} past"
    return text


def loops_report(rapport: Any, cat: Any) -> dict[str, Any]:
    """A loop sweep (api.loops) as tables."""
    agg = rapport.aggregaat
    found, number = agg.ordered(), agg.numbers()

    def witness(c: Any, gemeente: str) -> str:
        extra = f"; aangepast: {', '.join(c.afwijkingen)}" if c.afwijkingen else ""
        start = cat.ingang_naam(gemeente, c.eerste_ingang) if c.eerste_ingang else "meest voor de hand liggend"
        return f"{c.persona.naam} ({c.persona.leeftijd} jaar{extra}) · {c.sleutelmoment.naam} · start: {start}"

    return {
        "titel": "Kastje naar de muur: lussen en kringen",
        "gelopen": getal(agg.gelopen),
        "gemeenten": [f"{g}/{v}" for g, v in rapport.gemeenten],
        "lussen": [
            {
                "nummer": number[x.key],
                "gemeente": x.gemeente,
                "varianten": ", ".join(x.varianten),
                "cyclus": " → ".join(cat.ingang_naam(x.gemeente, i) for i in x.cyclus),
                "aantal": x.aantal,
                # where rules have kansen: how likely a journey goes round there at most (None: always)
                "kans": None if x.kans >= 1 else f"{round(100 * x.kans)} %",
                "getuige": witness(x.getuige, x.gemeente),
                "randen": [
                    {
                        "van": cat.ingang_naam(x.gemeente, e.van),
                        "naar": cat.ingang_naam(x.gemeente, e.naar),
                        "regel": e.regel,
                        "overdracht": e.overdracht,
                        "herkomst": str(e.herkomst),
                        "niveau": e.herkomst.niveau,
                    }
                    for e in x.randen
                ],
            }
            for x in found
        ],
        "statisch": [
            {
                "gemeente": c.gemeente,
                "variant": c.variant,
                "cyclus": " → ".join(cat.ingang_naam(c.gemeente, i) for i in c.cyclus),
                "regels": "; ".join(
                    f"{cat.ingang_naam(c.gemeente, a)} → {cat.ingang_naam(c.gemeente, b)}: "
                    + " of ".join(_edge_condition(cat.gemeente(c.gemeente, c.variant), r) for r in rs)
                    for a, b, rs in c.regels
                ),
                "getuige": number.get(c.getuige.key) if c.getuige else None,
            }
            for c in rapport.statisch
        ],
        "principes": [
            {
                "gemeente": g,
                "principe": cat.principe_naam(g, p),
                "aantal": getal(s.aantal),
                "voorbeelden": [witness(c, g) for c in s.voorbeelden],
            }
            for (g, p), s in sorted(agg.schendingen.items())
        ],
    }

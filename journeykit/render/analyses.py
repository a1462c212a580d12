"""The results of compare, loops and diff as JSON data (``*_json``) and as Dutch text for a terminal (``*_text``).

Their JSON is pinned by tests/test_golden.py. The text is raw; the CLI makes it terminal-safe when it prints it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from journeykit.errors import getal
from journeykit.model import as_dict
from journeykit.render.text import block, euro, table, uitkomst_kort

if TYPE_CHECKING:
    from journeykit.analysis.compare import Oordeel, Rij, Vergelijking
    from journeykit.analysis.diff import Diff, GevalVerschil
    from journeykit.analysis.sweep import Case
    from journeykit.api import LusRapport
    from journeykit.catalog import Catalog


# --- compare ---------------------------------------------------------------------------------------


def compare_json(v: Vergelijking) -> dict[str, Any]:
    return {
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


COMPARE_COLUMNS = (
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
)


def _compare_row(r: Rij, cat: Catalog) -> tuple[object, ...]:
    j, mt = r.journey, r.journey.metrieken
    start = cat.ingang_naam(r.gemeente, j.route[0]) if j.route else "-"
    return (
        f"{r.gemeente}/{r.variant}",
        start + (" *" if r.standaard else ""),
        mt.contacten_inwoner,
        mt.warme_overdrachten,
        mt.koude_verwijzingen,
        mt.herhalingen,
        mt.dagen,
        mt.organisaties,
        uitkomst_kort(j.uitkomst),
        "ja" if j.uitkomst.lus else "nee",
        euro(mt.kosten) if mt.kosten else "-",
    )


def _oordeel_lines(o: Oordeel, cat: Catalog) -> list[str]:
    where = f"  {o.gemeente}/{o.variant}"
    if o.ok:
        return [
            f"{where}: ja, alle {o.eerste_contacten} eerste contacten leiden zonder koude verwijzing naar een antwoord"
        ]
    if not o.eerste_contacten:
        return [f"{where}: nee, deze persona kan hier geen enkele ingang zelf bereiken"]
    lines = [f"{where}: nee, {len(o.falen)} van {o.eerste_contacten} eerste contacten falen:"]
    return lines + [f"    - {cat.ingang_naam(o.gemeente, ingang)}: {why}" for ingang, why in o.falen]


def compare_text(v: Vergelijking, cat: Catalog) -> str:
    head = [
        f"Vergelijking: {cat.persona(v.persona).naam} · {cat.sleutelmoment(v.sleutelmoment).naam} (vraag: {v.vraag})",
        "",
    ]
    tail = ["* = het meest voor de hand liggende eerste contact van deze persona", "", "Geen verkeerde deur?"]
    for o in v.oordelen:
        tail += _oordeel_lines(o, cat)
    return block(head) + table(COMPARE_COLUMNS, [_compare_row(r, cat) for r in v.rijen]) + block(tail)


# --- loops -----------------------------------------------------------------------------------------


def _case_json(case: Case) -> dict[str, Any]:
    return {
        "persona": case.persona.id,
        "leeftijd": case.persona.leeftijd,
        "afwijkingen": list(case.afwijkingen),
        "sleutelmoment": case.sleutelmoment.id,
        "vraag": case.vraag,
        "eerste_ingang": case.eerste_ingang,
    }


def _persona_label(case: Case) -> str:
    p = case.persona
    extra = f"; aangepast: {', '.join(case.afwijkingen)}" if case.afwijkingen else ""
    return (
        f"{p.naam} ({p.id}, {p.leeftijd} jaar{extra}) · {case.sleutelmoment.id}/{case.vraag}"
        f" · start: {case.eerste_ingang or 'meest voor de hand liggend'}"
    )


def loops_json(rapport: LusRapport) -> dict[str, Any]:
    agg = rapport.aggregaat
    nummer = agg.numbers()
    return {
        "gelopen": agg.gelopen,
        "uitkomsten": dict(sorted(agg.uitkomsten.items())),
        "gemeenten": [{"gemeente": g, "variant": v} for g, v in rapport.gemeenten],
        "lussen": [
            {
                "nummer": nummer[x.key],
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
            for x in agg.ordered()
        ],
        "statische_cycli": [
            {
                "gemeente": c.gemeente,
                "variant": c.variant,
                "cyclus": list(c.cyclus),
                "regels": [{"van": a, "naar": b, "regels": list(rs)} for a, b, rs in c.regels],
                "getuige": nummer[c.getuige.key] if c.getuige else None,
            }
            for c in rapport.statisch
        ],
        "principes": [
            {"gemeente": g, "principe": p, "aantal": s.aantal, "voorbeelden": [_case_json(c) for c in s.voorbeelden]}
            for (g, p), s in sorted(agg.schendingen.items())
        ],
        "niet_getoetst": [
            {"gemeente": g, "principe": p, "aantal": n} for (g, p), n in sorted(agg.niet_getoetst.items())
        ],
    }


def _lussen_lines(rapport: LusRapport, cat: Catalog) -> list[str]:
    agg = rapport.aggregaat
    found, nummer = agg.ordered(), agg.numbers()
    lines = [f"Gevonden lussen: {len(found)}"]
    for x in found:
        route = " → ".join(cat.ingang_naam(x.gemeente, i) for i in x.cyclus)
        lines += [
            f"{nummer[x.key]:>3}. {x.gemeente}: {route}",
            f"     in varianten {', '.join(x.varianten)}; {x.aantal} keer geraakt in de sweep",
        ]
        for e in x.randen:
            lines.append(
                f"     {cat.ingang_naam(x.gemeente, e.van)} → {cat.ingang_naam(x.gemeente, e.naar)}: "
                f"regel {e.regel} ({e.overdracht}); {e.herkomst}"
            )
        lines.append(f"     kleinste getuige: {_persona_label(x.getuige)}")
    lines += ["", f"Cycli in het verwijsnetwerk (elke verwijzing die een regel kan maken): {len(rapport.statisch)}"]
    for c in rapport.statisch:
        route = " → ".join(cat.ingang_naam(c.gemeente, i) for i in c.cyclus)
        status = (
            f"bereikt (lus {nummer[c.getuige.key]})"
            if c.getuige
            else "zonder getuige: geen persona in de sweep komt hierin terecht"
        )
        lines.append(f"  - {c.gemeente}/{c.variant}: {route}: {status}")
    return lines


def loops_text(rapport: LusRapport, cat: Catalog) -> str:
    agg = rapport.aggregaat
    where = ", ".join(f"{g}/{v}" for g, v in rapport.gemeenten)
    lines = [f"Kastje naar de muur: {getal(agg.gelopen)} reizen gelopen in {where}", ""]
    lines += _lussen_lines(rapport, cat)
    if agg.schendingen:
        lines += ["", "Principes die reizen in de sweep schenden:"]
        for (g, p), sch in sorted(agg.schendingen.items()):
            lines.append(f"  - {g} · {cat.principe_naam(g, p)}: {getal(sch.aantal)} reizen")
            lines.append(f"      bijvoorbeeld: {_persona_label(sch.voorbeelden[0])}")
    if agg.niet_getoetst:
        lines += ["", "Principes die niet getoetst konden worden (de toets van een plugin faalde):"]
        for (g, p), n in sorted(agg.niet_getoetst.items()):
            lines.append(f"  - {g} · {cat.principe_naam(g, p)}: {getal(n)} reizen")
    return block(lines)


# --- diff ------------------------------------------------------------------------------------------


def diff_shown(d: Diff, alles: bool) -> Sequence[GevalVerschil]:
    """The cases a diff reports: those that change, or with ``alles`` every case."""
    return d.verschillen if alles else d.gewijzigd


def diff_json(d: Diff, alles: bool) -> dict[str, Any]:
    t = d.totalen
    return {
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
                "wijzigingen": [{"wat": w.wat, "voor": w.voor, "na": w.na, "beter": w.beter} for w in v.wijzigingen],
            }
            for v in diff_shown(d, alles)
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


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def _verschil_lines(v: GevalVerschil) -> list[str]:
    mark = "beter" if v.beter else "slechter" if v.slechter else "anders" if v.wijzigingen else "gelijk"
    lines = [
        f"[{mark}] {v.geval.label}",
        f"    route: {' → '.join(v.voor.route) or '-'}  ⇒  {' → '.join(v.na.route) or '-'}",
    ]
    for w in v.wijzigingen:
        if w.wat == "route":
            continue  # already shown on the line above
        arrow = {True: "(beter)", False: "(slechter)", None: ""}[w.beter]
        lines.append(f"    {w.wat}: {w.voor} → {w.na} {arrow}".rstrip())
    return lines


def diff_text(d: Diff, alles: bool) -> str:
    t = d.totalen
    lines = [f"Verschil in {d.gemeente}: {d.van} → {d.naar} ({t.gevallen} gevallen, {len(d.gewijzigd)} veranderd)", ""]
    for v in diff_shown(d, alles):
        lines += _verschil_lines(v)
    lines += ["", "Totalen over alle gevallen:"]
    rows = [(k, _num(t.voor[k]), _num(t.na[k]), _num(t.na[k] - t.voor[k])) for k in t.voor]
    tail = [f"{t.beter} gevallen beter, {t.slechter} slechter, {t.gelijk} gelijk of neutraal."]
    if d.nieuwe_lussen:
        tail.append(f"Nieuwe lussen in {len(d.nieuwe_lussen)} gevallen.")
    if d.nieuwe_schendingen:
        tail.append(f"Nieuwe principeschendingen in {len(d.nieuwe_schendingen)} gevallen.")
    return block(lines) + table(("", "voor", "na", "verschil"), rows) + block(tail)

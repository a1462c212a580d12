"""The results of compare and loops as JSON data (``*_json``) and as Dutch text for a terminal (``*_text``).

Their JSON is pinned by tests/test_golden.py. The text is raw; the CLI makes it terminal-safe when it prints it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journeykit import model as m
from journeykit.errors import getal
from journeykit.model import as_dict
from journeykit.render.text import block, dagen_tekst, kosten_tekst, table, uitkomst_kort

if TYPE_CHECKING:
    from journeykit.analysis.compare import Oordeel, Rij, Vergelijking
    from journeykit.analysis.sweep import Case
    from journeykit.api import LusRapport
    from journeykit.catalog import Catalog


# --- compare ---------------------------------------------------------------------------------------


# Why a sweep skips a combination, said once for every report.
NIET_KUNNEN = "(het sleutelmoment is niet voor die persona, of de klantreis niet voor die vraag)"


def situatie_json(v: m.Variant | None) -> dict[str, Any] | None:
    if v is None:
        return None
    return {"variant": v.id, "reconstructie": v.reconstructie, "herkomst": as_dict(v.herkomst)}


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
                "herkomst": {"niveau": r.journey.niveau, "aannames": list(r.journey.aannames)},
                # where rules have kansen and this start can go more ways; the row above is the most likely way
                "kansen": None
                if r.kansen is None
                else {
                    "routes": sum(x.kans > 0 for x in r.kansen.routes),
                    "kans_opgelost": r.kansen.kans_opgelost,
                    "kans_kastje_naar_de_muur": r.kansen.kans_kastje_naar_de_muur,
                    "kans_afgehaakt": r.kansen.kans_afgehaakt,
                    "verwacht_contacten": r.kansen.verwacht("contacten_inwoner"),
                    "verwacht_koude_verwijzingen": r.kansen.verwacht("koude_verwijzingen"),
                },
            }
            for r in v.rijen
        ],
        "niet_voor": [{"gemeente": g, "reden": why} for g, why in v.niet_voor],
        "situaties": [{"gemeente": g, **(situatie_json(s) or {})} for g, s in v.situaties],
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
    "lauw",
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
        mt.lauwe_overdrachten,
        mt.koude_verwijzingen,
        mt.herhalingen,
        dagen_tekst(mt.dagen, mt.dagen_onbekend),
        mt.organisaties,
        uitkomst_kort(j.uitkomst)
        + (f" (kans op opgelost {round(100 * r.kansen.kans_opgelost)} %)" if r.kansen else ""),
        "ja" if j.uitkomst.lus else "nee",
        kosten_tekst(mt.kosten, mt.kosten_onbekend),
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
    if v.niet_voor:
        tail += ["", "Niet vergeleken:"] + [f"  {g}: {why}" for g, why in v.niet_voor]
    if v.reconstructies:
        tail += ["", "Let op: deze situaties staan niet als zodanig in de bronnen; het zijn reconstructies:"]
        tail += [f"  {g}/{s.id}: {s.herkomst.aanname or s.naam}" for g, s in v.reconstructies]
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
        "overgeslagen": rapport.overgeslagen,
        # where rules have kansen, a case counts for each of its routes by likelihood: parts of journeys
        "uitkomsten": {k: round(v, 6) for k, v in sorted(agg.uitkomsten.items())},
        "gemeenten": [{"gemeente": g, "variant": v} for g, v in rapport.gemeenten],
        "lussen": [
            {
                "nummer": nummer[x.key],
                "gemeente": x.gemeente,
                "cyclus": list(x.cyclus),
                "varianten": x.varianten,
                "aantal": x.aantal,
                "verwacht": round(x.verwacht, 6),
                "kans": round(x.kans, 6),
                "getuige": {**_case_json(x.getuige), "variant": x.getuige_variant, "kans": round(x.getuige_kans, 6)},
                "opnieuw": x.opnieuw(),
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
                "herkomst": {rid: as_dict(h) for rid, h in c.herkomst},
            }
            for c in rapport.statisch
        ],
        "principes": [
            {
                "gemeente": g,
                "principe": p,
                "aantal": round(s.aantal, 6),
                "voorbeelden": [_case_json(c) for c in s.voorbeelden],
            }
            for (g, p), s in sorted(agg.schendingen.items())
        ],
        "risicos": [
            {
                **risico_json(e.risico),
                "variant": e.variant,
                "lussen": e.lussen,
                "schendingen": round(e.schendingen, 6),
                "nieuwe_lussen": [
                    {"cyclus": list(x.cyclus), "getuige": _case_json(x.getuige)} for x in e.nieuwe_lussen
                ],
            }
            for e in rapport.risicos
        ],
        "niet_getoetst": [
            {"gemeente": g, "principe": p, "aantal": round(n, 6)} for (g, p), n in sorted(agg.niet_getoetst.items())
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
        if x.kans < 1:
            lines.append(
                f"     niet altijd: waar regels kansen hebben, gaat een reis hier met een kans van hoogstens"
                f" {round(100 * x.kans)} % rond (verwacht {getal(x.verwacht)} van die reizen)"
            )
        for e in x.randen:
            lines.append(
                f"     {cat.ingang_naam(x.gemeente, e.van)} → {cat.ingang_naam(x.gemeente, e.naar)}: "
                f"regel {e.regel} ({e.overdracht}); {e.herkomst}"
            )
        lines.append(f"     kleinste getuige: {_persona_label(x.getuige)}")
        if x.opnieuw():
            lines.append(f"     opnieuw lopen: {x.opnieuw()}")
            if x.getuige_kans < 1:
                lines.append(
                    f"     (de lus is daar een van de mogelijke routes, met kans {round(100 * x.getuige_kans)} %:"
                    " zie de verdeling)"
                )
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
    lines = [f"Kastje naar de muur: {getal(agg.gelopen)} reizen gelopen in {where}"]
    if rapport.overgeslagen:
        lines.append(f"{getal(rapport.overgeslagen)} combinaties overgeslagen die niet kunnen {NIET_KUNNEN}")
    lines.append("")
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
    if rapport.risicos:
        lines += ["", "Risico's die de bronnen noemen, elk apart toegepast:"]
        for e in rapport.risicos:
            lines += risico_lines(e.risico, e.variant)
            lines.append(
                f"      {e.lussen} {'nieuwe lus' if e.lussen == 1 else 'nieuwe lussen'}, {getal(e.schendingen)}"
                f" {'reis' if e.schendingen == 1 else 'reizen'} meer die een principe schenden"
            )
            for x in e.nieuwe_lussen[:3]:
                route = " → ".join(cat.ingang_naam(x.gemeente, i) for i in x.cyclus)
                lines.append(f"      lus: {route}; bijvoorbeeld {_persona_label(x.getuige)}")
    return block(lines)


def risico_json(r: m.Risico) -> dict[str, Any]:
    return {"id": r.id, "naam": r.naam, "bron": as_dict(r.herkomst.bron), "herkomst": as_dict(r.herkomst)}


def risico_lines(r: m.Risico, variant: str) -> list[str]:
    bron = r.herkomst.bron
    cited = f' — "{bron.citaat}" ({bron})' if bron else ""
    return [f"  - {r.naam} ({variant}){cited}"]

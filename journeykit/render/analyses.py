"""The results of compare, loops and diff as JSON data (``*_json``) and as Dutch text for a terminal (``*_text``).

Their JSON is pinned by tests/test_golden.py. The text is raw; the CLI makes it terminal-safe when it prints it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from journeykit import model as m
from journeykit.analysis.evidence import Gevoeligheid, drivers
from journeykit.errors import getal
from journeykit.model import as_dict
from journeykit.render.templating import NIVEAU_NAAM
from journeykit.render.text import block, dagen_tekst, kosten_tekst, table, totaal_tekst, uitkomst_kort, wijziging_tekst

if TYPE_CHECKING:
    from journeykit.analysis.compare import Oordeel, Rij, Vergelijking
    from journeykit.analysis.diff import Diff, GevalVerschil
    from journeykit.analysis.sweep import Case
    from journeykit.api import LusRapport
    from journeykit.catalog import Catalog


# --- compare ---------------------------------------------------------------------------------------


# Why a sweep skips a combination, said once for every report.
NIET_KUNNEN = "(het sleutelmoment is niet voor die persona, of de klantreis niet voor die vraag)"


def _situatie_json(v: m.Variant | None) -> dict[str, Any] | None:
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
        "situaties": [{"gemeente": g, **(_situatie_json(s) or {})} for g, s in v.situaties],
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
                **_risico_json(e.risico),
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
            lines += _risico_lines(e.risico, e.variant)
            lines.append(
                f"      {e.lussen} {'nieuwe lus' if e.lussen == 1 else 'nieuwe lussen'}, {getal(e.schendingen)}"
                f" {'reis' if e.schendingen == 1 else 'reizen'} meer die een principe schenden"
            )
            for x in e.nieuwe_lussen[:3]:
                route = " → ".join(cat.ingang_naam(x.gemeente, i) for i in x.cyclus)
                lines.append(f"      lus: {route}; bijvoorbeeld {_persona_label(x.getuige)}")
    return block(lines)


def _risico_json(r: m.Risico) -> dict[str, Any]:
    return {"id": r.id, "naam": r.naam, "bron": as_dict(r.herkomst.bron), "herkomst": as_dict(r.herkomst)}


def _risico_lines(r: m.Risico, variant: str) -> list[str]:
    bron = r.herkomst.bron
    cited = f' — "{bron.citaat}" ({bron})' if bron else ""
    return [f"  - {r.naam} ({variant}){cited}"]


# --- diff ------------------------------------------------------------------------------------------


def diff_shown(d: Diff, alles: bool) -> Sequence[GevalVerschil]:
    """The cases a diff reports: those that change, or with ``alles`` every case."""
    return d.verschillen if alles else d.gewijzigd


def diff_json(d: Diff, alles: bool) -> dict[str, Any]:
    t = d.totalen
    return {
        "overgeslagen": d.overgeslagen,
        "gemeente": d.gemeente,
        "van": d.van,
        "naar": d.naar,
        "situaties": {"van": _situatie_json(d.situatie_van), "naar": _situatie_json(d.situatie_naar)},
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
                "herkomst": {"voor": v.voor.niveau, "na": v.na.niveau, "regels_die_verschillen": sorted(drivers(v))},
                # where rules have kansen and a side can go more ways (routes above: the most likely)
                "kansen_voor": as_dict(v.kansen_voor) if v.kansen_voor else None,
                "kansen_na": as_dict(v.kansen_na) if v.kansen_na else None,
            }
            for v in diff_shown(d, alles)
        ],
        "risicos": [
            {**_risico_json(r.risico), "slechter": r.slechter, "lussen": r.lussen, "schendingen": r.schendingen}
            for r in d.risicos
        ],
        "onderbouwing": None
        if d.onderbouwing is None
        else {
            "veranderd": d.onderbouwing.veranderd,
            "alleen_door_aannames": d.onderbouwing.alleen_aannames,
            "dragende_aannames": [{"regel": r, "gevallen": n} for r, n in d.onderbouwing.dragers],
        },
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


def _difference(voor: float | None, na: float | None) -> float | None:
    return None if voor is None or na is None else na - voor


def _verschil_lines(v: GevalVerschil) -> list[str]:
    mark = "beter" if v.beter else "slechter" if v.slechter else "anders" if v.wijzigingen else "gelijk"
    lines = [
        f"[{mark}] {v.geval.label}",
        f"    route: {' → '.join(v.voor.route) or '-'}  ⇒  {' → '.join(v.na.route) or '-'}",
    ]
    for w in v.wijzigingen:
        if w.wat == "route":
            continue  # already shown on the line above
        lines.append(f"    {wijziging_tekst(w)}")
    return lines


def diff_text(d: Diff, alles: bool) -> str:
    t = d.totalen
    lines = [f"Verschil in {d.gemeente}: {d.van} → {d.naar} ({t.gevallen} gevallen, {len(d.gewijzigd)} veranderd)"]
    lines += situation_warnings(d)
    if d.overgeslagen:
        lines.append(f"{getal(d.overgeslagen)} combinaties overgeslagen die niet kunnen {NIET_KUNNEN}")
    lines.append("")
    for v in diff_shown(d, alles):
        lines += _verschil_lines(v)
    lines += ["", "Totalen over alle gevallen:"]
    rows = [
        (k, totaal_tekst(t.voor[k]), totaal_tekst(t.na[k]), totaal_tekst(_difference(t.voor[k], t.na[k])))
        for k in t.voor
    ]
    tail = [f"{t.beter} gevallen beter, {t.slechter} slechter, {t.gelijk} gelijk of neutraal."]
    if d.nieuwe_lussen:
        tail.append(f"Nieuwe lussen in {len(d.nieuwe_lussen)} gevallen.")
    if d.nieuwe_schendingen:
        tail.append(f"Nieuwe principeschendingen in {len(d.nieuwe_schendingen)} gevallen.")
    tail += _onderbouwing_lines(d)
    if d.risicos:
        tail += ["", f"Risico's die de bronnen noemen, elk apart toegepast op {d.naar}:"]
        for r in d.risicos:
            tail += _risico_lines(r.risico, d.naar)
            tail.append(
                f"      {r.slechter} gevallen slechter, {r.lussen} met een nieuwe lus, {r.schendingen} met een "
                "nieuwe principeschending"
            )
    return block(lines) + table(("", "voor", "na", "verschil"), rows) + block(tail)


def situation_warnings(d: Diff) -> list[str]:
    """A situation the sources do not (fully) describe says so wherever it is compared."""
    out = []
    for v in (d.situatie_van, d.situatie_naar):
        if v is None:
            continue
        if v.reconstructie:
            out.append(f"Let op: '{v.id}' staat niet als zodanig in de bronnen; het is een reconstructie.")
        if v.herkomst.aanname:
            out.append(f"Let op: '{v.id}' rust (deels) op een aanname: {v.herkomst.aanname}")
    return out


def _onderbouwing_lines(d: Diff) -> list[str]:
    o = d.onderbouwing
    if o is None or not o.veranderd:
        return []
    lines = [
        "",
        f"Waar rust dit op? Van de {o.veranderd} gevallen die beter of slechter worden, veranderen er "
        f"{o.alleen_aannames} alleen door regels die (deels) op een aanname rusten.",
    ]
    if o.dragers:
        lines.append("De aannames die de meeste veranderingen dragen (controleer die eerst):")
        lines += [f"  regel {r}: {n} gevallen" for r, n in o.dragers]
        lines.append("Wat er omslaat als zo'n aanname niet klopt: journeykit gevoeligheid (zelfde opties als diff).")
    return lines


# --- gevoeligheid ---------------------------------------------------------------------------------


def gevoeligheid_json(s: Gevoeligheid) -> dict[str, Any]:
    return {
        "gemeente": s.gemeente,
        "van": s.van,
        "naar": s.naar,
        "basis": {"beter": s.beter, "slechter": s.slechter, "gelijk": s.gelijk},
        "aannames_getoetst": s.getoetst,
        "omslagen": [
            {
                "regel": o.regel,
                "herkomst": as_dict(o.herkomst),
                "omslagen": o.omslagen,
                "zonder_deze_regel": {"beter": o.beter, "slechter": o.slechter, "gelijk": o.gelijk},
                "voorbeelden": list(o.voorbeelden),
            }
            for o in s.omslagen
        ],
    }


def gevoeligheid_text(s: Gevoeligheid) -> str:
    lines = [
        f"Gevoeligheid van {s.gemeente}: {s.van} → {s.naar} ({s.beter} gevallen beter, {s.slechter} slechter, "
        f"{s.gelijk} gelijk of neutraal)",
        f"Elke regel die (deels) op een aanname rust en in een van de gevallen beslist, is om beurten weggelaten "
        f"({s.getoetst} regels).",
        "",
    ]
    if not s.omslagen:
        return block(lines + ["Geen enkele conclusie slaat om als één aanname wegvalt."])
    lines.append("Aannames waarvan conclusies afhangen, de zwaarste eerst:")
    for o in s.omslagen:
        lines.append(
            f"  regel {o.regel} ({NIVEAU_NAAM[o.herkomst.niveau]}): {_slaan_om(o.omslagen)}; zonder deze regel "
            f"{o.beter} beter, {o.slechter} slechter, {o.gelijk} gelijk"
        )
        if o.herkomst.aanname:
            lines.append(f"      aanname: {o.herkomst.aanname}")
        lines.append(f"      bijvoorbeeld: {'; '.join(o.voorbeelden)}")
    return block(lines)


def _slaan_om(n: int) -> str:
    return "1 geval slaat om" if n == 1 else f"{n} gevallen slaan om"

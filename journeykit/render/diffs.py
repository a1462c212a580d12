"""The results of `diff` and of its sensitivity as JSON data and as Dutch text.

Pinned by tests/test_golden.py like the rest. The text is raw; the CLI makes it terminal-safe when it prints it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from journeykit.analysis.evidence import Gevoeligheid, drivers
from journeykit.errors import getal
from journeykit.model import as_dict
from journeykit.render.analyses import NIET_KUNNEN, risico_json, risico_lines, situatie_json
from journeykit.render.templating import NIVEAU_NAAM
from journeykit.render.text import block, table, totaal_tekst, wijziging_tekst

if TYPE_CHECKING:
    from journeykit.analysis.diff import Diff, GevalVerschil


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
        "situaties": {"van": situatie_json(d.situatie_van), "naar": situatie_json(d.situatie_naar)},
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
            {**risico_json(r.risico), "slechter": r.slechter, "lussen": r.lussen, "schendingen": r.schendingen}
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
            tail += risico_lines(r.risico, d.naar)
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

"""The before/after map: one journey in two situations, lane by lane, with the phases one above the other."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeykit import model as m
from journeykit.analysis.diff import GevalVerschil, Kansen
from journeykit.render.text import UITKOMST_NAAM, dagen_tekst, kosten_tekst, samenvatting
from journeykit.render.views import Voetnoten, arrows, loop_arc, map_columns, map_width, persona_card, phase_headers

Kolom = dict[str, Any]


def _runs(columns: Sequence[Kolom]) -> list[list[Kolom]]:
    """Consecutive columns of one phase."""
    runs: list[list[Kolom]] = []
    for c in columns:
        if runs and runs[-1][0]["fase"] == c["fase"]:
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def _filler(like: Kolom) -> Kolom:
    return {"fase": like["fase"], "fase_naam": like["fase_naam"], "leeg": True, "opvulling": True}


def align(before: Sequence[Kolom], after: Sequence[Kolom], order: Sequence[str]) -> tuple[list[Kolom], list[Kolom]]:
    """Both journeys' columns, padded so that each phase starts at the same column above and below."""
    rank = {ph: n for n, ph in enumerate(order)}
    a, b = _runs(before), _runs(after)
    out_a: list[Kolom] = []
    out_b: list[Kolom] = []
    while a or b:
        if a and b and a[0][0]["fase"] == b[0][0]["fase"]:
            ra, rb = a.pop(0), b.pop(0)
        elif a and (not b or rank.get(a[0][0]["fase"], 0) <= rank.get(b[0][0]["fase"], 0)):
            ra, rb = a.pop(0), []
        else:
            ra, rb = [], b.pop(0)
        width = max(len(ra), len(rb))
        out_a += ra + [_filler((ra or rb)[0])] * (width - len(ra))
        out_b += rb + [_filler((rb or ra)[0])] * (width - len(rb))
    return out_a, out_b


def _differs(x: Kolom, y: Kolom) -> bool:
    if x["leeg"] or y["leeg"]:
        return x["leeg"] != y["leeg"]  # a step in one situation where the other has none
    return (x["ingang_id"], x["aangekomen"], x["overdracht"], x["achter"][0]) != (
        y["ingang_id"],
        y["aangekomen"],
        y["overdracht"],
        y["achter"][0],
    )


def _side(columns: list[Kolom], j: m.Journey, g: m.Gemeente) -> dict[str, Any]:
    return {
        "kolommen": columns,
        "koppen": phase_headers(columns),
        "pijlen": arrows(columns),
        "lus": loop_arc(columns, j, g),
        "variant": g.variant_naam(),
        "uitkomst": UITKOMST_NAAM[j.uitkomst.soort] + (f" ({j.uitkomst.niveau})" if j.uitkomst.niveau else ""),
        "reden": j.uitkomst.reden,
        "samenvatting": samenvatting(j),
        "route": " → ".join(g.ingang_naam(x) for x in j.route),
    }


def _judge(better: bool | None, same: bool) -> str:
    return "gelijk" if same else "beter" if better else "slechter" if better is False else "anders"


def _figures(v: GevalVerschil) -> list[dict[str, str]]:
    """Every figure before and after, and whether it got better; unknown stays 'onbekend'."""
    a, b = v.voor.metrieken, v.na.metrieken
    rows = [
        {"wat": label, "voor": str(x), "na": str(y), "oordeel": _judge(y < x, x == y)}
        for label, x, y in (
            ("contacten die de inwoner zelf legt", a.contacten_inwoner, b.contacten_inwoner),
            ("koude verwijzingen", a.koude_verwijzingen, b.koude_verwijzingen),
            ("keer het verhaal opnieuw verteld", a.herhalingen, b.herhalingen),
            ("organisaties", a.organisaties, b.organisaties),
        )
    ]
    # Only two known figures can be better or worse; with an unknown part nobody can say.
    for label, attr, shown in (
        ("wachttijd in dagen", "dagen", dagen_tekst),
        ("kosten per cliënt", "kosten", kosten_tekst),
    ):
        xa, xb = getattr(a, attr), getattr(b, attr)
        ua, ub = getattr(a, attr + "_onbekend"), getattr(b, attr + "_onbekend")
        x, y = shown(xa, ua), shown(xb, ub)
        oordeel = "niet te zeggen" if ua or ub else _judge(xb < xa, x == y)
        rows.append({"wat": label, "voor": x, "na": y, "oordeel": oordeel})
    ka, kb = v.kansen_voor or Kansen.of(v.voor), v.kansen_na or Kansen.of(v.na)
    pa, pb = round(100 * ka.opgelost), round(100 * kb.opgelost)
    rows.append({"wat": "kans op opgelost", "voor": f"{pa} %", "na": f"{pb} %", "oordeel": _judge(pb > pa, pa == pb)})
    sa, sb = set(v.schendingen_voor), set(v.schendingen_na)
    mixed = bool(sb - sa and sa - sb)
    rows.append(
        {
            "wat": "beloften van de gemeente niet gehaald",
            "voor": str(len(sa)),
            "na": str(len(sb)),
            "oordeel": _judge(None if mixed else len(sb) < len(sa), sa == sb),
        }
    )
    return rows


def diff_map(
    v: GevalVerschil,
    g_voor: m.Gemeente,
    g_na: m.Gemeente,
    persona: m.Persona,
    sm: m.Sleutelmoment,
    schendingen_voor: Sequence[m.Schending],
    schendingen_na: Sequence[m.Schending],
) -> dict[str, Any]:
    notes = Voetnoten()
    card = persona_card(persona, sm, v.voor.vraag, notes)
    cols_a = map_columns(v.voor, g_voor, schendingen_voor, notes)
    cols_b = map_columns(v.na, g_na, schendingen_na, notes)
    cols_a, cols_b = align(cols_a, cols_b, [s.id for s in g_na.klantreis.stappen])
    changed = [_differs(x, y) for x, y in zip(cols_a, cols_b)]
    for x, y, differs in zip(cols_a, cols_b, changed):
        for c in (x, y):
            if differs and not c["leeg"]:
                c["anders"] = True
    n = len(cols_a)
    return {
        "titel": f"Voor en na: {persona.naam} in {g_na.naam}",
        "persona": card,
        "gemeente": g_na.naam,
        "klantreis": g_na.klantreis.naam,
        "voor": _side(cols_a, v.voor, g_voor),
        "na": _side(cols_b, v.na, g_na),
        "breedte": map_width(n),
        "n": n,
        "cijfers": _figures(v),
        "verschillen": sum(changed),
        "voetnoten": notes.items,
    }

"""View models: plain, ordered data for the templates. Renderers read journeys; they never walk."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from journeykit import model as m
from journeykit.render.text import ACTIE_ZIN, UITKOMST_NAAM, dagen_tekst, kosten_tekst, samenvatting, wijziging_tekst

if TYPE_CHECKING:
    from journeykit.analysis.diff import RisicoOpReis


class Voetnoten:
    """Numbers provenance in order of first use, so a printed map can list its sources."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._index: dict[m.Herkomst, int] = {}

    def ref(self, h: m.Herkomst) -> dict[str, Any]:
        if h not in self._index:
            self._index[h] = len(self.items) + 1
            self.items.append(
                {
                    "nummer": self._index[h],
                    "tekst": str(h),
                    "niveau": h.niveau,
                    "citaat": h.bron.citaat if h.bron else "",
                }
            )
        return {"nummer": self._index[h], "niveau": h.niveau, "tekst": str(h)}


def phase_columns(j: m.Journey, g: m.Gemeente) -> list[str]:
    """Which klantreis step each journey step belongs to.

    An ingang may perform several steps; the walk moves forward through the
    klantreis, so a step takes the first of its ingang's steps not before the
    previous one (a resolving step the last), and falls back when the route goes back.
    """
    order = [s.id for s in g.klantreis.stappen]
    current = 0
    out = []
    for s in j.stappen:
        try:
            options = [order.index(x) for x in g.ingang(s.ingang).stappen if x in order]
        except KeyError:
            options = []
        if not options:
            out.append(order[current])
            continue
        ahead = [o for o in options if o >= current]
        if s.actie in ("oplossen", "samenwerken") and ahead:
            current = max(ahead)
        elif ahead:
            current = min(ahead)
        else:
            current = min(options)
        out.append(order[current])
    return out


def journey_map(
    j: m.Journey,
    g: m.Gemeente,
    persona: m.Persona,
    sm: m.Sleutelmoment,
    schendingen: list[m.Schending],
    titel: str = "",
    risicos: Sequence[RisicoOpReis] = (),
) -> dict[str, Any]:
    notes = Voetnoten()
    phases = phase_columns(j, g)
    phase_names = {s.id: s.naam for s in g.klantreis.stappen}
    principes = {p.id: p for p in g.principes}
    columns: list[dict[str, Any]] = []
    order = [x.id for x in g.klantreis.stappen]
    seq: list[tuple[m.Stap | None, str]] = list(zip(j.stappen, phases))
    # A klantreis step the route never takes still gets a column, where it belongs, marked empty.
    for ks in order:
        if ks not in phases:
            at = next((n for n, (_, ph) in enumerate(seq) if order.index(ph) > order.index(ks)), len(seq))
            seq.insert(at, (None, ks))
    for s, ph in seq:
        col: dict[str, Any] = {"fase": ph, "fase_naam": phase_names.get(ph, ph), "leeg": s is None}
        if s is not None:
            ingang = g.ingang(s.ingang)
            if s.aangekomen == "start":
                doet = f"Neemt zelf contact op ({s.kanaal})" if s.kanaal else "Probeert contact op te nemen"
            elif s.aangekomen == "koud":
                doet = f"Moet zelf opnieuw contact opnemen ({s.kanaal})"
            elif s.aangekomen == "warm":
                doet = "Wordt warm overgedragen; hoeft zelf niets te doen"
            elif s.aangekomen == "lauw":
                doet = f"Neemt zelf contact op ({s.kanaal}); de informatie ging mee"
            else:
                doet = "Praat verder met dezelfde professional"
            if s.opnieuw_verteld:
                doet += "; vertelt het verhaal opnieuw"
            achter = [ACTIE_ZIN.get(s.actie, s.actie)]
            if s.naar:
                target = g.ingang_naam(s.naar)
                achter[0] = (
                    f"wijst af en noemt {target}"
                    if s.actie == "afwijzen"
                    else f"draagt warm over aan {target}"
                    if s.overdracht == "warm"
                    else f"draagt lauw over aan {target}: de informatie gaat mee, niemand neemt het over"
                    if s.overdracht == "lauw"
                    else f"verwijst koud naar {target}"
                )
            if s.met:
                achter.append("werkt samen met " + ", ".join(g.ingang_naam(x) for x in s.met))
            if s.niveau:
                achter.append(f"oplossing: {s.niveau}")
            prev = None if s.nummer == 1 else j.stappen[s.nummer - 2].ingang
            if (
                prev
                and prev != s.ingang
                and (s.ingang in g.ingang(prev).deelt_dossier_met or prev in ingang.deelt_dossier_met)
            ):
                achter.append("gedeeld dossier")
            if s.toelichting:
                achter.append(s.toelichting)
            col.update(
                {
                    "nummer": s.nummer,
                    "ingang": ingang.naam,
                    "ingang_id": ingang.id,
                    "soort": ingang.soort,
                    "kanaal": s.kanaal
                    or {"warm": "warme overdracht", "verheldering": "zelfde gesprek"}.get(s.aangekomen, "-"),
                    "organisatie": s.organisatie,
                    "doet": doet,
                    "achter": achter,
                    "dagen": s.dagen,
                    "dagen_tekst": dagen_tekst(s.dagen, s.dagen_onbekend),
                    "ervaring": s.ervaring,
                    "regel": s.regel,
                    "contact": s.contact_inwoner,
                    "opnieuw_verteld": s.opnieuw_verteld,
                    "overdracht": s.overdracht,
                    "herkomst_ingang": notes.ref(ingang.herkomst),
                    "herkomst_regel": notes.ref(s.herkomst) if s.regel else None,
                    "knelpunten": [
                        {
                            "principe": principes[x.principe].naam if x.principe in principes else x.principe,
                            "uitleg": x.uitleg,
                            "herkomst": notes.ref(principes[x.principe].herkomst) if x.principe in principes else None,
                        }
                        for x in schendingen
                        if x.stap == s.nummer
                    ],
                }
            )
        columns.append(col)
    # consecutive columns of the same phase share one header
    headers: list[dict[str, Any]] = []
    for n, col in enumerate(columns):
        if headers and headers[-1]["fase"] == col["fase"]:
            headers[-1]["span"] += 1
        else:
            headers.append({"fase": col["fase"], "naam": col["fase_naam"], "span": 1, "start": n})
    step_col = {c["nummer"]: n for n, c in enumerate(columns) if not c["leeg"]}
    lus = None
    if j.lus_stappen:
        lus = {
            "van": step_col[j.lus_stappen[-1].nummer],
            "naar": step_col[j.lus_stappen[0].nummer],
            "tekst": " → ".join(g.ingang_naam(x) for x in j.uitkomst.lus),
        }
    vraag = sm.vraag(j.vraag)
    journey_wide = [
        {
            "principe": principes[x.principe].naam if x.principe in principes else x.principe,
            "uitleg": x.uitleg,
            "herkomst": notes.ref(principes[x.principe].herkomst) if x.principe in principes else None,
        }
        for x in schendingen
        if x.stap is None
    ]
    return {
        "titel": titel or f"Klantreis van {persona.naam} in {g.naam}",
        "persona": {
            "naam": persona.naam,
            "leeftijd": persona.leeftijd,
            "omschrijving": persona.omschrijving,
            "herkomst": notes.ref(persona.herkomst),
        },
        "sleutelmoment": {"naam": sm.naam, "herkomst": notes.ref(sm.herkomst)},
        "vraag": {"omschrijving": vraag.omschrijving, "soort": vraag.soort, "levensgebied": vraag.levensgebied},
        "gemeente": g.naam,
        "variant": g.variant_naam(),
        "klantreis": g.klantreis.naam,
        "kolommen": columns,
        "koppen": headers,
        "lus": lus,
        "uitkomst": {
            "soort": j.uitkomst.soort,
            "naam": UITKOMST_NAAM[j.uitkomst.soort],
            "niveau": j.uitkomst.niveau,
            "reden": j.uitkomst.reden,
        },
        "samenvatting": samenvatting(j),
        "knelpunten_reis": journey_wide,
        "kosten": kosten_tekst(j.metrieken.kosten, j.metrieken.kosten_onbekend),
        "risicos": [
            {
                "naam": r.risico.naam,
                "omschrijving": r.risico.omschrijving,
                "herkomst": notes.ref(r.risico.herkomst),
                "effect": _risk_effect(r, g),
            }
            for r in risicos
        ],
        "voetnoten": notes.items,
    }


def _risk_effect(r: RisicoOpReis, g: m.Gemeente) -> str:
    if not r.wijzigingen:
        return "verandert deze reis niet"
    route = " → ".join(g.ingang_naam(x) for x in r.journey.route)
    parts = [f"de reis loopt dan {route}", UITKOMST_NAAM[r.journey.uitkomst.soort]]
    return "; ".join(parts + [wijziging_tekst(w) for w in r.wijzigingen if w.wat != "route"])


CANVAS_KOLOMMEN = ("Eerste contact", "Zicht op de vraag", "Vraagverheldering / plan van aanpak")


def canvas_column(g: m.Gemeente, phase: str) -> int:
    """Which of the three Nijmegen canvas columns a klantreis step belongs to (by its place in the klantreis)."""
    order = [s.id for s in g.klantreis.stappen]
    n = len(order)
    k = order.index(phase) if phase in order else 0
    return 0 if n <= 1 else min(2, round(k * 2 / (n - 1)))


def canvas(
    j: m.Journey,
    g: m.Gemeente,
    persona: m.Persona,
    sm: m.Sleutelmoment,
    schendingen: list[m.Schending],
    verschil: Any = None,
) -> dict[str, Any]:
    """The Nijmegen Bijlage 2 workshop template, pre-filled from a walk (and a diff for kansen/knelpunten)."""
    cols: list[dict[str, list[str]]] = [{"stappen": [], "kansen": [], "knelpunten": []} for _ in CANVAS_KOLOMMEN]
    for s, ph in zip(j.stappen, phase_columns(j, g)):
        c = canvas_column(g, ph)
        text = f"{s.nummer}. {g.ingang_naam(s.ingang)}: {ACTIE_ZIN.get(s.actie, s.actie)}"
        if s.naar:
            text += f" {g.ingang_naam(s.naar)} ({s.overdracht})"
        cols[c]["stappen"].append(text)
        for x in schendingen:
            if x.stap == s.nummer:
                cols[c]["knelpunten"].append(x.uitleg)
    for x in schendingen:
        if x.stap is None:
            cols[2]["knelpunten"].append(x.uitleg)
    if verschil is not None:
        for w in verschil.wijzigingen:
            line = f"{w.wat}: {w.voor} → {w.na}"
            if w.beter:
                cols[1 if w.wat in ("contacten", "koude verwijzingen", "keer opnieuw verteld") else 2]["kansen"].append(
                    line
                )
            elif w.beter is False:
                cols[2]["knelpunten"].append(line)
    for col in cols:
        col["knelpunten"] = list(dict.fromkeys(col["knelpunten"]))
    return {
        "titel": f"Werkblad klantreis: {persona.naam} · {sm.naam}",
        "gemeente": g.naam,
        "variant": g.variant_naam(),
        "persona": persona.naam,
        "leeftijd": persona.leeftijd,
        "omschrijving": persona.omschrijving,
        "sleutelmoment": sm.naam,
        "vraag": sm.vraag(j.vraag).omschrijving,
        "kolommen": CANVAS_KOLOMMEN,
        "cellen": cols,
        "principes": [{"naam": p.naam, "omschrijving": p.omschrijving} for p in g.principes],
        "vergeleken_met": verschil.voor.variant if verschil is not None else None,
        "uitkomst": UITKOMST_NAAM[j.uitkomst.soort] + (f" ({j.uitkomst.niveau})" if j.uitkomst.niveau else ""),
        "samenvatting": samenvatting(j),
    }

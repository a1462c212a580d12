"""View models: plain, ordered data for the templates. Renderers read journeys; they never walk."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from journeykit import model as m
from journeykit.render.text import (
    ACTIE_ZIN,
    UITKOMST_NAAM,
    dagen_tekst,
    kosten_tekst,
    meervoud,
    samenvatting,
    wijziging_tekst,
)

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
    """Which klantreis step each journey step belongs to: the phase of what the step does.

    The walk moves forward through the klantreis. A step takes the first of its ingang's phases not
    before the previous step's; one that looks into the question (it asks through, or hands over warm or
    lukewarm after the first contact) takes the next phase its ingang covers; a resolving step the last.
    A step falls back when the route goes back to a place that covers no later phase.
    """
    order = [s.id for s in g.klantreis.stappen]
    current = 0
    out = []
    for s in j.stappen:
        try:
            options = sorted(order.index(x) for x in g.ingang(s.ingang).stappen if x in order)
        except KeyError:
            options = []
        if not options:
            out.append(order[current])
            continue
        ahead = [o for o in options if o >= current]
        further = [o for o in options if o > current]
        looks_into = s.actie == "verhelderen" or (s.nummer > 1 and s.overdracht in ("warm", "lauw"))
        if s.actie in ("oplossen", "samenwerken") and ahead:
            current = max(ahead)
        elif looks_into and further:
            current = further[0]
        elif ahead:
            current = ahead[0]
        else:
            current = options[0]
        out.append(order[current])
    return out


# How a step feels, by its score; the score is the rule's where it gives one, else journeykit's standard.
GEVOEL = {5: "opgelucht", 4: "geholpen", 3: "afwachtend", 2: "teleurgesteld", 1: "gefrustreerd"}
_REDEN = {
    "oplossen": "de vraag wordt opgelost",
    "samenwerken": "er wordt samen aan een oplossing gewerkt",
    "verhelderen": "er wordt doorgevraagd naar wat er echt speelt",
    "verwijzen-warm": "wordt warm overgedragen en hoeft zelf niets te regelen",
    "verwijzen-lauw": "moet zelf opnieuw contact opnemen, al ging de informatie mee",
    "verwijzen-koud": "wordt doorgestuurd en moet zelf opnieuw beginnen",
    "afwijzen": "hoort 'hiervoor bent u bij ons niet aan het goede adres'",
    "geen-regel": "niemand weet een antwoord",
    "onbereikbaar": "komt er niet binnen",
    "python": "een plugin beslist",
}
STANDAARD_BELEVING = m.Herkomst(
    aanname="Geen bron noemt een score voor deze stap: journeykit geeft elke soort actie een vaste score"
    " (oplossen 5, warm overdragen 4, koud verwijzen 2, afwijzen 1)."
)
# A channel's icon on the map: its own, or how the resident got there when no channel applies.
KANAAL_ICOON = {k: k for k in m.KANALEN} | {"warm": "warm", "verheldering": "gesprek"}


def _feeling(s: m.Stap, g: m.Gemeente) -> tuple[str, m.Herkomst]:
    """Why a step scores what it scores, and what that score rests on."""
    parts = [_REDEN.get(s.actie, s.actie)]
    if s.opnieuw_verteld:
        parts.append("moet het verhaal opnieuw vertellen")
    if s.dagen_onbekend:
        parts.append("weet niet hoe lang het wachten duurt")
    elif s.dagen:
        parts.append(f"wacht {meervoud(s.dagen, 'dag', 'dagen')}")
    rule = next((r for r in g.regels if r.id == s.regel), None)
    return "; ".join(parts), rule.herkomst if rule is not None and rule.ervaring is not None else STANDAARD_BELEVING


def _doet(s: m.Stap) -> str:
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
    return doet + ("; vertelt het verhaal opnieuw" if s.opnieuw_verteld else "")


def _achter(s: m.Stap, j: m.Journey, g: m.Gemeente) -> list[str]:
    """What happens behind the line of visibility."""
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
    ingang = g.ingang(s.ingang)
    if prev and prev != s.ingang and (s.ingang in g.ingang(prev).deelt_dossier_met or prev in ingang.deelt_dossier_met):
        achter.append("gedeeld dossier")
    if s.toelichting:
        achter.append(s.toelichting)
    return achter


def _problems(schendingen: Sequence[m.Schending], g: m.Gemeente, notes: Voetnoten, stap: int | None) -> list[dict]:
    principes = {p.id: p for p in g.principes}
    out = []
    for x in schendingen:
        if x.stap != stap:
            continue
        p = principes.get(x.principe)
        out.append(
            {
                "principe": p.naam if p else x.principe,
                "uitleg": x.uitleg,
                "herkomst": notes.ref(p.herkomst) if p else None,
                # the chance a broken promise points at: the promise itself
                "kans": p.omschrijving if p and p.omschrijving else (p.naam if p else ""),
            }
        )
    return out


def step_column(
    s: m.Stap, j: m.Journey, g: m.Gemeente, schendingen: Sequence[m.Schending], notes: Voetnoten
) -> dict[str, Any]:
    """Everything the map shows about one step, lane by lane."""
    ingang = g.ingang(s.ingang)
    reden, grond = _feeling(s, g)
    knelpunten = _problems(schendingen, g, notes, s.nummer)
    eerder = next((t for t in j.stappen[: s.nummer - 1] if t.ingang == s.ingang), None)
    return {
        "nummer": s.nummer,
        "ingang": ingang.naam,
        "ingang_id": ingang.id,
        "soort": ingang.soort,
        "kanaal": s.kanaal or {"warm": "warme overdracht", "verheldering": "zelfde gesprek"}.get(s.aangekomen, "-"),
        "icoon": KANAAL_ICOON.get(s.kanaal or s.aangekomen, ""),
        "organisatie": s.organisatie,
        "doet": _doet(s),
        "achter": _achter(s, j, g),
        "dagen": s.dagen,
        "dagen_tekst": dagen_tekst(s.dagen, s.dagen_onbekend),
        "wacht": "onbekend"
        if s.dagen_onbekend and not s.dagen
        else f"{dagen_tekst(s.dagen, s.dagen_onbekend)} {'dag' if s.dagen == 1 else 'dagen'}",
        "ervaring": s.ervaring,
        "gevoel": GEVOEL.get(s.ervaring, ""),
        "reden": reden,
        "herkomst_ervaring": notes.ref(grond),
        "regel": s.regel,
        "contact": s.contact_inwoner,
        "opnieuw_verteld": s.opnieuw_verteld,
        "overdracht": s.overdracht,
        "aangekomen": s.aangekomen,
        # back at a place the resident was sent on from before (not the same conversation going on)
        "terug_naar": eerder.nummer if eerder is not None and s.aangekomen != "verheldering" else None,
        "herkomst_ingang": notes.ref(ingang.herkomst),
        "herkomst_regel": notes.ref(s.herkomst) if s.regel else None,
        "knelpunten": knelpunten,
        "kansen": [{"tekst": k["kans"], "herkomst": k["herkomst"]} for k in knelpunten if k["kans"]],
    }


def map_columns(
    j: m.Journey, g: m.Gemeente, schendingen: Sequence[m.Schending], notes: Voetnoten
) -> list[dict[str, Any]]:
    """One column per step in its klantreis phase; a phase the route never takes gets an empty column."""
    phases = phase_columns(j, g)
    phase_names = {s.id: s.naam for s in g.klantreis.stappen}
    order = [x.id for x in g.klantreis.stappen]
    seq: list[tuple[m.Stap | None, str]] = list(zip(j.stappen, phases))
    for ks in order:
        if ks not in phases:
            at = next((n for n, (_, ph) in enumerate(seq) if order.index(ph) > order.index(ks)), len(seq))
            seq.insert(at, (None, ks))
    columns = []
    for s, ph in seq:
        col: dict[str, Any] = {"fase": ph, "fase_naam": phase_names.get(ph, ph), "leeg": s is None}
        if s is not None:
            col.update(step_column(s, j, g, schendingen, notes))
        columns.append(col)
    return columns


def phase_headers(columns: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive columns of the same phase share one header."""
    headers: list[dict[str, Any]] = []
    for n, col in enumerate(columns):
        if headers and headers[-1]["fase"] == col["fase"]:
            headers[-1]["span"] += 1
        else:
            headers.append({"fase": col["fase"], "naam": col["fase_naam"], "span": 1, "start": n})
    return headers


def persona_card(persona: m.Persona, sm: m.Sleutelmoment, vraag_id: str, notes: Voetnoten) -> dict[str, Any]:
    """Who travels, and what they think, as the sources put it."""
    n = sm.notitie(persona.id)
    vraag = sm.vraag(vraag_id)
    return {
        "naam": persona.naam,
        "leeftijd": persona.leeftijd,
        "huishouden": persona.huishouden,
        "omschrijving": persona.omschrijving,
        "kanalen": ", ".join(persona.voorkeur_kanalen),
        "digitaal": persona.digitaal,
        "taal": "" if persona.spreekt_nederlands else "spreekt geen of weinig Nederlands",
        "herkomst": notes.ref(persona.herkomst),
        "zo_denken_zij": n.zo_denken_zij if n else "",
        "speel_er_zo_op_in": n.speel_er_zo_op_in if n else "",
        "herkomst_notitie": notes.ref(n.herkomst) if n else None,
        "sleutelmoment": sm.naam,
        "herkomst_sleutelmoment": notes.ref(sm.herkomst),
        "vraag": vraag.omschrijving,
        "levensgebied": vraag.levensgebied,
    }


def loop_arc(columns: Sequence[dict[str, Any]], j: m.Journey, g: m.Gemeente) -> dict[str, Any] | None:
    """The columns a kastje-naar-de-muur loop goes back between on the map, or None without a loop."""
    if not j.lus_stappen:
        return None
    step_col = {c["nummer"]: n for n, c in enumerate(columns) if not c["leeg"]}
    return {
        "van": step_col[j.lus_stappen[-1].nummer],
        "naar": step_col[j.lus_stappen[0].nummer],
        "tekst": " → ".join(g.ingang_naam(x) for x in j.uitkomst.lus),
    }


def map_width(n: int) -> int:
    """Column width: wide enough to read, narrower for long routes so a map fits a 1500 px window."""
    return max(150, min(230, (1400 - 170) // max(n, 1)))


def journey_map(
    j: m.Journey,
    g: m.Gemeente,
    persona: m.Persona,
    sm: m.Sleutelmoment,
    schendingen: list[m.Schending],
    titel: str = "",
    risicos: Sequence[RisicoOpReis] = (),
    andere_routes: Sequence[Any] = (),
) -> dict[str, Any]:
    """``andere_routes``: the other routes the journey can take where rules have kansen (chance.Route)."""
    notes = Voetnoten()
    card = persona_card(persona, sm, j.vraag, notes)
    columns = map_columns(j, g, schendingen, notes)
    lus = loop_arc(columns, j, g)
    vraag = sm.vraag(j.vraag)
    return {
        "titel": titel or f"Klantreis van {persona.naam} in {g.naam}",
        "persona": card,
        "sleutelmoment": {"naam": sm.naam, "herkomst": card["herkomst_sleutelmoment"]},
        "vraag": {"omschrijving": vraag.omschrijving, "soort": vraag.soort, "levensgebied": vraag.levensgebied},
        "gemeente": g.naam,
        "variant": g.variant_naam(),
        "klantreis": g.klantreis.naam,
        "kolommen": columns,
        "koppen": phase_headers(columns),
        "breedte": map_width(len(columns)),
        "pijlen": arrows(columns),
        "lus": lus,
        "uitkomst": {
            "soort": j.uitkomst.soort,
            "naam": UITKOMST_NAAM[j.uitkomst.soort],
            "niveau": j.uitkomst.niveau,
            "reden": j.uitkomst.reden,
        },
        "samenvatting": samenvatting(j),
        "knelpunten_reis": _problems(schendingen, g, notes, None),
        "kosten": kosten_tekst(j.metrieken.kosten, j.metrieken.kosten_onbekend),
        "andere_routes": [
            {
                "kans": f"{round(100 * r.kans)} %",
                "route": " → ".join(g.ingang_naam(x) for x in r.journey.route),
                "uitkomst": UITKOMST_NAAM[r.journey.uitkomst.soort],
                "samenvatting": samenvatting(r.journey),
            }
            for r in andere_routes
        ],
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


HANDOVER_WORD = {"warm": "warm", "lauw": "lauw", "koud": "koud", "verheldering": "zelfde gesprek", "start": "opnieuw"}


def arrows(columns: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """An arrow from each step to the next, by how the resident got there; a return arrow to an earlier place."""
    steps = [(n, c) for n, c in enumerate(columns) if not c["leeg"]]
    at = {c["nummer"]: n for n, c in steps}
    out = []
    for (n1, _), (n2, c2) in zip(steps, steps[1:]):
        soort = c2["aangekomen"] if c2["aangekomen"] in HANDOVER_WORD else "koud"
        out.append({"van": n1, "naar": n2, "soort": soort, "woord": HANDOVER_WORD[soort], "terug": False})
    for n, c in steps:
        if c["terug_naar"] is not None:
            out.append({"van": n, "naar": at[c["terug_naar"]], "soort": "terug", "woord": "terug bij", "terug": True})
    return out


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
    """The Nijmegen Bijlage 2 workshop template, pre-filled from a walk (and a diff for kansen/knelpunten).

    ``verschil``: the diff from another situation to this one (``verschil.na`` is ``j``); what got better is a
    kans, what got worse a knelpunt, both in the column where the two routes part.
    """
    cols: list[dict[str, list[str]]] = [{"stappen": [], "kansen": [], "knelpunten": []} for _ in CANVAS_KOLOMMEN]
    column = {s.nummer: canvas_column(g, ph) for s, ph in zip(j.stappen, phase_columns(j, g))}
    principes = {p.id: p for p in g.principes}
    for s in j.stappen:
        c = column[s.nummer]
        text = f"{s.nummer}. {g.ingang_naam(s.ingang)}: {ACTIE_ZIN.get(s.actie, s.actie)}"
        if s.naar:
            text += f" {g.ingang_naam(s.naar)} ({s.overdracht})"
        cols[c]["stappen"].append(text)
        for x in schendingen:
            if x.stap == s.nummer:
                cols[c]["knelpunten"].append(x.uitleg)
                p = principes.get(x.principe)
                if p is not None and p.omschrijving:
                    cols[c]["kansen"].append(f"{p.naam}: {p.omschrijving}")
    last = column[j.stappen[-1].nummer] if j.stappen else 2
    for x in schendingen:
        if x.stap is None:
            cols[last]["knelpunten"].append(x.uitleg)
    if verschil is not None:
        before = verschil.voor.stappen
        parted = next(
            (
                s
                for k, s in enumerate(j.stappen)
                if k >= len(before) or (before[k].ingang, before[k].aangekomen) != (s.ingang, s.aangekomen)
            ),
            j.stappen[-1] if j.stappen else None,
        )
        where = column[parted.nummer] if parted is not None else last
        for w in verschil.wijzigingen:
            line = change_line(w, g, principes)
            if w.beter:
                cols[where]["kansen"].append(line)
            elif w.beter is False:
                cols[where]["knelpunten"].append(line)
    for col in cols:
        col["knelpunten"] = list(dict.fromkeys(col["knelpunten"]))
        col["kansen"] = list(dict.fromkeys(col["kansen"]))
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
        "vergeleken_met": next((v.naam for v in g.varianten if v.id == verschil.voor.variant), verschil.voor.variant)
        if verschil is not None
        else None,
        "uitkomst": UITKOMST_NAAM[j.uitkomst.soort] + (f" ({j.uitkomst.niveau})" if j.uitkomst.niveau else ""),
        "samenvatting": samenvatting(j),
    }


def change_line(w: Any, g: m.Gemeente, principes: dict[str, m.Principe]) -> str:
    """A change between two journeys for people to read: places and promises by their names."""
    if w.wat in ("route", "lus"):

        def names(x: object) -> str:
            return " → ".join(g.ingang_naam(i) for i in str(x).split(" → ")) if x != "-" else "-"

        return wijziging_tekst(attrs.evolve(w, voor=names(w.voor), na=names(w.na)))
    if w.wat == "principes":

        def promises(x: object) -> str:
            return (
                ", ".join(principes[i].naam if i in principes else i for i in str(x).split(", ")) if x != "-" else "-"
            )

        return wijziging_tekst(attrs.evolve(w, voor=promises(w.voor), na=promises(w.na)))
    if w.wat == "uitkomst":
        return wijziging_tekst(
            attrs.evolve(w, voor=UITKOMST_NAAM.get(str(w.voor), w.voor), na=UITKOMST_NAAM.get(str(w.na), w.na))
        )
    return wijziging_tekst(w)

"""The results of `journeykit simulate` as JSON data and as Dutch text.

Unknown figures are null in JSON and "onbekend" in text, never 0. Numbers are rounded, so that the same seed gives
byte-identical JSON on every machine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from journeykit.errors import getal
from journeykit.render.text import table

if TYPE_CHECKING:
    from journeykit.analysis.capacity import Schatting, Simulatie, SimVergelijking, Verschil

NIVEAU_KOP = {"informeel": "informeel", "algemeen": "algemeen", "maatwerk": "maatwerk", "onbekend": "niveau onbekend"}


def _r(x: float | None, digits: int = 2) -> float | None:
    return None if x is None else round(x, digits)


def schatting_json(s: Schatting, digits: int = 2) -> dict[str, Any]:
    return {
        "waarde": _r(s.waarde, digits),
        "interval_95": None if s.interval is None else [_r(s.interval[0], digits), _r(s.interval[1], digits)],
    }


def _waarde(s: Schatting, digits: int = 2) -> float | None:
    return _r(s.waarde, digits)


def simulatie_json(s: Simulatie) -> dict[str, Any]:
    return {
        "gemeente": s.gemeente,
        "variant": s.variant,
        "dagen": s.dagen,
        "seed": s.seed,
        "herhalingen": s.herhalingen,
        "aankomsten_per_jaar": schatting_json(s.aankomsten, 0),
        "ingangen": [
            {
                "id": i.id,
                "naam": i.naam,
                "medewerkers": i.medewerkers,
                "minuten_per_contact": i.minuten_per_contact,
                "herkomst": i.herkomst.niveau,
                "aankomsten_per_jaar": _waarde(i.aankomsten, 0),
                "bezetting": _waarde(i.bezetting, 4),
                "wacht_minuten": {
                    "gemiddeld": _waarde(i.wacht_gemiddeld),
                    "mediaan": _waarde(i.wacht_mediaan),
                    "p90": _waarde(i.wacht_p90),
                },
                "opgegeven": _waarde(i.opgegeven, 4),
                "interval_95": {
                    "bezetting": schatting_json(i.bezetting, 4)["interval_95"],
                    "wacht_gemiddeld": schatting_json(i.wacht_gemiddeld)["interval_95"],
                    "opgegeven": schatting_json(i.opgegeven, 4)["interval_95"],
                },
                "wachtrij_per_dag": list(i.wachtrij_per_dag),
            }
            for i in s.ingangen
        ],
        "routes": [
            {
                "persona": r.persona,
                "sleutelmoment": r.sleutelmoment,
                "vraag": r.vraag,
                "route": r.route,
                "uitkomst": r.uitkomst,
                "per_jaar": _waarde(r.per_jaar, 1),
                "wacht_minuten": schatting_json(r.wacht_minuten),
                "contacten": _waarde(r.contacten),
                "opgegeven": schatting_json(r.opgegeven, 4),
            }
            for r in s.routes
        ],
        "persona_groepen": [
            {
                "groep": x.groep,
                "per_jaar": _waarde(x.per_jaar, 1),
                "wacht_minuten": schatting_json(x.wacht_minuten),
                "contacten": _waarde(x.contacten),
                "opgegeven": schatting_json(x.opgegeven, 4),
            }
            for x in s.groepen
        ],
        "kosten_per_jaar": {
            **{niveau: schatting_json(k, 0) for niveau, k in s.kosten},
            "totaal_bekend": schatting_json(s.kosten_totaal, 0),
            "contacten_met_onbekende_kosten": _waarde(s.onbekende_kosten, 0),
        },
        "aannames": list(s.aannames),
    }


def komma(x: float | None, digits: int = 1) -> str:
    """A number with a Dutch decimal comma and thousands dots: 1234.5 -> '1.234,5'; None -> 'onbekend'."""
    if x is None:
        return "onbekend"
    if x < 0:
        shown = komma(-x, digits)
        return shown if not shown.strip("0,.") else "-" + shown  # no "-0"
    whole, _, part = f"{x:.{digits}f}".partition(".")
    return getal(int(whole)) + ("," + part if part.strip("0") else "")


def minuten_tekst(x: float | None) -> str:
    """A wait for people to read: minutes, hours or days, whichever reads best."""
    if x is None:
        return "onbekend"
    if x < 90:
        return f"{getal(round(x))} min"
    if x < 36 * 60:
        return f"{komma(x / 60)} uur"
    return f"{komma(x / 1440)} dagen"


def pct(x: float | None) -> str:
    return "onbekend" if x is None else f"{komma(100 * x)} %"


def euro(x: float | None) -> str:
    if x is None:
        return "onbekend"
    return ("-" if round(x) < 0 else "") + f"€ {getal(abs(round(x)))}"


def aantal(x: float | None) -> str:
    return "onbekend" if x is None else getal(round(x))


def signed(fmt: Callable[[float | None], str]) -> Callable[[float | None], str]:
    """A difference: '+' or '-' before the amount; what rounds to nothing has no direction."""

    def show(x: float | None) -> str:
        if x is None:
            return "onbekend"
        shown = fmt(abs(x))
        if shown == fmt(0.0):
            return shown
        return ("+" if x > 0 else "-") + shown

    return show


def oordeel(v: Verschil, lager_is_beter: bool | None = True) -> str:
    """A word for a change: beter or slechter (hoger or lager where neither is better: costs, utilisation);
    "gelijk" when every replication gave the same, "geen duidelijk verschil" when its interval holds 0, "niet te
    zeggen" when either side is unknown."""
    d = v.verschil
    if d.waarde is None:
        return "niet te zeggen"
    if d.waarde == 0 and d.interval in (None, (0.0, 0.0)):
        return "gelijk"
    if d.waarde == 0 or (d.interval is not None and d.interval[0] <= 0 <= d.interval[1]):
        return "geen duidelijk verschil"
    if lager_is_beter is None:
        return "hoger" if d.waarde > 0 else "lager"
    return "beter" if (d.waarde < 0) == lager_is_beter else "slechter"


def _interval(s: Schatting, fmt) -> str:
    return "" if s.interval is None else f" ({fmt(s.interval[0])} tot {fmt(s.interval[1])})"


def simulatie_text(s: Simulatie) -> str:
    lines = [
        f"Simulatie van {s.gemeente}" + (f", situatie {s.variant}" if s.variant else ""),
        f"{s.dagen} dagen, seed {s.seed}, {s.herhalingen} herhaling{'en' if s.herhalingen != 1 else ''}"
        + (" (tussen haakjes het 95 %-interval)" if s.herhalingen > 1 else ""),
        f"Aankomsten per jaar: {getal(round(s.aankomsten.waarde or 0))}",
        "",
        "Per ingang:",
    ]
    rows = [
        (
            i.naam,
            str(i.medewerkers),
            pct(i.bezetting.waarde) + _interval(i.bezetting, pct),
            minuten_tekst(i.wacht_gemiddeld.waarde) + _interval(i.wacht_gemiddeld, minuten_tekst),
            minuten_tekst(i.wacht_mediaan.waarde),
            minuten_tekst(i.wacht_p90.waarde),
            pct(i.opgegeven.waarde),
        )
        for i in s.ingangen
    ]
    lines.append(table(("ingang", "medewerkers", "bezetting", "wacht gemiddeld", "mediaan", "90 %", "haakt af"), rows))
    lines += ["", "Per route (persona, sleutelmoment, route):"]
    routes = [
        (
            f"{r.persona}, {r.sleutelmoment}",
            r.route,
            getal(round(r.per_jaar.waarde or 0)),
            minuten_tekst(r.wacht_minuten.waarde),
            "onbekend" if r.contacten.waarde is None else komma(r.contacten.waarde),
            pct(r.opgegeven.waarde),
        )
        for r in s.routes
    ]
    lines.append(table(("wie", "route", "per jaar", "wacht in totaal", "contacten", "haakt af"), routes))
    lines += ["", "Per groep persona's:"]
    groepen = [
        (
            x.groep,
            aantal(x.per_jaar.waarde),
            minuten_tekst(x.wacht_minuten.waarde),
            komma(x.contacten.waarde),
            pct(x.opgegeven.waarde),
        )
        for x in s.groepen
    ]
    lines.append(table(("groep", "per jaar", "wacht in totaal", "contacten", "haakt af"), groepen))
    lines += ["", "Kosten per jaar, per niveau:"]
    for niveau, k in s.kosten:
        if niveau == "onbekend" and not k.waarde:
            continue
        if k.waarde is None:
            lines.append(f"  {NIVEAU_KOP[niveau]}: onbekend (de data noemt geen kosten van dit niveau)")
        else:
            lines.append(f"  {NIVEAU_KOP[niveau]}: {euro(k.waarde)}{_interval(k, euro)}")
    totaal = euro(s.kosten_totaal.waarde)
    if s.onbekende_kosten.waarde:
        lines.append(
            f"  totaal: minstens {totaal}: van {getal(round(s.onbekende_kosten.waarde))} contacten per jaar zijn de"
            " kosten onbekend"
        )
    else:
        lines.append(f"  totaal: {totaal}")
    lines += ["", "Dit rust op deze aannames:"]
    lines += [f"  - {a}" for a in s.aannames]
    return "\n".join(lines) + "\n"


def _verschil_json(v: Verschil, digits: int = 2) -> dict[str, Any]:
    return {
        "voor": schatting_json(v.voor, digits),
        "na": schatting_json(v.na, digits),
        "verschil": schatting_json(v.verschil, digits),
    }


def vergelijking_json(c: SimVergelijking) -> dict[str, Any]:
    return {
        "voor": simulatie_json(c.voor),
        "na": simulatie_json(c.na),
        "verschillen": {
            "ingangen": [
                {"id": k, "naam": naam, "wacht_minuten": _verschil_json(w), "bezetting": _verschil_json(b, 4)}
                for k, naam, w, b in c.ingangen
            ],
            "kosten_per_jaar": {n: _verschil_json(v, 0) for n, v in c.kosten},
            "kosten_totaal": _verschil_json(c.kosten_totaal, 0),
        },
    }


def vergelijking_text(c: SimVergelijking) -> str:
    voor = c.voor.variant or "voor"
    na = c.na.variant or "na"
    lines = [
        f"Simulatie van {c.voor.gemeente}: {voor} tegenover {na}, op dezelfde inwoners (dezelfde seed)",
        f"{c.voor.dagen} dagen, {c.voor.herhalingen} herhaling{'en' if c.voor.herhalingen != 1 else ''}",
        "",
        "Wachten per ingang (gemiddeld):",
    ]
    rows = [
        (
            naam,
            minuten_tekst(w.voor.waarde),
            minuten_tekst(w.na.waarde),
            signed(minuten_tekst)(w.verschil.waarde),
            pct(b.voor.waarde),
            pct(b.na.waarde),
            oordeel(w),
        )
        for _, naam, w, b in c.ingangen
    ]
    lines.append(
        table(("ingang", f"wacht {voor}", f"wacht {na}", "verschil", f"bezet {voor}", f"bezet {na}", "oordeel"), rows)
    )
    lines += ["", "Kosten per jaar:"]
    for n, v in (*c.kosten, ("totaal", c.kosten_totaal)):
        if n == "onbekend" and not (v.voor.waarde or v.na.waarde):
            continue
        lines.append(
            f"  {NIVEAU_KOP.get(n, n)}: {euro(v.voor.waarde)} → {euro(v.na.waarde)}"
            f" (verschil {euro(v.verschil.waarde)}{_interval(v.verschil, euro)}; {oordeel(v, None)})"
        )
    lines += ["", "Dit rust op deze aannames:"]
    lines += [f"  - {a}" for a in dict.fromkeys((*c.voor.aannames, *c.na.aannames))]
    return "\n".join(lines) + "\n"

"""The simulation report as a view for ``templates/simulation.html``: every figure as Dutch text, with its 95 %
interval where there are replications, "onbekend" where nothing was observed (never 0), and the charts.

The charts are SVG made by ``charts``; each is followed in the report by a table with the same facts. Text from
the data stays plain text here: the template escapes it, the charts escape it themselves.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from journeykit.errors import getal
from journeykit.render import charts
from journeykit.render.simulation import NIVEAU_KOP, aantal, euro, komma, minuten_tekst, oordeel, pct, signed
from journeykit.render.templating import NIVEAU_NAAM
from journeykit.render.text import UITKOMST_NAAM

if TYPE_CHECKING:
    from journeykit.analysis.capacity import IngangUitslag, Schatting, Simulatie, SimVergelijking, Verschil

PANELEN = 6  # ingangen per queue chart; more make a second chart
PERCENTIELEN = (10, 25, 50, 75, 90, 99)
Fmt = Callable[[float | None], str]


def punten(x: float | None) -> str:
    """A difference of two shares, in percentage points."""
    return "onbekend" if x is None else f"{komma(100 * x)} %-punt"


def cel(s: Schatting, fmt: Fmt, min_0: bool = True) -> dict[str, Any]:
    """A figure for a table cell: its text, and its 95 % interval (or None). A figure that cannot be negative
    (``min_0``: a count, a wait, a share, an amount; not a difference) has an interval from 0 at the lowest."""
    tekst, interval = fmt(s.waarde), None
    if s.interval is not None:
        lo, hi = fmt(max(0.0, s.interval[0]) if min_0 else s.interval[0]), fmt(s.interval[1])
        interval = None if lo == hi == tekst else f"95 %: {lo} tot {hi}"  # all replications gave the same
    return {"tekst": tekst, "interval": interval, "onbekend": s.waarde is None}


def verschil(v: Verschil, fmt: Fmt, verschil_fmt: Fmt, lager_is_beter: bool | None = True) -> dict[str, Any]:
    return {
        "voor": cel(v.voor, fmt),
        "na": cel(v.na, fmt),
        "verschil": cel(v.verschil, verschil_fmt, min_0=False),
        "oordeel": oordeel(v, lager_is_beter),
    }


def _herhalingen(n: int) -> str:
    return f"{n} herhaling" + ("en" if n != 1 else "")


def perioden(dagen: int) -> list[tuple[str, int, int]]:
    """The simulated days in periods for a table: months (the first year), or years beyond a year."""
    if dagen > 365:
        return [(f"jaar {n + 1}", start, min(start + 365, dagen)) for n, start in enumerate(range(0, dagen, 365))]
    out, start = [], 0
    for naam, n in zip(charts.MAANDEN, charts.MAANDDAGEN, strict=True):
        if start < dagen:
            out.append((naam, start, min(start + n, dagen)))
        start += n
    return out


def _dag(dag: int) -> str:
    maand, d = charts.maand_van(dag)
    return f"dag {dag + 1} ({d} {charts.MAANDEN[maand]})"


def _rij_wachtrij(naam: str, per_dag: Sequence[float], dagen: int) -> dict[str, Any]:
    """One row of the table after the queue chart: the mean, the busiest day and the mean per period."""
    drukste = max(range(len(per_dag)), key=lambda d: per_dag[d], default=None)
    return {
        "naam": naam,
        "gemiddeld": komma(statistics.fmean(per_dag) if per_dag else None),
        "drukste": (
            "onbekend"
            if drukste is None
            else "niemand wachtte"
            if per_dag[drukste] == 0
            else f"{komma(per_dag[drukste])} op {_dag(drukste)}"
        ),
        "perioden": [komma(statistics.fmean(per_dag[a:b]) if per_dag[a:b] else None) for _, a, b in perioden(dagen)],
    }


def _samenvatting_wachtrij(rijen: Sequence[dict[str, Any]]) -> str:
    return " ".join(f"{r['naam']}: gemiddeld {r['gemiddeld']} wachtend, het meest {r['drukste']}." for r in rijen)


def _kwantiel(k: Sequence[float], p: int) -> float | None:
    return k[p - 1] if len(k) >= 99 else None


def _rij_wachttijd(naam: str, k: Sequence[float]) -> dict[str, Any]:
    return {"naam": naam, "percentielen": [minuten_tekst(_kwantiel(k, p)) for p in PERCENTIELEN]}


def _samenvatting_wachttijd(naam: str, k: Sequence[float]) -> str:
    if len(k) < 99:
        return f"{naam}: onbekend, niemand is er geholpen."
    return (
        f"{naam}: de helft wacht korter dan {minuten_tekst(_kwantiel(k, 50))},"
        f" 90 % korter dan {minuten_tekst(_kwantiel(k, 90))},"
        f" 99 % korter dan {minuten_tekst(_kwantiel(k, 99))}."
    )


def _grafiek(svg: str, titel: str, uitleg: str) -> dict[str, Any]:
    # charts escapes the title, the description and every label it draws
    return {"svg": Markup(svg), "titel": titel, "uitleg": uitleg}


def _wacht_grafiek(
    rijen: Sequence[tuple[str, int, Sequence[float]]],
    kort: Sequence[str],
    reeksen: Sequence[str],
    dom_id: str,
    titel: str,
    uitleg: str,
) -> dict[str, Any] | None:
    """The spread of the waits, one row per ingang (and situation), named in the chart by ``kort``; None without
    ingangen."""
    if not rijen:
        return None
    uitleg += " " + " ".join(_samenvatting_wachttijd(naam, k) for naam, _, k in rijen)
    getekend = [(naam, n, k) for naam, (_, n, k) in zip(kort, rijen, strict=True)]
    return _grafiek(charts.wachttijden(getekend, reeksen, dom_id, titel, uitleg), titel, uitleg)


def _ingang(i: IngangUitslag) -> dict[str, Any]:
    return {
        "naam": i.naam,
        "medewerkers": getal(i.medewerkers),
        "minuten": komma(i.minuten_per_contact),
        "herkomst": i.herkomst.niveau,
        "herkomst_naam": NIVEAU_NAAM[i.herkomst.niveau],
        "herkomst_tekst": str(i.herkomst),
        "aankomsten": cel(i.aankomsten, aantal),
        "bezetting": cel(i.bezetting, pct),
        "wacht_gemiddeld": cel(i.wacht_gemiddeld, minuten_tekst),
        "wacht_mediaan": cel(i.wacht_mediaan, minuten_tekst),
        "wacht_p90": cel(i.wacht_p90, minuten_tekst),
        "opgegeven": cel(i.opgegeven, pct),
    }


def _routes(s: Simulatie) -> list[dict[str, Any]]:
    return [
        {
            "wie": f"{r.persona}, {r.sleutelmoment}" + (f" ({r.vraag})" if r.vraag != r.sleutelmoment else ""),
            "route": r.route,
            "uitkomst": UITKOMST_NAAM.get(r.uitkomst, r.uitkomst),
            "per_jaar": cel(r.per_jaar, aantal),
            "wacht": cel(r.wacht_minuten, minuten_tekst),
            "contacten": cel(r.contacten, komma),
            "opgegeven": cel(r.opgegeven, pct),
        }
        for r in s.routes
    ]


def _groepen(s: Simulatie) -> list[dict[str, Any]]:
    return [
        {
            "groep": g.groep,
            "per_jaar": cel(g.per_jaar, aantal),
            "wacht": cel(g.wacht_minuten, minuten_tekst),
            "contacten": cel(g.contacten, komma),
            "opgegeven": cel(g.opgegeven, pct),
        }
        for g in s.groepen
    ]


def _kosten_grafiek(reeksen: Sequence[tuple[str, Simulatie]], dom_id: str) -> dict[str, Any]:
    niveaus = [n for n, _ in reeksen[0][1].kosten]
    per_niveau = [(naam, dict(s.kosten)) for naam, s in reeksen]
    waarden = [(naam, [k[n].waarde if n in k else None for n in niveaus]) for naam, k in per_niveau]
    uitleg = "Kosten per jaar per niveau. " + " ".join(
        (f"{naam}: " if len(reeksen) > 1 else "")
        + "; ".join(f"{NIVEAU_KOP.get(n, n)} {euro(x)}" for n, x in zip(niveaus, w, strict=True))
        + f"; totaal {_totaal(s)}."
        for (naam, w), (_, s) in zip(waarden, reeksen, strict=True)
    )
    titel = "Kosten per jaar per niveau"
    svg = charts.kosten([(NIVEAU_KOP.get(n, n), n == "onbekend") for n in niveaus], waarden, dom_id, titel, uitleg)
    return _grafiek(svg, titel, uitleg)


def _totaal(s: Simulatie) -> str:
    """The known costs a year; "minstens" when some contacts' costs are unknown."""
    if s.kosten_totaal.waarde is not None and s.onbekende_kosten.waarde:
        return f"minstens {euro(s.kosten_totaal.waarde)}"
    return euro(s.kosten_totaal.waarde)


def _onbekende_kosten(s: Simulatie) -> str | None:
    n = s.onbekende_kosten.waarde
    if not n:
        return None
    return (
        f"Van {aantal(n)} contacten per jaar zijn de kosten onbekend: het totaal is daarom minstens dit bedrag,"
        " niet precies dit bedrag."
    )


def _situatie(s: Simulatie) -> str:
    return s.variant or "standaard"


def _over(s: Simulatie, gemeente: str) -> dict[str, Any]:
    return {
        "gemeente": gemeente,
        "dagen": getal(s.dagen),
        "seed": str(s.seed),
        "herhalingen": _herhalingen(s.herhalingen),
        "met_interval": s.herhalingen > 1,
        "little": komma(100 * s.little),
    }


def _wachtrij_grafieken(
    ingangen: Sequence[tuple[str, Sequence[tuple[str, Sequence[float]]]]], dagen: int, dom_id: str
) -> list[dict[str, Any]]:
    delen = [ingangen[k : k + PANELEN] for k in range(0, len(ingangen), PANELEN)]
    out = []
    for n, deel in enumerate(delen, 1):
        titel = "Wachtende inwoners per dag" + (f" ({n} van {len(delen)})" if len(delen) > 1 else "")
        rijen = [
            _rij_wachtrij(f"{naam}" + (f" ({reeks})" if reeks else ""), waarden, dagen)
            for naam, reeksen in deel
            for reeks, waarden in reeksen
            if waarden
        ]
        uitleg = f"Het gemiddelde aantal wachtende inwoners per dag, per ingang, over {getal(dagen)} dagen. "
        uitleg += _samenvatting_wachtrij(rijen)
        out.append(_grafiek(charts.wachtrij(deel, dagen, f"{dom_id}-{n}", titel, uitleg), titel, uitleg))
    return out


def simulatie_view(
    s: Simulatie, gemeente_naam: str | None = None, situatie_naam: str | None = None, dom_id: str = "sim"
) -> dict[str, Any]:
    """The report of one simulated situation; the gemeente and situation by their names where given, else by id."""
    naam = gemeente_naam or s.gemeente
    situatie = situatie_naam or _situatie(s)
    return {
        "vergelijking": False,
        "titel": f"Capaciteit en wachttijden: {naam}, situatie {situatie}",
        "situatie": situatie,
        "over": _over(s, naam),
        "aankomsten": [{"label": None, "cel": cel(s.aankomsten, aantal)}],
        "ingangen": [_ingang(i) for i in s.ingangen],
        "wachtrij_grafieken": _wachtrij_grafieken(
            [(i.naam, [("", i.wachtrij_per_dag)]) for i in s.ingangen], s.dagen, f"{dom_id}-wachtrij"
        ),
        "perioden": [p for p, _, _ in perioden(s.dagen)],
        "wachtrij_rijen": [_rij_wachtrij(i.naam, i.wachtrij_per_dag, s.dagen) for i in s.ingangen],
        "wacht_grafiek": _wacht_grafiek(
            [(i.naam, 0, i.wacht_kwantielen) for i in s.ingangen],
            [charts.label(i.naam) for i in s.ingangen],
            [""],
            f"{dom_id}-wacht",
            "Hoe lang inwoners wachten, per ingang",
            "De spreiding van de wachttijd per ingang, uit de eerste herhaling.",
        ),
        "percentielen": [f"{p} %" if p != 50 else "mediaan" for p in PERCENTIELEN],
        "wacht_rijen": [_rij_wachttijd(i.naam, i.wacht_kwantielen) for i in s.ingangen],
        "routes": _routes(s),
        "groepen": _groepen(s),
        "kosten_grafiek": _kosten_grafiek([("", s)], f"{dom_id}-kosten"),
        "kosten": [{"niveau": NIVEAU_KOP.get(n, n), "cel": cel(k, euro)} for n, k in s.kosten],
        "kosten_totaal": {**cel(s.kosten_totaal, euro), "tekst": _totaal(s)},
        "onbekende_kosten": _onbekende_kosten(s),
        "aannames": list(s.aannames),
    }


def _aankomsten(c: SimVergelijking, voor: str, na: str) -> list[dict[str, Any]]:
    """Residents a year in both situations: the same residents arrive in both, unless the change changed who."""
    cellen = [cel(c.voor.aankomsten, aantal), cel(c.na.aankomsten, aantal)]
    if cellen[0] == cellen[1]:
        return [{"label": "in beide situaties", "cel": cellen[0]}]
    return [{"label": voor, "cel": cellen[0]}, {"label": na, "cel": cellen[1]}]


def vergelijking_view(c: SimVergelijking, gemeente_naam: str | None = None, dom_id: str = "sim") -> dict[str, Any]:
    """The report of two situations simulated on the same residents, side by side with the differences."""
    from journeykit.analysis.capacity import Schatting

    naam = gemeente_naam or c.voor.gemeente
    voor, na = _situatie(c.voor), _situatie(c.na)
    if voor == na:
        voor, na = f"{voor} (voor)", f"{na} (na)"
    by_id = [{i.id: i for i in s.ingangen} for s in (c.voor, c.na)]
    ingangen = []
    for k, ingang_naam, wacht, bezet in c.ingangen:
        iv, ina = by_id[0].get(k), by_id[1].get(k)
        ingangen.append(
            {
                "naam": ingang_naam,
                "medewerkers": [getal(i.medewerkers) if i else "niet in deze situatie" for i in (iv, ina)],
                "herkomst": [NIVEAU_NAAM[i.herkomst.niveau] if i else "" for i in (iv, ina)],
                "wacht": verschil(wacht, minuten_tekst, signed(minuten_tekst)),
                "bezetting": verschil(bezet, pct, punten, None),
                "opgegeven": [cel(i.opgegeven if i else Schatting(None), pct) for i in (iv, ina)],
            }
        )
    # Each situation keeps its own colour and line: an ingang in one situation only has an empty series in the
    # other, and no row in the tables.
    panelen = []
    wachtrij_rijen = []
    wacht_rijen: list[tuple[str, int, Sequence[float]]] = []
    kort: list[str] = []  # the rows' names in the chart: both the ingang and the situation must fit
    for k, ingang_naam, _, _ in c.ingangen:
        er = [(n, s, by_id[n][k]) for n, s in enumerate((voor, na)) if k in by_id[n]]
        panelen.append(
            (
                ingang_naam,
                [(s, by_id[n][k].wachtrij_per_dag if k in by_id[n] else ()) for n, s in enumerate((voor, na))],
            )
        )
        wachtrij_rijen += [_rij_wachtrij(f"{ingang_naam} ({s})", i.wachtrij_per_dag, c.voor.dagen) for _, s, i in er]
        wacht_rijen += [(f"{ingang_naam} ({s})", n, i.wacht_kwantielen) for n, s, i in er]
        kort += [f"{charts.label(ingang_naam, 26)} ({charts.label(s, 24)})" for _, s, _ in er]
    kosten = [
        {"niveau": NIVEAU_KOP.get(n, n), **verschil(v, euro, signed(euro))}
        for n, v in c.kosten
        if n != "onbekend" or v.voor.waarde or v.na.waarde
    ]
    return {
        "vergelijking": True,
        "titel": f"Capaciteit en wachttijden: {naam}, {voor} tegenover {na}",
        "voor": voor,
        "na": na,
        "over": {**_over(c.voor, naam), "little": komma(100 * max(c.voor.little, c.na.little))},
        "aankomsten": _aankomsten(c, voor, na),
        "ingangen": ingangen,
        "wachtrij_grafieken": _wachtrij_grafieken(panelen, c.voor.dagen, f"{dom_id}-wachtrij"),
        "perioden": [p for p, _, _ in perioden(c.voor.dagen)],
        "wachtrij_rijen": wachtrij_rijen,
        "wacht_grafiek": _wacht_grafiek(
            wacht_rijen,
            kort,
            [voor, na],
            f"{dom_id}-wacht",
            "Hoe lang inwoners wachten, per ingang, vóór en na",
            "De spreiding van de wachttijd per ingang in beide situaties, uit de eerste herhaling.",
        ),
        "percentielen": [f"{p} %" if p != 50 else "mediaan" for p in PERCENTIELEN],
        "wacht_rijen": [_rij_wachttijd(r, k) for r, _, k in wacht_rijen],
        "routes": [(voor, _routes(c.voor)), (na, _routes(c.na))],
        "kosten_grafiek": _kosten_grafiek([(voor, c.voor), (na, c.na)], f"{dom_id}-kosten"),
        "kosten": kosten,
        "kosten_totaal": {
            **verschil(c.kosten_totaal, euro, signed(euro)),
            "teksten": [_totaal(c.voor), _totaal(c.na)],
        },
        "onbekende_kosten": [(voor, _onbekende_kosten(c.voor)), (na, _onbekende_kosten(c.na))],
        "aannames": list(dict.fromkeys((*c.voor.aannames, *c.na.aannames))),
    }

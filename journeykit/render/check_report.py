"""The results of `check` and `bronnen` as JSON data (``*_json``) and as Dutch text (``*_text``).

The JSON of check is pinned by tests/test_golden.py: a key or an order that changes here changes what scripts
and CI jobs read. The text is raw; the CLI makes it terminal-safe when it prints it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from journeykit import model as m
from journeykit.errors import getal, kort
from journeykit.model import as_dict
from journeykit.render.reports import huishouden_json, plugin_fouten_json
from journeykit.render.text import block, dagen_tekst, table, uitkomst_kort

if TYPE_CHECKING:
    from journeykit.analysis.bronnen import Bronnencontrole
    from journeykit.analysis.checks import Getoetst
    from journeykit.analysis.coverage import Gat
    from journeykit.analysis.shares import GemetenAandeel, Telling
    from journeykit.catalog import Catalog

Principes = dict[tuple[str, str], list[str]]  # (gemeente, principe) -> ids of the journeys


# --- check -----------------------------------------------------------------------------------------


def principes(results: Sequence[Getoetst]) -> tuple[Principes, Principes]:
    """The journeys that break each principle, and those whose check of it could not run (a plugin failed)."""
    broken: Principes = {}
    unchecked: Principes = {}
    for r in results:
        for p, niet_getoetst in sorted({(s.principe, s.niet_getoetst) for s in r.schendingen}):
            into = unchecked if niet_getoetst else broken
            into.setdefault((r.journey.gemeente, p), []).append(r.reis.id)
    return broken, unchecked


def check_ok(results: Sequence[Getoetst], cat: Catalog, aandelen: Sequence[GemetenAandeel] = ()) -> bool:
    """Every journey meets its expectations, every share the sources give holds, and every plugin worked (a failed
    plugin may have hidden a problem)."""
    return all(r.ok for r in results) and all(a.in_orde for a in aandelen) and not cat.plugin_errors


def _aandeel_json(a: GemetenAandeel) -> dict[str, Any]:
    def telling(t: Telling | None) -> dict[str, Any] | None:
        return (
            None if t is None else {"variant": t.variant, "gevallen": t.gevallen, "tellen_mee": round(t.tellen_mee, 6)}
        )

    return {
        "gemeente": a.aandeel.gemeente,
        "id": a.aandeel.id,
        "naam": a.aandeel.naam,
        "waarde": a.waarde,
        "minimaal": a.aandeel.minimaal,
        "maximaal": a.aandeel.maximaal,
        "telling": telling(a.telling),
        "ten_opzichte_van": telling(a.basis),
        "binnen_grenzen": a.ok,
        "afwijking": a.aandeel.afwijking,
        "ok": a.in_orde,
        "oordeel": a.oordeel,
        "herkomst": as_dict(a.aandeel.herkomst),
    }


def _aandeel_lines(aandelen: Sequence[GemetenAandeel]) -> list[str]:
    if not aandelen:
        return []
    lines = ["", "Aandelen die de bronnen noemen, in het model:"]
    for a in aandelen:
        x, t = a.aandeel, a.telling
        grens = " en ".join(
            f"{woord} {_getal(v)}"
            for woord, v in (("minstens", x.minimaal), ("hoogstens", x.maximaal))
            if v is not None
        )
        wat = f"{_aantal(t.tellen_mee)} van {t.gevallen} gevallen in {t.variant}"
        if a.basis is not None:
            wat += f", tegen {_aantal(a.basis.tellen_mee)} van {a.basis.gevallen} in {a.basis.variant}"
        waarde = "onbekend" if a.waarde is None else _getal(a.waarde)
        lines.append(f"  {x.gemeente} · {x.naam}: {waarde} ({wat}); de bron: {grens} — {a.oordeel}")
    return lines


def _getal(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")


def _aantal(x: float) -> str:
    """A number of cases: whole, or with one decimal where kansen count part of a case."""
    return str(round(x)) if abs(x - round(x)) < 0.05 else f"{x:.1f}".replace(".", ",")


def check_json(
    results: Sequence[Getoetst], gaten: list[Gat] | None, cat: Catalog, aandelen: Sequence[GemetenAandeel] = ()
) -> dict[str, Any]:
    broken, unchecked = principes(results)
    return {
        "reizen": [
            {
                "id": r.reis.id,
                "ok": r.ok,
                "mislukt": list(r.mislukt),
                "gemeente": r.journey.gemeente,
                "variant": r.journey.variant,
                "uitkomst": as_dict(r.journey.uitkomst),
                "metrieken": as_dict(r.journey.metrieken),
                "schendingen": [as_dict(s) for s in r.schendingen],
                # a household case (`vragen`): every question's journey; uitkomst and metrieken above are the first's
                "huishouden": None
                if r.huishouden is None
                else {
                    **huishouden_json(r.huishouden),
                    "reizen": [
                        {"vraag": j.vraag, "uitkomst": as_dict(j.uitkomst), "metrieken": as_dict(j.metrieken)}
                        for j in r.huishouden.reizen
                    ],
                },
            }
            for r in results
        ],
        "principes": [{"gemeente": g, "principe": p, "reizen": ids} for (g, p), ids in sorted(broken.items())],
        "niet_getoetst": [{"gemeente": g, "principe": p, "reizen": ids} for (g, p), ids in sorted(unchecked.items())],
        "dekking": None if gaten is None else [as_dict(x) for x in gaten],
        "waarschuwingen": [f.as_dict() for f in cat.waarschuwingen],
        "plugin_fouten": plugin_fouten_json(cat),
        "aandelen": [_aandeel_json(a) for a in aandelen],
        "ok": check_ok(results, cat, aandelen),
    }


CHECK_COLUMNS = (
    "reis",
    "gemeente/variant",
    "contacten",
    "warm",
    "lauw",
    "koud",
    "opnieuw verteld",
    "dagen",
    "uitkomst",
    "lus",
    "verwachting",
)


def _check_rows(r: Getoetst) -> list[tuple[object, ...]]:
    """One row per journey: a household case has one per question, named 'case · question'."""
    if r.huishouden is None:
        return [_check_row(r.reis.id, r.journey, r.ok)]
    return [_check_row(f"{r.reis.id} · {j.vraag}", j, r.ok) for j in r.huishouden.reizen]


def _check_row(naam: str, j: m.Journey, ok: bool) -> tuple[object, ...]:
    mt, u = j.metrieken, j.uitkomst
    return (
        naam,
        f"{j.gemeente}/{j.variant}",
        mt.contacten_inwoner,
        mt.warme_overdrachten,
        mt.lauwe_overdrachten,
        mt.koude_verwijzingen,
        mt.herhalingen,
        dagen_tekst(mt.dagen, mt.dagen_onbekend),
        uitkomst_kort(u),
        " → ".join(u.lus) if u.lus else "-",
        "ok" if ok else "MISLUKT",
    )


def _principe_lines(title: str, found: Principes, cat: Catalog) -> list[str]:
    if not found:
        return []
    lines = ["", title]
    for (g, p), ids in sorted(found.items()):
        lines.append(f"  {g} · {cat.principe_naam(g, p)} ({len(ids)}): {', '.join(ids)}")
    return lines


def _gaten_lines(gaten: list[Gat] | None) -> list[str]:
    if gaten is None:
        return []
    lines = ["", "Dekking (reiscasussen en een sweep met gegenereerde persona's):"]
    if not gaten:
        lines.append("  Elke ingang wordt bereikt en elke regel vuurt.")
    for x in gaten:
        wat = "ingang nooit bereikt" if x.soort == "ingang" else "regel vuurt nooit"
        lines.append(f"  {x.gemeente}/{x.variant}: {wat}: {x.id}: {x.reden}")
    return lines


def check_text(
    results: Sequence[Getoetst], gaten: list[Gat] | None, cat: Catalog, aandelen: Sequence[GemetenAandeel] = ()
) -> str:
    failed = [r for r in results if not r.ok]
    broken, unchecked = principes(results)
    lines = []
    if failed:
        lines += ["", "Niet gehaalde verwachtingen:"]
        for r in failed:
            where = f"{r.reis.plaats}" if r.reis.plaats else r.reis.id
            lines += [f"  {where}: reis '{r.reis.id}': {msg}" for msg in r.mislukt]
    lines += _principe_lines("Principes en de reizen die ze schenden:", broken, cat)
    lines += _principe_lines(
        "Principes die niet getoetst konden worden (de toets van een plugin faalde):", unchecked, cat
    )
    lines += _gaten_lines(gaten)
    lines += _aandeel_lines(aandelen)
    if cat.waarschuwingen:
        lines += ["", "Waarschuwingen bij de data (toegestaan, maar waarschijnlijk niet bedoeld):"]
        lines += [f"  {w}" for w in cat.waarschuwingen]
    lines += ["", f"{len(results) - len(failed)} van de {len(results)} reizen halen hun verwachtingen."]
    if aandelen:
        lines.append(
            f"{sum(a.ok for a in aandelen)} van de {len(aandelen)} aandelen liggen binnen wat de bronnen zeggen."
        )
        bekend = sum(a.in_orde and not a.ok and a.te_toetsen for a in aandelen)
        leeg = sum(not a.te_toetsen for a in aandelen)
        if leeg:
            lines.append(f"{leeg} niet te toetsen: de geladen data geeft er geen gevallen voor.")
        if bekend:
            lines.append(
                f"{bekend} {'wijkt' if bekend == 1 else 'wijken'} bekend af: het model is daar anders dan de bron,"
                " en de data zegt waarom."
            )
    if cat.plugin_errors:
        lines.append(
            "Niet alles kon getoetst worden: een plugin faalde (zie de waarschuwingen). Dat telt als niet in orde."
        )
    return table(CHECK_COLUMNS, [row for r in results for row in _check_rows(r)]) + block(lines)


# --- bronnen ---------------------------------------------------------------------------------------


def bronnen_json(c: Bronnencontrole) -> dict[str, Any]:
    return {
        "bronnen": c.map,
        "citaten": c.citaten,
        "gevonden": c.citaten - len(c.missers),
        "zonder_citaat": c.zonder_citaat,
        "ok": c.ok,
        "missers": [
            {
                "bestand": x.plaats.bestand if x.plaats else None,
                "regel": x.plaats.regel if x.plaats else None,
                "onderdeel": x.onderdeel,
                "bron": x.bron,
                "citaat": x.citaat,
                "reden": x.reden,
            }
            for x in c.missers
        ],
    }


def bronnen_text(c: Bronnencontrole) -> str:
    lines = [f'{x.plaats or "(plugin)"}: {x.onderdeel}: citaat {x.reden}: "{kort(x.citaat, 120)}"' for x in c.missers]
    if c.missers:
        lines.append("")
    lines.append(
        f"{getal(c.citaten)} citaten gecontroleerd tegen {c.map}: {getal(c.citaten - len(c.missers))} gevonden, "
        f"{getal(len(c.missers))} niet. ({getal(c.zonder_citaat)} bronverwijzingen zonder citaat.)"
    )
    return block(lines)

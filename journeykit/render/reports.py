"""The results of the CLI's commands as JSON data (``*_json``) and as Dutch text for a terminal (``*_text``).

For list, walk, check and bronnen; compare, loops and diff are in `analyses`. The JSON of check is pinned
by tests/test_golden.py: a key or an order that changes here changes what scripts and CI jobs read. The
text is raw; the CLI makes it terminal-safe when it prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from journeykit import model as m
from journeykit.errors import getal, kort
from journeykit.model import as_dict
from journeykit.render.templating import NIVEAU_NAAM
from journeykit.render.text import actie_kort, block, dagen_tekst, meervoud, table, uitkomst_kort

if TYPE_CHECKING:
    from journeykit.analysis.bronnen import Bronnencontrole
    from journeykit.analysis.chance import Verdeling
    from journeykit.analysis.checks import Getoetst
    from journeykit.analysis.coverage import Gat
    from journeykit.analysis.household import Huishouden
    from journeykit.analysis.shares import GemetenAandeel, Telling
    from journeykit.catalog import Catalog

Principes = dict[tuple[str, str], list[str]]  # (gemeente, principe) -> ids of the journeys


def plugin_fouten_json(cat: Catalog) -> list[dict[str, str]]:
    return [{"plugin": f.plugin, "reden": f.reden} for f in cat.plugin_errors]


# --- walk ------------------------------------------------------------------------------------------


def walk_json(j: m.Journey, schendingen: Sequence[m.Schending]) -> dict[str, Any]:
    return {
        **as_dict(j),
        "schendingen": [as_dict(s) for s in schendingen],
        # what the route rests on: the weakest evidence of its steps, and the rules that rest on an assumption
        "herkomst": {"niveau": j.niveau, "aannames": list(j.aannames)},
    }


def verdeling_json(v: Verdeling, g: m.Gemeente) -> dict[str, Any]:
    from journeykit.analysis.chance import gevoeligheid

    def kansen(x: Verdeling) -> dict[str, float | None]:
        return {
            "kans_opgelost": x.kans_opgelost,
            "kans_kastje_naar_de_muur": x.kans_kastje_naar_de_muur,
            "kans_afgehaakt": x.kans_afgehaakt,
            "verwacht_contacten": x.verwacht("contacten_inwoner"),
            "verwacht_koude_verwijzingen": x.verwacht("koude_verwijzingen"),
        }

    return {
        "routes": [
            {
                "kans": r.kans,
                "route": list(r.journey.route),
                "uitkomst": as_dict(r.journey.uitkomst),
                # the route, its kansen included: the weakest evidence, and the rules that rest on an assumption
                "herkomst": {"niveau": r.journey.niveau, "aannames": list(r.journey.aannames)},
            }
            for r in v.routes
        ],
        "kans_opgelost": v.kans_opgelost,
        "kans_kastje_naar_de_muur": v.kans_kastje_naar_de_muur,
        "kans_afgehaakt": v.kans_afgehaakt,
        "verwacht": {
            "contacten": v.verwacht("contacten_inwoner"),
            "koude_verwijzingen": v.verwacht("koude_verwijzingen"),
            "herhalingen": v.verwacht("herhalingen"),
            "dagen": v.verwacht("dagen", "dagen_onbekend"),
            "kosten": v.verwacht("kosten", "kosten_onbekend"),
        },
        "steekproef": v.steekproef,
        # where a kans has a range (bereik): the likelihoods with it at the lower and the upper end
        "gevoeligheid": [
            {
                "regel": x.regel,
                "tak": x.tak,
                "bereik": list(x.bereik),
                "laag": kansen(x.bij[0]),
                "hoog": kansen(x.bij[1]),
            }
            for x in (gevoeligheid(v, g) if not v.steekproef else [])
        ],
    }


def verdeling_text(v: Verdeling, g: m.Gemeente) -> str:
    """The routes a journey can take by chance; empty when there is only one."""
    if len(v.routes) < 2:
        return ""

    def pct(x: float) -> str:
        return f"{round(100 * x)} %"

    hoe = f"een steekproef van {getal(v.steekproef)} reizen" if v.steekproef else "precies uitgerekend"
    lines = [
        "",
        f"Waar regels een kans hebben, kan deze reis {len(v.routes)} kanten op ({hoe}); hierboven de meest"
        " waarschijnlijke:",
    ]
    shown = v.routes[:5]
    plain = [" → ".join(g.ingang_naam(x) for x in r.journey.route) for r in shown]
    for r, route in zip(shown, plain, strict=True):
        if plain.count(route) > 1:  # the same places, handed over differently (warm, lauw, koud)
            route = " → ".join(
                g.ingang_naam(s.ingang) + (f" ({s.aangekomen})" if n and s.aangekomen != "warm" else "")
                for n, s in enumerate(r.journey.stappen)
            )
        rust = NIVEAU_NAAM[r.journey.niveau]
        lines.append(f"  {pct(r.kans):>5}  {route}: {uitkomst_kort(r.journey.uitkomst)} (rust op: {rust})")
    if len(v.routes) > 5:
        lines.append(f"  en {len(v.routes) - 5} andere routes")

    def een_decimaal(metric: str) -> str:
        return f"{v.verwacht(metric):.1f}".replace(".", ",")

    lines.append(
        f"Kans op opgelost {pct(v.kans_opgelost)}, van het kastje naar de muur {pct(v.kans_kastje_naar_de_muur)},"
        f" afgehaakt {pct(v.kans_afgehaakt)}. Verwacht: {een_decimaal('contacten_inwoner')} contacten,"
        f" {een_decimaal('koude_verwijzingen')} koude verwijzingen."
    )
    lines += _gevoeligheid_lines(v, g, pct)
    return "\n".join(lines) + "\n"


def _gevoeligheid_lines(v: Verdeling, g: m.Gemeente, pct: Callable[[float], str]) -> list[str]:
    from journeykit.analysis.chance import gevoeligheid

    found = gevoeligheid(v, g) if not v.steekproef else []
    if not found:
        return []
    lines = ["Niemand weet die kansen precies; met elke kans aan de randen van haar bereik:"]
    for x in found:
        lo, hi = x.bij
        tak = next(r for r in g.regels if r.id == x.regel).dan.kansen[x.tak].dan
        wat = actie_kort(tak, g)
        pairs = [
            (woord, pct(getattr(lo, naam)), pct(getattr(hi, naam)))
            for woord, naam in (
                ("opgelost", "kans_opgelost"),
                ("kastje naar de muur", "kans_kastje_naar_de_muur"),
                ("afgehaakt", "kans_afgehaakt"),
            )
        ]
        moved = [f"{woord} {a} tot {b}" for woord, a, b in pairs if a != b] or [
            "de kansen op de uitkomsten blijven gelijk"
        ]
        contacten = [f"{y.verwacht('contacten_inwoner'):.1f}".replace(".", ",") for y in (lo, hi)]
        lines.append(
            f"  regel {x.regel} ({wat}) {pct(x.bereik[0])} tot {pct(x.bereik[1])}: {', '.join(moved)};"
            f" verwacht {contacten[0]} tot {contacten[1]} contacten"
        )
    return lines


def household_json(h: Huishouden, schendingen: Sequence[Sequence[m.Schending]]) -> dict[str, Any]:
    return {
        "gemeente": h.gemeente,
        "variant": h.variant,
        "persona": h.persona,
        "sleutelmoment": h.sleutelmoment,
        "reizen": [walk_json(j, s) for j, s in zip(h.reizen, schendingen)],
        "huishouden": _huishouden_json(h),
    }


def _huishouden_json(h: Huishouden) -> dict[str, Any]:
    return {
        "vragen": list(h.volgorde),
        "professionals": h.professionals,
        "organisaties": h.organisaties,
        "verteld": h.verteld,
        "regisseur": h.regisseur,
        "regie_in_de_data": h.regie_in_de_data,
        "dagen": h.dagen,
        "schendingen": [as_dict(s) for s in h.schendingen],
    }


def household_text(h: Huishouden, walks: Sequence[str], g: m.Gemeente) -> str:
    """Each question's walk (``walks``, as `walk` prints them), then the household in all."""
    lines: list[str] = []
    for n, (vid, text) in enumerate(zip(h.volgorde, walks), 1):
        lines += [f"=== Vraag {n} van {len(walks)}: {vid} ===", text.rstrip("\n"), ""]
    regisseur = (
        g.ingang_naam(h.regisseur)
        if h.regisseur
        else "geen: niemand neemt de regie over alle vragen"
        if h.regie_in_de_data
        else f"onbekend: de data van {g.naam} noemt geen plek die de regie neemt (regie: true)"
    )
    dagen = "onbekend" if h.dagen is None else meervoud(h.dagen, "dag", "dagen")
    lines += [
        f"Het huishouden, {len(walks)} vragen ({', '.join(h.volgorde)}):",
        f"  {meervoud(h.professionals, 'plek', 'plekken')} met een professional, "
        f"{meervoud(h.organisaties, 'organisatie', 'organisaties')}",
        f"  het verhaal {h.verteld} keer verteld",
        f"  regisseur: {regisseur}",
        f"  langste wachttijd (de vragen lopen naast elkaar): {dagen}",
    ]
    if g.eerst:
        lines.append(f"  eerst aan de beurt in {g.naam}: {', '.join(g.eerst)}")
    for s in h.schendingen:
        lines.append(
            f"  GESCHONDEN: {next((p.naam for p in g.principes if p.id == s.principe), s.principe)}: {s.uitleg}"
        )
    return "\n".join(lines) + "\n"


# --- list ------------------------------------------------------------------------------------------

# The columns `list` shows per kind; lists in a cell are joined with commas.
LIST_COLUMNS = {
    "gemeenten": ("id", "naam", "varianten", "plugin"),
    "personas": ("id", "naam", "leeftijd", "groep"),
    "sleutelmomenten": ("id", "naam", "vragen"),
    "ingangen": ("id", "naam", "soort", "kanalen"),
}


def list_rows(cat: Catalog, wat: str, gemeente: str | None = None, variant: str | None = None) -> list[dict]:
    """One row per gemeente, persona, sleutelmoment or (of ``gemeente``) ingang."""
    if wat == "gemeenten":
        return [
            {
                "id": g.id,
                "naam": g.naam,
                "varianten": [v.id for v in cat.varianten(g.id)],
                "standaard_variant": g.standaard_variant,
                "plugin": cat.plugin_van[g.id],
                "ingangen": len(g.ingangen),
                "regels": len(g.regels),
                "herkomst": as_dict(g.herkomst),
            }
            for g in sorted(cat.gemeenten.values(), key=lambda g: g.id)
        ]
    if wat == "personas":
        return [
            {"id": p.id, "naam": p.naam, "leeftijd": p.leeftijd, "groep": p.groep, "herkomst": as_dict(p.herkomst)}
            for p in sorted(cat.personas.values(), key=lambda p: p.id)
        ]
    if wat == "sleutelmomenten":
        return [
            {"id": s.id, "naam": s.naam, "vragen": [v.id for v in s.vragen], "herkomst": as_dict(s.herkomst)}
            for s in sorted(cat.sleutelmomenten.values(), key=lambda s: s.id)
        ]
    return [
        {
            "id": i.id,
            "naam": i.naam,
            "soort": i.soort,
            "kanalen": list(i.kanalen),
            "eerste_contact": i.eerste_contact,
            "herkomst": as_dict(i.herkomst),
        }
        for i in cat.gemeente(gemeente or "", variant).ingangen
    ]


def list_json(wat: str, rows: list[dict], cat: Catalog) -> dict[str, Any]:
    return {wat: rows, "plugin_fouten": plugin_fouten_json(cat)}


def list_text(wat: str, rows: list[dict]) -> str:
    headers = LIST_COLUMNS[wat]
    cells = [tuple(", ".join(r[h]) if isinstance(r[h], list) else r[h] for h in headers) for r in rows]
    return table(headers, cells)


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
                    **_huishouden_json(r.huishouden),
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

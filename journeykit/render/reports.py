"""The results of the CLI's commands as JSON data (``*_json``) and as Dutch text for a terminal (``*_text``).

For list and walk; check and bronnen are in `check_report`, compare and loops in `analyses`, diff in `diffs`.
The text is raw; the CLI makes it terminal-safe when it prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from journeykit import model as m
from journeykit.errors import getal
from journeykit.model import as_dict
from journeykit.render.templating import NIVEAU_NAAM
from journeykit.render.text import actie_kort, meervoud, table, uitkomst_kort

if TYPE_CHECKING:
    from journeykit.analysis.chance import Verdeling
    from journeykit.analysis.household import Huishouden
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
        "huishouden": huishouden_json(h),
    }


def huishouden_json(h: Huishouden) -> dict[str, Any]:
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

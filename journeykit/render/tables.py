"""The matrix, compare and diff results as plain tables (Dutch column headers, one row per journey or case),
for a spreadsheet (``render.spreadsheets`` writes them as CSV and XLSX).

Cells show names, not ids; the ids follow in the last columns. A figure nobody knows is "onbekend", never 0;
one only partly known is its lower bound ("≥ 3"), as everywhere in journeykit. Likelihoods are fractions
(0.25), for a column of kind ``procent``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from journeykit import model as m
from journeykit.render.templating import NIVEAU_NAAM
from journeykit.render.text import dagen_tekst, kosten_tekst, uitkomst_kort

if TYPE_CHECKING:
    from journeykit.analysis.compare import Vergelijking
    from journeykit.analysis.diff import GevalVerschil, Kansen
    from journeykit.catalog import Catalog

Cel = str | int | float | None
SOORTEN = ("tekst", "getal", "procent", "euro")
# A combination the matrix cannot walk: said in the outcome column, the figures stay empty.
KAN_NIET = "kan niet (het sleutelmoment is niet voor deze persona, of de klantreis niet voor deze vraag)"


@attrs.frozen
class Kolom:
    kop: str
    soort: str = "tekst"  # one of SOORTEN: how a spreadsheet shows and formats the column's numbers


@attrs.frozen
class Tabel:
    titel: str  # what the table shows (the workbook's title)
    blad: str  # the name of its sheet: at most 31 characters, none of []:*?/\
    kolommen: tuple[Kolom, ...]
    rijen: tuple[tuple[Cel, ...], ...]


def _tabel(titel: str, blad: str, kolommen: Sequence[tuple[str, str]], rijen: Sequence[Sequence[Cel]]) -> Tabel:
    cols = tuple(Kolom(kop, soort) for kop, soort in kolommen)
    assert all(c.soort in SOORTEN for c in cols) and all(len(r) == len(cols) for r in rijen)
    return Tabel(titel, blad, cols, tuple(tuple(r) for r in rijen))


def _ja(x: object) -> str:
    return "ja" if x else "nee"


def _dagen(mt: m.Metrieken) -> Cel:
    """Days as a number when known; 'onbekend' or '≥ n' (text) when not."""
    return mt.dagen if not mt.dagen_onbekend else dagen_tekst(mt.dagen, mt.dagen_onbekend)


def _kosten(mt: m.Metrieken) -> Cel:
    """Costs in euro as a number when known; 'onbekend' or '≥ € n' (text) when not."""
    return mt.kosten if not mt.kosten_onbekend else kosten_tekst(mt.kosten, mt.kosten_onbekend)


def _route(g: m.Gemeente, j: m.Journey) -> str:
    return " → ".join(g.ingang_naam(x) for x in j.route)


def _principes(g: m.Gemeente, ids: Sequence[str]) -> str:
    names = {p.id: p.naam for p in g.principes}
    return "; ".join(names.get(x, x) for x in sorted(set(ids)))


# The figures of one walked route, in the order the tables show them.
_FIGURES = (
    ("contacten", "getal"),
    ("warme overdrachten", "getal"),
    ("lauwe overdrachten", "getal"),
    ("koude verwijzingen", "getal"),
    ("keer opnieuw verteld", "getal"),
    ("wachttijd (dagen)", "getal"),
    ("organisaties", "getal"),
    ("kosten (€)", "euro"),
)


def _figures(mt: m.Metrieken) -> tuple[Cel, ...]:
    return (
        mt.contacten_inwoner,
        mt.warme_overdrachten,
        mt.lauwe_overdrachten,
        mt.koude_verwijzingen,
        mt.herhalingen,
        _dagen(mt),
        mt.organisaties,
        _kosten(mt),
    )


def matrix(
    g: m.Gemeente,
    personas: Sequence[m.Persona],
    sms: Sequence[m.Sleutelmoment],
    journeys: dict[tuple[str, str], m.Journey],
    opgelost: dict[tuple[str, str], float],
) -> Tabel:
    """Every persona x sleutelmoment cell of ``render matrix`` as a row (``journeys`` and ``opgelost`` as there)."""
    kolommen = [
        ("persona", "tekst"),
        ("groep", "tekst"),
        ("sleutelmoment", "tekst"),
        ("vraag", "tekst"),
        ("uitkomst", "tekst"),
        ("kans op opgelost", "procent"),
        ("lus", "tekst"),
        ("route", "tekst"),
        *_FIGURES,
        ("rust op", "tekst"),
        ("zo denken zij", "tekst"),
        ("speel er zo op in", "tekst"),
        ("persona-id", "tekst"),
        ("sleutelmoment-id", "tekst"),
        ("vraag-id", "tekst"),
    ]
    rijen: list[tuple[Cel, ...]] = []
    for p in personas:
        for sm in sms:
            j = journeys.get((p.id, sm.id))
            note = sm.notitie(p.id)
            thoughts = (note.zo_denken_zij, note.speel_er_zo_op_in) if note else ("", "")
            if j is None:
                vraag = sm.vragen[0]
                empty: tuple[Cel, ...] = (None,) * (4 + len(_FIGURES))
                rijen.append(
                    (p.naam, p.groep, sm.naam, vraag.omschrijving, KAN_NIET, *empty, *thoughts, p.id, sm.id, vraag.id)
                )
                continue
            kans = opgelost.get((p.id, sm.id), float(j.uitkomst.soort == "opgelost"))
            rijen.append(
                (
                    p.naam,
                    p.groep,
                    sm.naam,
                    sm.vraag(j.vraag).omschrijving,
                    uitkomst_kort(j.uitkomst),
                    kans,
                    _ja(j.uitkomst.lus),
                    _route(g, j),
                    *_figures(j.metrieken),
                    NIVEAU_NAAM[j.niveau],
                    *thoughts,
                    p.id,
                    sm.id,
                    j.vraag,
                )
            )
    return _tabel(f"Persona's en sleutelmomenten in {g.naam} ({g.variant_naam()})", "Matrix", kolommen, rijen)


def compare(v: Vergelijking, cat: Catalog) -> Tabel:
    """A comparison (``compare``, ``render compare``): one row per gemeente, situation and first contact."""
    kolommen = [
        ("persona", "tekst"),
        ("sleutelmoment", "tekst"),
        ("vraag", "tekst"),
        ("gemeente", "tekst"),
        ("situatie", "tekst"),
        ("eerste contact", "tekst"),
        ("meest voor de hand liggend", "tekst"),
        ("uitkomst", "tekst"),
        ("kans op opgelost", "procent"),
        ("lus", "tekst"),
        ("route", "tekst"),
        *_FIGURES,
        ("geschonden principes", "tekst"),
        ("rust op", "tekst"),
        ("gemeente-id", "tekst"),
        ("variant-id", "tekst"),
        ("eerste-contact-id", "tekst"),
        ("persona-id", "tekst"),
        ("sleutelmoment-id", "tekst"),
        ("vraag-id", "tekst"),
    ]
    p, sm = cat.persona(v.persona), cat.sleutelmoment(v.sleutelmoment)
    vraag = sm.vraag(v.vraag).omschrijving
    rijen = []
    for r in v.rijen:
        g, j = cat.gemeente(r.gemeente, r.variant), r.journey
        start = j.route[0] if j.route else r.eerste_ingang
        kans = r.kansen.kans_opgelost if r.kansen else float(j.uitkomst.soort == "opgelost")
        rijen.append(
            (
                p.naam,
                sm.naam,
                vraag,
                g.naam,
                g.variant_naam(),
                g.ingang_naam(start) if start else "",
                _ja(r.standaard),
                uitkomst_kort(j.uitkomst),
                kans,
                _ja(j.uitkomst.lus),
                _route(g, j),
                *_figures(j.metrieken),
                _principes(g, [s.principe for s in r.schendingen]),
                NIVEAU_NAAM[j.niveau],
                r.gemeente,
                r.variant,
                start or "",
                v.persona,
                v.sleutelmoment,
                v.vraag,
            )
        )
    return _tabel(f"Vergelijking: {p.naam} · {sm.naam}", "Vergelijking", kolommen, rijen)


def _verandering(v: GevalVerschil) -> str:
    return "beter" if v.beter else "slechter" if v.slechter else "anders" if v.wijzigingen else "gelijk"


def _kans_opgelost(k: Kansen | None, j: m.Journey) -> float:
    return k.opgelost if k else float(j.uitkomst.soort == "opgelost")


def diff(before: m.Gemeente, after: m.Gemeente, cat: Catalog, shown: Sequence[GevalVerschil]) -> Tabel:
    """A diff (``journeykit diff`` from ``before`` to ``after``): one row per case in ``shown`` (some or all of its
    GevalVerschil), each figure before and after."""
    from journeykit.analysis.evidence import drivers

    paired = [("uitkomst", "tekst"), ("kans op opgelost", "procent"), ("lus", "tekst"), *_FIGURES]
    kolommen = [
        ("persona", "tekst"),
        ("sleutelmoment", "tekst"),
        ("vraag", "tekst"),
        ("eerste contact", "tekst"),
        ("reiscasus", "tekst"),
        ("verandering", "tekst"),
        *[(f"{kop} {kant}", soort) for kop, soort in paired for kant in ("voor", "na")],
        ("route voor", "tekst"),
        ("route na", "tekst"),
        ("geschonden principes voor", "tekst"),
        ("geschonden principes na", "tekst"),
        ("rust op voor", "tekst"),
        ("rust op na", "tekst"),
        ("regels die het verschil maken", "tekst"),
        ("persona-id", "tekst"),
        ("sleutelmoment-id", "tekst"),
        ("vraag-id", "tekst"),
        ("eerste-contact-id", "tekst"),
        ("reiscasus-id", "tekst"),
    ]
    rijen = []
    for v in shown:
        c = v.geval
        p, sm = cat.persona(c.persona), cat.sleutelmoment(c.sleutelmoment)
        reis = cat.reizen.get(c.reis) if c.reis else None
        voor = (
            uitkomst_kort(v.voor.uitkomst),
            _kans_opgelost(v.kansen_voor, v.voor),
            _ja(v.voor.uitkomst.lus),
            *_figures(v.voor.metrieken),
        )
        na = (
            uitkomst_kort(v.na.uitkomst),
            _kans_opgelost(v.kansen_na, v.na),
            _ja(v.na.uitkomst.lus),
            *_figures(v.na.metrieken),
        )
        rijen.append(
            (
                p.naam,
                sm.naam,
                sm.vraag(c.vraag).omschrijving,
                after.ingang_naam(c.eerste_ingang) if c.eerste_ingang else "meest voor de hand liggend",
                reis.naam if reis else (c.reis or ""),
                _verandering(v),
                *[x for pair in zip(voor, na) for x in pair],
                _route(before, v.voor),
                _route(after, v.na),
                _principes(before, v.schendingen_voor),
                _principes(after, v.schendingen_na),
                NIVEAU_NAAM[v.voor.niveau],
                NIVEAU_NAAM[v.na.niveau],
                ", ".join(sorted(drivers(v))),
                c.persona,
                c.sleutelmoment,
                c.vraag,
                c.eerste_ingang or "",
                c.reis or "",
            )
        )
    return _tabel(
        f"Verschil in {after.naam}: {before.variant_naam()} → {after.variant_naam()}", "Verschil", kolommen, rijen
    )

"""Apply a change to a gemeente: a scenario (a route tested before it exists) or a risk a source names.

The result is a gemeente of one situation, checked like any loaded gemeente.
"""

from __future__ import annotations

import attrs

from journeykit import model as m
from journeykit.errors import LoadErrors, onbekend
from journeykit.integrity import Problem, check_gemeente, unique


def apply(g: m.Gemeente, sc: m.Scenario, base: m.Gemeente | None = None) -> m.Gemeente:
    """The gemeente ``g`` (all variants) changed by ``sc`` on top of its variant, or of ``base`` (a situation of
    ``g``, such as another scenario applied); raises LoadErrors on bad refs.

    The result is a gemeente with one variant, the scenario, checked like any loaded gemeente.
    """
    if base is None:
        variant_ids = [v.id for v in g.varianten]
        base_variant = sc.variant or g.standaard_variant
        if base_variant not in variant_ids:
            raise LoadErrors(
                [Problem(sc.plaats, "variant", "variant", onbekend("variant", base_variant, variant_ids)).as_error()]
            )
        base = g.in_variant(base_variant)
    change = _Change(sc, base)
    change.ingangen()
    change.regels()
    variant = m.Variant(sc.id, sc.naam, sc.omschrijving, herkomst=sc.herkomst)
    result = attrs.evolve(
        g,
        ingangen=tuple(change.ingang.values()),
        regels=tuple(change.regel),
        varianten=(variant,),
        standaard_variant=sc.id,
        variant=None,
    )
    problems = change.problems or check_gemeente(result)
    if problems:
        raise LoadErrors([p.as_error() for p in problems])
    return result.in_variant(sc.id)


class _Change:
    """The ingangen and rules of one situation, as a scenario changes them step by step."""

    def __init__(self, sc: m.Scenario, base: m.Gemeente):
        self.sc = sc
        # The result has a single variant (the scenario), so variant tags no longer apply.
        self.ingang = {i.id: attrs.evolve(i, varianten=()) for i in base.ingangen}
        self.regel = [attrs.evolve(r, varianten=()) for r in base.regels]
        self.problems: list[Problem] = []

    def bad(self, item: m.Scenario | m.Ingang | m.IngangWijziging | m.Regel, key: str, message: str) -> None:
        self.problems.append(Problem(item.plaats or self.sc.plaats, key, key, message))

    def ingangen(self) -> None:
        sc = self.sc
        for iid in sc.ingangen_verwijderen:
            if iid not in self.ingang:
                self.bad(sc, "ingangen_verwijderen", onbekend("ingang", iid, self.ingang))
                continue
            del self.ingang[iid]
            self.regel = [r for r in self.regel if r.bij != iid]
        for w in sc.ingangen_wijzigen:
            if w.id not in self.ingang:
                self.bad(w, "id", onbekend("ingang", w.id, self.ingang))
                continue
            self.ingang[w.id] = attrs.evolve(self.ingang[w.id], **w.wijzigingen)
        for i in sc.ingangen_toevoegen:
            if i.id in self.ingang:
                self.bad(i, "id", f"ingang '{i.id}' bestaat al; gebruik ingangen_wijzigen")
                continue
            self.ingang[i.id] = attrs.evolve(i, varianten=())

    def regels(self) -> None:
        sc = self.sc
        for rid in sc.regels_verwijderen:
            if rid not in {r.id for r in self.regel}:
                self.bad(sc, "regels_verwijderen", onbekend("regel", rid, [r.id for r in self.regel]))
            self.regel = [r for r in self.regel if r.id != rid]
        for new in sc.regels_vervangen:
            ids = [r.id for r in self.regel]
            if new.id not in ids:
                self.bad(new, "id", onbekend("regel", new.id, ids) + "; gebruik regels_toevoegen voor een nieuwe regel")
                continue
            self.regel[ids.index(new.id)] = attrs.evolve(new, varianten=())
        for nr in sc.regels_toevoegen:
            self.insert(nr)

    def insert(self, nr: m.NieuweRegel) -> None:
        r = nr.als_regel()
        ids = [x.id for x in self.regel]
        if r.id in ids:
            self.bad(r, "id", f"regel '{r.id}' bestaat al; gebruik regels_vervangen")
            return
        if nr.voor is not None:
            if nr.voor not in ids:
                self.bad(r, "voor", onbekend("regel", nr.voor, ids))
                return
            self.regel.insert(ids.index(nr.voor), r)
            return
        at_ingang = [n for n, x in enumerate(self.regel) if x.bij == r.bij]
        if nr.positie == "begin" and at_ingang:
            self.regel.insert(at_ingang[0], r)
        elif at_ingang:
            self.regel.insert(at_ingang[-1] + 1, r)
        else:
            self.regel.append(r)


def check_risicos(g: m.Gemeente) -> list[Problem]:
    """Each risk of ``g`` must cite its source and apply cleanly to its variant."""
    problems = []
    for r in g.risicos:
        if r.herkomst.bron is None or not r.herkomst.bron.citaat:
            problems.append(
                Problem(
                    r.plaats,
                    "bron",
                    "bron",
                    f"risico '{r.id}' noemt geen bron met citaat: een risico "
                    "staat in de bronnen, of het is geen risico van de bron",
                )
            )
            continue
        try:
            apply(g, r)
        except LoadErrors as e:
            problems += [Problem(m.Plaats(f.bestand, f.regel or 0), None, f.sleutel, f.bericht) for f in e.errors]
    return problems + list(unique("risico", g.risicos))

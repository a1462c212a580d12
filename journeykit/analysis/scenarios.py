"""Apply a scenario to a gemeente: a proposed change, tested before it exists."""

from __future__ import annotations

from pathlib import Path

import attrs

from journeykit import model as m
from journeykit.errors import LaadFout, LaadFouten, onbekend, suggestie
from journeykit.loading import load_path


def load_scenario(path: Path) -> m.Scenario:
    """Read one scenario file (raises LaadFouten)."""
    inhoud = load_path(path)
    if len(inhoud.scenarios) != 1 or inhoud.personas or inhoud.gemeenten or inhoud.reizen:
        raise LaadFouten(
            [LaadFout(str(path), None, "scenario", "een scenariobestand bevat precies één 'scenario' en verder niets")]
        )
    return inhoud.scenarios[0]


def apply(g: m.Gemeente, sc: m.Scenario) -> m.Gemeente:
    """The gemeente ``g`` (all variants) changed by ``sc`` on top of its variant; raises LaadFouten on bad refs."""
    fouten: list[LaadFout] = []

    def bad(item: object, key: str, bericht: str) -> None:
        p = getattr(item, "plaats", None) or sc.plaats
        fouten.append(LaadFout(p.bestand if p else "scenario", p.regel_van(key) if p else None, key, bericht))

    variant_ids = [v.id for v in g.varianten]
    base_variant = sc.variant or g.standaard_variant
    if base_variant not in variant_ids:
        bad(sc, "variant", onbekend("variant", base_variant, variant_ids))
        raise LaadFouten(fouten)
    base = g.in_variant(base_variant)
    # The result is a gemeente with a single variant (the scenario), so variant tags no longer apply.
    ingangen = {i.id: attrs.evolve(i, varianten=()) for i in base.ingangen}
    regels = [attrs.evolve(r, varianten=()) for r in base.regels]

    for iid in sc.ingangen_verwijderen:
        if iid not in ingangen:
            bad(sc, "ingangen_verwijderen", onbekend("ingang", iid, ingangen))
            continue
        del ingangen[iid]
        regels = [r for r in regels if r.bij != iid]
    for w in sc.ingangen_wijzigen:
        if w.id not in ingangen:
            bad(w, "id", onbekend("ingang", w.id, ingangen))
            continue
        ingangen[w.id] = attrs.evolve(ingangen[w.id], **dict(w.wijzigingen))
    for i in sc.ingangen_toevoegen:
        if i.id in ingangen:
            bad(i, "id", f"ingang '{i.id}' bestaat al; gebruik ingangen_wijzigen")
            continue
        ingangen[i.id] = attrs.evolve(i, varianten=())
    for rid in sc.regels_verwijderen:
        if rid not in {r.id for r in regels}:
            bad(sc, "regels_verwijderen", onbekend("regel", rid, [r.id for r in regels]))
        regels = [r for r in regels if r.id != rid]
    for new in sc.regels_vervangen:
        ids = [r.id for r in regels]
        if new.id not in ids:
            bad(new, "id", onbekend("regel", new.id, ids) + "; gebruik regels_toevoegen voor een nieuwe regel")
            continue
        regels[ids.index(new.id)] = attrs.evolve(new, varianten=())
    for nr in sc.regels_toevoegen:
        r = attrs.evolve(nr.regel, varianten=())
        ids = [x.id for x in regels]
        if r.id in ids:
            bad(r, "id", f"regel '{r.id}' bestaat al; gebruik regels_vervangen")
            continue
        if nr.voor is not None:
            if nr.voor not in ids:
                bad(r, "voor", onbekend("regel", nr.voor, ids))
                continue
            regels.insert(ids.index(nr.voor), r)
            continue
        at_ingang = [n for n, x in enumerate(regels) if x.bij == r.bij]
        if nr.positie == "begin" and at_ingang:
            regels.insert(at_ingang[0], r)
        elif at_ingang:
            regels.insert(at_ingang[-1] + 1, r)
        else:
            regels.append(r)

    stappen = {s.id for s in g.klantreis.stappen}
    for i in ingangen.values():
        for other in i.deelt_dossier_met:
            if other not in ingangen:
                bad(i, "deelt_dossier_met", onbekend("ingang", other, ingangen))
        for st in i.stappen:
            if st not in stappen:
                bad(i, "stappen", onbekend("klantreisstap", st, stappen))
    for r in regels:
        for key, targets in (("bij", [r.bij]), ("naar", [r.dan.naar]), ("noemt", [r.dan.noemt]), ("met", r.dan.met)):
            for t in targets:
                if t is not None and t not in ingangen:
                    owner = r if r.plaats and r.plaats.bestand == (sc.plaats.bestand if sc.plaats else "") else sc
                    bad(
                        owner,
                        key,
                        f"regel '{r.id}' noemt ingang '{t}', die na dit scenario niet (meer) bestaat"
                        + suggestie(t, ingangen),
                    )
        if r.dan.naar is not None and r.dan.naar == r.bij:
            bad(r, "naar", f"regel '{r.id}' verwijst naar de ingang waar hij zelf geldt")
    if fouten:
        raise LaadFouten(fouten)
    variant = m.Variant(sc.id, sc.naam, sc.omschrijving, sc.herkomst)
    return attrs.evolve(
        g,
        ingangen=tuple(ingangen.values()),
        regels=tuple(regels),
        varianten=(variant,),
        standaard_variant=sc.id,
        variant=None,
    ).in_variant(sc.id)

"""Synthetic gemeenten, personas and referral graphs for the benchmarks (deterministic from a seed)."""

from __future__ import annotations

import random

from journeykit import model as m

SOORTEN = ["hbh", "begeleiding", "schulden", "eenzaamheid", "informatie", "opvoeding", "praktisch", "vervoer"]
GEEN = m.Herkomst(aanname="synthetisch, voor de benchmark")


def gemeente(n_ingangen: int, n_regels: int, seed: int = 1, first_contacts: int = 10) -> m.Gemeente:
    """A gemeente whose referrals mostly go 'forward', so walks are a few steps long, with some cycles."""
    r = random.Random(seed)
    stappen = (m.KlantreisStap("melden", "Melden", herkomst=GEEN), m.KlantreisStap("regelen", "Regelen", herkomst=GEEN))
    ingangen = tuple(
        m.Ingang(
            f"i{k}",
            f"Ingang {k}",
            "loket",
            ("telefoon",),
            ("melden",),
            organisatie=f"org{k % 50}",
            eerste_contact=k < first_contacts,
            wachttijd_dagen=r.randint(0, 5),
            herkomst=GEEN,
        )
        for k in range(n_ingangen)
    )
    per = max(1, n_regels // n_ingangen)
    regels = []
    for k in range(n_ingangen):
        for q in range(per - 1):
            kind = r.random()
            if kind < 0.5:
                cond = m.Vergelijking("persona.leeftijd", (("vanaf", r.randint(0, 60)), ("tot", r.randint(60, 110))))
            else:
                cond = m.Vergelijking("vraag.soort", (("in", tuple(r.sample(SOORTEN, 2))),))
            target = min(n_ingangen - 1, k + r.randint(1, 30)) if r.random() < 0.95 else r.randrange(n_ingangen)
            if target == k:
                target = (k + 1) % n_ingangen
            action = r.random()
            if action < 0.55:
                dan = m.Actie("verwijzen", naar=target, overdracht="warm")
            elif action < 0.75:
                dan = m.Actie("verwijzen", naar=target, overdracht="koud")
            elif action < 0.85:
                dan = m.Actie("afwijzen", noemt=target)
            else:
                dan = m.Actie("oplossen", niveau=r.choice(m.NIVEAUS))
            regels.append(m.Regel(f"r{k}-{q}", f"i{k}", dan, als=cond, herkomst=GEEN))
        regels.append(m.Regel(f"r{k}-rest", f"i{k}", m.Actie("oplossen", niveau="algemeen"), herkomst=GEEN))
    ids = {i.id for i in ingangen}
    regels = [x if x.dan.naar is None or x.dan.naar in ids else x for x in regels]
    regels = [_named(x) for x in regels]
    return m.Gemeente(
        "synthetisch",
        "Synthetisch",
        m.Klantreis("K", stappen),
        ingangen,
        tuple(regels),
        (m.Variant("v", "V", herkomst=GEEN),),
        "v",
        herkomst=GEEN,
    )


def _named(regel: m.Regel) -> m.Regel:
    import attrs

    d = regel.dan
    fix = {k: f"i{v}" if isinstance(v, int) else v for k, v in (("naar", d.naar), ("noemt", d.noemt))}
    return attrs.evolve(regel, dan=attrs.evolve(d, **fix))


def personas(n: int, seed: int = 2) -> list[m.Persona]:
    r = random.Random(seed)
    return [
        m.Persona(
            f"p{k}",
            f"Persona {k}",
            r.randint(0, 100),
            r.choice(m.HUISHOUDENS),
            digitaal=r.choice(m.DIGITAAL),
            doorzettingsvermogen=r.randint(0, 3),
            herkomst=GEEN,
        )
        for k in range(n)
    ]


def sleutelmomenten(n: int, seed: int = 3) -> list[m.Sleutelmoment]:
    r = random.Random(seed)
    return [
        m.Sleutelmoment(f"s{k}", f"Moment {k}", (m.Vraag("v", "vraag", "zorg", r.choice(SOORTEN)),), herkomst=GEEN)
        for k in range(n)
    ]


def referral_graph(n: int, seed: int = 1) -> dict[str, dict[str, list[str]]]:
    """A graph shaped like a large referral network: mostly forward edges, some back edges."""
    r = random.Random(seed)
    g: dict[str, dict[str, list[str]]] = {f"i{k}": {} for k in range(n)}
    for k in range(n):
        for _ in range(3):
            t = k + r.randint(1, 20) if r.random() < 0.9 else r.randrange(n)
            if t < n and t != k:
                g[f"i{k}"][f"i{t}"] = ["r"]
    return g

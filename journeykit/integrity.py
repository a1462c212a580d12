"""Checks across records: what a single key cannot know, such as whether an id it names exists.

``check_gemeente`` is the one check of a gemeente's references, used by the loader, by
scenarios (on the changed gemeente) and, through ``check_actie``, for what a routing plugin
returns. Each problem names the record it is in and the key path inside it, so the loader can
point at the file and line.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator
from typing import Any

import attrs

from journeykit import conditions as cd
from journeykit import model as m
from journeykit import schema as s
from journeykit.errors import LoadError, kort, onbekend


@attrs.frozen
class Problem:
    """What is wrong, where: ``plaats`` of the record, ``pad`` inside it (for the line), ``sleutel`` as shown."""

    plaats: m.Plaats | None
    pad: str | None
    sleutel: str | None
    bericht: str

    def as_error(self) -> LoadError:
        if self.plaats is None:
            return LoadError("(plugin)", None, self.sleutel, self.bericht)
        bestand, regel = self.plaats.bestand, self.plaats.regel_van(self.pad or "")  # no path: the record's line
        if not regel and self.pad and "." in self.pad:
            # A plugin's object has no lines: the path inside it says where ("..., regels[0].dan").
            bestand += "." + self.pad.rsplit(".", 1)[0]
        return LoadError(bestand, regel or None, self.sleutel, self.bericht)


def _ids(items: Iterable[Any]) -> list[str]:
    return [x.id for x in items]


def unique(kind: str, items: Iterable[Any], waar: m.Plaats | None = None, pad: str = "") -> Iterator[Problem]:
    """A problem for every id that occurs before; items without a place of their own are found in ``waar``."""
    seen: dict[str, tuple[m.Plaats | None, str]] = {}
    for n, item in enumerate(items):
        own = getattr(item, "plaats", None)
        plaats, at = (own, "id") if own is not None else (waar, f"{pad}[{n}].id")
        if item.id in seen:
            first, first_at = seen[item.id]
            eerder = _where(first, first_at)
            yield Problem(plaats, at, "id", f"dubbele {kind}-id '{item.id}' (eerder in {eerder})")
        else:
            seen[item.id] = (plaats, at)


def _where(plaats: m.Plaats | None, pad: str) -> str:
    if plaats is None:
        return "een plugin"
    regel = plaats.regel_van(pad.removesuffix(".id"))
    return f"{plaats.bestand}:{regel}" if regel else plaats.bestand


def _refs(
    plaats: m.Plaats | None, pad: str, sleutel: str, kind: str, values: Iterable[str | None], known: Collection[str]
) -> Iterator[Problem]:
    for value in values:
        if value is not None and value not in known:
            yield Problem(plaats, pad, sleutel, onbekend(kind, value, known))


def check_gemeente(g: m.Gemeente) -> list[Problem]:
    """Everything wrong with the references inside gemeente ``g`` (all variants)."""
    problems = list(_check_ids_and_refs(g)) + _only_fields(g.voor, ("vraag.", "casus."), g.plaats, "voor", "de vraag")
    if not problems:  # per variant only when the references hold at all
        problems += _check_variants(g)
    return problems


def _check_ids_and_refs(g: m.Gemeente) -> Iterator[Problem]:
    yield from unique("klantreis_stap", g.klantreis.stappen, g.plaats, "klantreis.stappen")
    yield from unique("variant", g.varianten, g.plaats, "varianten")
    yield from unique("principe", g.principes, g.plaats, "principes")
    yield from unique("ingang", g.ingangen)
    yield from unique("regel", g.regels)
    for n, p in enumerate(g.principes):
        yield from _check_toets(g, n, p)
    variant_ids, stap_ids, ingang_ids = _ids(g.varianten), _ids(g.klantreis.stappen), _ids(g.ingangen)
    if not g.ingangen:
        # Every walk would end before it starts; most likely the file with the ingangen is missing.
        yield Problem(
            g.plaats,
            None,
            None,
            f"gemeente '{g.id}' heeft geen ingangen: zet ze onder 'ingangen:' in een bestand naast dat van de gemeente",
        )
    yield from _refs(g.plaats, "standaard_variant", "standaard_variant", "variant", [g.standaard_variant], variant_ids)
    for n, v in enumerate(g.varianten):
        if v.vervangt == v.id:
            yield Problem(g.plaats, f"varianten[{n}].vervangt", "vervangt", f"variant '{v.id}' vervangt zichzelf")
        elif v.vervangt is not None:
            yield from _refs(g.plaats, f"varianten[{n}].vervangt", "vervangt", "variant", [v.vervangt], variant_ids)
    for i in g.ingangen:
        yield from _refs(i.plaats, "stappen", "stappen", "klantreisstap", i.stappen, stap_ids)
        yield from _refs(i.plaats, "deelt_dossier_met", "deelt_dossier_met", "ingang", i.deelt_dossier_met, ingang_ids)
        yield from _refs(i.plaats, "varianten", "varianten", "variant", i.varianten, variant_ids)
    for r in g.regels:
        yield from _refs(r.plaats, "bij", "bij", "ingang", [r.bij], ingang_ids)
        yield from _refs(r.plaats, "varianten", "varianten", "variant", r.varianten, variant_ids)
        yield from _check_kansen(r)
        for a in r.acties:
            yield from check_actie_refs(a, ingang_ids, r.plaats)
            if a.naar is not None and a.naar == r.bij:
                yield Problem(
                    r.plaats,
                    "dan.naar",
                    "naar",
                    f"regel '{r.id}' verwijst naar de ingang waar hij zelf geldt ('{r.bij}')",
                )
        yield from _refs(r.plaats, "als", "als", "ingang", cd.refs(r.als), ingang_ids)


# What one of a rule's kansen may do: end the visit one way or another (waiting or asking further is not a chance)
KANS_ACTIES = ("oplossen", "samenwerken", "verwijzen", "afwijzen")


def _check_kansen(r: m.Regel) -> Iterator[Problem]:
    kansen = getattr(r.dan, "kansen", ())
    if not kansen:
        return
    total = sum(k.kans for k in kansen)
    if abs(total - 1) > 1e-9:
        yield Problem(
            r.plaats,
            "dan.kansen",
            "kansen",
            f"de kansen van regel '{r.id}' tellen op tot {total:.12g}, niet tot 1",
        )
    for n, k in enumerate(kansen):
        # a kans read from YAML has a place of its own; a plugin's is found inside the rule
        where, pad = (k.plaats, "") if k.plaats is not None else (r.plaats, f"dan.kansen[{n}].")
        if k.dan.soort not in KANS_ACTIES:
            yield Problem(
                where,
                f"{pad}dan.actie",
                "actie",
                f"een kans kan {', '.join(KANS_ACTIES)} zijn, niet '{k.dan.soort}'",
            )
        if k.bereik and (len(k.bereik) != 2 or not k.bereik[0] <= k.kans <= k.bereik[1]):
            yield Problem(
                where,
                f"{pad}bereik",
                "bereik",
                f"'bereik' is [ondergrens, bovengrens] en de kans {k.kans:g} ligt ertussen",
            )


def check_actie_refs(a: m.Actie, ingang_ids: Collection[str], plaats: m.Plaats | None = None) -> Iterator[Problem]:
    """The ingangen an action names must exist."""
    for key, values in (("naar", [a.naar]), ("noemt", [a.noemt]), ("met", a.met)):
        yield from _refs(plaats, f"dan.{key}", key, "ingang", values, ingang_ids)


def _check_toets(g: m.Gemeente, n: int, p: m.Principe) -> Iterator[Problem]:
    t = p.toets
    pad = f"principes[{n}].toets"
    if t is None:
        return
    if t.soort in ("max-contacten", "max-herhalingen") and t.waarde is None:
        yield Problem(g.plaats, pad, "waarde", f"toets '{t.soort}' vraagt om 'waarde'")
    if t.soort == "kenmerk-vereist" and not (t.als and t.dan):
        yield Problem(g.plaats, f"{pad}.soort", "soort", "toets 'kenmerk-vereist' vraagt om 'als' en 'dan'")


def _check_variants(g: m.Gemeente) -> Iterator[Problem]:
    """Every reference must hold in every variant the referring element exists in."""
    for n, v in enumerate(g.varianten):
        view = g.in_variant(v.id)
        present = {i.id for i in view.ingangen}
        if not present and g.ingangen:
            yield Problem(
                g.plaats,
                f"varianten[{n}].id",
                "id",
                f"variant '{v.id}' heeft geen ingangen: elke ingang is beperkt tot andere varianten",
            )
        for r in view.regels:
            acties = r.acties
            for key, targets in (
                ("bij", [r.bij]),
                ("naar", [a.naar for a in acties]),
                ("noemt", [a.noemt for a in acties]),
                ("met", [x for a in acties for x in a.met]),
            ):
                for t in targets:
                    if t is not None and t not in present:
                        yield Problem(
                            r.plaats,
                            key if key == "bij" else f"dan.{key}",
                            key,
                            f"regel '{r.id}' noemt ingang '{t}', die in variant '{v.id}' niet bestaat; "
                            "beperk de regel met 'varianten' of voeg de ingang toe",
                        )
        for i in view.ingangen:
            for t in i.deelt_dossier_met:
                if t not in present:
                    yield Problem(
                        i.plaats,
                        "deelt_dossier_met",
                        "deelt_dossier_met",
                        f"ingang '{t}' bestaat niet in variant '{v.id}'",
                    )


def _only_fields(
    cond: m.Conditie | None, prefixes: tuple[str, ...], plaats: m.Plaats | None, key: str, about: str
) -> list[Problem]:
    """A condition that may look only at some fields (a sleutelmoment's `voor` only at the persona)."""
    return [
        Problem(
            plaats,
            key,
            key,
            f"'{key}' gaat over {about}: het veld '{c.veld}' kan hier niet (alleen "
            + ", ".join(f"{p}*" for p in prefixes)
            + ")",
        )
        for c in cd.comparisons(cond)
        if not c.veld.startswith(prefixes)
    ]


def warnings_gemeente(g: m.Gemeente) -> list[Problem]:
    """What is allowed but probably not meant: a rule without a condition that resolves any question at a place
    whose task is narrower."""
    taak = {i.id: i.taak for i in g.ingangen}
    found = []
    for r in g.regels:
        if r.als is not None or r.dan.soort not in ("oplossen", "samenwerken"):
            continue
        # Working together, the task is that of all partners, as the walker counts it: one without a task
        # of its own may resolve anything. ('met' belongs to samenwerken only: the validator sees to that.)
        places = (r.bij, *r.dan.met)
        if all(taak.get(p) for p in places):
            wie = f"'{r.bij}'" if len(places) == 1 else "'" + "' en '".join(places) + "' samen"
            soorten = sorted({t for p in places for t in taak[p]})
            found.append(
                Problem(
                    r.plaats,
                    "dan",
                    "dan",
                    f"regel '{r.id}' lost elke vraag op bij '{r.bij}', maar {wie} "
                    f"{'kan' if len(places) == 1 else 'kunnen'} alleen {', '.join(soorten)} oplossen:"
                    " geef de regel een 'als' op vraag.soort",
                )
            )
    return found


def check_aandelen(g: m.Gemeente) -> list[Problem]:
    """Each share names its source and existing situations, gives a bound, and counts cases by what they are."""
    variant_ids = _ids(g.varianten)
    found = list(unique("aandeel", g.aandelen))
    for a in g.aandelen:
        if a.herkomst.bron is None or not a.herkomst.bron.citaat:
            found.append(Problem(a.plaats, "bron", "bron", f"aandeel '{a.id}' noemt geen bron met citaat"))
        found += _refs(a.plaats, "variant", "variant", "variant", [a.variant], variant_ids)
        found += _refs(a.plaats, "ten_opzichte_van", "ten_opzichte_van", "variant", [a.ten_opzichte_van], variant_ids)
        if a.ten_opzichte_van == a.variant:
            found.append(
                Problem(
                    a.plaats, "ten_opzichte_van", "ten_opzichte_van", "een situatie vergelijken met zichzelf kan niet"
                )
            )
        if a.minimaal is None and a.maximaal is None:
            found.append(Problem(a.plaats, None, None, f"aandeel '{a.id}' geeft geen 'minimaal' en geen 'maximaal'"))
        elif a.minimaal is not None and a.maximaal is not None and a.minimaal > a.maximaal:
            found.append(Problem(a.plaats, "minimaal", "minimaal", "'minimaal' is groter dan 'maximaal'"))
        elif a.ten_opzichte_van is None and any(x > 1 for x in (a.minimaal, a.maximaal) if x is not None):
            found.append(Problem(a.plaats, None, None, "een aandeel ligt tussen 0 en 1 (schrijf 0.44, niet 44)"))
        found += _only_fields(a.gevallen, ("persona.", "vraag.", "casus."), a.plaats, "gevallen", "de gevallen")
    return found


def check_sleutelmoment(sm: m.Sleutelmoment) -> list[Problem]:
    """Its vragen: unique ids, and the questions behind the questions name existing ones and end; `voor` looks only at
    the persona."""
    found = _only_fields(sm.voor, ("persona.",), sm.plaats, "voor", "de persona") + [
        Problem(sm.plaats, f"vragen[{n}].id", "id", f"dubbele vraag-id '{v.id}' in sleutelmoment '{sm.id}'")
        for n, v in enumerate(sm.vragen)
        if v.id in _ids(sm.vragen[:n])
    ]
    onder = {v.id: v.onderliggend for v in sm.vragen}
    at = {v.id: n for n, v in reversed(list(enumerate(sm.vragen)))}  # the first vraag with an id
    for n, v in enumerate(sm.vragen):
        if v.onderliggend is not None and v.onderliggend not in onder:
            found.append(
                Problem(
                    sm.plaats,
                    f"vragen[{n}].onderliggend",
                    "onderliggend",
                    onbekend("vraag", v.onderliggend, list(onder)),
                )
            )
    # The chain must end. Each vraag is followed once, so a sleutelmoment with thousands of
    # chained vragen is checked in linear time.
    kring_van: dict[str, str | None] = {}
    for v in sm.vragen:
        pad: dict[str, None] = {}
        cur: str | None = v.id
        while cur in onder and cur not in kring_van and cur not in pad:
            pad[cur] = None
            cur = onder[cur]
        kring = cur if cur in pad else kring_van.get(cur) if cur is not None else None
        for x in pad:
            kring_van[x] = kring
    for v in sm.vragen:
        if kring_van.get(v.id) is not None and v.onderliggend in onder:
            found.append(
                Problem(
                    sm.plaats,
                    f"vragen[{at[v.id]}].onderliggend",
                    "onderliggend",
                    f"de vragen achter de vraag vormen een kring ({kring_van[v.id]})",
                )
            )
    return found


# --- what a routing plugin returns ---------------------------------------------------------------


def check_actie(a: Any, ingang_ids: Collection[str]) -> str | None:
    """What is wrong with an Actie a routing plugin returned, or None; checked against the action's declaration."""
    if not isinstance(a, m.Actie):
        return f"gaf {type(a).__name__} terug in plaats van een Actie"
    kinds = [x for x in m.ACTIES if x != "python"]  # a plugin's action cannot defer to a plugin again
    if not isinstance(a.soort, str) or a.soort not in kinds:
        return f"gaf een Actie met soort {kort(repr(a.soort))}; kies uit: " + ", ".join(kinds)
    nodig, _ = s.ACTION_KEYS[a.soort]
    for key in sorted(nodig):
        if getattr(a, key) in (None, "", ()):
            return f"gaf een Actie '{a.soort}' zonder '{key}'"
    for f in s.ACTIE.fields:
        reden = _value_problem(getattr(a, f.attribute), f.type, _none_allowed(m.Actie, f))
        if reden:
            return f"gaf een Actie met {f.name} {reden}"
    for p in check_actie_refs(a, ingang_ids):
        return f"verwijst naar {p.bericht}"
    return None


def _none_allowed(cls: type, f: s.Field) -> bool:
    """Whether the model's default of this field is None (a plugin may then leave it None)."""
    return attrs.fields_dict(cls)[f.attribute].default is None


def _value_problem(value: Any, t: Any, none_allowed: bool) -> str | None:
    """Why ``value`` does not fit the declared type ``t`` (a plugin built it in Python), or None."""
    if value is None:
        return None if none_allowed else "zonder waarde (None)"
    shown = kort(repr(value))
    if isinstance(t, s.ListOf):
        if not isinstance(value, tuple):
            return f"van type {type(value).__name__} in plaats van een tuple"
        return next((r for x in value if (r := _value_problem(x, t.item, False))), None)
    if isinstance(t, s.Choice):
        return None if value in t.values else f"{shown}; kies uit: " + ", ".join(t.values)
    if isinstance(t, (s.Integer, s.Number)):
        kinds = (int,) if isinstance(t, s.Integer) else (int, float)
        ok = type(value) in kinds and math.isfinite(value)
        ok = ok and (t.low is None or value >= t.low) and (t.high is None or value <= t.high)
        return None if ok else f"{shown}; verwacht een {t.explain}"
    if isinstance(t, (s.Text, s.Id, s.Ref)):
        return None if isinstance(value, str) else f"van type {type(value).__name__} in plaats van tekst"
    if isinstance(t, s.Record) and t.cls is not None:
        if not isinstance(value, t.cls):
            return f"van type {type(value).__name__} in plaats van {t.cls.__name__}"
        return next(
            (
                f"{g.name} {r}"
                for g in t.fields
                if (r := _value_problem(getattr(value, g.attribute), g.type, _none_allowed(t.cls, g)))
            ),
            None,
        )
    return None

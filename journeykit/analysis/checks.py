"""Check walked journeys: against a gemeente's principles and against a case's expectations."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from journeykit import model as m
from journeykit.analysis.household import Huishouden

Check = Callable[[m.Journey], list[m.Schending]]


def builtin_check(p: m.Principe, naam: Callable[[str], str] = str) -> Check | None:
    """The check for a principle's declarative ``toets``, or None if it has none; ``naam`` names an ingang."""
    t = p.toets
    if t is None:
        return None

    def v(uitleg: str, stap: int | None = None) -> list[m.Schending]:
        return [m.Schending(p.id, uitleg, stap)]

    if t.soort == "geen-afwijzing":
        return lambda j: [
            m.Schending(p.id, "de vraag werd afgewezen ('niet voor ons')", s.nummer)
            for s in j.stappen
            if s.actie == "afwijzen"
        ]
    if t.soort == "geen-koude-verwijzing":
        return lambda j: [
            m.Schending(p.id, f"koud verwezen naar {naam(s.naar)}", s.nummer)
            for s in j.stappen
            if s.overdracht == "koud" and s.naar
        ]
    if t.soort in ("max-contacten", "max-herhalingen"):
        hoogstens = t.waarde
        assert hoogstens is not None  # the loader refuses these two toetsen without 'waarde'
        if t.soort == "max-contacten":
            return lambda j: (
                v(f"de inwoner nam {j.metrieken.contacten_inwoner} keer zelf contact op (hoogstens {hoogstens})")
                if j.metrieken.contacten_inwoner > hoogstens
                else []
            )
        return lambda j: (
            v(f"het verhaal werd {j.metrieken.herhalingen} keer opnieuw verteld (hoogstens {hoogstens})")
            if j.metrieken.herhalingen > hoogstens
            else []
        )
    if t.soort == "kenmerk-vereist":

        def required(j: m.Journey) -> list[m.Schending]:
            trigger = next((s for s in j.stappen if t.als in s.kenmerken), None)
            if trigger and not any(t.dan in s.kenmerken for s in j.stappen):
                return v(f"stap {trigger.nummer} heeft '{t.als}' maar nergens volgt '{t.dan}'", trigger.nummer)
            return []

        return required
    if t.soort == "eerste-contact-juist":

        def first_right(j: m.Journey) -> list[m.Schending]:
            if not j.stappen:
                return v("er kwam geen eerste contact tot stand")
            first = j.stappen[0].ingang
            last_there = [s for s in j.stappen if s.ingang == first][-1]
            if last_there.actie in ("oplossen", "samenwerken", "verwijzen-warm"):
                return []
            return v(
                f"het eerste contact ({naam(first)}) loste de vraag niet op en droeg niet warm over", last_there.nummer
            )

        return first_right
    if t.soort == "geen-lus":
        return lambda j: v("kastje-naar-de-muur: " + " → ".join(j.uitkomst.lus)) if j.uitkomst.lus else []
    if t.soort == "een-regisseur":
        # a promise about households with more questions (analysis/household.py); one question has nothing to
        # coordinate
        return lambda j: []
    raise ValueError(t.soort)  # pragma: no cover - the loader only admits known kinds


@attrs.frozen
class Principecheck:
    principe: m.Principe
    check: Check | None
    door: str  # "toets" or the plugin's name


def principle_checks(g: m.Gemeente, plugin_checks: dict[str, tuple[str, Check]] | None = None) -> list[Principecheck]:
    """All checks for a gemeente's principles: the YAML toets, else a plugin's check."""
    plugin_checks = plugin_checks or {}
    result = []
    for p in g.principes:
        check = builtin_check(p, g.ingang_naam)
        if check is not None:
            result.append(Principecheck(p, check, "toets"))
        elif p.id in plugin_checks:
            name, fn = plugin_checks[p.id]
            result.append(Principecheck(p, fn, name))
        else:
            result.append(Principecheck(p, None, ""))
    return result


def violations(journey: m.Journey, checks: list[Principecheck]) -> list[m.Schending]:
    found = []
    for pc in checks:
        if pc.check is not None:
            found += pc.check(journey)
    return found


def same_cycle(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two cycles (first == last) visit the same places in the same order, wherever they start."""
    if len(a) != len(b):  # two empty cycles have no rotation to compare: not the same cycle either
        return False
    ring, other = a[:-1], b[:-1]
    return any(ring[k:] + ring[:k] == other for k in range(len(ring)))


def expectation_failures(
    reis: m.Reiscasus, j: m.Journey, schendingen: list[m.Schending], kansen: dict[str, float] | None = None
) -> list[str]:
    """Every expectation of ``reis`` that journey ``j`` does not meet, in Dutch. ``kansen``: the likelihoods
    of the journey's distribution by name (kans_opgelost, ...), when it has expectations about them."""
    return _failures(reis.verwachting, (j,), schendingen, kansen)


def household_failures(reis: m.Reiscasus, h: Huishouden, schendingen: list[m.Schending]) -> list[str]:
    """Every expectation of a household case (``vragen``) that household ``h`` does not meet, in Dutch.

    What each journey must do (uitkomst, niveau, eindigt_bij) holds for every question; routes count together
    (bereikt: some question passes there, niet_via: none does, cyclus: some question makes the loop); the limits
    count the household's figures in all, and its wait is the longest question's (they run side by side)."""
    v = reis.verwachting
    onbekend = {p: "geen plek in de data heeft regie: true" for p in h.niet_getoetst}
    out = _failures(v, h.reizen, schendingen, None, onbekend)
    if v.regisseur and h.regisseur != v.regisseur:
        out.append(f"regisseur is '{h.regisseur or '-'}', verwacht '{v.regisseur}'")
    for label, limit, value in (
        ("plekken", v.max_professionals, h.professionals),
        ("organisaties", v.max_organisaties, h.organisaties),
        ("keer het verhaal verteld", v.max_verteld, h.verteld),
    ):
        if limit is not None and value > limit:
            out.append(f"{value} {label}, verwacht hoogstens {limit}")
    return out


def _failures(
    v: m.Verwachting,
    js: Sequence[m.Journey],
    schendingen: list[m.Schending],
    kansen: dict[str, float] | None,
    onbekend: Mapping[str, str] | None = None,
) -> list[str]:
    """``onbekend``: principles that could not be tested for another reason than a failing plugin, and why."""
    out = []
    for naam, grenzen in (("kans_opgelost", v.kans_opgelost), ("kans_kastje_naar_de_muur", v.kans_kastje_naar_de_muur)):
        if grenzen is None:
            continue
        kans = (kansen or {}).get(naam)
        wat = naam.removeprefix("kans_").replace("_", " ")
        if kans is None:
            out.append(f"de kans op {wat} is niet uitgerekend")
        elif grenzen.min is not None and kans < grenzen.min - 1e-9:
            out.append(f"kans op {wat} is {kans:.2f}, verwacht minstens {grenzen.min:.2f}")
        elif grenzen.max is not None and kans > grenzen.max + 1e-9:
            out.append(f"kans op {wat} is {kans:.2f}, verwacht hoogstens {grenzen.max:.2f}")
    for j in js:
        bij = f"vraag '{j.vraag}': " if len(js) > 1 else ""
        if v.uitkomst and j.uitkomst.soort != v.uitkomst:
            out.append(f"{bij}uitkomst is '{j.uitkomst.soort}', verwacht '{v.uitkomst}'")
        if v.niveau and j.uitkomst.niveau != v.niveau:
            out.append(f"{bij}niveau is '{j.uitkomst.niveau or '-'}', verwacht '{v.niveau}'")
        if v.eindigt_bij and j.uitkomst.waar != v.eindigt_bij:
            out.append(f"{bij}eindigt bij '{j.uitkomst.waar or '-'}', verwacht '{v.eindigt_bij}'")
    if v.cyclus and not any(same_cycle(j.uitkomst.lus, v.cyclus) for j in js):
        lussen = [" → ".join(j.uitkomst.lus) for j in js if j.uitkomst.lus]
        found = "lus is " + " en ".join(lussen) if lussen else "geen lus"
        out.append(f"{found}, verwacht de lus {' → '.join(v.cyclus)}")
    route = {x for j in js for x in j.route}
    out += [f"route komt niet langs '{x}'" for x in v.bereikt if x not in route]
    out += [f"route gaat via '{x}', dat niet zou moeten" for x in v.niet_via if x in route]
    mets = [j.metrieken for j in js]
    dagen = max(mt.dagen for mt in mets)  # the questions of a household run side by side
    for label, limit, value in (
        ("contacten", v.max_contacten, sum(mt.contacten_inwoner for mt in mets)),
        ("koude verwijzingen", v.max_koude_verwijzingen, sum(mt.koude_verwijzingen for mt in mets)),
        ("keer opnieuw verteld", v.max_herhalingen, sum(mt.herhalingen for mt in mets)),
        ("dagen", v.max_dagen, dagen),
    ):
        if limit is not None and value > limit:
            out.append(f"{value} {label}, verwacht hoogstens {limit}")
    if v.max_dagen is not None and any(mt.dagen_onbekend for mt in mets) and dagen <= v.max_dagen:
        # an unknown wait cannot be shown to stay under a limit
        wait = f"minstens {dagen} dagen, niet overal bekend" if dagen else "onbekend"
        out.append(f"wachttijd {wait}, verwacht hoogstens {v.max_dagen} dagen")
    broken = {s.principe for s in schendingen if not s.niet_getoetst}
    why = {s.principe: "de toets van een plugin faalde" for s in schendingen if s.niet_getoetst} | dict(onbekend or {})
    unchecked = set(why)
    for p in (*v.principes_gehaald, *v.principes_geschonden):
        if p in unchecked:
            out.append(f"principe '{p}' kon niet getoetst worden ({why[p]})")
    out += [f"principe '{p}' geschonden, verwacht gehaald" for p in v.principes_gehaald if p in broken]
    out += [
        f"principe '{p}' gehaald, verwacht geschonden"
        for p in v.principes_geschonden
        if p not in broken and p not in unchecked
    ]
    return out


@attrs.frozen
class Getoetst:
    """A journey case after walking: the journey, broken principles and failed expectations."""

    reis: m.Reiscasus
    journey: m.Journey  # for a household (``reis.vragen``): the journey of the question it takes first
    schendingen: tuple[m.Schending, ...]  # for a household: every journey's, then the household's own
    mislukt: tuple[str, ...]
    huishouden: Huishouden | None = None  # for a household case: every question's journey and its figures
    per_reis: tuple[tuple[m.Schending, ...], ...] = ()  # for a household: the principles each journey breaks

    @property
    def reizen(self) -> tuple[m.Journey, ...]:
        """Every journey walked for this case: one, or one per question of a household."""
        return self.huishouden.reizen if self.huishouden else (self.journey,)

    def kaarten(self) -> list[tuple[str, m.Journey, tuple[m.Schending, ...]]]:
        """What to draw for this case, named: its journey and the principles it breaks; for a household, each
        question's journey ('case-vraag') with its own and the household's."""
        if self.huishouden is None:
            return [(self.reis.id, self.journey, self.schendingen)]
        return [
            (f"{self.reis.id}-{j.vraag}", j, s + self.huishouden.schendingen)
            for j, s in zip(self.huishouden.reizen, self.per_reis)
        ]

    @property
    def ok(self) -> bool:
        return not self.mislukt

"""Everything journeykit knows in one place: gemeenten from plugins, personas, sleutelmomenten and reizen.

The catalog resolves references across files (a reis names a persona from
another file, a gemeente from a plugin) and reports every dangling one with
its file and line.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from journeykit import model as m
from journeykit.conditions import Situatie
from journeykit.engine import Chooser, Walker
from journeykit.errors import LoadError, LoadErrors, PluginError, UnknownName, keuzes, onbekend
from journeykit.integrity import check_actie
from journeykit.loading import load_object, load_path
from journeykit.plugins import Plugins, Unusable
from journeykit.possible import why_impossible
from journeykit.yamlread import LoadBudget

# The parts of the data a load error can belong to. A command fails only for errors in the parts
# it uses: a broken journey case fails `check`, not `walk` or `list gemeenten`.
PERSONAS, REIZEN, PADEN = "personas", "reizen", "paden"

# What a data file holds besides gemeenten, each kept by id in a dict of its own.
_Item = TypeVar("_Item", m.Persona, m.Sleutelmoment, m.Reiscasus)


class Catalog:
    def __init__(self, plugins: Plugins, paths: Iterable[tuple[Path, str]] = ()):
        """``paths``: (file or directory, part) with part PERSONAS, REIZEN or PADEN (named on the command line)."""
        self.plugins = plugins
        self.gemeenten: dict[str, m.Gemeente] = {}
        self.plugin_van: dict[str, str] = {}
        self.personas: dict[str, m.Persona] = {}
        self.sleutelmomenten: dict[str, m.Sleutelmoment] = {}
        self.reizen: dict[str, m.Reiscasus] = {}
        self.scenarios: list[m.Scenario] = []
        self.waarschuwingen: list[LoadError] = []  # allowed, probably not meant; shown by `check`
        self.errors: dict[str, list[LoadError]] = {PERSONAS: [], REIZEN: [], PADEN: []}
        self.plugin_load_errors: dict[str, list[LoadError]] = {}  # plugin name -> the errors in its data
        self._deel: dict[str, str] = {}  # persona/sleutelmoment/reis id -> the part it was loaded from
        self._walkers: dict[tuple[str, str], Walker] = {}
        # Scenarios applied in this run (`--scenario`), per gemeente in order: each a situation of its own, the
        # last the gemeente's default; and the variant the first one built on, which they stand in for.
        self.toegepast: dict[str, list[m.Gemeente]] = {}
        self.toegepast_op: dict[str, str] = {}
        self._eigen: dict[tuple[str, str], m.Gemeente] = {}  # the situations journey cases' own scenarios make
        self.root = Path(".")  # where personas/ and journeys/ live; set by api.open_catalog
        # One budget for every file this catalog reads: many files, each under the per-file limit,
        # must not add up to more than a machine can hold.
        self.budget = LoadBudget()
        self._load_plugins()
        for path, deel in paths:
            self._add(path, None, deel)
        self._check_references()

    @property
    def plugin_errors(self) -> list[PluginError]:
        return self.plugins.errors

    @property
    def load_errors(self) -> list[LoadError]:
        """Every load error in the data (not the plugins'), whatever part it is in."""
        return [f for deel in (PERSONAS, REIZEN, PADEN) for f in self.errors[deel]]

    # --- loading -------------------------------------------------------------------

    def _add(self, source: Any, plugin: str | None, deel: str = PADEN) -> None:
        try:
            if isinstance(source, (m.Gemeente, m.Persona, m.Sleutelmoment, m.Reiscasus)):
                # Objects bypass the YAML loader; a plugin's objects are checked exactly like its YAML.
                inhoud = load_object(source, f"{type(source).__name__}-object van plugin '{plugin}'")
            elif isinstance(source, (str, Path)):
                inhoud = load_path(Path(source), _shown(Path(source)), budget=self.budget)
            else:
                self.plugins.errors.append(
                    PluginError(
                        plugin or "?",
                        f"levert iets onbruikbaars: {type(source).__name__} (verwacht een pad of model-object)",
                    )
                )
                return
        except LoadErrors as e:
            if plugin:
                # A plugin's bad data costs only that plugin, like any other plugin failure.
                first = e.errors[0]
                more = f" (en {len(e.errors) - 1} meer)" if len(e.errors) > 1 else ""
                self.plugins.errors.append(PluginError(plugin, f"levert ongeldige data: {first}{more}"))
                self.plugin_load_errors.setdefault(plugin, []).extend(e.errors)
            else:
                self.errors[deel] += e.errors
            return
        for g in inhoud.gemeenten:
            if g.id in self.gemeenten:
                other = self.plugin_van.get(g.id, "?")
                reden = (
                    f"gemeente '{g.id}' wordt ook al geleverd door plugin '{other}'; deze is genegeerd"
                    " (de laatst geladen plugin gaat voor)"
                )
                if plugin:
                    self.plugins.errors.append(PluginError(plugin, reden))
                else:
                    self.errors[deel].append(LoadError(_where(g)[0], _where(g)[1], "gemeente.id", reden))
                continue
            self.gemeenten[g.id] = g
            self.plugin_van[g.id] = plugin or str(source)
        self._add_unique("persona", self.personas, inhoud.personas, deel)
        self._add_unique("sleutelmoment", self.sleutelmomenten, inhoud.sleutelmomenten, deel)
        self._add_unique("reis", self.reizen, inhoud.reizen, deel)
        self.scenarios += inhoud.scenarios
        self.waarschuwingen += inhoud.waarschuwingen

    def _add_unique(self, kind: str, target: dict[str, _Item], items: Iterable[_Item], deel: str) -> None:
        for item in items:
            if item.id in target:
                bestand, regel = _where(item)
                self.errors[deel].append(
                    LoadError(
                        bestand,
                        regel,
                        "id",
                        f"dubbele {kind}-id '{item.id}' (eerder in {target[item.id].plaats or 'een plugin'})",
                    )
                )
            else:
                target[item.id] = item
                self._deel[item.id] = deel

    def _load_plugins(self) -> None:
        for hook in ("journeykit_gemeenten", "journeykit_personas"):
            for name, items in self.plugins.call_each(hook, convert=_as_list):
                for item in items:
                    self._add(item, name)

    # --- references across files ------------------------------------------------------

    def _check_references(self) -> None:
        def bad(item: Any, key: str, bericht: str) -> None:
            bestand, _ = _where(item)
            line = item.plaats.regel_van(key) if item.plaats else None
            self.errors[self._deel.get(item.id, PADEN)].append(LoadError(bestand, line, key, bericht))

        for moment in self.sleutelmomenten.values():
            for i, n in enumerate(moment.notities):
                if n.persona not in self.personas:
                    bad(moment, f"notities[{i}].persona", onbekend("persona", n.persona, self.personas))
        for r in self.reizen.values():
            if r.persona not in self.personas:
                bad(r, "persona", onbekend("persona", r.persona, self.personas))
            sm = self.sleutelmomenten.get(r.sleutelmoment)
            if sm is None:
                bad(r, "sleutelmoment", onbekend("sleutelmoment", r.sleutelmoment, self.sleutelmomenten))
            elif r.vraag and r.vraag not in {v.id for v in sm.vragen}:
                bad(r, "vraag", onbekend("vraag", r.vraag, [v.id for v in sm.vragen]))
            elif r.vragen:
                for k, x in enumerate(r.vragen):
                    if x not in {v.id for v in sm.vragen}:
                        bad(r, f"vragen[{k}]", onbekend("vraag", x, [v.id for v in sm.vragen]))
                    elif x in r.vragen[:k]:
                        bad(r, f"vragen[{k}]", f"vraag '{x}' staat er twee keer: noem elke vraag één keer")
            if r.vraag and r.vragen:
                bad(r, "vragen", "geef 'vraag' (één vraag) of 'vragen' (een huishouden met meer vragen), niet allebei")
            v = r.verwachting
            if not r.vragen:
                for key in ("regisseur", "max_professionals", "max_organisaties", "max_verteld"):
                    if getattr(v, key) is not None:
                        bad(r, f"verwachting.{key}", f"'{key}' gaat over een huishouden: geef de vragen met 'vragen'")
            elif v.kans_opgelost or v.kans_kastje_naar_de_muur:
                key = "kans_opgelost" if v.kans_opgelost else "kans_kastje_naar_de_muur"
                bad(r, f"verwachting.{key}", "een kans gaat over één vraag: geef die met 'vraag', niet met 'vragen'")
            g = self.gemeenten.get(r.gemeente)
            if g is None:
                bad(r, "gemeente", onbekend("gemeente", r.gemeente, self.gemeenten))
                continue
            variant_ids = [v.id for v in g.varianten]
            if r.variant and r.variant not in variant_ids:
                bad(r, "variant", onbekend("variant", r.variant, variant_ids))
                continue
            if r.scenarios and r.variant:
                bad(r, "variant", "een reiscasus met 'scenarios' loopt in het laatste scenario: laat 'variant' weg")
                continue
            try:
                view = self.situatie_van(r) if r.scenarios else g.in_variant(r.variant)
            except LoadErrors as e:
                self.errors[self._deel.get(r.id, PADEN)].extend(e.errors)
                continue
            if r.persona in self.personas and sm is not None:
                known = {v.id for v in sm.vragen}
                for vraag in [x for x in r.vragen or (r.vraag or sm.vragen[0].id,) if x in known]:
                    reden = why_impossible(g, self.personas[r.persona], sm, sm.vraag(vraag))
                    if reden:
                        bad(r, "sleutelmoment", f"deze reiscasus kan niet: {reden}")
                        break
            in_variant = [i.id for i in view.ingangen]
            if r.eerste_ingang and r.eerste_ingang not in in_variant:
                bad(
                    r,
                    "eerste_ingang",
                    onbekend("ingang", r.eerste_ingang, in_variant) + f" in variant '{view.variant}'",
                )
            all_ingangen = list(dict.fromkeys([i.id for i in g.ingangen] + [i.id for i in view.ingangen]))
            for key, ids in (
                ("eindigt_bij", [v.eindigt_bij] if v.eindigt_bij else []),
                ("regisseur", [v.regisseur] if v.regisseur else []),
                ("bereikt", v.bereikt),
                ("niet_via", v.niet_via),
                ("cyclus", v.cyclus),
            ):
                for x in ids:
                    if x not in all_ingangen:
                        bad(r, f"verwachting.{key}", onbekend("ingang", x, all_ingangen))
            if v.cyclus and (len(v.cyclus) < 2 or v.cyclus[0] != v.cyclus[-1]):
                bad(r, "verwachting.cyclus", "een lus begint en eindigt bij dezelfde ingang, bijvoorbeeld [a, b, a]")
            principes = [p.id for p in g.principes]
            for key, ids in (
                ("principes_gehaald", v.principes_gehaald),
                ("principes_geschonden", v.principes_geschonden),
            ):
                for x in ids:
                    if x not in principes:
                        bad(r, f"verwachting.{key}", onbekend("principe", x, principes))

    def raise_for_errors(self, *delen: str) -> None:
        """Raise the load errors in ``delen`` (default: every part), and a plugin's own errors for ``check``."""
        fouten = [f for deel in (delen or (PERSONAS, REIZEN, PADEN)) for f in self.errors[deel]]
        if fouten:
            raise LoadErrors(fouten)

    # --- lookups and walking -------------------------------------------------------------

    def gemeente(self, gemeente_id: str, variant: str | None = None) -> m.Gemeente:
        """The gemeente in one situation: a variant, or a scenario applied in this run (by default the last)."""
        applied = self.toegepast.get(gemeente_id, [])
        if applied and variant is None:
            return applied[-1]
        for view in applied:
            if view.variant == variant:
                return view
        g = self.gemeenten.get(gemeente_id)
        if g is None:
            hint = ""
            if self.plugin_load_errors:
                names = ", ".join(f"'{p}'" for p in sorted(self.plugin_load_errors))
                hint = f"; let op: plugin {names} kon zijn data niet laden (zie de fouten hieronder)"
            raise UnknownName(
                onbekend("gemeente", gemeente_id, self.gemeenten) + "; " + keuzes(sorted(self.gemeenten)) + hint
            )
        if variant is not None and variant not in {v.id for v in g.varianten}:
            ids = [v.id for v in self.varianten(g.id)]
            raise UnknownName(onbekend("variant", variant, ids) + f" voor {g.id}; {keuzes(ids)}")
        return g.in_variant(variant)

    def varianten(self, gemeente_id: str) -> list[m.Variant]:
        """Every situation of a gemeente: its variants, then the scenarios applied in this run."""
        g = self.gemeenten[gemeente_id]
        return list(g.varianten) + [v.varianten[0] for v in self.toegepast.get(gemeente_id, [])]

    def apply_scenario(self, path: Path) -> m.Gemeente:
        """Apply a scenario file on top of the scenarios applied to its gemeente before (or on the variant it
        names); from then on it is the gemeente's default situation. Raises LoadErrors."""
        return self._apply(path, self.toegepast, self.toegepast_op)

    def _apply(self, path: Path, toegepast: dict[str, list[m.Gemeente]], toegepast_op: dict[str, str]) -> m.Gemeente:
        """Apply a scenario on top of those in ``toegepast`` (per gemeente, in order; ``toegepast_op``: the variant
        the first built on), and add it there."""
        from journeykit.changes import apply
        from journeykit.loading import load_scenario

        sc = load_scenario(path)

        def fout(key: str, bericht: str) -> LoadErrors:
            p = sc.plaats
            return LoadErrors([LoadError(p.bestand if p else str(path), p.regel_van(key) if p else None, key, bericht)])

        if sc.gemeente not in self.gemeenten:
            raise fout("gemeente", onbekend("gemeente", sc.gemeente, self.gemeenten))
        whole = self.gemeenten[sc.gemeente]
        applied = toegepast.setdefault(sc.gemeente, [])
        known = [v.id for v in whole.varianten] + [v.variant or "" for v in applied]
        if sc.id in known:
            raise fout("id", f"'{sc.id}' is al een variant of scenario van {whole.id}: geef het scenario een andere id")
        if sc.variant is not None and sc.variant not in known:
            raise fout("variant", onbekend("variant", sc.variant, known) + f" voor {whole.id}")
        named = next((v for v in applied if v.variant == sc.variant), None)
        if named is not None:
            base = named  # it builds on a scenario applied before it
        elif applied and sc.variant in (None, toegepast_op[whole.id]):
            base = applied[-1]  # applied in order: on top of the one before
        elif applied:
            raise fout(
                "variant",
                f"dit scenario bouwt voort op variant '{sc.variant}', maar het scenario ervoor op "
                f"'{toegepast_op[whole.id]}': twee scenario's voor {whole.id} moeten op elkaar voortbouwen",
            )
        else:
            base = whole.in_variant(sc.variant)
            toegepast_op[whole.id] = base.variant or ""
        view = apply(whole, sc, base)
        applied.append(view)
        return view

    def ingang_naam(self, gemeente_id: str, ingang_id: str) -> str:
        """An ingang's name, in whichever variant it exists; its id when the gemeente does not have it."""
        g = self.gemeenten.get(gemeente_id)
        return g.ingang_naam(ingang_id) if g else ingang_id

    def principe_naam(self, gemeente_id: str, principe_id: str) -> str:
        """A principle's readable name; its id when the gemeente does not name it."""
        g = self.gemeenten.get(gemeente_id)
        return next((p.naam for p in g.principes if p.id == principe_id), principe_id) if g else principe_id

    def persona(self, persona_id: str) -> m.Persona:
        if persona_id not in self.personas:
            raise UnknownName(
                onbekend("persona", persona_id, self.personas)
                + "; "
                + keuzes(sorted(self.personas), "journeykit list personas")
            )
        return self.personas[persona_id]

    def sleutelmoment(self, sm_id: str) -> m.Sleutelmoment:
        if sm_id not in self.sleutelmomenten:
            raise UnknownName(
                onbekend("sleutelmoment", sm_id, self.sleutelmomenten)
                + "; "
                + keuzes(sorted(self.sleutelmomenten), "journeykit list sleutelmomenten")
            )
        return self.sleutelmomenten[sm_id]

    def replace_gemeente(self, g: m.Gemeente) -> None:
        """Put ``g`` in the place of the gemeente with its id (a test or a what-if), with fresh walkers."""
        self.gemeenten[g.id] = g
        self._walkers = {k: w for k, w in self._walkers.items() if k[0] != g.id}

    def walker(self, gemeente_id: str, variant: str | None = None) -> Walker:
        g = self.gemeente(gemeente_id, variant)
        assert g.variant is not None  # self.gemeente gives the gemeente in one variant
        key = (g.id, g.variant)
        if key not in self._walkers:
            self._walkers[key] = Walker(g, beslisser=self.route_by_plugin)
        return self._walkers[key]

    def route_by_plugin(
        self, beslisser: str, gemeente: m.Gemeente, ingang: m.Ingang, situatie: Situatie
    ) -> m.Actie | None:
        """The first valid action a routing plugin gives; a plugin that fails or returns nonsense is skipped."""
        ingangen = {i.id for i in gemeente.ingangen}

        def valid(result: Any) -> m.Actie:
            # The walker trusts its actions; a plugin's must be as valid as a rule's 'dan' in YAML.
            reden = check_actie(result, ingangen)
            if reden:
                raise Unusable(f"beslisser '{beslisser}' {reden}; dit antwoord is genegeerd")
            return result

        for _, result in self.plugins.call_each(
            "journeykit_route", convert=valid, beslisser=beslisser, gemeente=gemeente, ingang=ingang, situatie=situatie
        ):
            return result
        return None

    def walk(
        self,
        gemeente: str,
        persona: str,
        sleutelmoment: str,
        variant: str | None = None,
        ingang: str | None = None,
        vraag: str | None = None,
        chooser: Chooser | None = None,
    ) -> m.Journey:
        """One journey, with clear errors for names that do not exist; ``chooser``: see ``Walker.walk``."""
        w = self.walker(gemeente, variant)
        p = self.persona(persona)
        sm = self.sleutelmoment(sleutelmoment)
        if vraag is not None and vraag not in {v.id for v in sm.vragen}:
            ids = [v.id for v in sm.vragen]
            raise UnknownName(onbekend("vraag", vraag, ids) + f" bij {sm.id}; {keuzes(ids)}")
        if ingang is not None and ingang not in w.ingangen:
            raise UnknownName(
                onbekend("ingang", ingang, w.ingangen) + f" in {w.gemeente.id} "
                f"({w.gemeente.variant}); {keuzes(sorted(w.ingangen), 'journeykit list ingangen')}"
            )
        return w.walk(p, sm, vraag, ingang, chooser=chooser)

    def situatie_van(self, reis: m.Reiscasus) -> m.Gemeente:
        """The gemeente as a journey case is walked in: in its own scenarios, or in its variant (for which a
        scenario applied in this run stands in). Raises LoadErrors for a scenario that cannot be applied."""
        if not reis.scenarios:
            return self.gemeente(reis.gemeente, self.variant_van(reis))
        here = Path(reis.plaats.bestand).parent if reis.plaats else self.root
        paths = tuple(here / p for p in reis.scenarios)
        key = (reis.gemeente, "\0".join(map(str, paths)))
        if key not in self._eigen:
            toegepast: dict[str, list[m.Gemeente]] = {}
            op: dict[str, str] = {}

            def fout(bericht: str) -> LoadErrors:
                line = reis.plaats.regel_van("scenarios") if reis.plaats else None
                return LoadErrors([LoadError(_where(reis)[0], line, "scenarios", bericht)])

            for path in paths:
                if not path.is_file():
                    raise fout(f"scenariobestand '{path}' bestaat niet")
                view = self._apply(path, toegepast, op)
                if view.id != reis.gemeente:
                    raise fout(f"scenario '{path}' gaat over {view.id}, niet over {reis.gemeente}")
            self._eigen[key] = toegepast[reis.gemeente][-1]
        return self._eigen[key]

    def variant_van(self, reis: m.Reiscasus) -> str | None:
        """The situation a journey case is walked in: a scenario applied in this run stands in for the variant it
        builds on."""
        applied = self.toegepast.get(reis.gemeente)
        if applied and reis.variant in (None, self.toegepast_op[reis.gemeente]):
            return applied[-1].variant
        return reis.variant

    def walk_reis(self, reis: m.Reiscasus, chooser: Chooser | None = None) -> m.Journey:
        """A journey case, walked where it says (``chooser``: see ``Walker.walk``)."""
        if not reis.scenarios:
            return self.walk(
                reis.gemeente,
                reis.persona,
                reis.sleutelmoment,
                self.variant_van(reis),
                reis.eerste_ingang,
                reis.vraag,
                chooser,
            )
        view = self.situatie_van(reis)
        key = (reis.gemeente, "scenarios:" + "\0".join(reis.scenarios) + ":" + str(id(view)))
        if key not in self._walkers:
            self._walkers[key] = Walker(view, beslisser=self.route_by_plugin)
        p, sm = self.persona(reis.persona), self.sleutelmoment(reis.sleutelmoment)
        return self._walkers[key].walk(p, sm, reis.vraag, reis.eerste_ingang, chooser=chooser)


def _as_list(result: Any) -> list[Any]:
    """What a data hook returned, as a plain list (runs inside the plugin guard)."""
    return list(result) if isinstance(result, (list, tuple)) else [result]


def _where(item: Any) -> tuple[str, int | None]:
    p = getattr(item, "plaats", None)
    return (p.bestand, p.regel) if p else ("(plugin)", None)


def _shown(path: Path) -> str:
    """Paths in messages: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (OSError, ValueError):  # also a path resolve() cannot handle: a NUL byte, a name too long
        return str(path)

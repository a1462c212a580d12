"""The records read from YAML: personas, sleutelmomenten, gemeenten with their ingangen and rules, cases.

Each field is declared once, with ``field``: its YAML key, what the loader accepts and its
documentation. Record docstrings are Dutch: the YAML reference shows them to who writes YAML.
"""

from __future__ import annotations

from typing import Any

import attrs

from journeykit.model.base import Herkomst, Plaats, field, herkomst_field, key_of, plaats_field
from journeykit.model.vocabulary import (
    ACTIES,
    AFHANKELIJKHEID,
    DIGITAAL,
    GELETTERDHEID,
    HUISHOUDENS,
    INGANG_SOORTEN,
    KANALEN,
    KWETSBAARHEID,
    LEVENSGEBIEDEN,
    NAMENS,
    NIVEAUS,
    OVERDRACHTEN,
    REACTIVITEIT,
    SOORTEN,
    STIPTHEID,
    TOETS_SOORTEN,
    UITKOMSTEN,
    URGENTIES,
    VINDPLAATSEN,
    WMO_SOORTEN,
)


@attrs.frozen
class Kosten:
    """Kosten per cliënt van een activiteit (zoals Breda Tabel 1)."""

    bedrag: float = field("Bedrag in euro per cliënt.", bounds=(0, None))
    activiteit: str = field("De activiteit waar het bedrag bij hoort.", default="")
    herkomst: Herkomst = herkomst_field()


@attrs.frozen
class Persona:
    """Een archetype van een inwoner, geclusterd op behoeften, niet op demografie."""

    id: str = field("Unieke naam van de persona.", is_id=True)
    naam: str = field("Weergavenaam.")
    leeftijd: int = field("Leeftijd in jaren.", bounds=(0, 120))
    huishouden: str = field("Samenstelling van het huishouden.", choice=("huishouden", HUISHOUDENS))
    omschrijving: str = field("Wie is dit?", default="")
    kinderen: tuple[int, ...] = field("Leeftijden van thuiswonende kinderen.", default=(), bounds=(0, 30))
    talen: tuple[str, ...] = field(
        "Talen die de persona spreekt (nl, en, ar, ...).", default=("nl",), is_id=True, min_items=1
    )
    digitaal: str = field("Digitale vaardigheid.", default="vaardig", choice=("digitale vaardigheid", DIGITAAL))
    geletterdheid: str = field("Geletterdheid.", default="gemiddeld", choice=("geletterdheid", GELETTERDHEID))
    voorkeur_kanalen: tuple[str, ...] = field(
        "Kanalen in volgorde van voorkeur.", default=("telefoon",), choice=("kanaal", KANALEN), min_items=1
    )
    afhankelijkheid: str | None = field(
        "Afhankelijkheid (as van Rotterdam Langer Thuis).", default=None, choice=("afhankelijkheid", AFHANKELIJKHEID)
    )
    reactiviteit: str | None = field(
        "Reactiviteit (as van Rotterdam Langer Thuis).", default=None, choice=("reactiviteit", REACTIVITEIT)
    )
    kwetsbaarheid: str | None = field(
        "Kwetsbaarheid (as van Rotterdam doelgroepenvervoer).", default=None, choice=("kwetsbaarheid", KWETSBAARHEID)
    )
    stiptheid: str | None = field(
        "Behoefte aan stiptheid (Rotterdam doelgroepenvervoer).", default=None, choice=("stiptheid", STIPTHEID)
    )
    doorzettingsvermogen: int = field(
        "Hoe vaak de persona na een verwijzing zelf opnieuw contact legt (koud of lauw) voordat hij afhaakt.",
        default=2,
        bounds=(0, 20),
    )
    namens: str = field("Namens wie de persona meestal vraagt.", default="zelf", choice=("namens", NAMENS))
    vindplaatsen: tuple[str, ...] = field(
        "Plekken waar de persona vaak komt.", default=(), choice=("vindplaats", VINDPLAATSEN)
    )
    groep: str = field("Label om persona's te groeperen (bijvoorbeeld de bron).", default="")
    herkomst: Herkomst = herkomst_field()
    plaats: Plaats | None = plaats_field()

    @property
    def heeft_kinderen(self) -> bool:
        return bool(self.kinderen)

    @property
    def spreekt_nederlands(self) -> bool:
        return "nl" in self.talen


@attrs.frozen
class Vraag:
    """Een vraag die een sleutelmoment oproept."""

    id: str = field("Naam van de vraag, uniek binnen het sleutelmoment.", is_id=True)
    omschrijving: str = field("De vraag in de woorden van de inwoner.")
    levensgebied: str = field("Levensgebied.", choice=("levensgebied", LEVENSGEBIEDEN))
    soort: str = field("Soort vraag.", choice=("soort vraag", SOORTEN))
    urgentie: str = field("Hoe dringend.", default="normaal", choice=("urgentie", URGENTIES))
    veiligheid: bool = field("Is de veiligheid in het geding?", default=False)
    namens: str | None = field("Namens wie; anders die van de persona.", default=None, choice=("namens", NAMENS))
    melding: bool = field("Wil de inwoner meteen een formele Wmo-melding doen?", default=False)
    onderliggend: str | None = field(
        "De vraag achter de vraag (id in hetzelfde sleutelmoment).", default=None, ref="vraag"
    )

    @property
    def wmo(self) -> bool:
        return self.soort in WMO_SOORTEN


@attrs.frozen
class Notitie:
    """Hoe een persona een sleutelmoment beleeft en hoe organisaties erop inspelen (Rotterdam)."""

    persona: str = field("De persona.", ref="persona")
    zo_denken_zij: str = field("ZO DENKEN ZIJ.", default="")
    speel_er_zo_op_in: str = field("SPEEL ER ZO OP IN.", default="")
    herkomst: Herkomst = herkomst_field()


@attrs.frozen
class Sleutelmoment:
    """Een moment in een leven waarop behoeften veranderen."""

    id: str = field("Unieke naam.", is_id=True)
    naam: str = field("Weergavenaam.")
    vragen: tuple[Vraag, ...] = field("De vragen die het oproept; de eerste is de standaard hoofdvraag.", min_items=1)
    omschrijving: str = field("Wat er gebeurt.", default="")
    vindplaatsen: tuple[str, ...] = field(
        "Waar dit moment vaak opvalt.", default=(), choice=("vindplaats", VINDPLAATSEN)
    )
    notities: tuple[Notitie, ...] = field("Per persona: zo denken zij / speel er zo op in.", default=())
    voor: Conditie | None = field(
        "Voor wie dit moment kan gebeuren: een conditie op de persona (leeftijd, huishouden, kinderen, ...); "
        "weglaten = voor iedereen. Analyses slaan persona's over voor wie het niet kan gebeuren.",
        default=None,
    )
    herkomst: Herkomst = herkomst_field()
    plaats: Plaats | None = plaats_field()

    def vraag(self, vraag_id: str) -> Vraag:
        for v in self.vragen:
            if v.id == vraag_id:
                return v
        raise KeyError(vraag_id)

    def notitie(self, persona_id: str) -> Notitie | None:
        return next((n for n in self.notities if n.persona == persona_id), None)


@attrs.frozen
class Doelgroep:
    """Voor wie een ingang bedoeld is."""

    leeftijd_vanaf: int | None = field("Minimumleeftijd (inclusief).", default=None, bounds=(0, 120))
    leeftijd_tot: int | None = field("Leeftijdsgrens (exclusief).", default=None, bounds=(0, 121))
    omschrijving: str = field("Omschrijving van de doelgroep.", default="")

    def past(self, leeftijd: int) -> bool:
        if self.leeftijd_vanaf is not None and leeftijd < self.leeftijd_vanaf:
            return False
        return self.leeftijd_tot is None or leeftijd < self.leeftijd_tot


@attrs.frozen
class Ingang:
    """Een ingang, team of vindplaats waar een inwoner met een vraag terecht kan."""

    id: str = field("Unieke naam binnen de gemeente.", is_id=True)
    naam: str = field("Weergavenaam.")
    soort: str = field("Loket, team, vindplaats of organisatie.", choice=("soort ingang", INGANG_SOORTEN))
    kanalen: tuple[str, ...] = field(
        "Kanalen waarlangs de ingang bereikbaar is.", choice=("kanaal", KANALEN), min_items=1
    )
    stappen: tuple[str, ...] = field("Welke klantreisstappen de ingang uitvoert.", ref="klantreisstap", min_items=1)
    organisatie: str = field("Wie de ingang bemenst (organisaties worden geteld).", default="")
    omschrijving: str = field("Wat de ingang doet.", default="")
    talen: tuple[str, ...] = field("Talen waarin de ingang helpt.", default=("nl",), is_id=True, min_items=1)
    bereikbaarheid: str = field("Openingstijden en bereikbaarheid.", default="")
    doelgroep: Doelgroep = field("Voor wie de ingang bedoeld is.", default=Doelgroep())
    deelt_dossier_met: tuple[str, ...] = field("Ingangen waarmee een dossier gedeeld wordt.", default=(), ref="ingang")
    wachttijd_dagen: int | None = field(
        "Dagen voordat de inwoner hier geholpen wordt; weglaten = onbekend (nooit 0 als niemand het weet).",
        default=None,
        bounds=(0, 3650),
    )
    eerste_contact: bool = field("Kan een inwoner hier zelf beginnen?", default=True)
    vindplaats: str | None = field("Welke algemene plek dit is.", default=None, choice=("vindplaats", VINDPLAATSEN))
    taak: tuple[str, ...] = field(
        "Welke soorten vragen deze ingang zelf kan oplossen; weglaten = alle. Lost een regel hier een andere soort "
        "op, dan is de uitkomst 'buiten de eigen taak': een verkeerde deur.",
        default=(),
        choice=("soort vraag", SOORTEN),
    )
    kosten: Kosten | None = field("Kosten per cliënt van deze ingang; weglaten = onbekend.", default=None)
    regie: bool = field(
        "Neemt deze plek de regie over alle vragen van een huishouden (één plan, één regisseur)?", default=False
    )
    varianten: tuple[str, ...] = field("Alleen in deze varianten (weglaten: in alle).", default=(), ref="variant")
    herkomst: Herkomst = herkomst_field()
    plaats: Plaats | None = plaats_field()


# --- conditions ---------------------------------------------------------------------
# A rule's condition (`als`) is data: a small tree of these frozen classes, built by the
# loader from YAML. `conditions.py` gives it meaning (one visitor; compiling, describing and
# listing the fields used are each one function).


@attrs.frozen
class Vergelijking:
    """A field compared with values: every comparison must hold (``leeftijd >= 18 en < 65``)."""

    veld: str  # a name from conditions.FIELDS, e.g. "persona.leeftijd"
    vergelijkingen: tuple[tuple[str, Any], ...]  # (operator, value); a value for 'in' is a tuple


@attrs.frozen
class Alle:
    """Every part holds."""

    delen: tuple[Conditie, ...]


@attrs.frozen
class EenVan:
    """At least one part holds."""

    delen: tuple[Conditie, ...]


@attrs.frozen
class Niet:
    """The part does not hold."""

    deel: Conditie


Conditie = Vergelijking | Alle | EenVan | Niet


@attrs.frozen
class Actie:
    """Wat er gebeurt als de regel past."""

    soort: str = field("Soort actie.", name="actie", choice=("actie", ACTIES))
    niveau: str | None = field(
        "Niveau van de oplossing (oplossen, samenwerken).", default=None, choice=("niveau", NIVEAUS)
    )
    waar: str = field("Waar of hoe de vraag wordt opgelost.", default="")
    naar: str | None = field("Ingang waarnaar verwezen wordt (verwijzen).", default=None, ref="ingang")
    overdracht: str | None = field(
        "Warm, lauw of koud (verwijzen). Warm: de volgende plek neemt het over. Lauw: de informatie gaat mee, maar"
        " de inwoner neemt zelf contact op. Koud: de inwoner begint opnieuw en vertelt zijn verhaal opnieuw.",
        default=None,
        choice=("overdracht", OVERDRACHTEN),
    )
    noemt: str | None = field("De plek die genoemd wordt bij afwijzen.", default=None, ref="ingang")
    met: tuple[str, ...] = field("Met wie wordt samengewerkt (samenwerken).", default=(), ref="ingang", min_items=1)
    dagen: int = field("Extra dagen wachten.", default=0, bounds=(0, 3650))
    beslisser: str | None = field("Naam van de Python-beslisser (python).", default=None, is_id=True)
    kosten: Kosten | None = field("Kosten per cliënt van deze stap.", default=None)


@attrs.frozen
class Kans:
    """Een mogelijke afloop van een regel, met haar kans ('meestal', 'soms', 'regelmatig')."""

    kans: float = field("De kans, van 0 tot 1; de kansen van een regel tellen samen op tot 1.", bounds=(0, 1))
    dan: Actie = field("Wat er dan gebeurt.")
    bereik: tuple[float, ...] = field(
        "Onder- en bovengrens van de kans als niemand haar precies weet ([0.2, 0.4]), voor gevoeligheid.",
        default=(),
        bounds=(0, 1),
    )
    herkomst: Herkomst = herkomst_field()
    plaats: Plaats | None = plaats_field()


@attrs.frozen
class RegelActie(Actie):
    """Wat er gebeurt als de regel past: één actie, of (met `kansen`) een van meer aflopen, elk met een kans."""

    soort: str = field(
        "Soort actie; weglaten bij kansen.", name="actie", default="kansen", choice=("actie", ACTIES + ("kansen",))
    )
    kansen: tuple[Kans, ...] = field("De mogelijke aflopen, elk met een kans (samen 1).", default=())

    @property
    def acties(self) -> tuple[Actie, ...]:
        """Every action the rule can take: its own, or that of each of its kansen."""
        return tuple(k.dan for k in self.kansen) if self.kansen else (self,)


@attrs.frozen
class Regel:
    """Een routeregel: als de conditie past bij deze ingang, dan deze actie. De eerste passende regel beslist."""

    id: str = field("Unieke naam binnen de gemeente.", is_id=True)
    bij: str = field("De ingang waar de regel geldt.", ref="ingang")
    dan: RegelActie = field("De actie.")
    als: Conditie | None = field("Conditie over persona, vraag, casus en reis; weglaten = altijd.", default=None)
    toelichting: str = field("Uitleg in gewone taal.", default="")
    ervaring: int | None = field("Ervaringsscore van deze stap (1 slecht .. 5 goed).", default=None, bounds=(1, 5))
    kenmerken: tuple[str, ...] = field("Labels voor principetoetsen (zoals wmo-melding).", default=(), is_id=True)
    varianten: tuple[str, ...] = field("Alleen in deze varianten (weglaten: in alle).", default=(), ref="variant")
    herkomst: Herkomst = herkomst_field()
    plaats: Plaats | None = plaats_field()

    @property
    def acties(self) -> tuple[Actie, ...]:
        """Every action the rule can take: its own, or that of each of its kansen (a rule made in Python may
        hold a plain Actie)."""
        return self.dan.acties if isinstance(self.dan, RegelActie) else (self.dan,)


@attrs.frozen
class Toets:
    """Hoe een principe op een gelopen reis wordt getoetst."""

    soort: str = field("Soort toets.", choice=("toets", TOETS_SOORTEN))
    waarde: int | None = field("Grens (max-contacten, max-herhalingen).", default=None, bounds=(0, 100))
    als: str | None = field("Kenmerk dat de eis oproept (kenmerk-vereist).", default=None, is_id=True)
    dan: str | None = field("Kenmerk dat dan ook moet voorkomen (kenmerk-vereist).", default=None, is_id=True)


@attrs.frozen
class Principe:
    """Een belofte of uitgangspunt van de gemeente, toetsbaar op elke reis."""

    id: str = field("Unieke naam binnen de gemeente.", is_id=True)
    naam: str = field("Weergavenaam.")
    omschrijving: str = field("De belofte in de woorden van de gemeente.", default="")
    toets: Toets | None = field("Ingebouwde toets; zonder toets toetst alleen een plugin dit principe.", default=None)
    herkomst: Herkomst = herkomst_field()


@attrs.frozen
class KlantreisStap:
    """Een stap van de klantreis zoals de gemeente die noemt."""

    id: str = field("Unieke naam.", is_id=True)
    naam: str = field("Weergavenaam.")
    omschrijving: str = field("Wat er in deze stap gebeurt.", default="")
    herkomst: Herkomst = herkomst_field()


@attrs.frozen
class Klantreis:
    """De klantreis van de gemeente."""

    naam: str = field("Naam van de klantreis.")
    stappen: tuple[KlantreisStap, ...] = field("De stappen in volgorde.", min_items=1)


@attrs.frozen
class Variant:
    """Een situatie van de gemeente (bijvoorbeeld oud en nieuw)."""

    id: str = field("Unieke naam.", is_id=True)
    naam: str = field("Weergavenaam.")
    omschrijving: str = field("Wat deze situatie kenmerkt.", default="")
    vervangt: str | None = field(
        "De situatie die deze vervangt (de oude). Verschillen lopen altijd van oud naar nieuw.",
        default=None,
        ref="variant",
    )
    reconstructie: bool = field(
        "Staat deze situatie niet als zodanig in de bronnen, maar is ze door ons opgebouwd? Elke vergelijking "
        "met haar zegt dat dan.",
        default=False,
    )
    herkomst: Herkomst = herkomst_field()


@attrs.frozen
class Gemeente:
    """Een gemeente: naam, klantreis, varianten en principes.

    Its ingangen and regels are read from the files' `ingangen` and `regels` lists, not from
    the `gemeente` mapping; ``in_variant`` gives one situation.
    """

    id: str = field("Unieke naam van de gemeente.", is_id=True)
    naam: str = field("Weergavenaam.")
    klantreis: Klantreis = field("De klantreis.")
    # Not YAML keys of `gemeente`. mypy's attrs plugin takes every field() for one with a default,
    # so it thinks these required fields follow defaulted ones; attrs itself knows better.
    ingangen: tuple[Ingang, ...]  # type: ignore[misc]
    regels: tuple[Regel, ...]  # type: ignore[misc]
    varianten: tuple[Variant, ...] = field("De situaties.", min_items=1)
    standaard_variant: str = field("De variant die geldt als er geen gekozen is.", ref="variant")
    principes: tuple[Principe, ...] = field("Beloften en uitgangspunten.", default=())
    eerst: tuple[str, ...] = field(
        "Soorten vragen die in een huishouden met meer vragen eerst aan de beurt zijn (bijvoorbeeld schulden); de"
        " andere vragen wachten daar niet op.",
        default=(),
        choice=("soort vraag", SOORTEN),
    )
    omschrijving: str = field("Korte omschrijving.", default="")
    voor: Conditie | None = field(
        "Voor welke vragen deze klantreis is: een conditie op de vraag (bijvoorbeeld alleen vervoer); weglaten = "
        "alle vragen. Analyses slaan vragen over waarvoor ze niet is.",
        default=None,
    )
    herkomst: Herkomst = herkomst_field()
    plaats: Plaats | None = plaats_field()
    # Read from the files' `risicos` list, like the ingangen and regels.
    risicos: tuple[Risico, ...] = ()
    # Read from the files' `aandelen` list: shares the sources give, that `check` holds the model to.
    aandelen: tuple[Aandeel, ...] = ()
    # Set by ``in_variant``: which situation this view is. None = all variants.
    variant: str | None = None

    def in_variant(self, variant: str | None = None) -> Gemeente:
        """The gemeente as it is in one variant (default: the standard one)."""
        v = variant or self.standaard_variant
        if v not in {x.id for x in self.varianten}:
            raise KeyError(v)
        return attrs.evolve(
            self,
            ingangen=tuple(i for i in self.ingangen if not i.varianten or v in i.varianten),
            regels=tuple(r for r in self.regels if not r.varianten or v in r.varianten),
            variant=v,
        )

    def ingang(self, ingang_id: str) -> Ingang:
        for i in self.ingangen:
            if i.id == ingang_id:
                return i
        raise KeyError(ingang_id)

    def ingang_naam(self, ingang_id: str | None) -> str:
        """The name of an ingang for people to read; its id when this gemeente has no such ingang."""
        if ingang_id is None:
            return "-"
        return next((i.naam for i in self.ingangen if i.id == ingang_id), ingang_id)

    def risicos_in_variant(self) -> tuple[Risico, ...]:
        """The risks the sources name for the situation this view is."""
        return tuple(r for r in self.risicos if (r.variant or self.standaard_variant) == self.variant)

    def overgangen(self) -> list[tuple[str, str]]:
        """The (old, new) pairs of situations: from `vervangt`, else the variants in the order written."""
        declared = [(v.vervangt, v.id) for v in self.varianten if v.vervangt is not None]
        if declared:
            return declared
        ids = [v.id for v in self.varianten]
        return list(zip(ids, ids[1:], strict=False))

    def variant_naam(self) -> str:
        for v in self.varianten:
            if v.id == self.variant:
                return v.naam
        return self.variant or ""


@attrs.frozen
class Verwachting:
    """Wat de bron verwacht van deze reis; `journeykit check` toetst elk punt."""

    uitkomst: str | None = field("Verwachte uitkomst.", default=None, choice=("uitkomst", UITKOMSTEN))
    niveau: str | None = field("Verwacht niveau van de oplossing.", default=None, choice=("niveau", NIVEAUS))
    eindigt_bij: str | None = field("Ingang waar de reis eindigt.", default=None, ref="ingang")
    bereikt: tuple[str, ...] = field("Ingangen die de route moet bezoeken.", default=(), ref="ingang")
    niet_via: tuple[str, ...] = field("Ingangen die de route niet mag bezoeken.", default=(), ref="ingang")
    cyclus: tuple[str, ...] = field(
        "De lus die de reis maakt, als ingangen van begin tot begin ([a, b, a]); waar de lus begint, maakt niet uit.",
        default=(),
        ref="ingang",
    )
    max_contacten: int | None = field("Hoogstens zoveel contacten door de inwoner zelf.", default=None, bounds=(0, 100))
    max_koude_verwijzingen: int | None = field("Hoogstens zoveel koude verwijzingen.", default=None, bounds=(0, 100))
    max_herhalingen: int | None = field(
        "Hoogstens zo vaak het verhaal opnieuw vertellen.", default=None, bounds=(0, 100)
    )
    max_dagen: int | None = field("Hoogstens zoveel dagen wachten.", default=None, bounds=(0, 3650))
    principes_gehaald: tuple[str, ...] = field("Principes die de reis moet halen.", default=(), ref="principe")
    principes_geschonden: tuple[str, ...] = field(
        "Principes die de reis (volgens de bron) schendt.", default=(), ref="principe"
    )
    kans_opgelost: Grenzen | None = field(
        "Waar regels kansen hebben: de kans dat de reis opgelost eindigt ({min: 0.6}).", default=None
    )
    kans_kastje_naar_de_muur: Grenzen | None = field(
        "De kans dat de inwoner rondgestuurd wordt ({max: 0.1}).", default=None
    )
    regisseur: str | None = field(
        "Huishouden (`vragen`): de plek met regie die bij elke vraag meedoet.", default=None, ref="ingang"
    )
    max_professionals: int | None = field(
        "Huishouden: hoogstens zoveel plekken, samen over alle vragen (ook de partners).", default=None, bounds=(0, 100)
    )
    max_organisaties: int | None = field(
        "Huishouden: hoogstens zoveel organisaties, samen over alle vragen.", default=None, bounds=(0, 100)
    )
    max_verteld: int | None = field(
        "Huishouden: hoogstens zo vaak het verhaal verteld, samen over alle vragen.", default=None, bounds=(0, 100)
    )
    toelichting: str = field("Waarom dit verwacht wordt (kans of knelpunt uit de bron).", default="")


@attrs.frozen
class Grenzen:
    """Onder- en bovengrens van een kans."""

    min: float | None = field("Minstens.", default=None, bounds=(0, 1))
    max: float | None = field("Hoogstens.", default=None, bounds=(0, 1))


@attrs.frozen
class Reiscasus:
    """Een reiscasus: persona, sleutelmoment en gemeente, met verwachtingen."""

    id: str = field("Unieke naam.", is_id=True)
    naam: str = field("Weergavenaam.")
    persona: str = field("De persona.", ref="persona")
    sleutelmoment: str = field("Het sleutelmoment.", ref="sleutelmoment")
    gemeente: str = field("De gemeente.", ref="gemeente")
    vraag: str | None = field(
        "De hoofdvraag (standaard de eerste vraag van het sleutelmoment).", default=None, ref="vraag"
    )
    vragen: tuple[str, ...] = field(
        "Een huishouden met meer vragen (twee of meer, in plaats van `vraag`): de reis loopt voor elke vraag en de "
        "verwachtingen gelden voor het huishouden.",
        default=(),
        ref="vraag",
        min_items=2,
    )
    variant: str | None = field("De variant (standaard die van de gemeente).", default=None, ref="variant")
    eerste_ingang: str | None = field(
        "Waar de inwoner begint (standaard: de meest voor de hand liggende).", default=None, ref="ingang"
    )
    scenarios: tuple[str, ...] = field(
        "Scenariobestanden (het pad vanaf dit bestand), in volgorde toegepast: de reis loopt in het laatste.",
        default=(),
    )
    verwachting: Verwachting = field("Verwachtingen.", default=Verwachting())
    herkomst: Herkomst = herkomst_field()
    plaats: Plaats | None = plaats_field()


@attrs.frozen
class NieuweRegel(Regel):
    """Een regel die een scenario toevoegt, met zijn plaats tussen de bestaande regels van die ingang."""

    # A scenario's result is a gemeente of one situation: variant tags mean nothing there.
    varianten: tuple[str, ...] = ()
    positie: str = field(
        "Vooraan (begin, beslist eerst) of achteraan (eind) bij de regels van de ingang.",
        default="begin",
        choice=("positie", ("begin", "eind")),
    )
    voor: str | None = field("Direct voor deze bestaande regel invoegen.", default=None, ref="regel")

    def als_regel(self) -> Regel:
        """The rule itself, without where a scenario puts it."""
        return Regel(**{f.name: getattr(self, f.name) for f in attrs.fields(Regel)})


@attrs.frozen
class IngangWijziging:
    """Een wijziging van een bestaande ingang in een scenario: alleen de genoemde sleutels veranderen."""

    id: str = field("De ingang die verandert.", ref="ingang")
    naam: str | None = field("Nieuwe weergavenaam.", default=None)
    kanalen: tuple[str, ...] | None = field("Nieuwe kanalen.", default=None, choice=("kanaal", KANALEN), min_items=1)
    talen: tuple[str, ...] | None = field("Nieuwe talen.", default=None, is_id=True, min_items=1)
    bereikbaarheid: str | None = field("Nieuwe openingstijden en bereikbaarheid.", default=None)
    wachttijd_dagen: int | None = field("Nieuwe wachttijd in dagen.", default=None, bounds=(0, 3650))
    eerste_contact: bool | None = field("Kan een inwoner hier zelf beginnen?", default=None)
    regie: bool | None = field("Neemt deze plek de regie over alle vragen van een huishouden?", default=None)
    deelt_dossier_met: tuple[str, ...] | None = field(
        "Nieuwe lijst van ingangen met een gedeeld dossier.", default=None, ref="ingang"
    )
    doelgroep: Doelgroep | None = field("Nieuwe doelgroep.", default=None)
    taak: tuple[str, ...] | None = field(
        "Nieuwe taak: welke soorten vragen de ingang zelf kan oplossen.",
        default=None,
        choice=("soort vraag", SOORTEN),
        min_items=1,
    )
    herkomst: Herkomst = herkomst_field()
    plaats: Plaats | None = plaats_field()

    @property
    def wijzigingen(self) -> dict[str, Any]:
        """The ingang's fields that change, with their new values."""
        return {
            f.name: getattr(self, f.name)
            for f in attrs.fields(IngangWijziging)
            if key_of(f) is not None and f.name != "id" and getattr(self, f.name) is not None
        }


@attrs.frozen
class Scenario:
    """Een scenario: een wijziging van een gemeente bovenop een variant, om een nieuwe route te toetsen voordat die
    bestaat."""

    id: str = field("Unieke naam van het scenario.", is_id=True)
    naam: str = field("Weergavenaam.")
    gemeente: str = field("De gemeente.", ref="gemeente")
    variant: str | None = field(
        "De variant waar het scenario op voortbouwt (standaard die van de gemeente).", default=None, ref="variant"
    )
    omschrijving: str = field("Wat het scenario verandert en waarom.", default="")
    ingangen_toevoegen: tuple[Ingang, ...] = field("Nieuwe ingangen.", default=())
    ingangen_verwijderen: tuple[str, ...] = field("Ingangen die verdwijnen (met hun regels).", default=(), ref="ingang")
    ingangen_wijzigen: tuple[IngangWijziging, ...] = field("Wijzigingen van bestaande ingangen.", default=())
    regels_toevoegen: tuple[NieuweRegel, ...] = field("Nieuwe regels.", default=())
    regels_vervangen: tuple[Regel, ...] = field(
        "Regels die een bestaande regel met hetzelfde id vervangen.", default=()
    )
    regels_verwijderen: tuple[str, ...] = field("Regels die verdwijnen.", default=(), ref="regel")
    herkomst: Herkomst = herkomst_field()
    plaats: Plaats | None = plaats_field()


@attrs.frozen
class Risico(Scenario):
    """Een risico dat de bron noemt (een knelpunt van een nieuwe situatie), als benoemde, geciteerde wijziging van de
    regels. Een gemeente levert haar risico's naast haar ingangen en regels; `loops --met-risicos` en
    `diff --met-risicos` laten zien wat elk risico doet."""

    # The gemeente a risk belongs to is the one whose data holds it; the loader fills it in.
    gemeente: str = ""


@attrs.frozen
class Aandeel:
    """Een aandeel dat een bron noemt: welk deel van de gevallen in een situatie een bepaalde uitkomst heeft.

    `journeykit check` telt over alle persona's, sleutelmomenten en vragen die kunnen (vanaf het meest voor de hand
    liggende eerste contact) en toetst het aandeel aan de grenzen. Met `ten_opzichte_van` is het een verhouding:
    het aandeel in `variant` gedeeld door dat in de andere situatie (0,56 = 44 % minder)."""

    id: str = field("Unieke naam binnen de gemeente.", is_id=True)
    naam: str = field("Wat de bron zegt, kort.")
    variant: str = field("De situatie waarover het aandeel gaat.", ref="variant")
    gevallen: Conditie | None = field(
        "Welke gevallen meetellen: een conditie op persona, vraag en casus; weglaten = alle.", default=None
    )
    niveaus: tuple[str, ...] = field(
        "Uitkomstniveaus die meetellen (bijvoorbeeld maatwerk); weglaten = elk niveau.",
        default=(),
        choice=("niveau", NIVEAUS),
    )
    uitkomsten: tuple[str, ...] = field(
        "Uitkomsten die meetellen (bijvoorbeeld opgelost); weglaten = elke uitkomst.",
        default=(),
        choice=("uitkomst", UITKOMSTEN),
    )
    ten_opzichte_van: str | None = field(
        "Een andere situatie: dan is het aandeel een verhouding met het aandeel daar.", default=None, ref="variant"
    )
    minimaal: float | None = field(
        "Ondergrens (een aandeel van 0 tot 1, of een verhouding).", default=None, bounds=(0, None)
    )
    maximaal: float | None = field("Bovengrens.", default=None, bounds=(0, None))
    afwijking: str | None = field(
        "Als het model bekend afwijkt: waarom. journeykit check meldt de afwijking zonder te mislukken; valt het"
        " aandeel toch binnen de grenzen, dan mislukt check tot de afwijking is weggehaald.",
        default=None,
    )
    herkomst: Herkomst = herkomst_field()
    plaats: Plaats | None = plaats_field()
    # The gemeente is the one whose data holds it; the loader fills it in.
    gemeente: str = ""

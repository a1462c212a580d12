"""Every YAML key journeykit accepts, with its type and meaning, in one place.

The loader validates against these records and the reference page of the docs
is generated from them, so documentation and behaviour cannot drift apart.
Descriptions are Dutch: they are read by the people who write the YAML.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from journeykit import model as m

# \A and \Z, not ^ and $: "$" also matches before a final newline, and "jan\n" is not "jan".
ID_PATROON = re.compile(r"\A[a-z0-9][a-z0-9-]{0,79}\Z")


# --- types ---------------------------------------------------------------------


@attrs.frozen
class Tekst:
    uitleg = "tekst"


@attrs.frozen
class Id:
    uitleg = "id (kleine letters, cijfers en '-')"


@attrs.frozen
class Ref:
    """An id that must name an existing thing of ``soort``."""

    soort: str

    @property
    def uitleg(self) -> str:
        return f"id van een {self.soort}"


@attrs.frozen
class Geheel:
    min: int | None = None
    max: int | None = None

    @property
    def uitleg(self) -> str:
        if self.min is not None and self.max is not None:
            return f"geheel getal {self.min}..{self.max}"
        if self.min is not None:
            return f"geheel getal >= {self.min}"
        return "geheel getal"


@attrs.frozen
class Getal:
    min: float | None = None
    uitleg = "getal"


@attrs.frozen
class JaNee:
    uitleg = "true of false"


@attrs.frozen
class Keuze:
    naam: str
    waarden: tuple[str, ...]

    @property
    def uitleg(self) -> str:
        return "een van: " + ", ".join(self.waarden)


@attrs.frozen
class Lijst:
    item: Any
    min_lengte: int = 0

    @property
    def uitleg(self) -> str:
        return f"lijst van {self.item.uitleg}"


@attrs.frozen
class BronType:
    uitleg = "'bestand, sectie' of {bestand, sectie, citaat}"


@attrs.frozen
class ConditieType:
    uitleg = "conditie (zie Condities)"


@attrs.frozen
class Veld:
    naam: str
    type: Any
    doc: str
    verplicht: bool = False
    standaard: Any = None


@attrs.frozen
class Record:
    naam: str
    doc: str
    velden: tuple[Veld, ...]
    # Records that model something from the sources must say where it comes from.
    herkomst: bool = False
    # Both derived in __attrs_post_init__: a takes_self Factory cannot be typed here, since
    # HERKOMST_VELDEN is defined below the class.
    alle_velden: tuple[Veld, ...] = attrs.field(init=False, eq=False, repr=False)
    # The loader looks up every key of every file here.
    _per_naam: dict[str, Veld] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        alle = self.velden + HERKOMST_VELDEN if self.herkomst else self.velden
        # the class is frozen: set the derived fields the way attrs' own __init__ does
        object.__setattr__(self, "alle_velden", alle)
        object.__setattr__(self, "_per_naam", {v.naam: v for v in alle})

    @property
    def uitleg(self) -> str:
        return f"{self.naam} (mapping)"

    def veld(self, naam: str) -> Veld | None:
        return self._per_naam.get(naam)


HERKOMST_VELDEN = (
    Veld("bron", BronType(), "Waar dit vandaan komt: bronbestand en sectie, eventueel met letterlijk citaat."),
    Veld("aanname", Tekst(), "Waarom we dit aannemen, als de bron het niet (volledig) zegt."),
)

BRON = Record(
    "bron",
    "Een bronverwijzing in uitgebreide vorm.",
    (
        Veld("bestand", Tekst(), "Naam van het bronbestand.", verplicht=True),
        Veld("sectie", Tekst(), "Paragraaf, bijlage, figuur of tabel."),
        Veld("citaat", Tekst(), "Letterlijk citaat uit de bron."),
    ),
)

KOSTEN = Record(
    "kosten",
    "Kosten per cliënt van een activiteit (zoals Breda Tabel 1).",
    (
        Veld("bedrag", Getal(min=0), "Bedrag in euro per cliënt.", verplicht=True),
        Veld("activiteit", Tekst(), "De activiteit waar het bedrag bij hoort."),
    ),
    herkomst=True,
)

PERSONA = Record(
    "persona",
    "Een archetype van een inwoner, geclusterd op behoeften, niet op demografie.",
    (
        Veld("id", Id(), "Unieke naam van de persona.", verplicht=True),
        Veld("naam", Tekst(), "Weergavenaam.", verplicht=True),
        Veld("omschrijving", Tekst(), "Wie is dit?"),
        Veld("leeftijd", Geheel(0, 120), "Leeftijd in jaren.", verplicht=True),
        Veld("huishouden", Keuze("huishouden", m.HUISHOUDENS), "Samenstelling van het huishouden.", verplicht=True),
        Veld("kinderen", Lijst(Geheel(0, 30)), "Leeftijden van thuiswonende kinderen.", standaard=[]),
        Veld("talen", Lijst(Id(), 1), "Talen die de persona spreekt (nl, en, ar, ...).", standaard=["nl"]),
        Veld("digitaal", Keuze("digitale vaardigheid", m.DIGITAAL), "Digitale vaardigheid.", standaard="vaardig"),
        Veld("geletterdheid", Keuze("geletterdheid", m.GELETTERDHEID), "Geletterdheid.", standaard="gemiddeld"),
        Veld(
            "voorkeur_kanalen",
            Lijst(Keuze("kanaal", m.KANALEN), 1),
            "Kanalen in volgorde van voorkeur.",
            standaard=["telefoon"],
        ),
        Veld("afhankelijkheid", Keuze("afhankelijkheid", m.AFHANKELIJKHEID), "As van Rotterdam Langer Thuis."),
        Veld("reactiviteit", Keuze("reactiviteit", m.REACTIVITEIT), "As van Rotterdam Langer Thuis."),
        Veld("kwetsbaarheid", Keuze("kwetsbaarheid", m.KWETSBAARHEID), "As van Rotterdam doelgroepenvervoer."),
        Veld("stiptheid", Keuze("stiptheid", m.STIPTHEID), "Behoefte aan stiptheid (Rotterdam doelgroepenvervoer)."),
        Veld("doorzettingsvermogen", Geheel(0, 20), "Aantal koude verwijzingen dat de persona verdraagt.", standaard=2),
        Veld("namens", Keuze("namens", m.NAMENS), "Namens wie de persona meestal vraagt.", standaard="zelf"),
        Veld(
            "vindplaatsen",
            Lijst(Keuze("vindplaats", m.VINDPLAATSEN)),
            "Plekken waar de persona vaak komt.",
            standaard=[],
        ),
        Veld("groep", Tekst(), "Label om persona's te groeperen (bijvoorbeeld de bron)."),
    ),
    herkomst=True,
)

VRAAG = Record(
    "vraag",
    "Een vraag die een sleutelmoment oproept.",
    (
        Veld("id", Id(), "Naam van de vraag, uniek binnen het sleutelmoment.", verplicht=True),
        Veld("omschrijving", Tekst(), "De vraag in de woorden van de inwoner.", verplicht=True),
        Veld("levensgebied", Keuze("levensgebied", m.LEVENSGEBIEDEN), "Levensgebied.", verplicht=True),
        Veld("soort", Keuze("soort vraag", m.SOORTEN), "Soort vraag.", verplicht=True),
        Veld("urgentie", Keuze("urgentie", m.URGENTIES), "Hoe dringend.", standaard="normaal"),
        Veld("veiligheid", JaNee(), "Is de veiligheid in het geding?", standaard=False),
        Veld("namens", Keuze("namens", m.NAMENS), "Namens wie; anders die van de persona."),
        Veld("melding", JaNee(), "Wil de inwoner meteen een formele Wmo-melding doen?", standaard=False),
        Veld("onderliggend", Ref("vraag"), "De vraag achter de vraag (id in hetzelfde sleutelmoment)."),
    ),
)

NOTITIE = Record(
    "notitie",
    "Hoe een persona een sleutelmoment beleeft en hoe organisaties erop inspelen (Rotterdam).",
    (
        Veld("persona", Ref("persona"), "De persona.", verplicht=True),
        Veld("zo_denken_zij", Tekst(), "ZO DENKEN ZIJ."),
        Veld("speel_er_zo_op_in", Tekst(), "SPEEL ER ZO OP IN."),
    ),
    herkomst=True,
)

SLEUTELMOMENT = Record(
    "sleutelmoment",
    "Een moment in een leven waarop behoeften veranderen.",
    (
        Veld("id", Id(), "Unieke naam.", verplicht=True),
        Veld("naam", Tekst(), "Weergavenaam.", verplicht=True),
        Veld("omschrijving", Tekst(), "Wat er gebeurt."),
        Veld("vindplaatsen", Lijst(Keuze("vindplaats", m.VINDPLAATSEN)), "Waar dit moment vaak opvalt.", standaard=[]),
        Veld(
            "vragen",
            Lijst(VRAAG, 1),
            "De vragen die het oproept; de eerste is de standaard hoofdvraag.",
            verplicht=True,
        ),
        Veld("notities", Lijst(NOTITIE), "Per persona: zo denken zij / speel er zo op in.", standaard=[]),
    ),
    herkomst=True,
)

DOELGROEP = Record(
    "doelgroep",
    "Voor wie een ingang bedoeld is.",
    (
        Veld("leeftijd_vanaf", Geheel(0, 120), "Minimumleeftijd (inclusief)."),
        Veld("leeftijd_tot", Geheel(0, 121), "Leeftijdsgrens (exclusief)."),
        Veld("omschrijving", Tekst(), "Omschrijving van de doelgroep."),
    ),
)

INGANG = Record(
    "ingang",
    "Een ingang, team of vindplaats waar een inwoner met een vraag terecht kan.",
    (
        Veld("id", Id(), "Unieke naam binnen de gemeente.", verplicht=True),
        Veld("naam", Tekst(), "Weergavenaam.", verplicht=True),
        Veld(
            "soort", Keuze("soort ingang", m.INGANG_SOORTEN), "Loket, team, vindplaats of organisatie.", verplicht=True
        ),
        Veld("organisatie", Tekst(), "Wie de ingang bemenst (organisaties worden geteld)."),
        Veld("omschrijving", Tekst(), "Wat de ingang doet."),
        Veld(
            "kanalen",
            Lijst(Keuze("kanaal", m.KANALEN), 1),
            "Kanalen waarlangs de ingang bereikbaar is.",
            verplicht=True,
        ),
        Veld("talen", Lijst(Id(), 1), "Talen waarin de ingang helpt.", standaard=["nl"]),
        Veld("bereikbaarheid", Tekst(), "Openingstijden en bereikbaarheid."),
        Veld("doelgroep", DOELGROEP, "Voor wie de ingang bedoeld is."),
        Veld("stappen", Lijst(Ref("klantreisstap"), 1), "Welke klantreisstappen de ingang uitvoert.", verplicht=True),
        Veld("deelt_dossier_met", Lijst(Ref("ingang")), "Ingangen waarmee een dossier gedeeld wordt.", standaard=[]),
        Veld("wachttijd_dagen", Geheel(0, 3650), "Dagen voordat de inwoner hier geholpen wordt.", standaard=0),
        Veld("eerste_contact", JaNee(), "Kan een inwoner hier zelf beginnen?", standaard=True),
        Veld("vindplaats", Keuze("vindplaats", m.VINDPLAATSEN), "Welke algemene plek dit is."),
        Veld("kosten", KOSTEN, "Kosten per cliënt van deze ingang."),
        Veld("varianten", Lijst(Ref("variant")), "Alleen in deze varianten (weglaten: in alle)."),
    ),
    herkomst=True,
)

ACTIE = Record(
    "actie",
    "Wat er gebeurt als de regel past.",
    (
        Veld("actie", Keuze("actie", m.ACTIES), "Soort actie.", verplicht=True),
        Veld("niveau", Keuze("niveau", m.NIVEAUS), "Niveau van de oplossing (oplossen, samenwerken)."),
        Veld("waar", Tekst(), "Waar of hoe de vraag wordt opgelost."),
        Veld("naar", Ref("ingang"), "Ingang waarnaar verwezen wordt (verwijzen)."),
        Veld("overdracht", Keuze("overdracht", m.OVERDRACHTEN), "Warm of koud (verwijzen)."),
        Veld("noemt", Ref("ingang"), "De plek die genoemd wordt bij afwijzen."),
        Veld("met", Lijst(Ref("ingang"), 1), "Met wie wordt samengewerkt (samenwerken)."),
        Veld("dagen", Geheel(0, 3650), "Extra dagen wachten.", standaard=0),
        Veld("beslisser", Id(), "Naam van de Python-beslisser (python)."),
        Veld("kosten", KOSTEN, "Kosten per cliënt van deze stap."),
    ),
)

# Which action keys each action needs, and which it allows.
ACTIE_VELDEN = {
    "oplossen": ({"niveau"}, {"waar"}),
    "samenwerken": ({"niveau", "met"}, {"waar"}),
    "verwijzen": ({"naar", "overdracht"}, set()),
    "afwijzen": (set(), {"noemt"}),
    "wachten": ({"dagen"}, set()),
    "verhelderen": (set(), set()),
    "python": ({"beslisser"}, set()),
}
ACTIE_ALTIJD = {"actie", "dagen", "kosten"}

REGEL = Record(
    "regel",
    "Een routeregel: als de conditie past bij deze ingang, dan deze actie. De eerste passende regel beslist.",
    (
        Veld("id", Id(), "Unieke naam binnen de gemeente.", verplicht=True),
        Veld("bij", Ref("ingang"), "De ingang waar de regel geldt.", verplicht=True),
        Veld("als", ConditieType(), "Conditie over persona, vraag, casus en reis; weglaten = altijd."),
        Veld("dan", ACTIE, "De actie.", verplicht=True),
        Veld("toelichting", Tekst(), "Uitleg in gewone taal."),
        Veld("ervaring", Geheel(1, 5), "Ervaringsscore van deze stap (1 slecht .. 5 goed)."),
        Veld("kenmerken", Lijst(Id()), "Labels voor principetoetsen (zoals wmo-melding).", standaard=[]),
        Veld("varianten", Lijst(Ref("variant")), "Alleen in deze varianten (weglaten: in alle)."),
    ),
    herkomst=True,
)

TOETS = Record(
    "toets",
    "Hoe een principe op een gelopen reis wordt getoetst.",
    (
        Veld("soort", Keuze("toets", m.TOETS_SOORTEN), "Soort toets.", verplicht=True),
        Veld("waarde", Geheel(0, 100), "Grens (max-contacten, max-herhalingen)."),
        Veld("als", Id(), "Kenmerk dat de eis oproept (kenmerk-vereist)."),
        Veld("dan", Id(), "Kenmerk dat dan ook moet voorkomen (kenmerk-vereist)."),
    ),
)

PRINCIPE = Record(
    "principe",
    "Een belofte of uitgangspunt van de gemeente, toetsbaar op elke reis.",
    (
        Veld("id", Id(), "Unieke naam binnen de gemeente.", verplicht=True),
        Veld("naam", Tekst(), "Weergavenaam.", verplicht=True),
        Veld("omschrijving", Tekst(), "De belofte in de woorden van de gemeente."),
        Veld("toets", TOETS, "Ingebouwde toets; zonder toets toetst alleen een plugin dit principe."),
    ),
    herkomst=True,
)

KLANTREISSTAP = Record(
    "klantreisstap",
    "Een stap van de klantreis zoals de gemeente die noemt.",
    (
        Veld("id", Id(), "Unieke naam.", verplicht=True),
        Veld("naam", Tekst(), "Weergavenaam.", verplicht=True),
        Veld("omschrijving", Tekst(), "Wat er in deze stap gebeurt."),
    ),
    herkomst=True,
)

KLANTREIS = Record(
    "klantreis",
    "De klantreis van de gemeente.",
    (
        Veld("naam", Tekst(), "Naam van de klantreis.", verplicht=True),
        Veld("stappen", Lijst(KLANTREISSTAP, 1), "De stappen in volgorde.", verplicht=True),
    ),
)

VARIANT = Record(
    "variant",
    "Een situatie van de gemeente (bijvoorbeeld oud en nieuw).",
    (
        Veld("id", Id(), "Unieke naam.", verplicht=True),
        Veld("naam", Tekst(), "Weergavenaam.", verplicht=True),
        Veld("omschrijving", Tekst(), "Wat deze situatie kenmerkt."),
    ),
    herkomst=True,
)

GEMEENTE = Record(
    "gemeente",
    "Een gemeente: naam, klantreis, varianten en principes.",
    (
        Veld("id", Id(), "Unieke naam van de gemeente.", verplicht=True),
        Veld("naam", Tekst(), "Weergavenaam.", verplicht=True),
        Veld("omschrijving", Tekst(), "Korte omschrijving."),
        Veld("klantreis", KLANTREIS, "De klantreis.", verplicht=True),
        Veld("varianten", Lijst(VARIANT, 1), "De situaties.", verplicht=True),
        Veld("standaard_variant", Ref("variant"), "De variant die geldt als er geen gekozen is.", verplicht=True),
        Veld("principes", Lijst(PRINCIPE), "Beloften en uitgangspunten.", standaard=[]),
    ),
    herkomst=True,
)

VERWACHTING = Record(
    "verwachting",
    "Wat de bron verwacht van deze reis; `journeykit check` toetst elk punt.",
    (
        Veld("uitkomst", Keuze("uitkomst", m.UITKOMSTEN), "Verwachte uitkomst."),
        Veld("niveau", Keuze("niveau", m.NIVEAUS), "Verwacht niveau van de oplossing."),
        Veld("eindigt_bij", Ref("ingang"), "Ingang waar de reis eindigt."),
        Veld("bereikt", Lijst(Ref("ingang")), "Ingangen die de route moet bezoeken.", standaard=[]),
        Veld("niet_via", Lijst(Ref("ingang")), "Ingangen die de route niet mag bezoeken.", standaard=[]),
        Veld("max_contacten", Geheel(0, 100), "Hoogstens zoveel contacten door de inwoner zelf."),
        Veld("max_koude_verwijzingen", Geheel(0, 100), "Hoogstens zoveel koude verwijzingen."),
        Veld("max_herhalingen", Geheel(0, 100), "Hoogstens zo vaak het verhaal opnieuw vertellen."),
        Veld("max_dagen", Geheel(0, 3650), "Hoogstens zoveel dagen wachten."),
        Veld("principes_gehaald", Lijst(Ref("principe")), "Principes die de reis moet halen.", standaard=[]),
        Veld(
            "principes_geschonden",
            Lijst(Ref("principe")),
            "Principes die de reis (volgens de bron) schendt.",
            standaard=[],
        ),
        Veld("toelichting", Tekst(), "Waarom dit verwacht wordt (kans of knelpunt uit de bron)."),
    ),
)

REIS = Record(
    "reis",
    "Een reiscasus: persona, sleutelmoment en gemeente, met verwachtingen.",
    (
        Veld("id", Id(), "Unieke naam.", verplicht=True),
        Veld("naam", Tekst(), "Weergavenaam.", verplicht=True),
        Veld("persona", Ref("persona"), "De persona.", verplicht=True),
        Veld("sleutelmoment", Ref("sleutelmoment"), "Het sleutelmoment.", verplicht=True),
        Veld("vraag", Ref("vraag"), "De hoofdvraag (standaard de eerste vraag van het sleutelmoment)."),
        Veld("gemeente", Ref("gemeente"), "De gemeente.", verplicht=True),
        Veld("variant", Ref("variant"), "De variant (standaard die van de gemeente)."),
        Veld("eerste_ingang", Ref("ingang"), "Waar de inwoner begint (standaard: de meest voor de hand liggende)."),
        Veld("verwachting", VERWACHTING, "Verwachtingen."),
    ),
    herkomst=True,
)

INGANG_WIJZIGING = Record(
    "ingang_wijziging",
    "Een wijziging van een bestaande ingang in een scenario: alleen de genoemde sleutels veranderen.",
    (
        Veld("id", Ref("ingang"), "De ingang die verandert.", verplicht=True),
        Veld("naam", Tekst(), "Nieuwe weergavenaam."),
        Veld("kanalen", Lijst(Keuze("kanaal", m.KANALEN), 1), "Nieuwe kanalen."),
        Veld("talen", Lijst(Id(), 1), "Nieuwe talen."),
        Veld("bereikbaarheid", Tekst(), "Nieuwe openingstijden en bereikbaarheid."),
        Veld("wachttijd_dagen", Geheel(0, 3650), "Nieuwe wachttijd in dagen."),
        Veld("eerste_contact", JaNee(), "Kan een inwoner hier zelf beginnen?"),
        Veld("deelt_dossier_met", Lijst(Ref("ingang")), "Nieuwe lijst van ingangen met een gedeeld dossier."),
        Veld("doelgroep", DOELGROEP, "Nieuwe doelgroep."),
    ),
    herkomst=True,
)

NIEUWE_REGEL = Record(
    "nieuwe_regel",
    "Een regel die een scenario toevoegt, met zijn plaats tussen de bestaande regels van die ingang.",
    REGEL.velden[:-1]
    + (
        Veld(
            "positie",
            Keuze("positie", ("begin", "eind")),
            "Vooraan (begin, beslist eerst) of achteraan (eind) bij de regels van de ingang.",
            standaard="begin",
        ),
        Veld("voor", Ref("regel"), "Direct voor deze bestaande regel invoegen."),
    ),
    herkomst=True,
)

SCENARIO = Record(
    "scenario",
    "Een scenario: een wijziging van een gemeente bovenop een variant, om een nieuwe route te toetsen "
    "voordat die bestaat.",
    (
        Veld("id", Id(), "Unieke naam van het scenario.", verplicht=True),
        Veld("naam", Tekst(), "Weergavenaam.", verplicht=True),
        Veld("omschrijving", Tekst(), "Wat het scenario verandert en waarom."),
        Veld("gemeente", Ref("gemeente"), "De gemeente.", verplicht=True),
        Veld("variant", Ref("variant"), "De variant waar het scenario op voortbouwt (standaard die van de gemeente)."),
        Veld("ingangen_toevoegen", Lijst(INGANG), "Nieuwe ingangen.", standaard=[]),
        Veld("ingangen_verwijderen", Lijst(Ref("ingang")), "Ingangen die verdwijnen (met hun regels).", standaard=[]),
        Veld("ingangen_wijzigen", Lijst(INGANG_WIJZIGING), "Wijzigingen van bestaande ingangen.", standaard=[]),
        Veld("regels_toevoegen", Lijst(NIEUWE_REGEL), "Nieuwe regels.", standaard=[]),
        Veld(
            "regels_vervangen", Lijst(REGEL), "Regels die een bestaande regel met hetzelfde id vervangen.", standaard=[]
        ),
        Veld("regels_verwijderen", Lijst(Ref("regel")), "Regels die verdwijnen.", standaard=[]),
    ),
    herkomst=True,
)

BESTAND = Record(
    "bestand",
    "Een YAML-bestand van journeykit. Elk bestand bevat een of meer van deze onderdelen.",
    (
        Veld("personas", Lijst(PERSONA), "Persona's."),
        Veld("sleutelmomenten", Lijst(SLEUTELMOMENT), "Sleutelmomenten."),
        Veld("gemeente", GEMEENTE, "De gemeente (in de data van een plugin)."),
        Veld("ingangen", Lijst(INGANG), "Ingangen van de gemeente."),
        Veld("regels", Lijst(REGEL), "Routeregels van de gemeente, in volgorde."),
        Veld("reizen", Lijst(REIS), "Reiscasussen."),
        Veld("scenario", SCENARIO, "Een scenario (in journeys/scenarios/)."),
    ),
)

RECORDS = (
    BESTAND,
    PERSONA,
    SLEUTELMOMENT,
    VRAAG,
    NOTITIE,
    GEMEENTE,
    KLANTREIS,
    KLANTREISSTAP,
    VARIANT,
    PRINCIPE,
    TOETS,
    INGANG,
    DOELGROEP,
    KOSTEN,
    REGEL,
    ACTIE,
    REIS,
    VERWACHTING,
    SCENARIO,
    INGANG_WIJZIGING,
    NIEUWE_REGEL,
    BRON,
)

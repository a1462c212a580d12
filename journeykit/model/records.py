"""The gemeenten's side, read from YAML: ingangen, rules, principles, variants, scenarios, risks and shares.

Each field is declared once, with ``field``: its YAML key, what the loader accepts and its
documentation. Record docstrings are Dutch: the YAML reference shows them to who writes YAML.
"""

from __future__ import annotations

from typing import Any

import attrs

from journeykit.model.base import Herkomst, Plaats, field, herkomst_field, key_of, plaats_field
from journeykit.model.capacity import Capaciteit, Instroom
from journeykit.model.condition_tree import Conditie
from journeykit.model.vocabulary import (
    ACTIES,
    INGANG_SOORTEN,
    KANALEN,
    NIVEAUS,
    OVERDRACHTEN,
    SOORTEN,
    TOETS_SOORTEN,
    UITKOMSTEN,
    VINDPLAATSEN,
)


@attrs.frozen
class Kosten:
    """Kosten per cliënt van een activiteit (zoals Breda Tabel 1)."""

    bedrag: float = field("Bedrag in euro per cliënt.", bounds=(0, None))
    activiteit: str = field("De activiteit waar het bedrag bij hoort.", default="")
    niveau: str | None = field(
        "Niveau van de activiteit (informeel, algemeen, maatwerk), zoals Breda Tabel 1 de kosten ordent; weglaten ="
        " onbekend.",
        default=None,
        choice=("niveau", NIVEAUS),
    )
    herkomst: Herkomst = herkomst_field()


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
    capaciteit: Capaciteit | None = field(
        "Medewerkers en duur van een contact, voor `journeykit simulate`; weglaten = onbekend.", default=None
    )
    regie: bool = field(
        "Neemt deze plek de regie over alle vragen van een huishouden (één plan, één regisseur)?", default=False
    )
    varianten: tuple[str, ...] = field("Alleen in deze varianten (weglaten: in alle).", default=(), ref="variant")
    herkomst: Herkomst = herkomst_field()
    plaats: Plaats | None = plaats_field()


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
    instroom: Instroom | None = field(
        "Hoeveel inwoners per jaar met welke vraag aankomen, voor `journeykit simulate`; weglaten = onbekend.",
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
    capaciteit: Capaciteit | None = field("Nieuwe capaciteit (alle sleutels van `capaciteit`).", default=None)
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

"""The residents' side, read from YAML: personas and the sleutelmomenten in their lives, with their questions.

Each field is declared once, with ``field``: its YAML key, what the loader accepts and its
documentation. Record docstrings are Dutch: the YAML reference shows them to who writes YAML.
"""

from __future__ import annotations

import attrs

from journeykit.model.base import Herkomst, Plaats, field, herkomst_field, plaats_field
from journeykit.model.condition_tree import Conditie
from journeykit.model.vocabulary import (
    AFHANKELIJKHEID,
    DIGITAAL,
    GELETTERDHEID,
    HUISHOUDENS,
    KANALEN,
    KWETSBAARHEID,
    LEVENSGEBIEDEN,
    NAMENS,
    REACTIVITEIT,
    SOORTEN,
    STIPTHEID,
    URGENTIES,
    VINDPLAATSEN,
    WMO_SOORTEN,
)


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

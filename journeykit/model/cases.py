"""Reiscasussen: a persona, a sleutelmoment and a gemeente, with what the sources expect of the journey."""

from __future__ import annotations

import attrs

from journeykit.model.base import Herkomst, Plaats, field, herkomst_field, plaats_field
from journeykit.model.vocabulary import (
    NIVEAUS,
    UITKOMSTEN,
)


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

"""Volumes and capacity, read from YAML: who arrives how often, and who serves them at each ingang.

The input of `journeykit simulate`. Record docstrings are Dutch: the YAML reference shows them to who
writes YAML.
"""

from __future__ import annotations

import attrs

from journeykit.model.base import Herkomst, field, herkomst_field
from journeykit.model.vocabulary import URGENTIES, VERDELINGEN


@attrs.frozen
class Openingstijden:
    """Wanneer een ingang inwoners helpt; weglaten = kantoortijden (8 uur per dag, 5 dagen per week)."""

    uren_per_dag: float = field(
        "Uren per dag open (vanaf 9 uur 's ochtends; 24 = dag en nacht).", default=8.0, bounds=(0.5, 24)
    )
    dagen_per_week: int = field("Dagen per week open (vanaf maandag).", default=5, bounds=(1, 7))


@attrs.frozen
class Capaciteit:
    """Wie de inwoners van een ingang helpt en hoe lang een contact duurt: de invoer van `journeykit simulate`.

    Een inwoner wacht tot een medewerker vrij is; wie eerst komt, is eerst aan de beurt, behalve vragen met een
    urgentie uit `voorrang`."""

    medewerkers: int = field("Medewerkers die tegelijk inwoners helpen.", bounds=(1, 100_000))
    minuten_per_contact: float = field("Hoe lang een contact gemiddeld duurt, in minuten.", bounds=(0.01, 100_000))
    verdeling: str = field(
        "Hoe de duur van een contact verschilt: exponentieel (veel korte, een paar lange), vast (altijd even lang) of"
        " lognormaal (met `spreiding`).",
        default="exponentieel",
        choice=("verdeling", VERDELINGEN),
    )
    spreiding: float = field(
        "Alleen bij lognormaal: de standaardafwijking gedeeld door het gemiddelde (1 = even grillig als exponentieel).",
        default=1.0,
        bounds=(0.01, 10),
    )
    open: Openingstijden = field("Openingstijden.", default=Openingstijden())
    voorrang: tuple[str, ...] = field(
        "Vragen met deze urgentie gaan voor (bijvoorbeeld [acuut]); weglaten = niemand gaat voor.",
        default=(),
        choice=("urgentie", URGENTIES),
    )
    herkomst: Herkomst = herkomst_field()


@attrs.frozen
class Stroom:
    """Inwoners die elk jaar met dezelfde persona, hetzelfde sleutelmoment en dezelfde vraag aankomen."""

    persona: str = field("De persona.", ref="persona")
    sleutelmoment: str = field("Het sleutelmoment.", ref="sleutelmoment")
    vraag: str | None = field("De vraag (standaard de eerste van het sleutelmoment).", default=None, ref="vraag")
    eerste_ingang: str | None = field(
        "Waar deze inwoners beginnen (standaard: het meest voor de hand liggende eerste contact van de persona).",
        default=None,
        ref="ingang",
    )
    per_jaar: float | None = field("Hoeveel per jaar (of geef `aandeel`).", default=None, bounds=(0, 10_000_000))
    aandeel: float | None = field(
        "Welk deel van `instroom.per_jaar` (0 tot 1), in plaats van `per_jaar`.", default=None, bounds=(0, 1)
    )
    herkomst: Herkomst = herkomst_field()


@attrs.frozen
class Instroom:
    """Hoeveel inwoners per jaar bij de gemeente aankomen, met welke persona, sleutelmoment en vraag."""

    stromen: tuple[Stroom, ...] = field("De groepen inwoners.", min_items=1)
    per_jaar: float | None = field(
        "Het totaal per jaar, als de stromen een `aandeel` geven.", default=None, bounds=(0, 10_000_000)
    )
    per_maand: tuple[float, ...] = field(
        "Seizoen: twaalf gewichten, januari tot en met december (1 = gemiddeld); weglaten = gelijk over het jaar.",
        default=(),
        bounds=(0, 12),
    )
    herkomst: Herkomst = herkomst_field()

    def per_jaar_van(self, s: Stroom) -> float:
        """How many of stream ``s`` arrive a year."""
        if s.per_jaar is not None:
            return s.per_jaar
        return (s.aandeel or 0.0) * (self.per_jaar or 0.0)

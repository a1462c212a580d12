"""The domain model: immutable records, no I/O.

Domain words stay Dutch where they are the municipalities' own (Persona,
Sleutelmoment, Ingang, Klantreis, Gemeente, Vraag); the rest is English.
Validation happens at the boundary (``loading``); these classes trust their input.

``from journeykit import model as m`` gives everything: the vocabularies, the records read
from YAML, and the results of a walk.
"""

from journeykit.model.base import (  # noqa: F401
    GEEN_HERKOMST,
    NIVEAUS_HERKOMST,
    YAML,
    Bron,
    Herkomst,
    Key,
    Plaats,
    field,
    herkomst_field,
    key_of,
    plaats_field,
    zwakste,
)
from journeykit.model.capacity import (  # noqa: F401
    Capaciteit,
    Instroom,
    Openingstijden,
    Stroom,
)
from journeykit.model.cases import (  # noqa: F401
    Grenzen,
    Reiscasus,
    Verwachting,
)
from journeykit.model.condition_tree import (  # noqa: F401
    Alle,
    Conditie,
    EenVan,
    Niet,
    Vergelijking,
)
from journeykit.model.people import (  # noqa: F401
    Notitie,
    Persona,
    Sleutelmoment,
    Vraag,
)
from journeykit.model.records import (  # noqa: F401
    Aandeel,
    Actie,
    Doelgroep,
    Gemeente,
    Ingang,
    IngangWijziging,
    Kans,
    Klantreis,
    KlantreisStap,
    Kosten,
    NieuweRegel,
    Principe,
    Regel,
    RegelActie,
    Risico,
    Scenario,
    Toets,
    Variant,
)
from journeykit.model.results import (  # noqa: F401
    Journey,
    Metrieken,
    Schending,
    Stap,
    Uitkomst,
    as_dict,
)
from journeykit.model.vocabulary import (  # noqa: F401
    AANKOMST,
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
    STANDAARD_ERVARING,
    STIPTHEID,
    TOETS_SOORTEN,
    UITKOMSTEN,
    URGENTIES,
    VERDELINGEN,
    VINDPLAATSEN,
    WMO_SOORTEN,
)

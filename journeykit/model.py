"""The domain model: immutable records, no I/O.

Domain words stay Dutch where they are the municipalities' own (Persona,
Sleutelmoment, Ingang, Klantreis, Gemeente, Vraag); the rest is English.
Validation happens at the boundary (``loading``); these classes trust their input.
"""

from __future__ import annotations

from typing import Any

import attrs

# Vocabularies. The loader rejects anything outside them (and suggests the
# nearest value), so a typo in a workshop's YAML cannot silently create a new kind.
KANALEN = ("digitaal", "telefoon", "balie", "inloop", "huisbezoek", "persoonlijk")
LEVENSGEBIEDEN = (
    "wonen",
    "zorg",
    "financien",
    "opvoeding",
    "werk",
    "sociaal-netwerk",
    "mobiliteit",
    "veiligheid",
)
SOORTEN = (
    "informatie",
    "praktisch",
    "hbh",
    "begeleiding",
    "dagbesteding",
    "hulpmiddel",
    "woningaanpassing",
    "vervoer",
    "mantelzorg",
    "dementie",
    "eenzaamheid",
    "schulden",
    "inkomen",
    "opvoeding",
    "psychisch",
    "huiselijk-geweld",
    "beschermd-wonen",
    "wonen",
    "werk",
    "gezondheid",
)
WMO_SOORTEN = frozenset(
    {"hbh", "begeleiding", "dagbesteding", "hulpmiddel", "woningaanpassing", "vervoer", "beschermd-wonen"}
)
URGENTIES = ("laag", "normaal", "hoog", "acuut")
NAMENS = ("zelf", "partner", "ouder", "kind", "gezin", "naaste")
HUISHOUDENS = ("alleenstaand", "samenwonend", "gezin", "eenoudergezin", "bij-ouders", "instelling")
DIGITAAL = ("geen", "beperkt", "vaardig")
GELETTERDHEID = ("laag", "gemiddeld", "hoog")
AFHANKELIJKHEID = ("laag", "midden", "hoog")
REACTIVITEIT = ("proactief", "reactief")
KWETSBAARHEID = ("laag", "midden", "hoog", "zeer-hoog")
STIPTHEID = ("laag", "midden", "hoog")
NIVEAUS = ("informeel", "algemeen", "maatwerk")
OVERDRACHTEN = ("warm", "koud")
INGANG_SOORTEN = ("loket", "team", "vindplaats", "organisatie")
VINDPLAATSEN = (
    "gemeente",
    "huisarts",
    "school",
    "kinderopvang",
    "jgz",
    "thuiszorg",
    "wijkverpleging",
    "mantelzorgsteunpunt",
    "woningcorporatie",
    "formulierenbrigade",
    "uwv",
    "hulpmiddelenleverancier",
    "jongerenwerk",
    "buurthuis",
    "vrijwilligerswerk",
    "werkgever",
    "ziekenhuis",
    "familie",
    "wijkteam",
    "vervoerder",
)
ACTIES = ("oplossen", "samenwerken", "verwijzen", "afwijzen", "wachten", "verhelderen", "python")
UITKOMSTEN = ("opgelost", "afgehaakt", "kastje-naar-de-muur", "staplimiet")
AANKOMST = ("start", "warm", "koud", "verheldering")
TOETS_SOORTEN = (
    "geen-afwijzing",
    "geen-koude-verwijzing",
    "max-contacten",
    "max-herhalingen",
    "kenmerk-vereist",
    "eerste-contact-juist",
    "geen-lus",
)

# Default experience score (1..5) per action, when a rule does not set one.
# Assumption: resolving feels best, a decline worst; warm beats cold.
STANDAARD_ERVARING = {
    "oplossen": 5,
    "samenwerken": 4,
    "verhelderen": 4,
    "verwijzen-warm": 4,
    "verwijzen-koud": 2,
    "wachten": 2,
    "afwijzen": 1,
    "python": 3,
}


@attrs.frozen
class Plaats:
    """Where something was written: file and line (for error messages)."""

    bestand: str
    regel: int = 0
    sleutels: tuple[tuple[str, int], ...] = attrs.field(default=(), eq=False, repr=False)

    def __str__(self) -> str:
        return f"{self.bestand}:{self.regel}" if self.regel else self.bestand

    def regel_van(self, sleutel: str) -> int:
        """The line of ``sleutel`` in this record, else the record's own line."""
        return dict(self.sleutels).get(sleutel, self.regel)


@attrs.frozen
class Bron:
    """A source reference: file and section, optionally a verbatim quote."""

    bestand: str
    sectie: str = ""
    citaat: str = ""
    plaats: Plaats | None = attrs.field(default=None, eq=False, repr=False)  # where the quote is written

    def __str__(self) -> str:
        return f"{self.bestand}, {self.sectie}" if self.sectie else self.bestand


@attrs.frozen
class Herkomst:
    """Provenance: a source, an assumption with its reason, or both."""

    bron: Bron | None = None
    aanname: str | None = None

    @property
    def is_aanname(self) -> bool:
        return self.bron is None

    def __str__(self) -> str:
        parts = []
        if self.bron:
            parts.append(f"bron: {self.bron}")
        if self.aanname:
            parts.append(f"aanname: {self.aanname}")
        return "; ".join(parts) or "geen herkomst"


GEEN_HERKOMST = Herkomst()

# Fields shared by every record that comes from a file.
_herkomst = attrs.field(default=GEEN_HERKOMST, eq=True)
_plaats = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Kosten:
    """Cost per client of an activity (Breda Tabel 1)."""

    bedrag: float
    activiteit: str = ""
    herkomst: Herkomst = _herkomst


@attrs.frozen
class Persona:
    id: str
    naam: str
    leeftijd: int
    huishouden: str
    omschrijving: str = ""
    kinderen: tuple[int, ...] = ()
    talen: tuple[str, ...] = ("nl",)
    digitaal: str = "vaardig"
    geletterdheid: str = "gemiddeld"
    voorkeur_kanalen: tuple[str, ...] = ("telefoon",)
    afhankelijkheid: str | None = None
    reactiviteit: str | None = None
    kwetsbaarheid: str | None = None
    stiptheid: str | None = None
    doorzettingsvermogen: int = 2
    namens: str = "zelf"
    vindplaatsen: tuple[str, ...] = ()
    groep: str = ""
    herkomst: Herkomst = _herkomst
    plaats: Plaats | None = _plaats

    @property
    def heeft_kinderen(self) -> bool:
        return bool(self.kinderen)

    @property
    def spreekt_nederlands(self) -> bool:
        return "nl" in self.talen


@attrs.frozen
class Vraag:
    id: str
    omschrijving: str
    levensgebied: str
    soort: str
    urgentie: str = "normaal"
    veiligheid: bool = False
    namens: str | None = None
    melding: bool = False
    onderliggend: str | None = None

    @property
    def wmo(self) -> bool:
        return self.soort in WMO_SOORTEN


@attrs.frozen
class Notitie:
    """Rotterdam's per-persona note on a sleutelmoment."""

    persona: str
    zo_denken_zij: str = ""
    speel_er_zo_op_in: str = ""
    herkomst: Herkomst = _herkomst


@attrs.frozen
class Sleutelmoment:
    id: str
    naam: str
    vragen: tuple[Vraag, ...]
    omschrijving: str = ""
    vindplaatsen: tuple[str, ...] = ()
    notities: tuple[Notitie, ...] = ()
    herkomst: Herkomst = _herkomst
    plaats: Plaats | None = _plaats

    def vraag(self, vraag_id: str) -> Vraag:
        for v in self.vragen:
            if v.id == vraag_id:
                return v
        raise KeyError(vraag_id)

    def notitie(self, persona_id: str) -> Notitie | None:
        return next((n for n in self.notities if n.persona == persona_id), None)


@attrs.frozen
class Doelgroep:
    leeftijd_vanaf: int | None = None
    leeftijd_tot: int | None = None
    omschrijving: str = ""

    def past(self, leeftijd: int) -> bool:
        if self.leeftijd_vanaf is not None and leeftijd < self.leeftijd_vanaf:
            return False
        return self.leeftijd_tot is None or leeftijd < self.leeftijd_tot


@attrs.frozen
class Ingang:
    id: str
    naam: str
    soort: str
    kanalen: tuple[str, ...]
    stappen: tuple[str, ...]
    organisatie: str = ""
    omschrijving: str = ""
    talen: tuple[str, ...] = ("nl",)
    bereikbaarheid: str = ""
    doelgroep: Doelgroep = Doelgroep()
    deelt_dossier_met: tuple[str, ...] = ()
    wachttijd_dagen: int = 0
    eerste_contact: bool = True
    vindplaats: str | None = None
    kosten: Kosten | None = None
    varianten: tuple[str, ...] = ()
    herkomst: Herkomst = _herkomst
    plaats: Plaats | None = _plaats


# --- conditions ---------------------------------------------------------------------
# A rule's condition (`als`) is data: a small tree of these frozen classes, built by the
# loader from YAML. `conditions.py` gives it meaning (one visitor; compiling, describing and
# listing the fields used are each one function).


@attrs.frozen
class Vergelijking:
    """A field compared with values: every comparison must hold (``leeftijd >= 18 en < 65``)."""

    veld: str  # a name from conditions.VELDEN, e.g. "persona.leeftijd"
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
    soort: str
    niveau: str | None = None
    waar: str = ""
    naar: str | None = None
    overdracht: str | None = None
    noemt: str | None = None
    met: tuple[str, ...] = ()
    dagen: int = 0
    beslisser: str | None = None
    kosten: Kosten | None = None


@attrs.frozen
class Regel:
    id: str
    bij: str
    dan: Actie
    als: Conditie | None = None
    toelichting: str = ""
    ervaring: int | None = None
    kenmerken: tuple[str, ...] = ()
    varianten: tuple[str, ...] = ()
    herkomst: Herkomst = _herkomst
    plaats: Plaats | None = _plaats


@attrs.frozen
class Toets:
    soort: str
    waarde: int | None = None
    als: str | None = None
    dan: str | None = None


@attrs.frozen
class Principe:
    id: str
    naam: str
    omschrijving: str = ""
    toets: Toets | None = None
    herkomst: Herkomst = _herkomst


@attrs.frozen
class KlantreisStap:
    id: str
    naam: str
    omschrijving: str = ""
    herkomst: Herkomst = _herkomst


@attrs.frozen
class Klantreis:
    naam: str
    stappen: tuple[KlantreisStap, ...]


@attrs.frozen
class Variant:
    id: str
    naam: str
    omschrijving: str = ""
    herkomst: Herkomst = _herkomst


@attrs.frozen
class Gemeente:
    """A municipality's data in all its variants; ``in_variant`` gives one situation."""

    id: str
    naam: str
    klantreis: Klantreis
    ingangen: tuple[Ingang, ...]
    regels: tuple[Regel, ...]
    varianten: tuple[Variant, ...]
    standaard_variant: str
    principes: tuple[Principe, ...] = ()
    omschrijving: str = ""
    herkomst: Herkomst = _herkomst
    plaats: Plaats | None = _plaats
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

    def variant_naam(self) -> str:
        for v in self.varianten:
            if v.id == self.variant:
                return v.naam
        return self.variant or ""


@attrs.frozen
class Verwachting:
    """Expected properties of a walked journey, from the sources' kansen and knelpunten."""

    uitkomst: str | None = None
    niveau: str | None = None
    eindigt_bij: str | None = None
    bereikt: tuple[str, ...] = ()
    niet_via: tuple[str, ...] = ()
    max_contacten: int | None = None
    max_koude_verwijzingen: int | None = None
    max_herhalingen: int | None = None
    max_dagen: int | None = None
    principes_gehaald: tuple[str, ...] = ()
    principes_geschonden: tuple[str, ...] = ()
    toelichting: str = ""


@attrs.frozen
class Reis:
    """A journey case: who, which moment, where, and what we expect."""

    id: str
    naam: str
    persona: str
    sleutelmoment: str
    gemeente: str
    vraag: str | None = None
    variant: str | None = None
    eerste_ingang: str | None = None
    verwachting: Verwachting = Verwachting()
    herkomst: Herkomst = _herkomst
    plaats: Plaats | None = _plaats


@attrs.frozen
class NieuweRegel:
    regel: Regel
    positie: str = "begin"
    voor: str | None = None


@attrs.frozen
class IngangWijziging:
    id: str
    wijzigingen: tuple[tuple[str, Any], ...]  # (field name, new value), only what changes
    herkomst: Herkomst = _herkomst
    plaats: Plaats | None = _plaats


@attrs.frozen
class Scenario:
    """A change to a gemeente on top of one variant, to test a route before it exists."""

    id: str
    naam: str
    gemeente: str
    variant: str | None = None
    omschrijving: str = ""
    ingangen_toevoegen: tuple[Ingang, ...] = ()
    ingangen_verwijderen: tuple[str, ...] = ()
    ingangen_wijzigen: tuple[IngangWijziging, ...] = ()
    regels_toevoegen: tuple[NieuweRegel, ...] = ()
    regels_vervangen: tuple[Regel, ...] = ()
    regels_verwijderen: tuple[str, ...] = ()
    herkomst: Herkomst = _herkomst
    plaats: Plaats | None = _plaats


# --- results of a walk ---------------------------------------------------------


@attrs.frozen
class Stap:
    """One step of a walked journey: where the resident was and why they moved on."""

    nummer: int
    ingang: str
    vraag: str
    aangekomen: str  # start | warm | koud | verheldering
    regel: str | None  # id of the rule that decided, None when nothing matched
    actie: str
    contact_inwoner: bool
    opnieuw_verteld: bool
    dagen: int
    organisatie: str
    ervaring: int
    kanaal: str | None = None
    naar: str | None = None
    overdracht: str | None = None
    niveau: str | None = None
    met: tuple[str, ...] = ()
    kenmerken: tuple[str, ...] = ()
    toelichting: str = ""
    herkomst: Herkomst = GEEN_HERKOMST
    kosten: float = 0.0
    wachtregels: tuple[str, ...] = ()  # `wachten` rules that added days before the deciding rule


@attrs.frozen
class Metrieken:
    stappen: int
    contacten_inwoner: int
    warme_overdrachten: int
    koude_verwijzingen: int
    herhalingen: int
    dagen: int
    organisaties: int
    kosten: float
    afwijzingen: int


@attrs.frozen
class Uitkomst:
    soort: str  # one of UITKOMSTEN
    reden: str
    niveau: str | None = None
    waar: str | None = None  # ingang id where it ended
    lus: tuple[str, ...] = ()  # the cycle of ingang ids, first == last


@attrs.frozen
class Journey:
    gemeente: str
    variant: str
    persona: str
    sleutelmoment: str
    vraag: str
    stappen: tuple[Stap, ...]
    uitkomst: Uitkomst
    metrieken: Metrieken

    @property
    def route(self) -> tuple[str, ...]:
        return tuple(s.ingang for s in self.stappen)


@attrs.frozen
class Schending:
    """A principle broken by a journey, or one that could not be checked (a plugin's check failed).

    A check that could not run counts as broken wherever results are counted: a failing
    plugin must never make a journey look better than it is.
    """

    principe: str
    uitleg: str
    stap: int | None = None
    niet_getoetst: bool = False


def as_dict(obj: Any) -> Any:
    """Plain, JSON-ready data for any model object (tuples become lists)."""
    return attrs.asdict(obj, recurse=True, filter=lambda a, v: a.name != "plaats")

"""The vocabularies of the model: the values a choice in the YAML may take.

The loader rejects anything outside them (and suggests the nearest value), so a typo in a
workshop's YAML cannot silently create a new kind.
"""

from __future__ import annotations

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
# warm: the place hands over and the next one takes charge; lauw: the information goes along, but the
# resident makes the next contact; koud: the resident starts again, and tells the story again.
OVERDRACHTEN = ("warm", "lauw", "koud")
# How the length of a contact varies (simulation).
VERDELINGEN = ("exponentieel", "vast", "lognormaal")
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
# 'buiten-taak': a place answered a question that is not its task (an ingang's `taak`): a wrong door.
UITKOMSTEN = ("opgelost", "buiten-taak", "afgehaakt", "kastje-naar-de-muur", "staplimiet")
AANKOMST = ("start", "warm", "lauw", "koud", "verheldering")
TOETS_SOORTEN = (
    "geen-afwijzing",
    "geen-koude-verwijzing",
    "max-contacten",
    "max-herhalingen",
    "kenmerk-vereist",
    "eerste-contact-juist",
    "geen-lus",
    # for a household with more questions: one ingang with regie takes part in every journey
    "een-regisseur",
)

# Default experience score (1..5) per action, when a rule does not set one.
# Assumption: resolving feels best, a decline worst; warm beats lukewarm beats cold.
STANDAARD_ERVARING = {
    "oplossen": 5,
    "samenwerken": 4,
    "verhelderen": 4,
    "verwijzen-warm": 4,
    "verwijzen-lauw": 3,
    "verwijzen-koud": 2,
    "wachten": 2,
    "afwijzen": 1,
    "python": 3,
}

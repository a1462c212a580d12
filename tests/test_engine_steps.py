"""The walker step by step, on small gemeenten written for one behaviour each.

Each expected journey is written out by hand from the rules below: every field of every step,
the outcome and the metrics. The walker's caches make the same journeys faster; the tests at the
end make sure they never make other journeys.
"""

from __future__ import annotations

import textwrap

import attrs
import pytest

from journeykit import model as m
from journeykit.engine import Walker, plausible_first_contacts, usable_channel
from journeykit.loading import load_path

H = m.Herkomst(aanname="t")  # every record below says 'aanname: t'

MENSEN = """\
personas:
  - {id: ans, naam: Ans, leeftijd: 70, huishouden: alleenstaand, voorkeur_kanalen: [telefoon], aanname: t}
  - {id: bo, naam: Bo, leeftijd: 40, huishouden: alleenstaand, voorkeur_kanalen: [balie], aanname: t}
  - {id: snel, naam: Snel, leeftijd: 30, huishouden: alleenstaand, doorzettingsvermogen: 1, aanname: t}
  - {id: duits, naam: Duits, leeftijd: 50, huishouden: alleenstaand, talen: [de], aanname: t}
  - {id: offline, naam: Offline, leeftijd: 80, huishouden: alleenstaand, digitaal: geen, aanname: t}
  - {id: lezer, naam: Lezer, leeftijd: 35, huishouden: alleenstaand, vindplaatsen: [huisarts, school],
     voorkeur_kanalen: [telefoon, balie, digitaal], aanname: t}
sleutelmomenten:
  - id: verhuizing
    naam: Verhuizing
    vindplaatsen: [school, jgz]
    aanname: t
    vragen:
      - {id: hulp, omschrijving: Hulp in huis, levensgebied: zorg, soort: hbh, onderliggend: geld}
      - {id: geld, omschrijving: Geldzorgen, levensgebied: financien, soort: schulden}
      - {id: werk, omschrijving: Werk, levensgebied: werk, soort: werk}
      - {id: info, omschrijving: Informatie, levensgebied: zorg, soort: informatie}
      - {id: thuis, omschrijving: Thuis, levensgebied: zorg, soort: hbh}
"""


def gemeente_yaml(gid: str, ingangen: str, regels: str) -> str:
    head = f"""\
        gemeente:
          id: {gid}
          naam: {gid.capitalize()}
          aanname: t
          klantreis: {{naam: K, stappen: [{{id: s, naam: S, aanname: t}}]}}
          varianten: [{{id: nu, naam: Nu, aanname: t}}, {{id: straks, naam: Straks, aanname: t}}]
          standaard_variant: nu
        """
    return textwrap.dedent(head) + "ingangen:\n" + textwrap.dedent(ingangen) + "regels:\n" + textwrap.dedent(regels)


def ingang(iid: str, naam: str, extra: str = "", eerste: bool = False) -> str:
    first = "" if eerste else ", eerste_contact: false"
    return f"  - {{id: {iid}, naam: {naam}, soort: loket, stappen: [s], aanname: t{first}{extra}}}\n"


# Proefdorp: waiting rules, a question behind the question, warm and cold referrals, declines, costs.
PROEF = gemeente_yaml(
    "proef",
    ingang(
        "balie",
        "Balie",
        ", organisatie: Gemeente, kanalen: [balie, telefoon], wachttijd_dagen: 1, "
        "kosten: {bedrag: 10.125, aanname: t}, deelt_dossier_met: [team]",
        eerste=True,
    )
    + ingang("team", "Wijkteam", ", kanalen: [telefoon, inloop], wachttijd_dagen: 3, deelt_dossier_met: [balie]")
    + ingang("zorg", "Zorgloket", ", organisatie: Zorg, kanalen: [telefoon], kosten: {bedrag: 0.25, aanname: t}")
    + ingang("fonds", "Fonds", ", organisatie: Zorg, kanalen: [telefoon]"),
    """\
      - {id: b-straks, bij: balie, varianten: [straks], als: {veld: vraag.soort, is: informatie},
         dan: {actie: oplossen, niveau: algemeen, waar: op de website}, aanname: t}
      - {id: b-wacht-hbh, bij: balie, als: {veld: vraag.soort, is: hbh}, dan: {actie: wachten, dagen: 2},
         kenmerken: [aangemeld], aanname: t}
      - {id: b-wacht, bij: balie, dan: {actie: wachten, dagen: 4}, kenmerken: [gewacht], aanname: t}
      - {id: b-info, bij: balie, als: {veld: vraag.soort, is: informatie},
         dan: {actie: oplossen, niveau: informeel, waar: aan de balie}, aanname: t}
      - {id: b-verhelder, bij: balie, als: {veld: vraag.heeft_onderliggende_vraag, is: true},
         dan: {actie: verhelderen}, aanname: t}
      - {id: b-geld, bij: balie, als: {alle: [{veld: vraag.soort, is: schulden}, {veld: persona.leeftijd, vanaf: 18}]},
         dan: {actie: verwijzen, naar: team, overdracht: warm}, aanname: t}
      - {id: b-werk, bij: balie, als: {veld: vraag.soort, is: werk}, dan: {actie: afwijzen, noemt: team}, aanname: t}
      - {id: t-geld, bij: team, als: {veld: vraag.soort, is: schulden},
         dan: {actie: verwijzen, naar: zorg, overdracht: koud, kosten: {bedrag: 5, aanname: t}}, aanname: t}
      - {id: t-werk, bij: team, als: {veld: vraag.soort, is: werk}, dan: {actie: afwijzen}, aanname: t}
      - {id: z-samen, bij: zorg, dan: {actie: samenwerken, met: [fonds], niveau: maatwerk, dagen: 5}, ervaring: 5,
         toelichting: Samen met het fonds., aanname: t}
    """,
)

# Keten: a chain of referrals, two warm then two cold; for werk, K4 sends the resident back to K2.
# K9's rule comes first; a test takes K9 away.
KETEN = gemeente_yaml(
    "keten",
    ingang("k1", "K1", ", kanalen: [telefoon]", eerste=True)
    + "".join(ingang(f"k{n}", f"K{n}", ", kanalen: [telefoon]") for n in (2, 3, 4, 5, 9)),
    """\
      - {id: k9-klaar, bij: k9, dan: {actie: oplossen, niveau: algemeen}, aanname: t}
      - {id: k1-k2, bij: k1, dan: {actie: verwijzen, naar: k2, overdracht: warm}, aanname: t}
      - {id: k2-k3, bij: k2, dan: {actie: verwijzen, naar: k3, overdracht: warm}, aanname: t}
      - {id: k3-k4, bij: k3, dan: {actie: verwijzen, naar: k4, overdracht: koud}, aanname: t}
      - {id: k4-terug, bij: k4, als: {veld: vraag.soort, is: werk}, dan: {actie: verwijzen, naar: k2, overdracht: warm},
         aanname: t}
      - {id: k4-k5, bij: k4, dan: {actie: verwijzen, naar: k5, overdracht: koud}, aanname: t}
      - {id: k5-klaar, bij: k5, dan: {actie: oplossen, niveau: informeel, waar: bij de buren}, aanname: t}
    """,
)

# Start: where a resident goes first. D has no vindplaats; B and E are found through the jgz (a
# vindplaats of the sleutelmoment), A through the huisarts and C through the school (the persona's).
START = gemeente_yaml(
    "start",
    ingang("d", "D", ", kanalen: [telefoon, balie, digitaal]", eerste=True)
    + ingang("b", "B", ", vindplaats: jgz, kanalen: [telefoon]", eerste=True)
    + ingang("a", "A", ", vindplaats: huisarts, kanalen: [persoonlijk]", eerste=True)
    + ingang("e", "E", ", vindplaats: jgz, kanalen: [persoonlijk]", eerste=True)
    + ingang("c", "C", ", vindplaats: school, kanalen: [persoonlijk]", eerste=True)
    + ingang("web", "Website", ", kanalen: [digitaal]"),
    "".join(
        f"  - {{id: {i}-klaar, bij: {i}, dan: {{actie: oplossen, niveau: algemeen}}, aanname: t}}\n"
        for i in ("d", "b", "a", "e", "c", "web")
    ),
)

# Route: conditions on the journey so far (reis.*), a Python beslisser, waiting with nothing after it.
ROUTE = gemeente_yaml(
    "route",
    ingang("s", "S", ", kanalen: [telefoon]", eerste=True)
    + "".join(ingang(i, i.upper(), ", kanalen: [telefoon]") for i in ("t", "u", "v", "w"))
    + ingang("leeg", "Leeg", ", kanalen: [telefoon]"),
    """\
      - {id: s-koud, bij: s, als: {veld: reis.aangekomen, is: start},
         dan: {actie: verwijzen, naar: t, overdracht: koud}, aanname: t}
      - id: t-verder
        bij: t
        als: {alle: [{veld: reis.vorige_ingang, is: s}, {veld: reis.koude_verwijzingen, vanaf: 1},
                     {veld: reis.aangekomen, is: koud}]}
        dan: {actie: verwijzen, naar: u, overdracht: warm}
        aanname: t
      - {id: t-klaar, bij: t, dan: {actie: oplossen, niveau: algemeen}, aanname: t}
      # never in a real walk, which counts the step it is in; true only for a walk of no steps at all
      - {id: u-nooit, bij: u, als: {veld: reis.stappen, tot: 1}, dan: {actie: oplossen, niveau: maatwerk}, aanname: t}
      - id: u-verder
        bij: u
        als: {alle: [{veld: reis.stappen, vanaf: 3}, {veld: casus.soorten, bevat: schulden},
                     {veld: casus.levensgebieden, bevat: financien}]}
        dan: {actie: verwijzen, naar: v, overdracht: warm}
        aanname: t
      - {id: u-klaar, bij: u, dan: {actie: oplossen, niveau: algemeen}, aanname: t}
      - {id: v-wacht, bij: v, dan: {actie: wachten, dagen: 2}, aanname: t}
      - {id: v-verhelder, bij: v, dan: {actie: verhelderen}, aanname: t}
      - {id: v-python, bij: v, dan: {actie: python, beslisser: kies}, aanname: t}
      - {id: v-verder, bij: v, als: {veld: vraag.soort, is: hbh}, dan: {actie: verwijzen, naar: w, overdracht: warm},
         aanname: t}
      - {id: w-wacht, bij: w, dan: {actie: wachten, dagen: 1}, kenmerken: [gewacht], aanname: t}
    """,
)

# Kosten: A costs 7. From A or from C the resident comes to B, which finds the question behind the
# question and sends them on to A with it.
KOSTEN = gemeente_yaml(
    "kosten",
    ingang("a", "A", ", kanalen: [telefoon], kosten: {bedrag: 7, aanname: t}", eerste=True)
    + ingang("c", "C", ", kanalen: [telefoon]", eerste=True)
    + ingang("b", "B", ", kanalen: [telefoon]"),
    """\
      - {id: a-hulp, bij: a, als: {veld: vraag.heeft_onderliggende_vraag, is: true},
         dan: {actie: verwijzen, naar: b, overdracht: warm}, aanname: t}
      - {id: a-klaar, bij: a, dan: {actie: oplossen, niveau: algemeen}, aanname: t}
      - {id: c-b, bij: c, dan: {actie: verwijzen, naar: b, overdracht: warm}, aanname: t}
      - {id: b-verhelder, bij: b, als: {veld: vraag.heeft_onderliggende_vraag, is: true}, dan: {actie: verhelderen},
         aanname: t}
      - {id: b-a, bij: b, dan: {actie: verwijzen, naar: a, overdracht: warm}, aanname: t}
    """,
)


@attrs.frozen
class World:
    gemeenten: dict[str, m.Gemeente]
    personas: dict[str, m.Persona]
    verhuizing: m.Sleutelmoment


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    d = tmp_path_factory.mktemp("engine-steps")
    (d / "mensen.yaml").write_text(MENSEN, encoding="utf-8")
    mensen = load_path(d / "mensen.yaml")
    gemeenten = {}
    for text in (PROEF, KETEN, START, ROUTE, KOSTEN):
        path = d / f"{len(gemeenten)}.yaml"
        path.write_text(text, encoding="utf-8")
        (g,) = load_path(path).gemeenten
        gemeenten[g.id] = g
    (sm,) = mensen.sleutelmomenten
    return World(gemeenten, {p.id: p for p in mensen.personas}, sm)


def walk(world: World, gid: str, persona: str, vraag: str, walker: Walker | None = None, **kw) -> m.Journey:
    w = walker or Walker(world.gemeenten[gid])
    return w.walk(world.personas[persona], world.verhuizing, vraag, **kw)


def stap(nummer, ingang, vraag, aangekomen, regel, actie, contact, retold, dagen, organisatie, ervaring, **rest):
    """A step as the walker should record it; provenance is the rule's, or none without a rule."""
    return m.Stap(
        nummer=nummer,
        ingang=ingang,
        vraag=vraag,
        aangekomen=aangekomen,
        regel=regel,
        actie=actie,
        contact_inwoner=contact,
        opnieuw_verteld=retold,
        dagen=dagen,
        organisatie=organisatie,
        ervaring=ervaring,
        herkomst=H if regel else m.GEEN_HERKOMST,
        **rest,
    )


# What the data above declares: the ingangen with a known wait and with a known cost, and the rules whose
# action has a cost. Every other wait and cost is unknown, and a step says so (never 0 days, never free).
WAIT_KNOWN = {"proef": {"balie", "team"}}
COST_KNOWN = {"proef": {"balie", "zorg"}, "kosten": {"a"}}
RULE_COST_KNOWN = {"t-geld"}


def with_unknowns(gid: str, s: m.Stap) -> m.Stap:
    """A step as written above, with what is unknown about it: the wait, unless arriving back for the question
    behind the question; the cost, unless the ingang or the action has one. Nothing is unknown where nobody was
    reached."""
    reached = s.actie != "onbereikbaar"
    return attrs.evolve(
        s,
        dagen_onbekend=reached and s.aangekomen != "verheldering" and s.ingang not in WAIT_KNOWN.get(gid, ()),
        kosten_onbekend=reached and s.ingang not in COST_KNOWN.get(gid, ()) and s.regel not in RULE_COST_KNOWN,
    )


def journey(gid, persona, vraag, steps, uitkomst, variant="nu", **metrieken) -> m.Journey:
    steps = [with_unknowns(gid, s) for s in steps]
    metrieken.setdefault("dagen_onbekend", sum(s.dagen_onbekend for s in steps))
    metrieken.setdefault("kosten_onbekend", sum(s.kosten_onbekend for s in steps))
    return m.Journey(gid, variant, persona, "verhuizing", vraag, tuple(steps), uitkomst, m.Metrieken(**metrieken))


# The expected steps below are laid out by hand, one step to a line or two.
# fmt: off

# --- Proefdorp ------------------------------------------------------------------------------------------


def test_waits_a_question_behind_the_question_and_referrals_warm_and_cold(world):
    assert walk(world, "proef", "ans", "hulp") == journey(
        "proef",
        "ans",
        "hulp",  # the journey's question is the one the resident came with
        [
            # two waiting rules, then the balie asks what is really going on: wachttijd 1 + 2 + 4 days
            stap(1, "balie", "hulp", "start", "b-verhelder", "verhelderen", True, False, 7, "Gemeente", 4,
                 kanaal="telefoon", kenmerken=("aangemeld", "gewacht"), kosten=10.125,
                 wachtregels=("b-wacht-hbh", "b-wacht")),
            # the question behind it, at the same balie: no new contact, no new wachttijd, no second charge
            stap(2, "balie", "geld", "verheldering", "b-geld", "verwijzen-warm", False, False, 4, "Gemeente", 4,
                 kanaal="telefoon", naar="team", overdracht="warm", kenmerken=("gewacht",), wachtregels=("b-wacht",)),
            stap(3, "team", "geld", "warm", "t-geld", "verwijzen-koud", False, False, 3, "Wijkteam", 2,
                 naar="zorg", overdracht="koud", kosten=5),
            stap(4, "zorg", "geld", "koud", "z-samen", "samenwerken", True, True, 5, "Zorg", 5,
                 kanaal="telefoon", niveau="maatwerk", met=("fonds",), toelichting="Samen met het fonds.",
                 kosten=0.25),
        ],
        m.Uitkomst("opgelost", "opgelost bij Zorgloket", niveau="maatwerk", waar="zorg"),
        stappen=4,
        contacten_inwoner=2,
        warme_overdrachten=1,
        koude_verwijzingen=1,
        herhalingen=1,
        dagen=7 + 4 + 3 + 5,
        organisaties=3,
        kosten=15.38,  # 10.125 + 5 + 0.25, to the cent
        afwijzingen=0,
    )


def test_declines_with_and_without_a_place_to_go(world):
    assert walk(world, "proef", "ans", "werk") == journey(
        "proef",
        "ans",
        "werk",
        [
            stap(1, "balie", "werk", "start", "b-werk", "afwijzen", True, False, 5, "Gemeente", 1,
                 kanaal="telefoon", naar="team", overdracht="koud", kenmerken=("gewacht",), kosten=10.125,
                 wachtregels=("b-wacht",)),
            # the balie and the team share a dossier: the resident calls again but need not retell
            stap(2, "team", "werk", "koud", "t-werk", "afwijzen", True, False, 3, "Wijkteam", 1,
                 kanaal="telefoon", overdracht="koud"),
        ],
        m.Uitkomst("afgehaakt", "Wijkteam wijst af zonder een andere plek te noemen", waar="team"),
        stappen=2,
        contacten_inwoner=2,
        warme_overdrachten=0,
        koude_verwijzingen=1,  # a decline that names a place sends the resident on; one that names none does not
        herhalingen=0,
        dagen=8,
        organisaties=2,
        kosten=10.12,
        afwijzingen=2,
    )


def test_a_walker_walks_its_own_variant_and_a_gemeente_without_one_in_the_standard_variant(world):
    g = world.gemeenten["proef"]
    assert g.variant is None
    nu = Walker(g).walk(world.personas["ans"], world.verhuizing, "info")
    assert nu == journey(
        "proef",
        "ans",
        "info",
        [
            stap(1, "balie", "info", "start", "b-info", "oplossen", True, False, 5, "Gemeente", 5,
                 kanaal="telefoon", niveau="informeel", kenmerken=("gewacht",), kosten=10.125,
                 wachtregels=("b-wacht",)),
        ],
        m.Uitkomst("opgelost", "aan de balie", niveau="informeel", waar="balie"),
        stappen=1, contacten_inwoner=1, warme_overdrachten=0, koude_verwijzingen=0, herhalingen=0, dagen=5,
        organisaties=1, kosten=10.12, afwijzingen=0,
    )
    straks = Walker(g.in_variant("straks")).walk(world.personas["ans"], world.verhuizing, "info")
    assert straks == journey(
        "proef",
        "ans",
        "info",
        [stap(1, "balie", "info", "start", "b-straks", "oplossen", True, False, 1, "Gemeente", 5,
              kanaal="telefoon", niveau="algemeen", kosten=10.125)],
        m.Uitkomst("opgelost", "op de website", niveau="algemeen", waar="balie"),
        variant="straks",
        stappen=1, contacten_inwoner=1, warme_overdrachten=0, koude_verwijzingen=0, herhalingen=0, dagen=1,
        organisaties=1, kosten=10.12, afwijzingen=0,
    )


# --- Keten ----------------------------------------------------------------------------------------------

CHAIN = [
    stap(1, "k1", "info", "start", "k1-k2", "verwijzen-warm", True, False, 0, "K1", 4,
         kanaal="telefoon", naar="k2", overdracht="warm"),
    stap(2, "k2", "info", "warm", "k2-k3", "verwijzen-warm", False, False, 0, "K2", 4, naar="k3", overdracht="warm"),
    stap(3, "k3", "info", "warm", "k3-k4", "verwijzen-koud", False, False, 0, "K3", 2, naar="k4", overdracht="koud"),
    stap(4, "k4", "info", "koud", "k4-k5", "verwijzen-koud", True, True, 0, "K4", 2,
         kanaal="telefoon", naar="k5", overdracht="koud"),
    stap(5, "k5", "info", "koud", "k5-klaar", "oplossen", True, True, 0, "K5", 5, kanaal="telefoon",
         niveau="informeel"),
]


def counts(stappen, contacten, warm, koud, herhalingen, organisaties) -> dict:
    return {
        "stappen": stappen,
        "contacten_inwoner": contacten,
        "warme_overdrachten": warm,
        "koude_verwijzingen": koud,
        "herhalingen": herhalingen,
        "dagen": 0,
        "organisaties": organisaties,
        "kosten": 0.0,
        "afwijzingen": 0,
    }


def test_a_chain_of_two_warm_and_two_cold_referrals(world):
    assert walk(world, "keten", "ans", "info") == journey(
        "keten",
        "ans",
        "info",
        CHAIN,
        m.Uitkomst("opgelost", "bij de buren", niveau="informeel", waar="k5"),
        **counts(5, 3, 2, 2, 2, 5),
    )


def test_persistence_runs_out_at_the_cold_referral_it_cannot_bear(world):
    # Snel gives up after one cold referral: the second, at K4, is one too many
    assert walk(world, "keten", "snel", "info") == journey(
        "keten",
        "snel",
        "info",
        CHAIN[:4],
        m.Uitkomst("afgehaakt", "doorzettingsvermogen op na 2 koude verwijzingen", waar="k4"),
        **counts(4, 2, 2, 2, 1, 4),
    )


def test_the_step_limit_stops_the_walk_where_it_would_go_next(world):
    assert walk(world, "keten", "ans", "info", Walker(world.gemeenten["keten"], max_stappen=3)) == journey(
        "keten",
        "ans",
        "info",
        CHAIN[:3],
        m.Uitkomst("staplimiet", "meer dan 3 stappen", waar="k4"),
        **counts(3, 1, 2, 1, 0, 3),
    )


def test_a_loop_that_starts_after_the_first_step_is_named_from_where_it_starts(world):
    steps = [attrs.evolve(s, vraag="werk") for s in CHAIN[:3]] + [
        stap(4, "k4", "werk", "koud", "k4-terug", "verwijzen-warm", True, True, 0, "K4", 4,
             kanaal="telefoon", naar="k2", overdracht="warm"),
    ]
    assert walk(world, "keten", "ans", "werk") == journey(
        "keten",
        "ans",
        "werk",
        steps,
        m.Uitkomst("kastje-naar-de-muur", "terug bij K2 met dezelfde vraag", waar="k2", lus=("k2", "k3", "k4", "k2")),
        **counts(4, 2, 3, 1, 1, 4),
    )


def test_a_rule_at_an_ingang_the_gemeente_lacks_is_passed_over(world):
    g = world.gemeenten["keten"]
    without_k9 = attrs.evolve(g, ingangen=tuple(i for i in g.ingangen if i.id != "k9"))
    assert g.regels[0].bij == "k9"  # the rule that now has nowhere to be comes first
    j = Walker(without_k9).walk(world.personas["ans"], world.verhuizing, "info")
    assert j.stappen == tuple(with_unknowns("keten", s) for s in CHAIN)


# --- Start ----------------------------------------------------------------------------------------------


def test_first_contacts_are_ranked_by_vindplaats_and_channels(world):
    g = world.gemeenten["start"].in_variant()
    lezer = world.personas["lezer"]
    # C: the school is the persona's and the moment's (3 + 2); D: three preferred channels (3); B: the
    # moment's jgz and one channel (2 + 1); A: the persona's huisarts (3); E: the moment's jgz (2).
    # Equal scores keep the gemeente's order.
    assert [i.id for i in plausible_first_contacts(g, lezer, world.verhuizing)] == ["c", "d", "b", "a", "e"]
    # without the moment: D 3, A 3, C 3, B 1, E 0
    assert [i.id for i in plausible_first_contacts(g, lezer)] == ["d", "a", "c", "b", "e"]
    assert walk(world, "start", "lezer", "info").route == ("c",)


@pytest.mark.parametrize(
    "digitaal, geletterdheid, kanaal",
    [
        ("vaardig", "laag", "digitaal"),
        ("beperkt", "gemiddeld", "digitaal"),
        ("beperkt", "laag", None),  # limited digital skills and low literacy: no digital channel
        ("geen", "hoog", None),
    ],
)
def test_digital_channels_need_digital_skills(world, digitaal, geletterdheid, kanaal):
    g = world.gemeenten["start"]
    persona = attrs.evolve(world.personas["lezer"], digitaal=digitaal, geletterdheid=geletterdheid)
    assert usable_channel(persona, g.ingang("web")) == kanaal
    assert usable_channel(persona, g.ingang("d")) == "telefoon"


def test_without_a_common_language_no_channel_works(world):
    g = world.gemeenten["start"]
    assert [usable_channel(world.personas["duits"], i) for i in g.ingangen] == [None] * len(g.ingangen)


def test_nobody_to_turn_to(world):
    assert walk(world, "start", "duits", "info") == journey(
        "start",
        "duits",
        "info",
        [],
        m.Uitkomst("afgehaakt", "geen ingang die deze persona zelf kan bereiken"),
        **counts(0, 0, 0, 0, 0, 0),
    )


def test_a_first_ingang_the_resident_cannot_reach(world):
    assert walk(world, "start", "offline", "info", eerste_ingang="web") == journey(
        "start",
        "offline",
        "info",
        [
            m.Stap(
                nummer=1,
                ingang="web",
                vraag="info",
                aangekomen="start",
                regel=None,
                actie="onbereikbaar",
                contact_inwoner=False,
                opnieuw_verteld=False,
                dagen=0,
                organisatie="Website",
                ervaring=1,
                toelichting="geen kanaal dat deze persona kan gebruiken",
            )
        ],
        m.Uitkomst("afgehaakt", "geen bruikbaar kanaal bij Website", waar="web"),
        **counts(1, 0, 0, 0, 0, 1),
    )


def test_an_unknown_first_ingang_is_a_key_error_naming_it(world):
    with pytest.raises(KeyError) as e:
        walk(world, "start", "ans", "info", eerste_ingang="nergens")
    assert e.value.args == ("nergens",)


# --- Route ----------------------------------------------------------------------------------------------


def kies(naam, gemeente, ingang, situatie):
    """The beslisser 'kies': at V it solves the money question itself, other questions it leaves to the rules."""
    assert (naam, gemeente.id) == ("kies", "route")
    if (ingang.id, situatie.vraag.id) == ("v", "geld"):
        return m.Actie("oplossen", niveau="algemeen")
    return None


ROUTE_START = [
    stap(1, "s", "thuis", "start", "s-koud", "verwijzen-koud", True, False, 0, "S", 2,
         kanaal="telefoon", naar="t", overdracht="koud"),
    stap(2, "t", "thuis", "koud", "t-verder", "verwijzen-warm", True, True, 0, "T", 4,
         kanaal="telefoon", naar="u", overdracht="warm"),
    stap(3, "u", "thuis", "warm", "u-verder", "verwijzen-warm", False, False, 0, "U", 4, naar="v", overdracht="warm"),
]


@pytest.mark.parametrize("beslisser", [kies, None])
def test_conditions_on_the_route_so_far_and_waiting_with_nothing_after(world, beslisser):
    # V: the wait applies; verhelderen does not (no question behind this one); the beslisser passes
    # (or there is none); the referral to W decides. At W only a wait applies, then no rule at all.
    j = walk(world, "route", "ans", "thuis", Walker(world.gemeenten["route"], beslisser=beslisser))
    assert j == journey(
        "route",
        "ans",
        "thuis",
        ROUTE_START
        + [
            stap(4, "v", "thuis", "warm", "v-verder", "verwijzen-warm", False, False, 2, "V", 4,
                 naar="w", overdracht="warm", wachtregels=("v-wacht",)),
            m.Stap(
                nummer=5, ingang="w", vraag="thuis", aangekomen="warm", regel=None, actie="geen-regel",
                contact_inwoner=False, opnieuw_verteld=False, dagen=1, organisatie="W", ervaring=1,
                kenmerken=("gewacht",), toelichting="geen regel past bij deze vraag", wachtregels=("w-wacht",),
            ),
        ],
        m.Uitkomst("afgehaakt", "bij W past geen regel op deze vraag", waar="w"),
        stappen=5, contacten_inwoner=2, warme_overdrachten=3, koude_verwijzingen=1, herhalingen=1, dagen=3,
        organisaties=5, kosten=0.0, afwijzingen=0,
    )


def test_a_beslisser_decides_and_the_casus_holds_for_each_question_of_the_moment(world):
    w = Walker(world.gemeenten["route"], beslisser=kies)
    walk(world, "route", "ans", "thuis", w)  # the same moment, another question, just before
    assert walk(world, "route", "ans", "geld", w) == journey(
        "route",
        "ans",
        "geld",
        [attrs.evolve(s, vraag="geld") for s in ROUTE_START]
        + [
            stap(4, "v", "geld", "warm", "v-python", "oplossen", False, False, 2, "V", 5,
                 niveau="algemeen", wachtregels=("v-wacht",)),
        ],
        m.Uitkomst("opgelost", "opgelost bij V", niveau="algemeen", waar="v"),
        stappen=4, contacten_inwoner=2, warme_overdrachten=2, koude_verwijzingen=1, herhalingen=1, dagen=2,
        organisaties=4, kosten=0.0, afwijzingen=0,
    )


def test_an_ingang_without_rules(world):
    assert walk(world, "route", "ans", "thuis", eerste_ingang="leeg") == journey(
        "route",
        "ans",
        "thuis",
        [
            m.Stap(
                nummer=1, ingang="leeg", vraag="thuis", aangekomen="start", regel=None, actie="geen-regel",
                contact_inwoner=True, opnieuw_verteld=False, dagen=0, organisatie="Leeg", ervaring=1,
                kanaal="telefoon", toelichting="geen regel past bij deze vraag",
            )
        ],
        m.Uitkomst("afgehaakt", "bij Leeg past geen regel op deze vraag", waar="leeg"),
        **counts(1, 1, 0, 0, 0, 1),
    )


# fmt: on


# --- what the walker remembers changes speed, never journeys --------------------------------------------


def test_an_ingang_is_charged_once_per_journey_whoever_walked_before(world):
    # From C: A is reached last and charged there. From A: charged at the start, not when the
    # resident comes back to it with the question behind the question.
    w = Walker(world.gemeenten["kosten"])
    from_c = walk(world, "kosten", "ans", "hulp", w, eerste_ingang="c")
    from_a = walk(world, "kosten", "ans", "hulp", w, eerste_ingang="a")
    assert [(s.ingang, s.vraag, s.kosten) for s in from_c.stappen] == [
        ("c", "hulp", 0),
        ("b", "hulp", 0),
        ("b", "geld", 0),
        ("a", "geld", 7),
    ]
    assert [(s.ingang, s.vraag, s.kosten) for s in from_a.stappen] == [
        ("a", "hulp", 7),
        ("b", "hulp", 0),
        ("b", "geld", 0),
        ("a", "geld", 0),
    ]
    assert from_c.metrieken.kosten == from_a.metrieken.kosten == 7


def test_equal_steps_are_one_object(world):
    """A sweep walks millions of journeys; a step that recurs is built once and shared."""
    w = Walker(world.gemeenten["proef"])
    first, again = (walk(world, "proef", "ans", "hulp", w) for _ in range(2))
    assert all(a is b for a, b in zip(first.stappen, again.stappen, strict=True))
    w = Walker(world.gemeenten["kosten"])
    from_c = walk(world, "kosten", "ans", "hulp", w, eerste_ingang="c")
    from_a = walk(world, "kosten", "ans", "hulp", w, eerste_ingang="a")
    assert from_a.stappen[1] is from_c.stappen[1]  # B, second step, same question, arrived warmly


def test_each_resident_uses_their_own_channel_on_a_shared_walker(world):
    w = Walker(world.gemeenten["proef"])
    assert walk(world, "proef", "ans", "info", w).stappen[0].kanaal == "telefoon"
    assert walk(world, "proef", "bo", "info", w).stappen[0].kanaal == "balie"


def test_each_resident_and_each_moment_has_its_own_first_contact_on_a_shared_walker(world):
    w = Walker(world.gemeenten["start"])
    assert walk(world, "start", "lezer", "info", w).route == ("c",)
    assert walk(world, "start", "ans", "info", w).route == ("b",)  # jgz and telefoon: 2 + 1
    # the same questions (the same objects) in a moment found elsewhere: the school no longer counts double
    elders = attrs.evolve(world.verhuizing, id="elders", vindplaatsen=())
    assert elders.vragen[3] is world.verhuizing.vragen[3]
    assert w.walk(world.personas["lezer"], elders, "info").route == ("d",)


TAAK = gemeente_yaml(
    "taak",
    ingang("balie", "Balie", ", kanalen: [telefoon], taak: [informatie]", eerste=True),
    """\
      - {id: b-info, bij: balie, als: {veld: vraag.soort, is: informatie}, dan: {actie: oplossen, niveau: algemeen},
         aanname: t}
      - {id: b-geld, bij: balie, als: {veld: vraag.soort, is: schulden}, dan: {actie: afwijzen}, aanname: t}
      - {id: b-rest, bij: balie, dan: {actie: oplossen, niveau: maatwerk}, aanname: t}
    """,
)


def test_a_place_answers_within_its_task_and_only_an_answer_outside_it_is_buiten_taak(world, tmp_path):
    path = tmp_path / "taak.yaml"
    path.write_text(TAAK, encoding="utf-8")
    (g,) = load_path(path).gemeenten
    w = Walker(g)

    def uitkomst(vraag: str) -> tuple:
        u = w.walk(world.personas["ans"], world.verhuizing, vraag).uitkomst
        return u.soort, u.niveau, u.waar

    assert uitkomst("info") == ("opgelost", "algemeen", "balie")
    j = w.walk(world.personas["ans"], world.verhuizing, "thuis")
    assert (j.uitkomst.soort, j.uitkomst.niveau, j.uitkomst.waar) == ("buiten-taak", "maatwerk", "balie")
    assert j.uitkomst.reden == "Balie beantwoordt een vraag over hbh, maar dat hoort niet bij haar taak"
    # turning a question away is no answer, inside the task or outside it
    assert uitkomst("geld") == ("afgehaakt", None, "balie")


def test_a_decline_that_names_a_place_sends_the_resident_there_cold_whatever_a_beslisser_says(world):
    # a plugin's Actie can carry any field; only a referral hands over warm
    def afwijzen(naam, gemeente, ingang, situatie):
        return m.Actie("afwijzen", noemt="w", overdracht="warm") if ingang.id == "v" else None

    j = walk(world, "route", "ans", "geld", Walker(world.gemeenten["route"], beslisser=afwijzen))
    assert [(s.ingang, s.actie) for s in j.stappen][-2:] == [("v", "afwijzen"), ("w", "geen-regel")]
    last = j.stappen[-1]
    assert (last.aangekomen, last.contact_inwoner) == ("koud", True)

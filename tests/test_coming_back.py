"""Coming back: arriving again at a place already visited with the same question no longer ends the walk when
the place now decides otherwise. The loop is recorded (uitkomst.lus) while the outcome can still be opgelost.

Terugstad, after a source: when the wijkcoach refers to maatschappelijk werk, it is regularly said the request
is too heavy for volunteers, and it comes back to maatwerk after all. The figures are worked out by hand.
"""

from __future__ import annotations

import json

import pytest
from test_evidence import JAN, gemeente, mensen, wereld

from journeykit import api

VRAAG = """\
  - id: hulp
    naam: Hulp nodig
    aanname: test
    vragen: [{id: begeleiding, omschrijving: Ik heb begeleiding nodig., levensgebied: zorg, soort: begeleiding}]
"""
TERUG = """\
      - {id: coach-terug, bij: wijkcoach, als: {veld: reis.keer_hier, vanaf: 1},
         dan: {actie: oplossen, niveau: maatwerk}, aanname: test}
"""
REST = """\
      - {id: coach-naar-mw, bij: wijkcoach, dan: {actie: verwijzen, naar: mw, overdracht: warm}, aanname: test}
      - {id: mw-te-zwaar, bij: mw, dan: {actie: afwijzen, noemt: wijkcoach}, aanname: test}
"""


def terugstad(regels: str) -> str:
    return gemeente(
        """\
          id: terugstad
          naam: Terugstad
          aanname: test
          varianten: [{id: nu, naam: Nu, aanname: test}]
          standaard_variant: nu
          principes:
            - {id: geen-lus, naam: Geen kastje naar de muur, toets: {soort: geen-lus}, aanname: test}
        """,
        """\
          - {id: wijkcoach, naam: Wijkcoach, soort: team, kanalen: [telefoon], stappen: [s], aanname: test}
          - {id: mw, naam: Maatschappelijk werk, soort: organisatie, kanalen: [telefoon], stappen: [s],
             eerste_contact: false, aanname: test}
        """,
        regels,
    )


PERSIST = "  - {id: kees, naam: Kees, leeftijd: 50, huishouden: alleenstaand, doorzettingsvermogen: 0, aanname: test}\n"


@pytest.fixture
def stad(tmp_path):
    return wereld(tmp_path, mensen(JAN + PERSIST, VRAAG), {"terugstad": terugstad(TERUG + REST)})


def test_sent_back_and_then_helped_the_loop_is_recorded_and_the_outcome_is_opgelost(stad):
    j, schendingen = api.walk(stad.catalog(), "terugstad", "jan", "hulp")
    assert j.route == ("wijkcoach", "mw", "wijkcoach")
    assert [s.regel for s in j.stappen] == ["coach-naar-mw", "mw-te-zwaar", "coach-terug"]
    assert (j.uitkomst.soort, j.uitkomst.niveau) == ("opgelost", "maatwerk")
    assert j.uitkomst.lus == ("wijkcoach", "mw", "wijkcoach")
    # he started at the wijkcoach, and went back himself after the decline: two contacts, one retelling
    mt = j.metrieken
    assert (mt.contacten_inwoner, mt.koude_verwijzingen, mt.herhalingen, mt.afwijzingen) == (2, 1, 1, 1)
    # being sent round breaks the promise, though he was helped in the end
    assert [s.principe for s in schendingen] == ["geen-lus"]
    assert [s.nummer for s in j.lus_stappen] == [1, 2]


def test_a_place_that_decides_the_same_again_ends_the_walk_as_before(tmp_path):
    w = wereld(tmp_path, mensen(JAN, VRAAG), {"terugstad": terugstad(REST)})
    j, _ = api.walk(w.catalog(), "terugstad", "jan", "hulp")
    assert j.uitkomst.soort == "kastje-naar-de-muur"
    assert j.uitkomst.lus == ("wijkcoach", "mw", "wijkcoach")
    assert j.route == ("wijkcoach", "mw")  # the return is not a step: nothing new happens there


def test_persistence_decides_whether_he_goes_back(stad):
    j, _ = api.walk(stad.catalog(), "terugstad", "kees", "hulp")
    assert j.uitkomst.soort == "afgehaakt"
    assert j.uitkomst.reden == "doorzettingsvermogen op na 1 koude verwijzingen"
    assert j.route == ("wijkcoach", "mw") and j.uitkomst.lus == ()


def test_walk_says_he_was_sent_round_on_the_way(stad, cli):
    out = cli("walk", "--gemeente", "terugstad", "--persona", "jan", "--sleutelmoment", "hulp", *stad.args)
    assert out.exit_code == 0, out.output
    assert "Onderweg teruggestuurd: Wijkcoach → Maatschappelijk werk → Wijkcoach" in out.stdout
    data = json.loads(
        cli(
            "walk",
            "--gemeente",
            "terugstad",
            "--persona",
            "jan",
            "--sleutelmoment",
            "hulp",
            "--format",
            "json",
            *stad.args,
        ).stdout
    )
    assert data["uitkomst"]["soort"] == "opgelost" and data["uitkomst"]["lus"] == ["wijkcoach", "mw", "wijkcoach"]


def test_the_loop_sweep_counts_a_loop_that_ended_well(stad, cli):
    data = json.loads(cli("loops", "--gemeente", "terugstad", "--format", "json", *stad.args).stdout)
    [lus] = data["lussen"]
    assert lus["cyclus"] == ["mw", "wijkcoach", "mw"]  # rotated to its smallest id, as every loop in the report
    assert [r["regel"] for r in lus["randen"]] == ["mw-te-zwaar", "coach-naar-mw"]


def test_a_map_draws_the_loop_where_it_happened(stad, cli, tmp_path):
    out = tmp_path / "uit"
    res = cli(
        "render",
        "map",
        "--gemeente",
        "terugstad",
        "--persona",
        "jan",
        "--sleutelmoment",
        "hulp",
        "--out",
        str(out),
        *stad.args,
    )
    assert res.exit_code == 0, res.output
    [page] = out.glob("*.html")
    assert "Wijkcoach → Maatschappelijk werk → Wijkcoach" in page.read_text(encoding="utf-8")


def test_the_loop_report_says_how_to_walk_its_witness_again_and_that_walk_loops():
    from conftest import TESTSTAD_ARGS, run_cli

    data = json.loads(run_cli("loops", "--gemeente", "teststad", "--format", "json", *TESTSTAD_ARGS).stdout)
    [lus] = data["lussen"]
    command = lus["opnieuw"].split()
    assert command[:2] == ["journeykit", "walk"] and "--vraag" in command
    again = json.loads(run_cli(*command[1:], "--format", "json", *TESTSTAD_ARGS).stdout)
    assert again["uitkomst"]["soort"] == "kastje-naar-de-muur"
    assert sorted(again["uitkomst"]["lus"][:-1]) == sorted(lus["cyclus"][:-1])


# Soms: the wijkcoach helps Jan himself in 60 % of cases and sends him on to maatschappelijk werk in 40 %, which
# sends him back. Walking only the most likely route, the sweep would never see the loop.
SOMS = """\
      - id: coach-soms-naar-mw
        bij: wijkcoach
        dan:
          kansen:
            - {kans: 0.6, dan: {actie: oplossen, niveau: algemeen}, aanname: meestal}
            - {kans: 0.4, dan: {actie: verwijzen, naar: mw, overdracht: warm}, aanname: soms}
        aanname: test
      - {id: mw-te-zwaar, bij: mw, dan: {actie: afwijzen, noemt: wijkcoach}, aanname: test}
"""


def test_the_loop_sweep_finds_a_loop_on_a_less_likely_route_and_says_how_likely(tmp_path, cli):
    w = wereld(tmp_path, mensen(JAN, VRAAG), {"terugstad": terugstad(TERUG + SOMS)})
    args = ["loops", "--gemeente", "terugstad", "--no-generated", *w.args]
    data = json.loads(cli(*args, "--format", "json").stdout)
    # one case (Jan, hulp, at the wijkcoach); its two routes both end opgelost, one of them after going round
    assert data["gelopen"] == 1
    assert data["uitkomsten"] == {"opgelost": 1.0}
    [lus] = data["lussen"]
    assert lus["cyclus"] == ["mw", "wijkcoach", "mw"]
    assert (lus["aantal"], lus["kans"], lus["verwacht"], lus["getuige"]["kans"]) == (1, 0.4, 0.4, 0.4)
    # the promise is broken on the route that goes round only: 0.4 of a journey
    assert [(p["principe"], p["aantal"]) for p in data["principes"]] == [("geen-lus", 0.4)]
    text = cli(*args).stdout
    assert "niet altijd: waar regels kansen hebben, gaat een reis hier met een kans van hoogstens 40 % rond" in text
    assert "(de lus is daar een van de mogelijke routes, met kans 40 %: zie de verdeling)" in text


def test_a_loop_that_always_happens_says_nothing_about_chance(stad, cli):
    args = ["loops", "--gemeente", "terugstad", "--no-generated", *stad.args]
    data = json.loads(cli(*args, "--format", "json").stdout)
    [lus] = data["lussen"]
    assert (lus["kans"], lus["getuige"]["kans"]) == (1, 1)
    assert lus["verwacht"] == lus["aantal"]
    assert "niet altijd" not in cli(*args).stdout

"""A household with more questions: each question walked, and what the household goes through in all.

Gezinstad, in two variants. Los: the loket sends debts cold to the Stadsbank and parenting cold to the
jeugdteam. Regie: the loket hands every question warmly to the wijkteam, which takes the regie and works
with the Stadsbank or the jeugdteam. Gezinstad takes debts first and promises "1 gezin, 1 plan, 1 regisseur".
The figures below are worked out by hand from this YAML.
"""

from __future__ import annotations

import json

import pytest
from test_evidence import gemeente, mensen, wereld

from journeykit import api

GEZIN = gemeente(
    """\
      id: gezinstad
      naam: Gezinstad
      aanname: test
      varianten: [{id: los, naam: Los, aanname: test}, {id: regie, naam: Regie, aanname: test}]
      standaard_variant: los
      eerst: [schulden]
      principes:
        - {id: een-regisseur, naam: "1 gezin, 1 plan, 1 regisseur", toets: {soort: een-regisseur}, aanname: test}
    """,
    """\
      - {id: loket, naam: Loket, soort: loket, kanalen: [telefoon], stappen: [s], organisatie: Gemeente, aanname: test}
      - {id: stadsbank, naam: Stadsbank, soort: organisatie, kanalen: [telefoon], stappen: [s], eerste_contact: false,
         aanname: test}
      - {id: jeugdteam, naam: Jeugdteam, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false,
         aanname: test}
      - {id: wijkteam, naam: Wijkteam, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false,
         regie: true, aanname: test}
    """,
    """\
      - {id: los-geld, bij: loket, varianten: [los], als: {veld: vraag.soort, is: schulden},
         dan: {actie: verwijzen, naar: stadsbank, overdracht: koud}, aanname: test}
      - {id: los-opvoeding, bij: loket, varianten: [los], als: {veld: vraag.soort, is: opvoeding},
         dan: {actie: verwijzen, naar: jeugdteam, overdracht: koud}, aanname: test}
      - {id: regie-wijkteam, bij: loket, varianten: [regie], dan: {actie: verwijzen, naar: wijkteam, overdracht: warm},
         aanname: test}
      - {id: wijkteam-geld, bij: wijkteam, als: {veld: vraag.soort, is: schulden},
         dan: {actie: samenwerken, met: [stadsbank], niveau: algemeen}, aanname: test}
      - {id: wijkteam-opvoeding, bij: wijkteam, dan: {actie: samenwerken, met: [jeugdteam], niveau: algemeen},
         aanname: test}
      - {id: bank-helpt, bij: stadsbank, dan: {actie: oplossen, niveau: algemeen}, aanname: test}
      - {id: jeugd-helpt, bij: jeugdteam, dan: {actie: oplossen, niveau: algemeen}, aanname: test}
    """,
)
OUDER = (
    "  - {id: sanne, naam: Sanne, leeftijd: 34, huishouden: eenoudergezin, kinderen: [6], doorzettingsvermogen: 3,\n"
    "     aanname: test}\n"
)
NOOD = """\
  - id: nood
    naam: Gezin in nood
    aanname: test
    vragen:
      - {id: opvoeding, omschrijving: Mijn zoon luistert niet., levensgebied: opvoeding, soort: opvoeding}
      - {id: schulden, omschrijving: Ik heb schulden., levensgebied: financien, soort: schulden}
"""


@pytest.fixture
def gezin(tmp_path):
    return wereld(tmp_path, mensen(OUDER, NOOD), {"gezinstad": GEZIN})


def walk(w, variant):
    return api.walk_household(w.catalog(), "gezinstad", "sanne", "nood", ["opvoeding", "schulden"], variant)


def test_without_a_regisseur_each_question_goes_its_own_way(gezin):
    h, per_reis = walk(gezin, "los")
    assert h.volgorde == ("schulden", "opvoeding")  # Gezinstad takes debts first
    assert [j.route for j in h.reizen] == [("loket", "stadsbank"), ("loket", "jeugdteam")]
    # loket, Stadsbank, jeugdteam; the story told at the loket twice and again at each cold referral
    assert (h.professionals, h.organisaties, h.verteld, h.regisseur) == (3, 3, 4, None)
    assert [(s.principe, s.uitleg) for s in h.schendingen] == [
        ("een-regisseur", "geen plek met regie bij elke vraag van het huishouden")
    ]
    assert per_reis == [[], []]  # one journey alone has nothing to coordinate


def test_with_a_regisseur_one_place_keeps_the_household_together(gezin):
    h, _ = walk(gezin, "regie")
    assert [j.route for j in h.reizen] == [("loket", "wijkteam"), ("loket", "wijkteam")]
    # loket and wijkteam, and the partners the wijkteam works with: four places, four organisations
    assert (h.professionals, h.organisaties, h.verteld, h.regisseur) == (4, 4, 2, "wijkteam")
    assert h.schendingen == ()


def test_the_order_puts_the_kinds_the_gemeente_takes_first_first_then_keeps_the_given_order(gezin):
    import attrs

    from journeykit.analysis.household import order

    cat = gezin.catalog()
    g, sm = cat.gemeente("gezinstad"), cat.sleutelmoment("nood")
    given = [sm.vraag("opvoeding"), sm.vraag("schulden")]
    assert [v.id for v in order(g, given)] == ["schulden", "opvoeding"]
    assert [v.id for v in order(attrs.evolve(g, eerst=()), given)] == ["opvoeding", "schulden"]


def test_walk_with_two_questions_prints_each_and_the_household(gezin, cli):
    args = ["walk", "--gemeente", "gezinstad", "--persona", "sanne", "--sleutelmoment", "nood"]
    out = cli(*args, "--vraag", "opvoeding", "--vraag", "schulden", *gezin.args)
    assert out.exit_code == 0, out.output
    text = out.stdout
    assert text.index("=== Vraag 1 van 2: schulden ===") < text.index("=== Vraag 2 van 2: opvoeding ===")
    assert "Het huishouden, 2 vragen (schulden, opvoeding):" in text
    assert "  3 plekken met een professional, 3 organisaties" in text
    assert "  het verhaal 4 keer verteld" in text
    assert "  regisseur: geen: niemand neemt de regie over alle vragen" in text
    assert "  GESCHONDEN: 1 gezin, 1 plan, 1 regisseur: geen plek met regie bij elke vraag van het huishouden" in text
    data = json.loads(
        cli(
            *args, "--vraag", "opvoeding", "--vraag", "schulden", "--variant", "regie", "--format", "json", *gezin.args
        ).stdout
    )
    assert [r["vraag"] for r in data["reizen"]] == ["schulden", "opvoeding"]
    assert data["huishouden"] == {
        "vragen": ["schulden", "opvoeding"],
        "professionals": 4,
        "organisaties": 4,
        "verteld": 2,
        "regisseur": "wijkteam",
        "regie_in_de_data": True,
        "dagen": None,
        "schendingen": [],
    }


def test_without_regie_in_the_data_the_regisseur_is_unknown_not_absent(tmp_path, cli):
    w = wereld(tmp_path, mensen(OUDER, NOOD), {"gezinstad": GEZIN.replace("regie: true, ", "")})
    args = ["walk", "--gemeente", "gezinstad", "--persona", "sanne", "--sleutelmoment", "nood", "--variant", "regie"]
    out = cli(*args, "--vraag", "opvoeding", "--vraag", "schulden", *w.args)
    assert out.exit_code == 0, out.output
    assert "regisseur: onbekend: de data van Gezinstad noemt geen plek die de regie neemt (regie: true)" in out.stdout


def test_one_question_walks_as_before(gezin, cli):
    args = ["walk", "--gemeente", "gezinstad", "--persona", "sanne", "--sleutelmoment", "nood", "--format", "json"]
    one = json.loads(cli(*args, "--vraag", "schulden", *gezin.args).stdout)
    assert one["vraag"] == "schulden" and "huishouden" not in one


def test_a_question_twice_is_refused(gezin, cli):
    args = ["walk", "--gemeente", "gezinstad", "--persona", "sanne", "--sleutelmoment", "nood"]
    out = cli(*args, "--vraag", "schulden", "--vraag", "schulden", *gezin.args)
    assert out.exit_code == 2
    assert "noem elke vraag van het huishouden één keer" in out.output

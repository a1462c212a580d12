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


# --- journey cases for a household (`vragen: [a, b]`) ---------------------------------------------------------

# Expectations a coordinated household meets: worked out by hand above (variant regie), and broken in los.
SAMEN = (
    "{regisseur: wijkteam, max_professionals: 4, max_organisaties: 4, max_verteld: 2, max_koude_verwijzingen: 0,"
    " principes_gehaald: [een-regisseur]}"
)


def huishoud_reizen(*cases: str) -> str:
    return "reizen:\n" + "".join(
        f"  - {{id: {cid}, naam: Gezin, persona: sanne, sleutelmoment: nood, gemeente: gezinstad, {rest},"
        " aanname: test}\n"
        for cid, rest in cases
    )


def household_world(tmp_path, *cases: str):
    return wereld(tmp_path, mensen(OUDER, NOOD), {"gezinstad": GEZIN}, huishoud_reizen(*cases))


def test_a_household_case_walks_every_question_and_meets_the_household_expectations(tmp_path):
    w = household_world(
        tmp_path, ("gezin-regie", f"variant: regie, vragen: [opvoeding, schulden], verwachting: {SAMEN}")
    )
    (r,) = api.check_reizen(w.catalog())
    assert r.mislukt == ()
    assert [(j.vraag, j.route) for j in r.reizen] == [
        ("schulden", ("loket", "wijkteam")),
        ("opvoeding", ("loket", "wijkteam")),
    ]
    assert r.journey is r.reizen[0]


def test_a_household_case_fails_on_what_the_household_goes_through_in_all(tmp_path):
    w = household_world(
        tmp_path,
        ("gezin-los", f"variant: los, vragen: [opvoeding, schulden], verwachting: {SAMEN}"),
        ("gezin-eind", "variant: los, vragen: [opvoeding, schulden], verwachting: {eindigt_bij: stadsbank}"),
        ("gezin-via", "variant: regie, vragen: [opvoeding, schulden], verwachting: {niet_via: [jeugdteam]}"),
        ("gezin-langs", "variant: los, vragen: [opvoeding, schulden], verwachting: {bereikt: [stadsbank, jeugdteam]}"),
        ("gezin-niet", "variant: los, vragen: [opvoeding, schulden], verwachting: {niet_via: [jeugdteam]}"),
        ("gezin-dagen", "variant: regie, vragen: [opvoeding, schulden], verwachting: {max_dagen: 30}"),
    )
    results = {r.reis.id: r.mislukt for r in api.check_reizen(w.catalog())}
    assert results == {
        "gezin-los": (
            "2 koude verwijzingen, verwacht hoogstens 0",
            "principe 'een-regisseur' geschonden, verwacht gehaald",
            "regisseur is '-', verwacht 'wijkteam'",
            "4 keer het verhaal verteld, verwacht hoogstens 2",
        ),
        # what a journey must do holds for every question, and the message names the one that does not
        "gezin-eind": ("vraag 'opvoeding': eindigt bij 'jeugdteam', verwacht 'stadsbank'",),
        # the wijkteam works with the jeugdteam as a partner: a partner is no stop on the route
        "gezin-via": (),
        # one question reaches the stadsbank, the other the jeugdteam: routes count for the household together
        "gezin-langs": (),
        "gezin-niet": ("route gaat via 'jeugdteam', dat niet zou moeten",),
        # no place in Gezinstad says how long it takes
        "gezin-dagen": ("wachttijd onbekend, verwacht hoogstens 30 dagen",),
    }


def test_check_shows_a_row_per_question_and_the_household_in_json(tmp_path):
    w = household_world(
        tmp_path, ("gezin-regie", f"variant: regie, vragen: [opvoeding, schulden], verwachting: {SAMEN}")
    )
    from test_evidence import run_cli

    text = run_cli("check", *w.args)
    assert text.returncode == 0, text.stdout + text.stderr
    rows = [line.split()[0:3] for line in text.stdout.splitlines() if line.startswith("gezin-regie")]
    assert rows == [["gezin-regie", "·", "schulden"], ["gezin-regie", "·", "opvoeding"]]
    data = json.loads(run_cli("check", "--format", "json", *w.args).stdout)
    (reis,) = data["reizen"]
    h = reis["huishouden"]
    assert (h["vragen"], h["regisseur"], h["professionals"], h["verteld"]) == (
        ["schulden", "opvoeding"],
        "wijkteam",
        4,
        2,
    )
    assert [x["vraag"] for x in h["reizen"]] == ["schulden", "opvoeding"]
    assert [x["metrieken"]["warme_overdrachten"] for x in h["reizen"]] == [1, 1]


def test_a_single_question_case_has_no_household_in_json(tmp_path):
    w = household_world(tmp_path, ("een", "vraag: schulden, variant: los"))
    from test_evidence import run_cli

    data = json.loads(run_cli("check", "--format", "json", *w.args).stdout)
    assert data["reizen"][0]["huishouden"] is None


@pytest.mark.parametrize(
    "rest, key, message",
    [
        ("vraag: schulden, vragen: [opvoeding, schulden]", "vragen", "geef 'vraag' (één vraag) of 'vragen'"),
        ("vragen: [opvoeding, geld]", "vragen[1]", "onbekende vraag 'geld'"),
        ("vragen: [schulden, schulden]", "vragen[1]", "vraag 'schulden' staat er twee keer"),
        ("vragen: [schulden]", "vragen", "minstens 2"),
        ("verwachting: {regisseur: wijkteam}", "verwachting.regisseur", "gaat over een huishouden"),
        ("verwachting: {max_verteld: 2}", "verwachting.max_verteld", "gaat over een huishouden"),
        (
            "vragen: [opvoeding, schulden], verwachting: {kans_opgelost: {min: 0.5}}",
            "verwachting.kans_opgelost",
            "een kans gaat over één vraag",
        ),
        ("vragen: [opvoeding, schulden], verwachting: {regisseur: bank}", "verwachting.regisseur", "onbekende ingang"),
    ],
)
def test_a_wrong_household_case_is_refused_with_file_line_and_key(tmp_path, rest, key, message):
    from test_evidence import run_cli

    w = household_world(tmp_path, ("fout", rest))
    out = run_cli("check", *w.args)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    assert f"reizen.yaml:2: [{key}]" in out.stderr or f"reizen.yaml:2: [reizen[0].{key}]" in out.stderr, out.stderr
    assert message in out.stderr


def test_a_regisseur_may_take_part_as_a_partner(tmp_path):
    # the Stadsbank and the jeugdteam each work with the wijkteam: it coordinates both questions without a visit
    samen = GEZIN.replace(
        "dan: {actie: oplossen, niveau: algemeen}", "dan: {actie: samenwerken, met: [wijkteam], niveau: algemeen}"
    )
    w = wereld(tmp_path, mensen(OUDER, NOOD), {"gezinstad": samen})
    h, _ = walk(w, "los")
    assert [j.route for j in h.reizen] == [("loket", "stadsbank"), ("loket", "jeugdteam")]
    assert (h.professionals, h.regisseur, h.schendingen) == (4, "wijkteam", ())


def test_no_regie_in_this_situation_but_in_another_is_no_regisseur_not_an_unknown_one(tmp_path, cli):
    # the wijkteam (with regie) exists only in variant regie; in los the data says nobody coordinates
    alleen = GEZIN.replace("regie: true, aanname: test}", "regie: true, varianten: [regie], aanname: test}")
    alleen = alleen.replace("bij: wijkteam,", "bij: wijkteam, varianten: [regie],")
    w = wereld(tmp_path, mensen(OUDER, NOOD), {"gezinstad": alleen})
    h, _ = walk(w, "los")
    assert (h.regisseur, h.regie_in_de_data, h.niet_getoetst) == (None, True, ())
    assert [s.principe for s in h.schendingen] == ["een-regisseur"]
    args = ["walk", "--gemeente", "gezinstad", "--persona", "sanne", "--sleutelmoment", "nood", "--variant", "los"]
    out = cli(*args, "--vraag", "opvoeding", "--vraag", "schulden", *w.args)
    assert "  regisseur: geen: niemand neemt de regie over alle vragen" in out.stdout


def test_an_unknown_regisseur_breaks_no_promise_and_a_case_cannot_count_on_it(tmp_path):
    zonder = GEZIN.replace("regie: true, ", "")
    reizen = huishoud_reizen(
        ("gehaald", "variant: regie, vragen: [opvoeding, schulden], verwachting: {principes_gehaald: [een-regisseur]}"),
        (
            "geschonden",
            "variant: los, vragen: [opvoeding, schulden], verwachting: {principes_geschonden: [een-regisseur]}",
        ),
    )
    w = wereld(tmp_path, mensen(OUDER, NOOD), {"gezinstad": zonder}, reizen)
    h, _ = walk(w, "los")
    assert (h.regisseur, h.regie_in_de_data, h.schendingen, h.niet_getoetst) == (None, False, (), ("een-regisseur",))
    results = {r.reis.id: r.mislukt for r in api.check_reizen(w.catalog())}
    unknown = "principe 'een-regisseur' kon niet getoetst worden (geen plek in de data heeft regie: true)"
    assert results == {"gehaald": (unknown,), "geschonden": (unknown,)}


def test_render_draws_a_map_per_question_of_a_household_case_with_its_own_route(tmp_path, cli):
    w = household_world(
        tmp_path,
        ("gezin-los", "variant: los, vragen: [opvoeding, schulden]"),
        ("een", "vraag: schulden, variant: los"),
    )
    out = tmp_path / "uit"
    res = cli("render", "reizen", "--out", str(out), *w.args)
    assert res.exit_code == 0, res.output
    maps = sorted(p.name for p in out.glob("kaart-*.html"))
    assert maps == ["kaart-een.html", "kaart-gezin-los-opvoeding.html", "kaart-gezin-los-schulden.html"]
    schulden = (out / "kaart-gezin-los-schulden.html").read_text(encoding="utf-8")
    opvoeding = (out / "kaart-gezin-los-opvoeding.html").read_text(encoding="utf-8")
    # each question's own route: the Stadsbank for the debts, the jeugdteam for the parenting
    assert "Stadsbank" in schulden and "Jeugdteam" not in schulden
    assert "Jeugdteam" in opvoeding and "Stadsbank" not in opvoeding
    # the household's broken promise is on both maps
    assert "1 gezin, 1 plan, 1 regisseur" in schulden and "1 gezin, 1 plan, 1 regisseur" in opvoeding

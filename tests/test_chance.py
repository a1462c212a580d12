"""Kansen: a rule with more possible outcomes ('meestal', 'soms'), and the distribution of a journey's routes.

Kansstad: the loket sends a question warmly to the Wmo in 70 % of cases, coldly to the buurtteam in 30 %; the
Wmo resolves it in 60 % and turns it down without naming a place in 40 %; the buurtteam always resolves it.
Routes, worked out by hand: loket → Wmo, opgelost: 0.7 × 0.6 = 0.42; loket → Wmo, afgehaakt: 0.7 × 0.4 = 0.28;
loket → buurtteam, opgelost: 0.3.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_evidence import JAN, gemeente, mensen, wereld

from journeykit import api
from journeykit.analysis import chance
from journeykit.errors import JourneykitError

from conftest import TESTSTAD_ARGS, run_cli

VRAAG = """\
  - id: hulp
    naam: Hulp
    aanname: test
    vragen: [{id: hbh, omschrijving: Hulp in huis, levensgebied: zorg, soort: hbh}]
"""


def kansstad(p: float = 0.7, q: float = 0.6, extra: str = "") -> str:
    return gemeente(
        """\
          id: kansstad
          naam: Kansstad
          aanname: test
          varianten: [{id: nu, naam: Nu, aanname: test}]
          standaard_variant: nu
        """,
        """\
          - {id: loket, naam: Loket, soort: loket, kanalen: [telefoon], stappen: [s], aanname: test}
          - {id: wmo, naam: Wmo, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false, aanname: test}
          - {id: buurt, naam: Buurtteam, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false,
             aanname: test}
        """,
        f"""\
          - id: loket-meestal-wmo
            bij: loket
            dan:
              kansen:
                - {{kans: {p!r}, dan: {{actie: verwijzen, naar: wmo, overdracht: warm}},
                   bron: {{bestand: plan.txt, sectie: "§ 1", citaat: meestal}}}}
                - {{kans: {1 - p!r}, dan: {{actie: verwijzen, naar: buurt, overdracht: koud}}, aanname: soms{extra}}}
            aanname: test
          - id: wmo-vaak
            bij: wmo
            dan:
              kansen:
                - {{kans: {q!r}, dan: {{actie: oplossen, niveau: maatwerk}}, aanname: vaak,
                   bron: {{bestand: plan.txt, sectie: "§ 2"}}}}
                - {{kans: {1 - q!r}, dan: {{actie: afwijzen}}, aanname: soms}}
            aanname: test
          - {{id: buurt-helpt, bij: buurt, dan: {{actie: oplossen, niveau: informeel}}, aanname: test}}
        """,
    )


@pytest.fixture
def stad(tmp_path):
    return wereld(tmp_path, mensen(JAN, VRAAG), {"kansstad": kansstad()})


def test_the_exact_distribution_of_every_route(stad):
    v = api.verdeling(stad.catalog(), "kansstad", "jan", "hulp")
    got = {(r.journey.route, r.journey.uitkomst.soort): r.kans for r in v.routes}
    assert got == pytest.approx(
        {
            (("loket", "wmo"), "opgelost"): 0.42,
            (("loket", "wmo"), "afgehaakt"): 0.28,
            (("loket", "buurt"), "opgelost"): 0.3,
        }
    )
    assert [r.journey.route for r in v.routes] == [("loket", "wmo"), ("loket", "buurt"), ("loket", "wmo")]
    assert (v.kans_opgelost, v.kans_afgehaakt, v.kans_kastje_naar_de_muur) == pytest.approx((0.72, 0.28, 0))
    # one contact on the way to the Wmo, two on the cold way to the buurtteam: 0.7 × 1 + 0.3 × 2
    assert v.verwacht("contacten_inwoner") == pytest.approx(1.3)
    assert v.verwacht("koude_verwijzingen") == pytest.approx(0.3)
    assert v.verwacht("dagen", "dagen_onbekend") is None  # nobody knows the waits here


def test_a_plain_walk_takes_the_most_likely_kans_and_shows_its_source(stad):
    j, _ = api.walk(stad.catalog(), "kansstad", "jan", "hulp")
    assert j.route == ("loket", "wmo") and j.uitkomst.soort == "opgelost"
    assert j.stappen[0].herkomst.niveau == "bron"  # the kans's own provenance, not the rule's
    assert j.stappen[1].herkomst.aanname == "vaak"


def test_walk_prints_the_routes_and_gives_them_in_json(stad, cli):
    args = ["walk", "--gemeente", "kansstad", "--persona", "jan", "--sleutelmoment", "hulp", *stad.args]
    out = cli(*args)
    assert out.exit_code == 0, out.output
    assert "kan deze reis 3 kanten op (precies uitgerekend)" in out.stdout
    # each route rests on its weakest step: loket → Wmo resolved on the plan and the Wmo's 'vaak' (plan and
    # assumption); loket → buurtteam on two assumptions; loket → Wmo turned down on the plan and an assumption
    assert "   42 %  Loket → Wmo: opgelost (maatwerk) (rust op: deels bron, deels aanname)" in out.stdout
    assert "   30 %  Loket → Buurtteam: opgelost (informeel) (rust op: aanname)" in out.stdout
    assert "   28 %  Loket → Wmo: afgehaakt (rust op: aanname)" in out.stdout
    assert "Kans op opgelost 72 %, van het kastje naar de muur 0 %, afgehaakt 28 %." in out.stdout
    assert "Verwacht: 1,3 contacten, 0,3 koude verwijzingen." in out.stdout
    data = json.loads(cli(*args, "--format", "json").stdout)["verdeling"]
    assert [r["route"] for r in data["routes"]] == [["loket", "wmo"], ["loket", "buurt"], ["loket", "wmo"]]
    assert data["kans_opgelost"] == pytest.approx(0.72) and data["steekproef"] == 0
    assert [r["herkomst"]["niveau"] for r in data["routes"]] == ["deels", "aanname", "aanname"]


def test_a_journey_without_kansen_has_one_route_for_certain():
    data = json.loads(
        run_cli(
            "walk",
            "--gemeente",
            "teststad",
            "--persona",
            "jan",
            "--sleutelmoment",
            "info",
            "--format",
            "json",
            *TESTSTAD_ARGS,
        ).stdout
    )["verdeling"]
    assert len(data["routes"]) == 1 and data["routes"][0]["kans"] == 1.0


def test_too_many_routes_are_refused_with_a_way_out(stad):
    cat = stad.catalog()
    w, p, sm = cat.walker("kansstad"), cat.persona("jan"), cat.sleutelmoment("hulp")
    with pytest.raises(JourneykitError, match="te veel om precies uit te rekenen; gebruik een steekproef"):
        chance.exact(lambda chooser: w.walk(p, sm, chooser=chooser), limit=2)


@pytest.mark.parametrize(
    "text, fout",
    [
        (kansstad(p=0.7).replace("kans: 0.30000000000000004", "kans: 0.2"), "tellen op tot 0.9, niet tot 1"),
        (kansstad(extra=", bereik: [0.4, 0.6]"), "de kans 0.3"),
        (kansstad().replace("{actie: afwijzen}", "{actie: wachten, dagen: 3}"), "niet 'wachten'"),
    ],
)
def test_kansen_that_cannot_be_are_refused_with_file_and_line(tmp_path, text, fout):
    w = wereld(tmp_path, mensen(JAN, VRAAG), {"kansstad": text})
    out = run_cli("check", *w.args)
    assert out.returncode == 2, out.stdout + out.stderr
    assert f"{w.plugin.parent / 'gemeenten' / 'kansstad' / 'gemeente.yaml'}:" in out.stderr
    assert fout in out.stderr and "Traceback" not in out.stderr


@settings(max_examples=15, deadline=None)
@given(p=st.floats(0.05, 0.95), q=st.floats(0.05, 0.95), seed=st.integers(0, 2**16))
def test_probabilities_sum_to_one_and_a_sample_agrees_with_the_exact_answer(tmp_path_factory, p, q, seed):
    w = wereld(tmp_path_factory.mktemp("k"), mensen(JAN, VRAAG), {"kansstad": kansstad(p, q)})
    cat = w.catalog()
    exact = api.verdeling(cat, "kansstad", "jan", "hulp")
    assert math.fsum(r.kans for r in exact.routes) == pytest.approx(1, abs=1e-9)
    n = 2000
    sampled = api.verdeling(cat, "kansstad", "jan", "hulp", steekproef=n, seed=seed)
    for r in exact.routes:
        got = sum(s.kans for s in sampled.routes if s.key == r.key)
        se = math.sqrt(r.kans * (1 - r.kans) / n)
        assert abs(got - r.kans) <= 4 * se + 1e-9, (r.journey.route, got, r.kans)
    assert sampled == api.verdeling(cat, "kansstad", "jan", "hulp", steekproef=n, seed=seed)  # seeded: the same


@pytest.mark.parametrize(
    "verwachting, rc, melding",
    [
        ("{kans_opgelost: {min: 0.7}}", 0, None),
        ("{kans_opgelost: {min: 0.75}}", 1, "kans op opgelost is 0.72, verwacht minstens 0.75"),
        ("{kans_kastje_naar_de_muur: {max: 0.1}}", 0, None),
    ],
)
def test_expectations_about_likelihoods(tmp_path, verwachting, rc, melding):
    reizen = (
        "reizen:\n  - {id: jan-hulp, naam: Jan, persona: jan, sleutelmoment: hulp, gemeente: kansstad, aanname: t,\n"
        f"     verwachting: {verwachting}}}\n"
    )
    w = wereld(tmp_path, mensen(JAN, VRAAG), {"kansstad": kansstad()}, reizen)
    out = run_cli("check", *w.args)
    assert out.returncode == rc, out.stdout + out.stderr
    if melding:
        assert melding in out.stdout


# --- bereik: a kans nobody knows exactly -----------------------------------------------------------------------


def test_a_range_moves_the_likelihoods_with_the_kans_at_either_end(tmp_path, cli):
    # the cold branch to the buurtteam: 0.3, but somewhere between 0.1 and 0.5. Worked out by hand:
    # at 0.1 the Wmo gets 0.9: opgelost 0.9 x 0.6 + 0.1 = 0.64, afgehaakt 0.36, contacts 0.9 x 1 + 0.1 x 2 = 1.1;
    # at 0.5: opgelost 0.5 x 0.6 + 0.5 = 0.8, afgehaakt 0.2, contacts 1.5.
    w = wereld(tmp_path, mensen(JAN, VRAAG), {"kansstad": kansstad(extra=", bereik: [0.1, 0.5]")})
    data = json.loads(
        cli(
            "walk", "--gemeente", "kansstad", "--persona", "jan", "--sleutelmoment", "hulp", "--format", "json", *w.args
        ).stdout
    )
    [g] = data["verdeling"]["gevoeligheid"]
    assert (g["regel"], g["tak"], g["bereik"]) == ("loket-meestal-wmo", 1, [0.1, 0.5])
    assert g["laag"] == pytest.approx(
        {
            "kans_opgelost": 0.64,
            "kans_kastje_naar_de_muur": 0,
            "kans_afgehaakt": 0.36,
            "verwacht_contacten": 1.1,
            "verwacht_koude_verwijzingen": 0.1,
        }
    )
    assert g["hoog"] == pytest.approx(
        {
            "kans_opgelost": 0.8,
            "kans_kastje_naar_de_muur": 0,
            "kans_afgehaakt": 0.2,
            "verwacht_contacten": 1.5,
            "verwacht_koude_verwijzingen": 0.5,
        }
    )
    text = cli("walk", "--gemeente", "kansstad", "--persona", "jan", "--sleutelmoment", "hulp", *w.args).stdout
    assert (
        "  regel loket-meestal-wmo (verwijst koud door naar Buurtteam) 10 % tot 50 %: opgelost 64 % tot 80 %,"
        " afgehaakt 36 % tot 20 %; verwacht 1,1 tot 1,5 contacten"
    ) in text


def test_without_a_range_there_is_no_sensitivity(stad, cli):
    data = json.loads(
        cli(
            "walk",
            "--gemeente",
            "kansstad",
            "--persona",
            "jan",
            "--sleutelmoment",
            "hulp",
            "--format",
            "json",
            *stad.args,
        ).stdout
    )
    assert data["verdeling"]["gevoeligheid"] == []
    text = cli("walk", "--gemeente", "kansstad", "--persona", "jan", "--sleutelmoment", "hulp", *stad.args).stdout
    assert "Niemand weet die kansen precies" not in text


def test_the_same_kansen_give_the_same_distribution_and_others_reweigh_every_way(stad):
    v = api.verdeling(stad.catalog(), "kansstad", "jan", "hulp")
    assert dict(v.kansen) == {"loket-meestal-wmo": pytest.approx((0.7, 0.3)), "wmo-vaak": pytest.approx((0.6, 0.4))}
    same = v.met_kansen({})
    assert [(r.journey, r.kans) for r in same.routes] == [(r.journey, pytest.approx(r.kans)) for r in v.routes]
    # the Wmo always resolves: what went to the Wmo is now opgelost, whatever the loket did
    other = v.met_kansen({"wmo-vaak": (1.0, 0.0)})
    assert other.kans_opgelost == pytest.approx(1.0) and other.kans_afgehaakt == pytest.approx(0.0)


@settings(max_examples=50, deadline=None)
@given(
    kansen=st.lists(st.floats(0.01, 1), min_size=2, max_size=5).map(lambda xs: tuple(x / sum(xs) for x in xs)),
    data=st.data(),
)
def test_moving_one_kans_keeps_the_others_in_proportion_and_the_sum_at_one(kansen, data):
    i = data.draw(st.integers(0, len(kansen) - 1))
    to = data.draw(st.floats(0, 1))
    moved = chance._moved(kansen, i, to)
    assert math.fsum(moved) == pytest.approx(1.0, abs=1e-9)
    assert moved[i] == to
    others = [k for k in range(len(kansen)) if k != i]
    if 1 - kansen[i] > 1e-9:
        for a in others:
            for b in others:
                assert moved[a] * kansen[b] == pytest.approx(moved[b] * kansen[a], abs=1e-9)


# --- compare -------------------------------------------------------------------------------------------------


def test_compare_gives_the_likelihoods_of_each_start_and_no_wrong_door_weighs_every_route(stad, cli):
    args = ["compare", "--persona", "jan", "--sleutelmoment", "hulp", *stad.args]
    data = json.loads(cli(*args, "--format", "json").stdout)
    [row] = data["rijen"]
    assert row["route"] == ["loket", "wmo"]  # the most likely way, as walk takes it
    assert row["kansen"] == pytest.approx(
        {
            "routes": 3,
            "kans_opgelost": 0.72,
            "kans_kastje_naar_de_muur": 0,
            "kans_afgehaakt": 0.28,
            # loket → Wmo: one contact (0.7); loket → buurtteam: two, one of them after a cold referral (0.3)
            "verwacht_contacten": 1.3,
            "verwacht_koude_verwijzingen": 0.3,
        }
    )
    # the most likely route is fine, but 0.3 + 0.28 of the time the loket is a wrong door
    [oordeel] = data["oordelen"]
    assert not oordeel["geen_verkeerde_deur"]
    assert oordeel["falen"] == [
        {"ingang": "loket", "reden": "in 58 % van de gevallen, het vaakst: antwoord pas na 1 koude verwijzing(en)"}
    ]
    text = cli(*args).stdout
    assert "opgelost (maatwerk) (kans op opgelost 72 %)" in text


def test_compare_without_kansen_has_no_likelihoods(tmp_path, cli):
    w = wereld(tmp_path, mensen(JAN, VRAAG), {"kansstad": kansstad(p=1.0, q=1.0)})
    data = json.loads(cli("compare", "--persona", "jan", "--sleutelmoment", "hulp", "--format", "json", *w.args).stdout)
    [row] = data["rijen"]
    assert row["kansen"] is None
    assert data["oordelen"][0]["geen_verkeerde_deur"]


# --- diff ----------------------------------------------------------------------------------------------------


def twee_situaties() -> str:
    """Kansstad in two situations: now the loket hands over warmly to the Wmo in 70 % of cases, later in 90 %."""
    loket = """\
      - id: loket-{v}
        bij: loket
        varianten: [{v}]
        dan:
          kansen:
            - {{kans: {p}, dan: {{actie: verwijzen, naar: wmo, overdracht: warm}}, aanname: meestal}}
            - {{kans: {q}, dan: {{actie: verwijzen, naar: buurt, overdracht: koud}}, aanname: soms}}
        aanname: test
"""
    return gemeente(
        """\
          id: kansstad
          naam: Kansstad
          aanname: test
          varianten: [{id: nu, naam: Nu, aanname: test}, {id: straks, naam: Straks, vervangt: nu, aanname: test}]
          standaard_variant: nu
        """,
        """\
          - {id: loket, naam: Loket, soort: loket, kanalen: [telefoon], stappen: [s], aanname: test}
          - {id: wmo, naam: Wmo, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false, aanname: test}
          - {id: buurt, naam: Buurtteam, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false,
             aanname: test}
        """,
        loket.format(v="nu", p=0.7, q=0.3)
        + loket.format(v="straks", p=0.9, q=0.1)
        + """\
      - id: wmo-vaak
        bij: wmo
        dan:
          kansen:
            - {kans: 0.6, dan: {actie: oplossen, niveau: maatwerk}, aanname: vaak}
            - {kans: 0.4, dan: {actie: afwijzen}, aanname: soms}
        aanname: test
      - {id: buurt-helpt, bij: buurt, dan: {actie: oplossen, niveau: informeel}, aanname: test}
""",
    )


def test_diff_says_how_the_likelihoods_move_when_the_most_likely_route_stays_the_same(tmp_path, cli):
    w = wereld(tmp_path, mensen(JAN, VRAAG), {"kansstad": twee_situaties()})
    data = json.loads(
        cli(
            "diff", "--gemeente", "kansstad", "--from", "nu", "--to", "straks", "--all", "--format", "json", *w.args
        ).stdout
    )
    [geval] = data["gevallen"]
    # the most likely route is loket → Wmo in both;
    # opgelost: 0.7 x 0.6 + 0.3 = 0.72 before, 0.9 x 0.6 + 0.1 = 0.64 after
    assert [(x["wat"], x["voor"], x["na"], x["beter"]) for x in geval["wijzigingen"]] == [
        ("kans op opgelost", "72 %", "64 %", False)
    ]
    assert geval["kansen_voor"] == pytest.approx({"opgelost": 0.72, "kastje_naar_de_muur": 0})
    assert geval["kansen_na"] == pytest.approx({"opgelost": 0.64, "kastje_naar_de_muur": 0})
    assert data["totalen"]["voor"]["opgelost (naar kans)"] == pytest.approx(0.72)
    assert data["totalen"]["na"]["opgelost (naar kans)"] == pytest.approx(0.64)
    assert data["totalen"]["slechter"] == 1


def test_a_change_of_likelihood_is_better_or_worse_by_what_it_is_about():
    from journeykit.analysis.diff import Kansen, compare_journeys

    j = chance_free_journey()

    def changes(kv, kn):
        return [(w.wat, w.voor, w.na, w.beter) for w in compare_journeys(j, j, [], [], kv, kn)]

    assert changes(Kansen(0.5, 0.2), Kansen(0.5, 0.1)) == [("kans van het kastje naar de muur", "20 %", "10 %", True)]
    assert changes(Kansen(0.5, 0.1), Kansen(0.6, 0.3)) == [
        ("kans op opgelost", "50 %", "60 %", True),
        ("kans van het kastje naar de muur", "10 %", "30 %", False),
    ]
    # a side that can go one way only counts as certain: opgelost without a loop
    assert changes(None, Kansen(0.8, 0.0)) == [("kans op opgelost", "100 %", "80 %", False)]
    # what does not show in whole percents is no change
    assert changes(Kansen(0.721, 0.0), Kansen(0.724, 0.0)) == []
    assert changes(None, None) == []


def chance_free_journey():
    """A journey that ends opgelost without a loop (built by hand: no walk needed)."""
    from test_expectations import ROUTE

    return ROUTE


def test_the_matrix_shows_the_most_likely_route_and_the_likelihood_it_ends_opgelost(stad, cli, tmp_path):
    out = tmp_path / "uit"
    res = cli("render", "matrix", "--gemeente", "kansstad", "--out", str(out), *stad.args)
    assert res.exit_code == 0, res.output
    md = (out / "matrix-kansstad_nu.md").read_text(encoding="utf-8")
    assert "**opgelost (maatwerk)** (kans op opgelost 72 %): Loket → Wmo" in md
    html = (out / "matrix-kansstad_nu.html").read_text(encoding="utf-8")
    assert "waarschijnlijkste route; kans op opgelost 72 %" in html

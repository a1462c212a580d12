"""Warm, lukewarm and cold handovers side by side: contacts, retelling, dropping out, experience.

One world, Overdrachtstad: the balie refers a schulden question to the team, which resolves it. Only the kind
of handover differs between the three variants, so every difference in the figures comes from it. The
expected figures are worked out by hand from the YAML below.
"""

from __future__ import annotations

import json

import pytest
from test_evidence import JAN, SCHULD, gemeente, mensen, wereld

from journeykit import api

# Three referrals in a row (balie -> team -> fonds -> schuldhulp), each of the variant's kind.
KETEN = gemeente(
    """\
      id: overdrachtstad
      naam: Overdrachtstad
      aanname: test
      varianten:
        - {id: warm, naam: Warm, aanname: test}
        - {id: lauw, naam: Lauw, aanname: test}
        - {id: koud, naam: Koud, aanname: test}
      standaard_variant: warm
    """,
    """\
      - {id: balie, naam: Balie, soort: loket, kanalen: [telefoon], stappen: [s], aanname: test}
      - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false, aanname: test}
      - {id: fonds, naam: Fonds, soort: organisatie, kanalen: [telefoon], stappen: [s], eerste_contact: false,
         aanname: test}
      - {id: schuldhulp, naam: Schuldhulp, soort: organisatie, kanalen: [telefoon], stappen: [s],
         eerste_contact: false, aanname: test}
    """,
    "".join(
        f"""\
      - {{id: {a}-{kind}, bij: {a}, varianten: [{kind}], dan: {{actie: verwijzen, naar: {b}, overdracht: {kind}}},
         aanname: test}}
"""
        for kind in ("warm", "lauw", "koud")
        for a, b in (("balie", "team"), ("team", "fonds"), ("fonds", "schuldhulp"))
    )
    + "      - {id: klaar, bij: schuldhulp, dan: {actie: oplossen, niveau: algemeen}, aanname: test}\n",
)
# Jan tolerates 2 referrals he must follow up himself (the default doorzettingsvermogen); Kees 3.
KEES = "  - {id: kees, naam: Kees, leeftijd: 50, huishouden: alleenstaand, doorzettingsvermogen: 3, aanname: test}\n"


@pytest.fixture
def stad(tmp_path):
    return wereld(tmp_path, mensen(JAN + KEES, SCHULD), {"overdrachtstad": KETEN})


def walk(w, variant: str, persona: str = "kees"):
    j, _ = api.walk(w.catalog(), "overdrachtstad", persona, "schuld", variant=variant)
    return j


def test_warm_the_next_place_takes_over(stad):
    j = walk(stad, "warm")
    assert j.uitkomst.soort == "opgelost"
    assert [s.aangekomen for s in j.stappen] == ["start", "warm", "warm", "warm"]
    mt = j.metrieken
    # one contact (the first), nobody retells, three warm handovers
    assert (mt.contacten_inwoner, mt.herhalingen, mt.warme_overdrachten, mt.lauwe_overdrachten) == (1, 0, 3, 0)
    assert mt.koude_verwijzingen == 0


def test_lukewarm_the_resident_makes_each_contact_but_does_not_retell(stad):
    j = walk(stad, "lauw")
    assert j.uitkomst.soort == "opgelost"
    assert [s.aangekomen for s in j.stappen] == ["start", "lauw", "lauw", "lauw"]
    assert [s.kanaal for s in j.stappen] == ["telefoon"] * 4  # he calls each place himself
    mt = j.metrieken
    assert (mt.contacten_inwoner, mt.herhalingen, mt.lauwe_overdrachten) == (4, 0, 3)
    assert (mt.warme_overdrachten, mt.koude_verwijzingen) == (0, 0)


def test_cold_the_resident_makes_each_contact_and_retells(stad):
    j = walk(stad, "koud")
    assert j.uitkomst.soort == "opgelost"
    mt = j.metrieken
    assert (mt.contacten_inwoner, mt.herhalingen, mt.koude_verwijzingen, mt.lauwe_overdrachten) == (4, 3, 3, 0)


@pytest.mark.parametrize("variant, ends", [("warm", "opgelost"), ("lauw", "afgehaakt"), ("koud", "afgehaakt")])
def test_lukewarm_takes_persistence_as_cold_does(stad, variant, ends):
    # Jan follows up 2 referrals himself: the third lukewarm or cold one is too many; warm ones cost him nothing.
    j = walk(stad, variant, persona="jan")
    assert j.uitkomst.soort == ends
    if ends == "afgehaakt":
        assert j.route == ("balie", "team", "fonds")
        assert (
            j.uitkomst.reden
            == {
                "lauw": "doorzettingsvermogen op na 0 koude en 3 lauwe verwijzingen",
                "koud": "doorzettingsvermogen op na 3 koude verwijzingen",
            }[variant]
        )


def test_experience_lukewarm_lies_between_warm_and_cold(stad):
    def referral_experience(variant):
        return [s.ervaring for s in walk(stad, variant).stappen[:3]]

    assert referral_experience("warm") == [4, 4, 4]
    assert referral_experience("lauw") == [3, 3, 3]
    assert referral_experience("koud") == [2, 2, 2]


def test_walk_shows_the_lukewarm_handover(stad, cli):
    args = ["walk", "--gemeente", "overdrachtstad", "--persona", "kees", "--sleutelmoment", "schuld"]
    out = cli(*args, "--variant", "lauw", *stad.args)
    assert out.exit_code == 0, out.output
    assert "Balie draagt lauw over aan Team" in out.stdout
    assert "[lauw overgedragen: zelf contact, de informatie ging mee · telefoon" in out.stdout
    assert "3 lauwe overdrachten" in out.stdout
    data = json.loads(cli(*args, "--variant", "lauw", "--format", "json", *stad.args).stdout)
    assert data["metrieken"]["lauwe_overdrachten"] == 3
    assert [s["actie"] for s in data["stappen"]] == ["verwijzen-lauw"] * 3 + ["oplossen"]


def test_a_map_says_lukewarm(stad, cli, tmp_path):
    out_dir = tmp_path / "uit"
    args = ["render", "map", "--gemeente", "overdrachtstad", "--persona", "kees", "--sleutelmoment", "schuld"]
    res = cli(*args, "--variant", "lauw", "--out", str(out_dir), *stad.args)
    assert res.exit_code == 0, res.output
    [page] = list(out_dir.glob("*.html"))
    html = page.read_text(encoding="utf-8")
    assert "draagt lauw over aan Team: de informatie gaat mee, niemand neemt het over" in html
    assert "Neemt zelf contact op (telefoon); de informatie ging mee" in html


def test_an_unknown_handover_is_refused_with_the_three_kinds(tmp_path):
    w = wereld(
        tmp_path, mensen(JAN, SCHULD), {"overdrachtstad": KETEN.replace("overdracht: lauw}", "overdracht: lau}", 1)}
    )
    from conftest import run_cli

    out = run_cli("check", *w.args)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "lau" in out.stderr and "warm, lauw, koud" in out.stderr


def test_compare_counts_each_kind_of_handover_in_its_own_column(stad, cli):
    out = cli("compare", "--persona", "kees", "--sleutelmoment", "schuld", "--jobs", "1", *stad.args)
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    (head,) = [x for x in lines if x.startswith("gemeente/variant")]
    cols = head.split()
    assert cols[cols.index("warm") : cols.index("warm") + 3] == ["warm", "lauw", "koud"]
    # three referrals of the variant's kind: 1 contact warm, 4 otherwise (kees makes each one himself)
    rows = {x.split()[0]: x.split() for x in lines if x.startswith("overdrachtstad/")}
    at = cols.index("contacten")
    assert [rows[f"overdrachtstad/{k}"][at : at + 4] for k in ("warm", "lauw", "koud")] == [
        ["1", "3", "0", "0"],
        ["4", "0", "3", "0"],
        ["4", "0", "0", "3"],
    ]

"""The shipped data: complete provenance, verbatim quotes, and the shifts the sources describe."""

from __future__ import annotations

import json
import re

import pytest

from journeykit import api

from conftest import ROOT, SHIPPED_ENV, open_shipped, run_cli


@pytest.fixture(scope="module")
def shipped():
    return open_shipped()


def elements(cat):
    """Every element that must carry provenance, with a label for messages."""
    for g in cat.gemeenten.values():
        yield f"gemeente {g.id}", g.herkomst
        for v in g.varianten:
            yield f"variant {g.id}/{v.id}", v.herkomst
        for p in g.principes:
            yield f"principe {g.id}/{p.id}", p.herkomst
        for i in g.ingangen:
            yield f"ingang {g.id}/{i.id}", i.herkomst
        for r in g.regels:
            yield f"regel {g.id}/{r.id}", r.herkomst
    for p in cat.personas.values():
        yield f"persona {p.id}", p.herkomst
    for s in cat.sleutelmomenten.values():
        yield f"sleutelmoment {s.id}", s.herkomst
        for n in s.notities:
            yield f"notitie {s.id}/{n.persona}", n.herkomst
    for r in cat.reizen.values():
        yield f"reis {r.id}", r.herkomst


def test_three_municipalities_with_their_variants(shipped):
    variants = {g: [v.id for v in shipped.gemeenten[g].varianten] for g in shipped.gemeenten}
    assert variants["breda"] == ["nieuwe-klantreis", "traditioneel"]
    assert set(variants["nijmegen"]) == {"oud", "nieuw"}
    assert "rotterdam" in variants and "rotterdam-doelgroepenvervoer" in variants


def test_every_shipped_element_says_where_it_comes_from(shipped):
    missing = [label for label, h in elements(shipped) if h.bron is None and not (h.aanname or "").strip()]
    assert not missing, missing


def test_at_least_thirty_journey_cases_and_the_required_ones(shipped):
    reizen = shipped.reizen.values()
    assert len(shipped.reizen) >= 30
    by = {(r.gemeente, r.persona, r.variant or shipped.gemeenten[r.gemeente].standaard_variant) for r in reizen}
    for persona in (
        "dochter-overbelaste-vader",
        "moeder-geen-nederlands",
        "volwassene-autisme-burnout",
        "gescheiden-man-huurachterstand",
        "rolstoel-woningaanpassing",
    ):
        assert ("nijmegen", persona, "oud") in by and ("nijmegen", persona, "nieuw") in by, persona
    for persona in ("weduwe-hbh", "beginnende-dementie"):
        assert ("breda", persona, "nieuwe-klantreis") in by and ("breda", persona, "traditioneel") in by, persona
    rotterdam = {
        r.persona for r in reizen if r.gemeente == "rotterdam" and r.sleutelmoment == "gezondheid-partner-verslechtert"
    }
    reactive = {p for p in rotterdam if shipped.persona(p).reactiviteit == "reactief"}
    assert reactive and rotterdam - reactive


def test_breda_new_route_resolves_begeleiding_and_dagbesteding_below_maatwerk_more_often(shipped):
    counts = {}
    for variant in ("nieuwe-klantreis", "traditioneel"):
        w = shipped.walker("breda", variant)
        maatwerk = below = 0
        for p in shipped.personas.values():
            for sm in shipped.sleutelmomenten.values():
                for v in sm.vragen:
                    if v.soort not in ("begeleiding", "dagbesteding"):
                        continue
                    j = w.walk(p, sm, v.id)
                    if j.uitkomst.soort == "opgelost":
                        maatwerk += j.uitkomst.niveau == "maatwerk"
                        below += j.uitkomst.niveau != "maatwerk"
        counts[variant] = (below, maatwerk)
    assert counts["nieuwe-klantreis"][0] > counts["traditioneel"][0], counts
    assert counts["nieuwe-klantreis"][1] < counts["traditioneel"][1], counts


def test_nijmegen_wheelchair_reaches_wmo_without_the_tca_in_the_new_situation(shipped):
    nieuw = shipped.walk("nijmegen", "rolstoel-woningaanpassing", "hulpmiddel-nodig", "nieuw")
    oud = shipped.walk("nijmegen", "rolstoel-woningaanpassing", "hulpmiddel-nodig", "oud")
    assert "wmo-consulenten" in nieuw.route and "tca" not in nieuw.route
    assert "tca" in oud.route
    assert nieuw.metrieken.contacten_inwoner < oud.metrieken.contacten_inwoner


def test_make_run_job_prints_every_case_with_its_metrics(shipped):
    result = run_cli("check", env=SHIPPED_ENV)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    header = result.stdout.splitlines()[0]
    for column in (
        "reis",
        "gemeente/variant",
        "contacten",
        "warm",
        "koud",
        "opnieuw verteld",
        "dagen",
        "uitkomst",
        "lus",
    ):
        assert column in header
    for r in shipped.reizen:
        assert re.search(rf"^{re.escape(r)}\s", result.stdout, re.M), r


def test_coverage_on_shipped_data_explains_every_gap():
    result = run_cli("check", "--coverage", "--format", "json", env=SHIPPED_ENV)
    assert result.returncode == 0
    gaps = json.loads(result.stdout)["dekking"]
    assert all(g["reden"].strip() for g in gaps)
    # the shipped sleutelmomenten exercise the safety rules everywhere
    assert not [g for g in gaps if g["id"].endswith("-veiligheid") and g["gemeente"] != "nijmegen"]


def test_every_static_cycle_in_the_shipped_data_is_explained_in_the_docs_and_none_is_reachable(shipped):
    """docs/lussen-in-de-data.md explains each cycle by hand; this keeps it in step with the data."""
    rapport = api.loops(shipped, jobs=2)
    assert not rapport.aggregaat.lussen, "the docs say the sweep finds no loops: update them"
    found = {f"{c.gemeente}: {' → '.join(c.cyclus)}" for c in rapport.statisch}
    page = (ROOT / "docs" / "lussen-in-de-data.md").read_text(encoding="utf-8")
    explained = set(re.findall(r"`([a-z0-9-]+: [a-z0-9-]+(?: → [a-z0-9-]+)+)`", page))
    assert found == explained, {"niet uitgelegd": found - explained, "bestaat niet meer": explained - found}
    assert all(c.getuige is None for c in rapport.statisch)


def test_compare_per_ingang_on_a_shipped_nijmegen_case(shipped):
    from journeykit.engine import plausible_first_contacts

    result = run_cli(
        "compare",
        "--persona",
        "rolstoel-woningaanpassing",
        "--sleutelmoment",
        "hulpmiddel-nodig",
        "--gemeente",
        "nijmegen",
        "--per-ingang",
        "--format",
        "json",
        env=SHIPPED_ENV,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    p, sm = shipped.persona("rolstoel-woningaanpassing"), shipped.sleutelmoment("hulpmiddel-nodig")
    for variant in ("oud", "nieuw"):
        expected = {i.id for i in plausible_first_contacts(shipped.gemeente("nijmegen", variant), p, sm)}
        rows = [r for r in data["rijen"] if r["variant"] == variant and r["eerste_ingang"]]
        assert {r["eerste_ingang"] for r in rows} == expected and len(expected) > 3
        assert all(
            {"contacten_inwoner", "koude_verwijzingen", "herhalingen", "dagen", "organisaties"} <= set(r["metrieken"])
            for r in rows
        )
        (verdict,) = [o for o in data["oordelen"] if o["variant"] == variant]
        assert verdict["eerste_contacten"] == len(expected)
    verdicts = {o["variant"]: o for o in data["oordelen"]}
    # the old route sends residents cold to the TCA: not 'no wrong door'; the new one is
    assert not verdicts["oud"]["geen_verkeerde_deur"] and verdicts["nieuw"]["geen_verkeerde_deur"]
    text = run_cli(
        "compare",
        "--persona",
        "rolstoel-woningaanpassing",
        "--sleutelmoment",
        "hulpmiddel-nodig",
        "--gemeente",
        "nijmegen",
        "--per-ingang",
        env=SHIPPED_ENV,
    ).stdout
    assert "Geen verkeerde deur?" in text and "nijmegen/oud: nee" in text and "nijmegen/nieuw: ja" in text


@pytest.mark.parametrize(
    "gemeente, van, naar", [("breda", "traditioneel", "nieuwe-klantreis"), ("nijmegen", "oud", "nieuw")]
)
def test_diff_between_the_shipped_variants(gemeente, van, naar):
    args = ["diff", "--gemeente", gemeente, "--from", van, "--to", naar]
    data = json.loads(run_cli(*args, "--format", "json", env=SHIPPED_ENV).stdout)
    assert data["gevallen"] and data["totalen"]["gevallen"] >= len(data["gevallen"])
    assert data["totalen"]["beter"] > 0
    # without --all only the cases that changed are listed; a changed route is always one of the changes listed
    assert all(c["wijzigingen"] for c in data["gevallen"])
    for c in data["gevallen"]:
        assert ("route" in {w["wat"] for w in c["wijzigingen"]}) == (c["route_voor"] != c["route_na"]), c["geval"]
    assert any(c["route_voor"] != c["route_na"] for c in data["gevallen"])
    assert data["totalen"]["na"]["koude verwijzingen"] <= data["totalen"]["voor"]["koude verwijzingen"]
    text = run_cli(*args, env=SHIPPED_ENV).stdout
    assert f"Verschil in {gemeente}: {van} → {naar}" in text and "Totalen over alle gevallen:" in text


def test_the_python_api_is_what_the_cli_uses():
    import journeykit

    for name in (
        "open_catalog",
        "walk",
        "compare",
        "loops",
        "diff_variants",
        "diff_scenario",
        "coverage",
        "check_reizen",
    ):
        assert callable(getattr(journeykit, name))


# --- Issue 15: what can happen to whom, the places' own task, and the sources' risks ---------------


def test_impossible_pairings_in_the_shipped_data_are_refused(shipped):
    from journeykit.possible import why_impossible

    def reason(gemeente, persona, sm, vraag=None):
        s = shipped.sleutelmoment(sm)
        v = next(x for x in s.vragen if x.id == (vraag or s.vragen[0].id))
        return why_impossible(shipped.gemeente(gemeente), shipped.persona(persona), s, v)

    # an 81-year-old does not turn 18, a widow of 78 does not ride to work
    assert reason("nijmegen", "afhankelijke-hulpbehoevende", "18-worden")
    assert reason("rotterdam-doelgroepenvervoer", "weduwe-hbh", "rit-naar-werk")
    # the booking line of the taxi is not for a wheelchair question
    assert reason("rotterdam-doelgroepenvervoer", "rolstoel-woningaanpassing", "hulpmiddel-nodig")
    # what the sources describe can happen
    assert reason("nijmegen", "nijmegen-jongere-17", "18-worden") is None
    assert reason("rotterdam-doelgroepenvervoer", "guus", "rit-naar-werk") is None
    # every journey case is a pairing that can happen
    for r in shipped.reizen.values():
        assert reason(r.gemeente, r.persona, r.sleutelmoment, r.vraag) is None, r.id


def test_no_unconditioned_resolving_rule_at_a_place_with_a_narrower_task(shipped):
    assert not shipped.waarschuwingen, shipped.waarschuwingen


def test_the_reconstructed_variants_say_they_are_not_in_the_sources(shipped):
    for gemeente, variant in (("rotterdam", "een-telefoonnummer"), ("rotterdam-doelgroepenvervoer", "voor-2018")):
        (v,) = [x for x in shipped.gemeenten[gemeente].varianten if x.id == variant]
        assert "niet in de bronnen" in v.naam and "Niet in de bronnen" in v.omschrijving, v.naam


def _walk_with_risk(shipped, gemeente, risico, persona, sm, vraag, start):
    from journeykit.changes import apply
    from journeykit.engine import Walker

    g = shipped.gemeenten[gemeente]
    (r,) = [x for x in g.risicos if x.id == risico]
    walker = Walker(apply(g, r))
    return walker.walk(shipped.persona(persona), shipped.sleutelmoment(sm), vraag, start)


@pytest.mark.parametrize(
    "risico, persona, sm, vraag, start",
    [
        ("jg-volwassenen-splitsing", "moeder-geen-nederlands", "relatieproblemen", "relatie-onder-druk", "school"),
        ("wie-is-waarvan", "alleenstaande-overzicht-kwijt", "gezondheid-verslechtert", "hulp-in-huis", "stip"),
        ("bbt-niet-naar-werk", "alleenstaande-overzicht-kwijt", "burn-out-werkloos", "weer-aan-het-werk", "stip"),
    ],
)
def test_nijmegen_risks_make_the_loops_the_sources_warn_about(shipped, risico, persona, sm, vraag, start):
    j = _walk_with_risk(shipped, "nijmegen", risico, persona, sm, vraag, start)
    assert j.uitkomst.soort == "kastje-naar-de-muur", (j.route, j.uitkomst)
    # without the risk the same journey is resolved
    assert (
        shipped.walker("nijmegen", "nieuw")
        .walk(shipped.persona(persona), shipped.sleutelmoment(sm), vraag, start)
        .uitkomst.soort
        == "opgelost"
    )


def test_nijmegen_kcc_without_a_fixed_point_sends_the_wheelchair_away(shipped):
    j = _walk_with_risk(
        shipped, "nijmegen", "kcc-vraag-zwerft", "rolstoel-woningaanpassing", "hulpmiddel-nodig", None, "kcc"
    )
    assert j.metrieken.koude_verwijzingen == 1 and j.route[:2] == ("kcc", "stip")


def test_every_shipped_share_has_cases_to_count_and_holds_or_says_why(shipped):
    # A share with no cases cannot fail check; in the shipped data that would be a condition that matches
    # nothing (a typo), hiding the figure the source gives.
    measured = api.check_aandelen(shipped)
    assert measured, "the shipped data names no share"
    assert [a.aandeel.id for a in measured if not a.te_toetsen] == []
    assert all(a.in_orde for a in measured)
    # Breda's 2018-2019 pilot holds only because its buurtplein rule counts 'in veel gevallen' as a kans of 0.7:
    # 43 of 83 cases (52 without the maatwerk branch's 30 x 0.3), where the most likely branch alone gave 52
    assert [a.aandeel.id for a in measured if not a.ok] == []
    (pilot,) = [a for a in measured if a.aandeel.id == "pilot-2018-2019-zonder-maatwerk"]
    assert (pilot.telling.gevallen, pilot.telling.tellen_mee) == (83, pytest.approx(43.0))

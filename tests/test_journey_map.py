"""The journey map as designers draw one (lanes, a persona card, arrows, kansen) and the before/after map."""

from __future__ import annotations

import html
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit import api
from journeykit import model as m
from journeykit.render import outputs, views
from journeykit.render.diffmap import align, diff_map

from conftest import SHIPPED_ENV, open_shipped, run_cli


@pytest.fixture(scope="module")
def shipped():
    return open_shipped()


def _text(page: str) -> str:
    """What a reader sees: the page without tags, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _map(cat, gemeente, persona, sm, variant=None, ingang=None, vraag=None):
    j, sch = api.walk(cat, gemeente, persona, sm, variant, ingang, vraag)
    g, p, s = cat.gemeente(gemeente, variant), cat.persona(persona), cat.sleutelmoment(sm)
    return j, g, p, s, sch


HUUR = ("nijmegen", "gescheiden-man-huurachterstand", "huurachterstand", "oud", "woningcorporatie")


def test_a_step_sits_in_the_phase_of_what_it_does(shipped):
    # The source's klantreis: the TCA screens (zicht op de vraag), the financieel expert asks through
    # (vraagverheldering). The corporatie's cold referral is the resident's first contact.
    j, g, *_ = _map(shipped, *HUUR)
    assert [s.ingang for s in j.stappen[:3]] == ["woningcorporatie", "tca", "financieel-expert"]
    assert views.phase_columns(j, g)[:3] == ["eerste-contact", "zicht-op-de-vraag", "vraagverheldering"]
    columns = views.map_columns(j, g, [], views.Voetnoten())
    assert not any(c["leeg"] for c in columns), "every phase of this route has a step"


def test_the_map_has_the_lanes_of_a_journey_map_and_a_persona_card(shipped):
    j, g, p, sm, sch = _map(shipped, *HUUR)
    (name, page), _ = outputs.journey_map(j, g, p, sm, sch)
    text = _text(page)
    for lane in (
        "Ingang en kanaal",
        "Wat de inwoner doet",
        "Wat de inwoner denkt en voelt",
        "Beleving",
        "Van stap naar stap",
        "Zichtlijn",
        "Achter de schermen",
        "Organisatie",
        "Knelpunten",
        "Kansen",
        "Zo lees je de kaart",
    ):
        assert lane in text, lane
    note = sm.notitie(p.id)
    assert note is not None and note.zo_denken_zij
    assert f"“{note.zo_denken_zij}”" in text  # the source's own words, on the card and at the first step
    assert text.count(note.zo_denken_zij) == 2
    assert note.speel_er_zo_op_in in text
    for s in j.stappen:
        assert s.organisatie in text


def test_every_step_says_how_it_feels_why_and_what_that_rests_on(shipped):
    j, g, p, sm, sch = _map(shipped, *HUUR)
    notes = views.Voetnoten()
    for c in views.map_columns(j, g, sch, notes):
        if c["leeg"]:
            continue
        s = j.stappen[c["nummer"] - 1]
        assert c["gevoel"] == views.GEVOEL[s.ervaring]
        assert views._REDEN[s.actie] in c["reden"]
        assert ("opnieuw vertellen" in c["reden"]) == s.opnieuw_verteld
        # no rule of the shipped data gives a score: each rests on journeykit's standard, an assumption
        assert c["herkomst_ervaring"]["niveau"] == "aanname"
        assert c["herkomst_ervaring"]["tekst"] == str(views.STANDAARD_BELEVING)


def test_a_rules_own_score_rests_on_the_rules_source(cat):
    g = cat.gemeente("teststad")
    j, _ = api.walk(cat, "teststad", "piet", "vervoer")
    first = j.stappen[0].regel
    herkomst = m.Herkomst(bron=m.Bron(bestand="bron.txt", sectie="§ beleving"))
    g = attrs.evolve(
        g, regels=tuple(attrs.evolve(r, ervaring=2, herkomst=herkomst) if r.id == first else r for r in g.regels)
    )
    cat.replace_gemeente(g)
    j, _ = api.walk(cat, "teststad", "piet", "vervoer")
    col = views.step_column(j.stappen[0], j, cat.gemeente("teststad"), [], views.Voetnoten())
    assert (col["ervaring"], col["gevoel"]) == (2, "teleurgesteld")
    assert col["herkomst_ervaring"]["tekst"] == str(herkomst)


def test_arrows_follow_each_handover_and_say_it_in_words(shipped):
    j, g, p, sm, sch = _map(shipped, *HUUR)
    columns = views.map_columns(j, g, sch, views.Voetnoten())
    pijlen = views.arrows(columns)
    forward = [a for a in pijlen if not a["terug"]]
    assert len(forward) == len(j.stappen) - 1
    assert [a["soort"] for a in forward] == [s.aangekomen for s in j.stappen[1:]]
    (_, page), _ = outputs.journey_map(j, g, p, sm, sch)
    for a in forward:
        assert f'class="pijl pijl-{a["soort"]}"' in page
    assert ">koud</text>" in page and ">warm</text>" in page and ">zelfde gesprek</text>" in page


def test_a_return_to_an_earlier_place_is_drawn_back(tmp_path):
    from test_coming_back import JAN, REST, TERUG, VRAAG, mensen, terugstad, wereld

    # Terugstad: the wijkcoach refers to maatschappelijk werk, which declines and names the wijkcoach again.
    cat = wereld(tmp_path, mensen(JAN, VRAAG), {"terugstad": terugstad(TERUG + REST)}).catalog()
    j, sch, g, p, sm = (*api.walk(cat, "terugstad", "jan", "hulp"), cat.gemeente("terugstad"), *_ps(cat))
    assert j.route == ("wijkcoach", "mw", "wijkcoach")
    columns = views.map_columns(j, g, sch, views.Voetnoten())
    (terug,) = [a for a in views.arrows(columns) if a["terug"]]
    assert (columns[terug["van"]]["nummer"], columns[terug["naar"]]["nummer"]) == (3, 1)
    (_, page), _ = outputs.journey_map(j, g, p, sm, sch)
    assert "terug bij Wijkcoach (stap 1)" in _text(page)


def _ps(cat):
    return cat.persona("jan"), cat.sleutelmoment("hulp")


def test_every_knelpunt_has_the_promise_it_breaks_as_kans(shipped):
    j, g, p, sm, sch = _map(shipped, *HUUR)
    principes = {x.id: x for x in g.principes}
    columns = views.map_columns(j, g, sch, views.Voetnoten())
    per_step = [x for x in sch if x.stap is not None]
    assert per_step
    for x in per_step:
        (col,) = [c for c in columns if not c["leeg"] and c["nummer"] == x.stap]
        assert principes[x.principe].omschrijving in [k["tekst"] for k in col["kansen"]]


def test_knelpunten_name_places_not_ids(shipped):
    j, g, p, sm, sch = _map(shipped, *HUUR)
    cold = [x for x in sch if x.uitleg.startswith("koud verwezen naar")]
    assert cold and all(x.uitleg == f"koud verwezen naar {g.ingang_naam('tca')}" for x in cold)
    first = [x for x in sch if x.uitleg.startswith("het eerste contact")]
    assert first and g.ingang_naam("woningcorporatie") in first[0].uitleg
    from journeykit.render.text import journey_text

    text = journey_text(j, g, p, sm, sch)
    later = [s for s in j.stappen if s.actie == "verhelderen"]
    assert later
    assert f"“{sm.vraag('huurschuld').omschrijving}” wordt" in text
    assert "'huurschuld'" not in text


def test_the_map_lists_the_other_routes_with_their_likelihood(shipped):
    j, g, p, sm, sch = _map(shipped, "breda", "beginnende-dementie", "75-worden", ingang="huisarts")
    others = api.other_routes(shipped, j, "huisarts")
    assert others and all(r.journey != j for r in others)
    assert (
        abs(
            sum(r.kans for r in others)
            + api.verdeling(shipped, "breda", p.id, sm.id, None, "huisarts").routes[0].kans
            - 1
        )
        < 1e-9
    )
    (_, page), (_, md) = outputs.journey_map(j, g, p, sm, sch, andere_routes=others)
    text = _text(page)
    assert "Andere routes die deze reis kan nemen" in text
    for r in others:
        route = " → ".join(g.ingang_naam(x) for x in r.journey.route)
        assert f"{round(100 * r.kans)} % {route}" in text
        assert route in md


def test_render_map_shows_other_routes_only_where_there_are_some(tmp_path):
    args = ["render", "map", "--gemeente", "breda", "--persona", "beginnende-dementie", "--sleutelmoment", "75-worden"]
    r = run_cli(*args, "--ingang", "huisarts", "--out", str(tmp_path / "a"), env=SHIPPED_ENV)
    assert r.returncode == 0, r.stderr
    (page,) = (tmp_path / "a").glob("*.html")
    assert "Andere routes" in page.read_text(encoding="utf-8")
    r = run_cli(*args, "--ingang", "wmo-klantmanager", "--out", str(tmp_path / "b"), env=SHIPPED_ENV)
    assert r.returncode == 0, r.stderr
    (page,) = (tmp_path / "b").glob("*.html")
    assert "Andere routes" not in page.read_text(encoding="utf-8")


# --- before and after ------------------------------------------------------------------------


def test_the_before_after_map_aligns_phases_and_marks_every_difference(shipped):
    before, after = shipped.gemeente("nijmegen", "oud"), shipped.gemeente("nijmegen", "nieuw")
    v, sv, sn = api.diff_case(shipped, before, after, HUUR[1], HUUR[2], None, HUUR[4])
    p, sm = shipped.persona(HUUR[1]), shipped.sleutelmoment(HUUR[2])
    view = diff_map(v, before, after, p, sm, sv, sn)
    a, b = view["voor"]["kolommen"], view["na"]["kolommen"]
    assert len(a) == len(b) and [c["fase"] for c in a] == [c["fase"] for c in b]
    assert view["voor"]["koppen"] == view["na"]["koppen"]
    assert [c["nummer"] for c in a if not c["leeg"]] == [s.nummer for s in v.voor.stappen]
    assert [c["nummer"] for c in b if not c["leeg"]] == [s.nummer for s in v.na.stappen]
    for x, y in zip(a, b):
        one_sided = x["leeg"] != y["leeg"]
        other_place = not x["leeg"] and not y["leeg"] and x["ingang_id"] != y["ingang_id"]
        if one_sided or other_place:
            assert "anders" in (y if x["leeg"] else x), (x.get("ingang"), y.get("ingang"))
        if x["leeg"] and y["leeg"]:
            assert "anders" not in x and "anders" not in y
    figures = {r["wat"]: r for r in view["cijfers"]}
    c = figures["contacten die de inwoner zelf legt"]
    assert (c["voor"], c["na"]) == (str(v.voor.metrieken.contacten_inwoner), str(v.na.metrieken.contacten_inwoner))
    x, y = v.voor.metrieken.contacten_inwoner, v.na.metrieken.contacten_inwoner
    assert c["oordeel"] == ("gelijk" if x == y else "beter" if y < x else "slechter")
    # nobody knows the waits here: neither better nor worse
    assert v.voor.metrieken.dagen_onbekend
    assert figures["wachttijd in dagen"]["oordeel"] == "niet te zeggen"


def test_render_diffmap_from_the_cli_and_with_a_scenario(tmp_path):
    base = ["render", "diffmap", "--persona", HUUR[1], "--sleutelmoment", HUUR[2], "--ingang", HUUR[4]]
    r = run_cli(
        *base, "--gemeente", "nijmegen", "--from", "oud", "--to", "nieuw", "--out", str(tmp_path / "v"), env=SHIPPED_ENV
    )
    assert r.returncode == 0, r.stderr
    (page,) = (tmp_path / "v").glob("voor-na-*.html")
    text = _text(page.read_text(encoding="utf-8"))
    cat = open_shipped()
    for variant in ("oud", "nieuw"):
        assert f"{cat.gemeente('nijmegen', variant).variant_naam()}" in text
    assert "De cijfers naast elkaar" in text and "≠ anders dan na" in text
    scenario = "journeys/scenarios/nijmegen-tca-met-warme-overdracht.yaml"
    r = run_cli("--scenario", scenario, *base, "--out", str(tmp_path / "s"), env=SHIPPED_ENV)
    assert r.returncode == 0, r.stderr
    assert list((tmp_path / "s").glob("voor-na-*.html"))


@pytest.mark.parametrize(
    "extra, wrong",
    [
        (["--persona", "niemand", "--sleutelmoment", "huurachterstand"], "niemand"),
        (["--persona", HUUR[1], "--sleutelmoment", "huurachterstand", "--ingang", "nergens"], "nergens"),
        (["--persona", HUUR[1], "--sleutelmoment", "huurachterstand", "--vraag", "geen-vraag"], "geen-vraag"),
    ],
)
def test_render_diffmap_refuses_unknown_names(tmp_path, extra, wrong):
    r = run_cli("render", "diffmap", "--gemeente", "nijmegen", *extra, "--out", str(tmp_path), env=SHIPPED_ENV)
    assert r.returncode == 2
    assert wrong in r.stderr and "Traceback" not in r.stderr
    assert not list(tmp_path.iterdir())


def test_render_diffmap_escapes_text_from_data(tmp_path):
    from test_render import HOSTILE, hostile_catalog

    from conftest import TESTSTAD_DATA, TESTSTAD_PLUGIN

    cat = hostile_catalog(api.open_catalog(TESTSTAD_DATA, [str(TESTSTAD_PLUGIN)], entry_points=False))
    before, after = cat.gemeente("teststad", "huidig"), cat.gemeente("teststad", "nieuw")
    v, sv, sn = api.diff_case(cat, before, after, "piet", "vervoer")
    ((_, page),) = outputs.diffmap(v, before, after, cat.persona("piet"), cat.sleutelmoment("vervoer"), sv, sn)
    assert "<script>" not in page
    from markupsafe import escape

    assert str(escape(HOSTILE.split("\n")[0])) in page  # shown, as text


_phase = st.sampled_from(["a", "b", "c", "d"])


@st.composite
def _columns(draw):
    phases = sorted(draw(st.lists(_phase, max_size=8)), key="abcd".index)
    return [{"fase": ph, "fase_naam": ph.upper(), "leeg": draw(st.booleans()), "id": n} for n, ph in enumerate(phases)]


@settings(max_examples=200, deadline=None)
@given(_columns(), _columns())
def test_align_keeps_every_column_in_order_and_lines_up_the_phases(a, b):
    x, y = align(a, b, ["a", "b", "c", "d"])
    assert len(x) == len(y)
    assert [c["fase"] for c in x] == [c["fase"] for c in y]
    assert [c["id"] for c in x if "id" in c] == [c["id"] for c in a]
    assert [c["id"] for c in y if "id" in c] == [c["id"] for c in b]
    assert all(c["leeg"] for c in x + y if "id" not in c)  # only padding is added
    # no padding where neither side has the phase
    assert len(x) == sum(max(sum(c["fase"] == ph for c in a), sum(c["fase"] == ph for c in b)) for ph in "abcd")


def test_a_worksheet_change_names_places_promises_and_outcomes(cat):
    from journeykit.analysis.diff import Wijziging

    g = cat.gemeente("teststad")
    a, b = g.ingangen[0], g.ingangen[1]
    p = g.principes[0]
    line = views.change_line(Wijziging("route", f"{a.id} → {b.id}", b.id, None), g, {p.id: p})
    assert line == f"route: {a.naam} → {b.naam} → {b.naam}"
    line = views.change_line(Wijziging("principes", "-", p.id, False), g, {p.id: p})
    assert line == f"principes: - → {p.naam} (slechter)"
    line = views.change_line(Wijziging("uitkomst", "kastje-naar-de-muur", "opgelost", True), g, {})
    assert line == "uitkomst: van het kastje naar de muur → opgelost (beter)"


def test_render_reizen_and_the_atlas_draw_the_other_routes_of_a_case_too(shipped):
    r = next(x for x in api.check_reizen(shipped, [shipped.reizen["breda-dementie-huisarts-nieuw"]]))
    (c,) = api.case_maps(shipped, r)
    assert c.andere_routes == api.other_routes(shipped, c.journey, r.reis.eerste_ingang)
    assert c.andere_routes and c.risicos == api.walk_risks(shipped, c.journey, c.schendingen, r.reis.eerste_ingang)
    from journeykit.atlas.pages import reis_page

    pages: dict = {}
    reis_page(shipped, r, pages)
    (page,) = [v for k, v in pages.items() if k.startswith("atlas/kaarten/")]
    g = shipped.gemeente(r.reis.gemeente, r.reis.variant)
    text = _text(page)
    for o in c.andere_routes:
        assert f"{round(100 * o.kans)} % {' → '.join(g.ingang_naam(x) for x in o.journey.route)}" in text

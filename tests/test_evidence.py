"""What the results rest on, and what cannot happen: provenance levels, assumptions, unknown waits and costs,
impossible pairings, the task of an ingang, risks the sources name, old and new situations, and sensitivity.

Each test builds a small world in tmp_path, written for the behaviour it checks; the expected values are
worked out by hand from the YAML below (the comments say how).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import attrs
import pytest

from journeykit import api
from journeykit import model as m
from journeykit.errors import Impossible, LoadErrors
from journeykit.loading import load_path

from conftest import run_cli

# --- building a world ----------------------------------------------------------------------------------

KLANTREIS = "  klantreis: {naam: K, stappen: [{id: s, naam: S, aanname: test}]}\n"

PLUGIN = """\
from pathlib import Path

from journeykit import hookimpl

HERE = Path(__file__).parent / "gemeenten"


@hookimpl
def journeykit_gemeenten():
    return sorted(p for p in HERE.iterdir() if p.is_dir())
"""

# jan and oma: each reaches only the ingangen with eerste_contact (by telephone, the default channel).
JAN = "  - {id: jan, naam: Jan, leeftijd: 45, huishouden: alleenstaand, aanname: test}\n"
OMA = "  - {id: oma, naam: Oma, leeftijd: 80, huishouden: alleenstaand, aanname: test}\n"
TESS = "  - {id: tess, naam: Tess, leeftijd: 17, huishouden: alleenstaand, aanname: test}\n"
INFO = """\
  - id: info
    naam: Informatie
    aanname: test
    vragen: [{id: info, omschrijving: Waar vind ik informatie?, levensgebied: zorg, soort: informatie}]
"""
SCHULD = """\
  - id: schuld
    naam: Schulden
    aanname: test
    vragen: [{id: schulden, omschrijving: Ik heb schulden., levensgebied: financien, soort: schulden}]
"""


def mensen(personas: str, sleutelmomenten: str) -> str:
    return "personas:\n" + personas + "sleutelmomenten:\n" + sleutelmomenten


def gemeente(head: str, ingangen: str, regels: str, risicos: str = "") -> str:
    """A gemeente file: ``head`` holds the keys of `gemeente` except the klantreis (which every one shares)."""
    text = "gemeente:\n" + textwrap.indent(textwrap.dedent(head), "  ") + KLANTREIS
    text += "ingangen:\n" + textwrap.dedent(ingangen) + "regels:\n" + textwrap.dedent(regels)
    if risicos:
        text += "risicos:\n" + textwrap.dedent(risicos)
    return text


@attrs.frozen
class Wereld:
    data: Path
    plugin: Path

    @property
    def args(self) -> list[str]:
        return ["--plugin", str(self.plugin), "--data", str(self.data)]

    def catalog(self):
        cat = api.open_catalog(self.data, [str(self.plugin)], entry_points=False)
        cat.raise_for_errors()
        assert not cat.plugin_errors, cat.plugin_errors
        return cat


def wereld(tmp_path: Path, people: str, gemeenten: dict[str, str], reizen: str = "") -> Wereld:
    """Personas and sleutelmomenten in data/personas, each gemeente in a folder a plugin of its own provides."""
    (tmp_path / "data" / "personas").mkdir(parents=True)
    (tmp_path / "data" / "personas" / "mensen.yaml").write_text(people, encoding="utf-8")
    if reizen:
        (tmp_path / "data" / "journeys").mkdir()
        (tmp_path / "data" / "journeys" / "reizen.yaml").write_text(reizen, encoding="utf-8")
    for gid, text in gemeenten.items():
        (tmp_path / "gemeenten" / gid).mkdir(parents=True)
        (tmp_path / "gemeenten" / gid / "gemeente.yaml").write_text(text, encoding="utf-8")
    plugin = tmp_path / "wereld_plugin.py"
    plugin.write_text(PLUGIN, encoding="utf-8")
    return Wereld(tmp_path / "data", plugin)


def line_of(path: Path, fragment: str) -> int:
    """The (1-based) line of ``path`` on which ``fragment`` first occurs."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if fragment in line:
            return n
    raise AssertionError(f"{fragment!r} not in {path}")


def gemeente_file(w: Wereld, gid: str) -> Path:
    return w.plugin.parent / "gemeenten" / gid / "gemeente.yaml"


# --- 1. provenance levels --------------------------------------------------------------------------------

BRON = m.Bron("plan.pdf", "§ 1")


@pytest.mark.parametrize(
    "herkomst, niveau",
    [
        (m.Herkomst(bron=BRON), "bron"),
        (m.Herkomst(bron=BRON, aanname="de bron zegt niet alles"), "deels"),
        (m.Herkomst(aanname="niet in de bron"), "aanname"),
    ],
)
def test_provenance_level_is_source_partly_or_assumption(herkomst, niveau):
    assert herkomst.niveau == niveau


def test_the_weakest_level_wins_whatever_the_order():
    assert m.zwakste(["bron", "bron"]) == "bron"
    assert m.zwakste(["bron", "deels", "bron"]) == "deels"
    assert m.zwakste(["aanname", "bron", "deels"]) == "aanname"
    assert m.zwakste(["deels", "aanname"]) == "aanname"
    assert m.zwakste(x for x in ("deels", "bron")) == "deels"  # any iterable, once
    assert m.zwakste([]) == "bron"  # nothing rests on an assumption


# Bewijsstad. The balie rests on the plan alone, the team on the plan and an assumption, the fonds on an
# assumption only. Rule ids are chosen so that their alphabetical order is not the route order.
BEWIJS = gemeente(
    """\
      id: bewijs
      naam: Bewijsstad
      aanname: test
      varianten: [{id: nu, naam: Nu, bron: {bestand: plan.pdf, sectie: "§ 1"}}]
      standaard_variant: nu
    """,
    """\
      - {id: balie, naam: Balie, soort: loket, kanalen: [telefoon], stappen: [s], wachttijd_dagen: 2,
         bron: {bestand: plan.pdf, sectie: "§ 2"}}
      - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false,
         wachttijd_dagen: 3, bron: {bestand: plan.pdf, sectie: "§ 3"}, aanname: Het team werkt als de balie.}
      - {id: fonds, naam: Fonds, soort: organisatie, kanalen: [telefoon], stappen: [s], eerste_contact: false,
         wachttijd_dagen: 1, aanname: Niet in het plan.}
    """,
    """\
      - {id: balie-verhelder, bij: balie, als: {veld: vraag.heeft_onderliggende_vraag, is: true},
         dan: {actie: verhelderen}, bron: {bestand: plan.pdf, sectie: "§ 4"}, aanname: De balie vraagt door.}
      - {id: balie-info, bij: balie, als: {veld: vraag.soort, is: informatie}, dan: {actie: oplossen, niveau: algemeen},
         bron: {bestand: plan.pdf, sectie: "§ 5"}}
      - {id: zz-balie-schuld, bij: balie, als: {veld: vraag.soort, is: schulden},
         dan: {actie: verwijzen, naar: team, overdracht: warm}, aanname: Zo gaat het in de praktijk.}
      - {id: team-schuld, bij: team, als: {veld: vraag.soort, is: schulden},
         dan: {actie: verwijzen, naar: fonds, overdracht: warm}, bron: {bestand: plan.pdf, sectie: "§ 6"}}
      - {id: a-fonds-klaar, bij: fonds, dan: {actie: oplossen, niveau: maatwerk},
         bron: {bestand: plan.pdf, sectie: "§ 7"}, aanname: Het fonds helpt iedereen.}
    """,
)
# a: hulp in huis, behind it b (eenzaam), behind that c (informatie).
KETEN = """\
  - id: keten
    naam: Keten
    aanname: test
    vragen:
      - {id: a, omschrijving: Hulp in huis, levensgebied: zorg, soort: hbh, onderliggend: b}
      - {id: b, omschrijving: Eenzaam, levensgebied: sociaal-netwerk, soort: eenzaamheid, onderliggend: c}
      - {id: c, omschrijving: Informatie, levensgebied: zorg, soort: informatie}
"""


@pytest.fixture
def bewijs(tmp_path) -> Wereld:
    return wereld(tmp_path, mensen(JAN, KETEN + SCHULD), {"bewijs": BEWIJS})


def test_a_route_rests_on_its_weakest_rule_and_lists_each_assumption_once(bewijs):
    cat = bewijs.catalog()
    # a, then b: the balie asks what is behind the question (balie-verhelder, plan and assumption: 'deels'),
    # twice; c (informatie) the balie resolves by balie-info, on the plan alone.
    j, _ = api.walk(cat, "bewijs", "jan", "keten")
    assert [(s.ingang, s.regel) for s in j.stappen] == [
        ("balie", "balie-verhelder"),
        ("balie", "balie-verhelder"),
        ("balie", "balie-info"),
    ]
    assert [s.herkomst.niveau for s in j.stappen] == ["deels", "deels", "bron"]
    assert j.niveau == "deels"
    assert j.aannames == ("balie-verhelder",)  # once, though it decided two steps


def test_assumptions_are_listed_in_route_order(bewijs):
    cat = bewijs.catalog()
    # balie (zz-balie-schuld: assumption) -> team (team-schuld: plan) -> fonds (a-fonds-klaar: plan and assumption)
    j, _ = api.walk(cat, "bewijs", "jan", "schuld")
    assert j.route == ("balie", "team", "fonds")
    assert [s.herkomst.niveau for s in j.stappen] == ["aanname", "bron", "deels"]
    assert j.niveau == "aanname"
    assert j.aannames == ("zz-balie-schuld", "a-fonds-klaar")


def test_a_route_on_sources_alone_rests_on_no_assumption(bewijs):
    cat = bewijs.catalog()
    j, _ = api.walk(cat, "bewijs", "jan", "keten", vraag="c")
    assert j.route == ("balie",)
    assert j.niveau == "bron"
    assert j.aannames == ()


# --- 2. provenance on the command line ---------------------------------------------------------------------


def test_walk_text_says_how_many_assumptions_the_journey_rests_on(bewijs, cli):
    w = bewijs.args
    out = cli("walk", "--gemeente", "bewijs", "--persona", "jan", "--sleutelmoment", "schuld", *w)
    assert out.exit_code == 0, out.output
    assert "Deze reis rust op 2 aannames: regel zz-balie-schuld, a-fonds-klaar." in out.stdout
    assert "Herkomst (aanname): aanname: Zo gaat het in de praktijk." in out.stdout
    assert "Herkomst (bron): bron: plan.pdf, § 6" in out.stdout
    assert "Herkomst (deels bron, deels aanname): bron: plan.pdf, § 7; aanname: Het fonds helpt iedereen." in out.stdout
    one = cli("walk", "--gemeente", "bewijs", "--persona", "jan", "--sleutelmoment", "keten", *w)
    assert "Deze reis rust op 1 aanname: regel balie-verhelder." in one.stdout
    none = cli("walk", "--gemeente", "bewijs", "--persona", "jan", "--sleutelmoment", "keten", "--vraag", "c", *w)
    assert "Deze reis rust geheel op de bronnen." in none.stdout
    assert "Deze reis rust op" not in none.stdout


def test_walk_json_gives_the_level_of_every_step_and_of_the_route(bewijs, cli):
    args = ["walk", "--gemeente", "bewijs", "--persona", "jan", "--sleutelmoment", "schuld", "--format", "json"]
    data = json.loads(cli(*args, *bewijs.args).stdout)
    assert [s["herkomst"]["niveau"] for s in data["stappen"]] == ["aanname", "bron", "deels"]
    assert data["stappen"][1]["herkomst"]["bron"] == {"bestand": "plan.pdf", "sectie": "§ 6", "citaat": ""}
    assert data["stappen"][0]["herkomst"]["aanname"] == "Zo gaat het in de praktijk."
    assert data["herkomst"] == {"niveau": "aanname", "aannames": ["zz-balie-schuld", "a-fonds-klaar"]}


def test_list_ingangen_json_gives_the_level_of_every_ingang(bewijs, cli):
    out = cli("list", "ingangen", "--gemeente", "bewijs", "--format", "json", *bewijs.args)
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)["ingangen"]
    assert {r["id"]: r["herkomst"]["niveau"] for r in rows} == {"balie": "bron", "team": "deels", "fonds": "aanname"}
    team = next(r for r in rows if r["id"] == "team")
    assert team["herkomst"]["aanname"] == "Het team werkt als de balie."
    assert team["herkomst"]["bron"]["sectie"] == "§ 3"


# --- 3. what cannot happen ---------------------------------------------------------------------------------

# 18 worden can happen only to someone under 25: to Tess (17), not to Jan (45) or Oma (80).
ACHTTIEN = """\
  - id: achttien
    naam: 18 worden
    aanname: test
    voor: {veld: persona.leeftijd, tot: 25}
    vragen: [{id: werk, omschrijving: Ik zoek werk., levensgebied: werk, soort: werk}]
"""
VERVOER = """\
  - id: vervoer
    naam: Vervoer
    aanname: test
    vragen: [{id: rit, omschrijving: Ik kan niet meer reizen., levensgebied: mobiliteit, soort: vervoer}]
"""
# Stad: the balie answers every question (the young informally, so that a sweep makes people of 24, 25 and 26).
# Vervoerlijn: a klantreis only for questions about vervoer.
STAD = gemeente(
    """\
    id: stad
    naam: Stad
    aanname: test
    varianten: [{id: oud, naam: Oud, aanname: test}, {id: nieuw, naam: Nieuw, vervangt: oud, aanname: test}]
    standaard_variant: oud
    """,
    "  - {id: balie, naam: Balie, soort: loket, kanalen: [telefoon], stappen: [s], aanname: test}\n",
    """\
      - {id: balie-jong, bij: balie, als: {veld: persona.leeftijd, tot: 25}, dan: {actie: oplossen, niveau: informeel},
         aanname: test}
      - {id: balie-alles, bij: balie, dan: {actie: oplossen, niveau: algemeen}, aanname: test}
    """,
)
VERVOERLIJN = gemeente(
    """\
    id: vervoerlijn
    naam: Vervoerlijn
    aanname: test
    voor: {veld: vraag.soort, is: vervoer}
    varianten: [{id: nu, naam: Nu, aanname: test}, {id: straks, naam: Straks, vervangt: nu, aanname: test}]
    standaard_variant: nu
    """,
    "  - {id: lijn, naam: Lijn, soort: loket, kanalen: [telefoon], stappen: [s], aanname: test}\n",
    "  - {id: lijn-rit, bij: lijn, dan: {actie: oplossen, niveau: algemeen}, aanname: test}\n",
)


@pytest.fixture
def mogelijk(tmp_path) -> Wereld:
    people = mensen(JAN + OMA + TESS, INFO + ACHTTIEN + VERVOER)
    return wereld(tmp_path, people, {"stad": STAD, "vervoerlijn": VERVOERLIJN})


def test_walk_refuses_a_sleutelmoment_that_cannot_happen_to_the_persona(mogelijk):
    cat = mogelijk.catalog()
    with pytest.raises(Impossible) as e:
        api.walk(cat, "stad", "oma", "achttien")
    assert "'18 worden' kan Oma niet overkomen" in str(e.value)
    j, _ = api.walk(cat, "stad", "tess", "achttien")  # for Tess it can happen
    assert j.uitkomst.soort == "opgelost"


def test_walk_refuses_a_question_the_klantreis_is_not_for(mogelijk):
    cat = mogelijk.catalog()
    with pytest.raises(Impossible) as e:
        api.walk(cat, "vervoerlijn", "jan", "info")
    assert "de klantreis van Vervoerlijn is niet voor deze vraag" in str(e.value)
    j, _ = api.walk(cat, "vervoerlijn", "jan", "vervoer")
    assert j.route == ("lijn",)


def test_the_command_line_refuses_an_impossible_walk_with_exit_2_and_the_reason(mogelijk):
    result = run_cli("walk", "--gemeente", "stad", "--persona", "oma", "--sleutelmoment", "achttien", *mogelijk.args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "fout: deze reis kan niet: '18 worden' kan Oma niet overkomen" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_diff_skips_and_counts_the_combinations_that_cannot_happen(mogelijk):
    cat = mogelijk.catalog()
    # 3 personas x 3 questions; 18 worden cannot happen to Jan and Oma
    d = api.diff_variants(cat, "stad", "oud", "nieuw")
    assert d.overgeslagen == 2
    assert d.totalen.gevallen == 7
    walked = {(v.geval.persona, v.geval.sleutelmoment) for v in d.verschillen}
    assert ("jan", "achttien") not in walked and ("oma", "achttien") not in walked
    assert ("tess", "achttien") in walked
    # Vervoerlijn is only for the vervoer question: info and 18 worden are skipped for all three (each once)
    d = api.diff_variants(cat, "vervoerlijn", "nu", "straks")
    assert d.overgeslagen == 6
    assert sorted((v.geval.persona, v.geval.sleutelmoment) for v in d.verschillen) == [
        ("jan", "vervoer"),
        ("oma", "vervoer"),
        ("tess", "vervoer"),
    ]


def test_diff_text_and_json_say_how_many_were_skipped(mogelijk, cli):
    out = cli("diff", "--gemeente", "stad", *mogelijk.args)
    assert out.exit_code == 0, out.output
    assert "2 combinaties overgeslagen die niet kunnen" in out.stdout
    data = json.loads(cli("diff", "--gemeente", "stad", "--format", "json", *mogelijk.args).stdout)
    assert data["overgeslagen"] == 2


def test_loops_skip_and_count_the_combinations_that_cannot_happen(mogelijk, cli):
    # Without generated personas, each of the three has one first contact in each gemeente.
    # Stad, per variant: 9 combinations, 2 cannot happen. Vervoerlijn, per variant: 3 walked (vervoer),
    # 6 not for the klantreis.
    out = cli("loops", "--no-generated", "--format", "json", "--jobs", "1", *mogelijk.args)
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["overgeslagen"] == 2 * 2 + 2 * 6
    assert data["gelopen"] == 2 * 7 + 2 * 3
    stad = json.loads(
        cli("loops", "--no-generated", "--gemeente", "stad", "--format", "json", "--jobs", "1", *mogelijk.args).stdout
    )
    assert (stad["overgeslagen"], stad["gelopen"]) == (4, 14)
    text = cli("loops", "--no-generated", "--gemeente", "stad", "--jobs", "1", *mogelijk.args).stdout
    assert "4 combinaties overgeslagen die niet kunnen" in text


def test_a_sweep_plan_walks_only_what_can_happen_and_counts_the_rest(mogelijk):
    from journeykit.analysis import sweep
    from journeykit.engine import plausible_first_contacts
    from journeykit.possible import why_impossible

    cat = mogelijk.catalog()
    personas, sms = list(cat.personas.values()), list(cat.sleutelmomenten.values())
    for gid in ("stad", "vervoerlijn"):
        g = cat.gemeente(gid)
        # with generated personas: in Stad everyone also at 24, 25 and 26, on both sides of the bound of 18 worden
        plan = sweep.plan(g, personas, sms)
        groups = list(plan.groups())
        for grp in groups:
            c = grp.case
            assert why_impossible(g, c.persona, c.sleutelmoment, c.sleutelmoment.vraag(c.vraag)) is None, c.label
        assert sum(grp.aantal for grp in groups) == plan.cases
        # counted one by one: every person the sweep makes, every question, every first contact
        people = [(p, ()) for p in personas] + [pa for p in personas for pa in sweep.persona_variants(p, g)]
        can = cannot = 0
        for p, _ in people:
            starts = len(plausible_first_contacts(g, p)) or 1
            for sm in sms:
                for v in sm.vragen:
                    if why_impossible(g, p, sm, v):
                        cannot += starts
                    else:
                        can += starts
        assert (plan.cases, plan.skipped) == (can, cannot)
        assert plan.skipped > 0


def test_compare_leaves_out_a_gemeente_whose_klantreis_is_not_for_the_question(mogelijk, cli):
    cat = mogelijk.catalog()
    v = api.compare(cat, "jan", "info")
    assert [g for g, _ in v.niet_voor] == ["vervoerlijn"]
    assert "de klantreis van Vervoerlijn is niet voor deze vraag" in dict(v.niet_voor)["vervoerlijn"]
    assert {r.gemeente for r in v.rijen} == {"stad"}
    assert {o.gemeente for o in v.oordelen} == {"stad"}
    # for the vervoer question both take part
    assert api.compare(cat, "jan", "vervoer").niet_voor == ()
    out = cli("compare", "--persona", "jan", "--sleutelmoment", "info", *mogelijk.args)
    assert "Niet vergeleken:" in out.stdout
    assert "  vervoerlijn: de klantreis van Vervoerlijn is niet voor deze vraag" in out.stdout
    args = ["compare", "--persona", "jan", "--sleutelmoment", "info", "--format", "json"]
    data = json.loads(cli(*args, *mogelijk.args).stdout)
    assert [x["gemeente"] for x in data["niet_voor"]] == ["vervoerlijn"]
    assert {r["gemeente"] for r in data["rijen"]} == {"stad"}


def test_compare_refuses_a_sleutelmoment_that_cannot_happen_to_the_persona(mogelijk):
    cat = mogelijk.catalog()
    with pytest.raises(Impossible) as e:
        api.compare(cat, "oma", "achttien")
    assert "kan Oma niet overkomen" in str(e.value)
    result = run_cli("compare", "--persona", "oma", "--sleutelmoment", "achttien", *mogelijk.args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "kan Oma niet overkomen" in result.stderr


def test_voor_may_look_only_at_what_it_is_about(tmp_path):
    # a sleutelmoment's `voor` is about the persona; a gemeente's about the question
    bad_moment = tmp_path / "moment.yaml"
    bad_moment.write_text(
        mensen(JAN, ACHTTIEN.replace("{veld: persona.leeftijd, tot: 25}", "{veld: vraag.soort, is: werk}")),
        encoding="utf-8",
    )
    with pytest.raises(LoadErrors) as e:
        load_path(bad_moment)
    (fout,) = e.value.errors
    assert "'voor' gaat over de persona: het veld 'vraag.soort' kan hier niet (alleen persona.*)" in fout.bericht
    assert fout.regel == line_of(bad_moment, "voor:")
    bad_gemeente = tmp_path / "vervoerlijn" / "gemeente.yaml"
    bad_gemeente.parent.mkdir()
    bad_gemeente.write_text(
        VERVOERLIJN.replace("{veld: vraag.soort, is: vervoer}", "{veld: persona.leeftijd, vanaf: 65}"), encoding="utf-8"
    )
    with pytest.raises(LoadErrors) as e:
        load_path(bad_gemeente.parent)
    (fout,) = e.value.errors
    assert "het veld 'persona.leeftijd' kan hier niet (alleen vraag.*, casus.*)" in fout.bericht
    assert fout.regel == line_of(bad_gemeente, "voor:")


# --- 4. the task of an ingang ------------------------------------------------------------------------------

# Schuldhulp may only resolve questions about schulden, but its one rule resolves every question. The loket
# (only informatie) has its rule on vraag.soort, as it should. Jan can start at the balie or at schuldhulp
# (both by telephone; the balie is written first, so it is his most likely first contact).
TAAKSTAD = gemeente(
    """\
    id: taakstad
    naam: Taakstad
    aanname: test
    varianten: [{id: nu, naam: Nu, aanname: test}]
    standaard_variant: nu
    """,
    """\
      - {id: balie, naam: Balie, soort: loket, kanalen: [telefoon], stappen: [s], aanname: test}
      - {id: schuldhulp, naam: Schuldhulp, soort: organisatie, kanalen: [telefoon], stappen: [s], taak: [schulden],
         aanname: test}
      - {id: loket, naam: Infoloket, soort: loket, kanalen: [balie], stappen: [s], eerste_contact: false,
         taak: [informatie], aanname: test}
    """,
    """\
      - {id: balie-schuld, bij: balie, als: {veld: vraag.soort, is: schulden},
         dan: {actie: verwijzen, naar: schuldhulp, overdracht: warm}, aanname: test}
      - {id: balie-info, bij: balie, als: {veld: vraag.soort, is: informatie}, dan: {actie: oplossen, niveau: algemeen},
         aanname: test}
      - id: schuldhulp-alles
        bij: schuldhulp
        dan: {actie: oplossen, niveau: maatwerk}
        aanname: test
      - {id: loket-info, bij: loket, als: {veld: vraag.soort, is: informatie}, dan: {actie: oplossen, niveau: algemeen},
         aanname: test}
    """,
)


@pytest.fixture
def taak(tmp_path) -> Wereld:
    return wereld(tmp_path, mensen(JAN, INFO + SCHULD), {"taakstad": TAAKSTAD})


def test_resolving_a_question_outside_the_task_is_not_solved(taak):
    cat = taak.catalog()
    j, _ = api.walk(cat, "taakstad", "jan", "info", ingang="schuldhulp")
    assert j.uitkomst.soort == "buiten-taak"
    assert (j.uitkomst.niveau, j.uitkomst.waar) == ("maatwerk", "schuldhulp")
    assert "Schuldhulp beantwoordt een vraag over informatie, maar dat hoort niet bij haar taak" in j.uitkomst.reden
    # a question within its task it does resolve, also when the balie sends the resident there
    j, _ = api.walk(cat, "taakstad", "jan", "schuld")
    assert (j.route, j.uitkomst.soort, j.uitkomst.niveau) == (("balie", "schuldhulp"), "opgelost", "maatwerk")
    j, _ = api.walk(cat, "taakstad", "jan", "schuld", ingang="schuldhulp")
    assert j.uitkomst.soort == "opgelost"


def test_an_answer_outside_the_task_counts_as_a_wrong_door(taak, cli):
    from journeykit.analysis.compare import wrong_door

    cat = taak.catalog()
    j, _ = api.walk(cat, "taakstad", "jan", "info", ingang="schuldhulp")
    assert wrong_door(j) is not None and wrong_door(j).startswith("geen antwoord (buiten-taak")
    (o,) = api.compare(cat, "jan", "info").oordelen
    assert o.eerste_contacten == 2
    assert [i for i, _ in o.falen] == ["schuldhulp"]  # the balie answers the information itself
    assert not o.ok
    (o,) = api.compare(cat, "jan", "schuld").oordelen
    assert o.ok and o.falen == ()  # within its task schuldhulp is a right door, and the balie hands over warm
    out = cli("compare", "--persona", "jan", "--sleutelmoment", "info", *taak.args).stdout
    assert "taakstad/nu: nee, 1 van 2 eerste contacten falen:" in out
    assert "    - Schuldhulp: geen antwoord (buiten-taak" in out


def test_loading_warns_about_a_rule_that_resolves_anything_where_the_task_is_narrower(taak):
    cat = taak.catalog()
    path = gemeente_file(taak, "taakstad")
    (w,) = cat.waarschuwingen  # not for loket-info: its condition is on vraag.soort
    assert w.bestand == str(path)
    assert w.regel == line_of(path, "dan: {actie: oplossen, niveau: maatwerk}")
    assert "regel 'schuldhulp-alles' lost elke vraag op bij 'schuldhulp'" in w.bericht
    assert "kan alleen schulden oplossen" in w.bericht


def test_check_shows_the_warning_and_still_passes(taak):
    result = run_cli("check", *taak.args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Waarschuwingen bij de data (toegestaan, maar waarschijnlijk niet bedoeld):" in result.stdout
    path = gemeente_file(taak, "taakstad")
    line = line_of(path, "dan: {actie: oplossen, niveau: maatwerk}")
    assert f"gemeente.yaml:{line}:" in result.stdout
    assert "regel 'schuldhulp-alles' lost elke vraag op bij 'schuldhulp'" in result.stdout
    data = json.loads(run_cli("check", "--format", "json", *taak.args).stdout)
    assert [(w["regel"], w["sleutel"]) for w in data["waarschuwingen"]] == [(line, "dan")]


HUIS = """\
  - id: huis
    naam: Huishouden
    aanname: test
    vragen: [{id: hulp, omschrijving: Hulp in huis., levensgebied: zorg, soort: hbh}]
"""


def samen_gemeente(gid: str, partner_taak: str) -> str:
    """Schuldhulp (only schulden) resolves every question together with a partner whose task is ``partner_taak``."""
    return gemeente(
        f"""\
        id: {gid}
        naam: {gid.capitalize()}
        aanname: test
        varianten: [{{id: nu, naam: Nu, aanname: test}}]
        standaard_variant: nu
        """,
        f"""\
          - {{id: schuldhulp, naam: Schuldhulp, soort: organisatie, kanalen: [telefoon], stappen: [s], taak: [schulden],
             aanname: test}}
          - {{id: partner, naam: Partner, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false,
             {partner_taak} aanname: test}}
        """,
        """\
          - {id: samen, bij: schuldhulp, dan: {actie: samenwerken, met: [partner], niveau: maatwerk}, aanname: test}
        """,
    )


@pytest.mark.parametrize(
    "partner_taak, opgelost, waarschuwing",
    [
        # a partner without a task of its own may resolve anything: together they may too
        ("", {"info", "schuld", "huis"}, False),
        # together schuldhulp and an information desk may resolve schulden and informatie, not hulp in huis
        ("taak: [informatie],", {"info", "schuld"}, True),
    ],
)
def test_working_together_the_task_is_that_of_all_partners(tmp_path, partner_taak, opgelost, waarschuwing):
    w = wereld(tmp_path, mensen(JAN, INFO + SCHULD + HUIS), {"samenstad": samen_gemeente("samenstad", partner_taak)})
    cat = w.catalog()
    uitkomsten = {sm: api.walk(cat, "samenstad", "jan", sm)[0].uitkomst.soort for sm in ("info", "schuld", "huis")}
    assert uitkomsten == {sm: "opgelost" if sm in opgelost else "buiten-taak" for sm in uitkomsten}
    # the warning about a rule that resolves anything where the task is narrower agrees with the walk
    assert bool(cat.waarschuwingen) == waarschuwing, cat.waarschuwingen


# --- 5. unknown is not zero --------------------------------------------------------------------------------

# Nobody knows how long the team takes or what it costs; the team's schulden rule adds 3 days of its own.
# The balie: 2 days, € 10. Oud sends schulden to the Wmo (14 days, € 500), nieuw to the team.
ONBEKEND = gemeente(
    """\
    id: onbekendstad
    naam: Onbekendstad
    aanname: test
    varianten: [{id: oud, naam: Oud, aanname: test}, {id: nieuw, naam: Nieuw, vervangt: oud, aanname: test}]
    standaard_variant: nieuw
    """,
    """\
      - {id: balie, naam: Balie, soort: loket, kanalen: [telefoon], stappen: [s], wachttijd_dagen: 2,
         kosten: {bedrag: 10, aanname: test}, aanname: test}
      - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false, aanname: test}
      - {id: wmo, naam: Wmo, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false, varianten: [oud],
         wachttijd_dagen: 14, kosten: {bedrag: 500, aanname: test}, aanname: test}
    """,
    """\
      - {id: balie-info, bij: balie, als: {veld: vraag.soort, is: informatie}, dan: {actie: oplossen, niveau: algemeen},
         aanname: test}
      - {id: balie-schuld-oud, bij: balie, varianten: [oud], als: {veld: vraag.soort, is: schulden},
         dan: {actie: verwijzen, naar: wmo, overdracht: warm}, aanname: test}
      - {id: balie-schuld, bij: balie, varianten: [nieuw], als: {veld: vraag.soort, is: schulden},
         dan: {actie: verwijzen, naar: team, overdracht: warm}, aanname: test}
      - {id: team-info, bij: team, als: {veld: vraag.soort, is: informatie}, dan: {actie: oplossen, niveau: algemeen},
         aanname: test}
      - {id: team-schuld, bij: team, dan: {actie: oplossen, niveau: maatwerk, dagen: 3}, aanname: test}
      - {id: wmo-klaar, bij: wmo, varianten: [oud], dan: {actie: oplossen, niveau: maatwerk}, aanname: test}
    """,
)


@pytest.fixture
def onbekend(tmp_path) -> Wereld:
    return wereld(tmp_path, mensen(JAN, INFO + SCHULD), {"onbekendstad": ONBEKEND})


def test_an_unknown_wait_and_cost_are_marked_on_the_step_and_counted_in_the_metrics(onbekend):
    cat = onbekend.catalog()
    j, _ = api.walk(cat, "onbekendstad", "jan", "schuld")
    balie, team = j.stappen
    assert (balie.dagen, balie.dagen_onbekend, balie.kosten, balie.kosten_onbekend) == (2, False, 10, False)
    # the team's own 3 days are known; its wait is not, nor its cost
    assert (team.dagen, team.dagen_onbekend, team.kosten, team.kosten_onbekend) == (3, True, 0, True)
    mt = j.metrieken
    assert (mt.dagen, mt.dagen_onbekend, mt.kosten, mt.kosten_onbekend) == (5, 1, 10, 1)
    j, _ = api.walk(cat, "onbekendstad", "jan", "info")
    assert (j.metrieken.dagen, j.metrieken.dagen_onbekend, j.metrieken.kosten_onbekend) == (2, 0, 0)


@pytest.mark.parametrize("waarde, onbekend, tekst", [(0, 0, "0"), (5, 0, "5"), (0, 1, "onbekend"), (5, 2, "≥ 5")])
def test_days_as_people_read_them(waarde, onbekend, tekst):
    from journeykit.render.text import dagen_tekst

    assert dagen_tekst(waarde, onbekend) == tekst


@pytest.mark.parametrize(
    "waarde, onbekend, tekst", [(0, 0, "€ 0"), (1500, 0, "€ 1.500"), (0, True, "onbekend"), (10, 1, "≥ € 10")]
)
def test_costs_as_people_read_them(waarde, onbekend, tekst):
    from journeykit.render.text import kosten_tekst

    assert kosten_tekst(waarde, onbekend) == tekst


def samenvatting_of(stdout: str) -> str:
    (line,) = [x for x in stdout.splitlines() if x.startswith("Samenvatting:")]
    return line


def test_walk_text_never_shows_an_unknown_wait_or_cost_as_zero(onbekend, cli):
    base = ["walk", "--gemeente", "onbekendstad", "--persona", "jan", *onbekend.args]
    # partly known: balie 2 days and € 10, the team's 3 days; its wait and cost unknown
    line = samenvatting_of(cli(*base, "--sleutelmoment", "schuld").stdout)
    assert "wachttijd ≥ 5 dagen" in line and "kosten ≥ € 10 per cliënt" in line
    # nothing known: only the team, for information
    line = samenvatting_of(cli(*base, "--sleutelmoment", "info", "--ingang", "team").stdout)
    assert "wachttijd onbekend" in line and "kosten onbekend per cliënt" in line
    assert "0 dagen" not in line and "€ 0" not in line
    # all known
    line = samenvatting_of(cli(*base, "--sleutelmoment", "info").stdout)
    assert "2 dagen" in line and "kosten € 10 per cliënt" in line
    assert "onbekend" not in line and "≥" not in line


def test_compare_shows_unknown_days_and_costs_as_unknown(onbekend, cli):
    out = cli("compare", "--persona", "jan", "--sleutelmoment", "schuld", *onbekend.args).stdout
    rows = [x for x in out.splitlines() if x.startswith("onbekendstad/")]
    assert len(rows) == 2
    nieuw = next(r for r in rows if r.startswith("onbekendstad/nieuw"))
    oud = next(r for r in rows if r.startswith("onbekendstad/oud"))
    assert "≥ 5" in nieuw and "≥ € 10" in nieuw
    cells = oud.removeprefix("onbekendstad/oud")
    assert " 16 " in cells and "€ 510" in cells and "≥" not in cells and "onbekend" not in cells


def test_a_change_to_an_unknown_wait_is_neither_better_nor_worse(onbekend):
    cat = onbekend.catalog()
    d = api.diff_variants(cat, "onbekendstad", "oud", "nieuw")
    (v,) = [x for x in d.verschillen if x.geval.sleutelmoment == "schuld"]
    # oud: 2 + 14 days and € 10 + € 500, all known; nieuw: 2 + 3 days, € 10 and the team's unknowns
    by = {w.wat: w for w in v.wijzigingen}
    assert (by["dagen"].voor, by["dagen"].na, by["dagen"].beter) == (16, "≥ 5", None)
    assert (by["kosten"].voor, by["kosten"].na, by["kosten"].beter) == (510, "≥ 10", None)
    assert not v.beter and not v.slechter
    assert (d.totalen.beter, d.totalen.slechter, d.totalen.gelijk) == (0, 0, 2)
    assert d.totalen.voor["gevallen met onbekende wachttijd"] == 0
    assert d.totalen.na["gevallen met onbekende wachttijd"] == 1
    assert d.totalen.na["gevallen met onbekende kosten"] == 1


ONBEKEND_REIZEN = """\
reizen:
  - {id: schuld-30, naam: Schulden binnen 30 dagen, persona: jan, sleutelmoment: schuld, gemeente: onbekendstad,
     verwachting: {max_dagen: 30}, aanname: test}
  - {id: schuld-4, naam: Schulden binnen 4 dagen, persona: jan, sleutelmoment: schuld, gemeente: onbekendstad,
     verwachting: {max_dagen: 4}, aanname: test}
  - {id: team-info-30, naam: Informatie van het team, persona: jan, sleutelmoment: info, gemeente: onbekendstad,
     eerste_ingang: team, verwachting: {max_dagen: 30}, aanname: test}
  - {id: info-30, naam: Informatie aan de balie, persona: jan, sleutelmoment: info, gemeente: onbekendstad,
     verwachting: {max_dagen: 30}, aanname: test}
"""


def test_an_unknown_wait_does_not_pass_a_limit_on_days(tmp_path):
    w = wereld(tmp_path, mensen(JAN, INFO + SCHULD), {"onbekendstad": ONBEKEND}, ONBEKEND_REIZEN)
    results = {r.reis.id: r.mislukt for r in api.check_reizen(w.catalog())}
    assert results == {
        # 5 known days are under 30, but the team's wait could be anything
        "schuld-30": ("wachttijd minstens 5 dagen, niet overal bekend, verwacht hoogstens 30 dagen",),
        "schuld-4": ("5 dagen, verwacht hoogstens 4",),
        "team-info-30": ("wachttijd onbekend, verwacht hoogstens 30 dagen",),
        "info-30": (),
    }
    result = run_cli("check", *w.args)
    assert result.returncode == 1
    assert "1 van de 4 reizen halen hun verwachtingen" in result.stdout


# --- 6. risks the sources name -----------------------------------------------------------------------------

# Oud: the balie sends schulden cold to the team; nieuw: warm. The team resolves, the balie answers information.
# Risks of nieuw: the team sends schulden back to the balie (a loop for every schulden question), and the balie
# answers information less well (a change of level only: not worse). A risk of oud (no variant: the standard
# one) takes the balie's answer to information away.
RISICOSTAD = gemeente(
    """\
    id: risicostad
    naam: Risicostad
    aanname: test
    varianten:
      - {id: oud, naam: Oud, bron: {bestand: plan.pdf, sectie: "§ 1"}}
      - {id: nieuw, naam: Nieuw, vervangt: oud, bron: {bestand: plan.pdf, sectie: "§ 2"}}
    standaard_variant: oud
    principes:
      - {id: geen-lus, naam: Geen kastje-naar-de-muur, toets: {soort: geen-lus}, aanname: test}
      - {id: direct-goed, naam: Direct goed, toets: {soort: geen-koude-verwijzing}, aanname: test}
    """,
    """\
      - {id: balie, naam: Balie, soort: loket, kanalen: [telefoon], stappen: [s], aanname: test}
      - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false, aanname: test}
    """,
    """\
      - {id: balie-info, bij: balie, als: {veld: vraag.soort, is: informatie}, dan: {actie: oplossen, niveau: algemeen},
         aanname: test}
      - {id: balie-schuld-oud, bij: balie, varianten: [oud], als: {veld: vraag.soort, is: schulden},
         dan: {actie: verwijzen, naar: team, overdracht: koud}, aanname: test}
      - {id: balie-schuld, bij: balie, varianten: [nieuw], als: {veld: vraag.soort, is: schulden},
         dan: {actie: verwijzen, naar: team, overdracht: warm}, aanname: test}
      - {id: team-schuld, bij: team, dan: {actie: oplossen, niveau: algemeen}, aanname: test}
    """,
    """\
      - id: team-stuurt-terug
        naam: Het team stuurt schuldvragen terug
        variant: nieuw
        regels_vervangen:
          - {id: team-schuld, bij: team, dan: {actie: verwijzen, naar: balie, overdracht: koud}, aanname: test}
        bron: {bestand: plan.pdf, sectie: "§ 9", citaat: "Het team stuurt mensen terug."}
        aanname: Hoe het terugsturen gaat.
      - id: balie-minder-info
        naam: De balie geeft minder informatie
        variant: nieuw
        regels_vervangen:
          - {id: balie-info, bij: balie, als: {veld: vraag.soort, is: informatie},
             dan: {actie: oplossen, niveau: informeel}, aanname: test}
        bron: {bestand: plan.pdf, sectie: "§ 10", citaat: "De balie verwijst naar de buren."}
      - id: oud-risico
        naam: Een risico van de oude situatie
        regels_verwijderen: [balie-info]
        bron: {bestand: plan.pdf, sectie: "§ 11", citaat: "Vroeger ging het mis."}
    """,
)


@pytest.fixture
def risico(tmp_path) -> Wereld:
    return wereld(tmp_path, mensen(JAN + OMA, INFO + SCHULD), {"risicostad": RISICOSTAD})


def test_a_risk_changes_the_rules_of_its_variant(risico):
    from journeykit.changes import apply
    from journeykit.engine import Walker

    cat = risico.catalog()
    g = cat.gemeenten["risicostad"]
    assert [r.id for r in g.in_variant("nieuw").risicos_in_variant()] == ["team-stuurt-terug", "balie-minder-info"]
    assert [r.id for r in g.in_variant("oud").risicos_in_variant()] == ["oud-risico"]
    (terug,) = [r for r in g.risicos if r.id == "team-stuurt-terug"]
    assert terug.gemeente == "risicostad"  # the gemeente whose data holds it
    changed = apply(g, terug)
    assert changed.ingang("team") and [r.dan.naar for r in changed.regels if r.id == "team-schuld"] == ["balie"]
    j = Walker(changed).walk(cat.persona("jan"), cat.sleutelmoment("schuld"))
    assert j.uitkomst.soort == "kastje-naar-de-muur" and j.uitkomst.lus == ("balie", "team", "balie")


# Without generated personas: Jan and Oma, information and schulden, from the balie (their one first contact).
SWEEP = ["loops", "--gemeente", "risicostad", "--no-generated", "--jobs", "1"]


def test_loops_with_risks_report_each_risk_with_its_source_and_new_loops(risico, cli):
    out = cli(*SWEEP, "--met-risicos", "--format", "json", *risico.args)
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    found = [(r["id"], r["variant"], r["lussen"]) for r in data["risicos"]]
    # the swept situations in the order written (oud, nieuw), each with its own risks
    assert found == [("oud-risico", "oud", 0), ("team-stuurt-terug", "nieuw", 1), ("balie-minder-info", "nieuw", 0)]
    terug = data["risicos"][1]
    assert terug["bron"] == {"bestand": "plan.pdf", "sectie": "§ 9", "citaat": "Het team stuurt mensen terug."}
    assert terug["herkomst"]["niveau"] == "deels"
    (lus,) = terug["nieuwe_lussen"]
    assert lus["cyclus"] == ["balie", "team", "balie"]
    assert (lus["getuige"]["persona"], lus["getuige"]["sleutelmoment"]) == ("jan", "schuld")  # the smallest witness
    # without --met-risicos: no risks, and no loop in the situations themselves
    plain = json.loads(cli(*SWEEP, "--format", "json", *risico.args).stdout)
    assert plain["risicos"] == [] and plain["lussen"] == []


def breaking_journeys(cat, g) -> int:
    """How many journeys of the sweep without generated personas break a principle in ``g``, walked one by one."""
    from journeykit.analysis.checks import violations
    from journeykit.analysis.plugin_checks import checks_for
    from journeykit.engine import Walker, plausible_first_contacts

    walker, checks = Walker(g), checks_for(cat, g)
    return sum(
        bool(violations(walker.walk(p, sm, v.id, start.id), checks))
        for p in cat.personas.values()
        for sm in cat.sleutelmomenten.values()
        for v in sm.vragen
        for start in plausible_first_contacts(g, p, sm)
    )


def test_loops_with_risks_count_the_journeys_that_break_a_principle_because_of_the_risk(risico, cli):
    from journeykit.changes import apply

    # Without risks no journey in nieuw breaks a principle. With team-stuurt-terug the schulden journeys of Jan and
    # Oma (2 journeys) each loop and refer cold: each breaks geen-lus and direct-goed. The count is of journeys,
    # as `loops` says ("reizen meer die een principe schenden") and as walking them one by one gives.
    cat = risico.catalog()
    whole = cat.gemeenten["risicostad"]
    nieuw = cat.gemeente("risicostad", "nieuw")
    assert breaking_journeys(cat, nieuw) == 0
    walked = {r.id: breaking_journeys(cat, apply(whole, r)) for r in nieuw.risicos_in_variant()}
    assert walked == {"team-stuurt-terug": 2, "balie-minder-info": 0}
    data = json.loads(cli(*SWEEP, "--variant", "nieuw", "--met-risicos", "--format", "json", *risico.args).stdout)
    assert {r["id"]: r["schendingen"] for r in data["risicos"]} == walked
    text = cli(*SWEEP, "--variant", "nieuw", "--met-risicos", *risico.args).stdout
    assert "1 nieuwe lus, 2 reizen meer die een principe schenden" in text


def test_diff_with_risks_says_what_each_risk_of_the_new_situation_does(risico, cli):
    cat = risico.catalog()
    d = api.with_risks(cat, api.diff_variants(cat, "risicostad", "oud", "nieuw"), cat.gemeente("risicostad", "nieuw"))
    # 4 cases (Jan and Oma, information and schulden). team-stuurt-terug makes both schulden cases loop (worse,
    # a new loop, new principles broken); balie-minder-info changes only the level of the information answer.
    assert [(r.risico.id, r.slechter, r.lussen, r.schendingen) for r in d.risicos] == [
        ("team-stuurt-terug", 2, 2, 2),
        ("balie-minder-info", 0, 0, 0),
    ]
    data = json.loads(cli("diff", "--gemeente", "risicostad", "--met-risicos", "--format", "json", *risico.args).stdout)
    assert [(r["id"], r["slechter"], r["lussen"], r["schendingen"]) for r in data["risicos"]] == [
        ("team-stuurt-terug", 2, 2, 2),
        ("balie-minder-info", 0, 0, 0),
    ]
    assert data["risicos"][1]["bron"]["citaat"] == "De balie verwijst naar de buren."
    text = cli("diff", "--gemeente", "risicostad", "--met-risicos", *risico.args).stdout
    assert "Risico's die de bronnen noemen, elk apart toegepast op nieuw:" in text
    assert '  - Het team stuurt schuldvragen terug (nieuw) — "Het team stuurt mensen terug." (plan.pdf, § 9)' in text
    assert "2 gevallen slechter, 2 met een nieuwe lus, 2 met een nieuwe principeschending" in text
    assert "oud-risico" not in text and "Een risico van de oude situatie" not in text
    assert "Risico's" not in cli("diff", "--gemeente", "risicostad", *risico.args).stdout


@pytest.mark.parametrize(
    "bron, waar",
    [
        ("aanname: Dat zou kunnen gebeuren.", "- id: verzonnen"),  # no source at all: the risk itself
        ('bron: {bestand: plan.pdf, sectie: "§ 9"}', 'sectie: "§ 9"'),  # a source without its words: the source
    ],
)
def test_a_risk_must_cite_its_source(tmp_path, bron, waar):
    text = RISICOSTAD.split("risicos:\n")[0] + textwrap.dedent(
        f"""\
        risicos:
          - id: verzonnen
            naam: Een verzonnen risico
            variant: nieuw
            regels_verwijderen: [balie-info]
            {bron}
        """
    )
    path = tmp_path / "risicostad" / "gemeente.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadErrors) as e:
        load_path(path.parent)
    (fout,) = e.value.errors
    assert "risico 'verzonnen' noemt geen bron met citaat" in fout.bericht
    assert fout.bestand == str(path.parent / "gemeente.yaml")
    assert fout.regel == line_of(path, waar)
    (tmp_path / "data" / "personas").mkdir(parents=True)
    (tmp_path / "data" / "personas" / "mensen.yaml").write_text(mensen(JAN, INFO), encoding="utf-8")
    result = run_cli("check", str(path.parent), "--data", str(tmp_path / "data"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "noemt geen bron met citaat" in result.stderr and f"gemeente.yaml:{fout.regel}" in result.stderr


def test_walk_risks_gives_each_risk_of_the_journeys_situation_and_what_it_changes(risico):
    cat = risico.catalog()
    j, sch = api.walk(cat, "risicostad", "jan", "schuld", variant="nieuw")
    assert j.uitkomst.soort == "opgelost" and j.route == ("balie", "team")
    terug, minder = api.walk_risks(cat, j, sch)
    assert terug.risico.id == "team-stuurt-terug"
    assert terug.journey.uitkomst.soort == "kastje-naar-de-muur"
    by = {w.wat: w for w in terug.wijzigingen}
    assert (by["uitkomst"].voor, by["uitkomst"].na, by["uitkomst"].beter) == ("opgelost", "kastje-naar-de-muur", False)
    assert (by["koude verwijzingen"].voor, by["koude verwijzingen"].na) == (0, 1)
    assert by["principes"].na == "direct-goed, geen-lus"
    assert minder.risico.id == "balie-minder-info" and minder.wijzigingen == ()
    assert (minder.journey.stappen, minder.journey.uitkomst) == (j.stappen, j.uitkomst)  # the same, step for step
    # a journey in oud meets the risk of oud only
    j, sch = api.walk(cat, "risicostad", "jan", "info", variant="oud")
    (oud,) = api.walk_risks(cat, j, sch)
    assert oud.risico.id == "oud-risico" and oud.journey.uitkomst.soort == "afgehaakt"


def test_the_journey_map_shows_what_each_risk_does(risico, tmp_path):
    out = tmp_path / "kaart"
    args = ["--gemeente", "risicostad", "--persona", "jan", "--sleutelmoment", "schuld", "--variant", "nieuw"]
    result = run_cli("render", "map", *args, "--out", str(out), *risico.args)
    assert result.returncode == 0, result.stderr
    (md,) = out.glob("kaart-*.md")
    (html,) = out.glob("kaart-*.html")
    text = md.read_text(encoding="utf-8")
    assert "Risico's die de bronnen noemen" in text
    (terug,) = [x for x in text.splitlines() if "Het team stuurt schuldvragen terug" in x]
    assert "de reis loopt dan Balie → Team" in terug and "van het kastje naar de muur" in terug
    assert "uitkomst: opgelost → kastje-naar-de-muur (slechter)" in terug
    (minder,) = [x for x in text.splitlines() if "De balie geeft minder informatie" in x]
    assert minder.endswith("verandert deze reis niet")
    assert "oude situatie" not in text
    page = html.read_text(encoding="utf-8")
    assert "Risico's die de bronnen noemen" in page and "verandert deze reis niet" in page
    assert "de reis loopt dan Balie → Team" in page


# --- 7. which situation replaces which ---------------------------------------------------------------------


# Wissel writes the new situation first; `vervangt` says it replaces oud. Drietal: b replaces a, c replaces b.
# Volgorde says nothing: its situations follow in the order written. Each balie answers information, in the
# variant ``eerst`` only after sending the resident cold to the team.
def overgang_gemeente(gid: str, varianten: list[str], standaard: str, eerst: str) -> str:
    head = f"id: {gid}\nnaam: {gid.capitalize()}\naanname: test\nvarianten:\n"
    head += "".join(f"  - {v}\n" for v in varianten) + f"standaard_variant: {standaard}\n"
    return gemeente(
        head,
        """\
          - {id: balie, naam: Balie, soort: loket, kanalen: [telefoon], stappen: [s], aanname: test}
          - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false, aanname: test}
        """,
        f"""\
          - {{id: balie-koud, bij: balie, varianten: [{eerst}], dan: {{actie: verwijzen, naar: team, overdracht: koud}},
             aanname: test}}
          - {{id: balie-klaar, bij: balie, dan: {{actie: oplossen, niveau: algemeen}}, aanname: test}}
          - {{id: team-klaar, bij: team, dan: {{actie: oplossen, niveau: algemeen}}, aanname: test}}
        """,
    )


WISSEL = overgang_gemeente(
    "wissel",
    [
        '{id: nieuw, naam: Nieuw, vervangt: oud, bron: {bestand: plan.pdf, sectie: "§ 2"},'
        " aanname: Half uit het plan.}",
        '{id: oud, naam: Oud, bron: {bestand: plan.pdf, sectie: "§ 1"}}',
    ],
    "oud",
    "oud",
)
DRIETAL = overgang_gemeente(
    "drietal",
    [
        '{id: a, naam: A, bron: {bestand: plan.pdf, sectie: "§ 1"}}',
        "{id: b, naam: B, vervangt: a, reconstructie: true,"
        ' bron: {bestand: plan.pdf, sectie: "§ 2", citaat: "Beter zo."}, aanname: Zo moet het tussendoor gegaan zijn.}',
        '{id: c, naam: C, vervangt: b, bron: {bestand: plan.pdf, sectie: "§ 3"}}',
    ],
    "a",
    "a",
)
VOLGORDE = overgang_gemeente(
    "volgorde",
    ["{id: x, naam: X, aanname: test}", "{id: y, naam: Y, aanname: test}", "{id: z, naam: Z, aanname: test}"],
    "x",
    "x",
)


@pytest.fixture
def overgang(tmp_path) -> Wereld:
    return wereld(tmp_path, mensen(JAN, INFO), {"wissel": WISSEL, "drietal": DRIETAL, "volgorde": VOLGORDE})


def test_the_changes_of_a_gemeente_come_from_vervangt_else_from_the_order_written(overgang):
    cat = overgang.catalog()
    assert cat.gemeenten["wissel"].overgangen() == [("oud", "nieuw")]  # written new first
    assert cat.gemeenten["drietal"].overgangen() == [("a", "b"), ("b", "c")]
    volgorde = cat.gemeenten["volgorde"]
    assert volgorde.overgangen() == [("x", "y"), ("y", "z")]
    assert attrs.evolve(volgorde, varianten=volgorde.varianten[:2]).overgangen() == [("x", "y")]
    assert attrs.evolve(volgorde, varianten=volgorde.varianten[:1]).overgangen() == []


@pytest.mark.parametrize(
    "vervangt, bericht",
    [("ouwd", "onbekende variant 'ouwd' (bedoelde u 'oud'?)"), ("nieuw", "variant 'nieuw' vervangt zichzelf")],
)
def test_loading_refuses_a_vervangt_naming_an_unknown_variant_or_itself(tmp_path, vervangt, bericht):
    path = tmp_path / "wissel" / "gemeente.yaml"
    path.parent.mkdir()
    path.write_text(WISSEL.replace("vervangt: oud", f"vervangt: {vervangt}"), encoding="utf-8")
    with pytest.raises(LoadErrors) as e:
        load_path(path.parent)
    (fout,) = e.value.errors
    assert bericht in fout.bericht
    assert (fout.bestand, fout.regel, fout.sleutel) == (str(path), line_of(path, f"vervangt: {vervangt}"), "vervangt")
    (tmp_path / "data" / "personas").mkdir(parents=True)
    (tmp_path / "data" / "personas" / "mensen.yaml").write_text(mensen(JAN, INFO), encoding="utf-8")
    result = run_cli("check", str(path.parent), "--data", str(tmp_path / "data"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"gemeente.yaml:{fout.regel}: [vervangt] {bericht}" in result.stderr


def first_line(text: str) -> str:
    return text.splitlines()[0]


def test_diff_without_from_and_to_takes_the_one_declared_change(overgang, cli):
    out = cli("diff", "--gemeente", "wissel", *overgang.args)
    assert out.exit_code == 0, out.output
    # old to new, though new is written first: one case, better (no cold referral to the team any more)
    assert first_line(out.stdout) == "Verschil in wissel: oud → nieuw (1 gevallen, 1 veranderd)"
    assert "1 gevallen beter, 0 slechter" in out.stdout
    # with one end given, the change that fits it
    assert first_line(cli("diff", "--gemeente", "drietal", "--from", "b", *overgang.args).stdout).startswith(
        "Verschil in drietal: b → c "
    )
    assert first_line(cli("diff", "--gemeente", "drietal", "--to", "b", *overgang.args).stdout).startswith(
        "Verschil in drietal: a → b "
    )


@pytest.mark.parametrize(
    "gid, keuzes", [("drietal", "--from a --to b, --from b --to c"), ("volgorde", "--from x --to y, --from y --to z")]
)
def test_diff_without_from_and_to_asks_which_change_when_there_are_several(overgang, gid, keuzes):
    result = run_cli("diff", "--gemeente", gid, *overgang.args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"kies welke verandering: {keuzes}" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


# --- 8. situations the sources do not describe -------------------------------------------------------------

# Drietal's b is a reconstruction: the sources wish for it, but do not describe it as a situation (it cites the
# plan, and still is one). Wissel's nieuw rests partly on an assumption; volgorde's situations on assumptions only.
# Neither of those says it is a reconstruction.
RECONSTRUCTIE = "Let op: 'b' staat niet als zodanig in de bronnen; het is een reconstructie."
AANNAME_B = "Let op: 'b' rust (deels) op een aanname: Zo moet het tussendoor gegaan zijn."


def test_diff_says_when_a_situation_is_a_reconstruction(overgang, cli):
    lines = cli("diff", "--gemeente", "drietal", "--from", "a", "--to", "b", *overgang.args).stdout.splitlines()
    assert lines[1:3] == [RECONSTRUCTIE, AANNAME_B]
    data = json.loads(
        cli("diff", "--gemeente", "drietal", "--from", "a", "--to", "b", "--format", "json", *overgang.args).stdout
    )
    van, naar = data["situaties"]["van"], data["situaties"]["naar"]
    assert (van["variant"], van["reconstructie"], van["herkomst"]["niveau"]) == ("a", False, "bron")
    assert van["herkomst"]["bron"] == {"bestand": "plan.pdf", "sectie": "§ 1", "citaat": ""}
    assert (naar["variant"], naar["reconstructie"], naar["herkomst"]["niveau"]) == ("b", True, "deels")
    assert naar["herkomst"]["aanname"] == "Zo moet het tussendoor gegaan zijn."
    # as the old situation too; c rests on the plan and says nothing
    lines = cli("diff", "--gemeente", "drietal", "--from", "b", "--to", "c", *overgang.args).stdout.splitlines()
    assert lines[1:3] == [RECONSTRUCTIE, AANNAME_B]
    assert not any(x.startswith("Let op") for x in lines[3:])


def test_diff_says_when_a_situation_rests_on_an_assumption(overgang, cli):
    lines = cli("diff", "--gemeente", "wissel", *overgang.args).stdout.splitlines()
    assert lines[1] == "Let op: 'nieuw' rust (deels) op een aanname: Half uit het plan."
    assert not any("reconstructie" in x for x in lines)
    assert not any(x.startswith("Let op") for x in lines[2:])  # oud rests on the plan
    data = json.loads(cli("diff", "--gemeente", "wissel", "--format", "json", *overgang.args).stdout)
    assert (data["situaties"]["van"]["herkomst"]["niveau"], data["situaties"]["naar"]["herkomst"]["niveau"]) == (
        "bron",
        "deels",
    )
    assert not data["situaties"]["naar"]["reconstructie"]
    # on assumptions only, but not said to be a reconstruction
    lines = cli("diff", "--gemeente", "volgorde", "--from", "x", "--to", "y", *overgang.args).stdout.splitlines()
    assert lines[1:3] == [f"Let op: '{v}' rust (deels) op een aanname: test" for v in ("x", "y")]
    assert not any("reconstructie" in x for x in lines)
    # two situations on sources alone: nothing to warn about
    text = cli("diff", "--gemeente", "drietal", "--from", "a", "--to", "c", *overgang.args).stdout
    assert "Let op" not in text


def test_compare_lists_the_situations_that_are_reconstructions(overgang, cli):
    args = ["compare", "--persona", "jan", "--sleutelmoment", "info"]
    lines = cli(*args, *overgang.args).stdout.splitlines()
    at = lines.index("Let op: deze situaties staan niet als zodanig in de bronnen; het zijn reconstructies:")
    # not wissel/nieuw (partly an assumption), nor volgorde's (assumptions only): neither says it is one
    assert lines[at + 1 :] == ["  drietal/b: Zo moet het tussendoor gegaan zijn."]
    data = json.loads(cli(*args, "--format", "json", *overgang.args).stdout)["situaties"]
    situaties = {(x["gemeente"], x["variant"]): (x["reconstructie"], x["herkomst"]["niveau"]) for x in data}
    assert situaties == {
        ("drietal", "a"): (False, "bron"),
        ("drietal", "b"): (True, "deels"),
        ("drietal", "c"): (False, "bron"),
        ("volgorde", "x"): (False, "aanname"),
        ("volgorde", "y"): (False, "aanname"),
        ("volgorde", "z"): (False, "aanname"),
        ("wissel", "nieuw"): (False, "deels"),
        ("wissel", "oud"): (False, "bron"),
    }
    only_wissel = cli(*args, "--gemeente", "wissel", *overgang.args)
    assert "reconstructie" not in only_wissel.stdout


# --- 9. sensitivity: which conclusions rest on which assumption --------------------------------------------

# Oud: the balie sends information cold to the team and schulden cold to schuldhulp; nieuw: the balie answers
# information itself and hands schulden over warm. The rules for information rest on the plan alone; those for
# schulden on assumptions (balie-schuld-oud an assumption only, balie-schuld-nieuw plan and assumption), and so
# does schuldhulp-rest, which decides in both situations.
GEVOELIG = gemeente(
    """\
    id: gevoelig
    naam: Gevoelig
    aanname: test
    varianten:
      - {id: oud, naam: Oud, bron: {bestand: plan.pdf, sectie: "§ 1"}}
      - {id: nieuw, naam: Nieuw, vervangt: oud, bron: {bestand: plan.pdf, sectie: "§ 2"}}
    standaard_variant: oud
    """,
    """\
      - {id: balie, naam: Balie, soort: loket, kanalen: [telefoon], stappen: [s], aanname: test}
      - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false, aanname: test}
      - {id: schuldhulp, naam: Schuldhulp, soort: organisatie, kanalen: [telefoon], stappen: [s],
         eerste_contact: false, aanname: test}
    """,
    """\
      - {id: balie-info-oud, bij: balie, varianten: [oud], als: {veld: vraag.soort, is: informatie},
         dan: {actie: verwijzen, naar: team, overdracht: koud}, bron: {bestand: plan.pdf, sectie: "§ 3"}}
      - {id: balie-info-nieuw, bij: balie, varianten: [nieuw], als: {veld: vraag.soort, is: informatie},
         dan: {actie: oplossen, niveau: algemeen}, bron: {bestand: plan.pdf, sectie: "§ 4"}}
      - {id: team-info, bij: team, dan: {actie: oplossen, niveau: algemeen}, bron: {bestand: plan.pdf, sectie: "§ 5"}}
      - {id: balie-schuld-oud, bij: balie, varianten: [oud], als: {veld: vraag.soort, is: schulden},
         dan: {actie: verwijzen, naar: schuldhulp, overdracht: koud}, aanname: Zo ging het vroeger.}
      - {id: balie-schuld-nieuw, bij: balie, varianten: [nieuw], als: {veld: vraag.soort, is: schulden},
         dan: {actie: verwijzen, naar: schuldhulp, overdracht: warm}, bron: {bestand: plan.pdf, sectie: "§ 6"},
         aanname: Dat de overdracht warm is.}
      - {id: schuldhulp-rest, bij: schuldhulp, dan: {actie: oplossen, niveau: algemeen}, aanname: Schuldhulp helpt.}
    """,
)


@pytest.fixture
def gevoelig(tmp_path) -> Wereld:
    return wereld(tmp_path, mensen(JAN + OMA, INFO + SCHULD), {"gevoelig": GEVOELIG})


def test_a_diff_says_which_changes_rest_on_assumptions_only(gevoelig, cli):
    cat = gevoelig.catalog()
    d = api.diff_variants(cat, "gevoelig", "oud", "nieuw")
    # all four cases get better: no cold referral any more. Information changes through rules on the plan;
    # schulden only through balie-schuld-oud and balie-schuld-nieuw, both (partly) assumptions.
    assert (d.totalen.beter, d.totalen.slechter, d.totalen.gelijk) == (4, 0, 0)
    o = d.onderbouwing
    assert (o.veranderd, o.alleen_aannames) == (4, 2)
    assert o.dragers == (("balie-schuld-nieuw", 2), ("balie-schuld-oud", 2))
    data = json.loads(cli("diff", "--gemeente", "gevoelig", "--format", "json", *gevoelig.args).stdout)
    verschillen = {(g["persona"], g["sleutelmoment"]): g["herkomst"] for g in data["gevallen"]}
    assert verschillen[("jan", "schuld")] == {
        "voor": "aanname",
        "na": "aanname",  # schuldhulp-rest, an assumption, decides in both
        "regels_die_verschillen": ["balie-schuld-nieuw", "balie-schuld-oud"],
    }
    assert verschillen[("jan", "info")] == {
        "voor": "bron",
        "na": "bron",
        "regels_die_verschillen": ["balie-info-nieuw", "balie-info-oud", "team-info"],
    }
    text = cli("diff", "--gemeente", "gevoelig", *gevoelig.args).stdout
    assert (
        "Van de 4 gevallen die beter of slechter worden, veranderen er 2 alleen door regels die (deels) op een "
        "aanname rusten." in text
    )
    assert "  regel balie-schuld-nieuw: 2 gevallen" in text and "  regel balie-schuld-oud: 2 gevallen" in text


def test_switching_off_an_assumption_that_drives_a_change_flips_what_it_drives(gevoelig):
    cat = gevoelig.catalog()
    s = api.gevoeligheid(cat, cat.gemeente("gevoelig", "oud"), cat.gemeente("gevoelig", "nieuw"))
    assert (s.beter, s.slechter, s.gelijk) == (4, 0, 0)
    # switched off in turn: the three assumption rules that decide in some case, never a rule on the plan alone
    assert s.getoetst == 3
    # Without balie-schuld-nieuw the balie in nieuw has no rule for schulden: the resident gives up there, worse
    # than being helped after a cold referral. Without balie-schuld-oud oud gives up instead (nieuw is still
    # better); without schuldhulp-rest both give up at schuldhulp (nieuw still with fewer contacts).
    (o,) = s.omslagen
    assert o.regel == "balie-schuld-nieuw" and o.herkomst.niveau == "deels"
    assert o.omslagen == 2
    assert (o.beter, o.slechter, o.gelijk) == (2, 2, 0)
    assert o.voorbeelden == ("jan · schuld/schulden", "oma · schuld/schulden")


def test_a_rule_on_the_sources_alone_is_never_switched_off(gevoelig):
    from journeykit.analysis.evidence import on_assumption

    cat = gevoelig.catalog()
    before, after = cat.gemeente("gevoelig", "oud"), cat.gemeente("gevoelig", "nieuw")
    # Switched off, balie-info-nieuw (on the plan) would flip both information cases: nieuw would give up.
    without = attrs.evolve(after, regels=tuple(r for r in after.regels if r.id != "balie-info-nieuw"))
    flipped = api.diff(cat, before, without)
    assert flipped.totalen.slechter == 2
    # but the sensitivity never switches it off
    s = api.gevoeligheid(cat, before, after)
    assert all(on_assumption({r.id: r for r in before.regels + after.regels}[o.regel]) for o in s.omslagen)
    assert "balie-info-nieuw" not in {o.regel for o in s.omslagen}
    assert "team-info" not in {o.regel for o in s.omslagen}


def test_gevoeligheid_on_the_command_line(gevoelig, cli):
    args = ["gevoeligheid", "--gemeente", "gevoelig", "--from", "oud", "--to", "nieuw", *gevoelig.args]
    data = json.loads(cli(*args, "--format", "json").stdout)
    assert data["basis"] == {"beter": 4, "slechter": 0, "gelijk": 0}
    assert data["aannames_getoetst"] == 3
    assert [(o["regel"], o["omslagen"], o["zonder_deze_regel"]) for o in data["omslagen"]] == [
        ("balie-schuld-nieuw", 2, {"beter": 2, "slechter": 2, "gelijk": 0})
    ]
    assert data["omslagen"][0]["herkomst"]["aanname"] == "Dat de overdracht warm is."
    text = cli(*args).stdout
    assert (
        "  regel balie-schuld-nieuw (deels bron, deels aanname): 2 gevallen slaan om; zonder deze regel "
        "2 beter, 2 slechter, 0 gelijk" in text
    )
    assert "      aanname: Dat de overdracht warm is." in text


# --- 8. shares the sources give ------------------------------------------------------------------------------

# Aandeelstad. Oud sends every schulden question to the Wmo (maatwerk); nieuw lets the team resolve it
# informally, except for people of 65 and over (maatwerk). Informatie the balie resolves in both (algemeen).
# Cases with a schulden question: jan (45), oma (80), tess (17): three. Oud: 3 of 3 maatwerk. Nieuw: 1 of 3
# (oma) maatwerk, 2 of 3 informeel.
AANDEEL_GEMEENTE = (
    """\
gemeente:
  id: aandeelstad
  naam: Aandeelstad
  aanname: test
  varianten: [{id: oud, naam: Oud, aanname: test}, {id: nieuw, naam: Nieuw, vervangt: oud, aanname: test}]
  standaard_variant: nieuw
"""
    + KLANTREIS
    + """\
ingangen:
  - {id: balie, naam: Balie, soort: loket, kanalen: [telefoon], stappen: [s], aanname: test}
  - {id: team, naam: Team, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false, aanname: test}
  - {id: wmo, naam: Wmo, soort: team, kanalen: [telefoon], stappen: [s], eerste_contact: false, aanname: test}
regels:
  - {id: info, bij: balie, als: {veld: vraag.soort, is: informatie}, dan: {actie: oplossen, niveau: algemeen},
     aanname: test}
  - {id: oud-naar-wmo, bij: balie, als: {veld: vraag.soort, is: schulden}, varianten: [oud],
     dan: {actie: verwijzen, naar: wmo, overdracht: warm}, aanname: test}
  - {id: nieuw-naar-team, bij: balie, als: {veld: vraag.soort, is: schulden}, varianten: [nieuw],
     dan: {actie: verwijzen, naar: team, overdracht: warm}, aanname: test}
  - {id: wmo-maatwerk, bij: wmo, dan: {actie: oplossen, niveau: maatwerk}, aanname: test}
  - {id: team-ouderen, bij: team, als: {veld: persona.leeftijd, vanaf: 65}, dan: {actie: oplossen, niveau: maatwerk},
     aanname: test}
  - {id: team-rest, bij: team, dan: {actie: oplossen, niveau: informeel}, aanname: test}
aandelen:
"""
)
CITAAT = 'bron: {bestand: plan.pdf, sectie: "§ 8", citaat: "een derde minder maatwerk"}'


def aandeel_wereld(tmp_path: Path, aandelen: str) -> Wereld:
    return wereld(
        tmp_path,
        mensen(JAN + OMA + TESS, INFO + SCHULD),
        {"aandeelstad": AANDEEL_GEMEENTE + textwrap.dedent(aandelen)},
    )


SCHULD_MAATWERK = f"""\
  - {{id: minder, naam: Minder maatwerk, variant: nieuw, gevallen: {{veld: vraag.soort, is: schulden}},
     niveaus: [maatwerk], {CITAAT}, {{grenzen}}}}
"""


@pytest.mark.parametrize(
    "grenzen, waarde, ok",
    [
        ("minimaal: 0.3, maximaal: 0.4", 1 / 3, True),
        ("maximaal: 0.3", 1 / 3, False),
        ("minimaal: 0.34", 1 / 3, False),
        # as a ratio with oud (1/3 against 3/3)
        ("ten_opzichte_van: oud, maximaal: 0.34", 1 / 3, True),
        ("ten_opzichte_van: oud, maximaal: 0.33", 1 / 3, False),
    ],
)
def test_a_share_counts_the_cases_that_can_happen_and_holds_them_to_the_bounds(tmp_path, grenzen, waarde, ok):
    w = aandeel_wereld(tmp_path, SCHULD_MAATWERK.replace("{grenzen}", grenzen))
    [gemeten] = api.check_aandelen(w.catalog())
    # the informatie cases do not count: only the three schulden cases
    assert (gemeten.telling.gevallen, gemeten.telling.tellen_mee) == (3, 1)
    assert gemeten.waarde == pytest.approx(waarde)
    assert gemeten.ok is ok
    assert gemeten.in_orde is ok


def test_a_share_the_data_has_no_cases_for_is_unknown_and_cannot_fail_check(tmp_path):
    # nobody younger than 10: no case counts, so the share is unknown (never 0). A plugin's shares over someone
    # else's personas may have no cases: that is reported, and does not fail check.
    text = SCHULD_MAATWERK.replace("{veld: vraag.soort, is: schulden}", "{veld: persona.leeftijd, tot: 10}")
    w = aandeel_wereld(tmp_path, text.replace("{grenzen}", "maximaal: 1"))
    [gemeten] = api.check_aandelen(w.catalog())
    assert gemeten.telling.gevallen == 0
    assert gemeten.waarde is None
    assert not gemeten.ok and not gemeten.te_toetsen and gemeten.in_orde
    out = run_cli("check", *w.args)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Minder maatwerk: onbekend (0 van 0 gevallen in nieuw)" in out.stdout
    assert "— niet te toetsen: de geladen persona's en sleutelmomenten geven hiervoor geen gevallen" in out.stdout
    assert "1 niet te toetsen" in out.stdout


def test_check_fails_on_a_share_outside_its_bounds_and_says_so(tmp_path):
    w = aandeel_wereld(tmp_path, SCHULD_MAATWERK.replace("{grenzen}", "maximaal: 0.3"))
    out = run_cli("check", *w.args)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Minder maatwerk: 0,33 (1 van 3 gevallen in nieuw); de bron: hoogstens 0,30 — AFWIJKEND" in out.stdout
    assert "0 van de 1 aandelen liggen binnen wat de bronnen zeggen." in out.stdout
    data = json.loads(run_cli("check", "--format", "json", *w.args).stdout)
    assert data["ok"] is False
    [a] = data["aandelen"]
    assert (a["ok"], a["binnen_grenzen"], a["telling"]) == (
        False,
        False,
        {"variant": "nieuw", "gevallen": 3, "tellen_mee": 1},
    )


def test_a_known_deviation_is_reported_and_does_not_fail_check(tmp_path):
    text = SCHULD_MAATWERK.replace("{grenzen}", "maximaal: 0.3, afwijking: Het model is hier te somber.")
    w = aandeel_wereld(tmp_path, text)
    out = run_cli("check", *w.args)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "— AFWIJKEND, bekend: Het model is hier te somber." in out.stdout
    assert "1 wijkt bekend af" in out.stdout
    [a] = json.loads(run_cli("check", "--format", "json", *w.args).stdout)["aandelen"]
    assert (a["ok"], a["binnen_grenzen"], a["afwijking"]) == (True, False, "Het model is hier te somber.")


def test_a_known_deviation_that_no_longer_deviates_fails_check(tmp_path):
    # like pytest's strict xfail: the data must not keep excusing a share that holds
    text = SCHULD_MAATWERK.replace("{grenzen}", "maximaal: 0.4, afwijking: Het model is hier te somber.")
    out = run_cli("check", *aandeel_wereld(tmp_path, text).args)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "valt nu binnen de grenzen: haal 'afwijking' weg" in out.stdout


@pytest.mark.parametrize(
    "aandeel, fout",
    [
        (
            "{id: x, naam: X, variant: nieuw, maximaal: 0.5, aanname: geen bron}",
            "aandeel 'x' noemt geen bron met citaat",
        ),
        ("{id: x, naam: X, variant: nieuw, " + CITAAT + "}", "aandeel 'x' geeft geen 'minimaal' en geen 'maximaal'"),
        ("{id: x, naam: X, variant: nieuw, maximaal: 44, " + CITAAT + "}", "schrijf 0.44, niet 44"),
        ("{id: x, naam: X, variant: morgen, maximaal: 0.5, " + CITAAT + "}", "morgen"),
    ],
)
def test_a_share_that_cannot_be_checked_is_refused_with_file_and_line(tmp_path, aandeel, fout):
    w = aandeel_wereld(tmp_path, "  - " + aandeel + "\n")
    out = run_cli("check", *w.args)
    assert out.returncode == 2, out.stdout + out.stderr
    path = gemeente_file(w, "aandeelstad")
    assert f"{path}:{line_of(path, '- {id: x')}" in out.stderr
    assert fout in out.stderr
    assert "Traceback" not in out.stderr


def test_a_case_counts_in_a_share_for_the_likelihood_that_it_ends_so(cat):
    from journeykit.analysis.shares import count

    g = cat.gemeenten["teststad"]
    personas = [cat.personas[k] for k in sorted(cat.personas)]
    sms = [cat.sleutelmomenten[k] for k in sorted(cat.sleutelmomenten)]
    a = m.Aandeel("zonder", "Zonder maatwerk", g.standaard_variant, niveaus=("informeel", "algemeen"))
    zonder, met = m.Uitkomst("opgelost", "r", "informeel"), m.Uitkomst("opgelost", "r", "maatwerk")
    seen = []

    def walk(variant, p, sm, vraag):
        seen.append((p.id, sm.id, vraag))
        return [(0.7, zonder), (0.3, met)]

    t = count(g, a, a.variant, personas, sms, walk)
    assert t.gevallen == len(seen) > 0
    assert t.tellen_mee == pytest.approx(0.7 * len(seen))
    assert t.aandeel == pytest.approx(0.7)

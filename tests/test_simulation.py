"""`journeykit simulate`: the queues agree with queueing theory, the books balance, the same seed gives the same year,
and what cannot be simulated is refused with file and line."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit import model as m
from journeykit.analysis import simulation as sim
from journeykit.analysis.capacity import compare, simulate, summarise
from journeykit.render.simulation import simulatie_json, simulatie_text, vergelijking_json
from journeykit.render.text import json_text

from conftest import FIXTURES, TESTSTAD_DATA, run_cli

ALTIJD_OPEN = {"open_van": 0.0, "open_tot": 1440.0, "dagen_per_week": 7}


def loket(c: int, minuten: float, verdeling: str = "exponentieel", **kw) -> sim.Loket:
    settings_ = {**ALTIJD_OPEN, **kw}
    return sim.Loket(
        "x", "Loket X", c, minuten, verdeling, 1.0, settings_["open_van"], settings_["open_tot"],
        settings_["dagen_per_week"], frozenset(), m.GEEN_HERKOMST,
    )  # fmt: skip


def one_queue(lk: sim.Loket, per_dag: float, geduld: float | None = None) -> sim.Plan:
    pad = sim.Pad(1.0, (sim.Bezoek("x", (("algemeen", 10.0),)),), "opgelost", "Loket X")
    groep = sim.Groep("p", "s", "v", per_dag * 365, "normaal", geduld, (pad,))
    instroom = m.Instroom(stromen=(m.Stroom(persona="p", sleutelmoment="s", per_jaar=per_dag * 365),))
    return sim.Plan("g", None, (groep,), {"x": lk}, (1.0,) * 12, instroom)


def erlang_c_wait(c: int, arrivals_per_minute: float, minutes: float) -> float:
    """The mean wait in an M/M/c queue (Erlang C), in minutes."""
    a = arrivals_per_minute * minutes
    below = sum(a**k / math.factorial(k) for k in range(c))
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (below + top) / (c / minutes - arrivals_per_minute)


@pytest.mark.parametrize("c, load", [(1, 0.5), (2, 0.7), (4, 0.8)])
def test_one_ingang_waits_as_erlang_c_says(c, load):
    minutes = 60.0
    per_minute = load * c / minutes
    s = simulate(one_queue(loket(c, minutes), per_minute * 1440), dagen=120, seed=7, herhalingen=10)
    (i,) = s.ingangen
    expected = erlang_c_wait(c, per_minute, minutes)
    low, high = i.wacht_gemiddeld.interval
    assert low <= expected <= high, (expected, i.wacht_gemiddeld)
    low, high = i.bezetting.interval
    assert low <= load <= high, (load, i.bezetting)


@settings(max_examples=40, deadline=None)
@given(
    c=st.integers(1, 4),
    load=st.floats(0.1, 1.3),
    minuten=st.floats(5, 120),
    verdeling=st.sampled_from(m.VERDELINGEN),
    geduld=st.one_of(st.none(), st.floats(10, 5000)),
    uren=st.sampled_from([4.0, 8.0, 24.0]),
    dagen_per_week=st.integers(1, 7),
    seed=st.integers(0, 2**32 - 1),
)
def test_littles_law_holds_on_every_run(c, load, minuten, verdeling, geduld, uren, dagen_per_week, seed):
    van = max(0.0, min(540.0, 1440 - uren * 60))
    lk = loket(c, minuten, verdeling, open_van=van, open_tot=van + uren * 60, dagen_per_week=dagen_per_week)
    r = sim.run(one_queue(lk, load * c / minuten * 1440, geduld), 14, seed)
    q = r.rijen["x"]
    end = 14 * sim.DAG
    # L = λW: the time-average number waiting equals the arrival rate times the mean wait (waits still going on at
    # the end counted up to the end)
    if q.aankomsten:
        assert q.integraal / end == pytest.approx(q.aankomsten / end * (r.wachtlijst_integralen["x"] / q.aankomsten))
    assert sum(q.per_dag) == pytest.approx(q.integraal)
    assert q.geholpen + q.opgegeven + q.wachtend <= q.aankomsten
    assert all(w >= 0 for w in q.wachttijden)


def test_a_persona_who_never_gives_up_waits_however_long_the_queue():
    overloaded = one_queue(loket(1, 60), per_dag=40, geduld=None)  # 40 hours of work a day for one person
    r = sim.run(overloaded, 10, seed=1)
    assert r.rijen["x"].opgegeven == 0
    assert r.rijen["x"].wachtend > 100
    impatient = sim.run(one_queue(loket(1, 60), per_dag=40, geduld=60), 10, seed=1)
    assert impatient.rijen["x"].opgegeven > 100


def test_patience_comes_from_doorzettingsvermogen_and_urgency():
    stubborn = m.Persona(id="p", naam="P", leeftijd=40, huishouden="alleenstaand", doorzettingsvermogen=20)
    assert sim.geduld(stubborn, "acuut") is None
    hasty = m.Persona(id="p", naam="P", leeftijd=40, huishouden="alleenstaand", doorzettingsvermogen=0)
    patient = m.Persona(id="p", naam="P", leeftijd=40, huishouden="alleenstaand", doorzettingsvermogen=3)
    assert sim.geduld(hasty, "acuut") < sim.geduld(hasty, "normaal") < sim.geduld(hasty, "laag")
    assert sim.geduld(patient, "normaal") == 4 * sim.geduld(hasty, "normaal")


def test_closed_hours_make_residents_wait_until_opening():
    lk = loket(1, 1, "vast", open_van=540.0, open_tot=1020.0, dagen_per_week=5)
    assert lk.wacht_tot_open(0.0) == 540.0  # Monday night: until 9:00
    assert lk.wacht_tot_open(600.0) == 0.0
    assert lk.wacht_tot_open(4 * 1440 + 1020.0) == 3 * 1440 - 1020.0 + 540.0  # Friday 17:00: until Monday 9:00
    assert lk.open_minuten(7) == 5 * 480
    r = sim.run(one_queue(lk, per_dag=24), 7, seed=3)
    assert min(r.rijen["x"].wachttijden) >= 0
    assert r.rijen["x"].bezet <= lk.open_minuten(7) + 60  # served in open hours (a contact may run over)


@pytest.mark.parametrize("verdeling", m.VERDELINGEN)
def test_contact_lengths_have_the_mean_the_data_gives(verdeling):
    lk = sim.Loket("x", "X", 1, 30.0, verdeling, 0.5, 0, 1440, 7, frozenset(), m.GEEN_HERKOMST)
    draws = [lk.duur((k + 0.5) / 20000) for k in range(20000)]
    assert sum(draws) / len(draws) == pytest.approx(30.0, rel=0.02)
    if verdeling == "vast":
        assert set(draws) == {30.0}


def test_the_same_seed_gives_byte_identical_json_and_another_seed_another_year():
    p = one_queue(loket(2, 30), per_dag=60)
    first = json_text(simulatie_json(simulate(p, 30, seed=5, herhalingen=3)))
    assert first == json_text(simulatie_json(simulate(p, 30, seed=5, herhalingen=3)))
    assert first != json_text(simulatie_json(simulate(p, 30, seed=6, herhalingen=3)))


def test_two_situations_are_simulated_on_the_same_residents():
    p = one_queue(loket(2, 30), per_dag=60)
    same = compare(p, p, 30, seed=2, herhalingen=3)
    (_, _, wait, util) = same.ingangen[0]
    assert wait.verschil.waarde == 0 and wait.verschil.interval == (0.0, 0.0)
    more_staff = one_queue(loket(3, 30), per_dag=60)
    better = compare(p, more_staff, 30, seed=2, herhalingen=3)
    (_, _, wait, util) = better.ingangen[0]
    assert wait.verschil.waarde < 0 and wait.verschil.interval[1] < 0
    assert util.na.waarde < util.voor.waarde
    # the same residents: as many arrive on both sides
    assert better.voor.aankomsten == better.na.aankomsten
    assert vergelijking_json(better)["verschillen"]["ingangen"][0]["wacht_minuten"]["verschil"]["waarde"] < 0


def test_costs_are_counted_per_level_and_unknown_costs_stay_unknown():
    p = one_queue(loket(50, 1), per_dag=10)  # so much staff that nobody waits or gives up
    r = sim.run(p, 30, seed=0)
    served = r.rijen["x"].geholpen
    s = summarise(p, [r], 30, 0)
    assert dict(s.kosten)["algemeen"].waarde == pytest.approx(served * 10.0 * 365 / 30)
    assert dict(s.kosten)["maatwerk"].waarde is None  # the data gives no cost at that level: unknown, not 0
    assert "maatwerk: onbekend" in simulatie_text(s)
    assert s.onbekende_kosten.waarde == 0
    unknown = sim.Pad(1.0, (sim.Bezoek("x", (), kosten_onbekend=True),), "opgelost", "X")
    p2 = sim.Plan("g", None, (sim.Groep("p", "s", "v", 3650, "normaal", None, (unknown,)),), p.loketten, p.seizoen,
                  p.instroom)  # fmt: skip
    s2 = summarise(p2, [sim.run(p2, 30, seed=0)], 30, 0)
    assert s2.onbekende_kosten.waarde > 0
    assert "minstens" in simulatie_text(s2)


def test_a_wait_nobody_observed_is_unknown_not_zero():
    p = one_queue(loket(1, 10), per_dag=0.0001)
    s = simulate(p, 1, seed=0)
    assert s.ingangen[0].wacht_gemiddeld.waarde is None
    assert simulatie_json(s)["ingangen"][0]["wacht_minuten"]["gemiddeld"] is None
    assert "onbekend" in simulatie_text(s)


def test_the_season_moves_arrivals_between_months():
    p = one_queue(loket(20, 1), per_dag=100)
    winter = [3.0] + [0.0] * 11
    seasonal = sim.Plan(p.gemeente, None, p.groepen, p.loketten, tuple(w * 365 / 93 for w in winter), p.instroom)
    r = sim.run(seasonal, 60, seed=1)
    q = r.rijen["x"]
    assert q.aankomsten > 0
    # everybody arrived in January
    assert all(x == 0 for x in q.per_dag[31:])


# --- the data: what cannot be simulated is refused with file and line ----------------------------------------


def _teststad_with(tmp_path: Path, instroom: dict | None, capaciteit: dict | None) -> tuple[Path, Path]:
    """A copy of Teststad with this instroom and this capacity at every ingang, and a plugin that loads it."""
    stad = tmp_path / "stad"
    stad.mkdir()
    for name in ("gemeente.yaml", "regels.yaml"):
        (stad / name).write_text((FIXTURES / "teststad" / name).read_text(encoding="utf-8"), encoding="utf-8")
    ingangen = yaml.safe_load((FIXTURES / "teststad" / "ingangen.yaml").read_text(encoding="utf-8"))
    for i in ingangen["ingangen"]:
        if capaciteit is not None:
            i["capaciteit"] = capaciteit
    (stad / "ingangen.yaml").write_text(yaml.safe_dump(ingangen, allow_unicode=True, sort_keys=False), "utf-8")
    if instroom is not None:
        g = (stad / "gemeente.yaml").read_text(encoding="utf-8")
        extra = yaml.safe_dump({"instroom": instroom}, allow_unicode=True, sort_keys=False)
        (stad / "gemeente.yaml").write_text(g.rstrip() + "\n" + "".join("  " + x + "\n" for x in extra.splitlines()))
    plugin = tmp_path / "stad_plugin.py"
    plugin.write_text(
        (FIXTURES / "teststad_plugin.py").read_text(encoding="utf-8").replace('HERE / "teststad"', f'Path(r"{stad}")'),
        encoding="utf-8",
    )
    return stad, plugin


STROOM = {"persona": "jonge-moeder", "sleutelmoment": "schulden", "per_jaar": 500, "aanname": "test"}
CAPACITEIT = {"medewerkers": 2, "minuten_per_contact": 20, "aanname": "test"}


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _simulate(plugin: Path, *args: str):
    return run_cli("simulate", "--plugin", str(plugin), "--data", str(TESTSTAD_DATA), "--gemeente", "teststad", *args)


def test_a_simulation_of_teststad_runs_and_says_what_it_rests_on(tmp_path, cat):
    p = sorted(cat.personas)[0]
    sm = next(s for s in sorted(cat.sleutelmomenten) if not _impossible(cat, p, s))
    _, plugin = _teststad_with(
        tmp_path, {"stromen": [{**STROOM, "persona": p, "sleutelmoment": sm}], "aanname": "test"}, CAPACITEIT
    )
    done = _simulate(plugin, "--dagen", "30", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["dagen"] == 30
    for i in data["ingangen"]:
        assert set(i["wacht_minuten"]) == {"gemiddeld", "mediaan", "p90"}
        assert 0 <= i["bezetting"] <= 1.5
    assert any("Geduld" in a for a in data["aannames"])
    again = _simulate(plugin, "--dagen", "30", "--format", "json")
    assert again.stdout == done.stdout


def _impossible(cat, p: str, sm: str) -> bool:
    from journeykit.possible import why_impossible

    s = cat.sleutelmomenten[sm]
    return bool(why_impossible(cat.gemeente("teststad"), cat.personas[p], s, s.vragen[0]))


@pytest.mark.parametrize(
    "instroom, capaciteit, key, expected",
    [
        ({"stromen": [{**STROOM, "persona": "niemand"}]}, CAPACITEIT, "niemand", "onbekende persona 'niemand'"),
        ({"stromen": [{**STROOM, "per_jaar": -5}]}, CAPACITEIT, "per_jaar: -5", "-5 ligt buiten het bereik"),
        ({"stromen": [STROOM]}, {**CAPACITEIT, "medewerkers": 0}, "medewerkers: 0", "0 ligt buiten het bereik"),
        ({"stromen": [STROOM]}, None, "id: {ingang}", "heeft geen capaciteit"),
        ({"stromen": [{**STROOM, "per_jaar": None, "aandeel": 0.5}]}, CAPACITEIT, "instroom:", "ook 'per_jaar'"),
    ],
)
def test_what_cannot_be_simulated_exits_2_with_file_and_line(tmp_path, cat, instroom, capaciteit, key, expected):
    p = sorted(cat.personas)[0]
    sm = next(s for s in sorted(cat.sleutelmomenten) if not _impossible(cat, p, s))
    stromen = [{**s, "persona": s["persona"] if s["persona"] == "niemand" else p, "sleutelmoment": sm}
               for s in instroom["stromen"]]  # fmt: skip
    stromen = [{k: v for k, v in s.items() if v is not None} for s in stromen]
    stad, plugin = _teststad_with(tmp_path, {**instroom, "aanname": "test", "stromen": stromen}, capaciteit)
    before = {f.name: f.read_bytes() for f in stad.iterdir()}
    done = _simulate(plugin, "--dagen", "5")
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert expected in done.stderr
    file = stad / ("ingangen.yaml" if key.startswith(("medewerkers", "id:")) else "gemeente.yaml")
    if "{ingang}" in key:  # the first ingang on the route that has no capacity, whichever the rules choose
        key = key.format(ingang=done.stderr.split("ingang '")[1].split("'")[0])
    assert f"{file.name}:{_line(file, key)}" in done.stderr, done.stderr
    assert {f.name: f.read_bytes() for f in stad.iterdir()} == before  # the input is left as it was


def test_urgent_questions_go_first_where_the_ingang_gives_them_priority():
    def plan(voorrang: frozenset[str]) -> sim.Plan:
        lk = sim.Loket("x", "X", 1, 30.0, "exponentieel", 1.0, 0.0, 1440.0, 7, voorrang, m.GEEN_HERKOMST)
        pad = (sim.Pad(1.0, (sim.Bezoek("x"),), "opgelost", "X"),)
        groepen = (
            sim.Groep("p", "s", "v", 20 * 365, "normaal", None, pad),
            sim.Groep("p", "s", "w", 20 * 365, "acuut", None, pad),
        )
        return sim.Plan("g", None, groepen, {"x": lk}, (1.0,) * 12, one_queue(lk, 1).instroom)

    def waits(p: sim.Plan) -> tuple[float, float]:
        r = sim.run(p, 60, seed=4)
        normal, acute = (r.reizen[(g, 0)] for g in (0, 1))
        return normal.wachten / normal.klaar, acute.wachten / acute.klaar

    normal, acute = waits(plan(frozenset({"acuut"})))
    assert acute < normal / 3  # at 83 % load the urgent go first and hardly wait
    normal, acute = waits(plan(frozenset()))
    assert 0.7 < acute / normal < 1.4  # without priority, both wait alike


def test_persona_groups_add_up_their_routes():
    lk = loket(1, 20)
    pad_a = sim.Pad(0.5, (sim.Bezoek("x"),), "opgelost", "X")
    pad_b = sim.Pad(0.5, (sim.Bezoek("x"), sim.Bezoek("x")), "opgelost", "X → X")
    groepen = (
        sim.Groep("p", "s", "v", 3000, "normaal", None, (pad_a, pad_b), "Ouderen"),
        sim.Groep("q", "s", "v", 2000, "normaal", 600.0, (pad_a,), "Jongeren"),
    )
    p = sim.Plan("g", None, groepen, {"x": lk}, (1.0,) * 12, one_queue(lk, 1).instroom)
    r = sim.run(p, 60, seed=9)
    s = summarise(p, [r], 60, 9)
    by_name = {g.groep: g for g in s.groepen}
    assert sorted(by_name) == ["Jongeren", "Ouderen"]
    old = [r.reizen[(0, 0)], r.reizen[(0, 1)]]
    assert by_name["Ouderen"].per_jaar.waarde == pytest.approx(sum(x.gestart for x in old) * 365 / 60)
    assert by_name["Ouderen"].wacht_minuten.waarde == pytest.approx(
        sum(x.wachten for x in old) / sum(x.klaar for x in old)
    )
    assert by_name["Ouderen"].contacten.waarde == pytest.approx(
        sum(x.contacten for x in old) / sum(x.klaar for x in old)
    )
    assert 1 < by_name["Ouderen"].contacten.waarde < 2  # half the routes have two contacts
    young = r.reizen[(1, 0)]
    assert by_name["Jongeren"].opgegeven.waarde == pytest.approx(young.opgegeven / young.gestart)
    assert [g["groep"] for g in simulatie_json(s)["persona_groepen"]] == ["Jongeren", "Ouderen"]

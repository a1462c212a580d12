"""The walker on Teststad: every outcome, warm and cold effects, retelling, determinism."""

from __future__ import annotations

import pytest

from journeykit.engine import Walker, plausible_first_contacts, usable_channel


def test_resolved_informeel_after_finding_the_question_behind_the_question(cat):
    j = cat.walk("teststad", "jan", "weduwe", variant="nieuw")
    assert j.uitkomst.soort == "opgelost"
    assert j.uitkomst.niveau == "informeel"
    assert [s.actie for s in j.stappen] == ["verwijzen-warm", "verhelderen", "oplossen"]
    # the question changed from the hbh request to the loneliness behind it
    assert [s.vraag for s in j.stappen] == ["huishouden", "huishouden", "contact"]
    assert j.metrieken.contacten_inwoner == 1


def test_resolved_algemeen_at_first_contact(cat):
    j = cat.walk("teststad", "jan", "info")
    assert (j.uitkomst.soort, j.uitkomst.niveau, j.uitkomst.waar) == ("opgelost", "algemeen", "loket")
    assert j.metrieken.stappen == 1


def test_resolved_maatwerk_with_wait_and_cost(cat):
    j = cat.walk("teststad", "jan", "huishoudhulp")
    assert (j.uitkomst.soort, j.uitkomst.niveau) == ("opgelost", "maatwerk")
    assert j.route == ("loket", "wmo")
    # 3 days from the `wachten` rule at the loket, 14 days waiting time at Wmo
    assert j.metrieken.dagen == 3 + 14
    # loket 30 + Wmo ingang 500 + the maatwerk rule 5000
    assert j.metrieken.kosten == 5530


def test_joint_work_is_recorded(cat):
    j = cat.walk("teststad", "oma-ans", "huishoudhulp")
    last = j.stappen[-1]
    assert last.actie == "samenwerken"
    assert last.met == ("wmo",)
    assert j.uitkomst.niveau == "maatwerk"


def test_gives_up_when_persistence_is_spent(cat):
    j = cat.walk("teststad", "opgever", "geldzorgen")
    assert j.uitkomst.soort == "afgehaakt"
    assert "doorzettingsvermogen" in j.uitkomst.reden
    assert j.route == ("loket",)


def test_gives_up_on_a_digital_only_ingang_without_digital_skills(cat):
    j = cat.walk("teststad", "oma-ans", "info", ingang="website")
    assert j.uitkomst.soort == "afgehaakt"
    assert "kanaal" in j.uitkomst.reden
    assert j.metrieken.contacten_inwoner == 0


def test_gives_up_when_referred_to_a_dutch_only_ingang_without_dutch(cat):
    # Amira starts at the huisarts (which speaks Arabic); a cold referral to the
    # Dutch-only schuldhulp is a dead end for her.
    j = cat.walk("teststad", "amira", "geldzorgen")
    assert j.route == ("huisarts",)
    assert j.uitkomst.soort == "afgehaakt"
    assert "kanaal" in j.uitkomst.reden
    assert j.uitkomst.waar == "schuldhulp"


def test_declined_with_nowhere_to_go(cat):
    j = cat.walk("teststad", "jan", "werkloos")
    assert j.uitkomst.soort == "afgehaakt"
    assert j.stappen[-1].actie == "afwijzen"
    assert j.metrieken.afwijzingen == 1


def test_no_rule_matches(cat):
    j = cat.walk("teststad", "jan", "gezondheid")
    assert j.uitkomst.soort == "afgehaakt"
    assert j.stappen[-1].actie == "geen-regel"


def test_loop_is_found_and_its_cycle_named(cat):
    j = cat.walk("teststad", "piet", "vervoer")
    assert j.uitkomst.soort == "kastje-naar-de-muur"
    assert j.uitkomst.lus == ("loket", "seniorenpunt", "loket")
    # the loop is a real revisit: the ingang where it closes was visited before
    assert j.uitkomst.lus[0] == j.uitkomst.lus[-1] == j.stappen[0].ingang


@pytest.mark.parametrize("age, loops", [(64, False), (65, True), (66, True), (67, False)])
def test_loop_only_for_some_ages(cat, age, loops):
    import attrs

    persona = attrs.evolve(cat.persona("piet"), leeftijd=age)
    j = cat.walker("teststad").walk(persona, cat.sleutelmoment("vervoer"))
    assert (j.uitkomst.soort == "kastje-naar-de-muur") is loops


def test_step_limit(cat):
    g = cat.gemeente("teststad")
    j = Walker(g, max_stappen=3).walk(cat.persona("jan"), cat.sleutelmoment("vergeetachtig"))
    assert j.uitkomst.soort == "staplimiet"
    assert j.metrieken.stappen == 3
    # with the normal limit the chain ends
    assert cat.walk("teststad", "jan", "vergeetachtig").uitkomst.soort == "opgelost"


def test_warm_handoff_needs_no_new_contact_and_no_retelling(cat):
    j = cat.walk("teststad", "gezin-de-boer", "huishoudhulp")
    assert j.route == ("loket", "jeugdteam")
    second = j.stappen[1]
    assert second.aangekomen == "warm"
    assert not second.contact_inwoner
    assert not second.opnieuw_verteld
    assert j.metrieken.warme_overdrachten == 1
    assert j.metrieken.contacten_inwoner == 1


def test_cold_referral_costs_a_contact_and_a_retelling(cat):
    j = cat.walk("teststad", "jan", "geldzorgen")
    second = j.stappen[1]
    assert second.aangekomen == "koud"
    assert second.contact_inwoner and second.opnieuw_verteld
    assert (j.metrieken.contacten_inwoner, j.metrieken.koude_verwijzingen, j.metrieken.herhalingen) == (2, 1, 1)


def test_shared_dossier_spares_the_retelling_on_a_cold_referral(cat):
    # the loket declines loneliness and names the wijkteam; they share a dossier
    j = cat.walk("teststad", "jan", "alleen")
    assert j.route == ("loket", "wijkteam")
    assert j.stappen[1].contact_inwoner
    assert not j.stappen[1].opnieuw_verteld


def test_variants_differ_where_the_rules_do(cat):
    huidig = cat.walk("teststad", "jan", "huishoudhulp", variant="huidig")
    nieuw = cat.walk("teststad", "jan", "huishoudhulp", variant="nieuw")
    assert huidig.route == ("loket", "wmo")
    assert nieuw.route == ("loket", "wijkteam")
    assert "oud-loket" in {i.id for i in cat.gemeente("teststad", "huidig").ingangen}
    assert "oud-loket" not in {i.id for i in cat.gemeente("teststad", "nieuw").ingangen}


def test_python_routing_hook_decides(cat):
    young = cat.walk("teststad", "jan", "mantelzorg")
    old = cat.walk("teststad", "oma-ans", "mantelzorg", ingang="loket")
    assert young.route == ("loket", "vrijwilligers")
    assert old.route[:2] == ("loket", "wijkteam")


def test_python_rule_without_plugin_falls_through_to_the_next_rule(cat):
    g = cat.gemeente("teststad")
    j = Walker(g, beslisser=None).walk(cat.persona("jan"), cat.sleutelmoment("mantelzorg"))
    # not 'no rule applies': the next rule that fits decides
    assert j.stappen[0].regel == "loket-rest"


def test_first_contact_follows_vindplaatsen_and_channels(cat):
    g = cat.gemeente("teststad")
    assert plausible_first_contacts(g, cat.persona("oma-ans"))[0].id == "huisarts"
    assert plausible_first_contacts(g, cat.persona("digi"))[0].id == "website"
    # not plausible: not a first contact, outside the age group, or no usable channel
    ids = {i.id for i in plausible_first_contacts(g, cat.persona("jan"))}
    assert "vrijwilligers" not in ids and "seniorenpunt" not in ids
    assert "website" not in {i.id for i in plausible_first_contacts(g, cat.persona("oma-ans"))}


def test_no_common_language_at_the_first_ingang(cat):
    j = cat.walk("teststad", "amira", "info", ingang="loket")
    assert (j.uitkomst.soort, j.uitkomst.waar) == ("afgehaakt", "loket")
    assert j.stappen[0].actie == "onbereikbaar"


def test_usable_channel_prefers_the_personas_channel(cat):
    g = cat.gemeente("teststad")
    assert usable_channel(cat.persona("jan"), g.ingang("loket")) == "telefoon"
    assert usable_channel(cat.persona("amira"), g.ingang("loket")) is None
    assert usable_channel(cat.persona("amira"), g.ingang("huisarts")) == "persoonlijk"


def test_the_same_walk_gives_the_same_journey(cat):
    a = cat.walk("teststad", "piet", "vervoer")
    b = cat.walk("teststad", "piet", "vervoer")
    assert a == b


def test_every_step_records_its_rule_and_provenance(cat):
    j = cat.walk("teststad", "jan", "geldzorgen")
    assert [s.regel for s in j.stappen] == ["loket-geld", "schuldhulp-rest"]
    assert all(s.herkomst.aanname == "fictief" for s in j.stappen)

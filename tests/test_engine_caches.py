"""The walker's caches and the sweep's vraag classes change speed, never journeys."""

from __future__ import annotations

import random
from pathlib import Path

from journeykit import api
from journeykit.analysis import sweep
from journeykit.engine import Walker, plausible_first_contacts

from conftest import open_shipped

ROOT = Path(__file__).resolve().parent.parent


def test_walk_order_and_cache_size_do_not_change_journeys(cat, monkeypatch):
    from journeykit import engine

    personas, sms = list(cat.personas.values()), list(cat.sleutelmomenten.values())
    for g in api.sweep_targets(cat):
        cases = [x.case for x in sweep.plan(g, personas, sms, grouped=False).groups()]
        expected = [Walker(g).walk(c.persona, c.sleutelmoment, c.vraag, c.eerste_ingang) for c in cases]
        monkeypatch.setattr(engine, "_SITUATIONS_KEPT", 3)
        monkeypatch.setattr(engine, "_STEPS_KEPT", 5)
        w = Walker(g)
        order = list(range(len(cases)))
        random.Random(1).shuffle(order)
        got = {}
        for k in order:
            c = cases[k]
            got[k] = w.walk(c.persona, c.sleutelmoment, c.vraag, c.eerste_ingang)
        assert [got[k] for k in range(len(cases))] == expected
        monkeypatch.undo()


def test_vraag_classes_only_group_vragen_that_walk_alike(monkeypatch):
    # Regression: the casus fields (levensgebieden, soorten) were missing from the grouping
    # signature, so vragen of sleutelmomenten with other casus were grouped and walked as one.
    cat = open_shipped()
    personas, sms = list(cat.personas.values()), list(cat.sleutelmomenten.values())
    g = cat.gemeente("breda", "nieuwe-klantreis")
    w = cat.walker(g.id, g.variant)
    for members in sweep.vraag_classes(g, sms):
        for p in personas[:5]:
            for start in [i.id for i in plausible_first_contacts(g, p)][:3]:
                routes = {tuple((s.ingang, s.regel) for s in w.walk(p, sm, v, start).stappen) for sm, v in members}
                assert len(routes) == 1, (p.id, start, members)

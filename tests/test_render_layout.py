"""Every render kind for the shipped data, opened in Chromium at 1500 px as a facilitator would: no two text
boxes overlap, no text is cut off by its box, and no page is wider than the window."""

from __future__ import annotations

import json

import pytest

import browser_harness as bh
from conftest import SHIPPED_ENV, open_shipped, run_cli

WINDOW = {"width": 1500, "height": 1000}


def _render(out, *args):
    r = run_cli("render", *args, "--out", str(out), env=SHIPPED_ENV)
    assert r.returncode == 0, (args, r.stderr)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    bh.require()
    cat = open_shipped()
    out = tmp_path_factory.mktemp("opmaak")
    _render(out, "reizen")  # a map and a worksheet for every shipped journey case
    for gid in sorted(cat.gemeenten):
        g = cat.gemeenten[gid]
        for v in g.varianten:
            _render(out, "network", "--gemeente", gid, "--variant", v.id)
            _render(out, "matrix", "--gemeente", gid, "--variant", v.id)
        # a before/after map of the first journey case of every gemeente that changes
        reis = next((r for r in cat.reizen.values() if r.gemeente == gid and r.vraag is None), None)
        if reis is not None and g.overgangen():
            van, naar = g.overgangen()[0]
            args = ["--persona", reis.persona, "--sleutelmoment", reis.sleutelmoment]
            if reis.eerste_ingang:
                args += ["--ingang", reis.eerste_ingang]
            _render(out, "diffmap", "--gemeente", gid, "--from", van, "--to", naar, *args)
    _render(out, "compare", "--persona", "weduwe-hbh", "--sleutelmoment", "partner-valt-weg")
    _render(out, "loops", "--gemeente", "breda")
    return sorted(out.glob("*.html"))


def test_every_kind_was_rendered(rendered):
    names = [p.name for p in rendered]
    for prefix in ("kaart-", "werkblad-", "netwerk-", "matrix-", "voor-na-", "vergelijking-", "lussen"):
        assert any(n.startswith(prefix) for n in names), prefix
    assert sum(n.startswith("voor-na-") for n in names) >= 3


def test_no_overlap_no_cut_off_text_and_no_page_wider_than_the_window(rendered):
    result = bh.inspect([{"url": p.as_uri(), "layout": True, "viewport": WINDOW} for p in rendered])
    wrong = {}
    for path, page in zip(rendered, result["pages"]):
        bh.assert_clean(page)
        lay = page["layout"]
        assert lay["boxes"] > 10, f"{path.name}: hardly any text was measured"
        problems = []
        if lay["width"] > WINDOW["width"]:
            problems.append(f"{lay['width']} px breed")
        problems += [f"overlap: {o['a']!r} / {o['b']!r} ({o['w']}×{o['h']} px)" for o in lay["overlaps"]]
        problems += [f"afgeknipt ({c['why']}): {c['text']!r}" for c in lay["cut"]]
        if problems:
            wrong[path.name] = problems[:5]
    assert not wrong, json.dumps(wrong, indent=1, ensure_ascii=False)


def test_the_layout_check_finds_overlap_cut_off_text_and_a_wide_page(tmp_path):
    """The check itself: a page made to go wrong in each way is caught each way."""
    bh.require()
    page = tmp_path / "fout.html"
    page.write_text(
        """<!DOCTYPE html><html lang="nl"><body style="margin:0">
        <div style="position:relative;height:40px"><span style="position:absolute;left:0">Eerste tekst</span>
        <span style="position:absolute;left:10px">Tweede tekst</span></div>
        <div style="width:60px;overflow:hidden;white-space:nowrap">Een veel te lange regel tekst</div>
        <svg width="80" height="30"><text x="40" y="20">buiten het beeld van de svg</text></svg>
        <div style="width:1800px">breed</div>
        <span style="position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)">
        voor schermlezers</span>
        </body></html>""",
        encoding="utf-8",
    )
    ok = tmp_path / "goed.html"
    ok.write_text('<!DOCTYPE html><html lang="nl"><body><p>Eén regel.</p><p>Nog een regel.</p></body></html>')
    bad, good = bh.inspect([{"url": p.as_uri(), "layout": True, "viewport": WINDOW} for p in (page, ok)])["pages"]
    lay = bad["layout"]
    assert lay["width"] > WINDOW["width"]
    assert {frozenset((o["a"], o["b"])) for o in lay["overlaps"]} == {frozenset(("Eerste tekst", "Tweede tekst"))}
    cut = {c["text"] for c in lay["cut"]}
    assert cut == {"Een veel te lange regel tekst", "buiten het beeld van de svg"}
    assert (good["layout"]["overlaps"], good["layout"]["cut"]) == ([], [])
    assert good["layout"]["width"] <= WINDOW["width"]


def test_the_matrix_filter_shows_only_the_chosen_group_or_persona(tmp_path):
    bh.require()
    cat = open_shipped()
    _render(tmp_path, "matrix", "--gemeente", "nijmegen")
    (page,) = tmp_path.glob("matrix-*.html")
    # the rows as render matrix orders them (by id) and the groups by name
    personas = sorted(cat.personas.values(), key=lambda p: p.id)
    groups = sorted({p.groep or "Overige persona's" for p in personas})
    group_of = {n: groups.index(p.groep or "Overige persona's") + 1 for n, p in enumerate(personas, 1)}
    measure = {f"p{n}": {"selector": f".kader tr.p{n}", "property": "display"} for n in group_of}
    measure |= {f"g{k}": {"selector": f".kader tbody.g{k}", "property": "display"} for k in range(1, len(groups) + 1)}

    def shown(steps):
        (result,) = bh.inspect([{"url": page.as_uri(), "viewport": WINDOW, "steps": steps, "measure": measure}])[
            "pages"
        ]
        bh.assert_clean(result)
        got = result["measured"]
        return {n for n in group_of if got[f"p{n}"] != ["none"] and got[f"g{group_of[n]}"] != ["none"]}

    assert shown([]) == set(group_of)
    assert shown([{"select": "#kies-persona", "value": "p4"}]) == {4}
    last = len(groups)
    assert shown([{"select": "#kies-groep", "value": f"g{last}"}]) == {n for n, k in group_of.items() if k == last}

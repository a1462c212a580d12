"""Every HTML output in headless Chromium, Mermaid through the real mermaid library, DOT through Graphviz."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from test_render import HOSTILE, all_outputs, hostile_catalog

from journeykit import api
from journeykit.render import outputs
from journeykit.render.files import OutputFolder

import browser_harness as bh


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Teststad outputs with hostile names, and real shipped outputs (Nijmegen, the wheelchair case)."""
    from conftest import TESTSTAD_DATA, TESTSTAD_PLUGIN, open_shipped

    bh.require()
    root = tmp_path_factory.mktemp("render")
    hostile = api.open_catalog(TESTSTAD_DATA, [str(TESTSTAD_PLUGIN)], entry_points=False)
    files = {"vijandig": all_outputs(hostile_catalog(hostile))}
    shipped = open_shipped()
    j, sch = api.walk(shipped, "nijmegen", "rolstoel-woningaanpassing", "hulpmiddel-nodig", "oud")
    g = shipped.gemeente("nijmegen", "oud")
    p, sm = shipped.persona(j.persona), shipped.sleutelmoment(j.sleutelmoment)
    files["nijmegen"] = (
        outputs.journey_map(j, g, p, sm, sch)
        + outputs.mermaid(j, g, p, sm)
        + outputs.canvas(j, g, p, sm, sch)
        + outputs.network(g)
    )
    paths = {}
    for kind, items in files.items():
        out = OutputFolder(root / kind)
        paths[kind] = [out.write(name, content) for name, content in items]
    return {"paths": paths, "walk": (j, g, p)}


KINDS = ("kaart-", "werkblad-", "matrix-", "netwerk-", "vergelijking-", "lussen", "voor-na-")


def test_every_html_output_opens_cleanly_in_chromium(rendered):
    pages = []
    for kind, paths in rendered["paths"].items():
        for path in paths:
            if path.suffix == ".html":
                prefix = next(k for k in KINDS if path.name.startswith(k))
                shot = bh.ARTIFACTS / "schermafdrukken" / f"{kind}-{prefix.strip('-')}-{path.stem[:60]}.png"
                pages.append({"url": path.as_uri(), "screenshot": str(shot), "full_page": True})
    result = bh.inspect(pages)
    assert len(result["pages"]) == len(pages)
    for page in result["pages"]:
        bh.assert_clean(page)  # no console errors, no request leaves the machine
        assert all(r.startswith(("file:", "data:", "about:")) for r in page["requests"]), page["requests"]
        assert Path(page["screenshot"]).stat().st_size > 1000
    # one screenshot per output kind at least
    names = {p.name for p in (bh.ARTIFACTS / "schermafdrukken").iterdir()}
    for prefix in KINDS:
        assert any(f"-{prefix.strip('-')}-" in n for n in names), prefix


def test_map_shows_the_persona_and_every_steps_ingang_as_text(rendered):
    j, g, p = rendered["walk"]
    (map_path,) = [x for x in rendered["paths"]["nijmegen"] if x.name.startswith("kaart-") and x.suffix == ".html"]
    (canvas_path,) = [x for x in rendered["paths"]["nijmegen"] if x.name.startswith("werkblad-")]
    result = bh.inspect([{"url": map_path.as_uri()}, {"url": canvas_path.as_uri()}])
    for page in result["pages"]:
        bh.assert_clean(page)
        assert p.naam in page["text"]
        for s in j.stappen:
            assert g.ingang(s.ingang).naam in page["text"], s.ingang


def test_hostile_names_are_visible_as_literal_text(rendered):
    pages = [{"url": x.as_uri()} for x in rendered["paths"]["vijandig"] if x.suffix == ".html"]
    result = bh.inspect(pages)
    for page in result["pages"]:
        bh.assert_clean(page)  # an injected script would have run and logged, or raised
        assert "<script>alert(1)</script>" in page["text"], page["url"]


def test_mermaid_outputs_render_with_the_real_library(rendered):
    diagrams = [
        {"id": x.name, "source": x.read_text(encoding="utf-8")}
        for kind in rendered["paths"]
        for x in rendered["paths"][kind]
        if x.suffix == ".mmd"
    ]
    assert len(diagrams) >= 8
    result = bh.inspect([], diagrams)
    for d in result["mermaid"]:
        assert d["ok"], (d["id"], d["error"])
        assert "<svg" in d["svg"]
        assert "<script" not in d["svg"].lower().replace("&lt;script", "")
    hostile = [d for d in result["mermaid"] if "alert" in next(x["source"] for x in diagrams if x["id"] == d["id"])]
    assert hostile and all("alert(1)" in html.unescape(d["svg"]) for d in hostile)
    assert not result["mermaid_page"]["external_requests"]


def test_dot_outputs_are_laid_out_by_graphviz(rendered):
    dots = [x for kind in rendered["paths"] for x in rendered["paths"][kind] if x.suffix == ".dot"]
    assert len(dots) == 2
    for x in dots:
        assert "<svg" in bh.dot_layout(x.read_text(encoding="utf-8"))


def test_hostile_text_never_breaks_mermaid_syntax():
    from journeykit.render.templating import mermaid_text

    sources = [
        f'flowchart LR\n  a["{mermaid_text(HOSTILE)}"] -->|"{mermaid_text(HOSTILE)}"| b',
        f"journey\n  title {mermaid_text(HOSTILE)}\n  section {mermaid_text(HOSTILE)}\n"
        f"    {mermaid_text(HOSTILE)}: 3: {mermaid_text(HOSTILE)}",
    ]
    result = bh.inspect([], [{"id": str(n), "source": s} for n, s in enumerate(sources)])
    assert all(d["ok"] for d in result["mermaid"]), [d["error"] for d in result["mermaid"]]


def test_network_is_shown_at_its_own_size_and_an_ingang_lights_up_its_edges(rendered):
    """Graphviz's drawing is not scaled down (so its 11 pt text stays 14.7 px), and pointing at an ingang,
    or tabbing to it, dims every other edge and thickens its own."""
    import re

    (path,) = [x for x in rendered["paths"]["nijmegen"] if x.name.startswith("netwerk-") and x.suffix == ".html"]
    page = path.read_text(encoding="utf-8")
    width_pt = float(re.search(r'<svg class="netwerk"[^>]*? width="([\d.]+)pt"', page).group(1))
    node, own = "svg.netwerk .knoop-tca", "svg.netwerk :is(.rand-van-tca, .rand-naar-tca)"
    measure = {
        "svg": {"selector": "svg.netwerk", "property": "width"},
        "own": {"selector": own, "property": "opacity"},
        "own_line": {"selector": f"{own} path", "property": "stroke-width"},
        "others": {"selector": "svg.netwerk .rand:not(.rand-van-tca):not(.rand-naar-tca)", "property": "opacity"},
    }
    result = bh.inspect(
        [
            {"url": path.as_uri(), "measure": measure},
            {"url": path.as_uri(), "measure": measure, "steps": [{"hover": node}]},
            {"url": path.as_uri(), "measure": measure, "steps": [{"focus": node}]},
        ]
    )
    still, pointed, focused = result["pages"]
    for p in result["pages"]:
        bh.assert_clean(p)
    assert abs(float(still["measured"]["svg"][0].removesuffix("px")) - width_pt * 4 / 3) < 1
    assert still["measured"]["own"] and set(still["measured"]["others"]) == {"1"}
    for p in (pointed, focused):
        assert set(p["measured"]["own"]) == {"1"}, p["measured"]
        assert set(p["measured"]["others"]) == {"0.15"}, p["measured"]
        assert {float(w.removesuffix("px")) for w in p["measured"]["own_line"]} == {4.0}

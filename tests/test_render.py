"""Rendering: every format, safe file names, atomic and deterministic writes, and hostile text kept literal."""

from __future__ import annotations

import html
import os
import re
import subprocess
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit import api
from journeykit.errors import JourneykitError
from journeykit.render import outputs
from journeykit.render.files import OutputFolder, slug
from journeykit.render.templating import dot_str, md, mermaid_text

from conftest import TESTSTAD_ARGS, run_cli

HOSTILE = '<script>alert(1)</script> "q" \'s\' [b] {c} (d) |e| #f; a:b\nend --> x; subgraph graph node -> "'


def hostile_catalog(cat):
    """Teststad with every displayed text replaced by something that tries to break each format."""
    g = cat.gemeenten["teststad"]
    g = attrs.evolve(
        g,
        naam=HOSTILE + "gemeente",
        ingangen=tuple(attrs.evolve(i, naam=f"{HOSTILE}{i.id}", organisatie=HOSTILE + "org") for i in g.ingangen),
        regels=tuple(attrs.evolve(r, toelichting=HOSTILE + "uitleg") for r in g.regels),
        principes=tuple(attrs.evolve(p, naam=HOSTILE + p.id) for p in g.principes),
        varianten=tuple(attrs.evolve(v, naam=HOSTILE + v.id) for v in g.varianten),
        klantreis=attrs.evolve(
            g.klantreis,
            naam=HOSTILE + "reis",
            stappen=tuple(attrs.evolve(s, naam=HOSTILE + s.id) for s in g.klantreis.stappen),
        ),
    )
    cat.replace_gemeente(g)
    cat.personas = {k: attrs.evolve(p, naam=HOSTILE + k, omschrijving=HOSTILE) for k, p in cat.personas.items()}
    cat.sleutelmomenten = {
        k: attrs.evolve(
            s, naam=HOSTILE + k, vragen=tuple(attrs.evolve(v, omschrijving=HOSTILE + v.id) for v in s.vragen)
        )
        for k, s in cat.sleutelmomenten.items()
    }
    return cat


def all_outputs(cat) -> list[tuple[str, str]]:
    files = []
    g = cat.gemeente("teststad")
    for pid, smid in (("piet", "vervoer"), ("jan", "weduwe"), ("jan", "huishoudhulp")):
        j, sch = api.walk(cat, "teststad", pid, smid)
        p, sm = cat.persona(pid), cat.sleutelmoment(smid)
        files += outputs.journey_map(j, g, p, sm, sch)
        files += outputs.mermaid(j, g, p, sm)
        d = api.diff(cat, cat.gemeente("teststad", "huidig"), cat.gemeente("teststad", "nieuw"))
        verschil = next(v for v in d.verschillen if v.geval.persona == pid and v.geval.sleutelmoment == smid)
        files += outputs.canvas(j, g, p, sm, sch, verschil)
    personas = sorted(cat.personas.values(), key=lambda p: p.id)[:3]
    sms = sorted(cat.sleutelmomenten.values(), key=lambda s: s.id)[:3]
    w = cat.walker("teststad")
    files += outputs.matrix(g, personas, sms, {(p.id, s.id): w.walk(p, s) for p in personas for s in sms})
    files += outputs.network(g)
    files += outputs.compare_report(api.compare(cat, "piet", "vervoer", per_ingang=True), cat)
    files += outputs.loops_report(api.loops(cat, "teststad", "huidig", generated=False), cat)
    before, after = cat.gemeente("teststad", "huidig"), cat.gemeente("teststad", "nieuw")
    for pid, smid in (("piet", "vervoer"), ("jan", "weduwe")):
        v, sv, sn = api.diff_case(cat, before, after, pid, smid)
        files += outputs.diffmap(v, before, after, cat.persona(pid), cat.sleutelmoment(smid), sv, sn)
    return files


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def _scripts(files) -> set[str]:
    found = set()
    for name, content in files:
        if name.endswith(".html"):
            p = _Collect()
            p.feed(content)
            found |= set(p.scripts)
    return found


def test_every_output_kind_is_produced(cat):
    names = [n for n, _ in all_outputs(cat)]
    for suffix in (".html", ".md", ".journey.mmd", ".flowchart.mmd", ".dot"):
        assert any(n.endswith(suffix) for n in names), suffix
    for prefix in ("kaart-", "werkblad-", "matrix-", "netwerk-", "vergelijking-", "lussen"):
        assert any(n.startswith(prefix) for n in names), prefix


def test_html_keeps_hostile_text_literal_and_loads_nothing(cat):
    # The only scripts are the templates' own (the matrix filter), the same whatever the data says.
    own = _scripts(all_outputs(cat))
    assert len(own) <= 1
    for name, content in all_outputs(hostile_catalog(cat)):
        if not name.endswith(".html"):
            continue
        p = _Collect()
        p.feed(content)
        assert set(p.scripts) <= own, name
        # the hostile text is shown, literally, as text
        assert "<script>alert(1)</script>" in html.unescape("".join(p.text)), name
        # nothing is fetched from elsewhere: no external src/href, no @import or url() to the web
        assert not re.search(r"(src|href)=\"(https?:)?//", content), name
        assert "@import" not in content and "url(http" not in content, name


def test_markdown_keeps_hostile_text_inert(cat):
    for name, content in all_outputs(hostile_catalog(cat)):
        if name.endswith(".md"):
            assert "<script>" not in content, name
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, name


def test_mermaid_keeps_hostile_text_inside_labels(cat):
    for name, content in all_outputs(hostile_catalog(cat)):
        if not name.endswith(".mmd"):
            continue
        for line in content.splitlines()[1:]:
            # only our own syntax may appear outside entity codes
            stripped = re.sub(r"#\d+;", "", line)
            assert "<" not in stripped and '"' not in stripped.replace('["', "").replace('"]', "").replace(
                '|"', ""
            ).replace('"|', "").replace('(["', "").replace('"])', ""), (name, line)
        assert "alert" in content


def test_dot_from_hostile_names_is_laid_out_by_graphviz(cat):
    for name, content in all_outputs(hostile_catalog(cat)):
        if name.endswith(".dot"):
            svg = subprocess.run(["dot", "-Tsvg"], input=content, capture_output=True, text=True, check=True).stdout
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_rendering_is_deterministic(cat, tmp_path):
    first = all_outputs(cat)
    second = all_outputs(cat)
    assert first == second
    args = [
        "render",
        "map",
        "--gemeente",
        "teststad",
        "--persona",
        "piet",
        "--sleutelmoment",
        "vervoer",
        *TESTSTAD_ARGS,
    ]
    for out in ("a", "b"):
        result = run_cli(*args, "--out", str(tmp_path / out))
        assert result.returncode == 0, result.stderr
    written = sorted(f.name for f in (tmp_path / "a").iterdir())
    assert written and written == sorted(f.name for f in (tmp_path / "b").iterdir())
    for name in written:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.mark.parametrize(
    "parts", [("..", "etc", "passwd"), ("a/b",), ("Ünïcode", "ID"), ("", ""), ("x" * 300,), ("con",), (".hidden",)]
)
def test_slugs_are_safe_file_names(parts):
    s = slug(*parts)
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", s)
    assert len(s) <= 120


def test_slugs_do_not_collide_after_sanitising():
    assert slug("a/b") != slug("a-b") and slug("A") != slug("a") and slug("a b") != slug("a_b")
    assert slug("a-b", "c") != slug("a", "b-c")


def test_output_never_leaves_the_folder(tmp_path):
    out = OutputFolder(tmp_path / "uit")
    with pytest.raises(JourneykitError):
        out.write("../ontsnapt.html", "x")
    with pytest.raises(JourneykitError):
        out.write("/tmp/absoluut.html", "x")
    assert not (tmp_path / "ontsnapt.html").exists()


def test_writes_are_atomic_and_leave_no_partial_file(tmp_path, monkeypatch):
    out = OutputFolder(tmp_path)
    out.write("a.html", "oud")

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        OutputFolder(tmp_path).write("a.html", "nieuw")
    assert (tmp_path / "a.html").read_text() == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]


def test_output_folder_that_cannot_be_written_is_a_clear_error():
    # /proc refuses new files even for root, so this works whoever runs the tests
    result = run_cli("render", "network", "--gemeente", "teststad", "--out", "/proc/journeykit-uit", *TESTSTAD_ARGS)
    assert result.returncode == 2, result.stderr
    assert "uitvoermap" in result.stderr and "Traceback" not in result.stderr


def test_render_cli_writes_every_kind(tmp_path):
    jobs = [
        ["map", "--gemeente", "teststad", "--persona", "piet", "--sleutelmoment", "vervoer"],
        ["mermaid", "--gemeente", "teststad", "--persona", "piet", "--sleutelmoment", "vervoer"],
        [
            "canvas",
            "--gemeente",
            "teststad",
            "--persona",
            "jan",
            "--sleutelmoment",
            "huishoudhulp",
            "--variant",
            "nieuw",
            "--from",
            "huidig",
        ],
        ["matrix", "--gemeente", "teststad"],
        ["network", "--gemeente", "teststad"],
        ["compare", "--persona", "piet", "--sleutelmoment", "vervoer"],
        ["loops", "--gemeente", "teststad"],
        ["reizen"],
    ]
    for job in jobs:
        result = run_cli("render", *job, "--out", str(tmp_path), *TESTSTAD_ARGS)
        assert result.returncode == 0, (job, result.stderr)
    names = {p.name for p in tmp_path.iterdir()}
    assert {"netwerk-teststad_huidig.dot", "lussen-teststad.html", "kaart-piet-vervoer.html"} <= names
    assert not [n for n in names if n.startswith(".tmp-")]
    canvas = (tmp_path / "werkblad-teststad_nieuw_jan_huishoudhulp_hbh.html").read_text()
    for header in (
        "Eerste contact",
        "Zicht op de vraag",
        "Vraagverheldering / plan van aanpak",
        "Uitgangspunten / waarden",
        "Stappen aan de hand van de casus",
        "Kansen in deze situatie",
        "Knelpunten in deze situatie",
    ):
        assert header in canvas
    assert "koude verwijzingen: 1 → 0" in canvas  # a kans from the diff against 'huidig'
    assert "Kansen in de nieuwe situatie" not in canvas  # the rendered situation may be the old one


def test_a_worksheet_puts_what_changed_where_the_routes_part_and_names_places(cat):
    from journeykit.render import views

    before, after = cat.gemeente("teststad", "huidig"), cat.gemeente("teststad", "nieuw")
    d = api.diff(cat, before, after)
    v = next(v for v in d.verschillen if v.voor.route != v.na.route and any(w.beter for w in v.wijzigingen))
    view = views.canvas(v.na, after, cat.persona(v.geval.persona), cat.sleutelmoment(v.geval.sleutelmoment), [], v)
    k = next(k for k, (a, b) in enumerate(zip(v.voor.stappen, v.na.stappen)) if a.ingang != b.ingang)
    parted = views.canvas_column(after, views.phase_columns(v.na, after)[k])
    kansen = [(n, t) for n, c in enumerate(view["cellen"]) for t in c["kansen"]]
    assert kansen and {n for n, _ in kansen} == {parted}
    assert view["cellen"][parted]["stappen"], "a kans sits in a column where a step happens"
    assert view["vergeleken_met"] == next(x.naam for x in after.varianten if x.id == "huidig")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_escapers_never_let_syntax_through(text):
    m = mermaid_text(text)
    assert re.fullmatch(r"([A-Za-z0-9 À-ɏ.\-]|#\d+;)+", m)
    d = dot_str(text)
    assert d.startswith('"') and d.endswith('"') and "\n" not in d
    inner = d[1:-1]
    assert not re.search(r'(?<!\\)(\\\\)*"', inner)
    out = md(text)
    assert "\n" not in out and "<" not in out and ">" not in out
    assert not re.search(r"(?<!\\)\|", out)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=40))
def test_renderers_keep_any_persona_name_literal(cat, name):
    persona = attrs.evolve(cat.persona("jan"), naam=name)
    g = cat.gemeente("teststad")
    sm = cat.sleutelmoment("geldzorgen")
    j = cat.walker("teststad").walk(persona, sm)
    (html_name, page), (_, markdown) = outputs.journey_map(j, g, persona, sm, [])
    p = _Collect()
    p.feed(page)
    assert "script" not in p.tags
    assert " ".join(name.split()) in " ".join(html.unescape("".join(p.text)).split()) or not name.strip()
    assert "\n" not in md(name)
    dot = outputs.network(attrs.evolve(g, naam=name))[1][1]
    result = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

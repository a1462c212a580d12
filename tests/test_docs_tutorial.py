"""The hand-written docs work as written.

- docs/plugin-schrijven.md: every file the tutorial has the reader create (a fenced block after
  `<!-- bestand: PATH -->`) is written into a temporary working folder, in document order, and the
  plugin is loaded with --plugin exactly as the tutorial does. Before the fix the loop stated in
  `<!-- verwachte-lus: ... -->` is found (and nothing else); after the fix it is gone. Every
  `journeykit` command of the tutorial is also run at its place in the document.
- docs/aan-de-slag.md, facilitators.md, ontwerpers.md: every `journeykit` command in a ```sh block
  runs from the repository root (with --out redirected to a temporary folder) and never fails on
  usage or input (exit code 2) or internally (3).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import SHIPPED_ENV

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TUTORIAL = DOCS / "plugin-schrijven.md"
GUIDES = ("aan-de-slag.md", "facilitators.md", "onderbouwing.md", "ontwerpers.md", "capaciteit.md", "../README.md")
# A quoted piece of real output: `<!-- uitvoer-van: COMMAND -->` before a ```text block.
UITVOER = re.compile(r"<!-- uitvoer-van: (.+?) -->\n```text\n(.*?)\n```", re.S)

BESTAND = re.compile(r"^\s*<!-- bestand: (\S+) -->\s*$")
LUS = re.compile(r"^\s*<!-- verwachte-lus: (.+?) -->\s*$")
FENCE = re.compile(r"^(\s*)(`{3,})(\S*)\s*$")


# --- reading the Markdown ------------------------------------------------------------------


def events(text: str) -> list[tuple]:
    """The tutorial as a sequence of ("bestand", path, content), ("sh", [command]) and ("lus", [ids])."""
    lines = text.splitlines()
    out: list[tuple] = []
    pending_file: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if m := BESTAND.match(line):
            pending_file = m.group(1)
            i += 1
            continue
        if m := LUS.match(line):
            out.append(("lus", [x.strip() for x in m.group(1).split("→")]))
            i += 1
            continue
        if m := FENCE.match(line):
            indent, ticks, lang = m.groups()
            body = []
            i += 1
            while i < len(lines) and not re.match(rf"^\s*{ticks}\s*$", lines[i]):
                body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i].lstrip())
                i += 1
            i += 1  # the closing fence
            if pending_file is not None:
                out.append(("bestand", pending_file, "\n".join(body) + "\n"))
                pending_file = None
            elif lang == "sh":
                out.append(("sh", commands("\n".join(body))))
            continue
        if line.strip():
            # A bestand marker belongs to the code block right after it, nothing in between.
            assert pending_file is None, f"'<!-- bestand: {pending_file} -->' is not followed by a code block"
        i += 1
    assert pending_file is None, f"'<!-- bestand: {pending_file} -->' is not followed by a code block"
    return out


def commands(script: str) -> list[list[str]]:
    """The `journeykit` commands in a shell block, as argument lists (comments and continuations handled)."""
    joined = re.sub(r"\\\n\s*", " ", script)
    found = []
    for line in joined.splitlines():
        if line.strip().startswith("journeykit "):
            found.append(shlex.split(line, comments=True))
    return found


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `journeykit ARGS` as the reader would, through this Python."""
    assert args[0] == "journeykit"
    return subprocess.run(
        [sys.executable, "-m", "journeykit", *args[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


# --- the plugin tutorial --------------------------------------------------------------------

ALONE = {"JOURNEYKIT_ENTRY_POINTS": "0", "JOURNEYKIT_PLUGINS": ""}
# The reader's setup after `make run`: the installed plugins (Breda, Nijmegen, Rotterdam) are loaded.
READER = {**SHIPPED_ENV, "JOURNEYKIT_PLUGINS": ""}


@pytest.fixture(scope="module")
def tutorial():
    evs = events(TUTORIAL.read_text(encoding="utf-8"))
    files = [e for e in evs if e[0] == "bestand"]
    loops = [e for e in evs if e[0] == "lus"]
    assert files, "the tutorial creates no files"
    assert len(loops) == 1, "the tutorial states exactly one <!-- verwachte-lus: ... --> line"
    for _, path, _ in files:
        assert not Path(path).is_absolute() and ".." not in Path(path).parts, path
    return evs


def write_until(evs: list[tuple], folder: Path, stop: int | None = None) -> None:
    """Write every file of the tutorial up to event number ``stop`` (all when None), later versions last."""
    for ev in evs[:stop]:
        if ev[0] == "bestand":
            target = folder / ev[1]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(ev[2], encoding="utf-8")


def plugin_dir(evs: list[tuple]) -> str:
    inits = {Path(e[1]).parent.as_posix() for e in evs if e[0] == "bestand" and Path(e[1]).name == "__init__.py"}
    assert len(inits) == 1, f"expected one plugin package in the tutorial, found {sorted(inits)}"
    return inits.pop()


def yaml_with(evs: list[tuple], key: str) -> dict:
    docs = [yaml.safe_load(e[2]) for e in evs if e[0] == "bestand" and e[1].endswith((".yaml", ".yml"))]
    found = [d for d in docs if isinstance(d, dict) and key in d]
    assert found, f"no tutorial file has '{key}'"
    return found[0]


def loops_json(folder: Path, gemeente: str, plugin: str) -> tuple[int, dict]:
    r = run(
        ["journeykit", "loops", "--gemeente", gemeente, "--format", "json", "--plugin", plugin, "--fail-on-loop"],
        folder,
        ALONE,
    )
    assert r.returncode in (0, 1), r.stderr
    return r.returncode, json.loads(r.stdout)


def test_the_tutorial_plugin_loads_walks_and_has_exactly_the_stated_loop(tutorial, tmp_path):
    marker = next(n for n, e in enumerate(tutorial) if e[0] == "lus")
    expected = tutorial[marker][1]
    write_until(tutorial, tmp_path, marker)
    plugin = plugin_dir(tutorial)
    gemeente = yaml_with(tutorial, "gemeente")["gemeente"]["id"]
    people = yaml_with(tutorial, "personas")
    persona = people["personas"][0]["id"]
    sleutelmoment = yaml_with(tutorial, "sleutelmomenten")["sleutelmomenten"][0]["id"]

    r = run(["journeykit", "list", "gemeenten", "--format", "json", "--plugin", plugin], tmp_path, ALONE)
    assert r.returncode == 0, r.stderr
    listed = json.loads(r.stdout)
    assert [g["id"] for g in listed["gemeenten"]] == [gemeente]
    assert listed["plugin_fouten"] == []

    r = run(
        [
            "journeykit",
            "walk",
            "--gemeente",
            gemeente,
            "--persona",
            persona,
            "--sleutelmoment",
            sleutelmoment,
            "--format",
            "json",
            "--plugin",
            plugin,
        ],
        tmp_path,
        ALONE,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["uitkomst"]["soort"] == "opgelost"

    code, report = loops_json(tmp_path, gemeente, plugin)
    assert code == 1
    assert [x["cyclus"] for x in report["lussen"]] == [expected]
    ingangen = {i["id"] for i in yaml_with(tutorial, "ingangen")["ingangen"]}
    assert set(expected) <= ingangen, "verwachte-lus must name ingang ids"


def test_the_tutorial_fix_removes_the_loop(tutorial, tmp_path):
    marker = next(n for n, e in enumerate(tutorial) if e[0] == "lus")
    before = {e[1] for e in tutorial[:marker] if e[0] == "bestand"}
    # The fix is a later version of a file the reader already made.
    assert any(e[0] == "bestand" and e[1] in before for e in tutorial[marker:]), "no fix step after the loop"
    write_until(tutorial, tmp_path)
    gemeente = yaml_with(tutorial, "gemeente")["gemeente"]["id"]
    code, report = loops_json(tmp_path, gemeente, plugin_dir(tutorial))
    assert code == 0
    assert report["lussen"] == []


def test_every_tutorial_command_runs_at_its_place(tutorial, tmp_path):
    """Replay the tutorial: files appear as the reader makes them, and each command runs then."""
    ran = 0
    for n, ev in enumerate(tutorial):
        if ev[0] != "sh":
            continue
        write_until(tutorial, tmp_path, n)
        for args in ev[1]:
            r = run(args, tmp_path, ALONE)
            assert r.returncode in (0, 1), f"{shlex.join(args)}\n{r.stderr}"
            assert "waarschuwing" not in r.stderr and "fout" not in r.stderr, f"{shlex.join(args)}\n{r.stderr}"
            ran += 1
    assert ran >= 5


# --- the guides -------------------------------------------------------------------------------


def sandbox(tmp: Path) -> Path:
    """A stand-in for the repository root: every top-level entry is a symlink to the real one.

    journeykit reads personas/ and journeys/ from the folder it runs in, and the gemeenten come from
    the installed plugins, so commands behave exactly as in the repository root, while files a guide
    has the reader create (and --out folders) land in the temporary folder, never in the repository.
    """
    root = tmp / "journeykit"
    root.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in (".git",):
            (root / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return root


def materialize(root: Path, rel: str) -> Path:
    """Make the folders of ``rel`` real directories inside the sandbox (with symlinked contents)."""
    here = root
    for part in Path(rel).parts[:-1]:
        here = here / part
        if here.is_symlink():
            original = here.resolve()
            here.unlink()
            here.mkdir()
            for child in original.iterdir():
                (here / child.name).symlink_to(child, target_is_directory=child.is_dir())
        here.mkdir(exist_ok=True)
    target = here / Path(rel).name
    if target.is_symlink():
        target.unlink()  # never write through a link into the repository
    return target


def redirect_out(args: list[str], tmp: Path) -> list[str]:
    """Every --out goes to a temporary folder outside the sandbox's symlinks."""
    out = list(args)
    for n, a in enumerate(out):
        if a == "--out" and n + 1 < len(out):
            out[n + 1] = str(tmp / "uitvoer" / out[n + 1].lstrip("/"))
        elif a.startswith("--out="):
            out[n] = "--out=" + str(tmp / "uitvoer" / a.split("=", 1)[1].lstrip("/"))
    return out


@pytest.mark.parametrize("guide", GUIDES)
def test_every_guide_command_works_from_the_repository_root(guide, tmp_path):
    """Replay the guide in a stand-in for the repository root: files as the reader makes them, then commands."""
    evs = events((DOCS / guide).read_text(encoding="utf-8"))
    assert not any(e[0] == "lus" for e in evs), "verwachte-lus belongs in the tutorial"
    root = sandbox(tmp_path)
    # Commands between two file steps run in parallel; the file steps keep the document order.
    batches: list[list[list[str]]] = [[]]
    for ev in evs:
        if ev[0] == "bestand":
            batches.append(("bestand", ev[1], ev[2]))  # type: ignore[arg-type]
            batches.append([])
        else:
            for args in ev[1]:
                if args not in batches[-1]:
                    batches[-1].append(args)
    ran, bad = 0, []
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        for batch in batches:
            if isinstance(batch, tuple):
                materialize(root, batch[1]).write_text(batch[2], encoding="utf-8")
                continue
            results = pool.map(lambda a: (a, run(redirect_out(a, tmp_path), root, READER)), batch)
            for args, r in results:
                ran += 1
                if r.returncode not in (0, 1):
                    bad.append(f"{shlex.join(args)} -> exit {r.returncode}\n{r.stderr[-800:]}")
    assert ran >= 3, f"{guide}: hardly any journeykit commands found"
    assert not bad, f"{guide}:\n" + "\n\n".join(bad)


@pytest.mark.parametrize("guide", GUIDES)
def test_output_quoted_in_a_guide_is_what_the_command_prints(guide):
    """A guide that explains a piece of real output stays true when the data changes."""
    quoted = UITVOER.findall((DOCS / guide).read_text(encoding="utf-8"))
    for command, text in quoted:
        r = run(shlex.split(command), ROOT, READER)
        assert r.returncode in (0, 1), r.stderr
        missing = [line for line in text.splitlines() if line not in r.stdout.splitlines()]
        assert not missing, f"{guide}: `{command}` no longer prints:\n" + "\n".join(missing)
    if guide == "onderbouwing.md":
        assert quoted, "the page for facilitators explains an example from the shipped data"


@pytest.mark.parametrize("page", ("index.md", *GUIDES, "plugin-schrijven.md"))
def test_code_blocks_are_not_nested(page):
    """The site has no superfences: a fenced block inside a list or admonition renders as inline text."""
    for n, line in enumerate((DOCS / page).read_text(encoding="utf-8").splitlines(), 1):
        m = FENCE.match(line)
        assert not (m and m.group(1)), f"{page}:{n}: indented code block; put it at the top level"


def test_the_designers_scenario_fails_strict_before_and_passes_after_its_fix(tmp_path):
    """ontwerpers.md: the first version of its scenario adds principle violations, the fixed one does not."""
    evs = events((DOCS / "ontwerpers.md").read_text(encoding="utf-8"))
    versions = [e for e in evs if e[0] == "bestand" and "scenarios/" in e[1]]
    assert len(versions) >= 2 and len({e[1] for e in versions}) == 1
    root = sandbox(tmp_path)
    codes = []
    for _, path, content in (versions[0], versions[-1]):
        materialize(root, path).write_text(content, encoding="utf-8")
        r = run(["journeykit", "diff", "--scenario", path, "--strict", "--format", "json"], root, READER)
        assert r.returncode in (0, 1), r.stderr
        codes.append((r.returncode, len(json.loads(r.stdout)["nieuwe_schendingen"])))
    assert codes[0][0] == 1 and codes[0][1] > 0
    assert codes[1] == (0, 0)

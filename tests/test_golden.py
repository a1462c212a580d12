"""The JSON of check, loops, diff and compare on the shipped data, pinned.

A refactoring must not change a single answer. When a change is meant to alter results (new
data, a corrected rule, a new figure), rewrite the pinned answers and say in the commit what
changed and why:

    .venv/bin/python tests/test_golden.py --opnieuw
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SHIPPED_ENV, open_shipped

GOLDEN = Path(__file__).parent / "golden" / "antwoorden.json.gz"

DIFFS = [
    ("breda", "traditioneel", "nieuwe-klantreis"),
    ("nijmegen", "oud", "nieuw"),
    ("rotterdam", "huidig", "een-telefoonnummer"),
    ("rotterdam-doelgroepenvervoer", "voor-2018", "contract-2018"),
]


def commands() -> list[list[str]]:
    """Every command whose answer is pinned: check, the loop sweep, each diff, and compare per journey case."""
    cat = open_shipped()
    out = [["check", "--format", "json", "--jobs", "1"], ["loops", "--format", "json", "--jobs", "1"]]
    out += [
        ["diff", "--gemeente", g, "--from", a, "--to", b, "--all", "--format", "json", "--jobs", "1"]
        for g, a, b in DIFFS
    ]
    for path in sorted((ROOT / "journeys" / "scenarios").glob("*.yaml")):
        out.append(["diff", "--scenario", str(path.relative_to(ROOT)), "--all", "--format", "json", "--jobs", "1"])
    pairs = sorted({(r.persona, r.sleutelmoment, r.vraag or "") for r in cat.reizen.values()})
    for persona, sm, vraag in pairs:
        out.append(
            [
                "compare",
                "--persona",
                persona,
                "--sleutelmoment",
                sm,
                *(["--vraag", vraag] if vraag else []),
                "--per-ingang",
                "--format",
                "json",
                "--jobs",
                "1",
            ]
        )
    return out


def answer(args: list[str]) -> object:
    from journeykit.cli import cli

    result = CliRunner().invoke(cli, args, env={**SHIPPED_ENV, "JOURNEYKIT_DATA": str(ROOT)}, catch_exceptions=False)
    assert result.exit_code in (0, 1), (args, result.output[-2000:])
    return {"exit": result.exit_code, "uitvoer": json.loads(result.stdout)}


def _key(args: list[str]) -> str:
    return " ".join(args)


def record() -> None:
    answers = {_key(a): answer(a) for a in commands()}
    GOLDEN.parent.mkdir(exist_ok=True)
    data = json.dumps(answers, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    with open(GOLDEN, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as z:
        z.write(data)  # mtime 0 and no name: the same answers give the same bytes


def _first_difference(a: object, b: object, path: str = "$") -> str | None:
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} → {type(b).__name__}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: {'nieuw' if k not in a else 'verdwenen'}"
            found = _first_difference(a[k], b[k], f"{path}.{k}")
            if found:
                return found
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            found = _first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return f"{path}: {len(a)} → {len(b)} elementen" if len(a) != len(b) else None
    return None if a == b else f"{path}: {a!r} → {b!r}"


@pytest.fixture(scope="module")
def pinned() -> dict:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as f:
        return json.load(f)


def test_the_answers_are_what_they_were(pinned):
    run = commands()
    assert sorted(pinned) == sorted(_key(a) for a in run), "other commands than the pinned ones"
    differences = []
    for args in run:
        found = _first_difference(pinned[_key(args)], answer(args))
        if found:
            differences.append(f"{_key(args)}: {found}")
    assert not differences, "\n".join(differences) + "\n(bedoeld? draai: python tests/test_golden.py --opnieuw)"


if __name__ == "__main__":
    if sys.argv[1:] != ["--opnieuw"]:
        sys.exit(__doc__)
    sys.path.insert(0, str(Path(__file__).parent))
    record()
    print(f"{GOLDEN.relative_to(ROOT)} opnieuw geschreven")

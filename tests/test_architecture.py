"""The shape of the code: dependencies flow one way, and the schema and engine agree."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from journeykit import schema

PACKAGE = Path(__file__).resolve().parent.parent / "journeykit"

# model ← loading ← engine ← analysis ← render ← cli: each layer may import only from earlier ones.
LAYERS = [
    {"model", "errors", "cache", "i18n"},
    {
        "conditions",
        "schema",
        "yamlread",
        "validation",
        "structure",
        "integrity",
        "plugin_objects",
        "changes",
        "loading",
        "hookspecs",
        "plugins",
    },
    {"decisions", "reach", "engine", "possible", "catalog"},
    {"analysis", "api"},
    {"render"},
    {"cli", "default_plugins", "__main__", "atlas"},
]


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    for n, layer in enumerate(LAYERS):
        if top in layer:
            return n
    raise AssertionError(f"module {module} has no layer; add it to LAYERS")


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("journeykit."):
            found.add(node.module.removeprefix("journeykit."))
        elif isinstance(node, ast.ImportFrom) and node.module == "journeykit":
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("journeykit.") for a in node.names if a.name.startswith("journeykit."))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_dependencies_flow_one_way(path):
    name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    own = layer_of(name)
    for imported in imports(path):
        if imported in ("hookspecs",) and name.startswith("default_plugins"):
            continue
        assert layer_of(imported) <= own, f"{name} (laag {own}) importeert {imported} (laag {layer_of(imported)})"


def test_the_model_imports_nothing_of_journeykit_but_itself():
    for path in (PACKAGE / "model").glob("*.py"):
        assert {i.split(".")[0] for i in imports(path)} <= {"model"}, path


def test_nothing_imports_the_cli():
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__main__.py" or path.is_relative_to(PACKAGE / "cli"):
            continue
        assert not [m for m in imports(path) if m.split(".")[0] == "cli"], path


def test_every_record_field_is_documented():
    for record in schema.RECORDS:
        assert record.doc
        for veld in record.all_fields:
            assert veld.doc.strip(), f"{record.name}.{veld.name} has no description"


# A newcomer reads a module in one sitting; past this, a module has more than one job (issue 14).
MAX_LINES = 500


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_longer_than_a_newcomer_reads_in_one_sitting(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} heeft {lines} regels (max {MAX_LINES}): splits het"

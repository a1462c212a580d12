"""The principle checks and output formats that plugins offer, each call of them through the plugin guard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journeykit import model as m
from journeykit.analysis.checks import Check, Principecheck, principle_checks
from journeykit.catalog import Catalog
from journeykit.errors import PluginError, kort
from journeykit.plugins import Unusable


def checks_for(cat: Catalog, g: m.Gemeente) -> list[Principecheck]:
    """The principle checks of a gemeente: YAML toets or a plugin's Python check."""
    found: dict[str, tuple[str, Check]] = {}
    for name, result in cat.plugins.call_each("journeykit_principle_checks", convert=_functions, gemeente=g):
        for pid, fn in result.items():
            found[pid] = (name, _guarded_check(cat, name, pid, fn))
    return principle_checks(g, found)


def output_formats(cat: Catalog) -> dict[str, Callable[..., str]]:
    """The extra output formats plugins offer, by name; each call of one goes through the plugin guard."""
    found: dict[str, Callable[..., str]] = {}
    for name, result in cat.plugins.call_each("journeykit_output_formats", convert=_functions):
        for fmt, fn in result.items():
            found[fmt] = cat.plugins.guarded(name, f"uitvoerformaat '{fmt}'", fn, convert=_text)
    return found


def _functions(result: Any) -> dict[str, Callable]:
    """A hook's {name: function}, as a plain dict (runs inside the plugin guard)."""
    if not isinstance(result, dict):
        raise Unusable(f"gaf geen dict terug maar {type(result).__name__}")
    out = {}
    for key, fn in dict(result).items():
        if type(key) is not str or not callable(fn):
            raise Unusable(f"'{kort(repr(key))}' is geen naam met een functie")
        out[key] = fn
    return out


def _text(result: Any) -> str:
    if type(result) is not str:
        raise Unusable(f"gaf {type(result).__name__} terug in plaats van tekst")
    return result


def _schendingen(result: Any) -> list[m.Schending]:
    """A check's findings, rebuilt from plain values (runs inside the plugin guard)."""
    if not isinstance(result, list) or not all(isinstance(x, m.Schending) for x in result):
        raise Unusable("gaf geen lijst van Schending terug")
    return [m.Schending(str(s.principe), str(s.uitleg), s.stap if type(s.stap) is int else None) for s in result]


def _guarded_check(cat: Catalog, plugin: str, pid: str, fn: Check) -> Check:
    """A plugin's principle check; when it cannot run, the journey is marked 'niet getoetst', never passed."""
    call = cat.plugins.guarded(plugin, f"principetoets '{pid}'", fn, convert=_schendingen)

    def check(j: m.Journey) -> list[m.Schending]:
        try:
            return call(j)
        except PluginError as e:
            cat.plugins.errors.append(e)
            return [m.Schending(pid, f"niet getoetst: {e}", niet_getoetst=True)]

    return check

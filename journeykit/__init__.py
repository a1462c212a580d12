"""journeykit: executable klantreizen for the Dutch social domain.

Imports are lazy so that `journeykit --help` starts at once.
"""

from __future__ import annotations

from typing import Any

_API = (
    "open_catalog",
    "walk",
    "check_reizen",
    "compare",
    "loops",
    "diff",
    "diff_variants",
    "diff_scenario",
    "coverage",
)
__all__ = [*_API, "hookimpl"]


def __getattr__(name: str) -> Any:
    if name in _API:
        from journeykit import api

        return getattr(api, name)
    if name == "hookimpl":
        from journeykit.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(name)

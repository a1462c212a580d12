"""A rule's condition as data: the small tree of frozen classes the loader builds from YAML."""

from __future__ import annotations

from typing import Any

import attrs

# --- conditions ---------------------------------------------------------------------
# A rule's condition (`als`) is data: a small tree of these frozen classes, built by the
# loader from YAML. `conditions.py` gives it meaning (one visitor; compiling, describing and
# listing the fields used are each one function).


@attrs.frozen
class Vergelijking:
    """A field compared with values: every comparison must hold (``leeftijd >= 18 en < 65``)."""

    veld: str  # a name from conditions.FIELDS, e.g. "persona.leeftijd"
    vergelijkingen: tuple[tuple[str, Any], ...]  # (operator, value); a value for 'in' is a tuple


@attrs.frozen
class Alle:
    """Every part holds."""

    delen: tuple[Conditie, ...]


@attrs.frozen
class EenVan:
    """At least one part holds."""

    delen: tuple[Conditie, ...]


@attrs.frozen
class Niet:
    """The part does not hold."""

    deel: Conditie


Conditie = Vergelijking | Alle | EenVan | Niet

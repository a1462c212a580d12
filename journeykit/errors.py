"""Errors users see. Every one names where the problem is and what is wrong, in Dutch."""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable

# Control characters and bidirectional overrides: in a message on a terminal they could
# move the cursor, clear the screen or make text read differently from what it is.
_ONZICHTBAAR = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def zichtbaar(text: str) -> str:
    """``text`` with invisible and terminal-control characters shown as escapes, such as \\n or \\u202e."""
    return _ONZICHTBAAR.sub(
        lambda m: repr(m.group())[1:-1] if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def getal(n: float) -> str:
    """A whole number with Dutch thousands separators: 1234567 -> '1.234.567'."""
    return f"{n:,.0f}".replace(",", ".")


def kort(waarde: object, n: int = 60) -> str:
    """A value as shown inside a message: at most ``n`` characters, so a huge value cannot flood the screen."""
    text = str(waarde)
    return text if len(text) <= n else text[: n - 1] + "…"


# The part of a key path a message shows: real paths, even of conditions nested forty levels deep,
# are shorter; a key can be anything the input holds, two megabytes of it too.
_MAX_SLEUTEL = 200
# Beyond this many problems in one file the rest are only counted: nobody reads on after a few
# dozen (the cause is often one indentation error), and a file with thousands of wrong keys must
# not produce megabytes of messages.
MAX_ERRORS_PER_FILE = 50


class JourneykitError(Exception):
    """Base class: a problem with the user's input or plugins, never a bug in journeykit."""


class LoadError(JourneykitError):
    """One problem in one input file."""

    def __init__(self, bestand: str, regel: int | None, sleutel: str | None, bericht: str):
        self.bestand = str(bestand)
        self.regel = regel
        self.sleutel = kort(sleutel, _MAX_SLEUTEL) if sleutel else sleutel
        self.bericht = bericht
        super().__init__(str(self))

    def __reduce__(self):
        # picklable, so an error raised in a parallel worker reaches the parent intact
        return (LoadError, (self.bestand, self.regel, self.sleutel, self.bericht))

    def __str__(self) -> str:
        waar = f"{self.bestand}:{self.regel}" if self.regel else self.bestand
        sleutel = f" [{kort(self.sleutel, _MAX_SLEUTEL)}]" if self.sleutel else ""
        return zichtbaar(f"{waar}:{sleutel} {self.bericht}")

    def as_dict(self) -> dict:
        return {"bestand": self.bestand, "regel": self.regel, "sleutel": self.sleutel, "bericht": self.bericht}


class MoreErrors(LoadError):
    """Stands for ``aantal`` more problems in one file, counted but not listed."""

    def __init__(self, bestand: str, aantal: int):
        self.aantal = aantal
        wat = "andere fout" if aantal == 1 else "andere fouten"
        super().__init__(
            bestand,
            None,
            None,
            f"... en {getal(aantal)} {wat} in dit bestand (alleen de eerste {MAX_ERRORS_PER_FILE} worden getoond)",
        )

    def __reduce__(self):
        return (MoreErrors, (self.bestand, self.aantal))


class LoadErrors(JourneykitError):
    """Several problems, reported together so a user can fix them in one go."""

    def __init__(self, fouten: Iterable[LoadError]):
        self.errors = beperk(fouten)
        super().__init__("\n".join(str(f) for f in self.errors))

    def __reduce__(self):
        return (LoadErrors, (self.errors,))


def beperk(fouten: Iterable[LoadError]) -> list[LoadError]:
    """``fouten`` once each, by file and line, at most MAX_ERRORS_PER_FILE per file.

    The rest of a file's problems become one MoreErrors at its end. Counts made earlier (by the
    validator, or by a LoadErrors whose problems are gathered again) are added, not lost.
    """
    gewoon: list[LoadError] = []
    meer: dict[str, int] = {}
    for f in fouten:
        if isinstance(f, MoreErrors):
            meer[f.bestand] = meer.get(f.bestand, 0) + f.aantal
        else:
            gewoon.append(f)
    uit: list[LoadError] = []
    getoond: dict[str, int] = {}
    for f in sorted(set_by_text(gewoon), key=lambda f: (f.bestand, f.regel or 0, f.bericht)):
        getoond[f.bestand] = getoond.get(f.bestand, 0) + 1
        if getoond[f.bestand] <= MAX_ERRORS_PER_FILE:
            uit.append(f)
        else:
            meer[f.bestand] = meer.get(f.bestand, 0) + 1
    uit += [MoreErrors(bestand, n) for bestand, n in meer.items() if n]
    return sorted(uit, key=lambda f: (f.bestand, isinstance(f, MoreErrors), f.regel or 0, f.bericht))


def set_by_text(fouten: Iterable[LoadError]) -> list[LoadError]:
    seen: dict[str, LoadError] = {}
    for f in fouten:
        seen.setdefault(str(f), f)
    return list(seen.values())


class Impossible(JourneykitError):
    """The case asked for cannot happen: the sleutelmoment is not for this persona, or the klantreis not for the
    question."""


class UnknownName(JourneykitError):
    """A command-line option names something that does not exist."""


class PluginError(JourneykitError):
    """A plugin that failed to load or raised in a hook."""

    def __init__(self, plugin: str, reden: str):
        self.plugin = plugin
        self.reden = reden
        # Names and reasons come from third-party code and paths: keep a warning to a few lines.
        super().__init__(zichtbaar(f"plugin '{kort(plugin, 80)}': {kort(reden, 600)}"))

    def __reduce__(self):
        # picklable (subclasses too), so it can travel back from a parallel worker
        return (type(self), (self.plugin, self.reden))


# Comparing a name with every known one made suggestions quadratic over a load: 2,000 unknown
# names against 10,000 known ones took minutes. Lists of up to _ALLE names are still searched
# whole. In longer ones only the neighbours of the name in two sorted orders are compared: those
# sharing its longest beginning and those sharing its longest end (a typo leaves one of the two
# intact). The work per suggestion is bounded, and independent of time and of what ran before,
# so the same input always gets the same message.
_ALLE = 100
_BUREN = 12  # per side, in each of the two orders
_VOLLEDIG = 10  # full difflib ratios per suggestion at most, most promising first


def suggestie(waarde: str, bekend: Iterable[str]) -> str:
    """' (bedoelde u 'x'?)' for the nearest known value, or ''."""
    woord = kort(waarde, 200)
    alle = tuple(bekend)
    if len(alle) <= _ALLE:
        kandidaten = sorted(set(alle))
    else:
        namen, omgekeerd = _gesorteerd(len(alle), hash(alle), alle)
        i = bisect.bisect(namen, woord)
        j = bisect.bisect(omgekeerd, woord[::-1])
        kandidaten = namen[max(0, i - _BUREN) : i + _BUREN] + [
            n[::-1] for n in omgekeerd[max(0, j - _BUREN) : j + _BUREN]
        ]
    beste = _dichtstbij(woord, kandidaten)
    return f" (bedoelde u '{beste}'?)" if beste else ""


_GESORTEERD: dict[tuple[int, int], tuple[list[str], list[str]]] = {}


def _gesorteerd(lengte: int, sleutel: int, alle: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The known names sorted, and their reversals sorted: one list gets many questions in a load.

    Cached by length and hash, not by the tuple itself: comparing 10,000 names on every lookup
    would cost more than the search. Only single dict operations, so threads cannot trip on it.
    """
    gevonden = _GESORTEERD.get((lengte, sleutel))
    if gevonden is None:
        namen = sorted(set(alle))
        gevonden = namen, sorted(n[::-1] for n in namen)
        if len(_GESORTEERD) >= 8:
            _GESORTEERD.clear()
        _GESORTEERD[lengte, sleutel] = gevonden
    return gevonden


def _dichtstbij(woord: str, kandidaten: list[str], cutoff: float = 0.6) -> str | None:
    """difflib.get_close_matches(woord, kandidaten, n=1)[0], computing at most _VOLLEDIG full ratios.

    quick_ratio() is an upper bound of ratio(): going from the highest bound down, the search
    stops once no bound left can beat (or tie with) the best ratio found.
    """
    s = difflib.SequenceMatcher()
    s.set_seq2(woord)
    grenzen = []
    for x in dict.fromkeys(kandidaten):
        s.set_seq1(x)
        if s.real_quick_ratio() >= cutoff and (q := s.quick_ratio()) >= cutoff:
            grenzen.append((q, x))
    beste: tuple[float, str] | None = None
    for q, x in sorted(grenzen, reverse=True)[:_VOLLEDIG]:
        if beste is not None and q < beste[0]:
            break
        s.set_seq1(x)
        r = s.ratio()
        # ties go to the greater name, as in get_close_matches
        if r >= cutoff and (beste is None or (r, x) > beste):
            beste = (r, x)
    return beste[1] if beste else None


# Dutch 'het'-words take 'onbekend', 'de'-words 'onbekende'.
_HET_WOORDEN = {"veld", "kanaal", "niveau", "huishouden", "levensgebied", "sleutelmoment", "principe"}


def keuzes(waarden: Iterable[str], lijst: str | None = None, n: int = 12) -> str:
    """'kies uit: a, b, c' with at most ``n`` values; beyond that, where to see them all."""
    alle = [kort(w, 40) for w in waarden]
    if not alle:
        return "er is niets om uit te kiezen"
    if len(alle) <= n:
        return "kies uit: " + ", ".join(alle)
    waar = f"; zie `{lijst}`" if lijst else ""
    return "kies uit: " + ", ".join(alle[:n]) + f" en {len(alle) - n} meer{waar}"


def onbekend(soort: str, waarde: str, bekend: Iterable[str]) -> str:
    """The standard message for a name that does not exist."""
    bijvoeglijk = "onbekend" if soort in _HET_WOORDEN else "onbekende"
    return f"{bijvoeglijk} {soort} '{kort(waarde)}'{suggestie(kort(waarde, 200), bekend)}"

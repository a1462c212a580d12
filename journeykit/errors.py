"""Errors users see. Every one names where the problem is and what is wrong, in Dutch."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# Control characters and bidirectional overrides: in a message on a terminal they could
# move the cursor, clear the screen or make text read differently from what it is.
_ONZICHTBAAR = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def zichtbaar(text: str) -> str:
    """``text`` with invisible and terminal-control characters shown as escapes, such as \\n or \\u202e."""
    return _ONZICHTBAAR.sub(lambda m: repr(m.group())[1:-1] if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                            text)


def getal(n: float) -> str:
    """A whole number with Dutch thousands separators: 1234567 -> '1.234.567'."""
    return f"{n:,.0f}".replace(",", ".")


def kort(waarde: object, n: int = 60) -> str:
    """A value as shown inside a message: at most ``n`` characters, so a huge value cannot flood the screen."""
    text = str(waarde)
    return text if len(text) <= n else text[: n - 1] + "…"


class JourneykitFout(Exception):
    """Base class: a problem with the user's input or plugins, never a bug in journeykit."""


class LaadFout(JourneykitFout):
    """One problem in one input file."""

    def __init__(self, bestand: str, regel: int | None, sleutel: str | None, bericht: str):
        self.bestand = str(bestand)
        self.regel = regel
        self.sleutel = sleutel
        self.bericht = bericht
        super().__init__(str(self))

    def __reduce__(self):
        # picklable, so an error raised in a parallel worker reaches the parent intact
        return (LaadFout, (self.bestand, self.regel, self.sleutel, self.bericht))

    def __str__(self) -> str:
        waar = f"{self.bestand}:{self.regel}" if self.regel else self.bestand
        sleutel = f" [{self.sleutel}]" if self.sleutel else ""
        return zichtbaar(f"{waar}:{sleutel} {self.bericht}")

    def as_dict(self) -> dict:
        return {"bestand": self.bestand, "regel": self.regel, "sleutel": self.sleutel, "bericht": self.bericht}


class LaadFouten(JourneykitFout):
    """Several problems, reported together so a user can fix them in one go."""

    def __init__(self, fouten: Iterable[LaadFout]):
        self.fouten = sorted(set_by_text(fouten), key=lambda f: (f.bestand, f.regel or 0, f.bericht))
        super().__init__("\n".join(str(f) for f in self.fouten))

    def __reduce__(self):
        return (LaadFouten, (self.fouten,))


def set_by_text(fouten: Iterable[LaadFout]) -> list[LaadFout]:
    seen: dict[str, LaadFout] = {}
    for f in fouten:
        seen.setdefault(str(f), f)
    return list(seen.values())


class OnbekendeNaam(JourneykitFout):
    """A command-line option names something that does not exist."""


class PluginFout(JourneykitFout):
    """A plugin that failed to load or raised in a hook."""

    def __init__(self, plugin: str, reden: str):
        self.plugin = plugin
        self.reden = reden
        # Names and reasons come from third-party code and paths: keep a warning to a few lines.
        super().__init__(zichtbaar(f"plugin '{kort(plugin, 80)}': {kort(reden, 600)}"))

    def __reduce__(self):
        # picklable (subclasses too), so it can travel back from a parallel worker
        return (type(self), (self.plugin, self.reden))


def suggestie(waarde: str, bekend: Iterable[str]) -> str:
    """' (bedoelde u 'x'?)' for the nearest known value, or ''."""
    matches = difflib.get_close_matches(str(waarde), sorted(set(bekend)), n=1, cutoff=0.6)
    return f" (bedoelde u '{matches[0]}'?)" if matches else ""


# Dutch 'het'-words take 'onbekend', 'de'-words 'onbekende'.
_HET_WOORDEN = {"veld", "kanaal", "niveau", "huishouden", "levensgebied", "sleutelmoment", "principe"}


def onbekend(soort: str, waarde: str, bekend: Iterable[str]) -> str:
    """The standard message for a name that does not exist."""
    bijvoeglijk = "onbekend" if soort in _HET_WOORDEN else "onbekende"
    return f"{bijvoeglijk} {soort} '{kort(waarde)}'{suggestie(kort(waarde, 200), bekend)}"

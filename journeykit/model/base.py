"""What every record shares: how its fields appear in YAML, where it was written, where it comes from."""

from __future__ import annotations

from typing import Any

import attrs

# The evidence levels, firmest first; a result built on several things rests on the weakest.
NIVEAUS_HERKOMST = ("bron", "deels", "aanname")


def zwakste(niveaus: Any) -> str:
    """The weakest of some evidence levels ('bron' when there are none)."""
    return max(niveaus, key=NIVEAUS_HERKOMST.index, default="bron")


# --- how a field appears in YAML ----------------------------------------------------------
#
# Every record that is read from YAML declares its keys here, once: the attrs field is the
# declaration, and its metadata says what the loader accepts and what the YAML reference
# says. The loader's schema (schema.py) and the reference are derived from these fields.

YAML = "journeykit"  # the metadata key


@attrs.frozen
class Key:
    """What the loader accepts for a field, and its documentation (Dutch: read by who writes YAML)."""

    doc: str
    name: str | None = None  # the YAML key, when it differs from the attribute
    choice: tuple[str, tuple[str, ...]] | None = None  # (what a value is called in messages, the values)
    bounds: tuple[float | None, float | None] | None = None  # inclusive (low, high)
    ref: str | None = None  # the value is an id of a thing of this kind
    is_id: bool = False  # the value is an id
    min_items: int = 0  # for lists


def field(doc: str, *, default: Any = attrs.NOTHING, eq: bool = True, **key: Any) -> Any:
    """An attrs field that is a YAML key; without ``default`` the key is required."""
    return attrs.field(default=default, eq=eq, metadata={YAML: Key(doc, **key)})


def key_of(f: attrs.Attribute) -> Key | None:
    """The YAML declaration of an attrs field, or None when the field is not read from YAML."""
    return f.metadata.get(YAML)


@attrs.frozen
class Plaats:
    """Where something was written: file and line (for error messages)."""

    bestand: str
    regel: int = 0
    sleutels: tuple[tuple[str, int], ...] = attrs.field(default=(), eq=False, repr=False)

    def __str__(self) -> str:
        return f"{self.bestand}:{self.regel}" if self.regel else self.bestand

    def regel_van(self, sleutel: str) -> int:
        """The line of ``sleutel``, a key path such as 'dan.naar', in this record.

        A key that is not written (a missing 'waarde') is found at the nearest enclosing one
        that is ('principes[0].toets'), else at the record's own line.
        """
        lines = dict(self.sleutels)
        while sleutel:
            if sleutel in lines:
                return lines[sleutel]
            sleutel = sleutel[: max(sleutel.rfind("."), sleutel.rfind("["), 0)]
        return self.regel


@attrs.frozen
class Bron:
    """A source reference: file and section, optionally a verbatim quote."""

    bestand: str = field("Naam van het bronbestand.")
    sectie: str = field("Paragraaf, bijlage, figuur of tabel.", default="")
    citaat: str = field("Letterlijk citaat uit de bron.", default="")
    plaats: Plaats | None = attrs.field(default=None, eq=False, repr=False)  # where the quote is written

    def __str__(self) -> str:
        return f"{self.bestand}, {self.sectie}" if self.sectie else self.bestand


@attrs.frozen
class Herkomst:
    """Provenance: a source, an assumption with its reason, or both.

    In YAML its two parts are keys of the record they describe (`bron`, `aanname`); a record
    with a `herkomst` field must give at least one of them.
    """

    bron: Bron | None = field(
        "Waar dit vandaan komt: bronbestand en sectie, eventueel met letterlijk citaat.", default=None
    )
    aanname: str | None = field("Waarom we dit aannemen, als de bron het niet (volledig) zegt.", default=None)

    @property
    def niveau(self) -> str:
        """How firm this is: 'bron' (rests on the source), 'deels' (a source plus an assumption) or 'aanname'."""
        if self.bron is None:
            return "aanname"
        return "deels" if self.aanname else "bron"

    def __str__(self) -> str:
        parts = []
        if self.bron:
            parts.append(f"bron: {self.bron}")
        if self.aanname:
            parts.append(f"aanname: {self.aanname}")
        return "; ".join(parts) or "geen herkomst"


GEEN_HERKOMST = Herkomst()


def herkomst_field() -> Any:
    return attrs.field(default=GEEN_HERKOMST)


def plaats_field() -> Any:
    return attrs.field(default=None, eq=False, repr=False)

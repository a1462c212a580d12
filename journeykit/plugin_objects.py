"""Plugin objects are checked exactly like YAML: written out as the YAML they stand for, read back.

Objects bypass the loader, so a plugin could hand over an id like '../x' or a rule that
points to a missing ingang. ``to_data`` follows the same records the loader uses (derived
from the model), so there is no second description of the model here.
"""

from __future__ import annotations

from typing import Any

from journeykit import model as m
from journeykit import schema as s
from journeykit.errors import LoadError, kort
from journeykit.yamlread import MAX_DEPTH, MAX_NODES


class ToData:
    """Turns model objects into the plain data their YAML would hold, following the schema records."""

    def __init__(self, shown: str):
        self.shown = shown
        self.errors: list[LoadError] = []
        self.count = 0

    def error(self, path: str, message: str) -> None:
        self.errors.append(LoadError(self.shown, None, path or None, message))

    def record(self, obj: Any, rec: s.Record, path: str, depth: int) -> Any:
        cls = rec.cls
        assert cls is not None
        # a rule's action may be a plain Actie, as plugins wrote them before rules had kansen
        if not isinstance(obj, cls) and not (cls is m.RegelActie and isinstance(obj, m.Actie)):
            self.error(path, f"verwacht een {cls.__name__}, maar kreeg {_type(obj)}")
            return None
        out: dict[str, Any] = {}
        for f in rec.fields:
            value = getattr(obj, f.attribute, None)
            # The model's "no value" (None, "" or ()) is the YAML's "key left out", unless leaving it out
            # gives a default that is not empty ('talen': nl): then it is written, for the validator to judge.
            empty = isinstance(value, (str, tuple, list)) and len(value) == 0
            if value is None or (empty and not f.required and not f.default):
                continue
            out[f.name] = self.value(value, f.type, f"{path}.{f.name}" if path else f.name, depth + 1)
        if rec.provenance:
            h = getattr(obj, "herkomst", None)
            if not isinstance(h, m.Herkomst):
                self.error(f"{path}.herkomst" if path else "herkomst", f"verwacht een Herkomst, maar kreeg {_type(h)}")
            else:
                if h.bron is not None:
                    out["bron"] = self.bron(h.bron, f"{path}.bron" if path else "bron")
                if h.aanname is not None:
                    out["aanname"] = self.scalar(h.aanname, f"{path}.aanname" if path else "aanname")
        return out

    def value(self, value: Any, typ: Any, path: str, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise LoadError(
                self.shown,
                None,
                path,
                f"te groot of te diep genest (maximaal {MAX_NODES} waarden, {MAX_DEPTH} niveaus)",
            )
        if isinstance(typ, s.Record):
            return self.record(value, typ, path, depth)
        if isinstance(typ, s.ListOf):
            if not isinstance(value, (tuple, list)):
                self.error(path, f"verwacht een tuple ({typ.explain}), maar kreeg {_type(value)}")
                return None
            return [self.value(x, typ.item, f"{path}[{i}]", depth + 1) for i, x in enumerate(value)]
        if isinstance(typ, s.Source):
            return self.bron(value, path)
        if isinstance(typ, s.Condition):
            return self.conditie(value, path, depth)
        return self.scalar(value, path)

    def scalar(self, value: Any, path: str) -> Any:
        # Exact builtin types: the YAML dumper refuses subclasses, and the model should not carry them.
        for t in (bool, int, float, str):
            if isinstance(value, t):
                return t(value)
        self.error(path, f"verwacht tekst, een getal of true/false, maar kreeg {_type(value)}")
        return None

    def bron(self, value: Any, path: str) -> Any:
        if isinstance(value, m.Bron):
            out = {"bestand": self.scalar(value.bestand, f"{path}.bestand")}
            for key in ("sectie", "citaat"):
                part = getattr(value, key)
                if part != "":
                    out[key] = self.scalar(part, f"{path}.{key}")
            return out
        if isinstance(value, str):
            return str(value)
        self.error(path, f"verwacht een Bron, maar kreeg {_type(value)}")
        return None

    def conditie(self, c: Any, path: str, depth: int) -> Any:
        """A condition tree (model.Conditie) back into the YAML mapping form."""
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise LoadError(
                self.shown, None, path, f"conditie te groot of te diep genest (maximaal {MAX_DEPTH} niveaus)"
            )
        if isinstance(c, m.Vergelijking) and isinstance(c.vergelijkingen, (tuple, list)):
            out: dict[str, Any] = {"veld": self.scalar(c.veld, f"{path}.veld")}
            for pair in c.vergelijkingen:
                if (
                    not (isinstance(pair, (tuple, list)) and len(pair) == 2 and isinstance(pair[0], str))
                    or pair[0] in out
                ):
                    self.error(path, f"vergelijking {_toon(pair)} is geen paar (naam, waarde) of komt dubbel voor")
                    return None
                op, v = pair
                out[op] = (
                    [self.scalar(x, f"{path}.{op}") for x in v]
                    if isinstance(v, (tuple, list))
                    else self.scalar(v, f"{path}.{op}")
                )
            return out
        if isinstance(c, m.Niet):
            return {"niet": self.conditie(c.deel, f"{path}.niet", depth + 1)}
        if isinstance(c, (m.Alle, m.EenVan)) and isinstance(c.delen, (tuple, list)):
            kind = "alle" if isinstance(c, m.Alle) else "een_van"
            return {kind: [self.conditie(x, f"{path}.{kind}[{i}]", depth + 1) for i, x in enumerate(c.delen)]}
        self.error(
            path,
            f"geen geldige conditie: {_toon(c)}; verwacht Vergelijking(veld, ((vergelijking, waarde), ...)), "
            "Alle((...)), EenVan((...)) of Niet(conditie)",
        )
        return None


def _type(value: Any) -> str:
    return "niets (None)" if value is None else kort(type(value).__name__)  # a plugin names its classes


def _toon(value: Any) -> str:
    """A short repr of a plugin's value; a repr that fails is the plugin's problem, not ours."""
    try:
        return kort(repr(value))
    except Exception:  # noqa: BLE001 - whatever a plugin's __repr__ raises
        return _type(value)

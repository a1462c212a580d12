"""Build model objects from validated Docs, with cattrs.

The validator has already checked every value (``validation.py``), so building only has to
follow the model's declarations: cattrs does that from the attrs fields, with the YAML key of
a field where it differs (``model.Key.name``), and two things every record shares added here:
its provenance (the keys `bron` and `aanname`) and where it was written (``Plaats``).
"""

from __future__ import annotations

import typing
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, override

from journeykit import model as m
from journeykit.validation import Doc


def lines(doc: Doc, prefix: str = "") -> dict[str, int]:
    """The line of every key path inside ``doc``: 'dan.naar', 'vragen[2].id', 'principes[0].toets'.

    Every mapping the validator returns is a ``Doc``, with its own line and those of its keys.
    """
    found: dict[str, int] = {}
    own = doc.lines
    for key, value in doc.items():
        path = f"{prefix}{key}"
        if key in own:
            found[path] = own[key]
        if isinstance(value, Doc):
            found.update(lines(value, path + "."))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Doc):
                    found[f"{path}[{i}]"] = item.lineno
                    found.update(lines(item, f"{path}[{i}]."))
    return found


def plaats_of(doc: Any) -> m.Plaats:
    return m.Plaats(doc.file, doc.lineno, tuple(sorted(lines(doc).items())))


def _record_hook(converter: cattrs.Converter, cls: type) -> Any:
    attrs.resolve_types(cls)
    names = frozenset(f.name for f in attrs.fields(cls))
    renamed = {f.name: override(rename=k.name) for f in attrs.fields(cls) if (k := m.key_of(f)) and k.name}
    build: Any = make_dict_structure_fn(cls, converter, **renamed)  # type: ignore[arg-type]
    return lambda doc, _: _build(doc, cls, names, build)


def _build(doc: Any, cls: type, names: frozenset[str], build: Any) -> Any:
    # A function of its own, not part of the hook: cattrs makes a hook once per class, and `make mutate`
    # sees only what runs in each test.
    if isinstance(doc, cls):  # built already (the ingangen and regels of a gemeente)
        return doc
    data = dict(doc)
    if "herkomst" in names:
        data["herkomst"] = m.Herkomst(data.pop("bron", None), data.pop("aanname", None))
    if "plaats" in names:
        data["plaats"] = plaats_of(doc)
    return build(data, cls)


def _is_condition(t: Any) -> bool:
    return m.Vergelijking in typing.get_args(t)


def _as_built(value: Any, _: type) -> Any:
    return value


def _converter() -> cattrs.Converter:
    c = cattrs.Converter()
    # A record the validator built itself (a quote with where it was written, the herkomst and plaats
    # made in _build) is an instance already and taken as it is; so are conditions.
    c.register_structure_hook_factory(attrs.has, lambda cls: _record_hook(c, cls))
    c.register_structure_hook_func(_is_condition, _as_built)
    return c


CONVERTER = _converter()


def structure(doc: Any, cls: type[Any], **extra: Any) -> Any:
    """The model object of class ``cls`` that the validated ``doc`` describes (``extra``: fields not in YAML)."""
    if extra:
        located = type(doc)(doc)
        located.__dict__.update(doc.__dict__)
        located.update(extra)
        doc = located
    return CONVERTER.structure(doc, cls)

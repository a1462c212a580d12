"""Opening a catalog: finding the data folder, loading plugins and data."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.catalog import Catalog
from journeykit.errors import JourneykitError, kort
from journeykit.plugins import Plugins

if TYPE_CHECKING:  # imported inside the functions that use them, so `journeykit --help` stays fast
    pass


def data_paths(data: Path | str = ".") -> list[tuple[Path, str]]:
    """The shared data folders under ``data`` that exist, each with the part of the data it holds."""
    from journeykit.catalog import PERSONAS, REIZEN

    root = Path(data)
    wanted = ((root / "personas", PERSONAS), (root / "journeys", REIZEN), (root / "journeys" / "scenarios", REIZEN))
    try:
        return [(p, deel) for p, deel in wanted if p.is_dir()]
    except OSError as e:  # e.g. a name longer than the file system allows
        raise JourneykitError(f"kan de datamap {root} niet lezen: {e.strerror or e}") from None


def find_data(explicit: Path | str | None = None, start: Path | None = None) -> Path | None:
    """The data folder: ``explicit`` (or $JOURNEYKIT_DATA), else the nearest folder with personas/ or journeys/.

    Like git finding its repository, the search goes up from ``start`` (the working directory).
    An explicit folder must exist and hold personas/ or journeys/; None when the search finds nothing.
    """
    chosen = explicit if explicit is not None else (os.environ.get("JOURNEYKIT_DATA") or None)
    if chosen is not None:
        root = Path(chosen)
        try:
            root.stat()
        except OSError as e:
            raise JourneykitError(f"kan de datamap {kort(root, 200)} niet lezen: {e.strerror or e}") from None
        if not root.is_dir():
            raise JourneykitError(f"de datamap {kort(root, 200)} is geen map")
        if not data_paths(root):
            raise JourneykitError(f"in de datamap {kort(root, 200)} staat geen map personas/ of journeys/")
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if data_paths(folder):
            return folder
    return None


def open_catalog(
    data: Path | str | None = ".",
    plugins: Iterable[str] = (),
    paths: Iterable[Path] = (),
    entry_points: bool | Collection[str] = True,
) -> Catalog:
    """Load plugins and data. ``paths`` are extra files or directories (personas, reizen, gemeenten).

    ``entry_points``: True loads the installed plugins (as JOURNEYKIT_ENTRY_POINTS and
    JOURNEYKIT_LOAD_PLUGINS say), False none, a collection of names exactly those.
    """
    from journeykit.catalog import PADEN

    base = data_paths(data) if data is not None else []
    loaded = {p.resolve() for p, _ in base}
    extra = []
    for p in map(Path, paths):
        # A file inside a data folder, or the folder itself, is loaded already: twice would make duplicates.
        if p.resolve() not in loaded and p.resolve().parent not in loaded:
            extra.append((p, PADEN))
    cat = Catalog(Plugins(plugins, entry_points=entry_points), base + extra)
    cat.root = Path(data) if data is not None else Path(".")
    return cat

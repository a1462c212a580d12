"""Writing outputs: only inside the output folder, atomically, with safe names derived from ids."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

from journeykit.errors import JourneykitError

_UNSAFE = re.compile(r"[^a-z0-9-]+")


def slug(*parts: str) -> str:
    """A file-name-safe name for a tuple of ids, joined by '_' (which ids cannot contain) so that
    ('a-b', 'c') and ('a', 'b-c') stay apart. Ids that had to change get a short hash, so two never collide."""
    raw = [str(p) for p in parts]
    cleaned = [re.sub(r"-{2,}", "-", _UNSAFE.sub("-", p.lower())).strip("-") or "x" for p in raw]
    name = "_".join(cleaned)[:100].strip("-_")
    if cleaned != raw or len(name) < len("_".join(cleaned)):
        name += "-" + hashlib.sha1("\0".join(raw).encode("utf-8")).hexdigest()[:8]
    return name


class OutputFolder:
    """An output folder. Every file is written whole or not at all, never outside the folder and never
    through a symbolic link: a link named like an output file could point at an input file."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise JourneykitError(f"kan uitvoermap {self.folder} niet maken: {e.strerror or e}") from None
        self.root = self.folder.resolve()
        self.written: list[Path] = []

    def path(self, name: str) -> Path:
        parts = Path(name).parts
        if not parts or ".." in parts or Path(name).is_absolute():
            raise JourneykitError(f"bestandsnaam '{name}' zou buiten de uitvoermap {self.folder} komen")
        # Inside the folder nothing may be a link, not the file and not a folder on the way to it, so
        # the name alone says where the file lands.
        target = self.root / name
        here = self.root
        for part in Path(name).parts:
            here = here / part
            if here.is_symlink():
                raise JourneykitError(
                    f"{here} is een symbolische koppeling; journeykit schrijft niet door een "
                    "koppeling heen (verwijder hem, of kies een andere uitvoermap)"
                )
        return target

    def write(self, name: str, content: str | bytes) -> Path:
        """Write ``content`` (text as UTF-8) to ``name`` in the folder; returns the full path."""
        target = self.path(name)
        if target in self.written:
            raise JourneykitError(f"twee uitvoerbestanden zouden dezelfde naam krijgen: {name}")
        data = content.encode("utf-8") if isinstance(content, str) else content
        tmp: Path | None = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Named before it exists: a Ctrl-C that lands just after the file is created still finds
            # it below. Created with 0666, so the umask gives it ordinary permissions (mkstemp: 0600).
            tmp = target.parent / f".tmp-{secrets.token_hex(8)}.part"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            # rename replaces a link itself, never what it points to; path() refused links anyway
            os.replace(tmp, target)
        except BaseException as e:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
            if isinstance(e, OSError):
                raise JourneykitError(f"kan {target.name} niet schrijven in {self.folder}: {e.strerror or e}") from None
            raise
        self.written.append(target)
        return target

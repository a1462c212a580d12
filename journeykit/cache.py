"""A cache of loaded data, so a command answers at once when the YAML has not changed.

Parsing and checking the shipped YAML takes most of a short command's time. A
loaded set of files is stored under a key made of the files' names and bytes and
of journeykit's own code, so any change to either misses the cache: an entry is
never stale, only unused. Only data that loaded without problems is stored; bad
input always goes through the loader and gets its messages.

The cache lives in ``$JOURNEYKIT_CACHE`` (default ``~/.cache/journeykit``);
``JOURNEYKIT_CACHE=uit`` turns it off. Entries are pickles, which can run code
when read, so the cache is only used in a directory that the current user owns
and nobody else can write to, the same trust Python gives its own ``__pycache__``.
Every failure to read or write the cache is silent: it only costs time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

MAX_ENTRIES = 256
_OFF = {"0", "uit", "off", "nee", "no", "false"}


def directory() -> Path | None:
    """The cache directory, or None when the cache is turned off."""
    setting = os.environ.get("JOURNEYKIT_CACHE", "").strip()
    if setting.lower() in _OFF:
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "journeykit"


def key(parts: Iterable[tuple[str, bytes]]) -> str:
    """A key for files given as (name as shown, bytes); journeykit's code is part of it."""
    h = hashlib.sha256(_code_fingerprint())
    for name, data in parts:
        for piece in (name.encode("utf-8", "surrogateescape"), data):
            h.update(len(piece).to_bytes(8, "big"))
            h.update(piece)
    return h.hexdigest()


def get(k: str) -> Any | None:
    """The value stored under ``k``, or None."""
    d = _usable_directory(create=False)
    if d is None:
        return None
    path = d / f"{k}.pickle"
    try:
        with path.open("rb") as f:
            stored_key, value = pickle.load(f)
        os.utime(path)  # recently used entries survive pruning
    except Exception:  # missing, truncated or from another version: a miss
        return None
    return value if stored_key == k else None


def put(k: str, value: Any) -> None:
    """Store ``value`` under ``k``; written to a temporary file first, so readers never see half an entry."""
    d = _usable_directory(create=True)
    if d is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((k, value), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, d / f"{k}.pickle")
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(d)
    except Exception:
        return


def _usable_directory(create: bool) -> Path | None:
    d = directory()
    if d is None:
        return None
    try:
        if create:
            d.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = d.stat()
    except OSError:
        return None
    trusted = stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022
    return d if trusted else None


def _prune(d: Path) -> None:
    entries = list(d.glob("*.pickle"))
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda p: p.stat().st_mtime_ns)
    for p in entries[: len(entries) - MAX_ENTRIES]:
        p.unlink(missing_ok=True)


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    """journeykit's source, the Python version and the libraries whose objects are stored."""
    import attrs
    import yaml

    h = hashlib.sha256(f"{sys.version}|{attrs.__version__}|{yaml.__version__}".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        h.update(str(path.relative_to(package)).encode())
        h.update(path.read_bytes())
    return h.digest()

"""Graphviz's ``dot`` as a layout engine: DOT in, SVG out, ready to be put inside an HTML page.

Only the ``dot`` program on this machine is run, without a shell and with a time limit; nothing
is fetched. Without the program (or when it fails) there is no picture, and the caller draws a
simpler one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

# Names the dot program to run instead of the one on PATH (a path or a name on PATH).
ENV_VAR = "JOURNEYKIT_DOT"  # read in find_dot()
TIMEOUT = 60.0  # seconds; a readable network takes well under one

_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)


def program() -> str | None:
    """The dot program to run, or None when there is none."""
    name = os.environ.get("JOURNEYKIT_DOT") or "dot"  # the literal name, so the reference test finds it
    return shutil.which(name)


def svg(source: str, timeout: float = TIMEOUT, strict: bool = False) -> str | None:
    """``source`` laid out by dot as SVG, without XML declaration, DOCTYPE or comments; None without dot,
    or when dot fails or takes longer than ``timeout`` seconds.

    ``strict``: also None when dot reports an error but draws anyway (dot 2.43 says "Error: trouble in
    init_rank" for some networks with clusters, and then may draw one cluster over another)."""
    dot = program()
    if dot is None:
        return None
    try:
        result = subprocess.run(
            [dot, "-Tsvg"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0 or strict and b"Error" in result.stderr:
        return None
    return inline(result.stdout.decode("utf-8", errors="replace"))


def inline(text: str) -> str | None:
    """An SVG document as an element to put in HTML: everything before ``<svg`` and every comment removed."""
    if "<svg" not in text:
        return None
    return _COMMENT.sub("", _PROLOG.sub("", text, count=1)).strip() + "\n"

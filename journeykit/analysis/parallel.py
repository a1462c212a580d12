"""Run independent pieces of a sweep on several cores.

Workers are forked, so they share the loaded catalog without pickling it; only each
piece's (small, aggregated) result travels back. Results are combined in piece order,
so the outcome is the same for any number of jobs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from typing import Any

_WORK: Callable[[Any], Any] | None = None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _run(piece: Any) -> Any:
    assert _WORK is not None
    return _WORK(piece)


def fork_map(work: Callable[[Any], Any], pieces: list[Any], jobs: int) -> Iterator[Any]:
    """``work(piece)`` for every piece, in order; in ``jobs`` forked processes when that helps."""
    global _WORK
    if jobs <= 1 or len(pieces) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for piece in pieces:
            yield work(piece)
        return
    _WORK = work
    ctx = multiprocessing.get_context("fork")
    pool = ctx.Pool(min(jobs, len(pieces)))
    try:
        yield from pool.imap(_run, pieces)
        pool.close()
    except BaseException:
        pool.terminate()  # Ctrl-C or an error: stop the workers at once, leave nothing running
        raise
    finally:
        pool.join()
        _WORK = None

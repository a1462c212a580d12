"""Run independent pieces of a sweep on several cores, or a whole computation next to other work.

Workers are forked, so they share the loaded catalog without pickling it; only each
piece's (small, aggregated) result travels back. Results are combined in piece order,
so the outcome is the same for any number of jobs.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
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


def _stop(signum: int, frame: Any) -> None:
    raise SystemExit(1)


def _send_result(fn: Callable[[], Any], conn: Any) -> None:
    # Background.close() stops the work with SIGTERM; as an exception it lets a fork_map inside
    # fn stop its own workers too, instead of leaving them behind.
    signal.signal(signal.SIGTERM, _stop)
    try:
        outcome = (True, fn())
    except BaseException as e:  # every error goes back to the parent, which raises it there
        outcome = (False, e)
    try:
        data = pickle.dumps(outcome)
    except Exception:  # the value or the error does not pickle: send what it said
        data = pickle.dumps((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}")))
    with contextlib.suppress(OSError):  # the parent stopped listening: nobody needs the value
        conn.send_bytes(data)


class Background:
    """``fn()`` computed in a forked process while the caller goes on with other work.

    ``result()`` waits for the value (or raises the error ``fn`` raised); ``close()`` stops
    a computation nobody will collect. Where there is no fork, ``fn`` simply runs inside
    ``result()``: the same value, without the overlap. ``fn`` may use ``fork_map``, so the
    background work can itself spread over several cores.
    """

    def __init__(self, fn: Callable[[], Any]):
        self._fn = fn
        self._process: Any = None
        if "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            self._conn, child_end = ctx.Pipe(duplex=False)
            # Not a daemon: a daemonic process may not start the pool that fork_map uses.
            process = ctx.Process(target=_send_result, args=(fn, child_end))
            try:
                process.start()
                self._process = process
            except OSError:  # no process to spare: compute it in result() after all
                self._conn.close()
            child_end.close()

    def result(self) -> Any:
        if self._process is None:
            return self._fn()
        try:
            data = self._conn.recv_bytes()
        except EOFError:  # it died without a word (killed, out of memory)
            data = None
        self._end()
        if data is None:
            raise RuntimeError("het achtergrondproces stopte zonder resultaat")
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop the computation if its result was not collected (an error elsewhere, Ctrl-C)."""
        if self._process is not None:
            self._process.terminate()
            self._end()

    def _end(self) -> None:
        self._process.join()
        self._conn.close()
        self._process = None

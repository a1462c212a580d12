"""Run independent pieces of a sweep on several cores, or a whole computation next to other work.

Workers are forked, so they share the loaded catalog without pickling it; only each
piece's (small, aggregated) result travels back. Results are combined in piece order,
so the outcome is the same for any number of jobs.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from journeykit.errors import JourneykitError, PluginError

if TYPE_CHECKING:
    from journeykit.catalog import Catalog


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def fork_map(work: Callable[[Any], Any], pieces: list[Any], jobs: int) -> Iterator[Any]:
    """``work(piece)`` for every piece, in order; in ``jobs`` forked processes when that helps.

    Worker k does pieces k, k + jobs, ...; the pieces of a sweep are of equal size, so this
    balances as well as a shared queue would, and a worker that dies (killed, out of memory,
    a plugin calling os._exit) is noticed at once instead of leaving the caller waiting.
    """
    if jobs <= 1 or len(pieces) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for piece in pieces:
            yield work(piece)
        return
    ctx = multiprocessing.get_context("fork")
    jobs = min(jobs, len(pieces))
    workers = []
    try:
        for k in range(jobs):
            conn, child_end = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_serve, args=(work, pieces, range(k, len(pieces), jobs), child_end))
            workers.append((process, conn))  # first, so that a Ctrl-C during start() still stops it below
            process.start()
            child_end.close()
        for i in range(len(pieces)):
            yield _receive(workers[i % jobs][1])
    finally:
        for process, conn in workers:  # Ctrl-C, an error, or done: leave nothing running
            if process.pid is not None:  # started
                if process.is_alive():
                    process.terminate()
                process.join()
            conn.close()


def _serve(work: Callable[[Any], Any], pieces: list[Any], mine: range, conn: Any) -> None:
    # The parent handles Ctrl-C and stops the workers itself; a worker only does its pieces.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    for i in mine:
        try:
            outcome = (True, work(pieces[i]))
        except BaseException as e:  # noqa: BLE001 - every error goes back to the parent, which raises it there
            outcome = (False, e)
        if not _send(conn, outcome) or not outcome[0]:
            break
    conn.close()


def _send(conn: Any, outcome: tuple[bool, Any]) -> bool:
    """Send (ok, value or error) to the parent; False when the parent stopped listening."""
    try:
        data = pickle.dumps(outcome)
    except Exception:  # the value or the error does not pickle: send what it said
        data = pickle.dumps((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}")))
    try:
        conn.send_bytes(data)
    except OSError:
        return False
    return True


def _receive(conn: Any) -> Any:
    try:
        data = conn.recv_bytes()
    except EOFError:  # it died without a word
        raise JourneykitError(
            "een werkproces stopte onverwacht zonder resultaat (gestopt van buitenaf, geen "
            "geheugen meer, of een plugin die het proces beëindigde); probeer het met --jobs 1 om "
            "de oorzaak te zien"
        ) from None
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value


def _stop(signum: int, frame: Any) -> None:
    raise SystemExit(1)


def _send_result(fn: Callable[[], Any], conn: Any) -> None:
    # Background.close() stops the work with SIGTERM; as an exception it lets a fork_map inside
    # fn stop its own workers too, instead of leaving them behind.
    signal.signal(signal.SIGTERM, _stop)
    try:
        outcome = (True, fn())
    except BaseException as e:  # noqa: BLE001 - every error goes back to the parent, which raises it there
        outcome = (False, e)
    _send(conn, outcome)


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
            return _receive(self._conn)
        finally:
            self._end()

    def close(self) -> None:
        """Stop the computation if its result was not collected (an error elsewhere, Ctrl-C)."""
        if self._process is not None:
            self._process.terminate()
            self._end()

    def _end(self) -> None:
        self._process.join()
        self._conn.close()
        self._process = None


# --- pieces of a sweep, with the plugin errors met in them -------------------------------------

CHUNK = 2000  # groups per piece of a parallel sweep: small enough to balance, large enough to be cheap


def pieces(sizes: list[int], chunk: int = CHUNK) -> list[tuple[int, int, int]]:
    return [(t, a, min(a + chunk, n)) for t, n in enumerate(sizes) for a in range(0, n, chunk)]


def collect(cat: Catalog, work: Callable, pieces: list, jobs: int) -> Iterator[Any]:
    """Run ``work`` over ``pieces`` (in forked workers when jobs > 1), yielding results in order.

    Plugin errors met inside a piece travel back with its result, so they are reported
    the same way whatever the number of jobs.
    """

    def run(piece):
        n = len(cat.plugins.errors)
        result = work(piece)
        new = [(f.plugin, f.reden) for f in cat.plugins.errors[n:]]  # plain data crosses processes safely
        del cat.plugins.errors[n:]
        return result, new

    for result, fouten in fork_map(run, pieces, jobs):
        seen = {(f.plugin, f.reden) for f in cat.plugins.errors}
        cat.plugins.errors.extend(PluginError(p, r) for p, r in fouten if (p, r) not in seen)
        yield result

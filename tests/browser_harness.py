"""Browser-test harness: look at journeykit's HTML, Mermaid and DOT output in a real browser.

Everything here drives tools installed by ``scripts/setup-browser-tests.sh`` (Debian's
chromium and graphviz, and ``tests/browser/node_modules`` with playwright-core + mermaid):

- ``available()`` / ``missing()`` / ``require()``: are the tools there? (tests should call
  ``require()`` and FAIL, not skip, when they are not);
- ``inspect(pages, mermaid)``: open pages in headless chromium with every request that would
  leave the machine blocked, and render Mermaid sources with the local mermaid library
  (see ``tests/browser/inspect.mjs`` for the exact shape of the result);
- ``problems(page)`` / ``assert_clean(page)``: what is wrong with one inspected page;
- ``serve(directory)``: a quiet local HTTP server that records the paths requested from it;
- ``dot_layout(source)``: ``dot -Tsvg``;
- ``ARTIFACTS``: where tests put screenshots and other files worth looking at (gitignored).

Stdlib + pytest only.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
from collections.abc import Iterable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSER_DIR = ROOT / "tests" / "browser"
INSPECT_SCRIPT = BROWSER_DIR / "inspect.mjs"
SETUP_SCRIPT = ROOT / "scripts" / "setup-browser-tests.sh"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("JOURNEYKIT_CHROMIUM", "/usr/bin/chromium"))

PAGE_TIMEOUT_S = 20  # per page and per diagram, enforced inside inspect.mjs
_LAUNCH_BUDGET_S = 40
_SETUP_HINT = f"run `bash {SETUP_SCRIPT.relative_to(ROOT)}` (make test does this) to install them"


# --- availability ----------------------------------------------------------------------------


def missing() -> list[str]:
    """What the browser tests need but is not installed (empty when all is there)."""
    gaps = []
    if shutil.which("node") is None:
        gaps.append("node (Node.js) on PATH")
    if not os.access(CHROMIUM, os.X_OK):
        gaps.append(f"{CHROMIUM} (Debian package chromium)")
    if shutil.which("dot") is None:
        gaps.append("dot (Debian package graphviz)")
    for rel in ("playwright-core/package.json", "mermaid/dist/mermaid.min.js"):
        if not (BROWSER_DIR / "node_modules" / rel).is_file():
            gaps.append(f"tests/browser/node_modules/{rel} (npm ci in tests/browser)")
    return gaps


def available() -> bool:
    """True when chromium, dot, node and the npm packages are all installed."""
    return not missing()


def require() -> None:
    """Fail the calling test (never skip it) when a tool is missing."""
    gaps = missing()
    if gaps:
        pytest.fail("browser-test tools missing: " + "; ".join(gaps) + f" -- {_SETUP_HINT}", pytrace=False)


# --- the browser -----------------------------------------------------------------------------


def inspect(pages: list[dict], mermaid: Iterable[dict] = (), *, timeout_ms: int | None = None) -> dict:
    """Run one headless-chromium job through tests/browser/inspect.mjs and return its result.

    ``pages``: ``{"url": ..., "screenshot": "/abs/x.png" | None, "full_page": True}`` each
    (optional ``viewport``: ``{"width", "height"}``, ``timeout_ms``); ``mermaid``:
    ``{"id": ..., "source": ...}`` each. The result has ``pages`` (url, ok, error, status,
    title, console, page_errors, requests, external_requests, external_blocked, text,
    screenshot, elapsed_ms), ``mermaid`` (id, ok, error, svg), ``mermaid_page`` (mermaid
    version, its console/page errors and outside requests), ``browser`` and ``error``.
    Raises AssertionError (with node's stderr) when the job as a whole fails.
    """
    pages = [dict(p) for p in pages]
    for p in pages:
        if p.get("screenshot") is not None:
            p["screenshot"] = str(Path(p["screenshot"]).resolve())
    diagrams = [dict(d) for d in mermaid]
    job = {"pages": pages, "mermaid": diagrams}
    per_item_ms = timeout_ms or PAGE_TIMEOUT_S * 1000
    if timeout_ms:
        job["timeout_ms"] = timeout_ms
    # inspect.mjs has its own watchdog; this outer limit is only for a wedged node process.
    budget = _LAUNCH_BUDGET_S + sum((p.get("timeout_ms") or per_item_ms) / 1000 + 8 for p in pages)
    budget += (per_item_ms / 1000) * (len(diagrams) + 1) + 10 if diagrams else 0

    node = shutil.which("node")
    if node is None or not INSPECT_SCRIPT.is_file():
        raise AssertionError(f"cannot run {INSPECT_SCRIPT}: node or the script is missing -- {_SETUP_HINT}")
    proc = subprocess.Popen(
        [node, str(INSPECT_SCRIPT)],
        cwd=BROWSER_DIR,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        out, err = proc.communicate(json.dumps(job), timeout=budget)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGTERM)  # playwright closes chromium on SIGTERM
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        raise AssertionError(f"inspect.mjs did not finish within {budget:.0f} s\nstderr:\n{err}") from None
    if proc.returncode != 0:
        raise AssertionError(f"inspect.mjs failed (exit {proc.returncode})\nstderr:\n{err}\nstdout:\n{out[-2000:]}")
    try:
        return json.loads(out)
    except json.JSONDecodeError as e:
        raise AssertionError(
            f"inspect.mjs printed no valid JSON ({e})\nstderr:\n{err}\nstdout:\n{out[-2000:]}"
        ) from None


def problems(page: dict) -> list[str]:
    """What is wrong with one inspected page (empty when it loaded cleanly): load failure,
    console errors and warnings, uncaught exceptions, requests that would leave the machine."""
    found = []
    if not page.get("ok"):
        found.append(f"did not load: {page.get('error')}")
    for m in page.get("console", []):
        loc = m.get("location") or {}
        found.append(f"console {m['type']}: {m['text']} ({loc.get('url')}:{loc.get('line')})")
    for e in page.get("page_errors", []):
        found.append(f"uncaught: {e['message']}")
    for r in page.get("external_requests", []):
        found.append(f"external request{'' if r.get('blocked') else ' NOT BLOCKED'}: {r['url']}")
    return found


def assert_clean(page: dict) -> None:
    """Assert a page from ``inspect()`` loaded with no errors, warnings or outside requests."""
    found = problems(page)
    assert not found, f"{page.get('url')}:\n  " + "\n  ".join(found)


# --- a local web server ----------------------------------------------------------------------


class ServedURL(str):
    """The base URL of a running ``serve()`` (no trailing slash), plus what was asked of it."""

    requests: list[tuple[str, str]]  # (method, path) in arrival order

    @property
    def paths(self) -> list[str]:
        return [path for _method, path in list(self.requests)]

    @property
    def connections(self) -> int:
        """TCP connections accepted so far (a preconnect opens one without a request)."""
        return self._server.connections


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".svg": "image/svg+xml",
        ".json": "application/json",
        ".woff2": "font/woff2",
        ".wasm": "application/wasm",
    }

    def __init__(self, *args, record, **kwargs):
        self._record = record
        super().__init__(*args, **kwargs)

    def log_request(self, code="-", size="-"):  # called once per answered request, 404s included
        self._record(self.command, self.path)

    def log_message(self, format, *args):  # quiet
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class _CountingHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    connections = 0  # TCP connections accepted, with or without a request on them

    def verify_request(self, request, client_address):
        self.connections += 1
        return True


class _CountingHTTPServer6(_CountingHTTPServer):
    address_family = socket.AF_INET6


@contextlib.contextmanager
def serve(directory: str | os.PathLike, host: str = "127.0.0.1") -> Iterator[ServedURL]:
    """Serve ``directory`` over HTTP on ``host`` (127.0.0.1, or e.g. "::1") and a free port;
    yields the base URL (a str, no trailing slash).

    ``base.paths`` lists every path requested so far (query strings included), and
    ``base.connections`` counts the TCP connections accepted."""
    directory = Path(directory).resolve()
    if not directory.is_dir():
        raise AssertionError(f"serve(): {directory} is not a directory")
    requests: list[tuple[str, str]] = []
    lock = threading.Lock()

    def record(method: str, path: str) -> None:
        with lock:
            requests.append((method, path))

    handler = functools.partial(_QuietHandler, directory=str(directory), record=record)
    server_class = _CountingHTTPServer6 if ":" in host else _CountingHTTPServer
    server = server_class((host.strip("[]"), 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    netloc = f"[{host.strip('[]')}]" if ":" in host else host
    base = ServedURL(f"http://{netloc}:{server.server_address[1]}")
    base.requests = requests
    base._server = server
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- graphviz --------------------------------------------------------------------------------


def dot_layout(source: str, fmt: str = "svg", timeout: float = 30) -> str:
    """Lay ``source`` out with ``dot -T<fmt>`` and return the output; raise with dot's stderr."""
    dot = shutil.which("dot")
    if dot is None:
        raise AssertionError(f"dot (graphviz) is not installed -- {_SETUP_HINT}")
    try:
        proc = subprocess.run(
            [dot, f"-T{fmt}"], input=source, capture_output=True, text=True, encoding="utf-8", timeout=timeout
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"dot -T{fmt} did not finish within {timeout} s") from None
    if proc.returncode != 0 or not proc.stdout.strip():
        raise AssertionError(f"dot -T{fmt} failed (exit {proc.returncode}):\n{proc.stderr.strip()}")
    return proc.stdout

"""HTML pages as PDF (A3 landscape, as the pages ask) and as PNG (the whole page), by headless Chromium.

Chromium runs without a shell, headless, with a temporary profile that is removed afterwards, and with its
background services off. It is driven over a pipe (the DevTools protocol on file descriptors 3 and 4), not
over a network port; no host name resolves for it, and every request a page would make to the network is
refused. journeykit's pages request nothing, but an export must work offline all the same. One browser
serves all pages of a command, so exporting many maps costs one start.
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
import select
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from journeykit.errors import JourneykitError
from journeykit.render.files import OutputFolder

# Where Chromium is looked for, after the environment variable JOURNEYKIT_CHROMIUM.
DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
INSTALL_HINT = (
    "installeer Chromium (Debian of Ubuntu: sudo apt-get install chromium) of Google Chrome, "
    "of wijs met JOURNEYKIT_CHROMIUM naar het programma"
)

# A page without an @page size of its own is printed on A3 landscape too (inches, as the protocol wants).
A3_LANDSCAPE = (420 / 25.4, 297 / 25.4)
MARGIN = 10 / 25.4
PNG_WIDTH = 1500  # CSS pixels: the window a PNG starts from; a page that is wider widens it
MAX_PNG_SIDE = 30000  # pixels; a page larger than this is cut off there (Chromium cannot draw more at once)
START_TIMEOUT = 30.0  # seconds for Chromium to start
PAGE_TIMEOUT = 60.0  # seconds per step of an export

FLAGS = (
    "--headless",
    "--remote-debugging-pipe",
    # no first tab: its start-up races with the tab an export opens, and can take that tab's renderer down
    "--no-startup-window",
    "--no-first-run",
    "--no-default-browser-check",
    # what a browser does by itself on the network: updates, sync, pings, safe browsing, time, translation
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    "--no-pings",
    "--metrics-recording-only",
    "--disable-features=Translate,OptimizationHints,OptimizationGuideModelDownloading,MediaRouter,"
    "DialMediaRouteProvider,AutofillServerCommunication,CertificateTransparencyComponentUpdater,"
    "NetworkTimeServiceQuerying",
    # and should anything still try: no host name resolves
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--force-color-profile=srgb",
    "--no-pdf-header-footer",
)
# Requests a page could make that would leave the machine; each is refused while the page loads.
_NETWORK = ("http:*", "https:*", "ws:*", "wss:*", "ftp:*")
# How wide a page wants to be, in CSS pixels: the page, or what scrolls sideways inside it (a wide table),
# with the page's right margin. Our own expression, evaluated in the page; nothing from the page is run.
_WIDEST = """(() => {
  const margin = parseFloat(getComputedStyle(document.body).marginRight) || 0;
  let widest = document.documentElement.scrollWidth;
  for (const e of document.body.querySelectorAll("*")) {
    const hidden = e.scrollWidth - e.clientWidth;
    if (hidden > 1) widest = Math.max(widest, e.getBoundingClientRect().right + window.scrollX + hidden + margin);
  }
  return Math.round(widest);
})()"""
# The dates Chromium stamps into a PDF: blanked (same length, so every offset stays right), so that the
# same page gives the same bytes.
_PDF_DATES = re.compile(rb"/(?:CreationDate|ModDate) \(D:[0-9Z+\-']*\)")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class ExportError(JourneykitError):
    """A PDF or PNG could not be made. Not bad input: the HTML is fine, so the exit code is 1."""

    exit_code = 1


class ChromiumNotFound(ExportError):
    """No Chromium to export with."""


class _PageGone(ExportError):
    """The tab of a page went away (its renderer stopped); the page is tried once more."""


def find_chromium() -> Path:
    """Chromium or Chrome: JOURNEYKIT_CHROMIUM if set, else /usr/bin/chromium, else the first on PATH."""
    chosen = os.environ.get("JOURNEYKIT_CHROMIUM")
    if chosen:
        path = Path(chosen).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise ChromiumNotFound(
            f"geen Chromium voor PDF of PNG: JOURNEYKIT_CHROMIUM wijst naar {chosen}, maar daar staat geen "
            f"programma; {INSTALL_HINT}"
        )
    if os.access(DEFAULT_CHROMIUM, os.X_OK):
        return DEFAULT_CHROMIUM
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    raise ChromiumNotFound(f"geen Chromium gevonden voor PDF of PNG; {INSTALL_HINT}")


def pdf(html: Path, target: Path) -> Path:
    """Print ``html`` to the PDF ``target``, written whole or not at all; returns where it was written."""
    with Browser() as browser:
        data = browser.pdf(html)
    return OutputFolder(target.parent).write(target.name, data)


def png(html: Path, target: Path, width: int = PNG_WIDTH) -> Path:
    """A picture of the whole page ``html``, at least ``width`` CSS pixels wide, as the PNG ``target``."""
    with Browser() as browser:
        data = browser.png(html, width)
    return OutputFolder(target.parent).write(target.name, data)


class Browser:
    """One headless Chromium for a series of exports: ``with Browser() as browser: browser.pdf(page)``."""

    def __init__(self, executable: Path | None = None, timeout: float = PAGE_TIMEOUT):
        self.executable = executable
        self.timeout = timeout
        self._pid: int | None = None
        self._dir: Path | None = None
        self._read = self._write = -1
        self._buffer = bytearray()
        self._loaded: set[str] = set()  # sessions whose page has loaded
        self._session: str | None = None  # the tab being exported
        self._last_id = 0
        self._broken = False  # Chromium stopped answering: no more messages to it

    # --- the process ------------------------------------------------------------------------------

    def __enter__(self) -> Browser:
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        executable = self.executable or find_chromium()
        if not hasattr(os, "posix_spawn"):
            raise ExportError(
                "PDF en PNG maken kan op dit besturingssysteem niet: journeykit kan Chromium niet starten"
            )
        self._dir = Path(tempfile.mkdtemp(prefix="journeykit-chromium-"))
        (self._dir / "profiel").mkdir()
        child_read, child_write = -1, -1
        try:
            # Numbered 10 and up, so that placing them at 3 and 4 in Chromium cannot overwrite one another.
            child_read, self._write = _pipe_above(10)
            self._read, child_write = _pipe_above(10)
            argv = [str(executable), *FLAGS, f"--user-data-dir={self._dir / 'profiel'}"]
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                argv.insert(1, "--no-sandbox")  # Chromium's sandbox refuses to run as root
            actions = [
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_OPEN, 1, str(self._dir / "chromium.log"), os.O_WRONLY | os.O_CREAT, 0o600),
                (os.POSIX_SPAWN_DUP2, 1, 2),
                (os.POSIX_SPAWN_DUP2, child_read, 3),
                (os.POSIX_SPAWN_DUP2, child_write, 4),
            ]
            # UTC: the PDF's dates (blanked anyway) and nothing else depend on the machine's time zone.
            env = {**os.environ, "TZ": "UTC"}
            # Its own process group, so that Chromium can be stopped with every helper process it started.
            self._pid = os.posix_spawn(str(executable), argv, env, file_actions=actions, setpgroup=0)
        except OSError as e:
            raise ExportError(f"kan Chromium ({executable}) niet starten: {e.strerror or e}") from None
        finally:
            for fd in (child_read, child_write):
                if fd >= 0:
                    os.close(fd)
        self._call("Target.getTargets", timeout=START_TIMEOUT)  # answered once the browser is up

    def close(self) -> None:
        """Stop Chromium (asking first, then by force) and remove its temporary profile."""
        if self._pid is not None:
            if not self._broken:
                try:
                    self._send("Browser.close")
                except ExportError:
                    pass
            if not self._wait(5.0):
                _kill_group(self._pid)
                self._wait(5.0)
            self._pid = None
        for fd in (self._read, self._write):
            if fd >= 0:
                os.close(fd)
        self._read = self._write = -1
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def _wait(self, seconds: float) -> bool:
        """Whether Chromium ended within ``seconds``; a helper process it leaves is stopped too."""
        assert self._pid is not None
        deadline = time.monotonic() + seconds
        while True:
            try:
                pid, _ = os.waitpid(self._pid, os.WNOHANG)
            except ChildProcessError:
                pid = self._pid
            if pid:
                _kill_group(self._pid)
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)

    def _failed(self, what: str) -> ExportError:
        self._broken = True
        return ExportError(f"{what}{self._log_tail()}")

    def _log_tail(self) -> str:
        """Chromium's last error line, if it wrote one."""
        try:
            text = (self._dir / "chromium.log").read_text(encoding="utf-8", errors="replace") if self._dir else ""
        except OSError:
            return ""
        errors = [x for x in text.splitlines() if re.search(r":(ERROR|FATAL):", x) and "dbus" not in x.lower()]
        return f" (Chromium meldt: {errors[-1][:300]})" if errors else ""

    # --- the protocol -----------------------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        try:
            while data:
                data = data[os.write(self._write, data) :]
        except OSError:
            raise self._failed("Chromium stopte onverwacht") from None
        return self._last_id

    def _call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None, timeout: float = 0
    ) -> dict[str, Any]:
        """Send one command and wait for its answer."""
        call = self._send(method, params, session)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            message = self._next(deadline)
            if message.get("id") == call:
                if "error" in message:
                    error = message["error"].get("message", "")
                    raise ExportError(f"Chromium kon {method} niet uitvoeren: {error}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def _next(self, deadline: float) -> dict[str, Any]:
        """The next message from Chromium; the events that matter are handled on the way."""
        while True:
            end = self._buffer.find(b"\0")
            if end < 0:
                self._fill(deadline)
                continue
            message: dict[str, Any] = json.loads(bytes(self._buffer[:end]))
            del self._buffer[: end + 1]
            event, session = message.get("method"), message.get("sessionId")
            if event == "Fetch.requestPaused":  # only requests to the network are paused: refuse each
                request = {"requestId": message["params"]["requestId"], "errorReason": "BlockedByClient"}
                self._send("Fetch.failRequest", request, session)
            elif event == "Page.loadEventFired" and session:
                self._loaded.add(session)
            elif event in ("Inspector.detached", "Inspector.targetCrashed") and session and session == self._session:
                raise _PageGone("Chromium kon de pagina niet tonen: het tabblad stopte")
            return message

    def _fill(self, deadline: float) -> None:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([self._read], [], [], left)[0]:
            raise self._failed(f"Chromium antwoordde niet binnen {self.timeout:.0f} seconden")
        chunk = os.read(self._read, 1 << 20)
        if not chunk:
            raise self._failed("Chromium stopte onverwacht")
        self._buffer += chunk

    # --- pages ------------------------------------------------------------------------------------

    def _export(self, html: Path, width: int, make: Callable[[str], bytes]) -> bytes:
        """Load ``html`` in a new tab ``width`` CSS pixels wide and ``make`` the export from it (its session)."""
        url = Path(html).resolve().as_uri()
        for attempt in (1, 2):
            # The tab's size is given here: emulating it before the tab is ready can stop its renderer.
            tab = {"url": "about:blank", "width": width, "height": 1000, "newWindow": True}
            target = self._call("Target.createTarget", tab)["targetId"]
            try:
                attached = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})
                self._session = session = attached["sessionId"]
                self._call("Fetch.enable", {"patterns": [{"urlPattern": p} for p in _NETWORK]}, session)
                self._call("Page.enable", {}, session)
                opened = self._call("Page.navigate", {"url": url}, session)
                if opened.get("errorText"):
                    raise ExportError(f"Chromium kan {html} niet openen: {opened['errorText']}")
                deadline = time.monotonic() + self.timeout
                while session not in self._loaded:
                    self._next(deadline)
                return make(session)
            except _PageGone:
                if attempt == 2:
                    raise
            finally:
                self._session = None
                self._loaded.clear()
                if not self._broken:
                    try:
                        self._call("Target.closeTarget", {"targetId": target})
                    except ExportError:
                        pass  # the tab is gone already
        raise AssertionError("unreachable")  # pragma: no cover

    def _viewport(self, session: str, width: int, height: int) -> None:
        size = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self._call("Emulation.setDeviceMetricsOverride", size, session)

    def pdf(self, html: Path) -> bytes:
        """The page printed as it asks (journeykit's pages: A3 landscape, 10 mm margins), with its colours."""

        def make(session: str) -> bytes:
            options = {
                "printBackground": True,
                "preferCSSPageSize": True,
                "paperWidth": A3_LANDSCAPE[0],
                "paperHeight": A3_LANDSCAPE[1],
                **{f"margin{side}": MARGIN for side in ("Top", "Bottom", "Left", "Right")},
                "displayHeaderFooter": False,
            }
            return base64.b64decode(self._call("Page.printToPDF", options, session)["data"])

        data = self._export(html, PNG_WIDTH, make)
        if not data.startswith(b"%PDF"):
            raise ExportError(f"Chromium gaf voor {html.name} geen PDF terug")
        return _PDF_DATES.sub(lambda m: b" " * len(m.group()), data, count=2)

    def png(self, html: Path, width: int = PNG_WIDTH, height: int | None = None) -> bytes:
        """A picture of the whole page, at least ``width`` CSS pixels wide (wider if the page is); with ``height``
        only its top, at most that many CSS pixels."""

        def make(session: str) -> bytes:
            widest = self._call("Runtime.evaluate", {"expression": _WIDEST, "returnByValue": True}, session)
            full_width = min(max(width, int(widest.get("result", {}).get("value") or 0)), MAX_PNG_SIDE)
            if full_width > width:
                self._viewport(session, full_width, 1000)  # the page is wider than the window: widen it
            size = self._call("Page.getLayoutMetrics", {}, session)["cssContentSize"]
            full_height = min(max(math.ceil(size["height"]), 1), height or MAX_PNG_SIDE, MAX_PNG_SIDE)
            self._viewport(session, full_width, full_height)  # a window as large as the page
            clip = {"x": 0, "y": 0, "width": full_width, "height": full_height, "scale": 1}
            shot = self._call("Page.captureScreenshot", {"format": "png", "clip": clip}, session)
            return base64.b64decode(shot["data"])

        data = self._export(html, width, make)
        if not data.startswith(_PNG_MAGIC):
            raise ExportError(f"Chromium gaf voor {html.name} geen PNG terug")
        return data


def _pipe_above(lowest: int) -> tuple[int, int]:
    """A pipe (read end, write end) whose descriptors are numbered ``lowest`` or higher, closed on exec."""
    import fcntl

    ends = os.pipe()
    try:
        return fcntl.fcntl(ends[0], fcntl.F_DUPFD_CLOEXEC, lowest), fcntl.fcntl(ends[1], fcntl.F_DUPFD_CLOEXEC, lowest)
    finally:
        os.close(ends[0])
        os.close(ends[1])


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass

"""Build the plugin manager: default plugins, installed entry points, and plugins named by path.

A plugin that fails to import, or raises in a hook, is recorded with its reason
and skipped; the other plugins keep working. Every hook call runs under a time
limit, so a plugin that never returns cannot hang journeykit.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import math
import os
import queue
import sys
import threading
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pluggy

from journeykit import hookspecs
from journeykit.errors import PluginFout

ENTRY_POINT_GROUP = "journeykit"
DEFAULT_PLUGINS = ("journeykit.default_plugins.formats",)
# Seconds one hook call may take; JOURNEYKIT_HOOK_TIMEOUT overrides it (tests lower it).
HOOK_TIMEOUT = 5.0


def hook_timeout() -> float:
    raw = os.environ.get("JOURNEYKIT_HOOK_TIMEOUT", "").strip()
    try:
        value = float(raw) if raw else HOOK_TIMEOUT
    except ValueError:
        return HOOK_TIMEOUT
    return value if value > 0 and math.isfinite(value) else HOOK_TIMEOUT


class _Fouten(list):
    """Plugin errors, each text once: a hook that fails in every walk of a sweep is one problem, not thousands."""

    def append(self, fout: PluginFout) -> None:
        if str(fout) not in map(str, self):
            super().append(fout)


class _Job:
    __slots__ = ("fn", "args", "kwargs", "done", "result", "error")

    def __init__(self, fn: Any, args: tuple, kwargs: dict):
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.fn(*self.args, **self.kwargs)
        except BaseException as e:  # SystemExit from a plugin too: it must not end journeykit
            self.error = e
        finally:
            self.done.set()


class _Worker:
    """One thread that runs plugin code, so that a call can be abandoned when it takes too long.

    It is a daemon thread: a hook that never returns must not keep the process alive at exit.
    A thread per call would do too, but costs several times more in sweeps that call a hook per step.
    """

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self.pid = os.getpid()  # a forked child (parallel sweeps) has no copy of this thread
        self.thread = threading.Thread(target=self._run, name="journeykit-plugin", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            self.jobs.get().run()


class HookTeLaat(PluginFout):
    """A plugin call did not return within the time limit."""


class Plugins:
    """A PluginManager plus the errors met while loading and calling plugins."""

    def __init__(self, paths: Iterable[str] = (), entry_points: bool = True):
        self.pm = pluggy.PluginManager("journeykit")
        self.pm.add_hookspecs(hookspecs)
        self.fouten: list[PluginFout] = _Fouten()
        self.timeout = hook_timeout()
        self._worker: _Worker | None = None
        # (plugin, what) that ran out of time once: calling them again would cost the time limit every time.
        self._te_laat: set[tuple[str, str]] = set()
        for name in DEFAULT_PLUGINS:
            self.pm.register(importlib.import_module(name), name=name)
        # JOURNEYKIT_ENTRY_POINTS=0 ignores installed plugins (for tests and for checking one plugin alone).
        if entry_points and os.environ.get("JOURNEYKIT_ENTRY_POINTS", "1") != "0":
            self._load_entry_points()
        env = os.environ.get("JOURNEYKIT_PLUGINS", "")
        for path in [p for p in env.split(os.pathsep) if p.strip()] + list(paths):
            self.load_path(path)

    def _load_entry_points(self) -> None:
        for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            if self.pm.has_plugin(ep.name):
                continue
            try:
                module = ep.load()
            except (Exception, SystemExit) as e:  # a third-party plugin may fail in any way, even sys.exit()
                self.fouten.append(PluginFout(ep.name, f"kan niet laden: {_reason(e)}"))
                continue
            self._register(module, ep.name)

    def load_path(self, path: str) -> None:
        """Load a plugin from a module file, a package directory, or an importable module name."""
        p = Path(path)
        name = p.stem if p.suffix == ".py" else p.name
        try:
            if p.is_dir():
                init = p / "__init__.py"
                if not init.is_file():
                    raise ImportError(f"map {p} is geen Python-package (geen __init__.py)")
                spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(p)])
            elif p.is_file():
                spec = importlib.util.spec_from_file_location(f"journeykit_plugin_{name}", p)
            elif p.suffix == ".py" or os.sep in path:
                raise ImportError(f"bestand {path} bestaat niet")
            else:
                self._register(importlib.import_module(path), path)
                return
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules.pop(spec.name, None)
                raise
        except (Exception, SystemExit) as e:
            self.fouten.append(PluginFout(name, f"kan niet laden: {_reason(e)}"))
            return
        self._register(module, name)

    def _register(self, module: Any, name: str) -> None:
        try:
            self.pm.register(module, name=name)
        except Exception as e:
            self.fouten.append(PluginFout(name, f"kan niet registreren: {_reason(e)}"))

    def call(self, plugin: str, wat: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """``fn(*args, **kwargs)`` for ``plugin`` under the time limit.

        The plugin's own exceptions pass through; running out of time raises HookTeLaat naming
        the plugin and ``wat``, and after that ``wat`` of that plugin is not called again.
        """
        if (plugin, wat) in self._te_laat:
            raise HookTeLaat(plugin, f"{wat} wordt overgeslagen: reageerde eerder niet binnen {self.timeout:g} s")
        if self._worker is not None and threading.current_thread() is self._worker.thread:
            return fn(*args, **kwargs)  # plugin code calling journeykit again: the outer call is already timed
        if self._worker is None or self._worker.pid != os.getpid():
            self._worker = _Worker()
        job = _Job(fn, args, kwargs)
        self._worker.jobs.put(job)
        if not job.done.wait(self.timeout):
            # The worker is stuck in this call; leave it behind and start a fresh one for the next call.
            self._worker = None
            self._te_laat.add((plugin, wat))
            raise HookTeLaat(plugin, f"{wat} reageerde niet binnen {self.timeout:g} s en is afgebroken; "
                             "journeykit roept het in deze run niet meer aan (grens: JOURNEYKIT_HOOK_TIMEOUT)")
        if job.error is not None:
            raise job.error
        return job.result

    def call_each(self, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """(plugin name, result) for every implementation of ``hook``; a raising or hanging plugin is recorded."""
        caller = getattr(self.pm.hook, hook)
        for impl in reversed(caller.get_hookimpls()):
            if (impl.plugin_name, hook) in self._te_laat:
                continue  # already reported when it ran out of time
            args = {k: kwargs[k] for k in impl.argnames}
            try:
                result = self.call(impl.plugin_name, hook, impl.function, **args)
            except HookTeLaat as e:
                self.fouten.append(e)
                continue
            except (Exception, SystemExit) as e:
                self.fouten.append(PluginFout(impl.plugin_name, f"fout in {hook}: {_reason(e)}"))
                continue
            if result is not None:
                yield impl.plugin_name, result

    def first(self, hook: str, **kwargs: Any) -> Any:
        """The first non-None result of ``hook``, like a firstresult call, but fault-tolerant."""
        for _, result in self.call_each(hook, **kwargs):
            return result
        return None

    def names(self) -> list[str]:
        return sorted(name for name, _ in self.pm.list_name_plugin())


def _reason(e: BaseException) -> str:
    """A one-line reason with the plugin's own file and line, never a traceback dump."""
    frames = traceback.extract_tb(e.__traceback__)
    where = ""
    for fr in reversed(frames):
        if "importlib" not in fr.filename and "pluggy" not in fr.filename:
            where = f" ({Path(fr.filename).name}:{fr.lineno})"
            break
    text = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {text}{where}" if text else f"{type(e).__name__}{where}"

"""Build the plugin manager: default plugins, installed entry points, and plugins named by path.

Plugins are other people's code running inside journeykit. Every call into a plugin, a hook
or a function a hook returned, goes through one guard (``Plugins.call``): it runs under a time
limit, and whatever the plugin raises, even ``SystemExit`` or ``KeyboardInterrupt``, becomes a
``PluginError`` naming the plugin. Only the user's own Ctrl-C, which arrives in the main thread,
stops journeykit. A plugin that fails costs only itself; the others keep working.
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
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

import pluggy

from journeykit import hookspecs
from journeykit.errors import PluginError, kort

ENTRY_POINT_GROUP = "journeykit"
DEFAULT_PLUGINS = ("journeykit.default_plugins.formats",)
# Seconds one plugin call may take; JOURNEYKIT_HOOK_TIMEOUT overrides it (tests lower it).
HOOK_TIMEOUT = 5.0


def hook_timeout() -> float:
    raw = os.environ.get("JOURNEYKIT_HOOK_TIMEOUT", "").strip()
    try:
        value = float(raw) if raw else HOOK_TIMEOUT
    except ValueError:
        return HOOK_TIMEOUT
    return value if value > 0 and math.isfinite(value) else HOOK_TIMEOUT


def selected_entry_points() -> set[str] | None:
    """The installed plugins to load by name (JOURNEYKIT_LOAD_PLUGINS), or None for all of them.

    As DATASETTE_LOAD_PLUGINS and LLM_LOAD_PLUGINS: a comma-separated list of entry-point
    names; an empty value loads none.
    """
    raw = os.environ.get("JOURNEYKIT_LOAD_PLUGINS")
    if raw is None:
        return None
    return {name.strip() for name in raw.split(",") if name.strip()}


class _Errors(list):
    """Plugin errors, each text once: a hook that fails in every walk of a sweep is one problem, not thousands."""

    def append(self, fout: PluginError) -> None:
        if str(fout) not in map(str, self):
            super().append(fout)


class _Job:
    __slots__ = ("fn", "args", "kwargs", "convert", "done", "result", "error")

    def __init__(self, fn: Callable, args: tuple, kwargs: dict, convert: Callable | None):
        self.fn, self.args, self.kwargs, self.convert = fn, args, kwargs, convert
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
            # Checking what came back can run plugin code too (a dict subclass, a property):
            # it happens here, under the same time limit and the same net.
            self.result = self.convert(result) if self.convert else result
        except BaseException as e:  # noqa: BLE001 - SystemExit or KeyboardInterrupt from a plugin is the plugin's
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


class HookTimeout(PluginError):
    """A plugin call did not return within the time limit."""


class Unusable(Exception):
    """Raised by a ``convert`` function: what the plugin returned cannot be used, and why."""


class Plugins:
    """A PluginManager plus the errors met while loading and calling plugins."""

    def __init__(self, paths: Iterable[str] = (), entry_points: bool | Collection[str] = True):
        """``entry_points``: True loads installed plugins as the environment says, False none,
        a collection of entry-point names exactly those (whatever the environment says)."""
        self.pm = pluggy.PluginManager("journeykit")
        self.pm.add_hookspecs(hookspecs)
        self.errors: list[PluginError] = _Errors()
        self.timeout = hook_timeout()
        self._worker: _Worker | None = None
        # (plugin, what) that ran out of time once: calling them again would cost the time limit every time.
        self._timed_out: set[tuple[str, str]] = set()
        self._callers: dict[tuple[str, str], pluggy.HookCaller] = {}
        for name in DEFAULT_PLUGINS:
            self.pm.register(importlib.import_module(name), name=name)
        if not isinstance(entry_points, bool):
            self._load_entry_points(set(entry_points))
        # JOURNEYKIT_ENTRY_POINTS=0 ignores installed plugins (for tests and for checking one plugin alone).
        elif entry_points and os.environ.get("JOURNEYKIT_ENTRY_POINTS", "1") != "0":
            self._load_entry_points(selected_entry_points())
        env = os.environ.get("JOURNEYKIT_PLUGINS", "")
        for path in [p for p in env.split(os.pathsep) if p.strip()] + list(paths):
            self.load_path(path)

    def _load_entry_points(self, only: set[str] | None) -> None:
        for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            if self.pm.has_plugin(ep.name) or (only is not None and ep.name not in only):
                continue
            try:
                module = ep.load()
            except BaseException as e:  # noqa: BLE001 - a third-party plugin may fail in any way, even sys.exit()
                if isinstance(e, KeyboardInterrupt):
                    raise
                self.errors.append(PluginError(ep.name, f"kan niet laden: {_reason(e)}"))
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
            elif importlib.util.find_spec(path) is None:
                raise ImportError(f"'{path}' is geen bestand, map of geïnstalleerde module")
            else:
                self._register(importlib.import_module(path), path)
                return
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules.pop(spec.name, None)
                raise
        except BaseException as e:  # noqa: BLE001 - importing runs the plugin's code: anything can happen
            if isinstance(e, KeyboardInterrupt):
                raise
            self.errors.append(PluginError(name, f"kan niet laden: {_reason(e)}"))
            return
        self._register(module, name)

    def _register(self, module: Any, name: str) -> None:
        try:
            self.pm.register(module, name=name)
        except Exception as e:
            self.errors.append(PluginError(name, f"kan niet registreren: {_reason(e)}"))

    # --- the guard -----------------------------------------------------------------------------

    def call(
        self, plugin: str, wat: str, fn: Callable, *args: Any, convert: Callable | None = None, **kwargs: Any
    ) -> Any:
        """``convert(fn(*args, **kwargs))`` for ``plugin``, under the time limit; any failure is a PluginError.

        Running out of time raises HookTimeout naming the plugin and ``wat``, and after that
        ``wat`` of that plugin is not called again in this run.
        """
        if (plugin, wat) in self._timed_out:
            raise HookTimeout(plugin, f"{wat} wordt overgeslagen: reageerde eerder niet binnen {self.timeout:g} s")
        job = _Job(fn, args, kwargs, convert)
        if self._worker is not None and threading.current_thread() is self._worker.thread:
            job.run()  # plugin code calling journeykit again: the outer call is already timed
        else:
            if self._worker is None or self._worker.pid != os.getpid():
                self._worker = _Worker()
            self._worker.jobs.put(job)
            if not job.done.wait(self.timeout):
                # The worker is stuck in this call; leave it behind and start a fresh one for the next call.
                self._worker = None
                self._timed_out.add((plugin, wat))
                raise HookTimeout(
                    plugin,
                    f"{wat} reageerde niet binnen {self.timeout:g} s en is afgebroken; "
                    "journeykit roept het in deze run niet meer aan (grens: JOURNEYKIT_HOOK_TIMEOUT)",
                )
        if job.error is not None:
            if isinstance(job.error, PluginError):  # already says which plugin and what (a nested call)
                raise job.error
            if isinstance(job.error, Unusable):
                raise PluginError(plugin, f"{wat} {job.error}") from None
            raise PluginError(plugin, f"fout in {wat}: {_reason(job.error)}") from None
        return job.result

    def guarded(self, plugin: str, wat: str, fn: Callable, convert: Callable | None = None) -> Callable:
        """``fn`` as a function whose every call goes through ``call``."""

        def call(*args: Any, **kwargs: Any) -> Any:
            return self.call(plugin, wat, fn, *args, convert=convert, **kwargs)

        return call

    def call_each(self, hook: str, convert: Callable | None = None, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """(plugin name, converted result) for each implementation of ``hook``, in pluggy's order.

        Each plugin is called through pluggy (a caller per plugin, so spec checks, firstresult
        and hook wrappers apply) inside the guard; a failing plugin is recorded and skipped.
        """
        caller = getattr(self.pm.hook, hook)
        unwrap = _one(convert, firstresult=bool(caller.spec and caller.spec.opts.get("firstresult")))
        for impl in reversed(caller.get_hookimpls()):
            name = impl.plugin_name
            if (name, hook) in self._timed_out:
                continue  # already reported when it ran out of time
            try:
                result = self.call(name, hook, self._caller(hook, name), convert=unwrap, **kwargs)
            except PluginError as e:
                self.errors.append(e)
                continue
            if result is not None:
                yield name, result

    def _caller(self, hook: str, plugin: str) -> pluggy.HookCaller:
        key = (hook, plugin)
        if key not in self._callers:
            others = [p for name, p in self.pm.list_name_plugin() if name != plugin]
            self._callers[key] = self.pm.subset_hook_caller(hook, remove_plugins=others)
        return self._callers[key]


def _one(convert: Callable | None, firstresult: bool) -> Callable:
    """The result of a one-plugin hook call: pluggy gives a list of one, or for firstresult the value itself."""

    def unwrap(result: Any) -> Any:
        if not firstresult:
            result = result[0] if result else None
        return convert(result) if convert is not None and result is not None else result

    return unwrap


def _reason(e: BaseException) -> str:
    """A one-line reason with the plugin's own file and line, never a traceback dump."""
    frames = traceback.extract_tb(e.__traceback__)
    where = ""
    for fr in reversed(frames):
        if (
            "importlib" not in fr.filename
            and "pluggy" not in fr.filename
            and "journeykit/plugins.py" not in fr.filename.replace(os.sep, "/")
        ):
            where = f" ({Path(fr.filename).name}:{fr.lineno})"
            break
    try:
        text = str(e).strip()
    except BaseException:  # noqa: BLE001 - a plugin's exception whose __str__ fails still gets reported
        text = "(de melding zelf gaf een fout)"
    text = kort(text.splitlines()[0], 300) if text else ""
    name = type(e).__name__
    return f"{name}: {text}{where}" if text else f"{name}{where}"

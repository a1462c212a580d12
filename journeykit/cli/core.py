"""What every command shares: the run's State, printing (`echo`, `emit`), the Dutch command classes, progress."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from journeykit.i18n import install_dutch_click

if TYPE_CHECKING:
    from journeykit.catalog import Catalog

# Before any command is made: click fixes some of its texts then. Every command module imports this one first.
install_dutch_click()


def echo(text: str = "", nl: bool = True, err: bool = False) -> None:
    """click.echo for text that holds data: control characters from names are made visible and inert."""
    from journeykit.render.text import terminal

    click.echo(terminal(text), nl=nl, err=err)


def emit(fmt: str, data: Callable[[], Any], text: Callable[[], str]) -> None:
    """Print a command's result: ``data()`` as JSON for ``--format json``, else ``text()``, terminal-safe.

    Both are functions, so that only the output asked for is made.
    """
    if fmt == "json":
        from journeykit.render.text import json_text

        click.echo(json_text(data()))
    else:
        echo(text(), nl=False)


class State:
    """What the commands of one run share: the plugins and data folder named (before or after the command),
    and the catalog once opened."""

    def __init__(self) -> None:
        self.plugins: tuple[str, ...] = ()
        self.scenarios: tuple[str, ...] = ()
        self.data: str | None = None
        self.exports: tuple[str, ...] = ()  # --pdf, --png: what to make of each HTML page written
        self.cat: Catalog | None = None
        self.warned = False

    def open(
        self, paths: tuple[str, ...] = (), needs: tuple[str, ...] = ("personas",), data_needed: bool = True
    ) -> Catalog:
        """Open the catalog; fail (exit 2) on load errors in the parts of the data in ``needs``.

        ``data_needed``: the command cannot do without personas/ or journeys/, so not finding them is an error.
        """
        from journeykit.api import find_data, open_catalog
        from journeykit.catalog import PADEN
        from journeykit.errors import JourneykitError

        folder = find_data(self.data)
        if folder is None and data_needed:
            raise JourneykitError(
                f"geen datamap gevonden: geen map personas/ of journeys/ in {Path.cwd()} of een map "
                "erboven; ga naar de map van uw data, of geef --data MAP of zet JOURNEYKIT_DATA"
            )
        cat = self.cat = open_catalog(folder, self.plugins, [Path(p) for p in paths])
        cat.raise_for_errors(*needs, PADEN)
        for scenario in self.scenarios:
            cat.apply_scenario(Path(scenario))
        return cat

    def warn_plugins(self, failed: bool) -> None:
        """Every plugin problem, once, also when the command failed (then perhaps because of it)."""
        if self.cat is None or self.warned:
            return
        self.warned = True
        for f in self.cat.plugin_errors:
            echo(f"waarschuwing: {f}", err=True)
        if failed:
            # A command that failed may have failed for what a broken plugin would have provided.
            for plugin, fouten in sorted(self.cat.plugin_load_errors.items()):
                for fout in fouten[:20]:
                    echo(f"fout in de data van plugin '{plugin}': {fout}", err=True)
                if len(fouten) > 20:
                    echo(f"fout in de data van plugin '{plugin}': en nog {len(fouten) - 20} fouten", err=True)


pass_state = click.make_pass_decorator(State, ensure=True)


class Command(click.Command):
    """A click command whose usage line is Dutch too (click's placeholders are not gettext texts)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)


class Group(click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "OPDRACHT [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)


Group.group_class = Group


class Progress:
    """Progress of a sweep on a terminal, shown only when it takes longer than a second.

    Use it as ``with Progress() as progress:``, so that the line is ended also when the sweep fails.
    """

    def __init__(self) -> None:
        import time

        self.start = time.monotonic()
        self.shown = False
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        import time

        if not self.tty or time.monotonic() - self.start < 1.0:
            return
        from journeykit.errors import getal

        self.shown = True
        pct = 100 * done // max(total, 1)
        click.echo(f"\r{getal(done)} van {getal(total)} reizen gelopen ({pct}%)", err=True, nl=False)

    def close(self) -> None:
        if self.shown:
            click.echo("", err=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""The `journeykit` command. Thin: each command parses options, calls the API and hands the result to a formatter.

One module per command (`lists`, `walk`, `check`, `bronnen`, `compare`, `loops`, `diff`) or group
(`render`), joined here; what they share is in `core`, `options` and `files` (writing outputs). Heavy modules
are imported inside the commands, so that `journeykit --help` stays fast.

Exit codes: 0 ok, 1 a check found problems, 2 bad input or usage, 3 an internal error.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from journeykit.cli import bronnen, check, compare, diff, gevoeligheid, lists, loops, render, simulate, walk
from journeykit.cli.core import Group, State, echo
from journeykit.cli.options import data_options


class _Signaal(BaseException):
    """SIGTERM or SIGHUP: stop as Ctrl-C does, so that half-written files are removed on the way out."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: Any) -> None:
    raise _Signaal(signum)


class JourneykitGroup(Group):
    """Turns journeykit's own errors into a clear message and exit code 2 (or the error's own ``exit_code``:
    1 for an export to PDF or PNG that failed), never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from journeykit.errors import JourneykitError, LoadErrors

        failed = True
        try:
            result = super().invoke(ctx)
            failed = False
            return result
        except JourneykitError as e:
            # one line per problem, each marked, so several problems read (and grep) as a list
            for problem in e.errors if isinstance(e, LoadErrors) else [e]:
                echo(f"fout: {problem}", err=True)
            ctx.exit(getattr(e, "exit_code", 2))
        except click.exceptions.Exit as e:
            failed = e.exit_code != 0
            raise
        except (click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            echo("afgebroken", err=True)
            ctx.exit(130)
        except _Signaal as e:
            echo("afgebroken", err=True)
            ctx.exit(128 + e.signum)
        except BrokenPipeError:
            # The reader went away (`journeykit ... | head`): stop quietly, as other tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except Exception as e:  # pragma: no cover - a bug in journeykit itself
            _internal_error(ctx, e)
        finally:
            if isinstance(ctx.obj, State):
                ctx.obj.warn_plugins(failed)


def _internal_error(ctx: click.Context, e: Exception) -> None:  # pragma: no cover - a bug in journeykit itself
    if os.environ.get("JOURNEYKIT_DEBUG"):
        raise e
    echo(
        f"interne fout in journeykit: {type(e).__name__}: {e}\n"
        "Zet JOURNEYKIT_DEBUG=1 voor details en meld dit als fout.",
        err=True,
    )
    ctx.exit(3)


@click.group(cls=JourneykitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="journeykit", message="journeykit %(version)s")
@data_options
def cli() -> None:
    """journeykit: klantreizen in het sociaal domein, uitvoerbaar gemaakt.

    Laad persona's, sleutelmomenten en de ingangen van gemeenten, loop een reis
    stap voor stap, en controleer reiscasussen tegen wat de bronnen verwachten.
    """


for _command in (
    lists.list_cmd,
    walk.walk,
    check.check,
    bronnen.bronnen,
    compare.compare,
    loops.loops,
    diff.diff,
    gevoeligheid.gevoeligheid,
    render.render,
    simulate.simulate,
):
    cli.add_command(_command)


def main() -> None:
    import signal

    # SIGTERM (kill, a CI timeout) and SIGHUP (a closed terminal) stop journeykit the way Ctrl-C does:
    # through the exception path, so no half-written .part file is left behind.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    cli(prog_name="journeykit")

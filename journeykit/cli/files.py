"""Writing a command's files into its output folder and, with --pdf or --png, each HTML page also as PDF or PNG."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from journeykit.cli.core import State, echo

if TYPE_CHECKING:
    from journeykit.render.files import OutputFolder


def write(out: str, files: Sequence[tuple[str, str | bytes]], err: bool = False) -> None:
    """Write ``files`` (name, content) into the folder ``out``, each whole or not at all, and say where.

    Then the exports the command was asked for (``export_options``), of every HTML page written. ``err``: the
    'geschreven' lines go to stderr, for a command whose stdout is its result.
    """
    from journeykit.render.files import OutputFolder

    folder = OutputFolder(out)
    for name, content in files:
        echo(f"geschreven: {folder.write(name, content)}", err=err)
    ctx = click.get_current_context(silent=True)
    state = ctx.find_object(State) if ctx else None
    if state and state.exports:
        export(folder, state.exports, err)


def export(folder: OutputFolder, kinds: Sequence[str], err: bool = False) -> None:
    """Each HTML page written into ``folder`` as PDF and/or PNG (``kinds``), next to it with the same name.

    One Chromium for all pages. When it is missing or fails: an error with exit code 1; what was written
    before stays.
    """
    from journeykit.render import export as chromium

    pages = [p for p in folder.written if p.suffix == ".html"]
    if not pages:
        return
    try:
        with chromium.Browser() as browser:
            for page in pages:
                for kind in kinds:
                    data = browser.pdf(page) if kind == "pdf" else browser.png(page)
                    name = page.relative_to(folder.root).with_suffix("." + kind)
                    echo(f"geschreven: {folder.write(str(name), data)}", err=err)
    except chromium.ExportError as e:
        raise type(e)(f"{e} (de bestanden hierboven zijn wel geschreven)") from None

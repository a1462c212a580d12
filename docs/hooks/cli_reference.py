"""The references docs/referentie/yaml.md and cli.md: written by `make referenties`, checked at every build.

They are committed, so a reader of the repository finds the pages the other docs link to. They are made
from the loader's schema and the click commands; as an mkdocs hook this file only checks that the
committed files are still what the code produces (in strict mode a stale one fails the build).
It lives here, outside the package, because nothing inside journeykit may import the CLI.

    python docs/hooks/cli_reference.py      # rewrite both files (what `make referenties` runs)
"""

from __future__ import annotations

import logging
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1]
NOTE = "<!-- Gemaakt met `make referenties` uit de code van journeykit: niet met de hand bewerken. -->"
HINT = "draai `make referenties` en commit het resultaat"

log = logging.getLogger("mkdocs.hooks.referenties")


def references(docs: Path = DOCS) -> dict[Path, str]:
    """Each reference file, with what the code produces for it now."""
    from journeykit.atlas.reference import cli_reference, yaml_reference
    from journeykit.cli import cli

    return {
        docs / "referentie" / "yaml.md": _with_note(yaml_reference()),
        docs / "referentie" / "cli.md": _with_note(cli_reference(cli)),
    }


def _with_note(text: str) -> str:
    # below the title: mkdocs takes a page's title from its first element
    title, rest = text.split("\n", 1)
    return f"{title}\n\n{NOTE}\n{rest}"


def stale(docs: Path = DOCS) -> list[Path]:
    """The reference files that are missing or differ from what the code produces now."""
    return [
        path
        for path, text in references(docs).items()
        if not path.is_file() or path.read_text(encoding="utf-8").replace("\r\n", "\n") != text
    ]


def on_pre_build(config) -> None:
    docs = Path(config["docs_dir"])
    for path in stale(docs):
        log.warning(f"{path.relative_to(docs.parent)} loopt achter op de code: {HINT}")


def write(docs: Path = DOCS) -> None:
    for path, text in references(docs).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old != text:
            path.write_text(text, encoding="utf-8", newline="\n")
        print(
            f"{path.relative_to(DOCS.parent) if path.is_relative_to(DOCS.parent) else path}: "
            f"{'bijgewerkt' if old != text else 'al actueel'}"
        )


if __name__ == "__main__":
    write()

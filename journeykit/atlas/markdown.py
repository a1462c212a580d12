"""Markdown for the atlas's pages: finished HTML kept away from Markdown, nav titles, provenance."""

from __future__ import annotations

import re
from html import escape

from journeykit import model as m
from journeykit.render.templating import NIVEAU_NAAM, md

Pages = dict[str, str]
# A nav entry as in mkdocs.yml: {title: path} or {title: [entry, ...]}.
NavEntry = dict[str, "str | list[NavEntry]"]


# Front matter for a page whose wide table needs the room of the theme's table of contents more than the page
# needs that table of contents (a few headings).
ZONDER_INHOUD = "---\nhide:\n  - toc\n---\n\n"


def mermaid_block(source: str) -> str:
    # Rendered in the browser by the vendored mermaid (docs/assets/vendor); the class is our own,
    # so the theme's CDN-loading mermaid integration never starts.
    return raw_html(escape(source), "jk-mermaid")


def raw_html(html: str, css_class: str = "jk-code") -> str:
    """Finished HTML for a Markdown page, in a block Markdown leaves alone.

    Outside such a block Markdown reads the text inside the tags: a name like "[x](javascript:...)"
    in an SVG label would become a link, "{: onclick=... }" an attribute.
    """
    return f'<div class="{css_class}" markdown="0">{html}</div>\n'


def titel(text: str) -> str:
    """A nav title: the theme puts titles into the page as HTML, so text from the data is escaped."""
    return escape(re.sub(r"[\x00-\x1f\x7f]", "\ufffd", " ".join(str(text).split())))


def herkomst(h: m.Herkomst) -> str:
    return f"{NIVEAU_NAAM[h.niveau]}: " + md(str(h))

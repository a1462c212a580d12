"""The jinja2 environment and the escaping each output format needs.

HTML is autoescaped. Mermaid, DOT and Markdown have their own filters, so that
any name (quotes, brackets, newlines, keywords, script tags) stays literal text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jinja2

# How an evidence level (model.Herkomst.niveau) shows: a letter on a map, a name in text.
NIVEAU_LETTER = {"bron": "B", "deels": "D", "aanname": "A"}
NIVEAU_NAAM = {"bron": "bron", "deels": "deels bron, deels aanname", "aanname": "aanname"}

_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 À-ɏ.\-]")


def mermaid_text(value: Any) -> str:
    """Text for a Mermaid label: everything but letters, digits, spaces, '.' and '-' becomes an entity code.

    Mermaid decodes ``#NN;`` codes after parsing, so no character can end a label
    or start syntax, and HTML in a name is shown, never run.
    """
    text = " ".join(str(value).split())
    return "".join(ch if _MERMAID_SAFE.match(ch) else f"#{ord(ch)};" for ch in text) or "-"


def dot_str(value: Any) -> str:
    """A DOT double-quoted string (with the quotes)."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


# Everything Python-Markdown (with attr_list, md_in_html, tables, admonition) or GitHub could read as markup.
# '{' and '}' matter most: attr_list turns "{: onfocus=... }" at the end of a heading or after an inline
# element into HTML attributes. '#' also ends a heading ("x #" shows as "x"). '~' (strikethrough on GitHub)
# becomes an entity: Python-Markdown has no escape for it, so '\\~' would show its backslash in the atlas.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|{}#])")
# C0 controls: Python-Markdown marks its stashed HTML with \x02...\x03 in the text itself.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def md(value: Any) -> str:
    """Text for a Markdown table cell or line: markup and HTML escaped, one line, shown exactly as written."""
    text = _CONTROL.sub("\ufffd", " ".join(str(value).split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = text.replace("~", "&#126;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # at the start of a line: '+', '-' or 'N.' start a list, '!!!' an admonition, '=' under a line a heading
    text = re.sub(r"^(\d+)\.", r"\1\\.", text)
    text = re.sub(r"^=", "&#61;", text)
    return re.sub(r"^([+\-!])", r"\\\1", text)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("journeykit", "templates"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "svg"), default_for_string=False, default=False
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(mermaid=mermaid_text, dot=dot_str, md=md)
    env.globals.update(niveau_letter=NIVEAU_LETTER, niveau_naam=NIVEAU_NAAM)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)

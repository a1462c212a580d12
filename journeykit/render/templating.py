"""The jinja2 environment and the escaping each output format needs.

HTML is autoescaped. Mermaid, DOT and Markdown have their own filters, so that
any name (quotes, brackets, newlines, keywords, script tags) stays literal text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jinja2

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


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(value: Any) -> str:
    """Text for a Markdown table cell or line: markup and HTML escaped, one line."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # a leading '#', '+', '-' or 'N.' would start a heading or a list
    text = re.sub(r"^(\d+)\.", r"\1\\.", text)
    return re.sub(r"^([#+\-])", r"\\\1", text)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("journeykit", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "svg"), default_for_string=False,
                                            default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(mermaid=mermaid_text, dot=dot_str, md=md)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)

"""Levert een pad met een NUL-teken en een pad dat niet bestaat."""

from journeykit import hookimpl


@hookimpl
def journeykit_gemeenten():
    return ["map\x00met-nul", "/bestaat/echt/niet"]

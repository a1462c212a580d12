"""Levert de gemeente-mappen uit HOSTILE_GEMEENTEN (gescheiden door ':'), zodat elk geval zijn eigen kiest."""

import os

from journeykit import hookimpl


@hookimpl
def journeykit_gemeenten():
    return [p for p in os.environ.get("HOSTILE_GEMEENTEN", "").split(os.pathsep) if p]

"""Een principetoets die gooit wat RARE_FOUT zegt: BaseExceptions, of een uitzondering waarvan __str__ faalt."""

import asyncio
import os

from journeykit import hookimpl


class Onleesbaar(Exception):
    def __str__(self):
        raise RuntimeError("ook __str__ is stuk")


def toets(journey):
    soort = os.environ.get("RARE_FOUT", "")
    if soort == "geannuleerd":
        raise asyncio.CancelledError()
    if soort == "onderbroken":
        raise KeyboardInterrupt()  # de eigen uitzondering van de plugin, niet de Ctrl-C van de gebruiker
    raise Onleesbaar()


@hookimpl
def journeykit_principle_checks(gemeente):
    return {"plugin-principe": toets}

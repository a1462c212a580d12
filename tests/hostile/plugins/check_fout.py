"""Een principetoets (de functie in het dict) gooit een uitzondering."""

from journeykit import hookimpl


def toets(journey):
    raise ValueError("toets stuk")


@hookimpl
def journeykit_principle_checks(gemeente):
    return {"plugin-principe": toets}

"""journeykit_route geeft tekst terug in plaats van een Actie."""

from journeykit import hookimpl


@hookimpl(tryfirst=True)
def journeykit_route(beslisser, gemeente, ingang, situatie):
    return "naar het wijkteam"

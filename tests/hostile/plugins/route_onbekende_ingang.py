"""journeykit_route verwijst naar een ingang die niet bestaat."""

from journeykit import hookimpl
from journeykit.model import Actie


@hookimpl(tryfirst=True)
def journeykit_route(beslisser, gemeente, ingang, situatie):
    return Actie("verwijzen", naar="nergens", overdracht="warm")

"""Levert Gemeente-objecten: een regel naar een ontbrekende ingang, een ontbrekende naam, een verkeerd type."""

from journeykit import hookimpl
from journeykit.model import Actie, Gemeente, Herkomst, Ingang, Klantreis, KlantreisStap, Regel, Variant

H = Herkomst(None, "test")


def gemeente(gid, **anders):
    stap = KlantreisStap("melden", "Melden", herkomst=H)
    loket = Ingang("loket", "Loket", "loket", ("telefoon",), ("melden",), herkomst=H)
    regel = Regel("weg", "loket", Actie("verwijzen", naar="nergens", overdracht="warm"), herkomst=H)
    velden = dict(
        id=gid,
        naam="Object",
        klantreis=Klantreis("K", (stap,)),
        ingangen=(loket,),
        regels=(regel,),
        varianten=(Variant("nu", "Nu", herkomst=H),),
        standaard_variant="nu",
        herkomst=H,
    )
    velden.update(anders)
    return Gemeente(**velden)


@hookimpl
def journeykit_gemeenten():
    return [
        gemeente("object-ontbrekende-ingang"),
        gemeente("object-typen", naam=None, regels=(), standaard_variant=7),
        gemeente("object-lijst", ingangen=["loket"], regels=()),
    ]

"""Levert een Persona-object met id '../x' (objecten gaan buiten de YAML-lezer om)."""

from journeykit import hookimpl
from journeykit.model import Herkomst, Persona


@hookimpl
def journeykit_personas():
    return [Persona("../x", "Ontsnapper", 40, "alleenstaand", herkomst=Herkomst(None, "test"))]

"""The hooks a journeykit plugin can implement."""

from pluggy import HookimplMarker, HookspecMarker

hookspec = HookspecMarker("journeykit")
hookimpl = HookimplMarker("journeykit")


@hookspec
def journeykit_gemeenten():
    """Return gemeente data: paths to YAML directories or files, or Gemeente objects."""


@hookspec
def journeykit_personas():
    """Return persona and sleutelmoment data: paths to YAML files or directories, or model objects."""


@hookspec(firstresult=True)
def journeykit_route(beslisser, gemeente, ingang, situatie):
    """Decide a routing step in Python for a rule with `actie: python`; return an Actie or None."""


@hookspec
def journeykit_principle_checks(gemeente):
    """Return {principe id: check}; a check takes a finished Journey and returns a list of Schending."""


@hookspec
def journeykit_output_formats():
    """Return {format name: function(journey, context) -> str} for `walk --format`."""

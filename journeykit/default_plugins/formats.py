"""The built-in output formats of `journeykit walk`."""

from journeykit.hookspecs import hookimpl


@hookimpl
def journeykit_output_formats():
    from journeykit.render import text

    return {
        "text": lambda journey, ctx: text.journey_text(
            journey, ctx["gemeente"], ctx["persona"], ctx["sleutelmoment"], ctx["schendingen"]
        )
    }

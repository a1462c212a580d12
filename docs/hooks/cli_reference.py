"""mkdocs hook: the CLI reference, generated from the click commands.

It lives here, outside the package, because nothing inside journeykit may import the CLI.
"""

from mkdocs.structure.files import File


def on_files(files, config):
    from journeykit.atlas.reference import cli_reference
    from journeykit.cli import cli

    files.append(File.generated(config, "referentie/cli.md", content=cli_reference(cli)))
    return files

"""The mkdocs plugin: generates the atlas inside `mkdocs build`.

The references in docs/referentie/ are committed files (see docs/hooks/cli_reference.py).
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from journeykit.analysis.parallel import Background, default_jobs


class AtlasConfig(Config):
    # Named to avoid mkdocs' own Config attributes (`data` is its dict).
    datamap = config_options.Type(str, default=".")
    extra_plugins = config_options.Type(list, default=[])
    lussen = config_options.Type(bool, default=True)


class AtlasPlugin(BasePlugin[AtlasConfig]):
    sweep: Background | None = None  # the loop report, being made in the background

    def on_config(self, config):
        from journeykit.api import open_catalog
        from journeykit.atlas.pages import build_atlas, loops_page

        root = Path(config.config_file_path).parent
        cat = open_catalog(root / self.config.datamap, [str(root / p) for p in self.config.extra_plugins])
        cat.raise_for_errors()
        if cat.plugin_errors:
            raise SystemExit("journeykit-atlas: " + "; ".join(str(f) for f in cat.plugin_errors))
        # The loop sweep is two thirds of the work of the whole site. It runs in the background, on
        # every core, while the other pages are made here and mkdocs reads and converts every page;
        # its own page is filled in last (on_env). An error on the way stops it (on_build_error).
        if self.config.lussen:
            self.sweep = Background(lambda: loops_page(cat, jobs=default_jobs()))
        self.pages, nav = build_atlas(cat, loops=self.config.lussen)
        if config.nav is not None:
            config.nav.append({"Reisatlas": nav})
        return config

    def on_files(self, files: Files, config) -> Files:
        for path, content in sorted(self.pages.items()):
            files.append(File.generated(config, path, content=content))
        return files

    def on_env(self, env, config, files: Files):
        from journeykit.atlas.pages import LUSSEN

        env.filters["striptags"] = _striptags_escaped
        if self.sweep is not None:
            # on_files added the file and mkdocs made its page; only another plugin could have removed them
            file = files.get_file_from_path(LUSSEN)
            page = file.page if file is not None else None
            if page is None:
                raise PluginError(f"journeykit-atlas: de pagina {LUSSEN} ontbreekt (door een andere plugin?)")
            page.file.content_string = self.sweep.result()
            self.sweep = None
            _read_again(page, config, files)
        return env

    def on_build_error(self, error) -> None:
        if self.sweep is not None:
            self.sweep.close()
            self.sweep = None


def _striptags_escaped(value) -> Markup:
    """Jinja's ``striptags``, but the text stays escaped.

    Page titles are HTML (the atlas escapes names from the data), and the theme writes
    ``page.title | striptags`` into <title>. Jinja's own filter unescapes after stripping, so a name
    like "</title><script>..." would come out as a real tag there.
    """
    return escape(Markup(str(value)).striptags())


def _read_again(page: Page, config, files: Files) -> None:
    """Read and convert ``page`` once more, the way mkdocs read all pages before ``on_env``."""
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)

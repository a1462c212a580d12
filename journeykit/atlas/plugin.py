"""The mkdocs plugin: generates the atlas inside `mkdocs build`.

The references in docs/referentie/ are committed files (see docs/hooks/cli_reference.py).
"""

from __future__ import annotations

import re
from html import escape as escape_html
from html import unescape
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from journeykit.analysis.parallel import Background


class AtlasConfig(Config):
    # Named to avoid mkdocs' own Config attributes (`data` is its dict).
    datamap = config_options.Type(str, default=".")
    extra_plugins = config_options.Type(list, default=[])
    lussen = config_options.Type(bool, default=True)


class AtlasPlugin(BasePlugin[AtlasConfig]):
    sweep: Background | None = None  # the loop report, being made in the background
    shots: Background | None = None  # the gallery's screenshots, being made in the background

    def on_config(self, config):
        from journeykit.api import open_catalog
        from journeykit.atlas import gallery
        from journeykit.atlas.pages import build_atlas

        root = Path(config.config_file_path).parent
        cat = open_catalog(root / self.config.datamap, [str(root / p) for p in self.config.extra_plugins])
        cat.raise_for_errors()
        if cat.plugin_errors:
            raise SystemExit("journeykit-atlas: " + "; ".join(str(f) for f in cat.plugin_errors))
        # The loop sweep is two thirds of the work of the whole site. It runs in the background, on
        # every core, while the other pages are made here and mkdocs reads and converts every page;
        # its own page is filled in last (on_env). An error on the way stops it (on_build_error).
        if self.config.lussen:
            self.sweep = Background(lambda: _sweep(cat))
        self.pages, nav = build_atlas(cat, loops=self.config.lussen)
        # The gallery: its examples now, their screenshots by Chromium in the background, the page once those
        # are known (on_env). The loop report's example comes from the sweep.
        self.kinds = gallery.kinds(cat)
        shown = gallery.pages_to_screenshot(self.kinds)
        self.shots = Background(lambda: gallery.screenshots(shown))
        self.pictures = [gallery.screenshot_name(n) for n in shown]
        for kind in self.kinds:
            for name, content in kind.bestanden:
                self.pages[f"{gallery.MAP}/{name}"] = content
        if self.config.lussen:
            self.pages[f"{gallery.MAP}/{gallery.LUSSEN_HTML}"] = ""  # from the sweep, on_env
            self.pictures.append(gallery.screenshot_name(gallery.LUSSEN_HTML))
        if config.nav is not None:
            config.nav.append({"Reisatlas": nav})
        return config

    def on_files(self, files: Files, config) -> Files:
        from journeykit.atlas import gallery

        for path, content in sorted(self.pages.items()):
            files.append(File.generated(config, path, content=content))
        for name in sorted(self.pictures):  # filled in on_env, or removed when there are no screenshots
            files.append(File.generated(config, f"{gallery.MAP}/{name}", content=b""))
        return files

    def on_env(self, env, config, files: Files):
        from journeykit.atlas import gallery
        from journeykit.atlas.pages import LUSSEN

        env.filters["striptags"] = _striptags_escaped
        shots: dict[str, bytes] | None = {}
        loops_html = None
        if self.sweep is not None:
            page_md, loops_html, loop_shots = self.sweep.result()
            self.sweep = None
            _fill(files, config, LUSSEN, page_md)
            _file(files, f"{gallery.MAP}/{gallery.LUSSEN_HTML}").content_string = loops_html
            shots = loop_shots
        if self.shots is not None:
            made = self.shots.result()
            self.shots = None
            shots = None if made is None or shots is None else {**shots, **made}
        for name in self.pictures:
            file = _file(files, f"{gallery.MAP}/{name}")
            if shots is None:
                files.remove(file)
            else:
                file.content_bytes = shots[name]
        found = [*self.kinds, gallery.loops_kind(loops_html)]
        _fill(files, config, gallery.GALERIJ, gallery.gallery_page(found, screenshots=shots is not None))
        return env

    def on_page_content(self, html: str, page: Page, config, files: Files) -> str:
        return scrolling_tables(html)

    def on_post_template(self, output: str, template_name: str, config) -> str:
        # An error page (404.html) sits at the top of the site, and mkdocs links it from "/": from a file:// URL
        # that is the root of the disk. Its links are made relative to where it is.
        if re.fullmatch(r"\d{3}\.html", template_name):
            return relative_error_page(output)
        return output

    def on_build_error(self, error) -> None:
        for work in (self.sweep, self.shots):
            if work is not None:
                work.close()
        self.sweep = self.shots = None


def _sweep(cat) -> tuple[str, str, dict[str, bytes] | None]:
    """In the background: the loop report's page, the report as `journeykit render loops` writes it, and the
    gallery's screenshot of that."""
    from journeykit.analysis.parallel import default_jobs
    from journeykit.atlas import gallery
    from journeykit.atlas.pages import loops_pages

    page, html = loops_pages(cat, jobs=default_jobs())
    return page, html, gallery.screenshots({gallery.LUSSEN_HTML: html})


def _file(files: Files, path: str) -> File:
    # on_files added it; only another plugin could have removed it
    file = files.get_file_from_path(path)
    if file is None:
        raise PluginError(f"journeykit-atlas: het bestand {path} ontbreekt (door een andere plugin?)")
    return file


def _fill(files: Files, config, path: str, content: str) -> None:
    """Give the page ``path`` (a stand-in until now) its ``content``, read and converted as every other page."""
    page = _file(files, path).page
    if page is None:
        raise PluginError(f"journeykit-atlas: de pagina {path} ontbreekt (door een andere plugin?)")
    page.file.content_string = content
    _read_again(page, config, files)


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.S)


def scrolling_tables(html: str) -> str:
    """Each table of a page in a region of its own that scrolls sideways when the table is wider than the page
    (a narrow window), and that a keyboard can reach and scroll: named after the heading above it."""
    headings = [(m.start(), m.group(2)) for m in _HEADING.finditer(html)]

    def region(table: re.Match) -> str:
        above = [text for at, text in headings if at < table.start()]
        text = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", above[-1], flags=re.S) if above else ""
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", text)).split())
        label = f"Tabel: {text}" if text else "Tabel"
        return (
            f'<div class="jk-tabel" tabindex="0" role="region" aria-label="{escape_html(label)}">{table.group(0)}</div>'
        )

    return _TABLE.sub(region, html)


_ROOTED = re.compile(r'(\s(?:href|src)=")/(?!/)([^"]*)"')


def relative_error_page(html: str) -> str:
    """An error page at the top of the site with its links from "/" made relative to it."""
    html = _ROOTED.sub(lambda m: f'{m.group(1)}{m.group(2) or "index.html"}"', html)
    # the theme's own settings: where the site starts, and its search worker
    html = html.replace('"base": "/"', '"base": "."')
    return re.sub(r'("search": ")/(?!/)', r"\1", html)


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

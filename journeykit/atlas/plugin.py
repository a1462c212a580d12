"""The mkdocs plugin: generates the atlas and references inside `mkdocs build`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files


class AtlasConfig(Config):
    # Named to avoid mkdocs' own Config attributes (`data` is its dict).
    datamap = config_options.Type(str, default=".")
    extra_plugins = config_options.Type(list, default=[])
    lussen = config_options.Type(bool, default=True)


class AtlasPlugin(BasePlugin[AtlasConfig]):
    def on_config(self, config):
        from journeykit.api import open_catalog
        from journeykit.atlas.pages import build_atlas
        from journeykit.atlas.reference import yaml_reference

        root = Path(config.config_file_path).parent
        cat = open_catalog(root / self.config.datamap, [str(root / p) for p in self.config.extra_plugins])
        cat.raise_for_errors()
        if cat.pluginfouten:
            raise SystemExit("journeykit-atlas: " + "; ".join(str(f) for f in cat.pluginfouten))
        self.pages, nav = build_atlas(cat, loops=self.config.lussen)
        self.pages["referentie/yaml.md"] = yaml_reference()
        if config.nav is not None:
            config.nav.append({"Reisatlas": nav})
        return config

    def on_files(self, files: Files, config) -> Files:
        for path, content in sorted(self.pages.items()):
            files.append(File.generated(config, path, content=content))
        return files

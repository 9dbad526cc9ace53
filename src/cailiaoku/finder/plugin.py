"""MkDocs plugin `cailiaoku-finder`: the finder page, the passage data files and the header search hook.

Every build exports the library (assets/data/, assets/cailiaoku/data.js; written in on_post_build,
while a small library's export may still run beside the page build). Every page gets only
data.js (a loader and a manifest that do not grow with the library) and the header box's script,
which loads the finder's engine and data on the first keystroke; the finder page (and compose)
load the engine with their own <script> tags.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..cache import Slot
from ..errors import CailiaokuError
from ..model import Library
from .export import ASSETS, Export, export_words, finish_export, pair_data
from .pages import page_entry
from .parallel import Done, Pending, in_background, in_child

log = logging.getLogger("mkdocs.plugins.cailiaoku-finder")
T = TypeVar("T")
Exported = tuple[dict[str, str], tuple[int, int, int, int]]  # data files, and counts for the log

FINDER_PAGE = "finder.md"
CSS = ["assets/cailiaoku/finder.css"]
SCRIPTS = ["assets/cailiaoku/data.js", "assets/cailiaoku/finder-header.js"]
ENGINE_TAGS = ('<script defer src="assets/cailiaoku/finder-words.js"></script>\n'
               '<script defer src="assets/cailiaoku/finder-engine.js"></script>\n')
VENDOR = Path(__file__).resolve().parents[1] / "assets" / "vendor"
STATIC = {f"assets/cailiaoku/{name}": ASSETS / name for name in
          ("finder.css", "finder-engine.js", "finder-words.js", "finder-header.js", "finder.js")}
# gunzip for browsers without DecompressionStream; data.js loads it only there
STATIC["assets/vendor/fflate.umd.js"] = VENDOR / "fflate.umd.js"
STATIC["assets/vendor/fflate.LICENSE.txt"] = VENDOR / "fflate.LICENSE"

FINDER_MARKDOWN = """---
title: 查找段落
hide:
  - toc
---

# 查找段落

<div id="ck-finder" class="ck-finder"><noscript>查找段落需要浏览器启用 JavaScript。
也可以在命令行检索：<code>cailiaoku search 检索词</code>。</noscript></div>
""" + ENGINE_TAGS + '<script defer src="assets/cailiaoku/finder.js"></script>\n'

# From this many passages the export runs part by part, each part in a child of its own, one after
# another (memory first); below, it runs whole in one child beside the page build (time first).
CHILD_FROM = 30_000


def _here(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)


class FinderConfig(Config):
    snippets = opt.Type(str, default="snippets")
    taxonomy = opt.Type(str, default="taxonomy.yaml")


class FinderPlugin(BasePlugin[FinderConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root = Path.cwd()
        self.guides: list[dict[str, str]] = []
        self.pending: Pending[Exported] = Done(({}, (0, 0, 0, 0)))

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache" / "cailiaoku"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        for path in CSS:
            if path not in [str(x) for x in config.extra_css]:
                config.extra_css.append(path)
        for path in SCRIPTS:
            if path not in [str(x) for x in config.extra_javascript]:
                config.extra_javascript.append(path)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        from ..library import shared_library

        try:
            library = shared_library(self.root / self.config.snippets)
            large = sum(1 for _ in library.passages()) >= CHILD_FROM
            self._similar(library, self.cache_dir, large)  # export children inherit it
            self.pending = self._start_export(library, large)
        except CailiaokuError as exc:
            raise PluginError(f"段落库无法读取，检索数据未生成：{exc}") from exc
        for dest, src in STATIC.items():
            files.append(File.generated(config, dest, abs_src_path=str(src)))
        if files.get_file_from_path(FINDER_PAGE) is None:
            files.append(File.generated(config, FINDER_PAGE, content=FINDER_MARKDOWN))
        self.guides = []
        return files

    def _start_export(self, library: Library, large: bool) -> Pending[Exported]:
        """The data files from the cache, or on their way: below CHILD_FROM passages they are
        computed in a child process while this one builds the pages (on_post_build writes them)."""
        from ..library import library_files

        snippets = self.root / self.config.snippets
        # the data files depend only on the library's and taxonomy's bytes, the program and the
        # loader written into data.js (a .js file, outside the program key): a rebuild with none
        # of them changed reuses them whole
        slot = Slot(self.cache_dir, "finder-export",
                    [*library_files(snippets), self.root / self.config.taxonomy, ASSETS / "data.js"])
        found = slot.get()
        if found is not None:
            return Done(found)  # type: ignore[arg-type]  # our own signed record
        if large:
            return Done(self._export_stored(library, slot, large))  # one part at a time: memory first
        return in_background(self._export_stored, library, slot, large)

    def _export_stored(self, library: Library, slot: Slot, large: bool) -> Exported:
        value = self._export(library, large)
        slot.put(value)
        return value

    def _export(self, library: Library, large: bool) -> Exported:
        """When large, the cutting into words, the word part and the pair part each in a child
        process of its own: none holds another's ~0.3 GB at 100,000 passages, and their memory
        goes back to the system after."""
        run = in_child if large else _here  # below, forking and passing results costs more than it saves
        if large:
            run(self._cut_ahead, library)
        words, fulls, count = run(self._export_words, library)
        data = finish_export(words, *run(pair_data, fulls))
        return data.files, (count, data.terms, data.size("data/"), data.size("data/meta"))

    def _cut_ahead(self, library: Library) -> None:
        from ..taxonomy import load_taxonomy
        from .corpus import cut_ahead

        cut_ahead(library, load_taxonomy(self.root / self.config.taxonomy), self.cache_dir)

    def _export_words(self, library: Library) -> tuple[Export, list[str], int]:
        from ..taxonomy import load_taxonomy
        from .corpus import build_corpus

        corpus = build_corpus(library, load_taxonomy(self.root / self.config.taxonomy), cache_dir=self.cache_dir)
        return export_words(corpus), [e.full for e in corpus.entries], len(corpus.entries)

    @staticmethod
    def _similar(library: Library, cache_dir: Path, large: bool) -> None:
        """相似写法 for the site's pages, shared in this process (also when the data came from the cache)."""
        from .similar import items_of, similar_cached

        similar_cached(items_of((p.id, d.id, p.heading, p.text) for d, p in library.passages()), cache_dir,
                       apart=large)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Hand-written pages (guides) are what the header box still lists below the passages."""
        if page.file.generated_by is None:
            self.guides.append(page_entry(page.file.dest_uri, page.title or "", html))
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assets = Path(config.site_dir) / "assets"
        data, counts = self.pending.result()
        out = Export(files=dict(data))
        out.add_data("pages", sorted(self.guides, key=lambda g: g["url"]))
        out.write(assets)
        log.info(f"检索数据：{counts[0]} 个段落，{counts[1]} 个词，"
                 f"共 {counts[2] // 1024} KB，按需加载；查找页先加载 {counts[3] // 1024} KB")

    def on_build_error(self, *, error: Exception) -> None:
        self.pending.cancel()  # a child still exporting is not left running after a failed build

"""MkDocs plugin `cailiaoku-compose`: the compose page (组稿) and its scripts.

The page's data — the layout spec, the Office XML generated from it and the per-kind
skeletons derived from the library — is written as assets/compose/layout.js and loaded by a
<script> tag, so the page works opened from disk. The vendored docx library is copied into
the site; nothing is fetched from outside.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..errors import CailiaokuError
from .ooxml import ooxml_parts
from .orgs import library_orgs, library_title_words
from .skeleton import derive_skeletons
from .spec import ASSETS, js_data, load_layout
from .wording import load_wording

log = logging.getLogger("mkdocs.plugins.cailiaoku-compose")

COMPOSE_PAGE = "compose.md"
VENDOR_DOCX = Path(__file__).resolve().parents[1] / "assets" / "vendor" / "docx.iife.js"
SCRIPTS = ["render.js", "title.js", "closing.js", "checks.js", "store.js", "docx-export.js", "outline.js",
           "compose.js", "basket.js", "actions.js"]
STATIC = {f"assets/compose/{name}": ASSETS / name for name in ["compose.css", *SCRIPTS]}
STATIC["assets/vendor/docx.iife.js"] = VENDOR_DOCX
SAMPLE_IMAGE = "assets/gongwen-sample.png"

# Scripts are deferred so they run after the site's and finder's scripts (data.js, site.js).
COMPOSE_MARKDOWN = """---
title: 组稿
hide:
  - navigation
  - toc
---

# 组稿

<link rel="stylesheet" href="assets/compose/compose.css">
<div id="ck-compose" class="ck-compose"><noscript>组稿需要浏览器启用 JavaScript。
也可以在命令行导出：<code>cailiaoku export --ids 段落id … --org 单位 --year 年份 -o 草稿.docx</code>。</noscript></div>
{sample}
<script defer src="assets/cailiaoku/finder-words.js"></script>
<script defer src="assets/cailiaoku/finder-engine.js"></script>
<script defer src="assets/compose/layout.js"></script>
<script defer src="assets/vendor/docx.iife.js"></script>
{scripts}
"""

SAMPLE_MARKDOWN = """
<details class="ck-sample"><summary>导出效果示例（第 1 页，LibreOffice 渲染）</summary>
<img src="assets/gongwen-sample.png" alt="按 GB/T 9704-2012 版式导出的草稿第 1 页" loading="lazy">
</details>
"""


class ComposeConfig(Config):
    snippets = opt.Type(str, default="snippets")


class ComposePlugin(BasePlugin[ComposeConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root = Path.cwd()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        return config

    def layout_js(self) -> str:
        from ..library import shared_library
        from ..taxonomy import load_taxonomy

        try:
            spec = load_layout(load_taxonomy(self.root / "taxonomy.yaml").kinds)
            library = shared_library(self.root / self.config.snippets)
            wording = load_wording()
        except CailiaokuError as exc:
            raise PluginError(f"段落库或用语规则无法读取，组稿页未生成：{exc}") from exc
        skeletons = derive_skeletons(library, spec)
        return js_data(spec, {"ooxml": ooxml_parts(spec), "skeletons": skeletons,
                              "orgs": library_orgs(library, spec), "wording": wording,
                              "title_words": library_title_words(library, spec, self.root / ".cache" / "cailiaoku")})

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        files.append(File.generated(config, "assets/compose/layout.js", content=self.layout_js()))
        for dest, src in STATIC.items():
            if files.get_file_from_path(dest) is None:
                files.append(File.generated(config, dest, abs_src_path=str(src)))
        if files.get_file_from_path(COMPOSE_PAGE) is None:
            sample = SAMPLE_MARKDOWN if files.get_file_from_path(SAMPLE_IMAGE) else ""
            scripts = "\n".join(f'<script defer src="assets/compose/{name}"></script>' for name in SCRIPTS)
            page = COMPOSE_MARKDOWN.format(sample=sample, scripts=scripts)
            files.append(File.generated(config, COMPOSE_PAGE, content=page))
        log.info("组稿页：compose.html（浏览器内导出 .docx，版式见 assets/compose/layout.json）")
        return files

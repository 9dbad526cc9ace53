"""MkDocs plugin `cailiaoku`: builds the library's pages during every build, so they are never stale.

Generated pages carry front matter only; their HTML is produced in `on_page_content` with every
piece of library text escaped, so `{{ }}`, `{% %}`, `<script>` or Markdown in a passage is shown
literally and never reaches Markdown or mkdocs-macros. Pages whose number grows with the library
(passage permalinks, source documents) are light pages: not MkDocs pages, but one rendered shell
per folder filled in `on_post_build` (site/light.py).
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..errors import CailiaokuError, LibraryError
from ..paths import checked_file
from ..segment import share_dictionary, user_dict
from .chrome import chrome
from .config import CailiaokuConfig
from .light import linked_pages, shell_markdown, shell_uri, stand_in_markdown
from .lightwrite import folders, write_light_pages
from .pageplan import GeneratedPage, Limits, expand_nav, light_plan, plan
from .reuse import PageWriter
from .search_defer import defer_search_index
from .search_patch import patch_search_worker
from .sitedata import SiteData

log = logging.getLogger("mkdocs.plugins.cailiaoku")

ASSETS = Path(__file__).resolve().parent / "assets"
SITE_JS = "assets/cailiaoku/site.js"
SITE_CSS = "assets/cailiaoku/site.css"
SHIM = "assets/vendor/iframe-worker-shim.js"
ASSET_FILES = {SITE_JS: ASSETS / "site.js", SITE_CSS: ASSETS / "site.css",
               SHIM: ASSETS / "vendor" / "iframe-worker-shim.js"}
# A script, style sheet, image or frame fetched from another host would leave the site.
_EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=["']?((?:https?:)?//[^"'\s>]+)""",
                       re.I)


_NOINDEX = re.compile(r"<ck-noindex data-search-exclude>.*?</ck-noindex>", re.S)
_PARKED = re.compile(r"<!--ck-noindex:(\d+)-->")


def refuse_outside_links(files: Files, root: Path) -> None:
    """MkDocs copies what a link under docs/ points to: a link out of the project (or to nothing)
    would publish a file of the build machine, so the build stops naming it."""
    problems = []
    for file in files:
        if file.generated_by or not file.abs_src_path:
            continue
        try:
            checked_file(Path(file.abs_src_path), root, LibraryError)
        except CailiaokuError as exc:
            problems.append(str(exc))
    if problems:
        raise PluginError("docs/ 中有不能发布的文件：" + "；".join(problems))


def _written_markdown(files: Files) -> Iterator[str]:
    """The text of the hand-written Markdown pages (docs/), for the links they hold."""
    for file in files:
        if file.generated_by is None and file.src_uri.endswith(".md") and file.abs_src_path:
            try:
                yield Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue  # MkDocs reports an unreadable page itself


class CailiaokuPlugin(BasePlugin[CailiaokuConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.data: SiteData | None = None
        self.root: Path = Path.cwd()
        self.pages: dict[str, GeneratedPage] = {}
        self.light: dict[str, GeneratedPage] = {}
        self.parked: dict[str, list[str]] = {}
        self.previous_site: Path | None = None  # set by `cailiaoku build`: the site being replaced

    @event_priority(100)  # before Material's search reads its jieba settings
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        try:
            self.data = SiteData.load(self.root / self.config.snippets,
                                      self.root / self.config.taxonomy)
            limits = Limits(max(1, self.config.list_limit), max(1, self.config.page_size))
            self.pages = plan(self.data, limits)
            self.light = light_plan(self.data, limits)
        except CailiaokuError as exc:
            raise PluginError(f"段落库无法读取：{exc}") from exc
        if self.config.search_terms:
            self._search_terms(config)
        for path, extra in ((SITE_CSS, config.extra_css), (SITE_JS, config.extra_javascript)):
            if path not in [str(x) for x in extra]:
                extra.append(path)
        expand_nav(config.nav, self.data, self.config.nav_limit)
        chrome(config, self.data)
        return config

    def _search_terms(self, config: MkDocsConfig) -> None:
        """Give Material's search (jieba at build time) the taxonomy terms as a user dictionary."""
        assert self.data is not None
        search = next((p for name, p in config.plugins.items() if name.endswith("search")), None)
        if search is None or not hasattr(search.config, "jieba_dict_user"):
            return
        if search.config.jieba_dict_user:
            return  # the site's author chose a dictionary
        text = user_dict(self.data.taxonomy.all_terms())
        for folder in (self.root / ".cache" / "cailiaoku", Path(tempfile.gettempdir()) / "cailiaoku"):
            path = folder / "jieba_user.dict"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                if not path.is_file() or path.read_text(encoding="utf-8") != text:
                    path.write_text(text, encoding="utf-8")
            except OSError:
                continue  # e.g. a read-only checkout: try the temp folder
            search.config.jieba_dict_user = str(path)
            share_dictionary()
            return

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        refuse_outside_links(files, self.root)
        for uri, page in self.pages.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"docs/{uri} 与自动生成的页面同名：请给这个文件改名。")
            files.append(File.generated(config, uri, content=page.markdown(),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        taken = {f.dest_uri: f.src_uri for f in files} if self.light else {}
        for uri in self.light:
            if uri in taken:
                raise PluginError(f"docs/{taken[uri]} 与自动生成的页面 {uri} 同名：请给这个文件改名。")
        for folder in folders(self.light):
            files.append(File.generated(config, shell_uri(folder), content=shell_markdown(),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        for uri in sorted(linked_pages(_written_markdown(files), self.light)):
            files.append(File.generated(config, uri.removesuffix(".html") + ".md",
                                        content=stand_in_markdown(self.light[uri].title),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        for dest, src in ASSET_FILES.items():
            files.append(File.generated(config, dest, abs_src_path=str(src)))
        # Material's offline plugin loads its file:// Worker shim from unpkg.com; use our copy.
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [SHIM if "iframe-worker" in str(x) else x for x in polyfills]
        if self.config.search_fix:
            patch_search_worker(files, config)
        defer_search_index(files, config)  # Material's index only once the search is used
        return files

    @event_priority(100)  # replace the (empty) body before other plugins look at it
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return html
        content, toc = spec.render(page.file.dest_uri)
        page.toc = get_toc(toc)  # type: ignore[arg-type]
        # Material's search parses every page's HTML, which is slow in pure Python; the parts it
        # would skip anyway are set aside until it has indexed the page (on_page_context).
        chunks: list[str] = []

        def park(match: re.Match[str]) -> str:
            chunks.append(match.group(0))
            return f"<!--ck-noindex:{len(chunks) - 1}-->"

        content = _NOINDEX.sub(park, content)
        if chunks:
            self.parked[page.file.src_uri] = chunks
        return content

    @event_priority(-100)  # after Material's search has indexed the page
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        chunks = self.parked.pop(page.file.src_uri, None)
        if chunks and page.content is not None:
            page.content = _PARKED.sub(lambda m: chunks[int(m.group(1))], page.content)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        for url in _EXTERNAL.findall(output):
            log.warning(f"页面 {page.file.src_uri} 会从站外加载 {url}：离线和内网环境下会失败，请改用本地文件。")
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            site = Path(config.site_dir)
            writer = PageWriter(site, self.previous_site, self._record_file())
            size = write_light_pages(site, self.light, writer)
        except CailiaokuError as exc:
            raise PluginError(str(exc)) from exc
        kept = f"，其中 {writer.linked} 个与上次相同（直接沿用）" if writer.linked else ""
        log.info(f"段落和范文页面：{len(self.light)} 个，共 {size // 1024} KB{kept}")

    def _record_file(self) -> Path | None:
        if self.previous_site is None:
            return None
        key = hashlib.sha256(str(self.previous_site).encode()).hexdigest()[:16]
        return self.root / ".cache" / "cailiaoku" / f"light-pages-{key}.pickle"

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        server.watch(str(self.root / self.config.snippets))
        server.watch(str(self.root / self.config.taxonomy))
        return server

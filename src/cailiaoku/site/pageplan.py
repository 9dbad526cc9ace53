"""Which pages the site generates from the library, their titles, and how each is rendered."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from ..paths import safe_child
from . import pages_index, pages_passage, pages_phrases, pages_source, pages_theme
from .markup import safe_title
from .sitedata import SiteData

# Rendering takes the page's output path (for relative links) and returns HTML and TOC tokens.
Renderer = Callable[[str], tuple[str, list[dict]]]

THEMES_INDEX = "themes/index.md"
SOURCES_INDEX = "source/index.md"


@dataclass(frozen=True)
class GeneratedPage:
    title: str
    render: Renderer
    search: bool = False  # passage text reaches the browser through the finder only

    def markdown(self) -> str:
        """The page's source: front matter only. The body is produced as HTML in
        on_page_content, so library text never passes through Markdown or mkdocs-macros;
        `render_macros: false` makes mkdocs-macros skip the page (title included)."""
        meta: dict = {"title": self.title, "render_macros": False}
        if not self.search:
            meta["search"] = {"exclude": True}
        return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n"


def _passage(data: SiteData, passage_id: str, here: str) -> tuple[str, list[dict]]:
    return pages_passage.render(data, passage_id, here), []


def _uri(folder: str, name: str, what: str, suffix: str = ".md") -> str:
    """A page path from an id: through the one gate, so `../../x` never leaves the site."""
    return safe_child(PurePosixPath(folder), name, suffix, what).as_posix()


@dataclass(frozen=True)
class Limits:
    """How long the generated lists may get (plugin options list_limit and page_size)."""
    items: int = 30
    page_size: int = 100


def plan(data: SiteData, limits: Limits = Limits()) -> dict[str, GeneratedPage]:
    """src_uri -> page, for the generated pages MkDocs renders (their number does not grow with
    the library; their lists are bounded)."""
    n = limits.items
    pages = {
        THEMES_INDEX: GeneratedPage("主题", partial(pages_theme.render_index, data)),
        SOURCES_INDEX: GeneratedPage("范文", partial(pages_source.render_index, data, size=limits.page_size)),
        "phrases.md": GeneratedPage("提纲库", partial(pages_phrases.render, data, limit=n)),
    }
    for name, (title, _) in pages_index.INDEXES.items():
        pages[f"{name}.md"] = GeneratedPage(title, partial(pages_index.render, data, name, limit=n))
    for theme in data.taxonomy.themes:
        pages[_uri("themes", theme.slug, "主题 slug")] = GeneratedPage(
            safe_title(theme.name), partial(pages_theme.render, data, theme, limit=n))
    return pages


def light_plan(data: SiteData, limits: Limits = Limits()) -> dict[str, GeneratedPage]:
    """dest_uri -> page, for the light pages (site/light.py): one per document and per passage,
    and the further pages of the list of documents."""
    pages = {}
    for n in range(2, pages_source.index_pages(data, limits.page_size) + 1):
        pages[pages_source.index_path(n)] = GeneratedPage(
            f"范文（第 {n} 页）", partial(pages_source.render_index, data, page=n, size=limits.page_size))
    for doc in data.documents:
        pages[_uri("source", doc.id, "文档 id", ".html")] = GeneratedPage(
            safe_title(doc.title, 60), partial(pages_source.render, data, doc))
    for pid in data.where:
        pages[_uri("p", pid, "段落 id", ".html")] = GeneratedPage(
            pages_passage.title(data, pid), partial(_passage, data, pid))
    return pages


def _theme_entries(data: SiteData) -> list[dict[str, str]]:
    return [{safe_title(t.name): f"themes/{t.slug}.md"} for t in data.taxonomy.themes]


def _holds(items: list, marker: str) -> bool:
    return any(item == marker or (isinstance(item, dict) and marker in item.values())
               for item in items)


def expand_nav(nav: list | None, data: SiteData, limit: int) -> None:
    """Fill the nav section that starts with themes/index.md with the theme pages, when there are
    at most `limit` of them. Source documents are never listed (their number grows with the
    library, and Material renders the whole nav into every page): source/index.html lists them."""
    if not nav:
        return
    entries = _theme_entries(data)
    for item in nav:
        if not isinstance(item, dict):
            continue
        for value in item.values():
            if not isinstance(value, list):
                continue
            if _holds(value, THEMES_INDEX) and len(entries) <= limit:
                value.extend(e for e in entries if not _holds(value, next(iter(e.values()))))
            expand_nav(value, data, limit)

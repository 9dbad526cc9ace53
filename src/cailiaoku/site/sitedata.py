"""The library as the site sees it: lookups, URLs and orderings shared by every page builder."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LibraryError
from ..library import shared_library
from ..model import Document, Library, Passage
from ..taxonomy import Taxonomy, Theme, load_taxonomy

RESERVED = {"index"}


def fast_library(snippets: Path) -> Library:
    """The library for the site: the same plain-data loader as lint (libyaml's parser, no
    aliases or tags, types checked), so a hostile file cannot stall or break the build; read
    once per process and shared with lint-before-build and the finder and compose plugins."""
    return shared_library(snippets)


def permalink_path(passage_id: str) -> str:
    """The permanent address of a passage; depends on its id only."""
    return f"p/{passage_id}.html"


def theme_path(theme: Theme) -> str:
    return f"themes/{theme.slug}.html"


def source_path(doc_id: str, passage_id: str | None = None) -> str:
    return f"source/{doc_id}.html" + (f"#{passage_id}" if passage_id else "")


def year_label(doc: Document) -> str:
    return f"{doc.year}年" if doc.year else "年份不详"


@dataclass
class SiteData:
    library: Library
    taxonomy: Taxonomy
    where: dict[str, tuple[Document, Passage]] = field(default_factory=dict)
    children: dict[str, list[Passage]] = field(default_factory=lambda: defaultdict(list))
    by_theme: dict[str, list[tuple[Document, Passage]]] = field(default_factory=lambda: defaultdict(list))
    _similar: dict[str, list[tuple[str, float]]] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, snippets: Path, taxonomy: Path) -> SiteData:
        return cls.of(fast_library(snippets), load_taxonomy(taxonomy), snippets)

    @classmethod
    def of(cls, library: Library, taxonomy: Taxonomy, snippets: Path = Path("snippets")) -> SiteData:
        """The site's view of a library already in memory (`snippets` names files in errors)."""
        data = cls(library, taxonomy)
        data._index(snippets)
        return data

    def _index(self, snippets: Path) -> None:
        for theme in self.taxonomy.themes:
            if theme.slug in RESERVED:
                raise LibraryError(f"主题“{theme.name}”的 slug 不能是 {theme.slug}", hint="换一个 slug。")
        for doc in self.documents:
            if doc.id in RESERVED or not doc.id:
                raise LibraryError(f"范文 id 不能是“{doc.id}”", path=snippets / f"{doc.id}.yaml",
                                   hint="换一个文件名和 document.id。")
            for p in doc.passages:
                if p.id in self.where:
                    other = self.where[p.id][0].id
                    raise LibraryError(f"段落 id {p.id} 重复（{other} 与 {doc.id}）",
                                       path=snippets / f"{doc.id}.yaml", passage=p.id,
                                       hint="运行 cailiaoku lint 查看并修正。")
                self.where[p.id] = (doc, p)
                if p.parent:
                    self.children[p.parent].append(p)
        for doc in self.documents:
            for p in doc.passages:
                for name in dict.fromkeys(p.themes):
                    self.by_theme[name].append((doc, p))

    @property
    def documents(self) -> list[Document]:
        """Newest first, then by id: the order of every document listing."""
        return sorted(self.library.documents, key=lambda d: (-(d.year or 0), d.id))

    def theme(self, name: str) -> Theme | None:
        return self.taxonomy.get(name)

    def parent(self, p: Passage) -> Passage | None:
        found = self.where.get(p.parent or "")
        return found[1] if found else None

    def ancestors(self, p: Passage) -> list[Passage]:
        """Outermost first; stops on cycles so a malformed library cannot hang the build."""
        chain: list[Passage] = []
        seen = {p.id}
        node = self.parent(p)
        while node is not None and node.id not in seen:
            chain.append(node)
            seen.add(node.id)
            node = self.parent(node)
        return list(reversed(chain))

    def theme_passages(self, theme: Theme) -> list[tuple[Document, Passage]]:
        """Passages tagged with the theme: those where it is the main theme first, in reading order."""
        order = {d.id: i for i, d in enumerate(self.documents)}
        items = self.by_theme.get(theme.name, [])
        position = {p.id: i for d in self.library.documents for i, p in enumerate(d.passages)}
        return sorted(items, key=lambda dp: (dp[1].themes[0] != theme.name, order[dp[0].id],
                                             position[dp[1].id]))

    def passage_count(self) -> int:
        return len(self.where)

    def similar(self, passage_id: str) -> list[tuple[str, float]]:
        """相似写法: near-duplicates in other documents (computed once per library content; the
        map is kept here, as hashing the whole library per passage would be quadratic)."""
        if self._similar is None:
            from ..finder.similar import items_of, similar_cached

            items = items_of((p.id, d.id, p.heading, p.text) for d, p in self.library.passages())
            self._similar = similar_cached(items)
        return self._similar.get(passage_id, [])

"""The searchable corpus: every passage of a library in order, folded, with its facets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import overload

from ..model import Document, Library, Passage
from ..taxonomy import Taxonomy
from .index import WordIndex, build_word_index
from .spec import fold


@dataclass(frozen=True)
class Entry:
    ordinal: int
    doc: Document
    passage: Passage
    heading: str  # folded
    full: str  # folded heading + "\n" + folded text

    @property
    def year(self) -> str:
        return "" if self.doc.year is None else str(self.doc.year)


@dataclass
class Corpus:
    entries: list[Entry]
    index: WordIndex
    theme_names: list[str] = field(default_factory=list)
    theme_slugs: list[str] = field(default_factory=list)
    synonyms: list[list[str]] = field(default_factory=list)  # folded groups (含近义词)
    kind_names: list[str] = field(default_factory=list)  # taxonomy.yaml kinds:, in their order
    cache_dir: Path | None = field(default=None, repr=False, compare=False)  # per-passage work across builds

    _similar: dict[int, list[tuple[int, float]]] | None = field(default=None, repr=False)

    @property
    def similar(self) -> dict[int, list[tuple[int, float]]]:
        """相似写法 by ordinal: near-duplicates in other documents, most similar first (lazy)."""
        if self._similar is None:
            from .similar import items_of, similar_cached

            found = similar_cached(items_of((e.passage.id, e.doc.id, e.passage.heading, e.passage.text)
                                            for e in self.entries), self.cache_dir)
            ordinal = {e.passage.id: e.ordinal for e in self.entries}
            self._similar = {ordinal[pid]: [(ordinal[o], s) for o, s in pairs] for pid, pairs in found.items()}
        return self._similar

    def by_id(self) -> dict[str, Entry]:
        return {e.passage.id: e for e in self.entries}

    def path(self, entry: Entry) -> list[str]:
        """Headings from the top of the outline down to the passage's parent."""
        by_id = {e.passage.id: e.passage for e in self.entries if e.doc is entry.doc}
        trail: list[str] = []
        parent = entry.passage.parent
        while parent and parent in by_id and len(trail) < 20:
            p = by_id[parent]
            trail.append(f"{p.number}{p.heading}".strip())
            parent = p.parent
        return list(reversed(trail))


class _Fields(Sequence[tuple[str, str]]):
    """(folded heading, folded text) of each entry, made when asked (a list of them all was
    another copy of the library's text)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    @overload
    def __getitem__(self, k: int) -> tuple[str, str]: ...
    @overload
    def __getitem__(self, k: slice) -> Sequence[tuple[str, str]]: ...
    def __getitem__(self, k: int | slice) -> tuple[str, str] | Sequence[tuple[str, str]]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        e = self.entries[k]
        return e.heading, e.full[len(e.heading) + 1:]


def build_corpus(library: Library, taxonomy: Taxonomy, cache_dir: Path | None = None) -> Corpus:
    """cache_dir (the project's .cache/cailiaoku): per-passage tokens reused across builds."""
    entries: list[Entry] = []
    for doc, passage in library.passages():
        heading = fold(passage.heading)
        entries.append(Entry(len(entries), doc, passage, heading, heading + "\n" + fold(passage.text)))
    index = build_word_index(_Fields(entries), taxonomy.all_terms(), cache_dir)
    synonyms = [[fold(w) for w in group] for group in taxonomy.synonyms]
    return Corpus(entries, index, list(taxonomy.names), [t.slug for t in taxonomy.themes],
                  [g for g in synonyms if len(set(g)) > 1 and all(g)], list(taxonomy.kind_names), cache_dir=cache_dir)


def cut_ahead(library: Library, taxonomy: Taxonomy, cache_dir: Path) -> None:
    """Every passage's tokens into cache_dir's token cache, which build_corpus then reads (a large
    library's in a child process of its own: jieba's dictionary and the cutting's garbage go
    back to the system before the word index is built)."""
    from .index import folded_terms
    from .tokens import joined_tokens

    joined_tokens([(fold(p.heading), fold(p.text)) for _, p in library.passages()],
                  folded_terms(taxonomy.all_terms()), cache_dir)

"""Query parsing, matching, ranking and filter counts, exactly as spec.json says (and the JS does)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .corpus import Corpus, Entry
from .spec import fold, spec

FACETS: tuple[str, ...] = ("theme", "role", "kind", "year", "org", "ph")


@dataclass(frozen=True)
class Clause:
    kind: str  # "phrase" | "term"
    text: str  # folded
    exclude: bool = False
    tokens: tuple[str, ...] = ()


@dataclass
class Hit:
    entry: Entry
    score: int


@dataclass
class SearchResult:
    hits: list[Hit]
    counts: dict[str, dict[str, int]]
    clauses: list[Clause] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [h.entry.passage.id for h in self.hits]

    def marks(self) -> list[str]:
        """Folded strings to highlight: include clauses and their tokens."""
        out: list[str] = []
        for c in self.clauses:
            if not c.exclude:
                out.extend([c.text, *c.tokens])
        return [m for m in dict.fromkeys(out) if m]


def parse_query(query: str, exact: bool = False) -> list[tuple[str, str, bool]]:
    """(kind, folded text, exclude) per clause; see spec.json "query"."""
    syntax = spec()["query"]
    quote, minus = syntax["quote"], syntax["exclude"]
    s = fold(query, keep_space=True)
    if exact:
        s = s.strip(" ")
        if len(s) >= 2 and s[0] == quote and s[-1] == quote:
            s = s[1:-1]
        text = fold(s)
        return [("phrase", text, False)] if text else []
    clauses: list[tuple[str, str, bool]] = []
    i, n = 0, len(s)
    while i < n:
        if s[i] == " ":
            i += 1
            continue
        exclude = s[i] == minus and i + 1 < n and s[i + 1] != " "
        if exclude:
            i += 1
        if s[i] == quote:
            j = s.find(quote, i + 1)
            j = n if j < 0 else j
            kind, raw, i = "phrase", s[i + 1:j], j + 1
        else:
            j = i
            while j < n and s[j] != " " and s[j] != quote:
                j += 1
            kind, raw, i = "term", s[i:j], j
        text = fold(raw)
        if text:
            clauses.append((kind, text, exclude))
    return clauses


def facet_values(entry: Entry, facet: str) -> list[str]:
    p = entry.passage
    if facet == "theme":
        return list(p.themes)
    if facet == "role":
        return [p.role]
    if facet == "kind":
        return [entry.doc.kind]
    if facet == "year":
        return [entry.year] if entry.year else []
    if facet == "org":
        return [entry.doc.org] if entry.doc.org else []
    return ["1"] if p.placeholders else []


def occurrences(haystack: str, needle: str) -> int:
    count, start = 0, haystack.find(needle)
    while start >= 0:
        count += 1
        start = haystack.find(needle, start + len(needle))
    return count


class Searcher:
    """Searches one corpus; cheap to keep for many queries."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.rank = spec()["rank"]

    def clauses(self, query: str, exact: bool = False) -> list[Clause]:
        index = self.corpus.index
        return [Clause(kind, text, exclude,
                       tuple(dict.fromkeys(index.segment(text))) if kind == "term" else ())
                for kind, text, exclude in parse_query(query, exact)]

    def _matches(self, clause: Clause, entry: Entry) -> bool:
        if clause.text in entry.full:
            return True
        if clause.kind != "term" or not clause.tokens:
            return False
        index = self.corpus.index
        return all(entry.ordinal in index.weights(t) for t in clause.tokens)

    def _score(self, clauses: Sequence[Clause], entry: Entry) -> int:
        r, index, score = self.rank, self.corpus.index, 0
        for c in clauses:
            occ = occurrences(entry.full, c.text)
            if occ:
                score += r["substring"] + r["per_occurrence"] * min(occ, r["max_occurrences"])
                if c.text in entry.heading:
                    score += r["heading"]
            for t in c.tokens:
                score += index.weights(t).get(entry.ordinal, 0)
        return score

    def search(self, query: str, filters: Mapping[str, Sequence[str]] | None = None,
               exact: bool = False) -> SearchResult:
        clauses = self.clauses(query, exact)
        wanted = {f: set(v) for f, v in (filters or {}).items() if v and f in FACETS}
        if not clauses and not wanted:
            return SearchResult([], self._counts(self.corpus.entries, wanted), clauses)
        include = [c for c in clauses if not c.exclude]
        exclude = [c for c in clauses if c.exclude]
        matched = [e for e in self.corpus.entries
                   if all(self._matches(c, e) for c in include)
                   and not any(self._matches(c, e) for c in exclude)]
        hits = [Hit(e, self._score(include, e)) for e in matched
                if all(_passes(e, f, v) for f, v in wanted.items())]
        hits.sort(key=lambda h: (-h.score, h.entry.ordinal))
        return SearchResult(hits, self._counts(matched, wanted), clauses)

    def _counts(self, matched: Sequence[Entry], wanted: Mapping[str, set[str]]) -> dict[str, dict[str, int]]:
        """Per facet value: matches passing every other facet's filter."""
        counts: dict[str, dict[str, int]] = {f: {} for f in FACETS}
        for e in matched:
            failing = [f for f, v in wanted.items() if not _passes(e, f, v)]
            if len(failing) > 1:
                continue
            for facet in FACETS:
                if failing and failing[0] != facet:
                    continue
                for value in facet_values(e, facet):
                    counts[facet][value] = counts[facet].get(value, 0) + 1
        return counts


def _passes(entry: Entry, facet: str, values: set[str]) -> bool:
    return any(v in values for v in facet_values(entry, facet))

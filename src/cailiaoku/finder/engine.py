"""Query parsing, matching, ranking and filter counts, exactly as spec.json says (and the JS does)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .corpus import Corpus, Entry
from .spec import fold, spec
from .words import Word, gap, needles, synonym_map, words_of

FACETS: tuple[str, ...] = ("theme", "role", "kind", "year", "org", "ph")


@dataclass(frozen=True)
class Clause:
    kind: str  # "phrase" | "term"
    text: str  # folded
    exclude: bool = False
    words: tuple[Word, ...] = ()

    @property
    def tokens(self) -> tuple[str, ...]:
        """Words, then their pieces: what is highlighted and weighted."""
        out = [w.text for w in self.words] + [p for w in self.words for p in w.pieces]
        return tuple(dict.fromkeys(out))

    @property
    def alts(self) -> tuple[str, ...]:
        """Synonyms in play (highlighted too)."""
        out = [a for w in self.words for a in w.alts] + [a for w in self.words for g in w.piece_alts for a in g]
        return tuple(dict.fromkeys(out))


@dataclass
class Hit:
    entry: Entry
    score: int
    folded: list[Hit] = field(default_factory=list)  # 另有 N 种相近写法


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
                out.extend([c.text, *c.tokens, *c.alts])
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
        self.synonyms = synonym_map(corpus.synonyms)

    def clauses(self, query: str, exact: bool = False, synonyms: bool = False) -> list[Clause]:
        index = self.corpus.index
        syn = self.synonyms if synonyms else None
        return [Clause(kind, text, exclude,
                       words_of(text, index.has_term, index.max_term_length, syn) if kind == "term" else ())
                for kind, text, exclude in parse_query(query, exact)]

    def _matches(self, clause: Clause, entry: Entry) -> bool:
        if clause.text in entry.full:
            return True
        return clause.kind == "term" and bool(clause.words) and needles(clause.words, entry.full) is not None

    def _score(self, clauses: Sequence[Clause], entry: Entry) -> int:
        r, index, score = self.rank, self.corpus.index, 0
        for c in clauses:
            occ = occurrences(entry.full, c.text)
            if occ:
                score += r["literal"] + r["per_occurrence"] * min(occ, r["max_occurrences"])
                if c.text in entry.heading:
                    score += r["heading"]
            elif c.words:
                found = needles(c.words, entry.full) or []
                g = gap(entry.full, found)
                score += r["adjacent"] if g <= r["adjacent_gap"] else r["near"] if g <= r["near_gap"] else 0
                if all(n in entry.heading for n in found):
                    score += r["heading"]
            for t in c.tokens:
                score += index.weights(t).get(entry.ordinal, 0)
        return score

    def search(self, query: str, filters: Mapping[str, Sequence[str]] | None = None,
               exact: bool = False, synonyms: bool = False, fold_similar: bool = False) -> SearchResult:
        clauses = self.clauses(query, exact, synonyms)
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
        if fold_similar:
            hits = fold_hits(hits, self.corpus.similar)
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


def fold_hits(hits: list[Hit], similar: Mapping[int, Sequence[tuple[int, float]]]) -> list[Hit]:
    """spec.json "fold_similar": a hit among the 相似写法 of a hit kept earlier goes under the first such one."""
    kept: list[Hit] = []
    owner: dict[int, Hit] = {}  # ordinal -> the kept hit it would fold under
    for h in hits:
        home = owner.get(h.entry.ordinal)
        if home is not None:
            home.folded.append(h)
            continue
        kept.append(h)
        for other, _ in similar.get(h.entry.ordinal, ()):
            owner.setdefault(other, h)
    return kept


def _passes(entry: Entry, facet: str, values: set[str]) -> bool:
    return any(v in values for v in facet_values(entry, facet))

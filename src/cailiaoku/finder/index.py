"""The word index: jieba tokens per passage, weighted by lunr (BM25) at build time.

lunr's own JSON for 10,000 passages is ~15 MB, five times the browser budget, so the
weights lunr computes are exported as compact postings (term -> [(ordinal, weight)]),
sharded by the term's first character. Ranking sums these integer weights, which orders
passages as lunr's own search does, identically in Python and JavaScript.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lunr.builder import Builder

from .spec import fold, has_word_char, spec
from .words import greedy

Postings = list[tuple[int, int]]  # (passage ordinal, weight x 1000), ordinals ascending


def index_tokens(text: str, terms: Sequence[str]) -> list[str]:
    """Tokens of a folded string: jieba's search-mode cut plus any taxonomy term it contains."""
    if not text:
        return []
    from .. import segment  # jieba is only needed to build; a cached corpus searches without it

    tk = segment.tokenizer(tuple(terms))
    tokens = [t for t in tk.lcut_for_search(text) if has_word_char(t)]
    seen = set(tokens)
    tokens.extend(t for t in terms if t in text and t not in seen)
    return tokens


def folded_terms(terms: Iterable[str]) -> tuple[str, ...]:
    """Taxonomy terms in folded form, as jieba and the index see them."""
    return tuple(sorted({f for f in (fold(t) for t in terms) if has_word_char(f)}))


@dataclass
class WordIndex:
    postings: dict[str, Postings] = field(default_factory=dict)
    max_term_length: int = 1
    _sets: dict[str, dict[int, int]] = field(default_factory=dict, repr=False)

    def weights(self, term: str) -> dict[int, int]:
        """ordinal -> weight for one term (cached)."""
        got = self._sets.get(term)
        if got is None:
            got = dict(self.postings.get(term, ()))
            self._sets[term] = got
        return got

    def has_term(self, term: str) -> bool:
        return term in self.postings

    def segment(self, text: str) -> list[str]:
        """Greedy longest match against the vocabulary (the browser does the same)."""
        return greedy(text, self.has_term, self.max_term_length)


def build_lunr(docs: Sequence[tuple[str, str]], terms: Iterable[str]) -> object:
    """lunr index over (folded heading, folded text) per passage; refs are library ordinals."""
    cfg = spec()["index"]
    vocab_terms = folded_terms(terms)
    builder = Builder()  # no stemmer or stop-word filter: tokens are Chinese words
    builder.ref("r")
    builder.field("h", boost=cfg["heading_boost"])
    builder.field("b")
    for ordinal, (heading, text) in enumerate(docs):
        builder.add({"r": str(ordinal), "h": index_tokens(heading, vocab_terms),
                     "b": index_tokens(text, vocab_terms)})
    return builder.build()


def build_word_index(docs: Sequence[tuple[str, str]], terms: Iterable[str],
                     cache_dir: Path | None = None) -> WordIndex:
    """docs: (folded heading, folded text) per passage in library order. Tokens come from
    `cache_dir` when a passage's text was seen before (segmenting is the costly part)."""
    from .tokens import passage_tokens

    return bm25_index(passage_tokens(docs, folded_terms(terms), cache_dir))


def bm25_index(fields: Sequence[tuple[Sequence[str], Sequence[str]]]) -> WordIndex:
    """lunr's Builder arithmetic (BM25, k1 1.2, b 0.75, weights rounded to 3 places), done with
    plain counters: the same floats in the same order, many times faster than lunr's objects."""
    boosts = (float(spec()["index"]["heading_boost"]), 1.0)
    k1, b = 1.2, 0.75
    n = len(fields)
    freqs = [[Counter(t.lower() for t in f[k]) for f in fields] for k in (0, 1)]
    lengths = [[len(f[k]) for f in fields] for k in (0, 1)]
    average = [(sum(ls) / n if n else 0.0) for ls in lengths]  # lunr divides the sum once
    df: Counter[str] = Counter()
    for k in (0, 1):
        for c in freqs[k]:
            df.update(c.keys())  # lunr counts a passage once per field holding the term
    idf = {t: math.log(1 + abs((n - d + 0.5) / (d + 0.5))) for t, d in df.items()}
    weights: dict[str, dict[int, float]] = {}
    for ordinal in range(n):
        for k in (0, 1):
            norm = k1 * (1 - b + b * (lengths[k][ordinal] / average[k]))
            for term, tf in freqs[k][ordinal].items():
                score = idf[term] * ((k1 + 1) * tf) / (norm + tf)
                score = round(score * boosts[k] * 1, 3)
                per = weights.setdefault(term, {})
                per[ordinal] = per.get(ordinal, 0.0) + score
    postings = {term: sorted((o, round(w * 1000)) for o, w in per.items()) for term, per in weights.items()}
    longest = max((len(t) for t in postings), default=1)
    return WordIndex(postings=postings, max_term_length=longest)


def from_lunr(lunr_index: object) -> WordIndex:
    """Sum each passage's field weights per term (x 1000, as integers)."""
    weights: dict[str, dict[int, float]] = {}
    inverted = lunr_index.inverted_index  # type: ignore[attr-defined]
    term_of = {posting["_index"]: term for term, posting in inverted.items()}
    for field_ref, vector in lunr_index.field_vectors.items():  # type: ignore[attr-defined]
        ordinal = int(field_ref.split("/", 1)[1] if "/" in field_ref else field_ref)
        elements = vector.elements
        for k in range(0, len(elements), 2):
            per_term = weights.setdefault(term_of[int(elements[k])], {})
            per_term[ordinal] = per_term.get(ordinal, 0.0) + elements[k + 1]
    postings = {term: sorted((o, round(w * 1000)) for o, w in per.items())
                for term, per in weights.items()}
    longest = max((len(t) for t in postings), default=1)
    return WordIndex(postings=postings, max_term_length=longest)

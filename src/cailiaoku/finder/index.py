"""The word index: jieba tokens per passage, weighted by lunr (BM25) at build time.

lunr's own JSON for 10,000 passages is ~15 MB, five times the browser budget, so the
weights lunr computes are exported as compact postings (term -> [(ordinal, weight)]),
sharded by the term's first character. Ranking sums these integer weights, which orders
passages as lunr's own search does, identically in Python and JavaScript.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lunr.builder import Builder

from .spec import fold, has_word_char, spec
from .words import greedy

ROWS_AT_ONCE = 1 << 19  # BM25 arithmetic on slices of this many rows (bounded working arrays)
Postings = list[tuple[int, int]]  # (passage ordinal, weight x 1000), ordinals ascending


def index_tokens(text: str, terms: Sequence[str]) -> list[str]:
    """Tokens of a folded string: jieba's search-mode cut plus any taxonomy term it contains."""
    if not text:
        return []
    from .. import segment  # jieba is only needed to build; a cached corpus searches without it

    tk = segment.tokenizer(tuple(terms))
    tokens = [t for t in segment.cut_by_block(tk, text, search=True) if has_word_char(t)]
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
    `cache_dir` when a passage's text was seen before (segmenting is the costly part); they are
    split into lists one passage at a time (all lists at once were ~1 GB at 100,000 passages)."""
    from .tokens import joined_tokens, split_tokens

    return bm25_index(split_tokens(joined_tokens(docs, folded_terms(terms), cache_dir)))


def bm25_index(fields: Iterable[tuple[Sequence[str], Sequence[str]]]) -> WordIndex:
    """lunr's Builder arithmetic (BM25, k1 1.2, b 0.75, field scores rounded to 3 places, summed
    per passage, x 1000 rounded): the same float operations in the same order, on whole arrays."""
    return bm25_from_rows(field_rows(fields))


@dataclass
class Rows:
    """One row per (passage, term): term id, ordinal and the term's frequency in the heading and
    in the text (0: not there); the two field lengths per passage. bm25_from_rows drops each array
    once used (at 100,000 passages they are ~6 million rows)."""

    n: int
    terms: list[str]  # first seen first
    arrays: dict[str, Any]  # tid, ords, tf_h, tf_b (int32, one per row); len_h, len_b (per passage)


def field_rows(fields: Iterable[tuple[Sequence[str], Sequence[str]]]) -> Rows:
    import numpy as np

    ids: dict[str, int] = {}
    cols = {name: array("i") for name in ("tid", "ords", "tf_h", "tf_b", "len_h", "len_b")}
    tid, ords, tf_h, tf_b = cols["tid"], cols["ords"], cols["tf_h"], cols["tf_b"]
    n = 0
    for o, (head, body) in enumerate(fields):  # one passage's token lists at a time
        n += 1
        cols["len_h"].append(len(head))
        cols["len_b"].append(len(body))
        ch, cb = Counter(map(str.lower, head)), Counter(map(str.lower, body))
        keys = [*ch, *(t for t in cb if t not in ch)]
        tid.extend([ids.setdefault(t, len(ids)) for t in keys])
        ords.extend([o] * len(keys))
        tf_h.extend([ch.get(t, 0) for t in keys])
        tf_b.extend([cb.get(t, 0) for t in keys])
    assert tid.itemsize == 4
    return Rows(n, list(ids), {name: np.frombuffer(col, dtype=np.int32) for name, col in cols.items()})


def bm25_from_rows(rows: Rows) -> WordIndex:
    import numpy as np

    from .postings import Table

    n, terms, cols = rows.n, rows.terms, rows.arrays
    if not terms:
        return WordIndex()
    t_ = cols.pop("tid")
    # lunr counts a passage once per field holding the term
    df = sum(np.bincount(t_[cols[f] > 0], minlength=len(terms)) for f in ("tf_h", "tf_b")).tolist()
    idf = np.array([math.log(1 + abs((n - d + 0.5) / (d + 0.5))) for d in df])
    weight = _weights(t_, cols, n, idf)
    # rows come by passage: a stable sort by the term's place in sorted order gives (term, passage)
    rank = np.empty(len(terms), dtype=np.int32)
    rank[sorted(range(len(terms)), key=terms.__getitem__)] = np.arange(len(terms), dtype=np.int32)
    key = rank[t_]
    del t_, rank
    order = np.argsort(key, kind="stable")
    counts = np.bincount(key, minlength=len(terms))
    del key
    ords = cols.pop("ords")[order]
    weight = weight[order]
    del order
    starts = np.concatenate(([0], np.cumsum(counts)))
    return WordIndex(postings=Table(sorted(terms), starts, ords, weight),  # type: ignore[arg-type]
                     max_term_length=max(len(t) for t in terms))


def _weights(t_: Any, cols: dict[str, Any], n: int, idf: Any) -> Any:
    """Per row: the heading's and the text's field scores (each rounded to 3 places, as lunr
    does) summed, x 1000, rounded; a slice of rows at a time (bounded working arrays)."""
    import numpy as np

    boosts = (float(spec()["index"]["heading_boost"]), 1.0)
    k1, b = 1.2, 0.75
    lengths = [cols.pop("len_h").astype(np.int64), cols.pop("len_b").astype(np.int64)]
    # 0 only for a field empty in every passage: its scores are all 0 (tf 0) whatever it is
    average = [int(ls.sum()) / n or 1.0 for ls in lengths]
    tfs = (cols.pop("tf_h"), cols.pop("tf_b"))
    o_ = cols["ords"]
    weight = np.empty(len(t_), dtype=np.int32)
    for a in range(0, len(t_), ROWS_AT_ONCE):  # elementwise, so the same floats a slice at a time
        o, idf_t = o_[a:a + ROWS_AT_ONCE], idf[t_[a:a + ROWS_AT_ONCE]]
        total: Any = 0.0
        for k in (0, 1):  # heading first: lunr sums the fields in that order
            tf = tfs[k][a:a + ROWS_AT_ONCE].astype(np.float64)
            norm = k1 * ((1 - b) + b * (lengths[k][o].astype(np.float64) / average[k]))
            total = total + _round3(idf_t * ((k1 + 1) * tf) / (norm + tf) * boosts[k])
        weight[a:a + ROWS_AT_ONCE] = np.rint(total * 1000)
    return weight


def _round3(x: Any) -> Any:
    """Python's round(v, 3) elementwise: rint(v * 1000) / 1000, except next to a half, where
    the product's own rounding could tip it (those few go through round() itself)."""
    import numpy as np

    y = x * 1000.0
    out = np.rint(y) / 1000.0
    for i in np.nonzero(np.abs(y - np.floor(y) - 0.5) < 1e-6)[0].tolist():
        out[i] = round(float(x[i]), 3)
    return out


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

"""The same document under two names or formats, recognised by its text.

Identical after normalising (NFKC, no spaces or punctuation) → the same hash. Otherwise
documents that share sentences are compared by rapidfuzz's normalised Indel similarity;
above the threshold they are near-duplicates (a re-saved copy, or a changed version).
Only documents of the same year (when both have one) are compared: two years' 总结 of
one office share many sentences but are different documents.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from ..model import Document

THRESHOLD = 0.9
_NOISE = re.compile(r"[\W_]+")
_SENTENCE_END = re.compile(r"[。；！？!?;\n]")
_MIN_SENTENCE = 8
_SHARED = 0.3  # share of the smaller document's sentences that makes a pair worth comparing


@dataclass(frozen=True)
class Fingerprint:
    digest: str
    text: str  # normalised
    sentences: frozenset[str]
    year: int | None


def _norm(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


def fingerprint(doc: Document) -> Fingerprint:
    raw = "\n".join(f"{p.heading}\n{p.text}" for p in doc.passages if p.type != "point")
    norm = _norm(raw)
    sentences = {s for s in (_norm(x) for x in _SENTENCE_END.split(raw)) if len(s) >= _MIN_SENTENCE}
    digest = hashlib.sha256(norm.encode()).hexdigest()
    return Fingerprint(digest, norm, frozenset(hashlib.md5(s.encode()).hexdigest()[:12]
                                               for s in sentences), doc.year)


def similarity(a: Fingerprint, b: Fingerprint, cutoff: float = 0.0) -> float:
    if a.digest == b.digest:
        return 1.0
    from rapidfuzz.fuzz import ratio  # lazy: only folders with look-alike documents need it

    return ratio(a.text, b.text, score_cutoff=cutoff * 100) / 100


class DuplicateIndex:
    """Fingerprints by key; `best` finds the most similar one above a threshold."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._prints: dict[str, Fingerprint] = {}
        self._by_digest: dict[str, str] = {}
        self._by_sentence: dict[str, set[str]] = defaultdict(set)

    def add(self, key: str, fp: Fingerprint) -> None:
        self._prints[key] = fp
        self._by_digest.setdefault(fp.digest, key)
        for s in fp.sentences:
            self._by_sentence[s].add(key)

    def best(self, fp: Fingerprint) -> tuple[str, float] | None:
        if fp.digest in self._by_digest:
            return self._by_digest[fp.digest], 1.0
        shared: dict[str, int] = defaultdict(int)
        for s in fp.sentences:
            for key in self._by_sentence.get(s, ()):
                shared[key] += 1
        found: tuple[str, float] | None = None
        for key, count in shared.items():
            other = self._prints[key]
            if fp.year and other.year and fp.year != other.year:
                continue
            if count < _SHARED * min(len(fp.sentences), len(other.sentences)):
                continue
            score = similarity(fp, other, self.threshold)
            if score >= self.threshold and (found is None or score > found[1]):
                found = (key, score)
        return found

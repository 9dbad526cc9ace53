"""相似写法: passages in other documents that say nearly the same thing (near-duplicates).

Character shingles of each passage's folded words and MinHash signatures (rensa, a kept Rust
MinHash library: datasketch pulls in scipy, seconds of import per build), banded as an LSH index
(bands.py: the pairs rensa's RMinHashLSH would return, found with numpy on whole arrays) give
candidate pairs without comparing every pair; the exact Jaccard similarity of the shingle sets
then decides. Pure library code: the
site plugin (passage pages) and the finder's data export both call `similar_passages`.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .spec import fold, spec

SHINGLE = 3  # characters per shingle
THRESHOLD = 0.3  # Jaccard of shingle sets; unrelated passages of one subject stay below ~0.2
MIN_SHINGLES = 10  # shorter passages (a bare heading) match by chance too easily
NUM_PERM = 64
BANDS = 32  # 2 rows per band: a pair at Jaccard 0.3 becomes a candidate with probability 0.95, at 0.4 0.996
TOP = 5  # at most this many similar passages listed per passage
ESTIMATE_MARGIN = 0.15  # skip the exact check when MinHash's estimate is this far below (~2.6 sigma)
NEAR_SAME = 0.6  # from here on the two read as one text lightly edited


@dataclass(frozen=True)
class Item:
    id: str
    doc: str
    text: str  # heading + text as written


@lru_cache(maxsize=1)
def _not_word() -> re.Pattern[str]:
    """Everything that is not a word char in spec.json (punctuation, spaces, symbols)."""
    ranges = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spec()["word_chars"]["ranges"])
    return re.compile(f"[^{ranges}]+")


def shingles(text: str) -> set[str]:
    chars = _not_word().sub("", fold(text))
    return {chars[i:i + SHINGLE] for i in range(len(chars) - SHINGLE + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b) if len(a) <= len(b) else len(b & a)
    return common / (len(a) + len(b) - common)


def _signatures(texts: Sequence[str]) -> list[object | None]:
    """MinHash of each text's shingles; None when it has too few to compare."""
    from rensa import RMinHash

    out: list[object | None] = []
    for text in texts:
        sh = shingles(text)
        if len(sh) < MIN_SHINGLES:
            out.append(None)
            continue
        mh = RMinHash(NUM_PERM, 1)
        mh.update(sorted(sh))
        out.append(mh)
    return out


def signatures(items: Sequence[Item], cache_dir: Path | None = None) -> list[object | None]:
    """Per item, by its text: from cache_dir when seen before, else computed on every core."""
    from ..cache import program_key, read_signed, write_signed
    from .parallel import parallel_map

    path = cache_dir / f"finder-minhash-{program_key()}.pickle" if cache_dir else None
    got = read_signed(path) if path is not None else None
    known: dict[str, object | None] = got if isinstance(got, dict) else {}
    keys = [hashlib.blake2b(it.text.encode(), digest_size=12).hexdigest() for it in items]
    missing = list({k: it.text for k, it in zip(keys, items, strict=True) if k not in known}.items())
    if missing:
        fresh = dict(zip([k for k, _ in missing], parallel_map(_signatures, [t for _, t in missing]), strict=True))
        if path is not None:
            used = set(keys)
            write_signed(path, {k: v for k, v in known.items() if k in used} | fresh,
                         stale=path.parent.glob("finder-minhash-*.pickle"))
        known = known | fresh
    return [known[k] for k in keys]


def similar_passages(items: Sequence[Item], threshold: float = THRESHOLD,
                     top: int = TOP, cache_dir: Path | None = None) -> dict[str, list[tuple[str, float]]]:
    """id -> [(other id, similarity)], most similar first, only pairs from different documents."""
    import numpy as np

    from .bands import candidate_pairs, exact_jaccard, shingle_codes

    sigs = signatures(items, cache_dir)
    keep = [k for k, mh in enumerate(sigs) if mh is not None]
    if len(keep) < 2:
        return {}
    digests = np.array([sigs[k].digest() for k in keep], dtype=np.uint64)  # type: ignore[attr-defined]
    docs = {}
    doc_of = np.array([docs.setdefault(items[k].doc, len(docs)) for k in keep], dtype=np.int32)
    first, second = candidate_pairs(digests, NUM_PERM // BANDS, threshold - ESTIMATE_MARGIN, doc_of)
    involved = np.union1d(first, second).tolist()
    codes = {k: shingle_codes(_not_word().sub("", fold(items[keep[k]].text)), SHINGLE) for k in involved}
    scores = exact_jaccard(first, second, codes)
    del codes
    found: dict[int, list[tuple[int, float]]] = {}
    hit = scores >= threshold
    for a, b, exact in zip(first[hit].tolist(), second[hit].tolist(), scores[hit].tolist(), strict=True):
        k, other = keep[a], keep[b]
        score = round(exact, 3)
        found.setdefault(k, []).append((other, score))
        found.setdefault(other, []).append((k, score))
    return {items[k].id: [(items[o].id, s) for o, s in sorted(found[k], key=lambda p: (-p[1], p[0]))[:top]]
            for k in sorted(found)}


def similar_label(score: float) -> str:
    return "几乎相同" if score >= NEAR_SAME else "写法相近"


def items_of(passages: Iterable[tuple[str, str, str, str]]) -> list[Item]:
    """(passage id, document id, heading, text) in library order."""
    return [Item(pid, doc, f"{heading}\n{text}") for pid, doc, heading, text in passages]


_cache: dict[str, dict[str, list[tuple[str, float]]]] = {}


def _content_key(items: Sequence[Item]) -> str:
    h = hashlib.sha1()
    for i in items:  # item by item: one joined string was ~0.2 GB at 100,000 passages
        h.update(f"{i.id}\x01{i.doc}\x01{i.text}\x00".encode())
    return h.hexdigest()


def similar_cached(items: Sequence[Item], cache_dir: Path | None = None,
                   apart: bool = False) -> dict[str, list[tuple[str, float]]]:
    """One computation per library content in a process (the site and finder plugins share it,
    and so do processes forked after it); signatures and the last result kept in cache_dir
    across builds. apart: computed in a child process, whose working memory then goes back to
    the system (a large library's)."""
    key = _content_key(items)
    if key not in _cache:
        from ..cache import program_key, read_signed, write_signed

        path = cache_dir / f"finder-similar-{program_key()}.pickle" if cache_dir else None
        got = read_signed(path) if path is not None else None
        found = got[1] if isinstance(got, tuple) and len(got) == 2 and got[0] == key else None
        if found is None:
            from .parallel import in_child

            compute = functools.partial(similar_passages, cache_dir=cache_dir)
            found = in_child(compute, items) if apart else compute(items)
            if path is not None:  # the last library's result: an unchanged rebuild reads it back
                write_signed(path, (key, found), stale=path.parent.glob("finder-similar-*.pickle"))
        _cache.clear()
        _cache[key] = found
    return _cache[key]

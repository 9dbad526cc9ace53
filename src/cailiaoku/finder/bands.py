"""LSH banding of MinHash signatures on whole arrays: the candidate pairs an LSH index
(rensa's RMinHashLSH: bands of consecutive signature values) returns, each pair once, kept when
its estimated Jaccard (share of equal values) is at least a floor and it joins two documents;
then their exact Jaccard, from shingles coded as integers.

Asking the index passage by passage made a Python loop over every colliding pair: tens of
millions at 100,000 passages of one archive's boilerplate. Here a band's passages are sorted by
its values and the pairs inside each bucket are formed and filtered with numpy, a chunk at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

SMALL = 32  # buckets up to this size: pairs by offset within the sorted band; larger: per bucket
CHUNK = 1 << 18  # pairs filtered at once (bounds the working arrays)


def band_keys(digests: np.ndarray, rows: int) -> np.ndarray:
    """One exact uint64 key per band: its `rows` values (32-bit MinHash values, so rows <= 2)."""
    if rows > 2 or (len(digests) and int(digests.max()) >= 1 << 32):
        raise ValueError("band keys hold at most two 32-bit values")
    d = digests.astype(np.uint64)
    width = digests.shape[1] // rows
    if rows == 1:
        return d[:, :width].copy()
    return (d[:, 0:2 * width:2] << np.uint64(32)) | d[:, 1:2 * width:2]


def candidate_pairs(digests: np.ndarray, rows: int, floor: float,
                    doc_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(first, second) indices into digests (first < second), sorted, of pairs sharing at least
    one band of `rows` consecutive values, estimated Jaccard >= floor, doc_of different."""
    keys = band_keys(digests, rows)
    values = digests.astype(np.uint32)
    width = values.shape[1]
    firsts, seconds = [], []
    for band in range(keys.shape[1]):
        for i, j in _chunks(_band_pairs(keys[:, band])):
            keep = doc_of[i] != doc_of[j]
            if band:  # each pair once: in the first band it shares
                keep &= ~(keys[i, :band] == keys[j, :band]).any(axis=1)
            i, j = i[keep], j[keep]
            keep = (values[i] == values[j]).sum(axis=1) / width >= floor
            firsts.append(i[keep])
            seconds.append(j[keep])
    if not firsts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    first, second = np.concatenate(firsts), np.concatenate(seconds)
    order = np.lexsort((second, first))
    return first[order], second[order]


def _band_pairs(key: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every pair (i < j) with equal keys, in pieces."""
    n = len(key)
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    new = np.ones(n, dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    starts = np.nonzero(new)[0]
    sizes = np.diff(np.append(starts, n))
    end = np.repeat(starts + sizes, sizes)  # end of each sorted position's bucket
    small = np.repeat(sizes <= SMALL, sizes)
    at = np.nonzero(small & (end - np.arange(n) > 1))[0]
    step = 1
    while len(at):
        at = at[at + step < end[at]]
        a, b = order[at], order[at + step]
        yield np.minimum(a, b), np.maximum(a, b)
        step += 1
    for start, size in zip(starts[sizes > SMALL].tolist(), sizes[sizes > SMALL].tolist(), strict=True):
        members = order[start:start + size]
        block = max(1, CHUNK // size)  # rows of the bucket's upper triangle at a time
        for row in range(0, size - 1, block):
            x, y = _triangle_rows(size, row, min(size - 1, row + block))
            a, b = members[x], members[y]
            yield np.minimum(a, b), np.maximum(a, b)


def _triangle_rows(size: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) with lo <= x < hi, x < y < size."""
    counts = size - 1 - np.arange(lo, hi)
    x = np.repeat(np.arange(lo, hi), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    y = np.arange(len(x)) - first + x + 1
    return x, y


def _chunks(pieces: Iterator[tuple[np.ndarray, np.ndarray]]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Small pieces joined up to about CHUNK pairs (fewer numpy calls), big ones as they come."""
    held: list[tuple[np.ndarray, np.ndarray]] = []
    count = 0
    for i, j in pieces:
        if not len(i):
            continue
        held.append((i, j))
        count += len(i)
        if count >= CHUNK:
            yield np.concatenate([h[0] for h in held]), np.concatenate([h[1] for h in held])
            held, count = [], 0
    if held:
        yield np.concatenate([h[0] for h in held]), np.concatenate([h[1] for h in held])


def shingle_codes(chars: str, size: int) -> np.ndarray:
    """The distinct `size`-char substrings of `chars`, each as one exact integer (21 bits a
    code point), sorted: equal sets of substrings give equal arrays."""
    if len(chars) < size:
        return np.zeros(0, dtype=np.int64)
    c = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    code = np.zeros(len(c) - size + 1, dtype=np.int64)
    for k in range(size):
        code = (code << 21) | c[k:len(c) - size + 1 + k]
    return np.unique(code)


def exact_jaccard(first: np.ndarray, second: np.ndarray, codes: dict[int, np.ndarray]) -> np.ndarray:
    """Jaccard of the code sets of each pair (first sorted); codes[k] sorted distinct (shingle_codes)."""
    out = np.zeros(len(first), dtype=np.float64)
    if not len(first):
        return out
    cut = np.nonzero(np.diff(first))[0] + 1
    for lo, hi in zip(np.append(0, cut).tolist(), np.append(cut, len(first)).tolist(), strict=True):
        mine = codes[int(first[lo])]
        others = [codes[int(k)] for k in second[lo:hi].tolist()]
        sizes = np.array([len(o) for o in others], dtype=np.int64)
        if not len(mine) or not sizes.sum():
            continue
        flat = np.concatenate(others)
        at = np.minimum(np.searchsorted(mine, flat), len(mine) - 1)
        common = np.bincount(np.repeat(np.arange(len(sizes)), sizes), weights=mine[at] == flat,
                             minlength=len(sizes)).astype(np.int64)
        union = len(mine) + sizes - common
        out[lo:hi] = np.where(sizes > 0, common / np.maximum(union, 1), 0.0)
    return out

"""Postings kept compactly: per term a slice of two shared integer arrays (ordinal, value), and
their 5-bit digit encoding for the browser done on whole arrays at once (numpy)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"  # < 32 ends a number
_CODES = np.frombuffer(DIGITS.encode("ascii"), dtype=np.uint8)


class Table(Mapping[str, list[tuple[int, int]]]):
    """term -> [(ordinal, value)] (ordinals ascending), stored as offsets into two arrays."""

    def __init__(self, terms: list[str], starts: np.ndarray, ords: np.ndarray, values: np.ndarray) -> None:
        self.terms = terms
        self.at = {t: k for k, t in enumerate(terms)}
        self.starts = starts  # len(terms) + 1 offsets
        self.ords = ords
        self.values = values

    def arrays(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        k = self.at[term]
        a, b = self.starts[k], self.starts[k + 1]
        return self.ords[a:b], self.values[a:b]

    def __getitem__(self, term: str) -> list[tuple[int, int]]:
        o, v = self.arrays(term)
        return list(zip(o.tolist(), v.tolist(), strict=True))

    def __contains__(self, term: object) -> bool:
        return term in self.at

    def __iter__(self) -> Iterator[str]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def count(self, term: str) -> int:
        k = self.at[term]
        return int(self.starts[k + 1] - self.starts[k])

    def total(self) -> int:
        return int(self.starts[-1])

    def encoded(self, block: int = 1 << 18) -> dict[str, str]:
        """term -> (ordinal gap - 1, value) per posting in 5-bit digits (candidates.digits); a block
        of terms (about `block` postings) at a time, so the working arrays stay small."""
        out: dict[str, str] = {}
        first = 0
        while first < len(self.terms):
            last = int(np.searchsorted(self.starts, self.starts[first] + block, side="right")) - 1
            last = min(max(last, first + 1), len(self.terms))
            out.update(zip(self.terms[first:last], self._encode(first, last), strict=True))
            first = last
        return out

    def _encode(self, first: int, last: int) -> list[str]:
        a, b = int(self.starts[first]), int(self.starts[last])
        ords, starts = self.ords[a:b].astype(np.int64), self.starts[first:last + 1] - a
        head = np.zeros(len(ords), dtype=bool)
        head[starts[:-1][starts[:-1] < len(ords)]] = True
        gaps = np.diff(ords, prepend=-1) - 1
        gaps[head] = ords[head]
        flat = np.empty(2 * len(ords), dtype=np.int64)
        flat[0::2], flat[1::2] = gaps, self.values[a:b]
        text, ends = digits_array(flat)
        bounds = np.concatenate(([0], ends))[2 * starts]
        return [text[bounds[k]:bounds[k + 1]] for k in range(last - first)]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return len(self) == len(other) and all(t in other and self[t] == other[t] for t in self.terms)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (Table, (self.terms, self.starts, self.ords, self.values))


def digits_array(values: np.ndarray) -> tuple[str, np.ndarray]:
    """All values in 5-bit digits, concatenated, and the end offset of each value's digits.
    Digit by digit over the values (low first; 32 added to all but a value's last), so the
    working arrays are as long as the values, not as the digits."""
    rest = values.astype(np.int64)
    n = np.ones(len(rest), dtype=np.int64)
    more = rest >> 5
    while more.any():
        n += more > 0
        more >>= 5
    ends = np.cumsum(n)
    out = np.empty(int(ends[-1]) if len(rest) else 0, dtype=np.uint8)
    at = ends - n
    while len(rest):
        digit = (rest & 31).astype(np.uint8)
        rest = rest >> 5
        going = rest > 0
        digit[going] += 32
        out[at] = digit
        rest, at = rest[going], at[going] + 1
    return _CODES[out].tobytes().decode("ascii"), ends


def table_from_rows(keys: list[str], kid: np.ndarray, ords: np.ndarray, values: np.ndarray) -> Table:
    """Rows (key id, ordinal, value) in any order -> a Table sorted by key then ordinal."""
    rank = np.empty(len(keys), dtype=np.int64)
    rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    kid = rank[kid]
    keys = sorted(keys)
    order = np.lexsort((ords, kid))
    kid, ords, values = kid[order], ords[order], values[order]
    counts = np.bincount(kid, minlength=len(keys))
    starts = np.concatenate(([0], np.cumsum(counts)))
    return Table(list(keys), starts, ords.astype(np.int32), values.astype(np.int64))

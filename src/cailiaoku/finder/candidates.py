"""Pair postings for the browser (spec.json "candidates"): which passages hold each pair of
adjacent word units, so the finder page loads the text of only the passages that can match."""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from operator import add
from typing import TYPE_CHECKING

from .spec import spec
from .words import _utf16

if TYPE_CHECKING:
    from .postings import Table

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"  # < 32 ends a number
INDEX = {ch: k for k, ch in enumerate(DIGITS)}


@lru_cache(maxsize=1)
def _not_unit() -> re.Pattern[str]:
    bmp = [(a, b) for a, b in spec()["word_chars"]["ranges"] if a <= 0xFFFF]
    ranges = "".join(f"{re.escape(chr(a))}-{re.escape(chr(min(b, 0xFFFF)))}" for a, b in bmp)
    return re.compile(f"[^{ranges}\ud800-\udfff]")


def pairs_of(full: str) -> set[str]:
    """The distinct indexable unit pairs of a folded search string (UTF-16 units, as JS sees it)."""
    units = _not_unit().sub("\n", _utf16(full))
    return {g for g in (units[i:i + 2] for i in range(len(units) - 1)) if "\n" not in g}


def pair_shard(pair: str, shards: int) -> int:
    return (ord(pair[0]) * 31 + ord(pair[1])) % shards


def digits(values: Sequence[int]) -> str:
    """Non-negative integers in 5-bit digits, low digits first (< 32 ends a number)."""
    out: list[str] = []
    for v in values:
        while v >= 32:
            out.append(DIGITS[32 + (v & 31)])
            v >>= 5
        out.append(DIGITS[v])
    return "".join(out)


def undigits(text: str) -> list[int]:
    out: list[int] = []
    v, shift = 0, 0
    for ch in text:
        d = INDEX[ch]
        v |= (d & 31) << shift
        if d >= 32:
            shift += 5
        else:
            out.append(v)
            v, shift = 0, 0
    return out


def pair_table(fulls: Sequence[str]) -> Table:
    """pair -> [(ordinal, score)]: score = 2 * occurrences (non-overlapping, at most
    rank.max_occurrences) + 1 if the pair is in the heading. A one-pair query is ranked from these
    alone, without the passages' text. Rows go to flat arrays (tens of millions at 100,000 passages)."""
    from .postings import table_from_rows

    cap = spec()["rank"]["max_occurrences"]
    ids: dict[str, int] = {}
    kid, ords, values = array("i"), array("i"), array("i")
    sub = _not_unit().sub
    for o, full in enumerate(fulls):
        units = _utf16(full)
        marked = sub("\n", units)
        head = sub("\n", units.split("\n", 1)[0])
        heading = set(map(add, head, head[1:]))
        for g, n in Counter(map(add, marked, marked[1:])).items():
            if "\n" in g:
                continue
            if g[0] == g[1]:
                n = units.count(g)  # "工工工" holds "工工" once, not twice
            kid.append(ids.setdefault(g, len(ids)))
            ords.append(o)
            values.append(2 * min(n, cap) + (g in heading))
    import numpy as np

    return table_from_rows(list(ids), np.frombuffer(kid, dtype=np.int32), np.frombuffer(ords, dtype=np.int32),
                           np.frombuffer(values, dtype=np.int32))


def pair_postings(fulls: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """pair_table as plain lists (tests, small libraries)."""
    table = pair_table(fulls)
    return {g: table[g] for g in table}


def encode_postings(postings: Sequence[tuple[int, int]]) -> str:
    flat: list[int] = []
    last = -1
    for o, value in postings:
        flat += (o - last - 1, value)
        last = o
    return digits(flat)


def decode_postings(text: str) -> list[tuple[int, int]]:
    flat, out, o = undigits(text), [], -1
    for k in range(0, len(flat), 2):
        o += flat[k] + 1
        out.append((o, flat[k + 1]))
    return out


def pair_shards(fulls: Sequence[str]) -> list[dict[str, str]]:
    """Encoded postings per shard; the shard count follows the encoded size (spec "candidates")."""
    cfg = spec()["candidates"]
    encoded = pair_table(fulls).encoded()
    total = sum(len(g) + len(e) + 6 for g, e in encoded.items())
    shards = max(1, min(cfg["max_shards"], round(total / cfg["shard_target_chars"])))
    out: list[dict[str, str]] = [{} for _ in range(shards)]
    for g, e in encoded.items():
        out[pair_shard(g, shards)][g] = e
    return out

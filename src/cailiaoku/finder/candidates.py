"""Pair postings for the browser (spec.json "candidates"): which passages hold each pair of
adjacent word units, so the finder page loads the text of only the passages that can match."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate
from typing import Any

from .spec import spec
from .words import _utf16

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


@lru_cache(maxsize=1)
def _unit_table() -> Any:
    """For every UTF-16 code unit: is it an indexable unit (what _not_unit keeps)."""
    import numpy as np

    table = np.zeros(0x10000, dtype=bool)
    for a, b in spec()["word_chars"]["ranges"]:
        if a <= 0xFFFF:
            table[a:min(b, 0xFFFF) + 1] = True
    table[0xD800:0xE000] = True
    return table


def _pair_keys(fulls: Sequence[str], per_step: int = 20000) -> tuple[Any, Any, Any]:
    """Every occurrence of an indexable pair as (two UTF-16 units in one uint32, ordinal,
    position) rows, by passage then position; whole arrays, a slice of passages at a time."""
    import numpy as np

    table = _unit_table()
    keys, ords, pos = [], [], []
    for first in range(0, len(fulls), per_step):
        part = fulls[first:first + per_step]
        units = np.frombuffer("\n".join(part).encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
        lengths = np.array([len(f.encode("utf-16-le", "surrogatepass")) // 2 for f in part], dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
        ok = table[units]
        at = np.nonzero(ok[:-1] & ok[1:])[0]  # "\n" between passages is no unit: no pair spans two
        keys.append((units[at].astype(np.uint32) << 16) | units[at + 1])
        which = np.searchsorted(starts, at, side="right") - 1
        ords.append((which + first).astype(np.int32))
        pos.append((at - starts[which]).astype(np.int32))
    if not keys:
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    return np.concatenate(keys), np.concatenate(ords), np.concatenate(pos)


def _pair_name(key: int) -> str:
    return chr(key >> 16) + chr(key & 0xFFFF)


def pair_rows(fulls: Sequence[str]) -> tuple[list[str], Any, Any, Any]:
    """Every occurrence of every indexable pair: (pairs, pair id, ordinal, UTF-16 position) rows."""
    import numpy as np

    keys, ords, pos = _pair_keys(fulls)
    unique, kid = np.unique(keys, return_inverse=True)
    return [_pair_name(k) for k in unique.tolist()], kid.astype(np.int32), ords, pos


def pair_postings(fulls: Sequence[str]) -> dict[str, list[tuple[int, list[int]]]]:
    """pair -> [(ordinal, its positions)] as plain lists (tests, small libraries)."""
    post: dict[str, dict[int, list[int]]] = {}
    pairs, kid, ords, pos = pair_rows(fulls)
    for k, o, p in zip(kid.tolist(), ords.tolist(), pos.tolist(), strict=True):
        post.setdefault(pairs[k], {}).setdefault(o, []).append(p)
    return {g: sorted(v.items()) for g, v in sorted(post.items())}


def encoded_pairs(fulls: Sequence[str], block_rows: int = 1 << 18) -> dict[str, str]:
    """pair -> per passage holding it: ordinal gap - 1, count, first position, position gaps; in
    5-bit digits. The finder answers indexOf from these without the passage's text."""
    return dict(zip(*_encoded_lists(fulls, block_rows), strict=True))


def _encoded_lists(fulls: Sequence[str], block_rows: int = 1 << 18) -> tuple[list[str], list[str]]:
    """encoded_pairs as (sorted pairs, their encodings); a block of pairs at a time, so the
    working arrays stay small at any library size."""
    import numpy as np

    keys, ords, pos = _pair_keys(fulls)
    if not len(keys):
        return [], []
    # rows come passage by passage, positions ascending: a stable sort by pair keeps (ordinal,
    # position) order; two units in one number sort as the two-character strings do
    order = np.argsort(keys, kind="stable")
    keys = keys[order]  # one array at a time: the old one is freed before the next is sorted
    ords = ords[order]
    pos = pos[order]
    del order
    new = np.ones(len(keys), dtype=bool)
    new[1:] = keys[1:] != keys[:-1]
    names = [_pair_name(k) for k in keys[new].tolist()]
    kid = (np.cumsum(new) - 1).astype(np.int32)
    del keys, new
    bounds = np.searchsorted(kid, np.arange(len(names) + 1, dtype=np.int32))  # each pair's rows
    out: list[str] = []
    first = 0
    while first < len(names):
        last = int(np.searchsorted(bounds, bounds[first] + block_rows, side="right")) - 1
        last = max(last, first + 1)
        a, b = int(bounds[first]), int(bounds[last])
        out.extend(_encode_block(kid[a:b], ords[a:b], pos[a:b]))
        first = last
    return names, out


def _encode_block(kid: Any, ords: Any, pos: Any) -> list[str]:
    """The encoded postings of consecutive pairs, from their rows sorted by (pair, ordinal, position)."""
    import numpy as np

    from .postings import digits_array

    ords, pos = ords.astype(np.int64), pos.astype(np.int64)
    rows = len(kid)
    new_group = np.ones(rows, dtype=bool)
    new_group[1:] = (kid[1:] != kid[:-1]) | (ords[1:] != ords[:-1])
    new_pair = np.ones(rows, dtype=bool)
    new_pair[1:] = kid[1:] != kid[:-1]
    group = np.cumsum(new_group) - 1  # group of each row
    starts = np.nonzero(new_group)[0]
    ends = np.append(starts[1:], rows)
    g_ord = ords[starts]
    g_pair_first = new_pair[starts]
    prev_ord = np.concatenate(([-1], g_ord[:-1]))
    prev_ord[g_pair_first] = -1
    stream = np.empty(rows + 2 * len(starts), dtype=np.int64)
    head = starts + 2 * np.arange(len(starts))
    stream[head] = g_ord - prev_ord - 1
    stream[head + 1] = ends - starts
    gaps = np.diff(pos, prepend=0)
    gaps[new_group] = pos[new_group]
    stream[np.arange(rows) + 2 * (group + 1)] = gaps
    text, value_ends = digits_array(stream)
    bounds = np.concatenate(([0], value_ends))
    cut = np.append(head[np.nonzero(g_pair_first)[0]], len(stream))
    return [text[bounds[cut[k]]:bounds[cut[k + 1]]] for k in range(len(cut) - 1)]


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
    names, texts = _encoded_lists(fulls)
    total = sum(len(g) + len(e) + 6 for g, e in zip(names, texts, strict=True))
    shards = max(1, min(cfg["max_shards"], round(total / cfg["shard_target_chars"])))
    out: list[dict[str, str]] = [{} for _ in range(shards)]
    for g, e in zip(names, texts, strict=True):
        out[pair_shard(g, shards)][g] = e
    return out


def decode_pairs(text: str) -> list[tuple[int, list[int]]]:
    flat, out, o, i = undigits(text), [], -1, 0
    while i < len(flat):
        o += flat[i] + 1
        n = flat[i + 1]
        positions = list(accumulate(flat[i + 2:i + 2 + n]))
        out.append((o, positions))
        i += 2 + n
    return out

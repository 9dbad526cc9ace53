"""Where the query's clauses and tokens occur in a passage's original (unfolded) text."""

from __future__ import annotations

from collections.abc import Sequence

from .spec import fold_with_map


def spans(original: str, marks: Sequence[str]) -> list[tuple[int, int]]:
    """Merged [start, end) ranges of `original` whose folded form equals one of `marks`."""
    folded, where = fold_with_map(original)
    ranges: list[tuple[int, int]] = []
    for mark in marks:
        start = folded.find(mark) if mark else -1
        while start >= 0:
            end = start + len(mark)
            ranges.append((where[start], where[end - 1] + 1))
            start = folded.find(mark, end)
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def bracket(original: str, marks: Sequence[str], left: str = "【", right: str = "】") -> str:
    """The text with every match wrapped, for terminal output."""
    out, last = [], 0
    for a, b in spans(original, marks):
        out += [original[last:a], left, original[a:b], right]
        last = b
    out.append(original[last:])
    return "".join(out)

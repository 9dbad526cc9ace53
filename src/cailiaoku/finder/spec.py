"""The shared finder specification (spec.json): folding, word characters, query syntax, ranking.

The browser engine (assets/finder-engine.js) reads the same file, embedded at build time,
so both sides fold and segment text the same way.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).with_name("spec.json")
SPACE, DROP = " ", ""


@lru_cache(maxsize=1)
def spec() -> dict[str, Any]:
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


class _Ranges:
    """Membership test over sorted inclusive code point ranges."""

    def __init__(self, ranges: list[list[int]]) -> None:
        self.ranges = sorted((a, b) for a, b in ranges)
        self.starts = [a for a, _ in self.ranges]

    def __contains__(self, cp: int) -> bool:
        i = bisect_right(self.starts, cp) - 1
        return i >= 0 and cp <= self.ranges[i][1]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], _Ranges]:
    """A per-code-point table for every character the fold changes, and the word-char ranges."""
    fold = spec()["fold"]
    table: dict[int, str] = {}
    for start, end, delta in fold["shift"]:
        for cp in range(start, end + 1):
            table[cp] = chr(cp + delta)
    for key, value in fold["map"].items():
        table[ord(key)] = value
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    # Apply map/lowercase after shift (e.g. fullwidth Ａ -> A -> a).
    for cp, ch in list(table.items()):
        ch = fold["map"].get(ch, ch)
        table[cp] = ch.lower() if "A" <= ch <= "Z" else ch
    for start, end in fold["drop"]:
        for cp in range(start, end + 1):
            table[cp] = DROP
    for start, end in fold["space"]:
        for cp in range(start, end + 1):
            table[cp] = SPACE
    return table, _Ranges(spec()["word_chars"]["ranges"])


def fold_char(ch: str) -> str:
    """One character folded: '' when dropped, ' ' for a space, else the canonical character."""
    return _tables()[0].get(ord(ch), ch)


def fold(text: str, keep_space: bool = False) -> str:
    """The canonical search form: (一)/（一）, ,/， and “/\" compare equal; spaces removed unless kept."""
    table = _tables()[0]
    out = text.translate(table)
    return out if keep_space else out.replace(SPACE, "")


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """fold(text) and, for each folded character, its index in `text` (to highlight the original)."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = fold_char(ch)
        if f and f != SPACE:
            chars.append(f)
            where.append(i)
    return "".join(chars), where


def is_word_char(ch: str) -> bool:
    return ord(ch) in _tables()[1]


def has_word_char(text: str) -> bool:
    return any(is_word_char(ch) for ch in text)

"""A term's words, their fine pieces and synonyms; how closely a passage holds them (spec.json
"match" and "rank"). The browser engine (assets/finder-engine.js) does exactly the same."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .spec import is_word_char, spec

HasTerm = Callable[[str], bool]


@dataclass(frozen=True)
class Word:
    text: str
    pieces: tuple[str, ...] = ()
    alts: tuple[str, ...] = ()  # synonyms of the whole word (含近义词 only)
    piece_alts: tuple[tuple[str, ...], ...] = ()  # per piece


def greedy(text: str, has_term: HasTerm, max_len: int) -> list[str]:
    """Longest vocabulary match from left to right; an unknown word char is a one-char word."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        step = 0
        for length in range(min(max_len, n - i), 0, -1):
            if has_term(text[i:i + length]):
                step = length
                break
        if step:
            out.append(text[i:i + step])
        elif is_word_char(text[i]):
            step = 1
            out.append(text[i])
        else:
            step = 1
        i += step
    return out


def pieces_of(word: str, has_term: HasTerm, max_len: int) -> tuple[str, ...]:
    """The word cut finer (without itself); none when a piece would be a single char."""
    if len(word) < 3:
        return ()
    cut = greedy(word, lambda t: t != word and has_term(t), min(max_len, len(word) - 1))
    return () if any(len(p) < 2 for p in cut) else tuple(cut)


def synonym_map(groups: Sequence[Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """word -> the other members of every group holding it, in group order."""
    out: dict[str, list[str]] = {}
    for group in groups:
        for w in group:
            bucket = out.setdefault(w, [])
            bucket.extend(x for x in group if x != w and x not in bucket)
    return {w: tuple(v) for w, v in out.items()}


def words_of(text: str, has_term: HasTerm, max_len: int,
             synonyms: dict[str, tuple[str, ...]] | None = None) -> tuple[Word, ...]:
    stop = set(spec()["match"]["stop"])
    cut = list(dict.fromkeys(greedy(text, has_term, max_len)))
    kept = [w for w in cut if w not in stop] or cut
    syn = synonyms or {}
    out: list[Word] = []
    for w in kept:
        pieces = pieces_of(w, has_term, max_len)
        out.append(Word(w, pieces, syn.get(w, ()), tuple(syn.get(p, ()) for p in pieces)))
    return tuple(out)


def _first_in(full: str, options: Sequence[str]) -> str | None:
    return next((o for o in options if o in full), None)


def needles(words: Sequence[Word], full: str) -> list[str] | None:
    """Per word what the passage holds: the word, a synonym, or every piece (or its synonym).
    None when some word is not held."""
    out: list[str] = []
    for w in words:
        got = _first_in(full, (w.text, *w.alts))
        if got is not None:
            out.append(got)
            continue
        if not w.pieces:
            return None
        for piece, alts in zip(w.pieces, w.piece_alts, strict=True):
            found = _first_in(full, (piece, *alts))
            if found is None:
                return None
            out.append(found)
    return list(dict.fromkeys(out))


def _utf16(s: str) -> str:
    """Astral chars as two code units, so lengths and positions equal JavaScript's."""
    if all(ch <= "\uffff" for ch in s):
        return s
    return "".join(ch if ch <= "\uffff" else _pair(ord(ch)) for ch in s)


def _pair(cp: int) -> str:
    return chr(0xD800 + ((cp - 0x10000) >> 10)) + chr(0xDC00 + ((cp - 0x10000) & 0x3FF))


def gap(full: str, found: Sequence[str]) -> int:
    """Chars between the needles in the shortest span holding each of them once (0 = adjacent)."""
    limit = spec()["match"]["max_positions"]
    hay = _utf16(full)
    units = [_utf16(n) for n in found]
    events: list[tuple[int, int, int]] = []
    for k, needle in enumerate(units):
        at, seen = hay.find(needle), 0
        while at >= 0 and seen < limit:
            events.append((at, k, len(needle)))
            seen += 1
            at = hay.find(needle, at + len(needle))
    events.sort()
    count = [0] * len(units)
    covered, best, i = 0, -1, 0
    for j, (_, k, _) in enumerate(events):
        if count[k] == 0:
            covered += 1
        count[k] += 1
        while covered == len(units):
            span = max(p + ln for p, _, ln in events[i:j + 1]) - events[i][0]
            best = span if best < 0 else min(best, span)
            ki = events[i][1]
            count[ki] -= 1
            if count[ki] == 0:
                covered -= 1
            i += 1
    return max(0, best - sum(len(u) for u in units))

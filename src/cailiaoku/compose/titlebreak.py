"""Break a long title into lines at word boundaries, in a trapezoid or diamond (GB/T 9704 7.3.1).

The words come from jieba here and from Intl.Segmenter in the browser; the choice of breaks
(`title_lines`) is the same pure function in render.js, run on the same cases.
"""

from __future__ import annotations

import math
import re
from itertools import combinations
from typing import Any

MAX_TRIES = 100_000  # a title of a few dozen words; beyond that, fill lines in order


def char_units(ch: str) -> float:
    """Width in characters: Latin letters and digits are half width, Chinese and “”—… full."""
    return 0.5 if ord(ch) < 0x2000 else 1.0


def units(text: str) -> float:
    return sum(char_units(c) for c in text)


def max_title_units(spec: dict[str, Any]) -> int:
    size_twips = spec["styles"]["title"]["size_pt"] * 20
    return int(spec["derived"]["text_width"] // size_twips) - spec["title"]["line_chars_margin"]


def protected_spans(title: str, keep: list[str], quotes: bool = True) -> list[tuple[int, int]]:
    """Stretches never broken: the unit's name, 2025年 and (unless too long) 《…》 and “…”."""
    pattern = r"[0-9]+年|《[^》]*》|“[^”]*”" if quotes else r"[0-9]+年"
    spans = [(m.start(), m.end()) for m in re.finditer(pattern, title)]
    for name in keep:
        if name:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(name), title)]
    return spans


def allowed_breaks(title: str, words: list[str], keep: list[str], conf: dict[str, Any],
                   strict: bool = True) -> list[int]:
    cuts, pos = [], 0
    for word in words[:-1]:
        pos += len(word)
        cuts.append(pos)
    spans = protected_spans(title, keep, quotes=strict)
    return [c for c in cuts
            if not any(a < c < b for a, b in spans)
            and title[c] not in conf["no_line_start"] and title[c - 1] not in conf["no_line_end"]]


def shape_score(lengths: list[float], conf: dict[str, Any]) -> float:
    """Lower is better: lines close in length, rising (梯形) or peaking in the middle (菱形)."""
    score = max(lengths) - min(lengths)
    rising = all(a <= b for a, b in zip(lengths, lengths[1:], strict=False))
    falling = all(a >= b for a, b in zip(lengths, lengths[1:], strict=False))
    top = lengths.index(max(lengths))
    diamond = len(lengths) >= 3 and 0 < top < len(lengths) - 1 and \
        all(a <= b for a, b in zip(lengths[:top], lengths[1:top + 1], strict=False)) and \
        all(a >= b for a, b in zip(lengths[top:], lengths[top + 1:], strict=False))
    if not (rising or falling or diamond):
        score += conf["shape_penalty"]
    elif falling and not rising and not diamond:
        score += conf["inverted_penalty"]  # 上长下短 is allowed; 上短下长 preferred on a tie
    return score


def title_lines(title: str, words: list[str], keep: list[str], max_units: float,
                conf: dict[str, Any]) -> list[str]:
    """Fewest lines that fit, then the best shape; ties go to the earliest breaks. A 《…》 or “…”
    longer than a line may break too (still between words)."""
    if units(title) <= max_units:
        return [title]
    for strict in (True, False):
        found = _best_lines(title, allowed_breaks(title, words, keep, conf, strict), max_units, conf)
        if found:
            return found
    return _hard_lines(title, max_units)


def _best_lines(title: str, cuts: list[int], max_units: float, conf: dict[str, Any]) -> list[str]:
    for n in range(2, len(cuts) + 2):
        if math.comb(len(cuts), n - 1) > MAX_TRIES:
            break
        best: tuple[float, tuple[int, ...]] | None = None
        for chosen in combinations(cuts, n - 1):
            edges = (0, *chosen, len(title))
            lines = [title[a:b] for a, b in zip(edges, edges[1:], strict=False)]
            lengths = [units(line) for line in lines]
            if max(lengths) > max_units:
                continue
            score = shape_score(lengths, conf)
            if best is None or score < best[0]:
                best = (score, chosen)
        if best is not None:
            edges = (0, *best[1], len(title))
            return [title[a:b] for a, b in zip(edges, edges[1:], strict=False)]
    return []


def _hard_lines(title: str, max_units: float) -> list[str]:
    """No shaped set of breaks fits: fill lines in order, at word breaks where one fits."""
    lines, line = [], ""
    for ch in title:
        if line and units(line + ch) > max_units:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line] if line else lines


def jieba_words(title: str) -> list[str]:
    from ..segment import tokenizer

    return list(tokenizer(()).lcut(title, HMM=True))

"""Outline markers of Chinese official documents and their levels."""

from __future__ import annotations

import re

CN = "一二三四五六七八九十"
# (level, pattern) — the marker must open the line.
MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^([{CN}]+)(?:、|[．.](?!\d))")),
    (2, re.compile(rf"^[（(]([{CN}]+)[)）]")),
    (3, re.compile(r"^(\d{1,3})(?:[.．](?!\d)|、)")),
    (4, re.compile(r"^(?:[（(](\d{1,3})[)）]|(\d{1,3})[)）]|([⑴-⒇]))")),
    (5, re.compile(r"^([①-⑳])")),
]
# 第一部分 / 第一章 sit above 一、 (their passages are sections too, one rank higher).
PART = re.compile(rf"^第([{CN}]+)(?:部分|章|篇)(?:[、：:．.\s]+)?")
INLINE_POINT = re.compile(rf"(?:^|(?<=[。；：！？，\n]))([{CN}]{{1,3}})是")


def match_marker(line: str) -> tuple[int, str, str] | None:
    """Return (level, marker as written, ordinal text) or None."""
    for level, pattern in MARKERS:
        m = pattern.match(line)
        if m:
            return level, m.group(0), next(g for g in m.groups() if g)
    return None


def cn_value(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23."""
    digits = {c: i + 1 for i, c in enumerate(CN[:9])}
    if text.isascii() and text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + digits.get(ones, 0)
    if text and text[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return ord(text[0]) - ord("①") + 1
    if text and "⑴" <= text[0] <= "⒇":
        return ord(text[0]) - ord("⑴") + 1
    return digits.get(text, 0)


def inline_points(body: str) -> list[tuple[int, int]]:
    """Spans of 一是/二是/… points, only when they count 1, 2, 3… in order."""
    starts: list[int] = []
    expected = 1
    for m in INLINE_POINT.finditer(body):
        if cn_value(m.group(1)) == expected:
            starts.append(m.start())
            expected += 1
    if len(starts) < 2:
        return []
    ends = starts[1:] + [len(body)]
    return list(zip(starts, ends, strict=True))

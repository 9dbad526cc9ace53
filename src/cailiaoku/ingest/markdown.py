"""Markdown sources: headings, bullets and **bold** lead phrases become outline lines (pure)."""

from __future__ import annotations

import re

from .lines import Line
from .numbering import match_marker

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+•]|(\d{1,3})[.)])\s+(.*)$")
_BOLD_LEAD = re.compile(r"^(?:\*\*|__)(.{1,40}?)(?:\*\*|__)\s*(.*)$")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
_CODE = re.compile(r"`([^`]*)`")
_TAG = re.compile(r"</?(?:br|p|div|span|strong|b|em|i|u|font)\b[^>]*>", re.I)
_SENTENCE_END = "。：:；;！!？?.．"


def _inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _TAG.sub("", text)
    return _STRONG.sub(r"\2", text)


def _heading_levels(lines: list[Line]) -> dict[int, int]:
    depths = sorted({len(m.group(1)) for ln in lines if (m := _HEADING.match(ln.text))})
    if depths and depths[0] == 1 and sum(1 for ln in lines if ln.text.startswith("# ")) == 1:
        depths = depths[1:]  # a single '#' heading is the title
    return {d: i + 1 for i, d in enumerate(depths)}


def convert(lines: list[Line]) -> list[Line]:
    """Markdown markup → plain lines with explicit levels; other lines lose inline markup."""
    levels = _heading_levels(lines)
    out: list[Line] = []
    current = 0  # outline level of the last heading
    for ln in lines:
        raw = ln.text.replace("\\", "") if "\\" in ln.text else ln.text
        if _RULE.match(raw):
            continue
        raw = re.sub(r"^(?:>\s?)+", "", raw)
        if m := _HEADING.match(raw):
            text = _inline(m.group(2))
            depth = len(m.group(1))
            if depth not in levels:
                out.append(Line(text, ln.number, title=True, hard=True, blank_before=True))
            elif match_marker(text):
                current = match_marker(text)[0]  # type: ignore[index]
                out.append(Line(text, ln.number, blank_before=True))
            else:
                current = levels[depth]
                out.append(Line("", ln.number, current, "", text, blank_before=True))
            continue
        if m := _BULLET.match(ln.text):
            indent, number, rest = ln.indent // 2, m.group(2), m.group(3)
            out.append(_lead(rest, ln, min(5, max(2, current + 1) + indent), f"{number}." if number else ""))
            continue
        if _BOLD_LEAD.match(raw) and not match_marker(_inline(raw)):
            out.append(_lead(raw, ln, min(5, max(2, current + 1)), ""))
            continue
        out.append(Line(_inline(raw), ln.number, blank_before=ln.blank_before))
    return out


def _lead(text: str, ln: Line, level: int, marker: str) -> Line:
    """A bullet or bold-lead paragraph: the bold phrase (if any) is its heading."""
    plain = _inline(text)
    if not marker and match_marker(plain):
        return Line(plain, ln.number, blank_before=True)
    if m := _BOLD_LEAD.match(text):
        heading = _inline(m.group(1)).rstrip(_SENTENCE_END)
        return Line(_inline(m.group(2)).lstrip(_SENTENCE_END), ln.number, level, marker, heading,
                    blank_before=True)
    return Line(plain, ln.number, level, marker, None, blank_before=True)

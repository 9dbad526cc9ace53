"""Text repair: join hard-wrapped lines, split a one-line document at its outline markers (pure)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from .lines import Line
from .numbering import cn_value, match_marker
from .report import LineNote, Reading

_ENDS = "。！？；：!?;:…"
_CLOSES = "”’」』）)】〕"
_NO_LINE_START = "，。、；：！？）》”’」』】〕,.;:!?)%％"
_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("‘", "’"))
_CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’《》"
_SPACES = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\u00a0]+(?=[{_CJK}\d])|(?<=\d)[ \t\u3000\u00a0]+(?=[{_CJK}])")
_POINT = re.compile(r"^[一二三四五六七八九十]{1,3}是")
_PART = re.compile(r"^第[一二三四五六七八九十]+(?:部分|章|篇)")
SPLIT_MIN = 120
_INLINE_MARKERS = [
    ("part", re.compile(r"第([一二三四五六七八九十]+)部分"), True),
    ("l1", re.compile(r"([一二三四五六七八九十]+)[、．]"), True),
    ("l2", re.compile(r"[（(]([一二三四五六七八九十]+)[)）]"), False),
    ("l3", re.compile(r"(\d{1,2})(?:[.．](?!\d)|、)"), True),
    ("l4", re.compile(r"[（(](\d{1,2})[)）]"), False),
]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ends_paragraph(text: str) -> bool:
    t = text.rstrip(_CLOSES)
    return bool(t) and (t[-1] in _ENDS or (t != text and t[-1] in _ENDS))


def starts_new(text: str) -> bool:
    return bool(match_marker(text) or _POINT.match(text) or _PART.match(text))


def _open_pair(text: str) -> bool:
    return any(text.count(a) > text.count(b) for a, b in _PAIRS)


def wrap_width(lines: list[Line]) -> int | None:
    """The column width of a hard-wrapped text, if most lines fill it and break mid-sentence."""
    free = [ln for ln in lines if not (ln.hard or ln.explicit or ln.table)]
    widths = [display_width(ln.text) for ln in free]
    counted = [w for w in widths if w >= 16]
    if len(counted) < 3:
        return None
    counts = Counter(counted)
    best, best_n = 0, 0
    for w in counts:
        n = sum(c for v, c in counts.items() if w - 4 <= v <= w)
        if n > best_n or (n == best_n and w > best):
            best, best_n = w, n
    cluster = [ln for ln, w in zip(free, widths, strict=True) if best - 4 <= w <= best]
    mid = sum(1 for ln in cluster if not ends_paragraph(ln.text))
    wider = sum(1 for w in counted if w > best + 4)
    if best_n >= 3 and best_n >= 0.3 * len(counted) and mid * 2 >= best_n and wider <= 0.1 * len(counted):
        return best
    return None


def _joins(prev: Line, nxt: Line, width: int | None, blanks_mean_nothing: bool) -> bool:
    if prev.hard or nxt.hard or prev.explicit or nxt.explicit or prev.table or nxt.table:
        return False
    if not nxt.text or nxt.break_before or starts_new(nxt.text):
        return False
    if nxt.text[0] in _NO_LINE_START:
        return True
    if ends_paragraph(prev.text):
        return False
    if _open_pair(prev.text) or (prev.text[-1].isdigit() and nxt.text[0].isdigit()):
        return True
    if width is None or (nxt.blank_before and not blanks_mean_nothing):
        return False
    return display_width(prev.text) >= width - max(4, width // 10)


def join_wrapped(lines: list[Line], reading: Reading) -> list[Line]:
    width = wrap_width(lines)
    blanks = sum(1 for ln in lines[1:] if ln.blank_before)
    blanks_mean_nothing = len(lines) > 4 and blanks >= 0.8 * (len(lines) - 1)
    out: list[Line] = []
    group: list[Line] = []
    for ln in lines:
        if out and _joins(out[-1], ln, width, blanks_mean_nothing):
            sep = " " if out[-1].text[-1].isascii() and ln.text[0].isascii() and out[-1].text[-1].isalpha() else ""
            out[-1] = replace(out[-1], text=out[-1].text + sep + ln.text)
            group.append(ln)
            continue
        _note_group(group, reading)
        out.append(ln)
        group = [ln]
    _note_group(group, reading)
    return out


def _note_group(group: list[Line], reading: Reading) -> None:
    if len(group) > 1:
        reading.repairs.append(LineNote(group[0].number, group[0].text[:20],
                                        f"第{group[0].number}–{group[-1].number}行是同一段（硬换行），已合并"))


_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?: \d){2,}(?![\d.])")


def _respace(text: str) -> tuple[str, int]:
    text, n = _SPACES.subn("", text)
    spaced = _SPACED_DIGITS.findall(text)
    if spaced:  # '3 6 0' letter-spaced digits in a PDF copy
        text = _SPACED_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), text)
    return text, n + sum(s.count(" ") for s in spaced)


def remove_cjk_spaces(lines: list[Line], reading: Reading) -> list[Line]:
    out, count = [], 0
    for ln in lines:
        if ln.table or not (" " in ln.text or "\u3000" in ln.text or "\t" in ln.text or "\u00a0" in ln.text):
            out.append(ln)
            continue
        text, n = _respace(ln.text)
        count += n
        out.append(replace(ln, text=text) if n else ln)
    if count:
        reading.repairs.append(LineNote(lines[0].number, "", f"去掉了 {count} 处汉字之间的空格"))
    return out


def _split_points(text: str) -> list[int]:
    """Offsets where an outline marker opens a new part of a run-on line."""
    cuts: set[int] = set()
    for _, pattern, needs_boundary in _INLINE_MARKERS:
        last = 0
        kept: list[int] = []
        for m in pattern.finditer(text):
            before = text[m.start() - 1] if m.start() else ""
            if needs_boundary and before and before not in _ENDS + _CLOSES:
                continue
            value = cn_value(m.group(1))
            if value == 1 or value == last + 1:
                kept.append(m.start())
                last = value
        if len(kept) >= 2:
            cuts.update(k for k in kept if k > 0)
    return sorted(cuts)


_GLUED_POINT = re.compile(r"(?<=[^，。；：、\d一二三四五六七八九十统])一是")


def _heading_then_points(piece: str) -> list[str]:
    """'二、存在问题一是…二是…': the heading had no full stop before its points."""
    m = _GLUED_POINT.search(piece)
    if m and starts_new(piece) and "。" not in piece[: m.start()]:
        return [piece[: m.start()], piece[m.start():]]
    return [piece]


def split_run_on(lines: list[Line], reading: Reading) -> list[Line]:
    """A whole document on one (or a few) lines: cut it at its outline markers."""
    if len(lines) > 5:
        return lines
    out: list[Line] = []
    for ln in lines:
        cuts = _split_points(ln.text) if len(ln.text) >= SPLIT_MIN and not ln.explicit else []
        if not cuts:
            out.append(ln)
            continue
        bounds = [0, *cuts, len(ln.text)]
        pieces = [p for a, b in zip(bounds, bounds[1:], strict=False)
                  for p in _heading_then_points(ln.text[a:b].strip())]
        out.extend(replace(ln, text=p, blank_before=True) for p in pieces if p)
        reading.repairs.append(LineNote(ln.number, ln.text[:20],
                                        f"第{ln.number}行整篇连在一行，按编号拆成 {len(pieces)} 段"))
    return out

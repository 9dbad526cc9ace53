"""Source lines → body lines, title and furniture: noise dropped, hard wraps repaired (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from ..punctuation import normalise_punctuation
from . import markdown, rewrap, title
from .cover import split_cover
from .furniture import Furniture, drop_noise, keep_furniture
from .lines import Line, from_raw, strip_text
from .report import LineNote, Reading
from .rules import Rules, load_rules

_HIDDEN = re.compile(r"^[-—=\s]*此处隐藏\s*(\d+)\s*字[,，]?\s*(?:下载后查看)?[-—=\s]*$")
_FIELD = re.compile(r"^(?P<key>标题|作者|时间|来源|发布时间|发表时间)\s*[:：]\s*(?P<value>.*)$")
_INLINE_NOISE = re.compile(r"\[(?:打印本页|复制链接|收藏|返回列表)\]|【(?:打印本页|关闭窗口|收藏)】")
MARKDOWN_SUFFIXES = (".md", ".markdown")

__all__ = ["Cleaned", "Line", "clean"]


@dataclass
class Cleaned:
    title: str = ""
    title_how: str = ""
    title_guessed: bool = False
    lines: list[Line] = field(default_factory=list)
    gaps: list[tuple[int, int | None]] = field(default_factory=list)  # (lines before, chars)
    removed: list[Line] = field(default_factory=list)
    furniture: Furniture = field(default_factory=dict)
    reading: Reading = field(default_factory=Reading)


def _source_lines(raw_lines: list[str], source: str) -> tuple[list[Line], list[tuple[int, int]]]:
    """Non-empty lines with blank-line flags; hidden-text markers become (source line, chars)."""
    lines: list[Line] = []
    hidden: list[tuple[int, int]] = []
    blank = False
    for number, raw in enumerate(raw_lines, start=1):
        text = strip_text(_INLINE_NOISE.sub("", raw)) if "[" in raw or "【" in raw else strip_text(raw)
        if not text:
            blank = True
            continue
        if m := _HIDDEN.match(text):
            hidden.append((number, int(m.group(1))))
            blank = True
            continue
        ln = from_raw(raw, number, blank)
        lines.append(replace(ln, text=text) if not ln.explicit else ln)
        blank = False
    if PurePath(source).suffix.lower() in MARKDOWN_SUFFIXES:
        lines = markdown.convert(lines)
    return lines, hidden


def _field_lines(lines: list[Line], out: Cleaned) -> list[Line]:
    """Forum header fields (标题: / 作者: …): the 标题 value is the title."""
    body = []
    for ln in lines:
        m = None if ln.explicit else _FIELD.match(ln.text)
        if m:
            if m.group("key") == "标题" and not out.title:
                out.title, _ = title.tidy(m.group("value"))
                out.title_how = f"正文第{ln.number}行“标题:”"
            out.reading.dropped.append(LineNote(ln.number, ln.text, "网页上的标题、作者、时间行"))
        else:
            body.append(ln)
    return body


def _take_title(lines: list[Line], out: Cleaned) -> list[Line]:
    if out.title:  # stated by a 标题: line; drop its repeats at the top
        while lines and not lines[0].explicit and title.tidy(lines[0].text)[0] == out.title:
            out.reading.dropped.append(LineNote(lines[0].number, lines[0].text, "重复的标题"))
            lines = lines[1:]
        return lines
    choice, lines = title.choose(lines, out.reading)
    if choice:
        out.title, out.title_how, out.title_guessed = choice.title, choice.how, choice.guessed
        issuer, lines = title.issuer_below_title(lines, out.reading)
        if issuer:
            out.furniture.setdefault("issuer", issuer)
    return lines


def _issued_document(lines: list[Line], rules: Rules, out: Cleaned) -> list[Line]:
    """Behind a 印发《X》的通知, the document is X (see cover.py)."""
    issued = split_cover(out.title, lines, rules, out.reading) if out.title else None
    if not issued:
        return lines
    name, lines, furniture = issued
    out.title, out.title_how, out.title_guessed = name, f"印发通知“{out.title}”所附文件的标题", False
    for key, value in furniture.items():
        out.furniture.setdefault(key, value)
    return lines


def clean(raw_lines: list[str], source: str = "", rules: Rules | None = None) -> Cleaned:
    out = Cleaned()
    rules = rules or load_rules()
    lines, hidden = _source_lines(raw_lines, source)
    lines = drop_noise(lines, rules, out.reading)
    lines = _field_lines(lines, out)
    lines, out.furniture = keep_furniture(lines, rules, out.reading)
    lines = _take_title(lines, out)
    lines = _issued_document(lines, rules, out)
    lines = _mark_gaps(lines, hidden)
    lines = rewrap.remove_cjk_spaces(lines, out.reading) if lines else lines
    lines = rewrap.join_wrapped(lines, out.reading)
    lines = rewrap.split_run_on(lines, out.reading)
    out.lines = [_normalised(ln) for ln in lines]
    out.gaps = [(sum(1 for ln in out.lines if ln.number < at), chars) for at, chars in hidden]
    out.removed = [Line(n.text, n.line) for n in out.reading.dropped]
    out.title = normalise_punctuation(out.title)
    return out


def _mark_gaps(lines: list[Line], hidden: list[tuple[int, int]]) -> list[Line]:
    """A hidden-text marker ends a paragraph: never join across it."""
    if not hidden:
        return lines
    at = [n for n, _ in hidden]
    out = []
    prev = 0
    for ln in lines:
        gap = any(prev < n < ln.number for n in at)
        out.append(replace(ln, blank_before=True, break_before=True) if gap else ln)
        prev = ln.number
    return out


def _normalised(ln: Line) -> Line:
    heading = normalise_punctuation(ln.heading) if ln.heading else ln.heading
    return replace(ln, text=normalise_punctuation(ln.text), heading=heading)

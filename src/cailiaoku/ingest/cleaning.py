"""Strip web/forum noise, hidden-text markers and repeated titles (pure functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..punctuation import normalise_punctuation

_HIDDEN = re.compile(r"^[-—=\s]*此处隐藏\s*(\d+)\s*字[,，]?\s*(?:下载后查看)?[-—=\s]*$")
_FOOTER = re.compile(r"^欢迎光临\s*(?P<site>.*?)\s*(?:\(|（)?(?:https?://\S*)?(?:\)|）)?\s*Powered by.*$", re.I)
_FIELD = re.compile(r"^(?P<key>标题|作者|时间|来源|发布时间|发表时间)\s*[:：]\s*(?P<value>.*)$")
_INLINE_NOISE = re.compile(r"\[(?:打印本页|复制链接|收藏|返回列表)\]")
_TITLE_WORDS = re.compile(r"(总结|要点|计划|谋划|方案|报告|思路|打算)$")
_STRAY_DIGITS = re.compile(r"(?<=[总结要点计划谋划方案报告思路打算])\d{1,2}$")
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[①-⑳])")


@dataclass
class Line:
    text: str
    number: int  # 1-based line number in the source file


@dataclass
class Cleaned:
    title: str = ""
    lines: list[Line] = field(default_factory=list)
    gaps: list[tuple[int, int | None]] = field(default_factory=list)  # (lines before, chars)
    removed: list[Line] = field(default_factory=list)


def _strip(text: str) -> str:
    return text.strip(" \t\u3000\ufeff\u00a0")


def clean(raw_lines: list[str]) -> Cleaned:
    out = Cleaned()
    site_names = {m.group("site") for t in raw_lines if (m := _FOOTER.match(_strip(t)))}
    site_names.discard("")
    for number, raw in enumerate(raw_lines, start=1):
        text = _strip(_INLINE_NOISE.sub("", raw))
        if not text:
            continue
        if _FOOTER.match(text) or text in site_names:
            out.removed.append(Line(raw, number))
            continue
        if hidden := _HIDDEN.match(text):
            out.gaps.append((len(out.lines), int(hidden.group(1))))
            continue
        if fieldm := _FIELD.match(text):
            if fieldm.group("key") == "标题" and not out.title:
                out.title = _title_text(fieldm.group("value"))
            out.removed.append(Line(raw, number))
            continue
        out.lines.append(Line(normalise_punctuation(text), number))
    _take_titles(out)
    return out


def _title_text(text: str) -> str:
    return _STRAY_DIGITS.sub("", _strip(_INLINE_NOISE.sub("", text)))


def _looks_like_title(text: str) -> bool:
    return (
        len(text) <= 50
        and not _NUMBERED.match(text)
        and not text.endswith(("。", "：", "；"))
        and bool(_TITLE_WORDS.search(_title_text(text)))
    )


def _take_titles(out: Cleaned) -> None:
    """Leading title lines (and repeats of the title) are metadata, not body."""
    while out.lines and _looks_like_title(out.lines[0].text):
        title = _title_text(out.lines[0].text)
        if not out.title:
            out.title = title
        elif title != out.title:
            break
        out.removed.append(out.lines.pop(0))
        out.gaps = [(max(0, i - 1), c) for i, c in out.gaps]

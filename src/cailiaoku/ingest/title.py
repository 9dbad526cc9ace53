"""Find the title the way a reader does: score the first lines; else file name, else first line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from ..punctuation import normalise_punctuation
from .lines import Line
from .numbering import match_marker
from .orgyear import ORG_SUFFIX
from .report import LineNote, Reading

HEAD_LINES = 8
MIN_SCORE = 3.0
TITLE_MAX = 90
_KIND_END = re.compile(
    r"(?:总结|小结|计划|规划|要点|方案|报告|汇报|讲话|发言|讲话稿|发言稿|致辞|意见|通知|思路|打算|谋划"
    r"|安排|材料|述职|述廉|体会|情况|提纲|决定|办法|细则|通报|请示|纪要|清单|台账|举措)$")
_SUFFIX = re.compile(
    r"(?:\s*[（(【\[](?:定稿|终稿|修改稿|修订稿|征求意见稿|送审稿|初稿|讨论稿|审定稿|最新版?|完整版|word版|范文"
    r"|精选\s*[\d一二三四五六七八九十]+\s*篇|[\d一二三四五六七八九十]+\s*篇"
    r"|[^）)】\]]{0,6}(?:19|20)\d{2}(?:\s*[年.\-/]\s*\d{1,2}(?:\s*[月.\-/]\s*\d{1,2}\s*日?)?)?[^）)】\]]{0,6})[）)】\]]"
    r"|\s*[-—_]*\s*(?:范文|精选|大全|模板|最新|通用)(?:\s*[\d一二三四五六七八九十]+\s*篇)?"
    r"|(?<=[\u4e00-\u9fff])\d{1,2})$")
_PREFIX = re.compile(r"^(?:[【\[](?:范文|精选|原创|推荐|最新)[】\]]|(?:范文|标题)\s*[:：]|第\s*[1一]\s*篇\s*[:：]?"
                     r"|(?:篇|范文)\s*[1一]\s*[:：])\s*")
_GLUED = re.compile(
    r"^(?P<title>[^，。；：,;:！？]{4,60}?(?:总结|计划|要点|方案|报告|汇报|谋划|述职报告|讲话))"
    r"(?P<rest>(?:(?:19|20)\d{2}年|今年|近年|一年来|去年|[一二三四五六七八九十]、|[（(][一二三四五六七八九十][)）]|为|根据|按照|在|现将|我).{10,})$")
_ORG_LINE = re.compile(r"[^，。；：:,;！？!?\s]{2,25}(?:委员会|党委|党组|委|局|办公室|办|部|厅|院|政府|中心|公司|支部|单位|镇|乡|街道|所|站|队|馆|会|校)")
# Everyday words that end like a unit's name (格局 in 局, 干部 in 部, 社会 in 会): a subtitle, not a unit.
_NOT_ORG_END = re.compile(r"(?:格局|布局|大局|全局|结局|开局|变局|新局|僵局|时局|干部|全部|内部|外部|局部|"
                          r"社会|大会|机会|体会|座谈会|场所|网站|车站)$")
_GENERIC_NAMES = re.compile(r"^(?:无标题|未命名|新建.*文档.*|文档\d*|document\d*|untitled\d*|[\dA-Fa-f_\-\s]+)$", re.I)


@dataclass
class TitleChoice:
    title: str
    how: str
    guessed: bool


def tidy(text: str) -> tuple[str, list[str]]:
    """Strip （定稿）, bracketed dates, 范文, （精选N篇）, a stray trailing digit… Returns what went."""
    removed: list[str] = []
    text = text.strip()
    while True:
        m = _PREFIX.match(text)
        if m and m.end() < len(text):
            removed.append(m.group(0).strip())
            text = text[m.end():].strip()
            continue
        m = _SUFFIX.search(text)
        if m and m.start() > 0:
            removed.append(m.group(0).strip())
            text = text[: m.start()].strip()
            continue
        return normalise_punctuation(text), removed


def score(line: Line, index: int) -> float:
    text, _ = tidy(line.text)
    if not text or line.explicit:
        return -99.0
    s = 6.0 if line.title else 0.0
    s += 4.0 if _KIND_END.search(text) else 0.0
    s += 2.0 if text.startswith("关于") else 0.0
    s += 1.0 if re.search(r"(?:19|20)\d{2}\s*年", text) else 0.0
    s += 1.0 if 4 <= len(text) <= 60 else (-4.0 if len(text) > TITLE_MAX else 0.0)
    if text.endswith(("。", "；", "，", "：", "！", "？", ":", ";", ",")):
        s -= 6.0
    if "。" in text or match_marker(text) or re.match(r"^[一二三四五六七八九十]是", text):
        s -= 6.0
    return s - 0.5 * index


def looks_like_title(text: str) -> bool:
    return score(Line(text, 0), 0) >= MIN_SCORE


def _candidates(lines: list[Line]) -> list[tuple[int, int, Line]]:
    """(first index, last index, line): each head line, and two short lines read as one title."""
    out: list[tuple[int, int, Line]] = []
    for i, ln in enumerate(lines[:HEAD_LINES]):
        if ln.explicit or match_marker(ln.text) or len(ln.text) > TITLE_MAX + 20:
            break
        out.append((i, i, ln))
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (nxt and not nxt.explicit and not ln.title and len(ln.text) >= 8
                and len(ln.text) + len(nxt.text) <= TITLE_MAX
                and not re.search(r"[。，；：:]", ln.text + nxt.text)
                and not _KIND_END.search(tidy(ln.text)[0]) and _KIND_END.search(tidy(nxt.text)[0])):
            out.append((i, i + 1, Line(ln.text + nxt.text, ln.number)))
        if "。" in ln.text:
            break
    return out


_UNIT_LINE = re.compile(rf"[^\s，。；：:!！?？|｜>]{{2,30}}{ORG_SUFFIX}")


def choose(lines: list[Line], reading: Reading) -> tuple[TitleChoice | None, list[Line]]:
    """Take the best-scoring head line(s) as the title; drop repeats and lines above it."""
    best: tuple[float, int, int, Line] | None = None
    for first, last, ln in _candidates(lines):
        s = score(ln, first)
        if s >= MIN_SCORE and (best is None or s > best[0]):
            best = (s, first, last, ln)
    if best is None:
        return _glued(lines, reading)
    _, first, last, ln = best
    title, removed = tidy(ln.text)
    for above in lines[:first]:
        why = "标题上方的单位名" if _UNIT_LINE.fullmatch(above.text) else "标题之前的网页杂质"
        reading.dropped.append(LineNote(above.number, above.text, why))
    rest = lines[last + 1:]
    while rest and not rest[0].explicit and tidy(rest[0].text)[0] == title:
        reading.dropped.append(LineNote(rest[0].number, rest[0].text, "重复的标题"))
        rest = rest[1:]
    for n in range(first, last + 1):
        reading.dropped.append(LineNote(lines[n].number, lines[n].text, "标题行"))
    where = f"正文第{ln.number}行" + ("（标题样式）" if ln.title else "")
    if last > first:
        where = f"正文第{ln.number}–{lines[last].number}行（两行合为一个标题）"
    if removed:
        where += "，去掉了" + "".join(f"“{r}”" for r in removed)
    return TitleChoice(title, where, bool(removed) or last > first or first > 0), rest


def _glued(lines: list[Line], reading: Reading) -> tuple[TitleChoice | None, list[Line]]:
    """A one-line document: the title runs straight into the first sentence."""
    if not lines or lines[0].explicit:
        return None, lines
    m = _GLUED.match(lines[0].text)
    if not m:
        return None, lines
    title, _ = tidy(m.group("title"))
    first = Line(m.group("rest"), lines[0].number, blank_before=True)
    reading.repairs.append(LineNote(lines[0].number, title, f"标题“{title}”与正文连在同一行，已拆开"))
    return TitleChoice(title, f"正文第{lines[0].number}行开头（标题与正文连在一起）", True), [first, *lines[1:]]


def issuer_below_title(lines: list[Line], reading: Reading) -> tuple[str, list[Line]]:
    """A unit's name alone on the line under the title (before the body) is the 落款 unit."""
    if len(lines) > 1 and not lines[0].explicit and _ORG_LINE.fullmatch(lines[0].text) \
            and not _NOT_ORG_END.search(lines[0].text) and not match_marker(lines[0].text):
        reading.kept.append(LineNote(lines[0].number, lines[0].text, "落款单位"))
        return lines[0].text, lines[1:]
    return "", lines


def from_file_name(source: str) -> str:
    stem = PurePath(source).stem
    stem = re.sub(r"^(?:(?!(?:19|20)\d{2}[_\-.\s])[A-Za-z0-9]{1,12}[_\-.\s]+)+(?=.*[\u4e00-\u9fff])", "", stem)
    stem = re.sub(r"[_\-\s]*[0-9a-f]{8,}$", "", stem)
    title, _ = tidy(stem.replace("_", " "))
    if _GENERIC_NAMES.match(title) or not re.search(r"[\u4e00-\u9fff]", title):
        return ""
    return title


def from_first_line(lines: list[Line]) -> str:
    for ln in lines:
        text = ln.heading or ln.text
        marker = match_marker(text)
        text = text[len(marker[1]):] if marker else text
        first = re.split(r"[。；！？]", text, maxsplit=1)[0].strip()
        if first:
            return first[:40]
    return ""

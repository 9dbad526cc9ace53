"""Render Word's automatic list numbers (w:numPr) as the text a reader sees."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for outline numbering)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def format_number(fmt: str, n: int) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting"):
        return chinese_number(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(n)


class NumberingResolver:
    """Tracks counters per list while paragraphs are visited in order."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None or ref.get(qn("w:val")) not in abstract:
                continue
            for lvl in abstract[ref.get(qn("w:val"))].findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl")))
                fmt = _val(lvl, "w:numFmt") or "decimal"
                text = _val(lvl, "w:lvlText") or f"%{ilvl + 1}."
                start = int(_val(lvl, "w:start") or 1)
                self._levels[(num.get(qn("w:numId")), ilvl)] = (fmt, text, start)

    def label(self, paragraph: Any) -> str:
        numpr = _numpr(paragraph)
        if numpr is None or numpr.numId is None:
            return ""
        num_id = str(numpr.numId.val)
        ilvl = int(numpr.ilvl.val) if numpr.ilvl is not None else 0
        if (num_id, ilvl) not in self._levels:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        label = self._levels[(num_id, ilvl)][1]
        for lv in range(ilvl + 1):
            fmt, _, start = self._levels.get((num_id, lv), ("decimal", "", 1))
            value = counters[lv] + start - 1 if counters[lv] else start
            label = label.replace(f"%{lv + 1}", format_number(fmt, value))
        return label


def _numpr(paragraph: Any) -> Any:
    """Numbering set on the paragraph, else inherited from its style chain (e.g. 'List Number')."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return ppr.numPr
    style = paragraph.style
    while style is not None:
        sppr = style.element.pPr
        if sppr is not None and sppr.numPr is not None:
            return sppr.numPr
        style = style.base_style
    return None


def _val(el: Any, tag: str) -> str | None:
    child = el.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None

"""PDF text layer → lines (pdfplumber), page headers/footers and page numbers dropped.

pdfplumber (pdfminer.six) was chosen over pypdf: on Chinese PDFs made by LibreOffice pypdf
moves “ ” quotes to the start of the line and puts spaces between digits and Chinese
(“12 次”); pdfplumber gives the text as printed. See tests/test_formats_pdf.py.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import SourceError
from .numbering import match_marker

PDF_SUFFIXES = {".pdf"}
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·•]*(第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+|[ivxlc]+)[\s\-—–－·•]*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_LEADING_WORD = re.compile(r"[A-Za-z0-9.,%]+")
SCANNED = "扫描件没有文字层，需先 OCR"


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    spaced: bool = False  # more space above than between the page's lines: a new paragraph

    def __str__(self) -> str:
        return self.text


def _pages(path: Path) -> list[list[Line]]:
    import pdfplumber  # lazy: only PDFs need it

    try:
        with pdfplumber.open(str(path)) as pdf:
            return [_lines(page.extract_text_lines()) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds for broken or encrypted files
        raise _damaged(path, exc) from exc


def _lines(raw: list[dict]) -> list[Line]:
    raw = [ln for ln in raw if ln["text"].strip()]
    gaps = [b["top"] - a["top"] for a, b in zip(raw, raw[1:], strict=False)]
    usual = statistics.median(gaps) if gaps else 0.0
    return [Line(ln["text"], ln["x0"], ln["x1"], bool(i and usual and gaps[i - 1] > 1.3 * usual))
            for i, ln in enumerate(raw)]


def _damaged(path: Path, exc: Exception) -> SourceError:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name:
        return SourceError("PDF 文件有密码保护，无法读取", path=path, hint="先去掉密码再导入。")
    return SourceError(f"无法打开 PDF 文件（文件可能已损坏或不完整）：{name}", path=path,
                       hint="用 PDF 阅读器打开确认，或另存一份后重试。")


def _furniture(pages: list[list[Line]]) -> Counter[str]:
    """Lines at the top or bottom of many pages (digits masked): running headers/footers."""
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_DIGITS.sub("#", ln.text.strip()) for ln in (lines[:1] + lines[-1:])})
    return seen


def strip_furniture(pages: list[list[Line]]) -> list[Line]:
    """Join the pages, dropping page numbers and headers/footers repeated across pages."""
    counts = _furniture(pages)
    repeated = max(2, (len(pages) + 1) // 2)
    out: list[Line] = []
    for lines in pages:
        while lines and _is_furniture(lines[0], counts, repeated):
            lines = lines[1:]
        while lines and _is_furniture(lines[-1], counts, repeated):
            lines = lines[:-1]
        if lines:  # the space below a dropped page header says nothing about paragraphs
            lines[0] = replace(lines[0], spaced=False)
        out.extend(lines)
    return out


def _is_furniture(line: Line, counts: Counter[str], repeated: int) -> bool:
    text = line.text.strip()
    return bool(_PAGE_NUMBER.match(text)) or counts[_DIGITS.sub("#", text)] >= repeated


def join_wrapped(lines: list[Line]) -> list[str]:
    """Join lines the layout wrapped: a line reaching the right margin runs on, unless the
    next one is indented, set apart by paragraph spacing or opens with an outline marker."""
    long = [ln for ln in lines if len(ln.text) >= 10]
    if not long:
        return [ln.text for ln in lines]
    char = statistics.median((ln.x1 - ln.x0) / len(ln.text) for ln in long)
    left = min(ln.x0 for ln in long)
    right = max(ln.x1 for ln in long)
    out: list[str] = []
    room = float("inf")  # space left at the end of the previous line
    for ln in lines:
        text = ln.text.strip()
        starts_new = ln.spaced or ln.x0 > left + char or match_marker(text) is not None
        # Kinsoku may push up to three characters down (项）。), a number or Latin word whole.
        lead = _LEADING_WORD.match(text)
        fits = 3.2 * char + (0.55 * char * len(lead.group()) if lead else 0)
        if out and not starts_new and room <= fits:
            gap = " " if out[-1][-1:].isascii() and text[:1].isascii() and text[:1].isalnum() else ""
            out[-1] += gap + text
        else:
            out.append(text)
        room = right - ln.x1
    return out


def read_pdf(path: Path) -> list[str]:
    pages = _pages(path)
    if not any(pages):
        raise SourceError(SCANNED, path=path,
                          hint="用 OCR 软件（如 WPS、ABBYY、tesseract）识别成文字后另存为 .docx 或 .txt 再导入。")
    return join_wrapped(strip_furniture(pages))

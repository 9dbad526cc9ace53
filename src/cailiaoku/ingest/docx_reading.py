"""Word body in order — paragraphs and tables — with outline levels from list level and style."""

from __future__ import annotations

import re
from typing import Any

from .docx_numbering import NumberingResolver, _numpr
from .lines import SourceText
from .numbering import match_marker

_STYLE_DEPTH = re.compile(r"^List (?:Number|Bullet|Paragraph|Continue)\s*(\d)?$|^列表(?:编号|项目符号)\s*(\d)?$")
_HEADING = re.compile(r"^(?:Heading|标题)\s*(\d)$")
_BULLET_LABEL = re.compile(r"^[\uf000-\uf0ff•·▪■□◆◇○●\-–—*]+$")


def _depth(paragraph: Any) -> int | None:
    """List depth: the paragraph's own w:ilvl, else the style's number (List Number 2 → 1)."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None and ppr.numPr.ilvl is not None:
        return int(ppr.numPr.ilvl.val)
    name = paragraph.style.name if paragraph.style is not None else ""
    m = _STYLE_DEPTH.match(name)
    if m:
        n = m.group(1) or m.group(2)
        return int(n) - 1 if n else 0
    return 0 if _numpr(paragraph) is not None else None


class _Levels:
    """Outline level for each list depth, fixed by the first label seen at that depth."""

    def __init__(self) -> None:
        self.by_depth: dict[int, int] = {}

    def level(self, depth: int, label: str) -> int:
        if depth not in self.by_depth:
            shown = match_marker(label)
            parent = self.by_depth.get(depth - 1)
            if parent is None:
                level = (shown[0] if shown else 3) + (depth if depth and not shown else 0)
            else:
                level = max(parent + 1, shown[0] if shown else 0)
            self.by_depth[depth] = min(level, 5)
        return self.by_depth[depth]


def _blocks(document: Any) -> list[Any]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[Any] = []

    def visit(parent: Any) -> None:
        for child in parent.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p" and not _is_toc_entry(paragraph := Paragraph(child, document)):
                out.append(paragraph)
            elif tag == "tbl":
                out.append(Table(child, document))
            elif tag == "sdt" and not _is_toc_block(child):  # content controls hold body text too
                for content in child.iterchildren(f"{_W}sdtContent"):
                    visit(content)

    visit(document.element.body)
    return out


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _is_toc_block(sdt: Any) -> bool:
    """Word's generated 目录 is a content control of the 'Table of Contents' gallery."""
    return any(g.get(f"{_W}val", "").startswith("Table of Contents")
               for g in sdt.iter(f"{_W}docPartGallery"))


_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*\d$", re.I)


def _is_toc_entry(paragraph: Any) -> bool:
    """A 目录 entry outside a content control: Word's built-in style 'toc 1'…'toc 9'."""
    style = paragraph.style
    return style is not None and bool(_TOC_STYLE.match(style.name or ""))


def _table_lines(table: Any) -> list[str]:
    """A one-column table (often a layout frame) reads as its paragraphs; other tables row by row."""
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = "\n".join(t.strip() for t in map(paragraph_text, cell.paragraphs) if t.strip())
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        if len(table.columns) == 1:
            lines.extend(ln for c in cells for ln in c.split("\n"))
        elif cells:
            lines.append(SourceText("　".join(c.replace("\n", "；") for c in cells), table=True))
    return lines


def docx_lines(document: Any) -> list[str]:
    resolver = NumberingResolver(document)
    levels = _Levels()
    out: list[str] = []
    for block in _blocks(document):
        if block.__class__.__name__ == "Table":
            out.extend(_table_lines(block))
            continue
        line = _paragraph_line(block, resolver, levels)
        if "\n" in line or "\x0b" in line:
            # Manual line breaks inside one paragraph: separate lines the text repair may join.
            first, *rest = line.replace("\x0b", "\n").split("\n")
            out.append(line.retext(first, str) if isinstance(line, SourceText) else first)
            out.extend(rest)
        else:
            out.append(line)
    return out


def _paragraph_line(p: Any, resolver: NumberingResolver, levels: _Levels) -> str:
    text = paragraph_text(p)
    style = p.style.name if p.style is not None else ""
    label = resolver.label(p)
    depth = _depth(p) if label else None
    if label and depth is not None and text.strip():
        marker = "" if _BULLET_LABEL.match(label) else label
        return SourceText(marker + text, level=levels.level(depth, marker), marker=marker)
    if style == "Title" or style.startswith("Title") or style == "标题":
        return SourceText(text, title=True)
    heading = _HEADING.match(style)
    if heading and text.strip() and not match_marker(text.strip()):
        return SourceText(text, level=min(int(heading.group(1)), 5), heading=text)
    return SourceText(text)


_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_W}pPr", f"{_W}rPr"}
_BREAKS = {f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}tab": "\t"}


def paragraph_text(paragraph: Any) -> str:
    """The text a reader sees: python-docx's Paragraph.text leaves out runs inside tracked
    insertions (w:ins), smart tags and inline content controls, so such words were lost."""
    parts: list[str] = []

    def visit(element: Any) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag in _SKIP:  # deleted text, text boxes (layout frames, left out as before), properties
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag in _BREAKS:
                if not (tag == f"{_W}br" and child.get(f"{_W}type") == "page"):
                    parts.append(_BREAKS[tag])
            else:
                visit(child)

    visit(paragraph._p)
    return "".join(parts)

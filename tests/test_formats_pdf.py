"""A text PDF made by LibreOffice gives the .docx's passages; a scan is refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from cailiaoku.errors import SourceError
from cailiaoku.ingest import analyse_source
from cailiaoku.ingest.pdf import SCANNED, Line, join_wrapped, strip_furniture
from cailiaoku.ingest.reading import read_source
from cailiaoku.taxonomy import load_taxonomy
from office_files import HEADER
from samples import ROOT, SOURCES

TAXONOMY = load_taxonomy(ROOT / "taxonomy.yaml")


def passages(path: Path) -> list[tuple]:
    d = analyse_source(path, TAXONOMY, path.parent)
    return [(p.type, p.number, p.heading, p.text, p.role, tuple(p.themes)) for p in d.passages]


@pytest.mark.parametrize("doc_id", list(SOURCES))
def test_text_pdf_gives_the_docx_passages(office_files, doc_id: str) -> None:
    docx = office_files.samples[doc_id]
    pdf = docx.with_suffix(".pdf")
    with pdfplumber.open(pdf) as opened:  # a real text layer, several pages, header on each
        pages = [p.extract_text() for p in opened.pages]
    assert len(pages) >= 2 and all(HEADER in p for p in pages)
    lines = read_source(pdf)
    assert HEADER not in "\n".join(lines)
    assert not any(line.strip().isdigit() for line in lines)  # page numbers dropped
    assert passages(pdf) == passages(docx)


def test_scanned_pdf_is_refused(office_files) -> None:
    with pytest.raises(SourceError) as info:
        read_source(office_files.scanned)
    assert info.value.message == SCANNED and "OCR" in (info.value.hint or "")


def test_damaged_pdf_gets_a_chinese_error(tmp_path: Path) -> None:
    bad = tmp_path / "残缺.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer")
    with pytest.raises(SourceError) as info:
        read_source(bad)
    assert "PDF" in info.value.message and info.value.hint


def test_page_furniture_and_wraps() -> None:
    def line(text: str, x1: float = 300.0, x0: float = 90.0, spaced: bool = False) -> Line:
        return Line(text, x0, x1, spaced)

    full = 90 + 10 * 20
    pages = [
        [line("某某局文件"), line("一、总体情况工作扎实推进成效明显好好好", full), line("续行结束。", 140),
         line("- 1 -")],
        [line("某某局文件"), line("第 2 页 共 2 页"), line("二、下一步计划继续推进各项工作落实见效", full),
         line("（一）强化学习。", 180), line("结尾。", 120)],
    ]
    kept = strip_furniture(pages)
    assert [ln.text for ln in kept][0] == "一、总体情况工作扎实推进成效明显好好好"
    assert join_wrapped(kept) == [
        "一、总体情况工作扎实推进成效明显好好好续行结束。",
        "二、下一步计划继续推进各项工作落实见效",  # next line opens with a marker: not joined
        "（一）强化学习。", "结尾。",
    ]

"""Checks shared by the CLI and browser export tests: open a .docx and verify the 公文 layout.

Expected values are written out here (GB/T 9704-2012 numbers), not read from layout.json,
so a wrong spec fails the tests too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

# style id → (eastAsia font, its fallback in the font table, size pt, alignment, first-line indent chars,
# font for digits and Latin letters, keep with next)
EXPECTED_STYLES = {
    "GwTitle": ("方正小标宋简体", "宋体", 22, WD_ALIGN_PARAGRAPH.CENTER, 0, "方正小标宋简体", True),
    "GwH1": ("黑体", "SimHei", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, "黑体", True),
    "GwH2": ("楷体_GB2312", "楷体", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, "楷体_GB2312", True),
    "GwBody": ("仿宋_GB2312", "仿宋", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, "Times New Roman", False),
    "GwFlush": ("仿宋_GB2312", "仿宋", 16, WD_ALIGN_PARAGRAPH.LEFT, 0, "Times New Roman", False),
}
FOOTER_TWIPS = 1429  # 25.2 mm: the dash 7 mm below the type area (35 − 7 − half of a 16 pt line)
LINE_PT = 28.95  # 225 mm / 22 lines, rounded down to whole twips


def _rpr_attr(style, tag: str, attr: str) -> str | None:
    rpr = style.element.rPr
    el = rpr.find(qn(tag)) if rpr is not None else None
    return el.get(qn(attr)) if el is not None else None


def check_style(document, style_id: str) -> None:
    style = next(s for s in document.styles if s.style_id == style_id)
    east_asia, _, size, align, indent_chars, latin, keep = EXPECTED_STYLES[style_id]
    assert _rpr_attr(style, "w:rFonts", "w:eastAsia") == east_asia, style_id
    assert style.font.name == latin and _rpr_attr(style, "w:rFonts", "w:hAnsi") == latin, style_id
    assert style.paragraph_format.keep_with_next is (True if keep else None), style_id
    assert style.font.size == Pt(size), style_id
    assert style.font.bold is False and style.font.italic is False, style_id
    fmt = style.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY, style_id
    assert abs(fmt.line_spacing.pt - LINE_PT) < 0.01, style_id
    assert fmt.alignment == align, style_id
    assert (fmt.first_line_indent or Pt(0)) == Pt(indent_chars * size), style_id
    ind = style.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == str(indent_chars * 100), style_id
    if size == 16:  # 28 characters a line: each character tightened by 0.25 pt
        assert _rpr_attr(style, "w:spacing", "w:val") == "-5", style_id


def check_footers(document) -> None:
    """Different odd/even footers, each with “— PAGE —”: odd pages right, even pages left."""
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, style_id, align in ((section.footer, "GwPageOdd", WD_ALIGN_PARAGRAPH.RIGHT),
                                    (section.even_page_footer, "GwPageEven", WD_ALIGN_PARAGRAPH.LEFT)):
        assert not footer.is_linked_to_previous
        xml = footer._element.xml
        assert 'w:fldCharType="begin"' in xml and re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", xml)
        (para,) = footer.paragraphs
        assert para.style.style_id == style_id
        assert para.text == "— 1 —"
        style = para.style
        assert style.paragraph_format.alignment == align
        assert _rpr_attr(style, "w:rFonts", "w:eastAsia") == "宋体"
        assert _rpr_attr(style, "w:rFonts", "w:ascii") == "宋体"  # half-width 宋体 digits
        assert style.font.size == Pt(14)
        side = "w:rightChars" if align == WD_ALIGN_PARAGRAPH.RIGHT else "w:leftChars"
        assert style.element.pPr.find(qn("w:ind")).get(qn(side)) == "100"  # one character in


def check_page(document) -> None:
    section = document.sections[0]
    mm = {k: round(getattr(section, k).mm) for k in (
        "page_width", "page_height", "top_margin", "left_margin", "right_margin", "bottom_margin")}
    assert mm == {"page_width": 210, "page_height": 297, "top_margin": 37, "left_margin": 28,
                  "right_margin": 26, "bottom_margin": 35}
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    assert section._sectPr.find(qn("w:pgMar")).get(qn("w:footer")) == str(FOOTER_TWIPS)


def check_font_table(path: Path) -> None:
    """The font table names each Chinese font with its fallback (w:altName) for Word and WPS."""
    import zipfile

    xml = zipfile.ZipFile(path).read("word/fontTable.xml").decode("utf-8")
    for east_asia, fallback, *_ in list(EXPECTED_STYLES.values())[:4]:
        assert re.search(rf'<w:font w:name="{east_asia}"><w:altName w:val="{fallback}"/>', xml), east_asia


THEME_ATTR = re.compile(r"w:(?:ascii|hAnsi|eastAsia|cs)Theme=|w:cstheme=")


def check_package(path: Path, document) -> None:
    """Core properties of this draft (not python-docx's template) and no theme fonts anywhere."""
    import zipfile
    from datetime import datetime, timedelta, timezone

    props = document.core_properties
    assert props.language == "zh-CN"
    assert props.title == document.paragraphs[0].text.replace("\n", "")
    assert props.author and props.author not in ("python-docx", "Un-named")
    assert props.created and datetime.now(timezone.utc) - props.created.replace(tzinfo=timezone.utc) < timedelta(hours=1)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                xml = z.read(name).decode("utf-8")
                assert not THEME_ATTR.search(xml), name
                assert "ja-JP" not in xml and "python-docx" not in xml and "Macintosh" not in xml, name
        assert not any(n.startswith("docProps/thumbnail") or n.startswith("customXml") for n in z.namelist())


def check_docx(path: Path) -> list[tuple[str, str]]:
    """All layout checks; returns the body as (style id, text) in order."""
    document = docx.Document(str(path))
    check_page(document)
    check_footers(document)
    check_font_table(path)
    check_package(path, document)
    body = [(p.style.style_id, p.text) for p in document.paragraphs]
    for style_id in {s for s, _ in body}:
        check_style(document, style_id)
    for p in document.paragraphs:
        for run in p.runs:  # no direct formatting but highlights: everything comes from the styles
            assert run.font.bold is None and run.font.name is None and run.font.size is None
    return body


def expected_pages(body: list[tuple[str, str]]) -> int:
    """Pages by counting grid lines (28 characters, 22 lines a page) over the exported paragraphs."""
    from cailiaoku.compose.render import estimate_pages, paragraph_lines
    from cailiaoku.compose.spec import load_layout

    spec = load_layout()
    styles = {v["id"]: k for k, v in spec["styles"].items()}
    paragraphs = [{"style": styles[s], "runs": [{"text": text, "mark": ""}]} for s, text in body]
    lines = sum(paragraph_lines(p, spec) for p in paragraphs)
    # The count is exact to about a line; stay clear of a page boundary so the check is decisive.
    assert 2 <= lines % spec["grid"]["lines_per_page"] <= 20, lines
    return estimate_pages(paragraphs, spec)


def pdf_pages(pdf: Path) -> int:
    data = pdf.read_bytes()
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)
    counts += re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)
    return max(int(c) for c in counts)


def convert_to_pdf(path: Path) -> Path:
    """LibreOffice headless, with a private profile so parallel runs do not collide."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "没有 LibreOffice：请先运行 bash scripts/setup.sh --test"
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(path.parent), str(path)],
            capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": profile},
        )
    pdf = path.with_suffix(".pdf")
    assert result.returncode == 0 and pdf.exists(), result.stdout + result.stderr
    assert "Error" not in result.stderr, result.stderr
    return pdf


def export_from_page(page, button: str, path: Path) -> Path:
    """Click an export button of the compose page, confirm 仍然导出, save the download."""
    with page.expect_download() as info:
        page.click(button)
        anyway = page.locator("#ck-confirm:not([hidden]) .ck-export-anyway")
        if anyway.count():
            anyway.click()
    info.value.save_as(path)
    return path

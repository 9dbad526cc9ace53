"""Write a draft as a 公文-format .docx with python-docx, following the layout spec."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from .ooxml import font_table_xml, indent_xml, page_number_paragraph, styles_xml
from .package import clean_settings, drop_template_parts, set_properties
from .render import UNFILLED, draft_title, render

HIGHLIGHT = {"yellow": WD_COLOR_INDEX.YELLOW, "cyan": WD_COLOR_INDEX.TURQUOISE,
             "magenta": WD_COLOR_INDEX.PINK, "green": WD_COLOR_INDEX.BRIGHT_GREEN}


def _replace_styles(document: Any, spec: dict[str, Any]) -> None:
    """Swap python-docx's template styles for the ones generated from the spec."""
    styles_part = document.part.part_related_by(RT.STYLES)
    styles_part._element = parse_xml(styles_xml(spec).encode("utf-8"))
    font_part = document.part.part_related_by(RT.FONT_TABLE)
    font_part._blob = font_table_xml(spec).encode("utf-8")


def _setup_section(document: Any, spec: dict[str, Any]) -> None:
    d = spec["derived"]
    sect = document.sections[0]._sectPr
    for tag in ("w:pgSz", "w:pgMar", "w:docGrid"):
        old = sect.find(qn(tag))
        if old is not None:
            sect.remove(old)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    m = d["margin"]
    sect.append(parse_xml(f'<w:pgSz {ns} w:w="{d["page_width"]}" w:h="{d["page_height"]}"/>'))
    sect.append(parse_xml(
        f'<w:pgMar {ns} w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" '
        f'w:left="{m["left"]}" w:header="{d["header"]}" w:footer="{d["footer"]}" w:gutter="0"/>'))
    sect.append(parse_xml(
        f'<w:docGrid {ns} w:type="{d["grid_type"]}" w:linePitch="{d["line_pitch"]}"/>'))
    _order_sectpr(sect)


def _order_sectpr(sect: Any) -> None:
    """Keep sectPr children in schema order (footer refs, pgSz, pgMar, cols, docGrid)."""
    order = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
             "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
             "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings"]
    children = list(sect)
    children.sort(key=lambda el: order.index(el.tag.split("}")[1]) if el.tag.split("}")[1] in order else 99)
    for el in children:
        sect.remove(el)
        sect.append(el)


def _setup_footers(document: Any, spec: dict[str, Any]) -> None:
    """Page numbers: odd pages right, even pages left (different odd/even footers)."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, which in ((section.footer, "odd"), (section.even_page_footer, "even")):
        footer.is_linked_to_previous = False
        body = footer._element
        for p in list(body.findall(qn("w:p"))):
            body.remove(p)
        body.append(parse_xml(page_number_paragraph(spec, which).encode("utf-8")))
    _order_sectpr(section._sectPr)


def _write_body(document: Any, draft: dict[str, Any], spec: dict[str, Any], clean: bool) -> None:
    """Paragraphs in their styles; unless `clean`, what is left to fill is highlighted with a comment."""
    body = document.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    marks = spec["marks"]
    for paragraph in render(draft, spec):
        p = document.add_paragraph()
        ppr = p._p.get_or_add_pPr()
        ppr.get_or_add_pStyle().set(qn("w:val"), spec["styles"][paragraph["style"]]["id"])
        if paragraph.get("indent"):
            ppr.append(parse_xml(indent_xml(spec, paragraph["indent"])))
        for run in paragraph["runs"]:
            r = p.add_run(run["text"])  # "\n" (title lines) becomes <w:br/>
            if clean or run["mark"] not in UNFILLED:
                continue
            r.font.highlight_color = HIGHLIGHT[marks[run["mark"]]["highlight"]]
            document.add_comment(r, text=marks[run["mark"]]["comment"], author=marks["author"], initials="材")


def build_docx(draft: dict[str, Any], spec: dict[str, Any], clean: bool = False) -> bytes:
    document = docx.Document()
    drop_template_parts(document)
    clean_settings(document)
    _replace_styles(document, spec)
    _setup_section(document, spec)
    _write_body(document, draft, spec, clean)
    _setup_footers(document, spec)
    set_properties(document, title=draft_title(draft, spec), author=(draft.get("org") or "").strip() or "材料库",
                   app="材料库（cailiaoku）", comment=spec["about_docx"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def export_docx(draft: dict[str, Any], spec: dict[str, Any], path: Path, clean: bool = False) -> Path:
    data = build_docx(draft, spec, clean)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path

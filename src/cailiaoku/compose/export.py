"""Write a draft as a 公文-format .docx with python-docx, following the layout spec."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from .ooxml import font_table_xml, page_number_paragraph, styles_xml
from .render import render


def _replace_styles(document: Any, spec: dict[str, Any]) -> None:
    """Swap python-docx's template styles for the ones generated from the spec."""
    styles_part = document.part.part_related_by(RT.STYLES)
    styles_part._element = parse_xml(styles_xml(spec).encode("utf-8"))
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)
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


def _write_body(document: Any, draft: dict[str, Any], spec: dict[str, Any]) -> None:
    body = document.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    for paragraph in render(draft, spec):
        style_id = spec["styles"][paragraph["style"]]["id"]
        p = document.add_paragraph()
        p._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), style_id)
        for run in paragraph["runs"]:
            p.add_run(run["text"])


def build_docx(draft: dict[str, Any], spec: dict[str, Any]) -> bytes:
    document = docx.Document()
    _replace_styles(document, spec)
    _setup_section(document, spec)
    _write_body(document, draft, spec)
    _setup_footers(document, spec)
    props = document.core_properties
    props.title = render(draft, spec)[0]["runs"][0]["text"] if draft else ""
    props.author = draft.get("org") or "材料库"
    props.comments = "由材料库（cailiaoku）按 GB/T 9704-2012 版式生成"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def export_docx(draft: dict[str, Any], spec: dict[str, Any], path: Path) -> Path:
    path.write_bytes(build_docx(draft, spec))
    return path

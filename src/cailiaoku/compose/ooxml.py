"""Office XML generated from the layout spec: styles.xml, fontTable.xml and the page-number paragraph.

These strings are used verbatim by python-docx here and shipped to the browser for docx.js,
so fonts (with w:eastAsia), sizes, spacing and indents are written once.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ALIGN = {"both": "both", "center": "center", "left": "left", "right": "right"}
# Word charset / family hints so a missing CJK font is substituted by a CJK font.
FONT_HINTS = {"Times New Roman": ("00", "roman", "variable")}
CJK_HINT = ("86", "modern", "fixed")


def _a(value: object) -> str:
    return quoteattr(str(value))


def run_props(spec: dict[str, Any], style: dict[str, Any]) -> str:
    font = spec["fonts"][style["font"]]
    half_points = int(round(style["size_pt"] * 2))
    # 28 characters per line: tighten each character by the grid's spare width (see layout.json grid).
    spacing = f"<w:spacing w:val=\"{spec['derived']['char_spacing']}\"/>" if style.get("fit_grid_chars") else ""
    return (
        "<w:rPr>"
        f"<w:rFonts w:ascii={_a(font['ascii'])} w:eastAsia={_a(font['eastAsia'])}"
        f" w:hAnsi={_a(font['ascii'])} w:cs={_a(font['ascii'])} w:hint=\"eastAsia\"/>"
        "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/><w:i w:val=\"0\"/><w:iCs w:val=\"0\"/>"
        f"{spacing}<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/>"
        "</w:rPr>"
    )


def _default_run_props(spec: dict[str, Any], body: dict[str, Any]) -> str:
    font = spec["fonts"][body["font"]]
    half_points = int(round(body["size_pt"] * 2))
    return (
        f"<w:rPr><w:rFonts w:ascii={_a(font['ascii'])} w:eastAsia={_a(font['eastAsia'])}"
        f" w:hAnsi={_a(font['ascii'])} w:cs={_a(font['ascii'])}/><w:kern w:val=\"2\"/>"
        f"<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/>"
        "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr>"
    )


def para_props(spec: dict[str, Any], style: dict[str, Any]) -> str:
    derived = spec["derived"]
    parts = ["<w:pPr>"]
    if style.get("keep_next"):
        parts.append("<w:keepNext/>")
    parts.append("<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>")  # digits stay half width
    if not style.get("snap_to_grid", True):
        parts.append("<w:snapToGrid w:val=\"0\"/>")
    if style.get("line") == "exact":
        parts.append(f"<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{derived['line_spacing']}\""
                     " w:lineRule=\"exact\"/>")
    elif style.get("line") == "exact_pt":
        parts.append(f"<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{round(style['line_pt'] * 20)}\""
                     " w:lineRule=\"exact\"/>")
    else:
        parts.append("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>")
    parts.append(_indent(style))
    parts.append(f"<w:jc w:val=\"{ALIGN[style['align']]}\"/>")
    if "outline_level" in style:
        parts.append(f"<w:outlineLvl w:val=\"{style['outline_level']}\"/>")
    parts.append("</w:pPr>")
    return "".join(parts)


def _indent(style: dict[str, Any]) -> str:
    """Indents in characters (what Word's 首行缩进 2 字符 writes) plus the twips equivalent."""
    char_twips = int(round(style["size_pt"] * 20))
    first = style.get("first_line_chars", 0)
    left = style.get("indent_left_chars", 0)
    right = style.get("indent_right_chars", 0)
    return (
        f"<w:ind w:leftChars=\"{left * 100}\" w:left=\"{left * char_twips}\""
        f" w:rightChars=\"{right * 100}\" w:right=\"{right * char_twips}\""
        f" w:firstLineChars=\"{first * 100}\" w:firstLine=\"{first * char_twips}\"/>"
    )


def indent_xml(spec: dict[str, Any], indent: dict[str, float]) -> str:
    """A paragraph's own indent (落款, 附件说明) in twips at the grid's character pitch, so that
    “右空二字” lands on the 28-character grid; negative `first` is a hanging indent."""
    pitch = spec["derived"]["char_pitch_twips"]
    left, first = indent.get("left", 0), indent.get("first", 0)
    hang = f' w:hanging="{round(-first * pitch)}"' if first < 0 else f' w:firstLine="{round(first * pitch)}"'
    return (f'<w:ind xmlns:w="{W_NS}" w:leftChars="0" w:left="{round(left * pitch)}"'
            f' w:firstLineChars="0" w:hangingChars="0"{hang}/>')


def style_xml(spec: dict[str, Any], key: str) -> str:
    style = spec["styles"][key]
    return (
        f"<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId={_a(style['id'])}>"
        f"<w:name w:val={_a(style['name'])}/><w:basedOn w:val=\"Normal\"/>"
        f"<w:next w:val=\"{spec['styles']['body']['id']}\"/><w:qFormat/>"
        f"{para_props(spec, style)}{run_props(spec, style)}</w:style>"
    )


def styles_xml(spec: dict[str, Any]) -> str:
    """The whole styles part: document defaults = body text, then one style per role."""
    body = spec["styles"]["body"]
    normal = dict(body, first_line_chars=0)
    return (
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        f"<w:styles xmlns:w=\"{W_NS}\">"
        f"<w:docDefaults><w:rPrDefault>{_default_run_props(spec, body)}</w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/>"
        "<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>"  # no extra space around digits: 落款 on the grid
        "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
        f"<w:qFormat/>{para_props(spec, normal)}{run_props(spec, body)}</w:style>"
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
        "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
        "<w:unhideWhenUsed/></w:style>"
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
        "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\""
        " w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
        "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
        "</w:style>"
        "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>"
        "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
        + "".join(style_xml(spec, key) for key in spec["styles"])
        + "</w:styles>"
    )


def font_table_xml(spec: dict[str, Any]) -> str:
    """Font table naming each East-Asian font with its fallback (w:altName) for Word and WPS."""
    entries: dict[str, str] = {}
    for font in spec["fonts"].values():
        alt = font["fallback"][0] if font["fallback"] else ""
        entries.setdefault(font["eastAsia"], alt)
        entries.setdefault(font["ascii"], "")
    xml = [f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:fonts xmlns:w=\"{W_NS}\">"]
    for name, alt in entries.items():
        charset, family, pitch = FONT_HINTS.get(name, CJK_HINT)
        xml.append(f"<w:font w:name={_a(name)}>")
        if alt:
            xml.append(f"<w:altName w:val={_a(alt)}/>")
        xml.append(f"<w:charset w:val=\"{charset}\"/><w:family w:val=\"{family}\"/>"
                   f"<w:pitch w:val=\"{pitch}\"/></w:font>")
    xml.append("</w:fonts>")
    return "".join(xml)


def page_number_paragraph(spec: dict[str, Any], which: str) -> str:
    """“— 1 —” with a PAGE field; `which` is 'odd' or 'even' (picks the right/left style)."""
    pn = spec["page_number"]
    style = spec["styles"][pn[f"{which}_style"]]

    def text_run(text: str) -> str:
        return f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>"

    return (
        f"<w:p xmlns:w=\"{W_NS}\"><w:pPr><w:pStyle w:val={_a(style['id'])}/></w:pPr>"
        f"{text_run(pn['before'])}"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        "<w:r><w:t>1</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        f"{text_run(pn['after'])}</w:p>"
    )


def ooxml_parts(spec: dict[str, Any]) -> dict[str, str]:
    """Everything the browser exporter needs verbatim."""
    return {
        "styles": styles_xml(spec),
        "fontTable": font_table_xml(spec),
        "footerOdd": page_number_paragraph(spec, "odd"),
        "footerEven": page_number_paragraph(spec, "even"),
    }

"""Encodings and .docx give the same passages as the UTF-8 text; bad input gets clear errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from docx import Document as NewDocx

from cailiaoku.errors import SourceError
from cailiaoku.ingest import analyse_source
from cailiaoku.ingest.reading import decode, read_source
from cailiaoku.taxonomy import load_taxonomy
from conftest import run_cli
from samples import ROOT, SOURCES

TAXONOMY = load_taxonomy(ROOT / "taxonomy.yaml")


def passages_of(path: Path) -> list[tuple]:
    d = analyse_source(path, TAXONOMY, path.parent)
    return [(p.type, p.number, p.heading, p.text, p.role, tuple(p.themes)) for p in d.passages]


def with_sidecar(src: Path, dest: Path) -> Path:
    sidecar = src.with_suffix(".yaml")
    if sidecar.exists():
        dest.with_suffix(".yaml").write_bytes(sidecar.read_bytes())
    return dest


@pytest.mark.parametrize("doc_id", list(SOURCES))
def test_gb18030_and_bom_give_the_same_passages(doc_id: str, tmp_path: Path) -> None:
    src = SOURCES[doc_id]
    text = src.read_text(encoding="utf-8")
    gb = with_sidecar(src, tmp_path / "gb.txt")
    gb.write_bytes(text.encode("gb18030"))
    bom = with_sidecar(src, tmp_path / "bom.md")
    bom.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    expected = passages_of(src)
    assert passages_of(gb) == expected
    assert passages_of(bom) == expected


@pytest.mark.parametrize("doc_id", list(SOURCES))
def test_docx_gives_the_same_passages(doc_id: str, tmp_path: Path) -> None:
    src = SOURCES[doc_id]
    docx_path = with_sidecar(src, tmp_path / "sample.docx")
    document = NewDocx()
    for line in src.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    document.save(str(docx_path))
    assert passages_of(docx_path) == passages_of(src)


def test_docx_automatic_numbering_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "市2025年意识形态工作要点.docx"
    document = NewDocx()
    document.add_paragraph("市2025年意识形态工作要点")
    document.add_paragraph("强化理论武装。认真落实理论学习中心组学习制度。", style="List Number")
    document.add_paragraph("加强阵地建设。实行“三审三校”制度。", style="List Number")
    document.save(str(path))
    assert read_source(path)[1:] == [
        "1.强化理论武装。认真落实理论学习中心组学习制度。", "2.加强阵地建设。实行“三审三校”制度。"]
    d = analyse_source(path, TAXONOMY, tmp_path)
    assert [(p.number, p.heading, p.themes[0]) for p in d.passages] == [
        ("1.", "强化理论武装", "理论学习"), ("2.", "加强阵地建设", "阵地建设")]
    assert (d.kind, d.year, d.org) == ("要点", 2025, "市")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件是空的"),
        (b" \n\r\n ", "文件是空的"),
        ("范文 text".encode("utf-16-le"), "二进制"),
        (bytes(range(256)) * 4, "二进制"),
        ("café naïve ÿ".encode("latin-1"), "无法识别文件编码"),
    ],
)
def test_bad_bytes_get_a_chinese_error(data: bytes, message: str) -> None:
    with pytest.raises(SourceError) as info:
        decode(data, "范文.txt")
    assert message in info.value.message and info.value.hint


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + p.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("空文件.txt", b"", "文件是空的"),
        ("二进制.txt", b"\x00\x01\x02PK\x03\x04" * 50, "二进制"),
        ("乱码.txt", "café ÿ".encode("latin-1") * 20, "无法识别文件编码"),
        ("残缺.docx", b"PK\x03\x04\x14\x00\x00\x00truncated", "无法打开 Word 文件"),
        ("只有杂质.txt", "欢迎光临某某范文网\n版权所有 某某范文网\n- 1 -\n".encode(), "没有剩下正文"),
        ("图片.png", b"\x89PNG\r\n", "不支持的文件类型"),
    ],
)
def test_cli_rejects_bad_sources_and_leaves_library_untouched(
    project_copy: Path, name: str, content: bytes, message: str
) -> None:
    bad = project_copy / "sources" / name
    bad.write_bytes(content)
    before = _tree_digest(project_copy / "snippets")
    good = next(iter(SOURCES.values())).name
    result = run_cli("ingest", f"sources/{name}", f"sources/{good}", cwd=project_copy)
    assert result.returncode == 1
    assert result.stderr.startswith(f"跳过 sources/{name}：")
    assert message in result.stderr and "处理办法" in result.stderr
    assert "共跳过 1 篇（其余 1 篇已导入）" in result.stderr and "更新 snippets/" in result.stdout
    assert _tree_digest(project_copy / "snippets") == before  # the good one re-ingested unchanged


def _wrap_in_content_control(paragraphs: list, gallery: str | None) -> None:  # type: ignore[type-arg]
    """Move the paragraphs into one w:sdt (Word's content control), as Word writes a 目录 or a form."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    pr = (f'<w:sdtPr {nsdecls("w")}><w:docPartObj><w:docPartGallery w:val="{gallery}"/>'
          '<w:docPartUnique/></w:docPartObj></w:sdtPr>') if gallery else f'<w:sdtPr {nsdecls("w")}/>'
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}>{pr}<w:sdtContent/></w:sdt>')
    paragraphs[0]._p.addprevious(sdt)
    content = sdt[-1]
    for p in paragraphs:
        content.append(p._p)


def test_docx_table_of_contents_is_skipped_and_content_controls_are_read(tmp_path: Path) -> None:
    """Word's 目录 (a 'Table of Contents' content control, or paragraphs styled toc 1/2) is no body;
    text inside any other content control is."""
    from docx.enum.style import WD_STYLE_TYPE

    path = tmp_path / "方案.docx"
    document = NewDocx()
    for name in ("toc 1", "toc 2"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("青山县2025年意识形态工作实施方案")
    toc = [document.add_paragraph("目录"), document.add_paragraph("一、总体要求\t1", style="toc 1")]
    _wrap_in_content_control(toc, "Table of Contents")
    document.add_paragraph("二、主要任务\t2", style="toc 1")
    document.add_paragraph("（一）加强理论武装\t2", style="toc 2")
    document.add_paragraph("为全面落实意识形态工作责任制，制定本方案。")
    document.add_paragraph("一、总体要求")
    form = [document.add_paragraph("坚持正确政治方向，牢牢掌握意识形态工作领导权。")]
    _wrap_in_content_control(form, None)
    document.add_paragraph("二、主要任务")
    document.add_paragraph("（一）加强理论武装。组织中心组学习12次。")
    document.save(str(path))
    assert read_source(path) == [
        "青山县2025年意识形态工作实施方案", "为全面落实意识形态工作责任制，制定本方案。", "一、总体要求",
        "坚持正确政治方向，牢牢掌握意识形态工作领导权。", "二、主要任务", "（一）加强理论武装。组织中心组学习12次。"]
    d = analyse_source(path, TAXONOMY, tmp_path)
    assert [p.heading for p in d.passages if p.heading] == ["总体要求", "主要任务", "加强理论武装"]


def test_a_table_of_contents_copied_as_text_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "方案.txt"
    path.write_text("青山县2025年意识形态工作实施方案\n目  录\n一、总体要求…………………………1\n"
                    "二、主要任务..........2\n第三章 保障措施 · · · · · 3\n为全面落实责任制，制定本方案。\n"
                    "一、总体要求\n坚持正确政治方向。\n二、主要任务\n（一）加强理论武装。组织学习12次。\n"
                    "三、保障措施\n各单位要明确专人负责。\n", encoding="utf-8")
    d = analyse_source(path, TAXONOMY, tmp_path)
    assert [p.number + p.heading for p in d.passages if p.heading] == [
        "一、总体要求", "二、主要任务", "（一）加强理论武装", "三、保障措施"]
    assert [n.reason for n in d.reading.dropped].count("目录") == 4


def test_docx_tracked_insertions_and_smart_tags_are_read_deletions_are_not(tmp_path: Path) -> None:
    """A Word file with 修订 left in it, and smart tags round dates and names: the words a reader
    sees are read (python-docx's Paragraph.text alone would lose them); deleted words are not."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = tmp_path / "青山县统计局2024年工作总结.docx"
    document = NewDocx()
    document.add_paragraph("青山县统计局2024年工作总结")
    document.add_paragraph("一、主要做法")
    p = document.add_paragraph("（一）完善制度。")
    w = nsdecls("w")
    p._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="张某"><w:r><w:t>制定统计执法办法，</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {w} w:id="2" w:author="张某"><w:r><w:delText>废止旧办法，</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:smartTag {w} w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
                          '<w:r><w:t>2024年3月</w:t></w:r></w:smartTag>'))
    p.add_run("起施行。")
    document.save(str(path))
    assert read_source(path)[-1] == "（一）完善制度。制定统计执法办法，2024年3月起施行。"
    d = analyse_source(path, TAXONOMY, tmp_path)
    assert d.passages[-1].text == "制定统计执法办法，2024年3月起施行。"

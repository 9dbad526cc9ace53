"""Marked .docx: every unfilled placeholder, source figure and other unit's name (待替换) is
highlighted and carries a Word comment saying what to fill; 导出干净稿 (--clean) has neither."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX

from cailiaoku.compose.draft import new_draft
from cailiaoku.compose.export import build_docx
from cailiaoku.compose.render import unfilled
from cailiaoku.compose.spec import load_layout
from compose_docx import check_docx
from conftest import run_cli

SPEC = {**load_layout(), "orgs": ["市人大常委会", "市人大"]}
DRAFT = new_draft("要点", [{"heading": "加强舆论引导", "blocks": [
    {"id": "k92ruia", "doc": "2025-srdbgs-yaodian", "org": "市人大办公室", "year": 2025, "level": 3,
     "heading": "强化正面宣传引导", "text": "围绕市人大常委会的重点工作，全年发布稿件212篇，在〔...〕人大网开设专栏。",
     "figures": ["212篇"]},
    {"id": "", "doc": "", "org": "", "year": None, "level": 3, "heading": "自写",
     "text": "我局今年计划发布稿件300篇。"}]}], org="县文化和旅游局", year=2025)
EXPECTED = [("foreign", "市人大常委会", WD_COLOR_INDEX.PINK), ("figure", "212篇", WD_COLOR_INDEX.TURQUOISE),
            ("placeholder", "〔...〕", WD_COLOR_INDEX.YELLOW), ("foreign", "人大", WD_COLOR_INDEX.PINK)]
COMMENTS = {"placeholder": "占位符：请填写本单位的实际内容。", "figure": "原文中的具体数字：请换成本单位的实际数字，或删去。",
            "foreign": "其他单位的名称或说法：请换成本单位的，或删去。"}


def marks_in(path: Path) -> tuple[list[tuple[str, object]], list[str]]:
    document = docx.Document(str(path))
    highlighted = [(r.text, r.font.highlight_color) for p in document.paragraphs for r in p.runs
                   if r.font.highlight_color is not None]
    comments = [c.text for c in document.comments]
    return highlighted, comments


def test_each_kind_of_mark_is_highlighted_with_a_comment(tmp_path: Path) -> None:
    assert [(u["mark"], u["text"]) for u in unfilled(DRAFT, SPEC)] == [(m, t) for m, t, _ in EXPECTED]
    path = tmp_path / "标记.docx"
    path.write_bytes(build_docx(DRAFT, SPEC))
    check_docx(path)
    highlighted, comments = marks_in(path)
    assert highlighted == [(t, color) for _, t, color in EXPECTED]  # the writer's 300篇 is not marked
    assert comments == [COMMENTS[m] for m, _, _ in EXPECTED]
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    # each comment spans exactly its highlighted run
    for i, (_, text, _) in enumerate(EXPECTED):
        assert re.search(rf'<w:commentRangeStart w:id="{i}"/><w:r>.*?<w:t[^>]*>{re.escape(text)}</w:t></w:r>'
                         rf'<w:commentRangeEnd w:id="{i}"/>', xml), text
    authors = set(re.findall(r'w:author="([^"]*)"', zipfile.ZipFile(path).read("word/comments.xml").decode()))
    assert authors == {"材料库"}


def test_clean_version_has_no_marks(tmp_path: Path) -> None:
    path = tmp_path / "干净稿.docx"
    path.write_bytes(build_docx(DRAFT, SPEC, clean=True))
    check_docx(path)
    assert marks_in(path) == ([], [])
    names = zipfile.ZipFile(path).namelist()
    assert "word/comments.xml" not in names
    assert "commentRange" not in zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")


def test_cli_export_marks_by_default_and_clean_on_request(tmp_path: Path, root: Path) -> None:
    marked, clean = tmp_path / "标记.docx", tmp_path / "干净.docx"
    for out, extra in ((marked, []), (clean, ["--clean"])):
        result = run_cli("export", "--ids", "k92ruia", "--org", "县文化和旅游局", "--year", "2025", *extra,
                         "-o", str(out), cwd=root)
        assert result.returncode == 0, result.stderr
    highlighted, comments = marks_in(marked)
    assert ("〔...〕", WD_COLOR_INDEX.YELLOW) in highlighted and ("市人大常委会", WD_COLOR_INDEX.PINK) in highlighted
    assert len(comments) == len(highlighted) >= 6
    assert marks_in(clean) == ([], [])
    assert docx.Document(str(marked)).paragraphs[-1].text == docx.Document(str(clean)).paragraphs[-1].text

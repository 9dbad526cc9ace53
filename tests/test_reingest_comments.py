"""Comments an editor writes in a library file survive ingest (and new-passage), with the same content
as the library's own dumper would write."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from cailiaoku.library import dump_document, load_file
from cailiaoku.yamlkeep import MOVED_HEADER, keep_comments
from conftest import run_cli
from samples import SOURCES

DOC = "2024-ju-zongjie"
COMMENTS = {  # comment → where it is planted (text it goes before, or line it goes after)
    "# 编辑张三：本文件已人工校对": ("before", "document:\n"),
    "# 编辑：下面这段是范例": ("before", "- id: d7rgh5x\n"),
    "# 编辑：这一段被原文并入上一段": ("before", "- id: j6hmzc5\n"),
    "# 标题好": ("eol", "  heading: 开展好群众性理论宣讲活动，推动党的理论深入基层"),
    "# 待核对": ("eol", "- id: e7a4rgy"),
    "# 角色存疑": ("eol", "  role: problem"),
}


def plant(text: str) -> str:
    for comment, (how, anchor) in COMMENTS.items():
        assert anchor in text, anchor
        new = f"{comment}\n{anchor}" if how == "before" else f"{anchor}  {comment}"
        text = text.replace(anchor, new, 1)
    return text


def revise(project: Path) -> None:
    src = project / "sources" / SOURCES[DOC].name
    src.write_text(src.read_text(encoding="utf-8")
                   .replace("理论宣讲活动180次", "理论宣讲活动186次")
                   .replace("积极开展各类先进典型评选", "持续开展各类先进典型评选")
                   .replace("业务培训。四是学习贯彻", "业务培训。学习贯彻"), encoding="utf-8")


def ingest(project: Path) -> None:
    result = run_cli("ingest", f"sources/{SOURCES[DOC].name}", cwd=project)
    assert result.returncode == 0, result.stderr


def test_reingest_keeps_every_comment_and_the_same_content(project_copy: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(project_copy, plain)
    path = project_copy / "snippets" / f"{DOC}.yaml"
    path.write_text(plant(path.read_text(encoding="utf-8")), encoding="utf-8")
    for project in (project_copy, plain):
        revise(project)
        ingest(project)
    text = path.read_text(encoding="utf-8")
    for comment in COMMENTS:
        assert text.count(comment) == 1, comment
    # The same data as the comment-free copy got, and the source revisions are in.
    assert yaml.safe_load(text) == yaml.safe_load((plain / "snippets" / f"{DOC}.yaml").read_text(encoding="utf-8"))
    assert "186次" in text and "持续开展" in text
    # Comments stay where they were written.
    lines = text.split("\n")
    assert lines[lines.index("# 编辑：下面这段是范例") + 1] == "- id: d7rgh5x"
    assert "  heading: 开展好群众性理论宣讲活动，推动党的理论深入基层  # 标题好" in lines
    assert "- id: e7a4rgy  # 待核对" in lines
    assert MOVED_HEADER not in text
    assert run_cli("lint", cwd=project_copy).returncode == 0
    ingest(project_copy)  # stable
    assert path.read_text(encoding="utf-8") == text


def test_comment_whose_field_disappears_is_kept_at_the_end() -> None:
    before = "# 头\ndocument:\n  id: x-doc\n  title: 标题\npassages:\n- id: abc\n  text: 正文\n  number: 一是  # 序号注释\n"
    canonical = "# 头\ndocument:\n  id: x-doc\n  title: 标题\npassages:\n- id: abc\n  text: 新正文\n"
    text = keep_comments(before, canonical, "# 头")
    assert text.endswith(f"{MOVED_HEADER}\n# 序号注释\n")
    assert yaml.safe_load(text) == yaml.safe_load(canonical)


def test_no_comments_means_the_library_dumper_text() -> None:
    canonical = "# 头\ndocument:\n  id: x-doc\npassages: []\n"
    assert keep_comments("# 头\ndocument:\n  id: old\npassages: []\n", canonical, "# 头") == canonical


def test_new_passage_keeps_comments(project_copy: Path) -> None:
    path = project_copy / "snippets" / f"{DOC}.yaml"
    path.write_text(plant(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_cli("new-passage", "--after", "v9rs55k", "--type", "point", "--heading", "加强网上阵地建设",
                     "--text", "建立网评员队伍，开展网上正面宣传。", "--theme", "阵地建设", cwd=project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    text = path.read_text(encoding="utf-8")
    for comment in COMMENTS:
        assert text.count(comment) == 1, comment
    doc = load_file(path).document
    assert doc is not None and "加强网上阵地建设" in [p.heading for p in doc.passages]
    assert yaml.safe_load(text) == yaml.safe_load(dump_document(doc))

"""Chinese messages instead of tracebacks or misleading words: `lint --fix` on a non-UTF-8 file,
`.ingested` being a file, a password-protected .docx, trainers' macro mistakes, and the size limit
for a single source (lifted by --force)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import msoffcrypto.format.ooxml
import pytest

from cailiaoku.errors import SourceError
from cailiaoku.ingest import pipeline
from cailiaoku.taxonomy import load_taxonomy
from conftest import run_cli

TEXT = "某县文化馆2024年工作总结\n一、主要工作\n（一）开展群众文化活动。全年举办讲座二十场，惠及群众三千人次。\n"


def no_traceback(result) -> None:  # noqa: ANN001
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


def test_lint_fix_on_a_non_utf8_file_says_so(project_copy: Path) -> None:
    (project_copy / "snippets" / "gbk.yaml").write_bytes("document:\n  title: 局工作总结\n".encode("gb18030"))
    result = run_cli("lint", "--fix", cwd=project_copy)
    no_traceback(result)
    assert result.returncode == 1
    assert "snippets/gbk.yaml：未自动修复——无法读取（E000：文件不是 UTF-8 编码）" in result.stdout
    assert "snippets/gbk.yaml:2:1: E000 文件不是 UTF-8 编码" in result.stdout


def test_ingested_being_a_file_is_named(project_copy: Path) -> None:
    shutil.rmtree(project_copy / "snippets" / ".ingested")
    (project_copy / "snippets" / ".ingested").write_text("oops", encoding="utf-8")
    result = run_cli("ingest", cwd=project_copy)
    no_traceback(result)
    assert result.returncode == 1
    assert "snippets/.ingested 应该是文件夹，现在却是一个文件" in result.stderr


def test_password_protected_docx_is_reported_as_encrypted(project_copy: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某县文化馆2024年工作总结")
    document.add_paragraph("一、主要工作")
    plain = io.BytesIO()
    document.save(plain)
    plain.seek(0)
    target = project_copy / "sources" / "locked.docx"
    with target.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("mima123", out)
    result = run_cli("ingest", "sources/locked.docx", cwd=project_copy)
    no_traceback(result)
    assert result.returncode == 1
    assert "sources/locked.docx：Word 文件设有打开密码（已加密），无法读取" in result.stderr
    assert "损坏" not in result.stderr


MINIMAL_MKDOCS = """site_name: 宏测试
theme: mkdocs
plugins:
  - macros:
      modules: [cailiaoku.macros]
      on_error_fail: true
"""


@pytest.mark.parametrize(("call", "message"), [
    ('{{ passages(theme="理论学习", limit="abc") }}', "页面 docs/lesson.md：limit 应为整数，现在是 'abc'"),
    ('{{ passages(colour="红") }}', "页面 docs/lesson.md：宏 passages 没有参数 colour"),
    ('{{ passage() }}', "页面 docs/lesson.md：宏 passage 的参数个数不对"),
    ('{{ pasage("sntb288") }}', "页面 docs/lesson.md：没有叫 pasage 的宏"),
    ('{{ passage("sntb288" }}', "页面 docs/lesson.md 第 3 行：宏的写法有错误"),
])
def test_macro_mistakes_in_a_trainer_page_are_chinese(project_copy: Path, call: str, message: str) -> None:
    (project_copy / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    shutil.rmtree(project_copy / "docs")
    (project_copy / "docs").mkdir()
    (project_copy / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (project_copy / "docs" / "lesson.md").write_text(f"# 课\n\n{call}\n", encoding="utf-8")
    result = run_cli("build", "--site-dir", str(project_copy.parent / "site"), cwd=project_copy)
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    for english in ("TypeError", "ValueError", "is undefined", "unexpected keyword", "invalid literal"):
        assert english not in result.stderr.replace(message, ""), result.stderr


def test_a_huge_single_source_needs_force(project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = "（一）开展群众文化活动。全年举办讲座二十场，惠及群众三千人次，群众满意度明显提升。\n"
    big = project_copy / "sources" / "huge.txt"
    big.write_text("某县文化馆2024年工作总结\n一、主要工作\n" + line * (pipeline.MAX_SOURCE_CHARS // (len(line) - 2) + 10),
                   encoding="utf-8")
    result = run_cli("ingest", "sources/huge.txt", cwd=project_copy)
    no_traceback(result)
    assert result.returncode == 1
    assert "sources/huge.txt：正文有" in result.stderr and "超过单个范文 2,000,000 字的上限" in result.stderr
    assert "--force" in result.stderr
    small = project_copy / "sources" / "small.txt"
    small.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(pipeline, "MAX_SOURCE_CHARS", 20)
    taxonomy = load_taxonomy(project_copy / "taxonomy.yaml")
    with pytest.raises(SourceError, match="上限"):
        pipeline.analyse_source(small, taxonomy, project_copy)
    assert pipeline.analyse_source(small, taxonomy, project_copy, force=True).passages

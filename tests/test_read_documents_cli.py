"""Every invented read_* document goes in bare, one after another into one library; lint passes after each."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import run_cli
from docx_documents import make_docx
from readdocs import DOCUMENTS


def test_read_documents_go_in_one_after_another_and_lint_passes(project_copy: Path, tmp_path: Path) -> None:
    incoming = sorted(DOCUMENTS.glob("read_*")) + [make_docx(tmp_path / "read_docx_lists.docx")]
    for path in incoming:
        dest = project_copy / "sources" / path.name
        shutil.copy(path, dest)
        assert not dest.with_suffix(".yaml").exists()
        result = run_cli("ingest", f"sources/{path.name}", cwd=project_copy)
        assert result.returncode == 0, (path.name, result.stdout, result.stderr)
        assert "新建" in result.stdout
        lint = run_cli("lint", cwd=project_copy)
        assert lint.returncode == 0, (path.name, lint.stdout, lint.stderr)
    written = list((project_copy / "snippets").glob("read-*.yaml"))
    assert len(written) == len(incoming)
    report = run_cli("ingest", "sources/read_2024年青山镇党委党建工作总结（定稿）.txt", cwd=project_copy)
    assert "请核对：标题“2024年青山镇党委党建工作总结”取自文件名" in report.stdout


def test_a_missing_unit_is_reported_as_missing(project_copy: Path) -> None:
    (project_copy / "sources" / "述职.txt").write_text(
        "2023年度个人述职报告\n一年来，我认真学习，努力工作。\n一、加强学习\n（一）学原文。全年学习12次。\n",
        encoding="utf-8")
    result = run_cli("ingest", "sources/述职.txt", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "请核对：没有找到单位，可在 snippets/ 的文件里补上 org" in result.stdout
    assert "（无）" not in result.stdout

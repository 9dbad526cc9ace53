"""Lint: the bundled library is clean; each planted problem is named with file, line, passage and a fix."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cailiaoku.lint import lint_library
from cailiaoku.taxonomy import load_taxonomy
from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]


def test_bundled_library_lints_clean() -> None:
    result = run_cli("lint")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "检查通过" in result.stdout
    assert lint_library(ROOT / "snippets", load_taxonomy(ROOT / "taxonomy.yaml"), ROOT) == []


def _plant(project: Path, old: str, new: str, count: int = 1) -> Path:
    path = project / "snippets" / "2024-ju-zongjie.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "code", "message", "needle"),
    [
        ("themes: [理论学习]", "themes: [理论学系]", "E009", "未知主题“理论学系”", "理论学系"),
        ("role: overview", "role: summary", "E008", "未知的角色 'summary'", "role: summary"),
        ("  parent: sntb288", "  parent: nosuch1", "E010", "上级段落 nosuch1 不存在", "parent: nosuch1"),
        ("  heading: 发挥党委理论学习中心组的引导带动作用\n  text: |-\n    制定了",
         "  heading: 发挥党委理论学习中心组的引导带动作用\n  text: |-\n    制定了,",
         "E014", "中文里有半角标点“,”", "制定了,"),
        ("把牢“方向盘”", "把牢“方向盘", "E015", "引号或括号不成对", "把牢“方向盘"),
        ("  role: overview", "  role: overview\n  colour: red", "E002", "未知字段 colour", "colour: red"),
    ],
)
def test_planted_problem_is_reported_at_its_line(
    project_copy: Path, old: str, new: str, code: str, message: str, needle: str
) -> None:
    path = _plant(project_copy, old, new)
    result = run_cli("lint", cwd=project_copy)
    assert result.returncode == 1
    line = _line_of(path, needle)
    hits = [x for x in result.stdout.splitlines() if f" {code} " in x]
    assert hits, result.stdout
    assert hits[0].startswith(f"snippets/2024-ju-zongjie.yaml:{line}:")
    assert message in hits[0] and "段落 " in hits[0]


def test_duplicate_id_and_duplicate_text_and_empty_text(project_copy: Path) -> None:
    path = project_copy / "snippets" / "2024-ju-zongjie.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("- id: v9rs55k", "- id: d7rgh5x")
    text += "- id: kongduan\n  type: para\n  level: 0\n  text: ''\n  role: plan\n  themes: []\n"
    path.write_text(text, encoding="utf-8")
    out = run_cli("lint", cwd=project_copy).stdout
    assert f"snippets/2024-ju-zongjie.yaml:{_line_of(path, '- id: d7rgh5x') + 0}" not in out  # first is fine
    dup_line = [i for i, x in enumerate(text.split("\n"), 1) if x == "- id: d7rgh5x"][1]
    assert f"snippets/2024-ju-zongjie.yaml:{dup_line}:3: E004 段落 d7rgh5x：段落 id 重复" in out
    assert "E012 段落 kongduan：段落正文为空" in out


def test_malformed_yaml_names_file_and_line(project_copy: Path) -> None:
    path = _plant(project_copy, "  role: overview", "  role: [overview")
    result = run_cli("lint", cwd=project_copy)
    assert result.returncode == 1
    assert "snippets/2024-ju-zongjie.yaml:" in result.stdout and "E000 YAML 格式错误" in result.stdout
    assert path.exists()


def _digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.rglob("*.yaml")))).hexdigest()


def test_ingest_refuses_to_touch_a_malformed_library(project_copy: Path) -> None:
    _plant(project_copy, "  role: overview", "  role: [overview")
    before = _digest(project_copy / "snippets")
    result = run_cli("ingest", cwd=project_copy)
    assert result.returncode == 1
    assert "错误：snippets/2024-ju-zongjie.yaml:" in result.stderr or "2024-ju-zongjie.yaml" in result.stderr
    assert "YAML 格式错误" in result.stderr
    assert _digest(project_copy / "snippets") == before


def test_unknown_theme_in_taxonomy_is_named(project_copy: Path) -> None:
    tax = project_copy / "taxonomy.yaml"
    tax.write_text(tax.read_text(encoding="utf-8").replace("name: 文化建设", "name: 文化工作"), encoding="utf-8")
    result = run_cli("lint", cwd=project_copy)
    assert result.returncode == 1
    assert "未知主题“文化建设”" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("- id: v9rs55k", "- id: d7rgh5x", "E004"),
        ("themes: [理论学习]", "themes: [不存在的主题]", "E009 段落 jhsnepn：未知主题“不存在的主题”"),
    ],
)
def test_ingest_refuses_a_library_with_lint_errors(project_copy: Path, old: str, new: str, message: str) -> None:
    _plant(project_copy, old, new)
    before = _digest(project_copy / "snippets")
    result = run_cli("ingest", cwd=project_copy)
    assert result.returncode == 1
    assert "snippets/2024-ju-zongjie.yaml:" in result.stderr and message in result.stderr
    assert "请先修正" in result.stderr
    assert _digest(project_copy / "snippets") == before


def test_explain_names_the_terms_behind_each_theme() -> None:
    result = run_cli("explain", "d7rgh5x")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "d7rgh5x（局2024年意识形态工作总结）主题：理论学习"
    assert "理论学习：" in result.stdout and "中心组" in result.stdout
    missing = run_cli("explain", "nosuchid")
    assert missing.returncode == 1 and "找不到段落 nosuchid" in missing.stderr

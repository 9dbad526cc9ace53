"""Roles typed by their Chinese names: in YAML, on the command line; lint --fix normalises them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cailiaoku.cli import cli
from cailiaoku.library import load_library
from conftest import run_cli

JU = "snippets/2024-ju-zongjie.yaml"
NAMES = {"overview": "总体情况", "achievement": "主要做法", "problem": "存在问题", "plan": "下一步计划"}


def chinese_roles(project: Path) -> tuple[str, int]:
    path = project / JU
    text = path.read_text(encoding="utf-8")
    count = 0
    for code, name in NAMES.items():
        count += text.count(f"  role: {code}\n")
        text = text.replace(f"  role: {code}\n", f"  role: {name}\n")
    path.write_text(text, encoding="utf-8")
    return text, count


def test_chinese_role_names_lint_clean_build_and_filter(project_copy: Path, tmp_path: Path) -> None:
    codes = {p.id: p.role for _, p in load_library(project_copy / "snippets").passages()}
    text, count = chinese_roles(project_copy)
    assert count > 20 and "role: 主要做法" in text and "role: achievement" not in text
    lint = run_cli("lint", cwd=project_copy)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "E008" not in lint.stdout
    # Loaded as the same codes: every consumer (site, finder, compose) sees the same library.
    assert {p.id: p.role for _, p in load_library(project_copy / "snippets").passages()} == codes
    result = CliRunner().invoke(cli, ["--root", str(project_copy), "passages", "--json", "--role", "存在问题",
                                      "--doc", "2024-ju-zongjie"])
    rows = json.loads(result.output)
    assert rows and {r["role_name"] for r in rows} == {"存在问题"}
    site = tmp_path / "site"
    build = run_cli("build", "--site-dir", str(site), cwd=project_copy)
    assert build.returncode == 0, build.stderr
    page = (site / "p" / "d7rgh5x.html").read_text(encoding="utf-8")
    assert "主要做法" in page
    # The file keeps what the editor wrote until lint --fix normalises it.
    assert (project_copy / JU).read_text(encoding="utf-8") == text


def test_lint_fix_normalises_chinese_role_names(project_copy: Path) -> None:
    original = (project_copy / JU).read_text(encoding="utf-8")
    _, count = chinese_roles(project_copy)
    fixed = run_cli("lint", "--fix", cwd=project_copy)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert f"角色中文名改为标准写法 {count} 处" in fixed.stdout
    assert (project_copy / JU).read_text(encoding="utf-8") == original


def test_unknown_role_names_the_chinese_choices_first(project_copy: Path) -> None:
    path = project_copy / JU
    path.write_text(path.read_text(encoding="utf-8").replace("  role: problem\n", "  role: 问题\n", 1),
                    encoding="utf-8")
    lint = run_cli("lint", cwd=project_copy)
    assert lint.returncode == 1
    assert "E008 段落" in lint.stdout and "未知的角色 '问题'。可用：总体情况（overview）、主要做法（achievement）" in lint.stdout


def test_new_passage_takes_a_chinese_role(project_copy: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(project_copy), "new-passage", "--no-interactive",
                                      "--doc", "2024-ju-zongjie", "--text", "持续加强理论学习中心组学习。",
                                      "--role", "下一步计划", "--theme", "理论学习"])
    assert result.exit_code == 0, result.output
    assert "角色：下一步计划" in result.output
    added = [p for _, p in load_library(project_copy / "snippets").passages()
             if p.text == "持续加强理论学习中心组学习。"]
    assert [p.role for p in added] == ["plan"]


def test_taxonomy_kinds_take_chinese_role_names(project_copy: Path) -> None:
    import re

    from cailiaoku.taxonomy import load_taxonomy

    path = project_copy / "taxonomy.yaml"
    text = path.read_text(encoding="utf-8")
    head, kinds = text.split("\nkinds:", 1)
    for code, name in NAMES.items():
        kinds = re.sub(rf"\b{code}\b", name, kinds)
    path.write_text(head + "\nkinds:" + kinds, encoding="utf-8")
    assert "role: 主要做法" in kinds and "roles: [总体情况]" in kinds
    lint = run_cli("lint", cwd=project_copy)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    loaded = {k.name: k for k in load_taxonomy(path).kinds}
    assert loaded["总结"].role == "achievement"
    assert all(r in NAMES for k in loaded.values() for part in k.outline for r in part.roles)

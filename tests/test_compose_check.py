"""草稿检查: `cailiaoku check DRAFT.json|DRAFT.docx`, one case per rule (compose_cases.json "check",
also run in the browser), exit code 1 when anything is found, clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cailiaoku.cli import cli
from cailiaoku.compose.check import check_draft_findings
from cailiaoku.compose.spec import load_layout
from cailiaoku.compose.wording import WordingError, load_wording
from conftest import run_cli

CASES = json.loads((Path(__file__).parent / "compose_cases.json").read_text(encoding="utf-8"))["check"]
SPEC = load_layout()


def found(findings: list[dict]) -> list[list]:
    return [[f["rule"], f["text"], f["section"], f["block"], f["part"]] for f in findings]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_check_cases(case: dict) -> None:
    assert found(check_draft_findings(case["draft"], SPEC)) == case["expected"]


def test_every_rule_has_a_case() -> None:
    rules = {e[0] for c in CASES for e in c["expected"]}
    assert rules == {"numbering", "placeholder", "foreign", "year", "relative", "empty", "repeat", "wording", "date"}


def test_cli_reports_each_rule_in_chinese_with_exit_1(tmp_path: Path, root: Path) -> None:
    labels = {"numbering": "[编号]", "placeholder": "[待填写]", "foreign": "[待替换]", "year": "[年份]",
              "relative": "[时间词]", "empty": "[空白部分]", "repeat": "[重复段落]", "wording": "[规范用语]",
              "date": "[成文日期]"}
    for case in CASES:
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.json"
        path.write_text(json.dumps(case["draft"], ensure_ascii=False), encoding="utf-8")
        result = CliRunner().invoke(cli, ["--root", str(root), "check", str(path)])  # in-process: fast
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        if not case["expected"]:
            assert result.exit_code == 0 and "没有发现问题" in result.output
            continue
        assert result.exit_code == 1, case["name"]
        assert f"发现 {len(case['expected'])} 处问题" in result.output, result.output
        for rule, text, *_ in case["expected"]:
            assert any(labels[rule] in line and text in line for line in result.output.splitlines()), (rule, text)


def test_checks_an_exported_docx(tmp_path: Path, root: Path) -> None:
    """The same rules read back from Word: numbering, 待替换 and wording found in the .docx text."""
    outline = tmp_path / "提纲.yaml"
    outline.write_text(
        "kind: 计划\norg: 县文化和旅游局\nyear: 2026\n"
        "sections:\n"
        "  - heading: 主要任务\n    blocks:\n"
        "      - text: 2025年要完成其它阵地建设任务。\n"
        "    ids: [a3gu3av]\n"
        "  - heading: 保障措施\n    blocks:\n"
        "      - {level: 4, heading: 专题学习, text: 组织专题学习。}\n",
        encoding="utf-8")
    out = tmp_path / "计划.docx"
    result = run_cli("export", "--outline", str(outline), "-o", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    assert "草稿检查另外发现" in result.stdout  # export warns, never blocks
    result = run_cli("check", str(out), cwd=root)
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()
    for label, text in (("[年份]", "2025年"), ("[规范用语]", "其它"), ("[编号]", "（1）"), ("[待替换]", "市人大")):
        assert any(label in line and text in line for line in lines), (label, result.stdout)


def test_bad_input_is_a_clear_error(tmp_path: Path, root: Path) -> None:
    bad = tmp_path / "坏.json"
    bad.write_text('{"format": "cailiaoku-draft", "kind": 3}', encoding="utf-8")
    result = run_cli("check", str(bad), cwd=root)
    assert result.returncode == 1 and "错误" in result.stderr and "kind" in result.stderr
    assert "Traceback" not in result.stderr
    other = tmp_path / "稿子.txt"
    other.write_text("正文", encoding="utf-8")
    result = run_cli("check", str(other), cwd=root)
    assert result.returncode == 1 and "只能检查" in result.stderr


def test_wording_rules_are_sourced_and_checked(tmp_path: Path) -> None:
    rules = load_wording()
    assert {r["id"] for r in rules} >= {"qita", "jiezhi", "fazhi"}
    assert all(r["source"] and r["reason"] and r["suggestion"] for r in rules)
    broken = tmp_path / "wording.yaml"
    broken.write_text("rules:\n  - id: x\n    pattern: '('\n    suggestion: a\n    reason: b\n    source: c\n",
                      encoding="utf-8")
    with pytest.raises(WordingError, match="x 的 pattern 不是有效的正则表达式"):
        load_wording(broken)
    broken.write_text("rules:\n  - id: y\n    pattern: 其它\n", encoding="utf-8")
    with pytest.raises(WordingError, match="y 不完整"):
        load_wording(broken)


def test_numbers_typed_in_a_word_file(tmp_path: Path, root: Path) -> None:
    """A .docx edited by hand: 一、 then 三、 (a gap), （一） twice (a repeat), 1. under （一） restarts."""
    import docx

    document = docx.Document()
    for text in ("县文化和旅游局2025年意识形态工作总结", "一、主要做法", "（一）理论学习", "1.组织专题学习。",
                 "（一）阵地建设", "1.加强阵地管理。", "三、存在的问题", "一是人才不足。", "三是投入不够。"):
        document.add_paragraph(text)
    path = tmp_path / "改过的.docx"
    document.save(str(path))
    result = CliRunner().invoke(cli, ["--root", str(root), "check", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "[编号]" in line]
    assert len(lines) == 3, result.output
    assert "第5段：[编号] （一） —— 编号重复：这里应为“（二）”" in lines[0]
    assert "第7段：[编号] 三、 —— 编号不连续：这里应为“二、”" in lines[1]
    assert "第9段：[编号] 三是 —— 编号不连续：这里应为“二是”" in lines[2]


def test_a_plan_dated_the_year_before_is_fine(tmp_path: Path, root: Path) -> None:
    """A 2026 plan signed in December 2025: the 成文日期 is not a past year in the plan's text."""
    out = tmp_path / "计划.docx"
    result = run_cli("export", "--ids", "k92ruia", "--kind", "要点", "--org", "县文化和旅游局", "--year", "2026",
                     "--date", "2025年12月28日", "--attachment", "2026年宣传计划", "--clean", "-o", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    result = CliRunner().invoke(cli, ["--root", str(root), "check", str(out)])
    assert "[年份]" not in result.output and "[编号]" not in result.output, result.output
    assert "[待替换]" in result.output and result.exit_code == 1


def test_missing_file_is_explained_in_chinese(tmp_path: Path, root: Path) -> None:
    for name in ("没有.json", "没有.docx"):
        result = CliRunner().invoke(cli, ["--root", str(root), "check", str(tmp_path / name)])
        assert result.exit_code == 1
        assert "读不了这个文件：文件或文件夹不存在" in result.output and "No such file" not in result.output

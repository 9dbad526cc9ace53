"""`cailiaoku passages`: the scriptable view of the library (keys, filters, table, JSON, YAML)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from cailiaoku.cli import cli
from cailiaoku.library import load_library

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"id", "doc", "parent", "path", "heading", "text", "role", "themes", "kind", "year", "org",
        "placeholders"}


def passages(*args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["--root", str(ROOT), "passages", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_json_has_every_passage_with_the_keys_in_library_order() -> None:
    rows = passages()
    library = load_library(ROOT / "snippets")
    assert [r["id"] for r in rows] == [p.id for _, p in library.passages()]
    assert all(KEYS <= set(r) for r in rows)
    by_id = {r["id"]: r for r in rows}
    point = by_id["d7rgh5x"]  # 一是 under （一） under 一、 of the 局 summary
    assert point["doc"] == "2024-ju-zongjie" and point["parent"] == "sntb288"
    assert point["path"] == ["一、工作开展情况", "（一）夯实政治理论学习根基，筑牢意识形态思想防线，把牢“方向盘”"]
    assert point["heading"] == "发挥党委理论学习中心组的引导带动作用"
    assert point["role"] == "achievement" and point["role_name"] == "主要做法"
    assert (point["kind"], point["year"], point["org"]) == ("总结", 2024, "局")
    assert by_id["jhsnepn"]["path"] == [] and by_id["jhsnepn"]["parent"] is None
    assert any(r["placeholders"] for r in rows)


def test_filters_combine_and_accept_chinese_role_names() -> None:
    rows = passages()
    theme = passages("--theme", "队伍建设")
    assert theme and [r["id"] for r in theme] == [r["id"] for r in rows if "队伍建设" in r["themes"]]
    for role in ("存在问题", "problem"):
        got = passages("--role", role)
        assert got and {r["role"] for r in got} == {"problem"}
    assert len(passages("--role", "存在问题", "--role", "下一步计划")) == \
        len([r for r in rows if r["role"] in ("problem", "plan")])
    doc = passages("--doc", "2025-srdbgs-yaodian")
    assert doc and {r["doc"] for r in doc} == {"2025-srdbgs-yaodian"}
    assert {r["kind"] for r in passages("--kind", "要点")} == {"要点"}
    assert {r["year"] for r in passages("--year", "2025")} == {2025}
    assert {r["org"] for r in passages("--org", "市委")} == {"市委"}
    both = passages("--theme", "理论学习", "--role", "下一步计划", "--year", "2024")
    assert both and all("理论学习" in r["themes"] and r["role"] == "plan" and r["year"] == 2024 for r in both)
    assert passages("--org", "没有这个单位") == []


def test_yaml_output_equals_json() -> None:
    result = CliRunner().invoke(cli, ["--root", str(ROOT), "passages", "--yaml", "--doc", "2024-ju-zongjie"])
    assert result.exit_code == 0
    assert yaml.safe_load(result.output) == passages("--doc", "2024-ju-zongjie")


def test_default_is_a_chinese_table() -> None:
    result = CliRunner().invoke(cli, ["--root", str(ROOT), "passages", "--role", "存在问题"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["段落id", "文档", "角色", "主题", "内容"]
    problems = passages("--role", "存在问题")
    assert lines[-1] == f"共 {len(problems)} 个段落。"
    assert len(lines) == len(problems) + 2
    assert lines[1].split()[0] == problems[0]["id"] and "存在问题" in lines[1]

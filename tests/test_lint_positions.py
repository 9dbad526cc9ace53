"""Lint positions are exact (file:line:col of planted errors), --fix restores meaning-preserving
punctuation, and renaming a theme that passages use is an error naming every such passage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cailiaoku.editor.fix import comment_lines, fix_text
from cailiaoku.library import load_library
from cailiaoku.taxonomy import load_taxonomy
from conftest import run_cli

JU = "snippets/2024-ju-zongjie.yaml"
SHIWEI = "snippets/2024-shiwei-zongjie.yaml"


def plant(project: Path, rel: str, old: str, new: str) -> str:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def position(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column (in characters) of `needle[offset]` in the file text."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def lint_lines(project: Path, *args: str) -> tuple[int, list[str]]:
    result = run_cli("lint", *args, cwd=project)
    return result.returncode, result.stdout.splitlines()


def test_planted_errors_are_reported_at_their_exact_line_and_column(project_copy: Path) -> None:
    plant(project_copy, JU, "  kind: 总结\n", "  kind: 随笔\n")
    plant(project_copy, JU, "引领力。\n  parent: i5s8qyx\n  role: achievement\n  themes: [理论学习]",
          "引领力。\n  parent: i5s8qyx\n  role: achievment\n  themes: [理论学习]")
    plant(project_copy, JU, "全年共召开党委理论学习中心组15次，", "全年共召开党委理论学习中心组15次,")
    plant(project_copy, JU, "把牢“方向盘”\n", "把牢“方向盘\n")
    plant(project_copy, JU, "  role: overview\n  themes: [理论学习]\n",
          "  role: overview\n  themes: [理论学习, 理论学系]\n  colour: red\n")
    ju = plant(project_copy, JU, "  parent: sntb288\n  role: achievement\n  themes: [理论学习, 队伍建设]",
               "  parent: nosuch1\n  role: achievement\n  themes: [理论学习, 队伍建设]")
    code, out = lint_lines(project_copy)
    assert code == 1
    expected = [
        (*position(ju, "kind: 随笔"), "E006", "", "文档类别应为 " + "/".join(load_taxonomy(project_copy / "taxonomy.yaml").kind_names) + "，现在是 '随笔'"),
        (*position(ju, "colour: red"), "E002", "段落 jhsnepn：", "未知字段 colour"),
        (*position(ju, "理论学系"), "E009", "段落 jhsnepn：", "未知主题“理论学系”"),
        (*position(ju, "role: achievment"), "E008", "段落 sntb288：", "未知的角色 'achievment'"),
        (*position(ju, "“方向盘\n"), "E015", "段落 sntb288：", "引号或括号不成对：左引号“1 个，右引号”0 个"),
        (*position(ju, "15次,", 3), "E014", "段落 d7rgh5x：", "中文里有半角标点“,”"),
        (*position(ju, "parent: nosuch1"), "E010", "段落 v9rs55k：", "上级段落 nosuch1 不存在"),
    ]
    for line, col, code_, who, message in expected:
        prefix = f"{JU}:{line}:{col}: {code_} {who}{message}。"
        assert any(x.startswith(prefix) for x in out), (prefix, out)
    # A typo in one passage is that passage's problem, not a theme missing from taxonomy.yaml.
    assert not [x for x in out if " E016 " in x], out
    assert len([x for x in out if x.startswith(JU)]) == len(expected)


def test_trailing_space_duplicate_id_and_malformed_yaml_positions(project_copy: Path) -> None:
    ju = plant(project_copy, JU, "维护网络意识形态安全。\n", "维护网络意识形态安全。  \n")
    shiwei_path = project_copy / SHIWEI
    first_id = next(x for x in shiwei_path.read_text(encoding="utf-8").split("\n") if x.startswith("- id: "))
    shiwei = plant(project_copy, SHIWEI, first_id + "\n", "- id: jhsnepn\n")
    code, out = lint_lines(project_copy)
    assert code == 1
    line, col = position(ju, "维护网络意识形态安全。  ", len("维护网络意识形态安全。"))
    assert f"{JU}:{line}:{col}: W001 段落 n4g4nhq：行尾有多余空格。删除行尾空格，或运行 cailiaoku lint --fix" in out
    line, col = position(shiwei, "id: jhsnepn")
    assert f"{SHIWEI}:{line}:{col}: E004 段落 jhsnepn：段落 id 重复（另见 {JU}）。" \
           "重复的段落请删除一个，或改用新生成的 id" in out
    broken = plant(project_copy, JU, "  title: 局2024年意识形态工作总结\n", "  title: [局2024年意识形态工作总结\n")
    code, out = lint_lines(project_copy)
    assert code == 1
    line, _ = position(broken, "  kind: ")  # PyYAML notices the open flow sequence on the next line
    assert any(re.match(rf"{JU}:{line}:\d+: E000 YAML 格式错误：方括号列表", x) for x in out), out


def test_github_format_annotates_the_same_positions(project_copy: Path) -> None:
    ju = plant(project_copy, JU, "全年共召开党委理论学习中心组15次，", "全年共召开党委理论学习中心组15次,")
    code, out = lint_lines(project_copy, "--format", "github")
    assert code == 1
    line, col = position(ju, "15次,", 3)
    assert f"::error file={JU},line={line},col={col},title=E014::中文里有半角标点“,”。" \
           "改成全角标点，或运行 cailiaoku lint --fix" in out


def test_fix_restores_punctuation_spaces_and_key_order_exactly(project_copy: Path, root: Path) -> None:
    original = (root / JU).read_text(encoding="utf-8")
    plant(project_copy, JU, "全年共召开党委理论学习中心组15次，", "全年共召开党委理论学习中心组15次,")
    plant(project_copy, JU, "把牢“方向盘”\n", '把牢"方向盘"\n')
    plant(project_copy, JU, "（一）\n  heading: 夯实", "(一)\n  heading: 夯实")
    plant(project_copy, JU, "维护网络意识形态安全。\n", "维护网络意识形态安全。   \n")
    plant(project_copy, JU, "- id: i5s8qyx\n  type: section\n  level: 1\n",
          "- id: i5s8qyx\n  level: 1\n  type: section\n")
    assert lint_lines(project_copy)[0] == 1
    code, out = lint_lines(project_copy, "--fix")
    assert code == 0, out
    assert f"{JU}：已修复 半角标点改全角 5 处，删除行尾空格 1 处，按标准顺序和写法重排字段" \
           "（段落 sntb288、d7rgh5x、n4g4nhq）" in out
    assert "检查通过：0 个提醒。" in out
    assert (project_copy / JU).read_text(encoding="utf-8") == original
    code, out = lint_lines(project_copy, "--fix")
    assert out[0] == "自动修复：没有需要修改的地方。"


def test_fix_never_changes_numbers_urls_or_latin_text() -> None:
    for text in ("共1,000次，时间10:30。", "详见https://example.cn/a,b(c)。", "使用 Hello, world 作为示例。"):
        assert fix_text(text) == (text, 0, 0)
    assert fix_text("一是加强学习,二是强化责任  \n第二行 ") == ("一是加强学习，二是强化责任\n第二行", 1, 2)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("  role: overview\n", "  role: overview\n  colour: red\n", "含有未知字段或类型不对的字段"),
        ("  role: overview\n", "  role: overview  # 待审\n", "第 17 行有注释"),
        ("- id: jhsnepn\n  type: para\n  level: 0\n", "- id: jhsnepn\n  type: para\n  level: '0'\n",
         "含有未知字段或类型不对的字段"),
    ],
)
def test_fix_leaves_files_it_cannot_rewrite_losslessly(project_copy: Path, old: str, new: str,
                                                     reason: str) -> None:
    plant(project_copy, JU, old, new)
    before = plant(project_copy, JU, "全年共召开党委理论学习中心组15次，", "全年共召开党委理论学习中心组15次,")
    code, out = lint_lines(project_copy, "--fix")
    assert code == 1
    assert any(x.startswith(f"{JU}：未自动修复——") and reason in x for x in out), out
    assert (project_copy / JU).read_text(encoding="utf-8") == before


def test_comment_detection_ignores_hashes_inside_text(root: Path) -> None:
    text = (root / JU).read_text(encoding="utf-8")
    assert comment_lines(text) == []
    assert comment_lines(text.replace("着力提升思想引领力。", "着力提升思想引领力 #1。")) == []  # block text
    assert comment_lines(text.replace("把牢“方向盘”", "把牢“方向盘” #1 号")) == [31]  # plain: a comment
    assert comment_lines(text.replace("  kind: 总结\n", "  kind: 总结 # 类别\n")) == [5]


def test_renaming_a_theme_in_use_names_every_passage(project_copy: Path) -> None:
    users = [p.id for _, p in load_library(project_copy / "snippets").passages() if "理论学习" in p.themes]
    assert len(users) > 5
    tax_path = project_copy / "taxonomy.yaml"
    taxonomy = tax_path.read_text(encoding="utf-8").replace("  - name: 理论学习\n", "  - name: 理论武装学习\n")
    tax_path.write_text(taxonomy, encoding="utf-8")
    code, out = lint_lines(project_copy)
    assert code == 1
    line, col = position(taxonomy, "themes:")
    guard = [x for x in out if " E016 " in x]
    assert len(guard) == 1
    assert guard[0].startswith(f"taxonomy.yaml:{line}:{col}: E016 主题“理论学习”不在 taxonomy.yaml 中，"
                               f"但仍有 {len(users)} 个段落在用：")
    named = guard[0].split("在用：", 1)[1].split("。", 1)[0].split("、")
    assert sorted(named) == sorted(users)
    assert len([x for x in out if " E009 " in x]) == len(users)


def test_adding_a_theme_or_editing_terms_is_not_an_error(project_copy: Path) -> None:
    tax_path = project_copy / "taxonomy.yaml"
    tax_path.write_text(tax_path.read_text(encoding="utf-8") + (
        "  - name: 统战工作\n    slug: tongzhan-gongzuo\n    description: 统一战线工作。\n"
        "    terms: [统战, 统一战线]\n"), encoding="utf-8")
    code, out = lint_lines(project_copy)
    assert code == 0, out

"""Lint catches parent cycles, self-parents, out-of-range levels and invisible (bidi, zero-width)
characters; `--format github` escapes what it prints, so a theme name cannot become a workflow
command in CI."""

from __future__ import annotations

from pathlib import Path

from cailiaoku.editor.lint_cli import github_annotation
from cailiaoku.lint import Problem
from conftest import run_cli

JU = "snippets/2024-ju-zongjie.yaml"


def plant(project: Path, old: str, new: str) -> int:
    path = project / JU
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text.count("\n", 0, text.index(old)) + 1


def lint(project: Path, *args: str) -> tuple[int, list[str]]:
    result = run_cli("lint", *args, cwd=project)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout.splitlines()


def test_github_annotations_escape_newlines_percent_and_property_separators(project_copy: Path) -> None:
    plant(project_copy, "  themes: [理论学习]\n- id: i5s8qyx", '  themes: ["x\\n::stop-commands::zzz", "50%\\r"]\n- id: i5s8qyx')
    code, out = lint(project_copy, "--format", "github")
    assert code == 1
    assert not any(line.startswith("::stop-commands") for line in out), out
    assert all(line.startswith(("::error ", "::warning ")) or not line.startswith("::") for line in out)
    assert any("未知主题“x%0A::stop-commands::zzz”" in line for line in out), out
    assert any("未知主题“50%25%0D”" in line for line in out), out
    problem = Problem("snippets/a,b:c.yaml", 3, 4, "E009", "x\r\ny", "z%")
    assert github_annotation(problem) == "::error file=snippets/a%2Cb%3Ac.yaml,line=3,col=4,title=E009::x%0D%0Ay。z%25"


def test_self_parent_and_parent_cycle(project_copy: Path) -> None:
    # sntb288 is an item under section i5s8qyx; make the section's parent the item: a loop.
    line = plant(project_copy, "  number: 一、\n  heading: 工作开展情况\n",
                 "  number: 一、\n  heading: 工作开展情况\n  parent: sntb288\n")
    code, out = lint(project_copy)
    assert code == 1
    cycle = [x for x in out if " E031 " in x]
    assert cycle and cycle[0].startswith(f"{JU}:{line + 2}:3: E031 段落 i5s8qyx：上级段落形成循环：i5s8qyx → sntb288 → i5s8qyx"), out
    plant(project_copy, "工作开展情况\n  parent: sntb288\n", "工作开展情况\n  parent: i5s8qyx\n")
    code, out = lint(project_copy)
    assert code == 1 and any(x.startswith(f"{JU}:{line + 2}:3: E030 段落 i5s8qyx：上级段落是它自己") for x in out), out


def test_level_out_of_range(project_copy: Path) -> None:
    line = plant(project_copy, "- id: i5s8qyx\n  type: section\n  level: 1\n", "- id: i5s8qyx\n  type: section\n  level: 99\n")
    code, out = lint(project_copy)
    assert code == 1 and any(x.startswith(f"{JU}:{line + 2}:3: E032 段落 i5s8qyx：层级 level 应在 0–6 之间，现在是 99") for x in out), out
    plant(project_copy, "  level: 99\n", "  level: -1\n")
    assert any(" E032 " in x and "现在是 -1" in x for x in lint(project_copy)[1])


def test_bidi_and_zero_width_characters(project_copy: Path) -> None:
    line = plant(project_copy, "    2024年，局在上级党委", "    2024年，局在\u202e上级党委")
    plant(project_copy, "  heading: 工作开展情况\n", "  heading: 工作\u200b开展情况\n")
    code, out = lint(project_copy)
    assert code == 1
    assert f"{JU}:{line}:13: E033 段落 jhsnepn：含有看不见的文字方向控制符 U+202E。" \
           "删除这个字符（多半是从网页或聊天软件复制来的），它会让文字显示或检索出错" in out, out
    assert any(" E033 段落 i5s8qyx：含有看不见的零宽字符 U+200B" in x for x in out), out

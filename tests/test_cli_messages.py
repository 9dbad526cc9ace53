"""Every command, every option, given bad input: one Chinese line, exit code ≠ 0, no traceback.

The commands and their options are read from cli.COMMANDS, so a new command is covered as soon
as it is registered.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cailiaoku import click_zh, library
from cailiaoku.cli import COMMANDS, cli
from cailiaoku.clibase import OutputFile

ROOT = Path(__file__).resolve().parents[1]
# Proper nouns and format names a Chinese message may name.
ALLOWED = {"cailiaoku", "YAML", "JSON", "Word", "WPS", "PDF", "MkDocs", "Tab", "UTF", "GB", "UUID",
           "Big", "GBK", "BOM", "LibreOffice", "OCR", "OpenCC", "Excel",
           "Ctrl", "id", "ids", "Bash", "Windows", "GitHub", "Actions", "HTML", "docx", "txt", "md", "zip", "yaml", "json", "csv", "CPU",
           *library.DOC_KEYS, *library.PASSAGE_KEYS, "document", "passages",
           "themes", "kinds", "name", "slug", "terms", "synonyms"}  # YAML keys a user writes
_NOT_WORDS = re.compile(
    r"--?[A-Za-z][\w-]*"                     # option names
    r"|\S*[/\\]\S*"                           # paths, a/b/c lists
    r"|[\w.-]+\.(?:ya?ml|txt|docx?|json|md|zip|html|csv)\b"  # file names
    r"|\b[a-z0-9]+(?:-[a-z0-9]+)+\b"           # document ids
    r"|\b(?=[a-z]*\d)[a-z0-9]{7}\b"             # passage ids
)


def choice_values() -> list[str]:
    """Values a user types for a choice option (lint --format github) may be named."""
    values: list[str] = []
    for _, command in _commands():
        for param in command.params:
            if isinstance(param.type, click.Choice):
                values.extend(str(c) for c in param.type.choices)
    return values


def english_words(output: str, given: list[str]) -> list[str]:
    text = output
    given = [*given, *choice_values()]
    for arg in sorted((g for g in given if len(g) > 1), key=len, reverse=True):
        text = text.replace(arg, " ")
    text = _NOT_WORDS.sub(" ", text)
    for name in COMMANDS:
        text = re.sub(rf"\b{re.escape(name)}\b", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("cli") / "proj"
    dest.mkdir()
    for name in ("sources", "snippets", "docs"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("taxonomy.yaml", "mkdocs.yml"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


def run(project: Path, *args: str) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(cli, ["--root", str(project), *args], prog_name="cailiaoku")
    return result.exit_code, result.output, result.exception


def assert_chinese_failure(project: Path, args: list[str], code: int | None = None,
                           named: tuple[str, ...] = ()) -> str:
    exit_code, output, exc = run(project, *args)
    assert exit_code != 0, (args, output)
    if code is not None:
        assert exit_code == code, (args, exit_code, output)
    assert exc is None or isinstance(exc, SystemExit), (args, repr(exc))
    assert "Traceback" not in output and "内部出错" not in output, (args, output)
    lines = [ln for ln in output.splitlines() if ln.strip()]
    assert lines and lines[-1].startswith("错误："), (args, output)
    assert english_words(output, [*args, *named]) == [], (args, output)
    return output


def _commands() -> list[tuple[str, click.Command]]:
    return [(name, cli.get_command(click.Context(cli), name)) for name in COMMANDS]  # type: ignore[misc]


def bad_invocations(name: str, command: click.Command) -> list[list[str]]:
    """For every option: no value / a value of the wrong kind; plus unknown options and arguments."""
    cases = [[name, "--no-such-option"], [name, "--hel"]]
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if any(a.required for a in arguments):
        cases.append([name])
    if not any(a.nargs == -1 for a in arguments):
        cases.append([name, *(["a"] * len(arguments)), "多余的参数"])
    for param in command.params:
        if not isinstance(param, click.Option):
            continue
        flag = max(param.opts, key=len)
        if param.is_flag:
            cases.append([name, f"{flag}=1"])
            continue
        if not getattr(param, "_flag_needs_value", False):  # `--zip` alone is valid
            cases.append([name, flag])  # the value is missing
        kind = param.type
        if isinstance(kind, (click.Choice, click.ParamType)) and kind.name in ("choice", "角色"):
            cases.append([name, flag, "不存在的值"])
        elif isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
            cases.append([name, flag, "abc"])
        elif isinstance(kind, click.Path):
            cases.append([name, flag, "taxonomy.yaml" if not kind.file_okay else "snippets"])
        if isinstance(kind, OutputFile):
            cases.append([name, flag, "没有的文件夹/输出文件"])
    for arg in arguments:
        if isinstance(arg.type, click.Path) and arg.type.exists:
            cases.append([name, "没有这个文件.txt"])
    return cases


def test_every_command_and_option_rejects_bad_arguments_in_chinese(project: Path) -> None:
    before = sorted(p.name for p in (project / "snippets").iterdir())
    seen = 0
    for name, command in _commands():
        assert isinstance(command, click.Command), name
        for args in bad_invocations(name, command):
            assert_chinese_failure(project, args, code=2)
            seen += 1
    assert seen > 60  # every option of every command
    assert sorted(p.name for p in (project / "snippets").iterdir()) == before


def test_top_level_mistakes(project: Path) -> None:
    assert "没有命令“nosuch”" in assert_chinese_failure(project, ["nosuch"], code=2)
    bare = CliRunner().invoke(cli, [], prog_name="cailiaoku")  # the help, not an error
    assert bare.output.startswith("用法：cailiaoku [选项] 命令 [参数]...\n") and "错误" not in bare.output
    out = assert_chinese_failure(project, ["exlain"], code=2)
    assert "运行“cailiaoku -h”查看用法" in out
    result = CliRunner().invoke(cli, ["--root", str(project / "没有的文件夹"), "lint"])
    assert result.exit_code == 1 and "项目目录" in result.output and "不存在" in result.output


@pytest.mark.parametrize("args, expected", [
    (["explain", "nosuch1"], "找不到段落 nosuch1"),
    (["ingest", "没有这个文件.txt"], "没有这个文件.txt"),
    (["export", "--ids", "jhsnepn", "--outline", "没有的提纲.json", "-o", "x.docx"], "读不了提纲文件"),
    (["search", "--theme", "不存在的主题", "学习"], "未知的主题"),
    (["search"], "请输入检索词或筛选条件"),
    (["passages", "--theme", "不存在的主题"], "未知的主题"),
    (["passages", "--doc", "nosuch-doc"], "找不到文档 nosuch-doc"),
    (["passages", "--json", "--yaml"], "只能选一个"),
    (["new-passage", "--no-interactive", "--doc", "nosuch-doc", "--text", "加强学习。"], "找不到文档"),
    (["serve", "--host", "nosuchhost.invalid"], "找不到监听地址"),
])
def test_domain_errors_are_one_chinese_line(project: Path, args: list[str], expected: str) -> None:
    out = assert_chinese_failure(project, args, code=1)
    assert expected in out
    assert "处理办法：" in out


def test_unwritable_output_names_the_folder_to_create(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "没有的文件夹" / "草稿.docx"
    result = subprocess.run([sys.executable, "-m", "cailiaoku", "export", "--ids", "jhsnepn", "-o", str(target)],
                            cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"错误：“-o” / “--output”的值不对：要写入的文件夹“{target.parent}”不存在：先建立这个文件夹，或换一个输出位置。"
        "运行“cailiaoku export -h”查看用法。"]
    assert "Traceback" not in result.stderr


def test_busy_port_is_reported_before_building(project: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "cailiaoku", "serve", "--port", str(port)],
                                cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "正在生成网站" not in result.stdout  # nothing built first
    assert result.stderr.strip() == (f"错误：无法在 127.0.0.1:{port} 启动预览：端口已被占用 "
                                     "处理办法：换一个端口，例如 --port 8001，或先停止占用该端口的程序。")


@pytest.mark.parametrize("bad, expected", [
    ("  title: 局2024年意识形态工作总结\n", "  title: 局: 2024年意识形态工作总结\n"),
])
def test_yaml_syntax_error_in_chinese_with_line_and_column(project_copy: Path, bad: str, expected: str) -> None:
    path = project_copy / "snippets" / "2024-ju-zongjie.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(bad, expected), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(project_copy), "lint"])
    assert result.exit_code == 1
    line = text.split(bad)[0].count("\n") + 1
    assert (f"snippets/2024-ju-zongjie.yaml:{line}:11: E000 YAML 格式错误：这里不能出现“冒号+空格”"
            in result.output), result.output
    assert english_words(result.output, []) == [], result.output


YAML_CASES = [
    ("a: b: c\n", 1, 5, "这里不能出现“冒号+空格”"),
    ("a:\n\t- b\n", 2, 1, "制表符（Tab）"),
    ("a:\n  b: 1\n c: 2\n", 3, 2, "缩进不一致"),
    ("a: [1, 2\nb: 3\n", 2, 2, "方括号列表"),
    ('a: "未闭合\n', 2, 1, "引号或括号闭合之前"),
    ("a: 1\nb\nc: 2\n", 3, 1, "找不到应有的冒号"),
    ("a: *nope\n", 1, 4, "没有定义的锚点"),
    ("- a\nb: 1\n", 2, 1, "缩进不一致"),
    ("a: @x\n", 1, 4, "不能出现在一个值的开头"),
    ('a: "\\q"\n', 1, 6, "反斜杠转义"),
]


@pytest.mark.parametrize("text, line, col, expected", YAML_CASES)
def test_pyyaml_problems_are_translated(text: str, line: int, col: int, expected: str) -> None:
    import yaml

    from cailiaoku.yaml_messages import explain

    with pytest.raises(yaml.YAMLError) as info:
        yaml.compose(text, Loader=yaml.SafeLoader)
    found = explain(info.value)
    assert expected in found.message, (found, str(info.value))
    assert (found.line, found.col) == (line, col), str(info.value)
    assert english_words(found.message + found.hint, []) == []


def test_click_catalogue_covers_every_message_click_has() -> None:
    """A new click release with new text fails here, not in front of a user."""
    import ast

    missing = []
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("_", "ngettext"):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) \
                            and arg.value not in click_zh.CATALOGUE:
                        missing.append(arg.value)
    assert missing == []


def test_help_and_usage_are_chinese(project: Path) -> None:
    for name, _ in _commands():
        code, output, _exc = run(project, name, "-h")
        assert code == 0
        assert output.startswith(f"用法：cailiaoku {name} [选项]"), output
        assert "选项：" in output and "Usage" not in output and "Options" not in output
        assert english_words(output, [name]) == [], (name, output)
    code, output, _exc = run(project, "-h")
    assert "命令：" in output and "用法：cailiaoku [选项] 命令 [参数]..." in output


def test_add_source_explains_a_duplicate(project_copy: Path, tmp_path: Path) -> None:
    held = project_copy / "sources" / "2024-局-意识形态工作总结.txt"
    same = tmp_path / "另一个文件名.txt"
    same.write_bytes(held.read_bytes())
    before = sorted(p.name for p in (project_copy / "sources").iterdir())
    out = assert_chinese_failure(project_copy, ["add-source", str(same)], code=1)
    assert ("这篇范文已在段落库中：sources/2024-局-意识形态工作总结.txt（文档 id 2024-ju-zongjie，"
            "snippets/2024-ju-zongjie.yaml）") in out
    assert "改名" not in out
    newer = tmp_path / "新版本.txt"
    newer.write_bytes(held.read_bytes() + "\n补充的一句话。\n".encode())
    out = assert_chinese_failure(project_copy, ["add-source", str(newer)], code=1)
    assert "已有同一标题的范文《局2024年意识形态工作总结》" in out
    assert "cailiaoku ingest sources/2024-局-意识形态工作总结.txt" in out
    assert sorted(p.name for p in (project_copy / "sources").iterdir()) == before


@pytest.mark.parametrize("config, expected", [
    ("site_name: [材料库\n", "网站构建失败：mkdocs.yml:2:1：YAML 格式错误：方括号列表"),
    (None, "插件“nosuchplugin”没有安装"),
])
def test_mkdocs_configuration_errors_in_chinese(project_copy: Path, config: str | None, expected: str) -> None:
    path = project_copy / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(config or text.replace("  - offline ", "  - nosuchplugin "), encoding="utf-8")
    out = assert_chinese_failure(project_copy, ["build", "--site-dir", str(project_copy / "out")], code=1,
                                 named=("nosuchplugin", "plugins", "bash"))
    assert expected in out


def test_mkdocs_warnings_translated() -> None:
    from cailiaoku.site.mkdocs_messages import translate

    assert translate("Doc file 'guide/a.md' contains a link 'b.md', but the target 'guide/b.md' is not "
                     "found among documentation files.") == \
        "页面 guide/a.md 中的链接 b.md 指向不存在的页面 guide/b.md：改正链接"
    assert translate("A reference to 'x.md' is included in the 'nav' configuration, which is not found "
                     "in the documentation files.").startswith("mkdocs.yml 的 nav 中写了 x.md")
    # an option the cailiaoku plugin no longer uses (its own message is Chinese)
    assert translate("Config value 'plugins': Plugin 'cailiaoku' option 'search_passages': 已不再使用，可以删去"
                     "（段落由“查找段落”检索）。") == \
        "mkdocs.yml 中插件 cailiaoku 的选项 search_passages：已不再使用，可以删去（段落由“查找段落”检索）。"

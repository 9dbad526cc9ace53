"""click classes shared by every sub-command: Chinese help and errors, domain errors → messages.

Every failure ends here as one Chinese line on stderr and an exit code ≠ 0; no traceback
reaches a user (set CAILIAOKU_DEBUG=1 to see one).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from . import click_zh
from .clihelp import ZhFormatter
from .errors import CailiaokuError, LintFailed
from .model import ROLES, role_code

click_zh.install()

# Shown for an argument (in usage and in "缺少参数 …") unless the command sets a metavar.
ARGUMENT_NAMES: dict[str, str] = {
    "passage_id": "段落id", "sources": "文件", "file": "文件", "query": "检索词",
    "more_ids": "段落id", "paths": "路径", "path": "路径", "folder": "文件夹",
}


def fail(exc: CailiaokuError) -> NoReturn:
    click.echo(f"错误：{exc}", err=True)
    sys.exit(1)


class RoleType(click.ParamType):
    """A role typed by its Chinese name (主要做法) or its code (achievement); gives the code."""

    name = "角色"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(ROLES.values()) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        code = role_code(str(value))
        if code is None:
            self.fail(f"未知的角色“{value}”，可写：{'、'.join(ROLES.values())}（或 {'/'.join(ROLES)}）",
                      param, ctx)
        return code


ROLE = RoleType()


class OutputFile(click.Path):
    """A file to write: its folder must exist (checked before any work, named in the message)."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        folder = Path(path).parent
        if not folder.is_dir():
            what = "不是文件夹" if folder.exists() else "不存在"
            self.fail(f"要写入的文件夹“{folder}”{what}：先建立这个文件夹，或换一个输出位置", param, ctx)
        if not os.access(folder, os.W_OK):
            self.fail(f"文件夹“{folder}”没有写入权限：换一个输出位置", param, ctx)
        return path


OUTPUT_FILE = OutputFile()


class Context(click.Context):
    formatter_class = ZhFormatter


def _chinese_metavar(param: click.Parameter) -> None:
    if param.metavar is not None or isinstance(param.type, (click.Choice, RoleType)):
        return
    if isinstance(param, click.Option) and param.is_flag:
        return
    if isinstance(param, click.Argument):
        param.metavar = ARGUMENT_NAMES.get(param.name or "", click_zh.TYPE_NAMES.get(param.type.name, "参数"))
    else:
        param.metavar = click_zh.TYPE_NAMES.get(param.type.name)


class _Chinese:
    """click ships its text in English; metavars and headings in Chinese here."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)
        for param in self.params:  # type: ignore[attr-defined]
            _chinese_metavar(param)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except click.UsageError as exc:
            exc.ctx = exc.ctx or ctx  # the parser's own errors carry no context (no help hint)
            raise

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示帮助并退出。"
        return option


class Command(_Chinese, click.Command):
    pass


class Group(_Chinese, click.Group):
    """The top-level group: runs click non-standalone so every error is reported here."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, False, **extra)
        except SystemExit:
            raise
        except BaseException as exc:  # noqa: BLE001 — the one place errors become messages
            sys.exit(report(exc))
        sys.exit(rv if isinstance(rv, int) else 0)


def report(exc: BaseException) -> int:
    """Print one Chinese line for any failure; returns the exit code."""
    if isinstance(exc, LintFailed):
        for problem in exc.problems:
            if exc.unwritten:  # the file on disk is unchanged: its lines would mislead
                who = f"段落 {problem.passage}：" if problem.passage else ""
                click.echo(f"{problem.code} {who}{problem.message}。{problem.hint}", err=True)
            else:
                click.echo(problem.format(), err=True)
        click.echo(f"错误：{exc.message}，{'请修改后重新运行' if exc.unwritten else '请先修正'}。", err=True)
        return 1
    if isinstance(exc, CailiaokuError):
        click.echo(f"错误：{exc}", err=True)
        return 1
    no_args = getattr(click.exceptions, "NoArgsIsHelpError", ())
    if no_args and isinstance(exc, no_args):  # bare `cailiaoku`: the help text, as click shows it
        click.echo(exc.format_message(), err=True)
        return exc.exit_code
    if isinstance(exc, click.UsageError):
        where = ""
        if exc.ctx is not None:
            where = f"运行“{exc.ctx.command_path} -h”查看用法。"
        click.echo(f"错误：{_sentence(click_zh.tidy(exc.format_message()))}{where}", err=True)
        return exc.exit_code
    if isinstance(exc, click.ClickException):
        click.echo(f"错误：{_sentence(click_zh.tidy(exc.format_message()))}", err=True)
        return exc.exit_code
    if isinstance(exc, (click.Abort, KeyboardInterrupt, EOFError)):
        click.echo("\n已取消。", err=True)
        return 130 if isinstance(exc, KeyboardInterrupt) else 1
    if isinstance(exc, OSError):
        from .oserrors import describe

        message, hint = describe(exc)
        click.echo(f"错误：{message}。处理办法：{hint}。", err=True)
        return 1
    if os.environ.get("CAILIAOKU_DEBUG"):
        raise exc
    click.echo(f"错误：程序内部出错（{type(exc).__name__}：{exc}）。处理办法：请把所运行的命令和这条信息"
               "报告给维护者；设置环境变量 CAILIAOKU_DEBUG=1 可查看详细信息。", err=True)
    return 1


def _sentence(text: str) -> str:
    return text if text.endswith(("。", "？", "！")) else text + "。"

"""click classes shared by every sub-command: Chinese help, domain errors → messages."""

from __future__ import annotations

import sys

import click

from .errors import CailiaokuError, LintFailed


def fail(exc: CailiaokuError) -> None:
    click.echo(f"错误：{exc}", err=True)
    sys.exit(1)


class _ChineseHelp:
    """click ships its --help text in English only."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示帮助并退出。"
        return option


class Command(_ChineseHelp, click.Command):
    pass


class Group(_ChineseHelp, click.Group):
    """Turns domain errors into a Chinese message and exit code 1."""

    command_class = Command

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except LintFailed as exc:
            for problem in exc.problems:
                click.echo(problem.format(), err=True)
            click.echo(f"错误：{exc.message}，请先修正。", err=True)
            sys.exit(1)
        except CailiaokuError as exc:
            fail(exc)

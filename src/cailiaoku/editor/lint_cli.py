"""`cailiaoku lint`."""

from __future__ import annotations

import sys

import click

from .. import parsecache
from ..clibase import Command
from ..lint import Problem
from ..project import Project


def _data(value: str) -> str:
    """A workflow command's message, escaped as GitHub Actions reads it (no newline breaks out)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: object) -> str:
    return _data(str(value)).replace(":", "%3A").replace(",", "%2C")


def github_annotation(p: Problem) -> str:
    level = "error" if p.code.startswith("E") else "warning"
    props = ",".join(f"{k}={_property(v)}" for k, v in
                     (("file", p.path), ("line", p.line), ("col", p.col), ("title", p.code)))
    return f"::{level} {props}::{_data(f'{p.message}。{p.hint}')}"


@click.command("lint", cls=Command)
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text",
              help="github：输出 GitHub Actions 注解格式。")
@click.option("--fix", is_flag=True, help="先自动修正可安全修正的问题（半角标点、行尾空格、字段顺序），再检查。")
@click.pass_obj
def lint(project: Project, fmt: str, fix: bool) -> None:
    """检查段落库：格式、主题、角色、重复、标点、上级段落等。"""
    from ..lint import errors_only, lint_library
    from ..taxonomy import load_taxonomy

    if fix:
        from .fix import fix_library

        reports = fix_library(project)
        for r in reports:
            click.echo(r.describe())
        click.echo(f"自动修复：改动 {sum(r.changed for r in reports)} 个文件。" if reports else "自动修复：没有需要修改的地方。")
    with parsecache.kept_in(project.cache_dir):
        problems = lint_library(project.snippets, load_taxonomy(project.taxonomy), project.root)
    for p in problems:
        click.echo(github_annotation(p) if fmt == "github" else p.format())
    errors = errors_only(problems)
    if errors:
        click.echo(f"共 {len(errors)} 个错误，{len(problems) - len(errors)} 个提醒。", err=True)
        sys.exit(1)
    click.echo(f"检查通过：{len(problems)} 个提醒。")

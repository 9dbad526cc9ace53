"""The `cailiaoku` command: thin wrappers over library calls; only here do errors become messages."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import CailiaokuError, LintFailed
from .project import Project


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


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cailiaoku", help="显示版本并退出。")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="项目目录（含 taxonomy.yaml），默认从当前目录向上查找。")
@click.pass_context
def cli(ctx: click.Context, root: Path | None) -> None:
    """材料库：把范文拆成带标签的可复用段落，并生成离线可用的检索网站。"""
    ctx.obj = Project(root.resolve()) if root else Project.find()


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def ingest(project: Project, sources: tuple[Path, ...]) -> None:
    """导入范文（.txt/.md/.docx），写入 snippets/；重新导入会保留编辑的修改。"""
    from .ingest import ingest as run_ingest
    from .ingest import source_files

    paths = list(sources) or source_files(project.sources)
    if not paths:
        raise CailiaokuError("没有要导入的文件", hint="写出文件路径，或把范文放进 sources/ 目录。")
    for result in run_ingest(paths, project):
        r = result.report
        action = "新建" if result.created else "更新"
        click.echo(f"{action} {result.path.relative_to(project.root) if result.path.is_relative_to(project.root) else result.path}："
                   f"{len(result.document.passages)} 个段落")
        if not result.created:
            click.echo(f"  新增 {len(r.new)}，保留编辑 {len(r.kept_edits)}，保持删除 {len(r.kept_deleted)}，"
                       f"编辑新增 {len(r.editor_added)}")
        for pid in r.unmatched:
            click.echo(f"  注意：段落 {pid} 在新导入的原文中找不到对应内容，已原样保留，请人工核对。")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text",
              help="github：输出 GitHub Actions 注解格式。")
@click.option("--fix", is_flag=True, help="先自动修正可安全修正的问题（半角标点、行尾空格、字段顺序），再检查。")
@click.pass_obj
def lint(project: Project, fmt: str, fix: bool) -> None:
    """检查段落库：格式、主题、角色、重复、标点、上级段落等。"""
    from .lint import errors_only, lint_library
    from .taxonomy import load_taxonomy

    if fix:
        from .editor.fix import fix_library

        reports = fix_library(project)
        for r in reports:
            click.echo(r.describe())
        click.echo(f"自动修复：改动 {sum(r.changed for r in reports)} 个文件。" if reports else "自动修复：没有需要修改的地方。")
    problems = lint_library(project.snippets, load_taxonomy(project.taxonomy), project.root)
    for p in problems:
        if fmt == "github":
            level = "error" if p.code.startswith("E") else "warning"
            click.echo(f"::{level} file={p.path},line={p.line},col={p.col},title={p.code}::{p.message}。{p.hint}")
        click.echo(p.format())
    errors = errors_only(problems)
    if errors:
        click.echo(f"共 {len(errors)} 个错误，{len(problems) - len(errors)} 个提醒。", err=True)
        sys.exit(1)
    click.echo(f"检查通过：{len(problems)} 个提醒。")


@cli.command()
@click.argument("passage_id")
@click.pass_obj
def explain(project: Project, passage_id: str) -> None:
    """说明某个段落的主题标签是由哪些关键词得出的。"""
    from .library import load_library
    from .tagging import explain as explain_terms
    from .taxonomy import load_taxonomy

    found = load_library(project.snippets).find(passage_id)
    if found is None:
        raise CailiaokuError(f"找不到段落 {passage_id}", hint="检查 id 是否拼写正确（见网站段落页地址）。")
    doc, passage = found
    children = " ".join(p.heading + p.text for p in doc.passages if p.parent == passage.id)
    terms = explain_terms(load_taxonomy(project.taxonomy), passage.heading, passage.text, children)
    click.echo(f"{passage.id}（{doc.title}）主题：{'、'.join(passage.themes) or '无'}")
    for theme, counts in sorted(terms.items(), key=lambda kv: -sum(c for _, c in kv[1])):
        click.echo(f"  {theme}：" + "、".join(f"{t}×{c}" for t, c in counts))


def main() -> None:
    cli(prog_name="cailiaoku")


from .compose import cli as _compose_cli  # noqa: E402,F401
from .editor import cli as _editor_cli  # noqa: E402,F401
from .finder import cli as _finder_cli  # noqa: E402,F401
from .site import cli as _site_cli  # noqa: E402,F401

"""`cailiaoku ingest` and `cailiaoku explain`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..clibase import Command
from ..errors import CailiaokuError
from ..project import Project
from .report import FIELD_NAMES

if TYPE_CHECKING:
    from .pipeline import IngestResult, IngestRun


@click.command("ingest", cls=Command)
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--to-simplified", is_flag=True, help="把繁体（如 Big5 编码）文字转换为简体后再导入。")
@click.option("--dry-run", is_flag=True, help="只显示将要写入的内容（标题、文种、提纲、去掉的杂质、修复），不写任何文件。")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="把导入报告另存为 .csv 或 .json 文件（导入目录时）。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="导入目录时同时处理的文件数，默认等于本机的 CPU 核数。")
@click.option("--force", is_flag=True, help="超大文件（单篇超过 200 万字或 50 兆字节）也导入。")
@click.pass_obj
def ingest(project: Project, sources: tuple[Path, ...], to_simplified: bool, dry_run: bool,
           report_path: Path | None, jobs: int | None, force: bool) -> None:
    """导入范文（.txt/.md/.docx/.doc/.wps/.rtf/.odt/.pdf/.html），写入 snippets/；重新导入会保留编辑的修改。

    每篇先按检查（lint）的规则自动修复并检查，仍不合格的跳过并说明原因，其余照常导入；有跳过时退出码为 1。
    写目录则导入其中全部文档（含子目录；跳过隐藏文件、临时文件和非文档），多个文件并行处理，
    同一篇的不同格式只导入一次，最后列出每个文件的结果。"""
    from .pipeline import ingest as run_ingest
    from .pipeline import source_files
    from .reading import ReadOptions

    options = ReadOptions(to_simplified=to_simplified, cache=project.root / ".cache" / "convert")
    if not dry_run and (report_path is not None or any(p.is_dir() for p in sources)):
        from .archive_cli import run_archive

        run_archive(project, list(sources), options, report_path, jobs)
        return
    paths = list(sources) or source_files(project.sources)
    if any(p.is_dir() for p in paths):  # --dry-run of a folder: every document in it
        from .folders import walk

        paths = [f.path for f in walk(paths) if not f.skip]
    if not paths:
        raise CailiaokuError("没有要导入的文件", hint="写出文件路径，或把范文放进 sources/ 目录。")
    run = run_ingest(paths, project, options=options, dry_run=dry_run, force=force)
    if dry_run:
        from .preview import preview

        for line in preview(run, project.root):
            click.echo(line)
        return
    for result in run:
        _report(result, project)
    _report_skipped(run)


def _report(result: IngestResult, project: Project) -> None:
    from .merge_report import describe, summary

    r = result.report
    action = "新建" if result.created else "更新"
    click.echo(f"{action} {_rel(result.path, project)}：{len(result.document.passages)} 个段落")
    if not result.created:
        click.echo(summary(r))
    for line in describe(r, _rel(project.base_dir / result.path.name, project)):
        click.echo(line)
    for guess in result.document.reading.guesses() if result.document.reading else []:
        if guess.value:
            click.echo(f"  请核对：{FIELD_NAMES[guess.field]}“{guess.value}”取自{guess.how}")
        else:
            click.echo(f"  请核对：{guess.how}，可在 snippets/ 的文件里补上 {guess.field}，"
                       "或用旁注文件写明后重新导入")
    for note in result.notes:
        click.echo(f"  {'提醒' if note.warning else '已修复'}：{note}")


def _report_skipped(run: IngestRun) -> None:
    """Skipped sources last, on stderr, and exit 1: the others went in."""
    for skipped in run.skipped:
        click.echo(f"跳过 {skipped.source}：{skipped.reason}", err=True)
        for problem in skipped.problems:
            click.echo(f"  {problem.brief()}", err=True)
    if run.skipped:
        click.echo(f"错误：共跳过 {len(run.skipped)} 篇（其余 {len(run.results)} 篇已导入），请按上面的原因处理后重新导入。",
                   err=True)
        sys.exit(1)


def _rel(path: Path, project: Project) -> str:
    return str(path.relative_to(project.root)) if path.is_relative_to(project.root) else str(path)



@click.command("explain", cls=Command)
@click.argument("passage_id")
@click.pass_obj
def explain(project: Project, passage_id: str) -> None:
    """说明某个段落的主题标签是由哪些关键词得出的。"""
    from ..library import load_library
    from ..taxonomy import load_taxonomy
    from .tagging import explain as explain_terms

    found = load_library(project.snippets).find(passage_id)
    if found is None:
        raise CailiaokuError(f"找不到段落 {passage_id}", hint="检查 id 是否拼写正确（见网站段落页地址）。")
    doc, passage = found
    children = " ".join(p.heading + p.text for p in doc.passages if p.parent == passage.id)
    terms = explain_terms(load_taxonomy(project.taxonomy), passage.heading, passage.text, children)
    click.echo(f"{passage.id}（{doc.title}）主题：{'、'.join(passage.themes) or '无'}")
    for theme, counts in sorted(terms.items(), key=lambda kv: -sum(c for _, c in kv[1])):
        click.echo(f"  {theme}：" + "、".join(f"{t}×{c}" for t, c in counts))

"""The terminal side of an archive import: progress bar (or plain lines), report, exit code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..project import Project
from .archive import ArchiveOptions, ingest_archive
from .archive_report import check_report_path, summary, write_report
from .batch import Task, default_jobs
from .reading import ReadOptions


class _Progress:
    """click's progress bar on a terminal; one plain line per file otherwise (CI logs)."""

    def __init__(self) -> None:
        self.done = 0
        self.bar: object | None = None
        self.tty = sys.stderr.isatty()

    def __call__(self, task: Task) -> None:
        self.done += 1
        if self.tty:
            if self.bar is None:
                return
            self.bar.update(1, task.path.name)  # type: ignore[attr-defined]
        else:
            click.echo(f"[{self.done}] 已读取 {task.path}", err=True)


def run_archive(project: Project, roots: list[Path], read: ReadOptions,
                report_path: Path | None, jobs: int | None) -> None:
    if report_path is not None:
        check_report_path(report_path)  # before any work, not after
    options = ArchiveOptions(read=read, jobs=jobs or default_jobs())
    progress = _Progress()
    roots = roots or [project.sources]
    if progress.tty:
        with click.progressbar(length=_count(roots), label="导入", file=sys.stderr,
                               item_show_func=lambda name: name or "") as bar:
            progress.bar = bar
            result = ingest_archive(roots, project, options, progress)
    else:
        result = ingest_archive(roots, project, options, progress)
    for line in summary(result.rows):
        click.echo(line)
    if report_path is not None:
        write_report(result.rows, report_path)
        click.echo(f"报告已写入 {report_path}")
    if result.skipped:
        click.echo(f"有 {len(result.skipped)} 个文件未能导入（原因见上），其余已导入。", err=True)
        sys.exit(1)


def _count(roots: list[Path]) -> int:
    from .folders import walk

    return sum(1 for f in walk(roots) if not f.skip)

"""Read and analyse many files at once: LibreOffice conversions batched first, then a process
pool up to the machine's cores. Pure results come back; nothing is written here."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CailiaokuError, SourceError
from ..taxonomy import Taxonomy, load_taxonomy
from .analyse import Analysis, analyse_full
from .convert import LIBREOFFICE_SUFFIXES, convert_many
from .duplicates import Fingerprint, fingerprint
from .folders import overlay
from .metadata import read_sidecar
from .reading import ReadOptions, read_source


@dataclass(frozen=True)
class Task:
    index: int
    path: Path  # the file to read
    source: str  # where it will be recorded (sources/…)
    key: str  # path under sources/, for the document id
    defaults: object  # SourceMeta from _meta.yaml


@dataclass
class Analysed:
    index: int
    analysis: Analysis | None = None
    fingerprint: Fingerprint | None = None
    error: str = ""
    how: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0  # reading and analysing this file


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


_TAXONOMY: Taxonomy | None = None
_OPTIONS = ReadOptions()


def _init(taxonomy: Path | Taxonomy, options: ReadOptions) -> None:
    global _TAXONOMY, _OPTIONS
    _TAXONOMY = taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
    _OPTIONS = options
    from ..segment import tokenizer

    tokenizer(tuple(sorted(set(_TAXONOMY.all_terms()))))  # jieba's dictionary: once per process


def reason(exc: CailiaokuError, source: Path) -> str:
    """The error without the file's own path (the report's row names it already)."""
    where = exc.path if exc.path and Path(exc.path).name != source.name else ""
    line = f"第 {exc.line} 行" if exc.line else ""
    at = "：".join(x for x in (where, line) if x)
    hint = f" 处理办法：{exc.hint}" if exc.hint else ""
    return f"{at + '：' if at else ''}{exc.message}{hint}"


def analyse_task(task: Task) -> Analysed:
    began = time.perf_counter()
    result = _analyse_task(task)
    result.seconds = time.perf_counter() - began
    return result


def _analyse_task(task: Task) -> Analysed:
    from .pipeline import document_id

    assert _TAXONOMY is not None
    try:
        sidecar = read_sidecar(task.path)
        meta = overlay(task.defaults, sidecar)  # type: ignore[arg-type]
        analysis = analyse_full(read_source(task.path, _OPTIONS), meta, _TAXONOMY, task.source)
        doc = analysis.document
        doc.id = document_id(Path(task.key), meta.id, task.key)
        if not doc.passages:
            raise SourceError("没有解析出任何段落", path=task.path, hint="确认文件是范文正文。")
    except CailiaokuError as exc:
        return Analysed(task.index, error=reason(exc, task.path))
    except Exception as exc:  # a library choking on one odd file must not stop the archive
        return Analysed(task.index, error=f"读取或解析时出现意外错误（{type(exc).__name__}：{exc}）"
                                         " 处理办法：在 Word/WPS 中打开并另存为 .docx 后重试，或报告此问题。")
    how: dict[str, str] = {}
    for found in doc.reading.found if doc.reading else []:
        said = found.how
        if said.startswith("旁注") and not getattr(sidecar, found.field, None):
            said = "目录 _meta.yaml"  # the folder's defaults, not the file's own sidecar
        how[found.field] = said + ("（猜测，请核对）" if found.guessed else "")
    return Analysed(task.index, analysis, fingerprint(doc), how=how)


def convert_first(paths: list[Path], options: ReadOptions, jobs: int) -> dict[Path, str]:
    """Batch LibreOffice conversions into the cache; returns why files could not be converted."""
    office = [p for p in paths if p.suffix.lower() in LIBREOFFICE_SUFFIXES]
    if not office:
        return {}
    results = convert_many(office, options.cache, workers=jobs)
    return {p: reason(r, p) for p, r in results.items() if isinstance(r, SourceError)}


def analyse_all(tasks: list[Task], taxonomy: Path, options: ReadOptions, jobs: int,
                progress: Callable[[Task], None] | None = None) -> dict[int, Analysed]:
    """Analyse every task; in a process pool when jobs > 1 and there is more than one file."""
    done: dict[int, Analysed] = {}
    if jobs <= 1 or len(tasks) <= 1:
        _init(taxonomy, options)
        for task in tasks:
            done[task.index] = analyse_task(task)
            if progress:
                progress(task)
        return done
    with ProcessPoolExecutor(min(jobs, len(tasks)), initializer=_init,
                             initargs=(taxonomy, options)) as pool:
        futures = {pool.submit(analyse_task, t): t for t in tasks}
        for future in as_completed(futures):
            task = futures[future]
            try:
                done[task.index] = future.result()
            except BrokenProcessPool:  # a worker died (e.g. out of memory on a huge file)
                done[task.index] = Analysed(task.index, error="读取时处理进程意外退出"
                                            " 处理办法：单独导入此文件，或另存为较小的 .docx。")
            if progress:
                progress(task)
    return done

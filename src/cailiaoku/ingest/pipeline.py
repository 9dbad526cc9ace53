"""Ingest a source file into the library: read → analyse → merge → atomic write."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import library
from ..errors import CailiaokuError, LintFailed, SourceError
from ..lint import Problem, check_text, errors_only, lint_library
from ..model import Document, Library
from ..project import Project
from ..taxonomy import Taxonomy, load_taxonomy
from ..yamlio import atomic_write_many
from .analyse import Analysis, analyse_full
from .folders import folder_defaults, overlay, walk
from .identity import claim_id
from .merge import MergeReport, merge
from .metadata import read_sidecar
from .reading import ReadOptions, read_source
from .repair import Note, repair

_ASCII_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class IngestResult:
    document: Document
    path: Path
    report: MergeReport
    created: bool
    notes: list[Note] = field(default_factory=list)  # repairs and warnings, in Chinese
    analysis: Analysis | None = None


@dataclass
class Skipped:
    """A source that could not go in: nothing of it was written."""

    source: Path
    reason: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class IngestRun:
    """What one ingest did; iterating gives the documents that went in."""

    results: list[IngestResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def __iter__(self) -> Iterator[IngestResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, index: int) -> IngestResult:
        return self.results[index]


def source_files(folder: Path) -> list[Path]:
    """Every document under sources/, subfolders too (an imported archive lives in one)."""
    if not folder.is_dir():
        return []
    return sorted(f.path for f in walk([folder]) if not f.skip)


def document_id(source: Path, declared: str, key: str | None = None) -> str:
    """Declared, else from the file name; `key` (path under sources/ of a file in a subfolder)
    keeps two archive files of the same name apart."""
    if declared:
        return declared
    slug = _ASCII_SLUG.sub("-", source.stem.lower()).strip("-")[:30].strip("-")
    digest = hashlib.sha1((key if key and "/" in key else source.name).encode()).hexdigest()[:6]
    return f"{slug}-{digest}" if len(slug) >= 3 else f"doc-{digest}"


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _key_under(path: Path, folder: Path) -> str | None:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return None


def analyse_source(source: Path, taxonomy: Taxonomy, root: Path,
                   options: ReadOptions | None = None) -> Document:
    return analyse_source_full(source, taxonomy, root, options).document


def analyse_source_full(source: Path, taxonomy: Taxonomy, root: Path,
                        options: ReadOptions | None = None) -> Analysis:
    meta = read_sidecar(source)
    if _key_under(source, root / "sources"):  # a folder's _meta.yaml gives defaults
        meta = overlay(folder_defaults(source.parent, root / "sources"), meta)
    analysis = analyse_full(read_source(source, options), meta, taxonomy, _relative(source, root))
    analysis.document.id = document_id(source, meta.id, _key_under(source, root / "sources"))
    if not analysis.document.passages:
        raise SourceError("没有解析出任何段落", path=source, hint="确认文件是范文正文。")
    return analysis


def _refuse_broken_library(project: Project, taxonomy: Taxonomy) -> None:
    """Merging into a library with errors could lose an editor's work: fix it first."""
    if not project.snippets.is_dir():
        return
    errors = errors_only(lint_library(project.snippets, taxonomy, project.root))
    if errors:
        raise LintFailed(errors)


@dataclass
class _Ids:
    """The library's ids as lint keeps them (passage id / "doc:<id>" → file shown), by file."""

    seen: dict[str, str] = field(default_factory=dict)
    by_file: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, current: Library | None, project: Project) -> _Ids:
        ids = cls()
        for doc in current.documents if current else []:
            ids.add(_relative(library.document_path(project.snippets, doc.id), project.root), doc)
        return ids

    def add(self, display: str, doc: Document) -> None:
        keys = [f"doc:{doc.id}", *(p.id for p in doc.passages)]
        for key in keys:
            self.seen.setdefault(key, display)
        self.by_file[display] = keys

    def take_out(self, display: str) -> dict[str, str]:
        """Forget a file's ids (it is about to be replaced); returns them for put_back."""
        return {k: self.seen.pop(k) for k in self.by_file.pop(display, []) if self.seen.get(k) == display}

    def put_back(self, display: str, doc: Document, old: dict[str, str]) -> None:
        for key in [f"doc:{doc.id}", *(p.id for p in doc.passages)]:
            if self.seen.get(key) == display:
                del self.seen[key]
        self.seen.update(old)
        self.by_file[display] = list(old)


def _error_reason(exc: CailiaokuError, source: Path) -> str:
    """The error without the source's own path (the skip line names it already)."""
    where = exc.path if exc.path and Path(exc.path) != source else ""
    line = f"第 {exc.line} 行" if exc.line else ""
    at = f"{where}{':' if where and line else ''}{line}"
    hint = f" 处理办法：{exc.hint}" if exc.hint else ""
    return f"{at + '：' if at else ''}{exc.message}{hint}"


def _skip_reason(doc: Document, errors: list[Problem]) -> str:
    first = "；".join(f"{p.code} {('段落 ' + p.passage + '：') if p.passage else ''}{p.message}" for p in errors[:3])
    more = f"等 {len(errors)} 个问题" if len(errors) > 3 else ""
    return (f"《{doc.title}》未导入：自动修复后仍有无法修复的问题（{first}{more}），本篇什么也没写入。"
            "请按下列问题修改原文或同名旁注文件（.yaml）后重新导入")


def ingest(
    sources: list[Path], project: Project, taxonomy: Taxonomy | None = None,
    options: ReadOptions | None = None, *, dry_run: bool = False,
) -> IngestRun:
    """Ingest every source that can be made valid, then write them all at once.

    Each document is repaired and checked with lint's rules before anything is written; one
    that still fails, or cannot be read, is skipped with its reason and the others go in.
    """
    taxonomy = taxonomy or load_taxonomy(project.taxonomy)
    _refuse_broken_library(project, taxonomy)
    current = library.load_library(project.snippets) if project.snippets.is_dir() else None
    taken = {p.id for _, p in current.passages()} if current else set()
    ids = _Ids.of(current, project)
    run = IngestRun()
    writes: dict[Path, str] = {}
    owners: dict[str, Path] = {}
    for source in sources:
        try:
            analysis = analyse_source_full(source, taxonomy, project.root, options)
            result = _one(analysis, source, project, taxonomy, taken, ids, writes, owners)
        except CailiaokuError as exc:
            run.skipped.append(Skipped(source, _error_reason(exc, source)))
            continue
        if isinstance(result, Skipped):
            run.skipped.append(replace(result, source=source))
        else:
            run.results.append(result)
    if not dry_run:
        atomic_write_many(writes)
    return run


def _one(analysis: Analysis, source: Path, project: Project, taxonomy: Taxonomy, taken: set[str],
         ids: _Ids, writes: dict[Path, str], owners: dict[str, Path]) -> IngestResult | Skipped:
    fresh = analysis.document
    notes = repair(fresh)
    path = library.document_path(project.snippets, fresh.id)
    base_path = library.document_path(project.base_dir, fresh.id)
    ours = library.load_file(path).document if path.is_file() else None
    base = library.load_file(base_path).document if base_path.is_file() else None
    claim_id(owners, source, fresh.id, ours or base, project.root)
    merged, new_base, report = merge(fresh, base, ours, taken | ({p.id for p in base.passages} if base else set()))
    text = library.dump_over(merged, path)  # keeps the editor's comments
    display = _relative(path, project.root)
    old = ids.take_out(display)
    errors = errors_only(check_text(text, display, taxonomy, ids.seen))
    if errors:
        ids.put_back(display, merged, old)
        return Skipped(path, _skip_reason(merged, errors), errors)
    ids.by_file[display] = [f"doc:{merged.id}", *(p.id for p in merged.passages)]
    taken |= {p.id for p in merged.passages} | ({p.id for p in base.passages} if base else set())
    writes[path] = text
    writes[base_path] = library.dump_document(new_base)
    return IngestResult(merged, path, report, created=ours is None, notes=notes, analysis=analysis)

"""Ingest a source file into the library: read → analyse → merge → atomic write."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import library
from ..bulk import bulk
from ..errors import CailiaokuError, LibraryError, LintFailed, SourceError
from ..lint import Problem, check_text, errors_only, lint_library
from ..model import Document, Library
from ..paths import checked_file
from ..project import Project
from ..taxonomy import Taxonomy, load_taxonomy
from ..yamlio import atomic_write_many
from .analyse import Analysis, analyse_full
from .folders import folder_defaults, overlay, skip_reason, walk
from .identity import claim_id
from .merge import MergeReport, merge
from .metadata import read_sidecar
from .reading import ReadOptions, read_source
from .repair import Note, repair

_ASCII_SLUG = re.compile(r"[^a-z0-9]+")
# A 范文 is tens of KB; a bigger source is most likely the wrong file (or an attack on memory).
MAX_SOURCE_BYTES = 50 * 1024 * 1024
MAX_SOURCE_CHARS = 2_000_000


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
    # Links are kept, so the one gate (paths.checked_file) refuses those that lead out of the
    # project or nowhere with their reason, instead of dropping them unsaid.
    return sorted(f.path for f in walk([folder])
                  if not f.skip or (f.path.is_symlink() and not skip_reason(f.path)))


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
                   options: ReadOptions | None = None, force: bool = False) -> Document:
    return analyse_source_full(source, taxonomy, root, options, force).document


def _read_within_limits(source: Path, root: Path, options: ReadOptions | None,
                        force: bool) -> list[str]:
    checked_file(source, root)
    size = source.stat().st_size
    if size > MAX_SOURCE_BYTES and not force:
        raise SourceError(f"文件有 {size / 1048576:.0f} 兆字节，超过单个范文 {MAX_SOURCE_BYTES // 1048576} 兆字节的上限",
                          path=source, hint="确认选对了文件；确实要导入时加 --force。")
    lines = read_source(source, options)
    chars = sum(len(line) for line in lines)
    if chars > MAX_SOURCE_CHARS and not force:
        raise SourceError(f"正文有 {chars:,} 字，超过单个范文 {MAX_SOURCE_CHARS:,} 字的上限",
                          path=source, hint="一篇范文通常只有几千到几万字：请确认选对了文件，"
                          "或拆成几篇分别导入；确实要整篇导入时加 --force。")
    return lines


def analyse_source_full(source: Path, taxonomy: Taxonomy, root: Path,
                        options: ReadOptions | None = None, force: bool = False) -> Analysis:
    lines = _read_within_limits(source, root, options, force)
    meta = read_sidecar(source, root)
    if _key_under(source, root / "sources"):  # a folder's _meta.yaml gives defaults
        meta = overlay(folder_defaults(source.parent, root / "sources"), meta)
    analysis = analyse_full(lines, meta, taxonomy, _relative(source, root))
    analysis.document.id = document_id(source, meta.id, _key_under(source, root / "sources"))
    if not analysis.document.passages:
        raise SourceError("没有解析出任何段落", path=source, hint="确认文件是范文正文。")
    return analysis


def _present(path: Path) -> bool:
    return path.is_file() or path.is_symlink()  # a link is checked (and refused) by load_file


def _refuse_broken_library(project: Project, taxonomy: Taxonomy) -> None:
    """Merging into a library with errors could lose an editor's work: fix it first."""
    for folder in (project.snippets, project.base_dir):
        if folder.exists() and not folder.is_dir():
            raise LibraryError(f"{_relative(folder, project.root)} 应该是文件夹，现在却是一个文件", path=folder,
                               hint="把这个文件改名或移走（snippets/.ingested/ 是导入记录的文件夹），再重新导入。")
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
    line = (f"第 {exc.line} 行" + (f"第 {exc.col} 列" if exc.col else "")) if exc.line else ""
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
    options: ReadOptions | None = None, *, dry_run: bool = False, force: bool = False,
) -> IngestRun:
    """Ingest every source that can be made valid, then write them all at once.

    Each document is repaired and checked with lint's rules before anything is written; one
    that still fails, or cannot be read, is skipped with its reason and the others go in.
    `force` lifts the size limit of a single source.
    """
    with bulk():  # linear in passages, also for one huge source
        return _ingest(sources, project, taxonomy, options, dry_run, force)


def _ingest(sources: list[Path], project: Project, taxonomy: Taxonomy | None,
            options: ReadOptions | None, dry_run: bool, force: bool) -> IngestRun:
    taxonomy = taxonomy or load_taxonomy(project.taxonomy)
    _refuse_broken_library(project, taxonomy)
    current = library.shared_library(project.snippets) if project.snippets.is_dir() else None  # read only
    taken = {p.id for _, p in current.passages()} if current else set()
    ids = _Ids.of(current, project)
    run = IngestRun()
    writes: dict[Path, str] = {}
    owners: dict[str, Path] = {}
    for source in sources:
        try:
            analysis = analyse_source_full(source, taxonomy, project.root, options, force)
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
    ours = library.load_file(path, project.root).document if _present(path) else None
    base = library.load_file(base_path, project.root).document if _present(base_path) else None
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

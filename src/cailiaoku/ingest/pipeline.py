"""Ingest a source file into the library: read → analyse → merge → atomic write."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .. import library
from ..errors import LintFailed, SourceError
from ..lint import errors_only, lint_library
from ..model import Document
from ..project import Project
from ..taxonomy import Taxonomy, load_taxonomy
from ..yamlio import atomic_write_many
from .analyse import analyse
from .identity import claim_id
from .merge import MergeReport, merge
from .metadata import read_sidecar
from .reading import DOCUMENT_SUFFIXES, ReadOptions, read_source

_ASCII_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class IngestResult:
    document: Document
    path: Path
    report: MergeReport
    created: bool


def source_files(folder: Path) -> list[Path]:
    suffixes = DOCUMENT_SUFFIXES
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in suffixes and p.name.lower() != "readme.md"
    )


def document_id(source: Path, declared: str) -> str:
    if declared:
        return declared
    slug = _ASCII_SLUG.sub("-", source.stem.lower()).strip("-")
    digest = hashlib.sha1(source.name.encode()).hexdigest()[:6]
    return f"{slug}-{digest}" if len(slug) >= 3 else f"doc-{digest}"


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def analyse_source(source: Path, taxonomy: Taxonomy, root: Path,
                   options: ReadOptions | None = None) -> Document:
    meta = read_sidecar(source)
    doc = analyse(read_source(source, options), meta, taxonomy, _relative(source, root))
    doc.id = document_id(source, meta.id)
    if not doc.passages:
        raise SourceError("没有解析出任何段落", path=source, hint="确认文件是范文正文。")
    return doc


def _refuse_broken_library(project: Project, taxonomy: Taxonomy) -> None:
    """Merging into a library with errors could lose an editor's work: fix it first."""
    if not project.snippets.is_dir():
        return
    errors = errors_only(lint_library(project.snippets, taxonomy, project.root))
    if errors:
        raise LintFailed(errors)


def ingest(
    sources: list[Path], project: Project, taxonomy: Taxonomy | None = None,
    options: ReadOptions | None = None,
) -> list[IngestResult]:
    """Ingest every source, then write all library files at once (or none on error)."""
    taxonomy = taxonomy or load_taxonomy(project.taxonomy)
    _refuse_broken_library(project, taxonomy)
    current = library.load_library(project.snippets) if project.snippets.is_dir() else None
    taken = {p.id for _, p in current.passages()} if current else set()
    results: list[IngestResult] = []
    writes: dict[Path, str] = {}
    owners: dict[str, Path] = {}
    for source in sources:
        fresh = analyse_source(source, taxonomy, project.root, options)
        path = library.document_path(project.snippets, fresh.id)
        base_path = library.document_path(project.base_dir, fresh.id)
        ours = library.load_file(path).document if path.is_file() else None
        base = library.load_file(base_path).document if base_path.is_file() else None
        claim_id(owners, source, fresh.id, ours or base, project.root)
        taken |= {p.id for p in base.passages} if base else set()  # deleted ids stay retired
        merged, new_base, report = merge(fresh, base, ours, taken)
        writes[path] = library.dump_over(merged, path)  # keeps the editor's comments
        writes[base_path] = library.dump_document(new_base)
        results.append(IngestResult(merged, path, report, created=ours is None))
    atomic_write_many(writes)
    return results

"""`cailiaoku ingest DIR…`: an office's whole archive in one run.

walk folders → convert and analyse in parallel → drop duplicates (by text) → merge and check
each document → copy originals into sources/ and write the library in one atomic step.
A file that cannot go in is reported with its reason; nothing of it is written.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import library, yamlio
from ..errors import CailiaokuError
from ..model import Document
from ..project import Project
from ..taxonomy import Taxonomy, load_taxonomy
from .archive_report import DUPLICATE, IGNORED, NEW, SKIPPED, UPDATED, Row
from .batch import Analysed, Task, analyse_all, convert_first, default_jobs, reason
from .duplicates import THRESHOLD, DuplicateIndex, fingerprint
from .folders import FOLDER_META, Found, walk
from .metadata import sidecar_path
from .pipeline import Skipped, _Ids, _one, _refuse_broken_library
from .reading import ReadOptions
from .report import FIELD_NAMES

SUPERSEDED = ".旧版本"
NEW_VERSION_HEADER = "# 由 cailiaoku ingest 写入：本文件是已入库文档的新版本（旧版本在 sources/.旧版本/）。\n"
# Which copy of a duplicated document to keep: the one whose format carries most structure.
_RANK = {".docx": 0, ".doc": 1, ".wps": 1, ".odt": 1, ".rtf": 1, ".txt": 2, ".md": 2,
         ".html": 3, ".htm": 3, ".mhtml": 3, ".mht": 3, ".pdf": 4}


@dataclass(frozen=True)
class ArchiveOptions:
    read: ReadOptions = ReadOptions()
    jobs: int = field(default_factory=default_jobs)
    threshold: float = THRESHOLD


@dataclass
class ArchiveResult:
    rows: list[Row]
    convert_seconds: float = 0.0  # the batched LibreOffice conversions (for benchmarks)

    @property
    def skipped(self) -> list[Row]:
        return [r for r in self.rows if r.failed]


@dataclass
class _Keep:
    index: int
    analysed: Analysed
    note: str = ""
    sidecar_id: str = ""  # a changed version takes over an ingested document's id
    old_source: str = ""  # … and its old file moves to sources/.旧版本/


def _format(path: Path) -> str:
    return path.suffix.lower().lstrip(".") or "无扩展名"


def destination(found: Found, project: Project) -> Path:
    """Where the original is kept: where it is if already under sources/, else
    sources/<folder named on the command line>/<path inside it>."""
    sources = project.sources.resolve()
    path = found.path.resolve()
    if path.is_relative_to(sources):
        return path
    if found.root.is_dir():
        return sources / found.root.resolve().name / found.relative
    return sources / found.path.name


def _ingested_documents(project: Project) -> dict[str, Document]:
    """The documents already ingested: their last ingest (machine record), else the library."""
    docs: dict[str, Document] = {}
    for folder in (project.snippets, project.base_dir):  # base wins: it is the text as read
        if folder.is_dir():
            docs.update({d.id: d for d in library.load_library(folder).documents})
    return docs


def ingest_archive(roots: list[Path], project: Project, options: ArchiveOptions | None = None,
                   progress: Callable[[Task], None] | None = None) -> ArchiveResult:
    options = options or ArchiveOptions()
    taxonomy = load_taxonomy(project.taxonomy)
    _refuse_broken_library(project, taxonomy)
    found = walk(roots)
    rows: dict[int, Row] = {i: Row(str(f.path), _format(f.path), IGNORED, f.skip)
                            for i, f in enumerate(found) if f.skip}
    dests: dict[int, Path] = {}
    for i, f in enumerate(found):
        if i not in rows:
            dest = destination(f, project)
            if dest in dests.values():
                rows[i] = Row(str(f.path), _format(f.path), SKIPPED, f"与本次另一个文件同名，都要存为 {dest}",)
            dests[i] = dest
    todo = [i for i in dests if i not in rows]
    began = time.perf_counter()
    failed = convert_first([found[i].path for i in todo], options.read, options.jobs)
    converted = time.perf_counter() - began
    tasks = []
    for i in todo:
        if found[i].path in failed:
            rows[i] = Row(str(found[i].path), _format(found[i].path), SKIPPED, failed[found[i].path])
        else:
            key = dests[i].relative_to(project.sources.resolve()).as_posix()
            tasks.append(Task(i, found[i].path, f"sources/{key}", key, found[i].defaults))
    analysed = analyse_all(tasks, project.taxonomy, options.read, options.jobs, progress)
    for i, a in analysed.items():
        if a.error:
            rows[i] = Row(str(found[i].path), _format(found[i].path), SKIPPED, a.error)
    keep = _dedupe(found, analysed, rows, project, options.threshold)
    writes, originals, removals = _plan(keep, found, dests, rows, project, taxonomy)
    _write(writes, originals, removals)
    for i, a in analysed.items():
        rows[i].seconds = round(a.seconds, 3)
    return ArchiveResult([rows[i] for i in range(len(found))], converted)


def _dedupe(found: list[Found], analysed: dict[int, Analysed], rows: dict[int, Row],
            project: Project, threshold: float) -> list[_Keep]:
    """Best copy first; a later copy of a kept file, or of an ingested one, is a duplicate.
    A changed version of an ingested document (similar, not identical) re-ingests into it."""
    ok = sorted((i for i, a in analysed.items() if not a.error),
                key=lambda i: (_RANK.get(found[i].path.suffix.lower(), 9), str(found[i].path)))
    batch, known = DuplicateIndex(threshold), DuplicateIndex(threshold)
    docs = _ingested_documents(project)
    for doc in docs.values():
        known.add(doc.id, fingerprint(doc))
    keep: list[_Keep] = []
    for i in ok:
        a = analysed[i]
        doc = a.analysis.document  # type: ignore[union-attr]
        assert a.fingerprint is not None
        if hit := batch.best(a.fingerprint):
            rows[i] = _duplicate(found[i], a, str(found[int(hit[0])].path), hit[1])
            continue
        match = None if doc.id in docs else known.best(a.fingerprint)
        if match and match[1] == 1.0:
            rows[i] = _duplicate(found[i], a, f"已入库的 {match[0]}（{docs[match[0]].source}）", 1.0)
            continue
        item = _Keep(i, a)
        if match and not a.analysis.meta.id:  # type: ignore[union-attr]
            old = docs[match[0]].source
            item.note = (f"与已入库的 {match[0]} 相似度 {match[1]:.0%}，作为它的新版本重新导入"
                         f"（旧版本 {old} 移到 {SUPERSEDED}/ 下保存）")
            item.sidecar_id, item.old_source = match[0], old
            doc.id = match[0]
        batch.add(str(i), a.fingerprint)
        keep.append(item)
    return keep


def _duplicate(f: Found, a: Analysed, of: str, score: float) -> Row:
    doc = a.analysis.document  # type: ignore[union-attr]
    return Row(str(f.path), _format(f.path), DUPLICATE, "", doc.id, doc.title, doc.kind, doc.year,
               doc.org, len(doc.passages), duplicate_of=of, similarity=round(score, 3))


def _plan(keep: list[_Keep], found: list[Found], dests: dict[int, Path], rows: dict[int, Row],
          project: Project, taxonomy: Taxonomy) -> tuple[dict[Path, str], dict[Path, bytes], list[Path]]:
    """Each kept document repaired, merged and checked with lint's rules (pipeline's own step);
    one that fails is skipped and nothing of it is written."""
    current = library.load_library(project.snippets) if project.snippets.is_dir() else None
    taken = {p.id for _, p in current.passages()} if current else set()
    ids = _Ids.of(current, project)
    writes: dict[Path, str] = {}
    owners: dict[str, Path] = {}
    originals: dict[Path, bytes] = {}
    removals: list[Path] = []
    for item in sorted(keep, key=lambda k: k.index):
        f, a, dest = found[item.index], item.analysed, dests[item.index]
        if item.sidecar_id:  # the new version takes the document over from its old file
            owners[item.sidecar_id] = dest
        try:
            result = _one(a.analysis, dest, project, taxonomy, taken, ids, writes, owners)  # type: ignore[arg-type]
        except CailiaokuError as exc:
            rows[item.index] = Row(str(f.path), _format(f.path), SKIPPED, reason(exc, dest))
            continue
        if isinstance(result, Skipped):
            rows[item.index] = Row(str(f.path), _format(f.path), SKIPPED, result.reason)
            continue
        copies, gone = _supersede(project, item.old_source, dest, item.sidecar_id)
        if sidecar_path(f.path).is_file():  # the file's own sidecar wins over the old one's
            copies.pop(sidecar_path(dest), None)
        originals.update(_originals(f, dest, item.sidecar_id))
        originals.update(copies)
        removals.extend(gone)
        notes = "；".join([item.note, *(f"{'提醒' if n.warning else '已修复'}：{n}" for n in result.notes)])
        rows[item.index] = _ingested(f, a, result.document, NEW if result.created else UPDATED,
                                     notes.strip("；"))
    return writes, originals, removals


def _supersede(project: Project, old_source: str, dest: Path, doc_id: str
               ) -> tuple[dict[Path, bytes], list[Path]]:
    """A changed version replaces the old file: the old one (and its sidecar) is kept byte for
    byte under sources/.旧版本/ (hidden: not ingested again); its sidecar's metadata, with the
    document id, goes to the new file's sidecar."""
    sources = project.sources.resolve()
    old = (project.root / old_source).resolve() if old_source else None
    if old is None or old == dest or not old.is_file() or not old.is_relative_to(sources):
        return {}, []
    kept = sources / SUPERSEDED / old.relative_to(sources)
    copies, gone = {kept: old.read_bytes()}, [old]
    side = sidecar_path(old)
    meta: dict = {}
    if side.is_file():
        copies[sidecar_path(kept)] = side.read_bytes()
        gone.append(side)
        loaded, _ = yamlio.load_with_positions(side.read_text(encoding="utf-8"), str(side))
        meta = dict(loaded) if isinstance(loaded, dict) else {}
    if not sidecar_path(dest).is_file():
        meta["id"] = doc_id
        copies[sidecar_path(dest)] = (NEW_VERSION_HEADER + yamlio.dump(meta)).encode()
    return copies, gone


def _write(writes: dict[Path, str], originals: dict[Path, bytes], removals: list[Path]) -> None:
    """Originals first (each atomically), then the library in one journaled step; if that
    fails, sources/ is put back as it was. Superseded files go only after all that worked."""
    before = {p: p.read_bytes() if p.is_file() else None for p in originals}
    try:
        for path, data in originals.items():
            write_bytes_atomic(path, data)
        yamlio.atomic_write_many(writes)
    except BaseException:
        for path, old in before.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                write_bytes_atomic(path, old)
        raise
    for path in removals:
        path.unlink(missing_ok=True)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    yamlio.as_created(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _originals(f: Found, dest: Path, new_id: str) -> dict[Path, bytes]:
    """The original byte for byte under sources/, with its sidecar and its folders' _meta.yaml."""
    out: dict[Path, bytes] = {}
    src = f.path.resolve()
    if dest != src:
        data = src.read_bytes()
        if not dest.is_file() or dest.read_bytes() != data:
            out[dest] = data
        if sidecar_path(src).is_file():
            out[sidecar_path(dest)] = sidecar_path(src).read_bytes()
        here, there = src.parent, dest.parent
        while True:
            if (here / FOLDER_META).is_file() and not (there / FOLDER_META).is_file():
                out[there / FOLDER_META] = (here / FOLDER_META).read_bytes()
            if not f.root.is_dir() or here == f.root.resolve() or here.parent == here:
                break
            here, there = here.parent, there.parent
    if new_id and not sidecar_path(dest).is_file() and sidecar_path(dest) not in out:
        out[sidecar_path(dest)] = (NEW_VERSION_HEADER + yamlio.dump({"id": new_id})).encode()
    return out


def _ingested(f: Found, a: Analysed, doc: Document, outcome: str, note: str) -> Row:
    how = "；".join(f"{FIELD_NAMES.get(k, k)}：{v}" for k, v in a.how.items() if v)
    return Row(str(f.path), _format(f.path), outcome, note, doc.id, doc.title, doc.kind, doc.year,
               doc.org, len(doc.passages), guessed=how)

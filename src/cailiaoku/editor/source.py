"""`add-source`: copy a new sample document into sources/, write its sidecar, ingest it."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import library, yamlio
from ..errors import CailiaokuError, SourceError
from ..ids import valid_id
from ..ingest import IngestResult, ingest
from ..ingest.analyse import analyse
from ..ingest.metadata import SourceMeta, sidecar_path
from ..ingest.reading import read_source
from ..kinds import get as get_kind
from ..kinds import nearest
from ..model import Document
from ..project import Project
from ..taxonomy import Taxonomy, load_taxonomy

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
SIDECAR_HEADER = "# 旁注：由 cailiaoku add-source 写入。正文中写明的标题、单位、年份、类别优先于这里。\n"


@dataclass
class SourceRequest:
    title: str = ""
    org: str = ""
    year: int | None = None
    kind: str = ""
    id: str = ""
    provenance: str = ""


@dataclass
class AddedSource:
    source: Path
    sidecar: Path
    result: IngestResult


def _doc_id(doc: Document, data: bytes, existing: set[str], taxonomy: Taxonomy) -> str:
    """e.g. 2025-zongjie-3f9a2c: readable year and kind, a content hash for uniqueness."""
    kind = get_kind(taxonomy.kinds, doc.kind)
    slug = kind.slug if kind else "doc"
    stem = f"{doc.year}-{slug}" if doc.year else slug
    digest = hashlib.sha1(data).hexdigest()
    for size in range(6, len(digest)):
        candidate = f"{stem}-{digest[:size]}"
        if candidate not in existing:
            return candidate
    raise SourceError("无法生成文档 id", hint="用 --id 指定一个文档 id。")


def _file_name(doc: Document, original: Path) -> str:
    """`<year>-<org>-<title without org and year><suffix>`, like the bundled sources."""
    rest = doc.title
    if doc.org and rest.startswith(doc.org):
        rest = rest[len(doc.org):]
    if doc.year:
        rest = rest.removeprefix(f"{doc.year}年")
    if not (doc.year and doc.org and rest):
        return original.name
    return _UNSAFE.sub("-", f"{doc.year}-{doc.org}-{rest}") + original.suffix.lower()


def existing_doc_ids(project: Project) -> set[str]:
    ids = {p.stem for p in library.library_files(project.snippets)}
    if project.base_dir.is_dir():
        ids |= {p.stem for p in library.library_files(project.base_dir)}
    return ids


def check_request(req: SourceRequest, taxonomy: Taxonomy) -> None:
    """The editor's options, checked before anything is read or copied."""
    if req.year is not None and not 1949 <= req.year <= 2100:
        raise SourceError(f"--year {req.year} 不是四位数字年份", hint="写成四位数字，例如 --year 2025。")
    if req.kind and get_kind(taxonomy.kinds, req.kind) is None:
        near = nearest(taxonomy.kinds, req.kind)
        guess = f"是不是“{near.name}”？" if near else ""
        raise SourceError(f"没有文种“{req.kind}”", hint=f"{guess}可用的文种：{'、'.join(taxonomy.kind_names)}"
                          "（新文种先加到 taxonomy.yaml 的 kinds:）。")
    if req.id and not valid_id(req.id):
        raise SourceError(f"文档 id 不合法：{req.id!r}", hint="用小写字母、数字和连字符，3–40 个字符，例如 2025-ju-zongjie。")


def _check(doc_id: str, existing: set[str]) -> None:
    if not valid_id(doc_id):
        raise SourceError(f"文档 id 不合法：{doc_id!r}", hint="用小写字母、数字和连字符，3–40 个字符，例如 2025-ju-zongjie。")
    if doc_id in existing:
        raise SourceError(f"文档 id {doc_id} 已经存在", path=f"snippets/{doc_id}.yaml",
                          hint="换一个 --id；若是更新已有范文，请替换 sources/ 中的文件后运行 cailiaoku ingest。")


def _rel(project: Project, path: Path) -> str:
    return path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else str(path)


def _refuse_duplicate(project: Project, file: Path, data: bytes) -> None:
    """The same bytes already in sources/ (under any name): say which document holds them."""
    if not project.sources.is_dir():
        return
    for held in sorted(project.sources.iterdir()):
        if held.suffix in (".yaml", ".yml") or not held.is_file() or held.resolve() == file.resolve():
            continue
        if held.stat().st_size == len(data) and held.read_bytes() == data:
            doc_id = _doc_of(project, held)
            raise SourceError(f"这篇范文已在段落库中：{_rel(project, held)}"
                              + (f"（文档 id {doc_id}，snippets/{doc_id}.yaml）" if doc_id else ""),
                              path=file, hint="不需要再次添加；要更新它请直接修改段落库文件，或替换原文后运行 cailiaoku ingest。")


def _doc_of(project: Project, source: Path) -> str:
    rel = _rel(project, source)
    for path in library.library_files(project.snippets):
        try:
            doc = library.load_file(path).document
        except CailiaokuError:
            continue
        if doc is not None and doc.source == rel:
            return doc.id
    return ""


def _sidecar_text(doc: Document, doc_id: str, provenance: str) -> str:
    data = {"id": doc_id, "title": doc.title, "org": doc.org, "year": doc.year, "kind": doc.kind,
            "provenance": provenance}
    return SIDECAR_HEADER + yamlio.dump({k: v for k, v in data.items() if v not in (None, "")})


def _copy_bytes(src: Path, dest: Path) -> None:
    """Byte-for-byte copy via a temp file and rename."""
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
    os.close(fd)
    yamlio.as_created(tmp)
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_source(project: Project, file: Path, req: SourceRequest,
               taxonomy: Taxonomy | None = None) -> AddedSource:
    """Analyse first (nothing written on a bad file), then copy, write the sidecar and ingest.

    If ingest fails the copied file and sidecar are removed again, so sources/ is as it was.
    """
    taxonomy = taxonomy or load_taxonomy(project.taxonomy)
    check_request(req, taxonomy)
    meta = SourceMeta(id=req.id, title=req.title, kind=req.kind, year=req.year, org=req.org)
    doc = analyse(read_source(file), meta, taxonomy, str(file))
    data = file.read_bytes()
    _refuse_duplicate(project, file, data)
    existing = existing_doc_ids(project)
    doc_id = req.id or _doc_id(doc, data, existing, taxonomy)
    _check(doc_id, existing)
    project.sources.mkdir(parents=True, exist_ok=True)
    dest = project.sources / _file_name(doc, file)
    side = sidecar_path(dest)
    same_file = dest.exists() and dest.resolve() == file.resolve()
    if dest.exists() and not same_file:  # same title, other content (same content was refused above)
        raise SourceError(f"段落库中已有同一标题的范文《{doc.title}》（{_rel(project, dest)}）", path=file,
                          hint=f"若是它的新版本，用新文件替换 {_rel(project, dest)} 后运行 cailiaoku ingest "
                               f"{_rel(project, dest)}（重新导入会保留编辑的修改）；若是另一篇同题范文，在原文标题中注明区别（如单位、日期）后再添加。")
    if side.exists():
        raise SourceError(f"sources/ 中已有旁注文件 {side.name}", path=side, hint="先删除或改名该旁注文件。")
    provenance = req.provenance or f"由编辑用 cailiaoku add-source 加入，原文件名 {file.name}，按原字节保存。"
    created: list[Path] = []
    try:
        if not same_file:
            _copy_bytes(file, dest)
            created.append(dest)
        yamlio.atomic_write(side, _sidecar_text(doc, doc_id, provenance))
        created.append(side)
        run = ingest([dest], project, taxonomy)
        if run.skipped:
            skipped = run.skipped[0]
            raise SourceError(skipped.reason, path=file,
                              hint="按上面的问题修改原文（或用选项补充标题、文种等）后再添加；sources/ 和 snippets/ 都没有改动。")
        [result] = run
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return AddedSource(dest, side, result)

"""The snippets/ library: one YAML file per source document."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import journal, parsecache, yamlio
from .bulk import bulk
from .errors import LibraryError
from .model import FURNITURE, LIST_FURNITURE, Document, Gap, Library, Passage, role_code
from .paths import safe_child
from .schema import WrongType

DOC_KEYS = ("id", "title", "kind", "year", "org", "source", "provenance", *FURNITURE, "gaps",
            "source_revision")
PASSAGE_KEYS = (
    "id", "type", "level", "number", "heading", "text", "parent", "role", "themes", "placeholders",
    "warnings",
    "source_revision",
)


def passage_to_dict(p: Passage) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id, "type": p.type, "level": p.level}
    if p.number:
        out["number"] = p.number
    if p.heading:
        out["heading"] = p.heading
    out["text"] = p.text
    if p.parent:
        out["parent"] = p.parent
    out["role"] = p.role
    out["themes"] = list(p.themes)
    if p.placeholders:
        out["placeholders"] = list(p.placeholders)
    if p.warnings:
        out["warnings"] = list(p.warnings)
    if p.source_revision:
        out["source_revision"] = dict(p.source_revision)
    return out


def document_to_dict(doc: Document) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "kind": doc.kind,
        "year": doc.year,
        "org": doc.org,
        "source": doc.source,
    }
    if doc.provenance:
        meta["provenance"] = doc.provenance
    for key in FURNITURE:
        value = doc.furniture.get(key)
        if value:
            meta[key] = list(value) if key in LIST_FURNITURE else str(value)
    if doc.gaps:
        meta["gaps"] = [{"after": g.after, "chars": g.chars, "note": g.note} for g in doc.gaps]
    if doc.source_revision:
        meta["source_revision"] = dict(doc.source_revision)
    return {"document": meta, "passages": [passage_to_dict(p) for p in doc.passages]}


def dump_document(doc: Document) -> str:
    header = "# 材料库段落文件：可以直接修改段落的 text/heading/themes/role；id 不要改。\n"
    return header + yamlio.dump(document_to_dict(doc))


def dump_over(doc: Document, path: Path) -> str:
    """The new text for `path`: like dump_document, but keeping the comments an editor wrote there."""
    from .yamlkeep import keep_comments

    content = dump_document(doc)
    if not path.is_file():
        return content
    return keep_comments(path.read_text(encoding="utf-8"), content, content.split("\n", 1)[0])


def passage_from_dict(raw: dict[str, Any]) -> Passage:
    def text(key: str) -> str:
        value = raw.get(key)
        return "" if value is None else str(value)

    def strings(key: str) -> list[str]:
        value = raw.get(key) or []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]

    level = raw.get("level", 0)
    return Passage(
        id=text("id"),
        type=text("type") or "para",
        level=level if isinstance(level, int) else 0,
        number=text("number"),
        heading=text("heading"),
        text=text("text"),
        parent=raw.get("parent") or None,
        role=role_code(text("role")) or text("role"),  # editors may write 主要做法
        themes=strings("themes"),
        placeholders=strings("placeholders"),
        warnings=strings("warnings"),
        source_revision=_mapping(raw.get("source_revision")),
    )


def _mapping(value: Any) -> dict[str, Any]:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def document_from_dict(raw: dict[str, Any]) -> Document:
    meta = raw.get("document") or {}
    gaps = [
        Gap(after=g.get("after"), chars=g.get("chars"), note=str(g.get("note") or ""))
        for g in meta.get("gaps") or []
        if isinstance(g, dict)
    ]
    year = meta.get("year")
    return Document(
        id=str(meta.get("id") or ""),
        title=str(meta.get("title") or ""),
        kind=str(meta.get("kind") or ""),
        year=year if isinstance(year, int) else None,
        org=str(meta.get("org") or ""),
        source=str(meta.get("source") or ""),
        provenance=str(meta.get("provenance") or ""),
        gaps=gaps,
        passages=[passage_from_dict(p) for p in raw.get("passages") or [] if isinstance(p, dict)],
        source_revision=_mapping(meta.get("source_revision")),
        furniture=_furniture_from_dict(meta),
    )


def _furniture_from_dict(meta: dict[str, Any]) -> dict[str, str | list[str]]:
    out: dict[str, str | list[str]] = {}
    for key in FURNITURE:
        value = meta.get(key)
        if value in (None, "", []):
            continue
        if key in LIST_FURNITURE:
            out[key] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        else:
            out[key] = str(value)
    return out


@dataclass
class LoadedFile:
    """A library file as parsed; its Document and positions (for lint messages) are made only
    when asked for: lint needs neither for a clean file."""

    path: Path
    raw: Any
    wrong: list[WrongType]  # fields of the wrong type, for lint (E001) and load_library
    text: str = ""
    _positions: dict[yamlio.PathKey, yamlio.Pos] | None = field(default=None, repr=False)

    @functools.cached_property
    def document(self) -> Document | None:
        """Its own Document (not shared: a caller may change it)."""
        raw = self.raw
        return document_from_dict(raw) if isinstance(raw, dict) and isinstance(raw.get("document"), dict) else None

    @property
    def positions(self) -> dict[yamlio.PathKey, yamlio.Pos]:
        """(line, column) of every key and list item: a second, locating parse of this file only."""
        if self._positions is None:
            self._positions = yamlio.load_with_positions(self.text, str(self.path))[1]
        return self._positions

    def position(self, key: yamlio.PathKey) -> yamlio.Pos:
        while key and key not in self.positions:
            key = key[:-1]
        return self.positions.get(key, (1, 1))


def loaded(path: Path, found: parsecache.Parsed) -> LoadedFile:
    """A LoadedFile over cached data."""
    return LoadedFile(path=path, raw=found.raw, wrong=list(found.wrong), text=found.text)


def load_file(path: Path, root: Path | None = None) -> LoadedFile:
    return loaded(path, parsecache.parsed(path, root))


def library_files(snippets_dir: Path) -> list[Path]:
    if not snippets_dir.name.startswith("."):  # a library folder, not snippets/.ingested
        journal.recover(snippets_dir)  # finish or undo a write that a crash interrupted
    return sorted(p for p in snippets_dir.glob("*.yaml") if not p.name.startswith("."))


def load_library(snippets_dir: Path) -> Library:
    """Load every document; raise LibraryError on the first unreadable file."""
    with bulk():  # linear in passages
        return Library(documents=[_document(path, parsecache.parsed(path, snippets_dir.parent))
                                  for path in library_files(snippets_dir)])


def _document(path: Path, found: parsecache.Parsed) -> Document:
    if found.wrong:
        line, col = loaded(path, found).position(found.wrong[0].key)
        raise LibraryError(found.wrong[0].message, path=path, line=line, col=col,
                           hint=found.wrong[0].hint + "；运行 cailiaoku lint 查看全部问题。")
    raw = found.raw
    if not isinstance(raw, dict) or not isinstance(raw.get("document"), dict):
        raise LibraryError(
            "缺少 document: 段或文件结构不对",
            path=path,
            line=1,
            hint="参照其他段落文件，文件应包含 document: 和 passages: 两部分。",
        )
    return document_from_dict(raw)


SHARED_LIBRARIES = 4
_SHARED: dict[str, tuple[list[tuple[Path, parsecache.Parsed]], Library]] = {}


def shared_library(snippets_dir: Path) -> Library:
    """The library as the site's three plugins and the ingest pipeline see it: one object, built
    once while no file changes (its files come from the parse cache lint filled). Shared:
    callers must not change it; load_library gives a library of one's own."""
    with bulk():  # linear in passages
        files = [(path, parsecache.parsed(path, snippets_dir.parent)) for path in library_files(snippets_dir)]
        key = os.path.abspath(snippets_dir)
        hit = _SHARED.get(key)
        if hit is not None and len(hit[0]) == len(files) and all(
                a[0] == b[0] and a[1] is b[1] for a, b in zip(hit[0], files, strict=True)):
            return hit[1]
        found = Library(documents=[_document(path, parsed) for path, parsed in files])
    _SHARED.pop(key, None)
    while len(_SHARED) >= SHARED_LIBRARIES:  # a long test session reads many small libraries
        del _SHARED[next(iter(_SHARED))]
    _SHARED[key] = (files, found)
    return found


def document_path(snippets_dir: Path, doc_id: str) -> Path:
    return safe_child(snippets_dir, doc_id, ".yaml", "文档 id")

"""Helpers for the invented test documents under tests/documents/ (read_*): whole-outline views."""

from __future__ import annotations

from pathlib import Path

from cailiaoku.ingest import analyse_source
from cailiaoku.model import Document
from cailiaoku.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = Path(__file__).resolve().parent / "documents"
TAXONOMY = load_taxonomy(ROOT / "taxonomy.yaml")


def read(path: Path) -> Document:
    return analyse_source(path, TAXONOMY, path.parent)


def outline(doc: Document) -> list[str]:
    """One line per passage: indentation by depth, type, number+heading ｜ text, role."""
    depth: dict[str, int] = {}
    out = []
    for p in doc.passages:
        depth[p.id] = depth[p.parent] + 1 if p.parent else 0
        out.append(f"{'  ' * depth[p.id]}{p.type} {p.number}{p.heading}｜{p.text} [{p.role}]")
    return out


def meta(doc: Document) -> tuple:
    return doc.title, doc.kind, doc.year, doc.org


def found(doc: Document) -> dict[str, str]:
    return {f.field: f.how for f in doc.reading.found}


def dropped(doc: Document) -> list[tuple[int, str]]:
    return sorted((n.line, n.reason) for n in doc.reading.dropped)


def furniture_free(doc: Document) -> dict:
    return dict(doc.furniture)


def read_encoded(name: str, encoding: str, folder: Path) -> Document:
    """A test document re-encoded (UTF-8 or GB18030 bytes) and read from `folder`."""
    path = folder / name
    path.write_bytes((DOCUMENTS / name).read_text(encoding="utf-8").encode(encoding))
    return read(path)

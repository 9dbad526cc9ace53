"""`cailiaoku passages`: the library as records, filtered (pure; the scriptable view)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import CailiaokuError
from ..model import ROLES, Document, Library, Passage
from ..taxonomy import Taxonomy

KEYS = ("id", "doc", "parent", "path", "heading", "text", "role", "themes", "kind", "year", "org",
        "placeholders")


@dataclass
class Filters:
    """Each list: a passage passes when it matches any value (empty = no filter)."""

    themes: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # codes
    docs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)


def check(filters: Filters, library: Library, taxonomy: Taxonomy) -> None:
    """Unknown theme or document id: an error naming the ones there are."""
    for theme in filters.themes:
        if theme not in taxonomy.names:
            raise CailiaokuError(f"未知的主题：{theme}", hint=f"可选：{'、'.join(taxonomy.names)}。")
    doc_ids = [d.id for d in library.documents]
    for doc in filters.docs:
        if doc not in doc_ids:
            raise CailiaokuError(f"找不到文档 {doc}", hint=f"现有文档 id：{'、'.join(doc_ids)}。")


def _keep(doc: Document, p: Passage, f: Filters) -> bool:
    return ((not f.themes or any(t in p.themes for t in f.themes))
            and (not f.roles or p.role in f.roles)
            and (not f.docs or doc.id in f.docs)
            and (not f.kinds or doc.kind in f.kinds)
            and (not f.years or doc.year in f.years)
            and (not f.orgs or doc.org in f.orgs))


def path_of(doc: Document, p: Passage, by_id: dict[str, Passage]) -> list[str]:
    """Headings above the passage, root first (numbering included, as in the source)."""
    trail: list[str] = []
    parent, seen = p.parent, {p.id}
    while parent and parent in by_id and parent not in seen:
        seen.add(parent)
        above = by_id[parent]
        trail.append(f"{above.number}{above.heading}".strip())
        parent = above.parent
    return trail[::-1]


def record(doc: Document, p: Passage, by_id: dict[str, Passage]) -> dict[str, Any]:
    return {
        "id": p.id, "doc": doc.id, "parent": p.parent, "path": path_of(doc, p, by_id),
        "heading": p.heading, "text": p.text, "role": p.role, "role_name": ROLES.get(p.role, p.role),
        "themes": list(p.themes), "kind": doc.kind, "year": doc.year, "org": doc.org,
        "placeholders": list(p.placeholders), "number": p.number, "type": p.type,
    }


def select(library: Library, filters: Filters) -> list[dict[str, Any]]:
    out = []
    for doc in library.documents:
        by_id = doc.by_id()
        out.extend(record(doc, p, by_id) for p in doc.passages if _keep(doc, p, filters))
    return out

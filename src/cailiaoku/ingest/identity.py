"""One document id, one source file: two sources claiming the same id are refused."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..model import Document


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def claim_id(owners: dict[str, Path], source: Path, doc_id: str, existing: Document | None,
             root: Path) -> None:
    """Record `source` as the owner of `doc_id`; refuse when another source file owns it.

    Owners are the sources of this run and the source recorded in the library. A recorded source
    that no longer exists was renamed or moved: the new file takes the document over.
    """
    other = owners.get(doc_id)
    if other is None and existing is not None and existing.source:
        recorded = root / existing.source
        if recorded.is_file():
            other = recorded
    if other is not None and not _same(other, source):
        raise SourceError(
            f"两个原文文件使用同一个文档 id {doc_id}：{other.name} 和 {source.name}",
            path=source,
            hint=f"在其中一个文件的旁注（同名 .yaml）里改用另一个 id；{doc_id} 已属于 {other}。",
        )
    owners[doc_id] = source

"""Document metadata: what the text states, else the source's sidecar YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .. import kinds as kinds_mod
from .. import yamlio
from ..errors import LibraryError, SourceError
from ..ids import valid_id
from ..kinds import BUILTIN, Kind
from ..paths import checked_file
from ..schema import SIDECAR, check_fields

T = TypeVar("T")
_YEAR = re.compile(r"(20\d{2})\s*年")
_ORG = re.compile(r"^(?P<org>.+?)(?:20\d{2}\s*年)")


@dataclass
class SourceMeta:
    id: str = ""
    title: str = ""
    kind: str = ""
    year: int | None = None
    org: str = ""
    provenance: str = ""
    # field → how it was found, in Chinese, for the dry run and for editors to check
    how: dict[str, str] = field(default_factory=dict)


def sidecar_path(source: Path) -> Path:
    return source.with_suffix(".yaml")


def read_sidecar(source: Path, root: Path | None = None) -> SourceMeta:
    path = sidecar_path(source)
    if not (path.is_file() or path.is_symlink()):
        return SourceMeta()
    checked_file(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError("旁注文件不是 UTF-8 编码", path=path, hint="用 UTF-8 重新保存该文件。") from exc
    try:
        raw, positions = yamlio.load_with_positions(text, str(path))
    except LibraryError as exc:
        raise SourceError(exc.message, path=path, line=exc.line, col=exc.col, hint=exc.hint) from exc
    if not isinstance(raw, dict):
        raise SourceError("旁注文件应为键值对（id、title、org、year、kind、provenance）",
                          path=path, line=1, hint="参照 sources/ 中已有的旁注文件。")

    def where(key: str) -> dict:
        line, col = positions.get((key,), (1, 1))
        return {"path": path, "line": line, "col": col}

    for wrong in check_fields(raw, SIDECAR, (), "旁注"):
        raise SourceError(wrong.message, **where(str(wrong.key[0])), hint=wrong.hint)
    doc_id = raw.get("id") or ""
    if doc_id and not valid_id(doc_id):
        raise SourceError(f"旁注中的 id {doc_id!r} 不合法，不能用作文档 id 和文件名", **where("id"),
                          hint="只用小写字母、数字和连字符，3–40 个字符，例如 2024-ju-zongjie。")
    return SourceMeta(
        id=doc_id,
        title=raw.get("title") or "",
        kind=raw.get("kind") or "",
        year=raw.get("year"),
        org=raw.get("org") or "",
        provenance=raw.get("provenance") or "",
    )


def kind_from_title(title: str, kinds: tuple[Kind, ...] = BUILTIN) -> str:
    found = kinds_mod.detect(kinds, title)
    return found.kind.name if found else ""


def resolve_kind(kinds: tuple[Kind, ...], title_in_text: str, declared: str, title: str) -> tuple[str, str]:
    """(kind, how): the text's title names it, else the sidecar, else the sidecar's title;
    an unknown name becomes the nearest known kind; nothing at all: the first kind, as a guess."""
    if found := kinds_mod.detect(kinds, title_in_text):
        return found.kind.name, f"正文标题中的“{found.word}”"
    if declared:
        if kinds_mod.get(kinds, declared):
            return declared, "旁注"
        if near := kinds_mod.nearest(kinds, declared):
            return near.name, f"旁注写的“{declared}”不是已知文种，改为最接近的“{near.name}”"
    if found := kinds_mod.detect(kinds, title):
        return found.kind.name, f"旁注标题中的“{found.word}”"
    unknown = f"旁注写的“{declared}”不是已知文种，" if declared else ""
    return kinds[0].name, f"{unknown}标题中没有文种词，暂按“{kinds[0].name}”（猜测，请核对）"


def year_from_title(title: str) -> int | None:
    m = _YEAR.search(title)
    return int(m.group(1)) if m else None


def org_from_title(title: str) -> str:
    m = _ORG.match(title)
    return m.group("org").strip() if m else ""


def resolve(title_in_text: str, meta: SourceMeta, source: Path,
            kinds: tuple[Kind, ...] = BUILTIN) -> SourceMeta:
    """The text's own title wins; the sidecar fills what the text lacks."""
    title = title_in_text or meta.title
    if not title:
        raise SourceError(
            "无法确定文档标题：正文没有标题行，也没有旁注文件",
            path=source,
            hint=f"新建 {sidecar_path(source).name}，写上 title、org、year、kind。",
        )
    kind, kind_how = resolve_kind(kinds, title_in_text, meta.kind, title)
    year, year_how = _first(("正文标题", year_from_title(title_in_text)), ("旁注", meta.year),
                            ("旁注标题", year_from_title(title)))
    org, org_how = _first(("正文标题", org_from_title(title_in_text)), ("旁注", meta.org),
                          ("旁注标题", org_from_title(title)))
    how = {"title": "正文标题行" if title_in_text else "旁注", "kind": kind_how,
           "year": year_how, "org": org_how}
    return SourceMeta(
        id=meta.id,
        title=title,
        kind=kind,
        year=year,
        org=org,
        provenance=meta.provenance,
        how=how,
    )


def _first(*candidates: tuple[str, T]) -> tuple[T, str]:
    for how, value in candidates:
        if value:
            return value, how
    return candidates[-1][1], "未找到"

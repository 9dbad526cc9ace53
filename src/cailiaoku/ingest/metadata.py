"""Document metadata: what the text states, else the source's sidecar YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import yamlio
from ..errors import SourceError

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


def sidecar_path(source: Path) -> Path:
    return source.with_suffix(".yaml")


def read_sidecar(source: Path) -> SourceMeta:
    path = sidecar_path(source)
    if not path.is_file():
        return SourceMeta()
    raw, positions = yamlio.load_with_positions(path.read_text(encoding="utf-8"), str(path))
    if not isinstance(raw, dict):
        raise SourceError("旁注文件应为键值对（id、title、org、year、kind、provenance）",
                          path=path, line=1, hint="参照 sources/ 中已有的旁注文件。")
    year = raw.get("year")
    if year is not None and not isinstance(year, int):
        raise SourceError(f"year 应为四位数字年份，现在是 {year!r}", path=path,
                          line=positions.get(("year",), (None,))[0], hint="例如 year: 2024。")
    return SourceMeta(
        id=str(raw.get("id") or ""),
        title=str(raw.get("title") or ""),
        kind=str(raw.get("kind") or ""),
        year=year,
        org=str(raw.get("org") or ""),
        provenance=str(raw.get("provenance") or ""),
    )


def kind_from_title(title: str) -> str:
    if "要点" in title:
        return "要点"
    if "总结" in title:
        return "总结"
    if re.search(r"计划|谋划|思路|打算|安排|方案", title):
        return "计划"
    return ""


def year_from_title(title: str) -> int | None:
    m = _YEAR.search(title)
    return int(m.group(1)) if m else None


def org_from_title(title: str) -> str:
    m = _ORG.match(title)
    return m.group("org").strip() if m else ""


def resolve(title_in_text: str, meta: SourceMeta, source: Path) -> SourceMeta:
    """The text's own title wins; the sidecar fills what the text lacks."""
    title = title_in_text or meta.title
    if not title:
        raise SourceError(
            "无法确定文档标题：正文没有标题行，也没有旁注文件",
            path=source,
            hint=f"新建 {sidecar_path(source).name}，写上 title、org、year、kind。",
        )
    return SourceMeta(
        id=meta.id,
        title=title,
        kind=kind_from_title(title_in_text) or meta.kind or kind_from_title(title),
        year=year_from_title(title_in_text) or meta.year or year_from_title(title),
        org=org_from_title(title_in_text) or meta.org or org_from_title(title),
        provenance=meta.provenance,
    )

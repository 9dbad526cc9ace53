"""Title, kind, year and organisation of a document, each with how it was found (pure)."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..kinds import BUILTIN, Kind
from . import orgyear, title
from .cleaning import Cleaned
from .metadata import SourceMeta, resolve_kind, sidecar_path
from .report import Finding


def _title(cleaned: Cleaned, meta: SourceMeta, source: str) -> tuple[str, Finding]:
    if cleaned.title:
        return cleaned.title, Finding("title", cleaned.title, cleaned.title_how, cleaned.title_guessed)
    if meta.title:
        return meta.title, Finding("title", meta.title, "旁注文件", False)
    if named := title.from_file_name(source):
        return named, Finding("title", named, "文件名（正文里没有找到标题行）")
    if first := title.from_first_line(cleaned.lines):
        return first, Finding("title", first, "正文第一句（正文里没有标题行，文件名也不像标题）")
    raise SourceError("无法确定文档标题：正文没有标题行，也没有旁注文件", path=source,
                      hint=f"新建 {sidecar_path(Path(source)).name}，写上 title、org、year、kind。")


def _year(text_title: str, doc_title: str, meta: SourceMeta, cleaned: Cleaned,
          kind: str) -> Finding:
    if year := orgyear.year_in(text_title):
        return Finding("year", str(year), "标题", False)
    if meta.year:
        return Finding("year", str(meta.year), "旁注文件", False)
    if year := orgyear.year_in(doc_title):
        return Finding("year", str(year), "标题（取自文件名或正文第一句）")
    number = str(cleaned.furniture.get("doc_number") or "")
    if number and (year := orgyear.from_doc_number(number)[1]):
        return Finding("year", str(year), f"文号“{number}”")
    date = str(cleaned.furniture.get("date") or "")
    if date and (dated := orgyear.year_from_date(date, kind)):
        return Finding("year", str(dated[0]), "落款" + dated[1])
    return Finding("year", "", "没有找到年份")


def _org(text_title: str, doc_title: str, meta: SourceMeta, cleaned: Cleaned) -> Finding:
    issuer = str(cleaned.furniture.get("issuer") or "")
    if found := orgyear.org_in_title(text_title):
        if len(issuer) > len(found[0]) and issuer.startswith(found[0]):  # 青山县 → 青山县人民政府办公室
            return Finding("org", issuer, f"落款单位（标题里的“{found[0]}”是其所在地）")
        return Finding("org", found[0], found[1], found[1] != "标题中年份之前的单位")
    if meta.org:
        return Finding("org", meta.org, "旁注文件", False)
    if found := orgyear.org_in_title(doc_title):
        return Finding("org", found[0], found[1] + "（标题取自文件名或正文第一句）")
    if issuer:
        return Finding("org", issuer, "落款单位")
    number = str(cleaned.furniture.get("doc_number") or "")
    if number and (org := orgyear.from_doc_number(number)[0]):
        return Finding("org", org, f"文号“{number}”")
    masthead = str(cleaned.furniture.get("masthead") or "")
    if masthead.endswith("文件") and len(masthead) > 3:
        return Finding("org", masthead[:-2], f"发文机关标志“{masthead}”")
    reporter = str(cleaned.furniture.get("reporter") or "")
    if reporter and (org := orgyear.org_of_post(reporter)):
        return Finding("org", org, f"述职人“{reporter}”的职务")
    if org := orgyear.org_of_self_intro([line.text for line in cleaned.lines[:3]]):
        return Finding("org", org, "正文开头写的职务")
    return Finding("org", "", "没有找到单位")


def resolve(cleaned: Cleaned, meta: SourceMeta, source: str,
            kinds: tuple[Kind, ...] = BUILTIN) -> tuple[SourceMeta, list[Finding]]:
    """The text's own title wins; the sidecar fills what the text lacks; then file name, 文号, 落款.
    The kind is decided by metadata.resolve_kind (kinds are data, see cailiaoku.kinds)."""
    doc_title, title_found = _title(cleaned, meta, source)
    text_title = cleaned.title
    kind, kind_how = resolve_kind(kinds, text_title, meta.kind, doc_title)
    kind_found = Finding("kind", kind, kind_how, "正文标题" not in kind_how and kind_how != "旁注")
    year_found = _year(text_title, doc_title, meta, cleaned, kind)
    org_found = _org(text_title, doc_title, meta, cleaned)
    info = SourceMeta(id=meta.id, title=doc_title, kind=kind,
                      year=int(year_found.value) if year_found.value else None,
                      org=org_found.value, provenance=meta.provenance)
    found = [title_found, kind_found, year_found, org_found]
    info.how = {f.field: f.how for f in found}
    return info, found

"""Build a draft on the command line: from passage ids placed into the kind's skeleton, or an outline file.

An outline file is either a draft saved by the compose page (导出草稿) or a short hand-written
form: {kind, title, org, year, sections: [{heading, intro, ids: [...], blocks: [...]}]}, where
a block is a passage id or {id, level, heading, text} (given keys override the library's).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from ..model import Library
from .draft import FORMAT, DraftError, assign_section, block_from_passage, check_draft, new_draft
from .numbering import LEVELS
from .skeleton import derive_skeleton


def library_block(library: Library, passage_id: str, spec: dict[str, Any], where: str) -> dict[str, Any]:
    found = library.find(passage_id)
    if found is None:
        raise DraftError(f"{where}找不到段落 {passage_id}", passage=passage_id,
                         hint="检查 id 是否拼写正确（见网站段落页地址 p/<id>.html）。")
    return block_from_passage(*found, spec)


def guess_kind(library: Library, ids: list[str], known: list[str]) -> str:
    kinds = Counter(f[0].kind for f in (library.find(i) for i in ids) if f and f[0].kind in known)
    return kinds.most_common(1)[0][0] if kinds else known[0]


def skeleton_draft(library: Library, kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    skeleton = derive_skeleton(kind, [d for d in library.documents if d.kind == kind], spec)
    return new_draft(kind, skeleton["sections"], continuous=skeleton["continuous"])


def place_ids(draft: dict[str, Any], library: Library, ids: list[str], spec: dict[str, Any]) -> None:
    """Put each passage into the section that takes its role and themes, in the order given."""
    for pid in ids:
        block = library_block(library, pid, spec, "")
        _, passage = library.find(pid)  # type: ignore[misc]
        index = assign_section(passage.role, passage.themes, draft["sections"])
        draft["sections"][index]["blocks"].append(block)


def prune_empty(draft: dict[str, Any]) -> None:
    draft["sections"] = [s for s in draft["sections"] if s["blocks"]]


def read_outline(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        from ..oserrors import describe

        reason, hint = describe(exc)
        raise DraftError(f"读不了提纲文件：{reason.split('：')[-1]}", path=path, hint=hint + "。") from exc
    try:
        return json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise DraftError("提纲文件不是有效的 JSON", path=path, line=exc.lineno, col=exc.colno,
                         hint="请用“导出草稿”得到的文件，或按 README 的提纲格式书写。") from exc
    except yaml.YAMLError as exc:
        from ..yaml_messages import explain

        found = explain(exc)
        raise DraftError(f"提纲文件{found.message}", path=path, line=found.line, col=found.col,
                         hint=found.hint) from exc


def outline_draft(raw: Any, library: Library, spec: dict[str, Any], path: Path, kind: str | None) -> dict[str, Any]:
    where = f"{path}："
    if isinstance(raw, dict) and raw.get("format") == FORMAT:
        return check_draft(raw, where=f"{path} ", kinds=spec["kinds"])
    if not isinstance(raw, dict) or not isinstance(raw.get("sections"), list):
        raise DraftError(f"{where}提纲需要 sections 列表", hint="每一部分写 heading 和 ids（段落 id 列表）。")
    chosen = raw.get("kind") or kind or spec["kinds"][0]
    if chosen not in spec["kinds"]:
        raise DraftError(f"{where}kind 应为 {'、'.join(spec['kinds'])} 之一，而不是 {chosen}")
    sections = []
    for i, s in enumerate(raw["sections"]):
        if not isinstance(s, dict):
            raise DraftError(f"{where}sections[{i}] 应为对象（含 heading、ids）")
        items = list(s.get("ids") or []) + list(s.get("blocks") or [])
        blocks = [_outline_block(item, library, spec, f"{where}sections[{i}]：") for item in items]
        sections.append({**s, "blocks": blocks})
    year = raw.get("year")
    continuous = raw.get("continuous")
    if continuous is None:  # the kind's own habit: 要点 number 1. straight through
        continuous = skeleton_draft(library, chosen, spec)["continuous"]
    closing = {k: raw.get(k) for k in ("recipient", "signature", "date", "seal", "attachments")}
    for key in ("recipient", "signature", "date"):
        if closing[key] is not None and not isinstance(closing[key], str | int):
            raise DraftError(f"{where}{key} 应为文字")
        closing[key] = str(closing[key]) if closing[key] is not None else None
    if closing["attachments"] is not None and not isinstance(closing["attachments"], list):
        raise DraftError(f"{where}attachments 应为附件名称的列表")
    return new_draft(chosen, sections, title=raw.get("title"), org=raw.get("org"),
                     year=int(year) if year else None, continuous=continuous,
                     name=raw.get("name"), **closing)


def _outline_block(item: Any, library: Library, spec: dict[str, Any], where: str) -> dict[str, Any]:
    if isinstance(item, str):
        return library_block(library, item, spec, where)
    if not isinstance(item, dict):
        raise DraftError(f"{where}段落应为 id 或对象（id、level、heading、text）")
    block = library_block(library, item["id"], spec, where) if item.get("id") else {
        "id": "", "doc": "", "org": "", "year": None, "level": 0, "heading": "", "text": ""}
    for key in ("level", "heading", "text"):
        if key in item:
            block[key] = item[key]
    if block["level"] not in LEVELS:
        raise DraftError(f"{where}level 应为 0（段落）、2（（一））、3（1.）、4（（1））、6（一是）之一")
    if not (block["heading"] or block["text"]):
        raise DraftError(f"{where}自写段落需要 heading 或 text")
    return block


def build_draft(library: Library, spec: dict[str, Any], *, ids: list[str], outline: Path | None,
                kind: str | None, org: str | None, year: int | None, title: str | None) -> dict[str, Any]:
    if outline is not None:
        draft = outline_draft(read_outline(outline), library, spec, outline, kind)
        if kind:
            draft["kind"] = kind
    else:
        if not ids:
            raise DraftError("没有要导出的段落", hint="用 --ids 写出段落 id，或用 --outline 给出提纲文件。")
        draft = skeleton_draft(library, kind or guess_kind(library, ids, spec["kinds"]), spec)
    place_ids(draft, library, ids, spec)
    if outline is None:
        prune_empty(draft)
    for key, value in (("org", org), ("year", year), ("title", title)):
        if value:
            draft[key] = value
    return draft

"""The draft: its JSON shape (shared with the browser's saved drafts), checking it, filling it.

A draft is {"format", "version", "name", "kind", "title", "org", "year", "continuous",
"recipient", "signature", "date", "seal", "attachments",
"sections": [{"heading", "intro", "roles", "themes", "blocks": [block]}]}; a block is
{"id", "doc", "org", "year", "level", "heading", "text", "role", "themes", "figures"} — a copy of a
passage the writer may edit, with its source org/year kept so they can be replaced by the writer's,
and the source's own figures, so only those (not the writer's) are marked 原文数字.
"""

from __future__ import annotations

from typing import Any

from ..errors import CailiaokuError
from ..model import Document, Passage
from .numbering import LEVELS
from .personalize import source_figures

FORMAT = "cailiaoku-draft"
VERSION = 1


class DraftError(CailiaokuError):
    """A draft or outline file does not have the expected shape."""


def passage_level(passage: Passage, spec: dict[str, Any]) -> int:
    """The draft level a library passage starts at (a 一、 section becomes a （一） block)."""
    conf = spec["passage_levels"]
    if passage.type in conf["by_type"]:
        return int(conf["by_type"][passage.type])
    return int(conf["item_by_level"].get(str(passage.level), 2))


def block_from_passage(doc: Document, passage: Passage, spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": passage.id,
        "doc": doc.id,
        "org": doc.org,
        "year": doc.year,
        "level": passage_level(passage, spec),
        "heading": passage.heading,
        "text": passage.text,
        "role": passage.role,
        "themes": list(passage.themes),
        "figures": source_figures(f"{passage.heading}\n{passage.text}", spec),
    }


def assign_section(role: str, themes: list[str], sections: list[dict[str, Any]]) -> int:
    """Which section a new passage goes to: one taking its role, best theme overlap, else first.

    A theme counts more the earlier it stands in the passage's list and in the section's.
    Same rule as assignSection() in render.js.
    """
    candidates = [i for i, s in enumerate(sections) if role in (s.get("roles") or [])]
    if not candidates:
        candidates = [i for i, s in enumerate(sections) if not s.get("intro")] or [0]
    best, best_score = candidates[0], -1
    for i in candidates:
        own = sections[i].get("themes") or []
        score = sum((len(themes) - k) * max(1, 16 - own.index(t)) for k, t in enumerate(themes) if t in own)
        if score > best_score:
            best, best_score = i, score
    return best


def new_draft(kind: str, sections: list[dict[str, Any]], **meta: Any) -> dict[str, Any]:
    draft = {
        "format": FORMAT,
        "version": VERSION,
        "name": meta.get("name") or "",
        "kind": kind,
        "title": meta.get("title") or "",
        "org": meta.get("org") or "",
        "year": meta.get("year"),
        "continuous": bool(meta.get("continuous")),
        "recipient": meta.get("recipient") or "",
        "signature": meta.get("signature") or "",
        "date": meta.get("date") or "",
        "seal": bool(meta.get("seal")),
        "attachments": [str(a) for a in meta.get("attachments") or []],
        "sections": [],
    }
    for s in sections:
        draft["sections"].append({
            "heading": s.get("heading", ""),
            "intro": bool(s.get("intro")),
            "roles": list(s.get("roles") or []),
            "themes": list(s.get("themes") or []),
            "blocks": list(s.get("blocks") or []),
        })
    return draft


def check_draft(raw: object, where: str = "草稿", kinds: list[str] | None = None) -> dict[str, Any]:
    """Validate a full draft (as saved by the browser); errors name the field in Chinese."""
    if kinds is None:
        from .spec import load_layout

        kinds = load_layout()["kinds"]
    if not isinstance(raw, dict):
        raise DraftError(f"{where}不是一个草稿对象", hint="请选择由“导出草稿”保存的 .json 文件。")
    if raw.get("format") != FORMAT:
        raise DraftError(f"{where}缺少 format: {FORMAT}", hint="这不是材料库的草稿文件。")
    _expect(raw.get("kind") in kinds, where, "kind", f"应为 {'、'.join(kinds)} 之一")
    _expect(raw.get("year") is None or _is_int(raw.get("year")), where, "year", "应为年份数字或空")
    for key in ("name", "title", "org", "recipient", "signature", "date"):
        _expect(isinstance(raw.get(key, ""), str), where, key, "应为文字")
    _expect(isinstance(raw.get("seal", False), bool), where, "seal", "应为 true 或 false")
    attachments = raw.get("attachments", [])
    _expect(isinstance(attachments, list) and all(isinstance(a, str) for a in attachments),
            where, "attachments", "应为附件名称的列表")
    sections = raw.get("sections")
    _expect(isinstance(sections, list), where, "sections", "应为列表")
    for i, section in enumerate(sections):
        _check_section(section, where, f"sections[{i}]")
    return raw


def _check_section(section: object, where: str, path: str) -> None:
    _expect(isinstance(section, dict), where, path, "应为对象")
    assert isinstance(section, dict)
    _expect(isinstance(section.get("heading", ""), str), where, f"{path}.heading", "应为文字")
    blocks = section.get("blocks")
    _expect(isinstance(blocks, list), where, f"{path}.blocks", "应为列表")
    for j, block in enumerate(blocks):
        bpath = f"{path}.blocks[{j}]"
        _expect(isinstance(block, dict), where, bpath, "应为对象")
        _expect(block.get("level") in LEVELS and _is_int(block.get("level")), where,
                f"{bpath}.level", "应为 0、2、3、4、6 之一")
        for key in ("heading", "text"):
            _expect(isinstance(block.get(key, ""), str), where, f"{bpath}.{key}", "应为文字")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _expect(ok: bool, where: str, path: str, what: str) -> None:
    if not ok:
        raise DraftError(f"{where}格式不对：{path} {what}", hint="请检查文件，或重新从网页导出草稿。")

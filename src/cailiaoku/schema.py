"""The types every field of a library file, sidecar or taxonomy must have (plain data, checked
before anything reads the values), with the position of each wrong one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .yamlio import PathKey

TEXT, INT, TEXTS, LIST, MAP = "文字", "整数", "文字列表", "列表", "键值对"
TEXT_OR_TEXTS = "文字或文字列表"
_EXAMPLES = {TEXT: "写成一行文字，多行用 `|-` 块写法", INT: "写不带引号的整数，例如 2024",
             TEXTS: "写成 [甲, 乙] 的列表", LIST: "写成以“- ”开头的列表", MAP: "每行写“名称: 值”",
             TEXT_OR_TEXTS: "写成一行文字，或 [甲, 乙] 的列表"}

# Furniture (文号, 落款…) and source_revision have their own lint checks (E001/W020) and are
# read leniently; everything else is typed here.
DOCUMENT = {"id": TEXT, "title": TEXT, "kind": TEXT, "year": INT, "org": TEXT, "source": TEXT,
            "provenance": TEXT, "gaps": LIST}
GAP = {"after": TEXT, "chars": INT, "note": TEXT}
PASSAGE = {"id": TEXT, "type": TEXT, "level": INT, "number": TEXT, "heading": TEXT, "text": TEXT,
           "parent": TEXT, "role": TEXT, "themes": TEXTS, "placeholders": TEXTS}
SIDECAR = {"id": TEXT, "title": TEXT, "kind": TEXT, "year": INT, "org": TEXT, "provenance": TEXT}
THEME = {"name": TEXT, "slug": TEXT, "description": TEXT, "terms": TEXTS}


@dataclass(frozen=True)
class WrongType:
    key: PathKey
    message: str
    hint: str


def _is(value: Any, kind: str) -> bool:
    if kind == TEXT:
        return isinstance(value, str)
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == TEXTS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == LIST:
        return isinstance(value, list)
    if kind == TEXT_OR_TEXTS:
        return isinstance(value, str) or _is(value, TEXTS)
    return isinstance(value, dict)


def _shown(value: Any) -> str:
    names = {str: "文字", int: "整数", float: "小数", bool: "真/假", list: "列表", dict: "键值对"}
    return names.get(type(value), type(value).__name__)


def check_fields(raw: Any, fields: dict[str, str], key: PathKey, what: str) -> Iterator[WrongType]:
    """Every known field of the mapping `raw` (at `key`) holds its type; null means absent."""
    if not isinstance(raw, dict):
        yield WrongType(key, f"{what}应为{MAP}，现在是{_shown(raw)}", _EXAMPLES[MAP])
        return
    for name, kind in fields.items():
        value = raw.get(name)
        if value is None or _is(value, kind):
            continue
        if kind in (TEXTS, TEXT_OR_TEXTS) and isinstance(value, list):
            j = next(i for i, v in enumerate(value) if not isinstance(v, str))
            yield WrongType((*key, name, j), f"{what}的 {name} 第 {j + 1} 项应为文字，现在是{_shown(value[j])}",
                            "每一项写成文字；数字要加引号")
            continue
        yield WrongType((*key, name), f"{what}的 {name} 应为{kind}，现在是{_shown(value)}", _EXAMPLES[kind])


def check_library_file(raw: Any) -> Iterator[WrongType]:
    """Types of a snippets/ file: document:, its gaps:, and every passage."""
    if not isinstance(raw, dict):
        return
    doc = raw.get("document")
    if isinstance(doc, dict):
        yield from check_fields(doc, DOCUMENT, ("document",), "文档")
        if isinstance(doc.get("gaps"), list):
            for j, gap in enumerate(doc["gaps"]):
                yield from check_fields(gap, GAP, ("document", "gaps", j), f"第 {j + 1} 处缺漏")
    passages = raw.get("passages")
    if isinstance(passages, list):
        for i, item in enumerate(passages):
            if isinstance(item, dict):  # a non-mapping item is lint's E001 already
                yield from check_fields(item, PASSAGE, ("passages", i), f"第 {i + 1} 个段落")

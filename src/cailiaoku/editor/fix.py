"""`lint --fix`: mechanical fixes that never change what a passage says.

Only three things change: ASCII punctuation in Chinese text becomes its full-width twin (one
character for one character), trailing spaces go, and keys are written in the library's own order
by its own dumper. A file is left alone when rewriting it could lose anything (unknown fields,
mistyped values, comments, a YAML syntax error); the report says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import library
from ..errors import CailiaokuError
from ..model import Document, role_code
from ..project import Project
from ..punctuation import normalise_punctuation
from ..yamlio import atomic_write_many

FIXED_FIELDS = ("number", "heading", "text")
HEADER = library.dump_document(Document("x", "", "", None, "", "")).split("\n", 1)[0]


@dataclass
class FileFix:
    path: Path
    display: str
    punctuation: int = 0
    trailing: int = 0
    layout: bool = False  # key order / YAML layout rewritten
    roles: int = 0  # Chinese role names written as codes
    passages: list[str] = field(default_factory=list)
    skipped: str = ""

    @property
    def changed(self) -> bool:
        return not self.skipped and bool(self.punctuation or self.trailing or self.layout or self.roles)

    def describe(self) -> str:
        if self.skipped:
            return f"{self.display}：未自动修复——{self.skipped}"
        parts = []
        if self.punctuation:
            parts.append(f"半角标点改全角 {self.punctuation} 处")
        if self.trailing:
            parts.append(f"删除行尾空格 {self.trailing} 处")
        if self.roles:
            parts.append(f"角色中文名改为标准写法 {self.roles} 处")
        if self.layout:
            parts.append("按标准顺序和写法重排字段")
        who = f"（段落 {'、'.join(self.passages)}）" if self.passages else ""
        return f"{self.display}：已修复 {'，'.join(parts)}{who}"


def fix_text(value: str) -> tuple[str, int, int]:
    """(fixed value, punctuation characters changed, lines with trailing spaces removed)."""
    punct = trailing = 0
    lines = []
    for line in value.split("\n"):
        fixed = normalise_punctuation(line)
        punct += sum(a != b for a, b in zip(line, fixed, strict=True))
        if fixed != fixed.rstrip():
            trailing += 1
            fixed = fixed.rstrip()
        lines.append(fixed)
    return "\n".join(lines), punct, trailing


def _norm(value: Any) -> Any:
    """Empty values mean the same as absent ones."""
    if isinstance(value, dict):
        return {k: n for k, v in value.items() if (n := _norm(v)) is not None}
    if isinstance(value, list):
        return [_norm(v) for v in value] or None
    return None if value == "" else value


def lossless(raw: Any) -> bool:
    """True when the library's model holds everything the file says (rewriting loses nothing)."""
    canon = library.document_to_dict(library.document_from_dict(raw))
    if _norm(raw["document"]) != _norm(canon["document"]):
        return False
    raw_passages = [{"type": "para", "level": 0, **p, **_role_of(p)} if isinstance(p, dict) else p
                    for p in raw["passages"]]
    return _norm(raw_passages) == _norm(canon["passages"])


def _role_of(raw: dict) -> dict:
    """A role written by its Chinese name means the same as its code."""
    code = role_code(str(raw["role"])) if isinstance(raw.get("role"), str) else None
    return {"role": code} if code else {}


def comment_lines(text: str) -> list[int]:
    """1-based lines holding a YAML comment (a '#' outside every scalar), except the header."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    inside = bytearray(len(text) + 1)
    stack = [node] if node is not None else []
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            inside[n.start_mark.index:n.end_mark.index] = b"\1" * (n.end_mark.index - n.start_mark.index)
        elif isinstance(n, yaml.MappingNode):
            stack.extend(x for pair in n.value for x in pair)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    found = set()
    for m in re.finditer("#", text):
        i = m.start()
        if not inside[i] and (i == 0 or text[i - 1] in " \t\n"):
            found.add(text.count("\n", 0, i) + 1)
    if text.startswith(HEADER + "\n"):
        found.discard(1)
    return sorted(found)


def _skip_reason(loaded: library.LoadedFile, text: str) -> str:
    raw = loaded.raw
    if loaded.document is None or not isinstance(raw.get("passages"), list):
        return "文件缺少 document: 或 passages: 部分（E001），请先手工修正"
    if not lossless(raw):
        return "含有未知字段或类型不对的字段（E001/E002 等），改写会丢失内容，请先手工修正"
    comments = comment_lines(text)
    if comments:
        return f"第 {'、'.join(map(str, comments))} 行有注释，改写会丢掉注释，请手工修改"
    return ""


def fix_file(path: Path, display: str) -> tuple[FileFix, str | None]:
    """The fix report for one file and its new content (None when unchanged or skipped)."""
    report = FileFix(path, display)
    try:
        loaded = library.load_file(path)
    except CailiaokuError as exc:  # not UTF-8, a bad link, a YAML syntax error, an alias…
        report.skipped = f"无法读取（E000：{exc.message}），请先手工修正"
        return report, None
    text = loaded.text
    report.skipped = _skip_reason(loaded, text)
    if report.skipped:
        return report, None
    doc = loaded.document
    assert doc is not None
    report.layout = library.dump_document(doc) != text
    report.roles = sum(1 for p in loaded.raw["passages"]
                       if isinstance(p, dict) and _role_of(p).get("role", p.get("role")) != p.get("role"))
    for p in doc.passages:
        touched = False
        for name in FIXED_FIELDS:
            fixed, punct, trailing = fix_text(getattr(p, name))
            if punct or trailing:
                setattr(p, name, fixed)
                report.punctuation += punct
                report.trailing += trailing
                touched = True
        if touched:
            report.passages.append(p.id)
    content = library.dump_document(doc)
    return report, (None if content == text else content)


def fix_library(project: Project) -> list[FileFix]:
    """Fix every library file that can be fixed safely; write all at once. Reports every file touched or skipped."""
    reports: list[FileFix] = []
    writes: dict[Path, str] = {}
    for path in library.library_files(project.snippets):
        display = path.resolve().relative_to(project.root.resolve()).as_posix() \
            if path.resolve().is_relative_to(project.root.resolve()) else path.as_posix()
        report, content = fix_file(path, display)
        if content is not None:
            writes[path] = content
        if report.skipped or content is not None:
            reports.append(report)
    atomic_write_many(writes)
    return reports

"""How a document was read: every guess, dropped line, kept furniture and repair (for previews)."""

from __future__ import annotations

from dataclasses import dataclass, field

FIELD_NAMES = {"title": "标题", "kind": "文种", "year": "年份", "org": "单位"}


@dataclass
class Finding:
    """One metadata value and how it was found, e.g. ('year', '2024', '落款日期“2025年1月8日”')."""

    field: str
    value: str
    how: str
    guessed: bool = True  # False when the source states it plainly (sidecar, a clear title line)


@dataclass
class LineNote:
    line: int  # 1-based line number in the source file
    text: str
    reason: str  # why it was dropped, which field it was kept as, or what was repaired


@dataclass
class Reading:
    found: list[Finding] = field(default_factory=list)
    dropped: list[LineNote] = field(default_factory=list)
    kept: list[LineNote] = field(default_factory=list)
    repairs: list[LineNote] = field(default_factory=list)

    def how(self, name: str) -> Finding | None:
        return next((f for f in self.found if f.field == name), None)

    def guesses(self) -> list[Finding]:
        return [f for f in self.found if f.guessed]

    def describe(self) -> list[str]:
        """Chinese lines for the CLI and the dry-run preview."""
        out = [f"{FIELD_NAMES.get(f.field, f.field)}：{f.value or '（无）'}（{f.how}）" for f in self.found]
        out += [f"去掉 第{n.line}行（{n.reason}）：{n.text}" for n in sorted(self.dropped, key=_line)]
        out += [f"保留为文档信息 第{n.line}行（{n.reason}）：{n.text}" for n in sorted(self.kept, key=_line)]
        out += [f"修复 第{n.line}行：{n.reason}" for n in self.repairs]
        return out


def _line(note: LineNote) -> int:
    return note.line

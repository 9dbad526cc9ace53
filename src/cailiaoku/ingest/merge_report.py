"""What a re-ingest merge did, and the Chinese lines that tell the editor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FIELD_NAMES = {
    "type": "类型", "level": "层级", "number": "序号", "heading": "标题", "text": "正文",
    "role": "角色", "themes": "主题", "placeholders": "待填项", "parent": "上级段落",
    "title": "文档标题", "kind": "文种", "year": "年份", "org": "单位", "source": "原文路径",
    "provenance": "来源说明", "merged_into": "并入",
}
SHOWN = 80  # characters of each version printed; the whole value stays in the file


@dataclass
class Conflict:
    """The editor and the new source both changed one field; the editor's value was kept."""

    passage: str | None  # None: a field of the document itself
    field: str
    ours: Any  # None: the editor deleted the passage
    theirs: Any


@dataclass
class MergeReport:
    new: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    kept_deleted: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    editor_added: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    split: dict[str, str] = field(default_factory=dict)  # new id → the id it was split from
    merged: dict[str, str] = field(default_factory=dict)  # old id → the id it went into
    dropped: list[str] = field(default_factory=list)  # merged away, never edited: removed
    conflicts: list[Conflict] = field(default_factory=list)
    no_base: bool = False  # snippets/.ingested/X.yaml was missing
    not_applied: list[str] = field(default_factory=list)  # no base: source differs, editor's kept
    withheld: list[str] = field(default_factory=list)  # no base: source passages not added


def _short(value: Any) -> str:
    if value is None:
        return "（已删除）"
    if isinstance(value, list):
        value = "、".join(map(str, value)) or "（空）"
    text = " ".join(str(value).split()) or "（空）"
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def describe(report: MergeReport, base_file: str) -> list[str]:
    """Lines for the ingest output, after its summary line."""
    lines = []
    if report.no_base:
        lines.append(f"  注意：找不到上次导入的记录 {base_file}，无法区分编辑的修改和原文的修订，"
                     "段落文件与新原文的所有差异都按编辑的修改保留，没有覆盖任何内容。")
        if report.not_applied:
            lines.append(f"    新原文与段落文件不同、未采用的段落：{'、'.join(report.not_applied)}")
        if report.withheld:
            lines.append(f"    新原文中有、段落文件中没有（按编辑已删除处理）的段落：{'、'.join(report.withheld)}")
        if report.not_applied or report.withheld:
            lines.append(f"    新原文的版本已记入 {base_file}，如需采用请对照它手工修改。")
    for old, new in report.merged.items():
        how = "已移除（编辑没有改过它）" if old in report.dropped else "编辑改过它，已原样保留，请人工核对"
        lines.append(f"  段落 {old} 在新原文中并入了段落 {new}：{how}。")
    for new, old in report.split.items():
        lines.append(f"  段落 {new} 是新原文从段落 {old} 拆分出来的，作为新段落加入。")
    for pid in report.unmatched:
        lines.append(f"  注意：段落 {pid} 在新导入的原文中找不到对应内容，已原样保留，请人工核对。")
    for c in report.conflicts:
        who = f"段落 {c.passage}" if c.passage else "文档信息"
        name = FIELD_NAMES.get(c.field, c.field)
        if c.ours is None:
            lines.append(f"  冲突：{who} 已被编辑删除，但新原文修改了它（保持删除）。新原文的{name}：{_short(c.theirs)}")
            continue
        lines.append(f"  冲突：{who} 的{name}，编辑和新原文都改了。编辑的版本（已保留）：{_short(c.ours)}；"
                     f"新原文的版本（已记入 source_revision）：{_short(c.theirs)}")
    if report.conflicts:
        lines.append("  请核对 source_revision 中原文的新版本：采用就把它抄进对应字段，"
                     "不采用就直接删除 source_revision（cailiaoku lint 会一直提醒，直到处理完）。")
    return lines


def summary(report: MergeReport) -> str:
    parts = [f"新增 {len(report.new)}", f"保留编辑 {len(report.kept_edits)}",
             f"保持删除 {len(report.kept_deleted)}", f"编辑新增 {len(report.editor_added)}"]
    if report.moved:
        parts.append(f"跟随移动 {len(report.moved)}")
    if report.conflicts:
        parts.append(f"冲突 {len(report.conflicts)}")
    return "  " + "，".join(parts)

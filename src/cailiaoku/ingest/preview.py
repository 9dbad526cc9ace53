"""`ingest --dry-run`: what an ingest would write, as Chinese lines (pure; nothing is written)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import ROLES, Document, Passage
from .pipeline import IngestResult, IngestRun

FIELDS = (("title", "标题"), ("kind", "文种"), ("year", "年份"), ("org", "单位"))
SHOWN = 40


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _short(text: str, limit: int = SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def preview(run: IngestRun, root: Path) -> Iterator[str]:
    yield f"试运行（不写任何文件）：{len(run.results)} 篇可以导入，{len(run.skipped)} 篇将被跳过。"
    for result in run:
        yield ""
        yield from _document(result, root)
    for skipped in run.skipped:
        yield ""
        yield f"== {_rel(skipped.source, root)}：将被跳过"
        yield f"  原因：{skipped.reason}"
        for problem in skipped.problems:
            yield f"  {problem.brief()}"


def _document(result: IngestResult, root: Path) -> Iterator[str]:
    doc = result.document
    source = _rel(root / doc.source, root) if doc.source else "?"
    yield f"== {source} → {_rel(result.path, root)}（{'新建' if result.created else '更新'}）"
    yield from _metadata(result)
    yield from _cleaning(result)
    yield f"提纲（{len(doc.passages)} 个段落；编号 小标题或正文开头 [角色] 主题 占位符）："
    yield from _outline(doc)
    for gap in doc.gaps:
        yield f"缺漏：{gap.note}"
    repairs = [n for n in result.notes if not n.warning]
    warnings = [n for n in result.notes if n.warning]
    yield f"为通过检查而自动修复（{len(repairs)} 处）：" + ("" if repairs else "无")
    yield from (f"  {n}" for n in repairs)
    if warnings:
        yield f"提醒（{len(warnings)} 处，写入后 lint 报为提醒，不算错误）："
        yield from (f"  {n}" for n in warnings)
    if not result.created:
        r = result.report
        yield (f"与现有段落库合并：新增 {len(r.new)}，保留编辑 {len(r.kept_edits)}，保持删除 {len(r.kept_deleted)}，"
               f"编辑新增 {len(r.editor_added)}，找不到对应 {len(r.unmatched)}")


def _metadata(result: IngestResult) -> Iterator[str]:
    doc = result.document
    reading = doc.reading
    values = {"title": f"《{doc.title}》", "kind": doc.kind, "year": str(doc.year or "（无）"), "org": doc.org or "（无）"}
    for key, label in FIELDS:
        found = reading.how(key) if reading else None
        how = found.how if found else (result.analysis.meta.how.get(key, "旁注") if result.analysis else "旁注")
        check = "，猜测，请核对" if found and found.guessed and found.value and "猜测" not in how else ""
        yield f"{label}：{values[key]}（{how}{check}）"


def _cleaning(result: IngestResult) -> Iterator[str]:
    reading = result.document.reading
    if reading is None:
        return
    dropped = sorted(reading.dropped, key=lambda n: n.line)
    yield f"作为杂质或标题行去掉（{len(dropped)} 行）：" + ("" if dropped else "无")
    for note in dropped:
        yield f"  第 {note.line} 行（{note.reason}）：{_short(note.text)}"
    kept = sorted(reading.kept, key=lambda n: n.line)
    yield f"作为文档信息保留、不作段落（{len(kept)} 行）：" + ("" if kept else "无")
    for note in kept:
        yield f"  第 {note.line} 行（{note.reason}）：{_short(note.text)}"
    if reading.repairs:
        yield f"文字修复（{len(reading.repairs)} 处）："
        for note in reading.repairs:
            yield f"  第 {note.line} 行：{note.reason}"


def _outline(doc: Document) -> Iterator[str]:
    depth: dict[str, int] = {}
    for p in doc.passages:
        depth[p.id] = depth.get(p.parent, -1) + 1 if p.parent else 0
        yield "  " + "  " * depth[p.id] + _passage_line(p)


def _passage_line(p: Passage) -> str:
    words = f"{p.heading}" if p.heading else _short(p.text, 24)
    kind = "" if p.number or p.heading else "（段落）"
    bits = [f"{p.number}{kind}{words}", f"[{ROLES.get(p.role, p.role)}]"]
    bits.append("主题：" + ("、".join(p.themes) or "无"))
    if p.placeholders:
        bits.append("占位符：" + " ".join(p.placeholders))
    if p.warnings:
        bits.append("提醒：" + "、".join(p.warnings))
    return " ".join(bits)

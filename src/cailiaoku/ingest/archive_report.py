"""The archive import's report: one row per file, Chinese totals, and a .csv/.json copy."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ..errors import CailiaokuError
from ..yamlio import atomic_write

NEW, UPDATED, DUPLICATE, SKIPPED, IGNORED = "新建", "更新", "重复", "跳过", "忽略"
COLUMNS = {
    "file": "文件", "format": "格式", "outcome": "结果", "reason": "原因或说明",
    "document": "文档id", "title": "标题", "kind": "文种", "year": "年份", "org": "单位",
    "passages": "段落数", "guessed": "推测的信息", "duplicate_of": "重复于", "similarity": "相似度",
    "seconds": "用时（秒）",
}


@dataclass
class Row:
    file: str
    format: str
    outcome: str
    reason: str = ""
    document: str = ""
    title: str = ""
    kind: str = ""
    year: int | None = None
    org: str = ""
    passages: int = 0
    guessed: str = ""
    duplicate_of: str = ""
    similarity: float | None = None
    seconds: float | None = None

    @property
    def failed(self) -> bool:
        return self.outcome == SKIPPED


def _line(row: Row) -> str:
    if row.outcome in (NEW, UPDATED):
        meta = "，".join(x for x in (row.kind, f"{row.year}年" if row.year else "", row.org) if x)
        text = f"{row.outcome} {row.document}：{row.title}（{meta}），{row.passages} 个段落"
        if row.reason:
            text += f"；{row.reason}"
        checks = [g for g in row.guessed.split("；") if "猜测" in g or "_meta.yaml" in g]
        if checks:  # the terminal shows what to check; the .csv/.json has every finding
            text += "；请核对：" + "；".join(checks)
        return f"  {row.file} → {text}"
    if row.outcome == DUPLICATE:
        return f"  {row.file} → 重复，未导入：与 {row.duplicate_of} 相同（相似度 {row.similarity:.0%}）"
    return f"  {row.file} → {row.outcome}：{row.reason}"


def summary(rows: list[Row]) -> list[str]:
    """Per file its outcome, then totals by outcome, by 文种 and by year (ingested only)."""
    lines = ["导入报告："]
    lines.extend(_line(r) for r in rows)
    outcomes = Counter(r.outcome for r in rows)
    lines.append("合计：" + "，".join(f"{k} {outcomes[k]}" for k in (NEW, UPDATED, DUPLICATE, SKIPPED, IGNORED)
                                    if outcomes[k]) + f"（共 {len(rows)} 个文件）")
    done = [r for r in rows if r.outcome in (NEW, UPDATED)]
    kinds = Counter(r.kind or "未知" for r in done)
    years = Counter(str(r.year) if r.year else "未知" for r in done)
    formats = Counter(r.format for r in done)
    if done:
        lines.append("按文种：" + "，".join(f"{k} {n}" for k, n in sorted(kinds.items())))
        lines.append("按年份：" + "，".join(f"{k} {n}" for k, n in sorted(years.items())))
        lines.append("按格式：" + "，".join(f"{k} {n}" for k, n in sorted(formats.items())))
    return lines


def _csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS.values())
    for row in rows:
        writer.writerow(["" if v is None else v for v in asdict(row).values()])
    return "\ufeff" + out.getvalue()  # BOM: Excel opens UTF-8 CSV with Chinese correctly


def _json(rows: list[Row]) -> str:
    keys = [f.name for f in fields(Row)]
    data = [{COLUMNS[k]: getattr(r, k) for k in keys} for r in rows]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def check_report_path(path: Path) -> None:
    if path.suffix.lower() not in (".csv", ".json"):
        raise CailiaokuError(f"报告文件应以 .csv 或 .json 结尾：{path}", hint="例如 --report 导入报告.csv。")


def write_report(rows: list[Row], path: Path) -> None:
    check_report_path(path)
    atomic_write(path, _csv(rows) if path.suffix.lower() == ".csv" else _json(rows))

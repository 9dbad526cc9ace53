"""草稿检查 of the printed numbers: 同级连续 (no gap, no repeat) and 不跳级 (no （1） without a 1.,
no 1. before the first （一） of a part that has （一）), plus a number typed twice (（一）（二）…)."""

from __future__ import annotations

import re
from typing import Any

CN = "一二三四五六七八九十"
LABELS = [
    (1, re.compile(f"^([{CN}]+)、")),
    (2, re.compile(f"^（([{CN}]+)）")),
    (4, re.compile("^（([0-9]+)）")),
    (3, re.compile("^([0-9]+)[.．](?![0-9])")),
    (6, re.compile(f"^([{CN}]+)是")),
]
FORMATS = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）", 6: "{}是"}


def cn_value(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return CN.index(text) + 1 if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    return (CN.index(tens) + 1 if tens else 1) * 10 + (CN.index(ones) + 1 if ones else 0)


def cn_label(level: int, n: int) -> str:
    from ..ingest.docx_numbering import chinese_number

    return FORMATS[level].format(chinese_number(n) if level in (1, 2, 6) else n)


def parse_label(text: str) -> tuple[int, int, str] | None:
    for level, pattern in LABELS:
        m = pattern.match(text)
        if m:
            return level, cn_value(m.group(1)), text[m.end():]
    return None


def numbering_findings(paragraphs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from .check import finding

    body = [p for p in paragraphs if p["section"] >= 0 and p["style"] != "flush"]  # not 附件 1. 2.
    labels = [(p, parse_label("".join(r["text"] for r in p["runs"]))) for p in body]
    has_l2 = _parts_with_level2(labels)
    out: list[dict[str, Any]] = []
    last = {1: 0, 2: 0, 3: 0, 4: 0, 6: 0}
    running3, fresh3, part, seen_l2 = 0, False, 0, False
    for p, parsed in labels:
        if parsed is None or parsed[0] != 6:
            last[6] = 0
        if parsed is None:
            continue
        level, n, rest = parsed
        label = cn_label(level, n) if n else rest[:3]
        again = parse_label(rest)
        if again and again[0] in (level, level + 1):
            out.append(finding("numbering", p, label + cn_label(again[0], again[1]),
                               "编号写了两遍：编号自动生成，请删去标题里自己写的编号。"))
        expected = [last[level] + 1]
        if level == 3 and fresh3:
            expected += [1, running3 + 1]  # under a new heading 1. restarts, or runs on (要点)
        if n not in expected:
            what = "编号重复" if n == last[level] else "编号不连续"
            out.append(finding("numbering", p, label, f"{what}：这里应为“{cn_label(level, expected[0])}”。"))
        if level == 4 and last[3] == 0:
            out.append(finding("numbering", p, label, "跳级：（1）应在 1. 之下（一、（一）1.（1）逐级使用）。"))
        if level == 3 and has_l2.get(part) and not seen_l2:
            out.append(finding("numbering", p, label, "跳级：这一部分用了（一），1. 应在（一）之下。"))
        last[level] = n
        if level in (1, 2):
            fresh3 = True
            last.update({3: 0, 4: 0} if level == 2 else {2: 0, 3: 0, 4: 0})
            part, seen_l2 = (part + 1, False) if level == 1 else (part, True)
        elif level == 3:
            running3, fresh3, last[4] = n, False, 0
    return out


def _parts_with_level2(labels: list[tuple[dict[str, Any], tuple[int, int, str] | None]]) -> dict[int, bool]:
    out, part = {}, 0
    for _, parsed in labels:
        if parsed and parsed[0] == 1:
            part += 1
        if parsed and parsed[0] == 2:
            out[part] = True
    return out

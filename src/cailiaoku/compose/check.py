"""草稿检查: what a clerk checks before sending, over the finished paragraphs of a draft or a .docx.

Each finding is {"rule", "label", "section", "block", "part", "para", "text", "message"}; the
compose page runs the same rules (checks.js) on the same cases (compose_cases.json "check").
Findings warn; nothing here blocks an export.
"""

from __future__ import annotations

import re
from typing import Any

from .numbering_check import numbering_findings
from .render import UNFILLED, paragraph_text, render
from .wording import load_wording

Finding = dict[str, Any]
LABELS = {
    "numbering": "编号", "placeholder": "待填写", "foreign": "待替换", "figure": "原文数字",
    "year": "年份", "relative": "时间词", "empty": "空白部分", "repeat": "重复段落",
    "wording": "规范用语", "date": "成文日期",
}
DATE_FORMAT = re.compile(r"^[0-9]{4}年[1-9][0-9]?月[1-9][0-9]?日$")


def finding(rule: str, p: dict[str, Any], text: str, message: str) -> Finding:
    return {"rule": rule, "label": LABELS[rule], "section": p.get("section", -1), "block": p.get("block", -1),
            "part": p.get("part", ""), "para": p.get("para", -1), "text": text, "message": message}


def mark_findings(paragraphs: list[dict[str, Any]], spec: dict[str, Any]) -> list[Finding]:
    out = []
    for p in paragraphs:
        for run in p["runs"]:
            if run["mark"] in UNFILLED and run["mark"] != "figure":
                out.append(finding(run["mark"], p, run["text"].replace("\n", ""),
                                   spec["marks"][run["mark"]]["comment"]))
    return out


def section_roles(draft: dict[str, Any], spec: dict[str, Any]) -> list[str]:
    """Each part's role: the skeleton's, else guessed from its heading (问题/不足 → problem, 计划 → plan)."""
    conf = spec["checks"]
    roles = []
    for s in draft.get("sections", []):
        heading = s.get("heading") or ""
        given = (s.get("roles") or [""])[0]
        if any(w in heading for w in conf["problem_words"]):
            given = "problem"
        elif any(w in heading for w in conf["plan_words"]):
            given = "plan"
        roles.append(given or ("overview" if s.get("intro") else "achievement"))
    return roles


def year_findings(paragraphs: list[dict[str, Any]], draft: dict[str, Any], roles: list[str],
                  spec: dict[str, Any]) -> list[Finding]:
    """A 2024年 in a 2025 总结's account of the year; a past year in a plan."""
    year, kind = draft.get("year"), draft.get("kind")
    if not year:
        return []
    pattern = re.compile(spec["checks"]["year_pattern"])
    out = []
    for p in paragraphs:
        if p["section"] < 0:
            if p["style"] == "title":
                out += [finding("year", p, f"{m.group(0)}年", f"标题里的年份与草稿年份{year}年不符：请核对。")
                        for m in pattern.finditer(paragraph_text(p)) if int(m.group(0)) < year]
            continue
        plan = spec["kind_roles"].get(kind) == "plan" or roles[p["section"]] == "plan"
        for m in pattern.finditer(paragraph_text(p)):
            found = int(m.group(0))
            if plan and year - 3 <= found < year:
                out.append(finding("year", p, f"{found}年", f"{kind}写的是{year}年及以后的工作，这里是过去的年份{found}年。"))
            elif not plan and year - 3 <= found < year:
                out.append(finding("year", p, f"{found}年", f"这是{year}年的{kind}，这里写的是{found}年：请核对是否应为{year}年。"))
    return out


def relative_findings(paragraphs: list[dict[str, Any]], spec: dict[str, Any]) -> list[Finding]:
    conf = spec["checks"]
    words = re.compile("|".join(re.escape(w) for w in conf["relative_words"]))
    years = re.compile(conf["year_pattern"])
    out = []
    for p in paragraphs:
        for sentence in re.split(conf["sentence_split"], paragraph_text(p)):
            word = words.search(sentence)
            year = years.search(sentence)
            if word and year:
                out.append(finding("relative", p, word.group(0),
                                   f"“{word.group(0)}”和“{year.group(0)}年”同在一句：换了年份后容易前后矛盾，请统一写具体年份。"))
    return out


def empty_findings(draft: dict[str, Any]) -> list[Finding]:
    return [finding("empty", {"section": i, "block": -1}, s.get("heading") or "",
                    "这一部分没有内容，导出时略去（不留空标题）：请放入段落或删去这一部分。")
            for i, s in enumerate(draft.get("sections", [])) if not s.get("intro") and not s.get("blocks")]


def _norm(text: str) -> str:
    return re.sub(r"[\s，。；：、！？“”‘’（）《》,.;:!?()]", "", text)


def repeat_findings(paragraphs: list[dict[str, Any]], draft: dict[str, Any], spec: dict[str, Any]) -> list[Finding]:
    """The same library passage placed twice, or the same text in two paragraphs."""
    out, seen_ids, seen_text = [], set(), {}
    for si, s in enumerate(draft.get("sections", [])):
        for bi, b in enumerate(s.get("blocks", [])):
            if b.get("id") and b["id"] in seen_ids:
                out.append(finding("repeat", {"section": si, "block": bi}, b["id"], "同一段落在草稿中用了两次：请删去一处。"))
            seen_ids.add(b.get("id") or None)
    reported = {(f["section"], f["block"]) for f in out}
    for p in paragraphs:
        key = _norm(paragraph_text(p))
        if len(key) < spec["checks"]["min_repeat_chars"] or (p["section"], p["block"]) in reported:
            continue
        if key in seen_text and seen_text[key] != (p["section"], p["block"]):
            out.append(finding("repeat", p, paragraph_text(p)[:20], "这段文字在前面已经出现过：请删去一处。"))
        seen_text.setdefault(key, (p["section"], p["block"]))
    return out


def wording_findings(paragraphs: list[dict[str, Any]], draft: dict[str, Any],
                     rules: list[dict[str, Any]]) -> list[Finding]:
    year = draft.get("year") or 0
    out = []
    for rule in rules:
        if rule.get("since_year") and year and year < rule["since_year"]:
            continue
        pattern = re.compile(rule["pattern"])
        for p in paragraphs:
            for m in pattern.finditer(paragraph_text(p).replace("\n", "")):
                out.append(finding("wording", p, m.group(0),
                                   f"建议写“{rule['suggestion']}”：{rule['reason']}（依据：{rule['source']}）"))
    return out


def date_findings(draft: dict[str, Any]) -> list[Finding]:
    date = (draft.get("date") or "").strip()
    if not date or DATE_FORMAT.match(date):
        return []
    return [finding("date", {"part": "date"}, date,
                    "成文日期用阿拉伯数字写全年、月、日，月和日不编虚位（如 2025年3月1日，GB/T 9704 7.3.5）。")]


def order_key(f: Finding) -> tuple[int, int, int]:
    return (f["section"] if f["section"] >= 0 else (99999 if f["part"] in ("date", "signature", "attachments") else -1),
            f["block"], f["para"])


def check_paragraphs(paragraphs: list[dict[str, Any]], draft: dict[str, Any], spec: dict[str, Any],
                     rules: list[dict[str, Any]]) -> list[Finding]:
    body = [p for p in paragraphs if p["section"] >= 0]
    found = numbering_findings(paragraphs) + mark_findings(paragraphs, spec)
    titled = [p for p in paragraphs if p["style"] == "title" and p.get("para", -1) < 0] + body
    found += year_findings(titled, draft, section_roles(draft, spec), spec) + relative_findings(body, spec)
    found += empty_findings(draft) + repeat_findings(body, draft, spec)
    found += wording_findings(paragraphs, draft, rules) + date_findings(draft)
    return sorted(found, key=order_key)


def check_draft_findings(draft: dict[str, Any], spec: dict[str, Any],
                         rules: list[dict[str, Any]] | None = None) -> list[Finding]:
    rules = load_wording() if rules is None else rules
    return check_paragraphs(render(draft, spec), draft, spec, rules)


def where(f: Finding, draft: dict[str, Any] | None = None) -> str:
    if f["para"] >= 0:
        return f"第{f['para'] + 1}段"
    if f["part"]:
        return {"title": "标题", "recipient": "主送机关", "attachments": "附件说明",
                "signature": "署名", "date": "成文日期"}.get(f["part"], f["part"])
    if f["section"] < 0:
        return "标题"
    heading = ""
    if draft is not None:
        heading = (draft["sections"][f["section"]].get("heading") or "开头")
    place = f"第{f['section'] + 1}部分" + (f"（{heading}）" if heading else "")
    return place + (f"第{f['block'] + 1}段" if f["block"] >= 0 else "")


def format_findings(findings: list[Finding], draft: dict[str, Any] | None = None) -> list[str]:
    return [f"{where(f, draft)}：[{f['label']}] {f['text']} —— {f['message']}" for f in findings]

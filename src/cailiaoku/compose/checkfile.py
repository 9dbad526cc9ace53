"""`cailiaoku check` input: a saved draft (.json) or an exported / edited Word file (.docx).

A .docx has no draft behind it, so its paragraphs are read back (style → title/一级标题/正文),
the unit comes from the document's author, the year and kind from the title.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .check import Finding, check_draft_findings, check_paragraphs
from .draft import DraftError, check_draft
from .personalize import mark_text
from .wording import load_wording


def _unreadable(exc: OSError, path: Path) -> DraftError:
    from ..oserrors import describe

    reason, hint = describe(exc)
    return DraftError(f"读不了这个文件：{reason.split('：')[-1]}", path=path, hint=hint + "。")


def read_draft(path: Path, kinds: list[str] | None = None) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _unreadable(exc, path) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DraftError("草稿文件不是有效的 JSON", path=path, line=getattr(exc, "lineno", None),
                         hint="请用组稿页“导出草稿”得到的 .json 文件。") from exc
    return check_draft(raw, where=f"{path} ", kinds=kinds)


def docx_paragraphs(path: Path, spec: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(a draft-like summary, the paragraphs with marks) of a .docx."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise _unreadable(exc, path) from exc
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise DraftError("打不开这个 Word 文件", path=path, hint="请给出 .docx 文件（不是 .doc/.wps）。") from exc
    styles = {v["id"]: k for k, v in spec["styles"].items()}
    author = (document.core_properties.author or "").strip()
    org = "" if author in ("", "材料库", "python-docx") else author
    texts = [(styles.get(p.style.style_id if p.style is not None else "", "body"), p.text) for p in document.paragraphs]
    title = next((t for s, t in texts if s == "title"), next((t for _, t in texts if t.strip()), ""))
    year = re.search(r"((?:19|20)[0-9]{2})年", title)
    kinds = sorted(spec["kinds"], key=len, reverse=True)
    kind = next((k for k in kinds if k in title), spec["kinds"][0])
    summary = {"org": org, "year": int(year.group(1)) if year else None, "kind": kind, "sections": [],
               "continuous": True}  # a .docx may number 1. straight through (要点); both are accepted
    paragraphs, section = [], {"heading": "", "intro": True, "blocks": []}
    summary["sections"].append(section)
    for i, (style, text) in enumerate(texts):
        if style == "title" or not text.strip():
            continue
        if style == "h1":
            section = {"heading": re.sub(r"^[一二三四五六七八九十]+、", "", text), "intro": False, "blocks": []}
            summary["sections"].append(section)
        elif style != "flush":
            section["blocks"].append({"id": "", "para": i})
        runs = mark_text(text, {"id": "docx", "figures": []}, {"org": org}, spec)
        closing = style == "flush"  # 主送机关, 附件说明, 署名, 成文日期: not part of a section's text
        paragraphs.append({"style": style, "runs": runs, "section": -1 if closing else len(summary["sections"]) - 1,
                           "block": -1, "para": i, "part": "closing" if closing else ""})
    if not summary["sections"][0]["blocks"]:
        summary["sections"][0]["intro"] = True
    return summary, paragraphs


def check_file(path: Path, spec: dict[str, Any], rules_path: Path | None = None) -> tuple[dict[str, Any], list[Finding]]:
    rules = load_wording(rules_path)
    if path.suffix.lower() == ".docx":
        summary, paragraphs = docx_paragraphs(path, spec)
        return summary, check_paragraphs(paragraphs, summary, spec, rules)
    if path.suffix.lower() == ".json":
        draft = read_draft(path, spec.get("kinds"))
        return draft, check_draft_findings(draft, spec, rules)
    raise DraftError("只能检查草稿文件（.json）或 Word 文件（.docx）", path=path)

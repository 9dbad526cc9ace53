"""Draft → the paragraphs of the finished document (style + runs), plain text, and what is unfilled.

Exporters only map these paragraphs onto Word; render.js produces the same list in the
browser (the browser test compares the two on the same draft).
"""

from __future__ import annotations

from typing import Any

from .closing import attachment_paragraphs, recipient_paragraphs, signature_paragraphs
from .numbering import number_draft
from .personalize import Run, mark_text, merge_runs
from .titlebreak import jieba_words, max_title_units, title_lines, units

Paragraph = dict[str, Any]


def draft_title(draft: dict[str, Any], spec: dict[str, Any]) -> str:
    if (draft.get("title") or "").strip():
        return draft["title"].strip()
    conf = spec["title"]
    template = conf["templates"].get(draft.get("kind")) or next(iter(conf["templates"].values()))
    org = (draft.get("org") or "").strip() or conf["org_default"]
    year = draft.get("year") or conf["year_default"]
    return template.replace("{org}", org).replace("{year}", str(year))


def _plain(text: str) -> list[Run]:
    return [{"text": text, "mark": ""}] if text else []


def _para(style: str, runs: list[Run], section: int, block: int) -> Paragraph:
    return {"style": style, "runs": merge_runs(runs), "section": section, "block": block}


def text_parts(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split("\n") if part.strip()]


def block_paragraphs(block: dict[str, Any], label: str, draft: dict[str, Any], spec: dict[str, Any],
                     where: tuple[int, int]) -> list[Paragraph]:
    """One block: run-in levels put number + heading + body in one paragraph; （一） stands alone."""
    numbering = spec["numbering"]
    conf = numbering["levels"][str(block.get("level", 0))]
    heading = (block.get("heading") or "").strip()
    head_runs = mark_text(heading, block, draft, spec) if heading else []
    parts = [mark_text(p, block, draft, spec) for p in text_parts(block.get("text", ""))]
    si, bi = where
    if not conf["run_in"] and heading:
        out = [_para(conf["style"], _plain(label) + head_runs, si, bi)]
        return out + [_para("body", runs, si, bi) for runs in parts]
    first = _plain(label) + head_runs
    if heading and parts and heading[-1] not in numbering["heading_end_chars"]:
        first += _plain(numbering["heading_end"])
    if parts:
        first += parts[0]
    style = conf["style"] if conf["run_in"] else "body"
    out = [_para(style, first, si, bi)]
    return out + [_para("body", runs, si, bi) for runs in parts[1:]]


def break_runs(runs: list[Run], lines: list[str]) -> list[Run]:
    """Insert a line break ("\n") into the runs where each line but the last ends."""
    cuts, pos = set(), 0
    for line in lines[:-1]:
        pos += len(line)
        cuts.add(pos)
    out: list[Run] = []
    pos = 0
    for run in runs:
        piece = ""
        for ch in run["text"]:
            if pos in cuts and pos:
                piece += "\n"
            piece += ch
            pos += 1
        out.append({"text": piece, "mark": run["mark"]})
    return out


def title_paragraph(draft: dict[str, Any], spec: dict[str, Any], words: Any = None) -> Paragraph:
    """The title, broken into whole-word lines when it is longer than one line."""
    title = draft_title(draft, spec)
    runs = mark_text(title, {}, {}, spec)  # flags a default ××单位 title
    max_units = max_title_units(spec)
    if units(title) > max_units:
        tokens = words(title) if words else jieba_words(title)
        keep = [(draft.get("org") or "").strip()]
        runs = break_runs(runs, title_lines(title, tokens, keep, max_units, spec["title"]))
    return _para("title", runs, -1, -1)


def render(draft: dict[str, Any], spec: dict[str, Any]) -> list[Paragraph]:
    """Title, a blank line, 主送机关, each non-empty part's 一、 heading and its blocks, numbered
    afresh, then 附件说明, 署名 and 成文日期. An empty part is left out (草稿检查 lists it)."""
    paragraphs = [title_paragraph(draft, spec)]
    paragraphs += [_para("body", [], -1, -1) for _ in range(spec["title"]["blank_lines_after"])]
    paragraphs += recipient_paragraphs(draft, spec)
    numbers = number_draft(draft, spec)
    for si, section in enumerate(draft.get("sections", [])):
        if not section.get("blocks"):
            continue
        if not section.get("intro"):
            heading = (section.get("heading") or "").strip()
            paragraphs.append(_para("h1", _plain(numbers["sections"][si] + heading), si, -1))
        for bi, block in enumerate(section.get("blocks", [])):
            paragraphs += block_paragraphs(block, numbers["blocks"][si][bi], draft, spec, (si, bi))
    paragraphs += attachment_paragraphs(draft, spec)
    paragraphs += signature_paragraphs(draft, spec)
    return paragraphs


def paragraph_text(paragraph: Paragraph) -> str:
    return "".join(run["text"] for run in paragraph["runs"])


def plain_text(draft: dict[str, Any], spec: dict[str, Any]) -> str:
    """The numbered draft as plain text, one paragraph a line (title lines joined again)."""
    return "\n".join(paragraph_text(p).replace("\n", "") for p in render(draft, spec)) + "\n"


UNFILLED = ("placeholder", "foreign", "figure")


def unfilled(draft: dict[str, Any], spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Placeholders, other units' names (待替换) and source figures still in the draft, in order."""
    found: list[dict[str, Any]] = []
    for paragraph in render(draft, spec):
        for run in paragraph["runs"]:
            if run["mark"] in UNFILLED:
                found.append({"section": paragraph["section"], "block": paragraph["block"],
                              "mark": run["mark"], "text": run["text"].replace("\n", "")})
    return found


def paragraph_lines(paragraph: Paragraph, spec: dict[str, Any]) -> int:
    """Lines a paragraph takes on the 28-character grid (title: its own, larger characters)."""
    style = spec["styles"][paragraph["style"]]
    if style.get("fit_grid_chars"):
        per_line = spec["grid"]["chars_per_line"]
    else:
        per_line = int(spec["derived"]["text_width"] // (style["size_pt"] * 20))
    lines = 0
    for i, text in enumerate(paragraph_text(paragraph).split("\n")):
        count = (style.get("first_line_chars", 0) if i == 0 else 0) + units(text)
        lines += max(1, -int(-count // per_line))
    return lines


def estimate_pages(paragraphs: list[Paragraph], spec: dict[str, Any]) -> int:
    """Pages at 22 lines a page, so the writer (and the tests) know what to expect."""
    lines = sum(paragraph_lines(p, spec) for p in paragraphs)
    per_page = spec["grid"]["lines_per_page"]
    return max(1, -(-lines // per_page))

"""Regenerate outline numbers (一、（一）1.（1） and 一是/二是) for a draft, after any reordering.

Pure functions over the draft's JSON shape; assets/compose/render.js implements the same rules
and tests/compose_cases.json holds the cases both must pass.
"""

from __future__ import annotations

from typing import Any

from ..ingest.docx_numbering import chinese_number

LEVELS = (0, 2, 3, 4, 6)


def label(fmt: str, n: int) -> str:
    return fmt.replace("{cn}", chinese_number(n)).replace("{n}", str(n))


def number_draft(draft: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """Labels for every section and block: {"sections": [...], "blocks": [[...], ...]}.

    Sections count 一、二、… skipping the unnumbered opening and empty parts (not exported). Within a section, a block
    restarts every deeper counter; 一是 counts a run of consecutive points and any other
    block restarts it. With draft["continuous"], 1. keeps counting across sections
    (the 要点 style of the library's 要点 document).
    """
    numbering = spec["numbering"]
    formats = {int(k): v["format"] for k, v in numbering["levels"].items()}
    section_labels: list[str] = []
    block_labels: list[list[str]] = []
    section_count = 0
    c3_running = 0
    continuous = bool(draft.get("continuous"))
    for section in draft.get("sections", []):
        if section.get("intro") or not section.get("blocks"):
            section_labels.append("")
        else:
            section_count += 1
            section_labels.append(label(numbering["section"], section_count))
        counters = {2: 0, 3: c3_running if continuous else 0, 4: 0, 6: 0}
        labels: list[str] = []
        for block in section.get("blocks", []):
            level = int(block.get("level", 0))
            labels.append(_advance(counters, level, formats, continuous))
        c3_running = counters[3]
        block_labels.append(labels)
    return {"sections": section_labels, "blocks": block_labels}


def _advance(counters: dict[int, int], level: int, formats: dict[int, str], continuous: bool) -> str:
    if level == 6:
        counters[6] += 1
        return label(formats[6], counters[6])
    counters[6] = 0
    if level == 0:
        return ""
    counters[level] += 1
    for deeper in (3, 4):
        if deeper > level and not (deeper == 3 and continuous):
            counters[deeper] = 0
    return label(formats[level], counters[level])

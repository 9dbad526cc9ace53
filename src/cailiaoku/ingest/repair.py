"""Mechanical repairs on a freshly analysed document, so that what ingest writes passes lint.

Nothing a reader would miss is dropped: only passages with no text at all and exact repeats
go, and their children move up. Irregularities of the source itself (a bracket left open in
the original) are kept as they are and marked with a W-code that lint reports as a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from ..editor.fix import fix_text
from ..lint import MIN_DUPLICATE_LEN, PAIRS
from ..model import Document, Passage

MAX_ROUNDS = 4
_SENTENCE_ENDS = "。；！？：…”’」）)"


@dataclass(frozen=True)
class Note:
    text: str
    warning: bool = False  # a source irregularity kept as is (lint warns), not a repair

    def __str__(self) -> str:
        return self.text


def _label(p: Passage) -> str:
    words = (p.heading or p.text).replace("\n", " ")
    return f"{p.number}{words[:20]}{'…' if len(words) > 20 else ''}" or "（空段落）"


def repair(doc: Document) -> list[Note]:
    """Repair `doc` in place; one Chinese note per repair or warning, in document order."""
    notes: list[Note] = []
    _tidy_text(doc, notes)
    for _ in range(MAX_ROUNDS):  # dropping a repeat can leave its heading without body: go again
        before = len(notes)
        _heading_only_items(doc, notes)
        _drop(doc, _empty(doc), notes, "没有任何文字，已去掉")
        _join_broken_repeats(doc, notes)
        _drop(doc, _repeats(doc), notes, "与前文重复，已去掉重复的一处")
        if len(notes) == before:
            break
    _mark_unbalanced(doc, notes)
    return notes


def _tidy_text(doc: Document, notes: list[Note]) -> None:
    for p in doc.passages:
        changed = 0
        for name in ("number", "heading", "text"):
            fixed, punct, trailing = fix_text(getattr(p, name))
            if punct or trailing or fixed != fixed.strip():
                setattr(p, name, fixed.strip())
                changed += punct + trailing + 1
        if changed:
            notes.append(Note(f"“{_label(p)}”：半角标点改全角、去掉多余空格"))


def _has_children(doc: Document, pid: str) -> bool:
    return any(c.parent == pid for c in doc.passages)


def _heading_only_items(doc: Document, notes: list[Note]) -> None:
    """A one-sentence item whose sentence was taken as its heading: keep the sentence as text."""
    for p in doc.passages:
        if p.heading and not p.text.strip() and not _has_children(doc, p.id):
            p.text, p.heading = p.heading, ""
            notes.append(Note(f"“{_label(p)}”：只有一句话，作为正文保留（不作小标题）"))


def _empty(doc: Document) -> set[str]:
    return {p.id for p in doc.passages if not p.heading.strip() and not p.text.strip()}


def _norm(p: Passage) -> str:
    return "".join((p.heading + p.text).split())


def _repeats(doc: Document) -> dict[str, str]:
    """Passage id → the earlier passage it repeats word for word (lint's E013 rule)."""
    first: dict[str, str] = {}
    repeats: dict[str, str] = {}
    for p in doc.passages:
        norm = _norm(p)
        if len(norm) < MIN_DUPLICATE_LEN:
            continue
        if norm in first:
            repeats[p.id] = first[norm]
        else:
            first[norm] = p.id
    return repeats


def _join_broken_repeats(doc: Document, notes: list[Note]) -> None:
    """A repeat right after a half sentence (a hard wrap the reader could not join) is the rest
    of that sentence, not a copy: join the two, so dropping the repeat loses no words."""
    repeats = _repeats(doc)
    joined: set[str] = set()
    for before, p in pairwise(doc.passages):
        if (p.id in repeats and before.id not in joined and _half_sentence(before)
                and before.parent == p.parent and not p.heading and not p.number
                and not _has_children(doc, p.id)):
            notes.append(Note(f"“{_label(before)}”：断行的半句与下一行接成一段"))
            before.text += p.text
            joined.add(p.id)
    if joined:
        order = [p.id for p in doc.passages]
        for gap in doc.gaps:
            while gap.after in joined:
                gap.after = order[order.index(gap.after) - 1]
        doc.passages = [p for p in doc.passages if p.id not in joined]


def _half_sentence(p: Passage) -> bool:
    return bool(p.text) and not p.heading and not p.number and p.text[-1] not in _SENTENCE_ENDS


def _drop(doc: Document, ids: set[str] | dict[str, str], notes: list[Note], why: str) -> None:
    """Remove passages; their children go to the kept twin (repeats) or to the removed one's parent."""
    if not ids:
        return
    by_id = doc.by_id()
    new_parent: dict[str, str | None] = {}
    for pid in ids:
        twin = ids.get(pid) if isinstance(ids, dict) else None
        new_parent[pid] = twin if twin is not None else by_id[pid].parent
        notes.append(Note(f"“{_label(by_id[pid])}”：{why}"))

    def resolve(parent: str | None) -> str | None:
        while parent in new_parent:
            parent = new_parent[parent]
        return parent

    kept = [replace(p, parent=resolve(p.parent)) for p in doc.passages if p.id not in ids]
    order = [p.id for p in doc.passages]
    for gap in doc.gaps:
        while gap.after in ids:
            at = order.index(gap.after)
            gap.after = order[at - 1] if at else None
    doc.passages = kept


def _mark_unbalanced(doc: Document, notes: list[Note]) -> None:
    for p in doc.passages:
        bad = [(left, right) for left, right in PAIRS
               if any(value.count(left) != value.count(right) for value in (p.heading, p.text))]
        if bad and "W015" not in p.warnings:
            p.warnings = [*p.warnings, "W015"]
            marks = "、".join(f"{a}{b}" for a, b in bad)
            notes.append(Note(f"“{_label(p)}”：原文中 {marks} 不成对，保留原样，记为提醒 W015", warning=True))

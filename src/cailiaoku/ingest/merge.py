"""Three-way merge for re-ingesting: last ingest (base), editor's file (ours), new ingest (theirs).

An editor's change to any field wins; fields the editor left alone follow the
new ingest. Passages the editor deleted stay deleted; passages the editor added
stay. Base passages that the new ingest no longer contains are kept and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from ..ids import make_id
from ..model import Document, Gap, Passage

MERGED_FIELDS = ("type", "level", "number", "heading", "text", "role", "themes", "placeholders")
SIMILAR = 0.6


@dataclass
class MergeReport:
    new: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    kept_deleted: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    editor_added: list[str] = field(default_factory=list)


def _key(p: Passage) -> tuple[str, str, str, str]:
    return (p.type, p.number, p.heading, p.text)


def match(base: list[Passage], theirs: list[Passage]) -> dict[int, int]:
    """theirs index → base index, by position and text: exact runs, then similar ones in gaps."""
    matcher = SequenceMatcher(a=[_key(p) for p in base], b=[_key(p) for p in theirs], autojunk=False)
    pairs: dict[int, int] = {}
    prev_a = prev_b = 0
    for block in matcher.get_matching_blocks():
        _match_similar(base, theirs, range(prev_a, block.a), range(prev_b, block.b), pairs)
        for k in range(block.size):
            pairs[block.b + k] = block.a + k
        prev_a, prev_b = block.a + block.size, block.b + block.size
    return pairs


def _match_similar(
    base: list[Passage], theirs: list[Passage], a: range, b: range, pairs: dict[int, int]
) -> None:
    used: set[int] = set()
    for j in b:
        best, best_ratio = None, SIMILAR
        for i in a:
            if i in used or base[i].type != theirs[j].type:
                continue
            ratio = SequenceMatcher(None, base[i].full_text, theirs[j].full_text).ratio()
            if ratio >= best_ratio:
                best, best_ratio = i, ratio
        if best is not None:
            used.add(best)
            pairs[j] = best


def merge(
    theirs: Document, base: Document | None, ours: Document | None, taken: set[str]
) -> tuple[Document, Document, MergeReport]:
    """Return (merged library document, new base, report). `theirs` has temporary ids."""
    report = MergeReport()
    base = base or ours
    base_list = base.passages if base else []
    pairs = match(base_list, theirs.passages)
    id_map: dict[str, str] = {}
    for j, p in enumerate(theirs.passages):
        if j in pairs:
            id_map[p.id] = base_list[pairs[j]].id
        else:
            id_map[p.id] = make_id(f"{theirs.id}/{p.type}/{p.number}/{p.heading}/{p.text}", taken)
            report.new.append(id_map[p.id])
    new_base = _renamed(theirs, id_map)
    if ours is None:
        return new_base, new_base, report
    merged = _merge_passages(new_base, base, ours, report)
    return merged, new_base, report


def _renamed(doc: Document, id_map: dict[str, str]) -> Document:
    passages = [
        replace(p, id=id_map[p.id], parent=id_map.get(p.parent) if p.parent else None)
        for p in doc.passages
    ]
    gaps = [Gap(id_map.get(g.after) if g.after else None, g.chars, g.note) for g in doc.gaps]
    return replace(doc, passages=passages, gaps=gaps)


def _merge_passages(
    theirs: Document, base: Document | None, ours: Document, report: MergeReport
) -> Document:
    base_by = base.by_id() if base else {}
    ours_by = ours.by_id()
    theirs_by = theirs.by_id()
    merged: list[Passage] = []
    for o in ours.passages:  # the editor's order is kept
        b, t = base_by.get(o.id), theirs_by.get(o.id)
        if b is None:
            report.editor_added.append(o.id)
            merged.append(o)
        elif t is None:
            report.unmatched.append(o.id)
            merged.append(o)
        else:
            merged.append(_merge_fields(b, o, t, report))
    placed = {p.id for p in merged}
    for idx, t in enumerate(theirs.passages):
        if t.id in placed or t.id in base_by:
            if t.id in base_by and t.id not in ours_by:
                report.kept_deleted.append(t.id)
            continue
        anchor = _previous_placed(theirs.passages, idx, placed)
        at = next((k + 1 for k, p in enumerate(merged) if p.id == anchor), 0)
        merged.insert(at, t)
        placed.add(t.id)
    meta = _merge_meta(base, ours, theirs)
    return replace(meta, passages=merged, gaps=theirs.gaps)


def _previous_placed(passages: list[Passage], idx: int, placed: set[str]) -> str | None:
    for k in range(idx - 1, -1, -1):
        if passages[k].id in placed:
            return passages[k].id
    return None


def _merge_fields(b: Passage, o: Passage, t: Passage, report: MergeReport) -> Passage:
    values = {}
    edited = False
    for name in (*MERGED_FIELDS, "parent"):
        ov, bv = getattr(o, name), getattr(b, name)
        if ov != bv:
            edited = True
            values[name] = ov
        else:
            values[name] = getattr(t, name)
    if edited:
        report.kept_edits.append(o.id)
    return replace(t, **values)


def _merge_meta(base: Document | None, ours: Document, theirs: Document) -> Document:
    values = {}
    for name in ("title", "kind", "year", "org", "source", "provenance"):
        ov = getattr(ours, name)
        changed = base is not None and ov != getattr(base, name)
        values[name] = ov if changed else getattr(theirs, name)
    return replace(theirs, **values)

"""Three-way merge for re-ingesting: last ingest (base), editor's file (ours), new ingest (theirs).

Passages are paired by text (matching.py), so moved, split and merged passages keep their ids
and the editor's edits. An editor's change to any field wins; fields the editor left alone follow
the new ingest. When both changed one field, the editor's value stays, the source's goes into the
passage's `source_revision:` (lint warns until an editor settles it) and the conflict is reported.
Passages the editor deleted stay deleted; passages the editor added stay. Old passages the new
ingest no longer contains are kept and reported; one merged into another passage is removed only
if the editor never touched it. Without a base, every difference counts as the editor's.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Any

from ..ids import make_id
from ..model import Document, Gap, Passage
from .matching import match
from .merge_report import Conflict, MergeReport

MERGED_FIELDS = ("type", "level", "number", "heading", "text", "role", "themes", "placeholders",
                 "warnings", "parent")
META_FIELDS = ("title", "kind", "year", "org", "source", "provenance", "furniture")

__all__ = ["Conflict", "MergeReport", "merge"]


def merge(
    theirs: Document, base: Document | None, ours: Document | None, taken: set[str]
) -> tuple[Document, Document, MergeReport]:
    """Return (merged library document, new base, report). `theirs` has temporary ids."""
    report = MergeReport()
    reference = base if base is not None else ours  # whose ids the new passages inherit
    new_base = _inherit_ids(theirs, reference.passages if reference else [], taken, report)
    if ours is None:
        return new_base, new_base, report
    if base is None:
        return _without_base(new_base, ours, report), new_base, report
    return _merge_passages(new_base, base, ours, report), new_base, report


def _inherit_ids(theirs: Document, old: list[Passage], taken: set[str], report: MergeReport) -> Document:
    m = match(old, theirs.passages)
    id_map: dict[str, str] = {}
    for j, p in enumerate(theirs.passages):
        if j in m.pairs:
            id_map[p.id] = old[m.pairs[j]].id
        else:
            id_map[p.id] = make_id(f"{theirs.id}/{p.type}/{p.number}/{p.heading}/{p.text}", taken)
            report.new.append(id_map[p.id])
            if j in m.split_from:
                report.split[id_map[p.id]] = old[m.split_from[j]].id
    for i, j in m.merged_into.items():
        report.merged[old[i].id] = id_map[theirs.passages[j].id]
    renamed = _renamed(theirs, id_map)
    report.moved = _moved([p.id for p in old], [p.id for p in renamed.passages])
    return renamed


def _renamed(doc: Document, id_map: dict[str, str]) -> Document:
    passages = [
        replace(p, id=id_map[p.id], parent=id_map.get(p.parent) if p.parent else None)
        for p in doc.passages
    ]
    gaps = [Gap(id_map.get(g.after) if g.after else None, g.chars, g.note) for g in doc.gaps]
    return replace(doc, passages=passages, gaps=gaps)


def _moved(old_order: list[str], new_order: list[str]) -> list[str]:
    """Ids outside the longest run kept in the same relative order (what the source moved)."""
    where = {pid: k for k, pid in enumerate(old_order)}
    seq = [(where[pid], pid) for pid in new_order if pid in where]
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = [-1] * len(seq)
    for n, (pos, _) in enumerate(seq):
        k = bisect_left(tails, pos)
        back[n] = tail_at[k - 1] if k else -1
        if k == len(tails):
            tails.append(pos)
            tail_at.append(n)
        else:
            tails[k], tail_at[k] = pos, n
    keep, n = set(), tail_at[-1] if tail_at else -1
    while n != -1:
        keep.add(seq[n][1])
        n = back[n]
    return [pid for _, pid in seq if pid not in keep]


def _without_base(theirs: Document, ours: Document, report: MergeReport) -> Document:
    """No record of the last ingest: the editor's file is kept as it is; say what differs."""
    report.no_base = True
    theirs_by = theirs.by_id()
    ours_ids = {o.id for o in ours.passages}
    for o in ours.passages:
        t = theirs_by.get(o.id)
        if t is not None and any(getattr(o, f) != getattr(t, f) for f in MERGED_FIELDS):
            report.not_applied.append(o.id)
    report.withheld = [t.id for t in theirs.passages if t.id not in ours_ids]
    report.new, report.split, report.merged, report.moved = [], {}, {}, []
    return ours


def _merge_passages(theirs: Document, base: Document, ours: Document, report: MergeReport) -> Document:
    base_by, ours_by, theirs_by = base.by_id(), ours.by_id(), theirs.by_id()
    result: dict[str, Passage] = {}
    for o in ours.passages:
        b, t = base_by.get(o.id), theirs_by.get(o.id)
        if b is None:
            report.editor_added.append(o.id)
            result[o.id] = o
        elif t is not None:  # untouched by the editor (the common case): the source's version
            result[o.id] = t if o == b else _merge_fields(b, o, t, report)
        elif o.id in report.merged:
            result[o.id] = _merged_away(b, o, report)
        else:
            report.unmatched.append(o.id)
            result[o.id] = o
    for t in theirs.passages:
        if t.id not in base_by:
            result[t.id] = t
        elif t.id not in ours_by:
            report.kept_deleted.append(t.id)
            if any(getattr(t, f) != getattr(base_by[t.id], f) for f in ("heading", "text")):
                report.conflicts.append(Conflict(t.id, "text", None, t.full_text))
    _restore_parents(result, ours_by, report)
    order = _order(ours, base, theirs, {k for k in result if k not in report.dropped})
    passages = _settle_parents([result[pid] for pid in order], theirs_by, ours_by)
    meta = _merge_meta(base, ours, theirs, report)
    return replace(meta, passages=passages, gaps=_settle_gaps(theirs, passages))


def _merged_away(b: Passage, o: Passage, report: MergeReport) -> Passage:
    into = report.merged[o.id]
    if all(getattr(o, f) == getattr(b, f) for f in MERGED_FIELDS) and not o.source_revision:
        report.dropped.append(o.id)
        return o  # removed by _order unless something still points at it
    report.conflicts.append(Conflict(o.id, "merged_into", o.full_text, into))
    return replace(o, source_revision={**o.source_revision, "merged_into": into})


def _restore_parents(result: dict[str, Passage], ours_by: dict[str, Passage], report: MergeReport) -> None:
    """A dropped passage that is still some passage's parent stays (as the editor had it)."""
    for pid in list(report.dropped):
        if any(p.parent == pid for key, p in result.items() if key not in report.dropped):
            report.dropped.remove(pid)
            result[pid] = ours_by[pid]


def _order(ours: Document, base: Document, theirs: Document, live: set[str]) -> list[str]:
    """The source's order, unless the editor reordered passages; additions stay where put."""
    base_ids = base.by_id()
    kept = [o.id for o in ours.passages if o.id in base_ids and o.id in live]
    kept_set = set(kept)
    reordered = kept != [p.id for p in base.passages if p.id in kept_set]
    lead, follow = (ours, theirs) if reordered else (theirs, ours)
    order = [p.id for p in lead.passages if p.id in live]
    placed = set(order)
    for idx, p in enumerate(follow.passages):
        if p.id in placed or p.id not in live:
            continue
        anchor = next((q.id for q in reversed(follow.passages[:idx]) if q.id in placed), None)
        order.insert(order.index(anchor) + 1 if anchor else 0, p.id)
        placed.add(p.id)
    return order


def _merge_fields(b: Passage, o: Passage, t: Passage, report: MergeReport) -> Passage:
    values, revision = _three_way(b, o, t, MERGED_FIELDS, o.source_revision, o.id, report)
    if any(getattr(o, f) != getattr(b, f) for f in MERGED_FIELDS):
        report.kept_edits.append(o.id)
    return replace(t, **values, source_revision=revision)


def _three_way(b: Any, o: Any, t: Any, fields: tuple[str, ...], revision: dict[str, Any],
               pid: str | None, report: MergeReport) -> tuple[dict[str, Any], dict[str, Any]]:
    """Field values (the editor's change wins) and the source_revision to keep beside them."""
    values, revision = {}, dict(revision)
    for name in fields:
        ov, bv, tv = getattr(o, name), getattr(b, name), getattr(t, name)
        values[name] = ov if ov != bv else tv
        if ov != bv and tv not in (bv, ov):
            revision[name] = tv
            report.conflicts.append(Conflict(pid, name, ov, tv))
    # An editor who copied the source's version into the field has settled that entry.
    return values, {k: v for k, v in revision.items() if k not in values or values[k] != v}


def _merge_meta(base: Document, ours: Document, theirs: Document, report: MergeReport) -> Document:
    values, revision = _three_way(base, ours, theirs, META_FIELDS, ours.source_revision, None, report)
    return replace(theirs, **values, source_revision=revision)


def _settle_parents(passages: list[Passage], theirs_by: dict[str, Passage],
                    ours_by: dict[str, Passage]) -> list[Passage]:
    """A parent taken from the source that the editor deleted: the nearest kept ancestor instead."""
    present = {p.id for p in passages}
    out = []
    for p in passages:
        parent = p.parent
        mine = p.id in ours_by and ours_by[p.id].parent == parent
        while parent and parent not in present and not mine:
            parent = theirs_by[parent].parent if parent in theirs_by else None
        out.append(p if parent == p.parent else replace(p, parent=parent))
    return out


def _settle_gaps(theirs: Document, passages: list[Passage]) -> list[Gap]:
    """Gaps follow the nearest preceding passage that is still there."""
    present = {p.id for p in passages}
    order = [p.id for p in theirs.passages]
    out = []
    for g in theirs.gaps:
        after = g.after
        if after and after not in present and after in order:
            earlier = order[:order.index(after)]
            after = next((pid for pid in reversed(earlier) if pid in present), None)
        out.append(Gap(after, g.chars, g.note))
    return out

"""Source lines → a tagged Document with temporary ids (pure; no I/O)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..errors import SourceError
from ..kinds import get as get_kind
from ..model import Document, Gap, Passage
from ..taxonomy import Taxonomy
from .cleaning import Cleaned, clean
from .docinfo import resolve
from .metadata import SourceMeta
from .parsing import parse
from .passages import Draft, build
from .roles import assign_roles
from .rules import load_rules
from .tagging import fill_themes, find_placeholders, tag_themes


def temp_id(index: int) -> str:
    return f"#{index}"


@dataclass
class Analysis:
    """A document as read, with what the dry run shows: how metadata was found, what was cleaned."""

    document: Document
    meta: SourceMeta
    cleaned: Cleaned


def analyse(
    raw_lines: list[str], meta: SourceMeta, taxonomy: Taxonomy, source: str
) -> Document:
    return analyse_full(raw_lines, meta, taxonomy, source).document


def analyse_full(
    raw_lines: list[str], meta: SourceMeta, taxonomy: Taxonomy, source: str
) -> Analysis:
    cleaned = clean(raw_lines, source)
    if not cleaned.lines:
        raise SourceError("清理网页杂质后没有剩下正文", path=source,
                          hint="确认文件是范文正文，而不是网页目录或空白页。")
    info, found = resolve(cleaned, meta, source, taxonomy.kinds)
    cleaned.reading.found = found
    drafts = build(parse(cleaned.lines, load_rules().closing_openers))
    kind = get_kind(taxonomy.kinds, info.kind)
    roles = assign_roles(drafts, info.kind, kind.role if kind else "")
    children: dict[int, list[str]] = {}  # parent index → child headings and texts (one pass, not n²)
    for c in drafts:
        if c.parent is not None:
            children.setdefault(c.parent, []).extend((c.heading, c.text))
    passages = fill_themes([_passage(i, d, roles[i], tuple(children.get(i, ())), taxonomy)
                            for i, d in enumerate(drafts)])
    document = Document(
        id=info.id,
        title=info.title,
        kind=info.kind,
        year=info.year,
        org=info.org,
        source=source,
        provenance=info.provenance,
        gaps=_gaps(cleaned, drafts),
        passages=passages,
        furniture=cleaned.furniture,
        reading=cleaned.reading,
    )
    return Analysis(document, info, cleaned)


def _passage(i: int, d: Draft, role: str, children: tuple[str, ...], taxonomy: Taxonomy) -> Passage:
    return Passage(
        id=temp_id(i),
        type=d.type,
        level=d.level,
        number=d.number,
        heading=d.heading,
        text=d.text,
        parent=temp_id(d.parent) if d.parent is not None else None,
        role=role,
        themes=tag_themes(taxonomy, d.heading, d.text, children),
        placeholders=find_placeholders(d.heading + d.text),
    )


def _gaps(cleaned: Cleaned, drafts: list[Draft]) -> list[Gap]:
    gaps = []
    starts = [d.line for d in drafts]  # in reading order, so a gap finds its place by bisection
    ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
    for lines_before, chars in cleaned.gaps:
        last_line = cleaned.lines[lines_before - 1].number if lines_before else 0
        if ordered:
            count = bisect_right(starts, last_line)
        else:
            count = 1 + max((i for i, line in enumerate(starts) if line <= last_line), default=-1)
        after = temp_id(count - 1) if count else None
        note = f"原文此处隐藏约 {chars} 字（下载后才能查看），未收录" if chars else "原文此处有缺漏"
        gaps.append(Gap(after=after, chars=chars, note=note))
    return gaps

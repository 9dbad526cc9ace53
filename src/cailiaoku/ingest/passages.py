"""Document tree → flat passages in document order (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from .numbering import inline_points
from .parsing import Node, split_heading, walk

POINT_HEADING_MAX = 30


@dataclass
class Draft:
    """A passage before it has an id; `parent` is an index into the list."""

    type: str
    level: int
    number: str
    heading: str
    text: str
    parent: int | None
    line: int
    run: int
    section_heading: str  # heading of the enclosing 一、 section, for role cues


def build(roots: list[Node]) -> list[Draft]:
    drafts: list[Draft] = []
    index_of: dict[int, int] = {}
    section_of: dict[int, str] = {}
    for node, parent in walk(roots):
        parent_index = index_of.get(id(parent)) if parent is not None else None
        section = node.heading if node.level == 1 else section_of.get(id(parent), "")
        section_of[id(node)] = section
        kind = "para" if not node.numbered else ("section" if node.level == 1 else "item")
        lead, points = _split_points(node.body)
        owner = parent_index
        heading = node.heading
        if kind == "item" and heading and not lead and not points and not node.children:
            # A one-sentence item: its sentence is its text.
            heading, lead = "", heading + ("。" if node.full_stop else "")
        if kind != "para" or lead or not points:
            drafts.append(
                Draft(kind, node.level, node.number, heading, lead, parent_index,
                      node.line, node.run, section)
            )
            owner = index_of[id(node)] = len(drafts) - 1
        # else: a paragraph that is nothing but 一是…二是… gives its points to its parent.
        for marker, heading, text in points:
            drafts.append(
                Draft("point", 6, marker, heading, text, owner, node.line, node.run, section)
            )
    return drafts


def _split_points(body: str) -> tuple[str, list[tuple[str, str, str]]]:
    spans = inline_points(body)
    if not spans:
        return body, []
    lead = body[: spans[0][0]].strip()
    points = []
    for start, end in spans:
        chunk = body[start:end].strip()
        marker_end = chunk.index("是") + 1
        heading, text = split_heading(chunk[marker_end:], POINT_HEADING_MAX)
        if heading and not text:
            heading, text = "", chunk[marker_end:]
        points.append((chunk[:marker_end], heading, text))
    return lead, points

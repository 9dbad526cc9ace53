"""Cleaned lines → a document tree along its numbering (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Line
from .numbering import PART, cn_value, match_marker

HEADING_MAX = 40  # a first sentence longer than this is body text, not a heading
PART_RANK = 0  # 第一部分 nests above 一、 (rank 1); other ranks equal their level
_POINT_START = re.compile(r"^([一二三四五六七八九十]{1,3})是")
_POINT_ANY = re.compile(r"(?:^|(?<=[。；：！？，\n]))([一二三四五六七八九十]{1,3})是")


@dataclass
class Node:
    level: int  # 1..5 for numbered nodes, 0 for paragraphs
    number: str
    heading: str
    body: str
    line: int
    run: int = 0  # increments when numbering restarts without a higher level
    ordinal: int = 0
    children: list[Node] = field(default_factory=list)
    rank: int = -1  # nesting order; PART_RANK for 第一部分
    full_stop: bool = False  # the heading was a whole sentence ending in 。 with nothing after it

    @property
    def numbered(self) -> bool:
        return self.level > 0


def split_heading(rest: str, limit: int = HEADING_MAX) -> tuple[str, str]:
    """'深化理论武装，筑牢思想根基。一是…' → (heading, body)."""
    rest = rest.strip()
    end = rest.find("。")
    if end == -1:
        return (rest, "") if len(rest) <= limit + 20 else ("", rest)
    if end <= limit and end > 0:
        return rest[:end], rest[end + 1 :].strip()
    return "", rest


def _marker(line: Line) -> tuple[int, int, str, str, str, int] | None:
    """(level, rank, number, heading, body, ordinal) of an outline line, or None."""
    if line.explicit:
        level = line.level or 1
        if line.heading is not None:
            return level, level, line.marker, line.heading, line.text, 0
        heading, body = split_heading(line.text)
        ordinal = match_marker(line.marker)
        return level, level, line.marker, heading, body, cn_value(ordinal[2]) if ordinal else 0
    if m := PART.match(line.text):
        heading, body = split_heading(line.text[m.end():])
        return 1, PART_RANK, m.group(0).rstrip(), heading, body, cn_value(m.group(1))
    if found := match_marker(line.text):
        level, written, ordinal_text = found
        heading, body = split_heading(line.text[len(written):])
        return level, level, written, heading, body, cn_value(ordinal_text)
    return None


class _Builder:
    def __init__(self, closing_openers: tuple[str, ...]) -> None:
        self.roots: list[Node] = []
        self.stack: list[Node] = []
        self.last_ordinal: dict[int, int] = {}
        self.run = 0
        self.openers = closing_openers
        self.closed = False  # a closing paragraph was seen after the last section

    def numbered(self, line: Line, found: tuple[int, int, str, str, str, int]) -> None:
        level, rank, number, heading, body, ordinal = found
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        has_higher = any(n.rank < rank for n in self.stack)
        if not has_higher and ordinal == 1 and ordinal <= self.last_ordinal.get(rank, 0):
            self.run += 1  # e.g. (一)…(四) then (一)…(五) with no 一、 above them
        node = Node(level, number, heading, body, line.number, self.run, ordinal, rank=rank,
                    full_stop=not body and heading != "" and line.text.rstrip().endswith("。"))
        self.last_ordinal[rank] = ordinal
        for deeper in [r for r in self.last_ordinal if r > rank]:
            self.last_ordinal.pop(deeper)
        (self.stack[-1].children if self.stack else self.roots).append(node)
        self.stack.append(node)

    def paragraph(self, line: Line, after_last_marker: bool) -> None:
        text = line.text
        top = self.stack[-1] if self.stack else None
        bare = top is not None and not top.body and not top.children  # 三、下一步打算 needs its body
        if after_last_marker and not bare and (self.closed or text.startswith(self.openers)):
            self.closed = True  # 总之…: the document's closing passage, outside the last section
            self.roots.append(Node(0, "", "", text, line.number))
            self.stack.clear()
            return
        if top is not None and top.rank >= 2:
            # A heading alone takes the paragraph as its body; later paragraphs continue the item.
            top.body = f"{top.body}\n{text}" if top.body else text
            return
        owner = top.children if top is not None else self.roots
        last = owner[-1] if owner and not owner[-1].numbered else None
        if last is not None and _continues_points(last.body, text):
            last.body = f"{last.body}\n{text}"
            return
        owner.append(Node(0, "", "", text, line.number))
        if top is None:
            self.stack.clear()


def _continues_points(previous: str, text: str) -> bool:
    """'二是…' after a paragraph whose last point is 一是; '一是…' after a lead-in ending in '：'."""
    m = _POINT_START.match(text)
    if not m:
        return False
    n = cn_value(m.group(1))
    if n == 1:
        return previous.rstrip().endswith("：")
    values = [cn_value(p.group(1)) for p in _POINT_ANY.finditer(previous)]
    return bool(values) and values[-1] == n - 1


def parse(lines: list[Line], closing_openers: tuple[str, ...] = ()) -> list[Node]:
    """Top-level nodes in order; numbered nodes nest by rank."""
    builder = _Builder(closing_openers)
    found = [_marker(line) for line in lines]
    last_marker = max((i for i, f in enumerate(found) if f), default=-1)
    for i, (line, marker) in enumerate(zip(lines, found, strict=True)):
        if marker is None:
            builder.paragraph(line, last_marker >= 0 and i > last_marker)
        else:
            builder.numbered(line, marker)
    return builder.roots


def walk(nodes: list[Node]) -> list[tuple[Node, Node | None]]:
    """Depth-first (node, parent) pairs in document order."""
    out: list[tuple[Node, Node | None]] = []

    def visit(node: Node, parent: Node | None) -> None:
        out.append((node, parent))
        for child in node.children:
            visit(child, node)

    for node in nodes:
        visit(node, None)
    return out

"""Cleaned lines → a document tree along its numbering (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .lines import Line
from .numbering import cn_value, match_marker

HEADING_MAX = 40  # a first sentence longer than this is body text, not a heading


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


def parse(lines: list[Line]) -> list[Node]:
    """Top-level nodes in order; numbered nodes nest by level."""
    roots: list[Node] = []
    stack: list[Node] = []
    last_ordinal: dict[int, int] = {}
    run = 0
    for line in lines:
        marker = match_marker(line.text)
        if marker is None:
            _attach_paragraph(line, roots, stack)
            continue
        level, written, ordinal_text = marker
        ordinal = cn_value(ordinal_text)
        while stack and stack[-1].level >= level:
            stack.pop()
        has_higher = any(n.level < level for n in stack)
        if not has_higher and ordinal <= last_ordinal.get(level, 0) and ordinal == 1:
            run += 1  # e.g. (一)…(四) then (一)…(五) with no 一、 above them
        heading, body = split_heading(line.text[len(written) :])
        node = Node(level, written, heading, body, line.number, run, ordinal)
        last_ordinal[level] = ordinal
        for deeper in [lv for lv in last_ordinal if lv > level]:
            if has_higher or deeper > level:
                last_ordinal.pop(deeper)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _attach_paragraph(line: Line, roots: list[Node], stack: list[Node]) -> None:
    text = line.text
    if stack and stack[-1].level >= 2 and not stack[-1].body:
        stack[-1].body = text  # heading alone on its line, body on the next (001's (三))
        return
    para = Node(0, "", "", text, line.number)
    section = next((n for n in reversed(stack) if n.level == 1), None)
    if section is not None:
        section.children.append(para)
        while stack and stack[-1] is not section:
            stack.pop()
    else:
        roots.append(para)
        stack.clear()


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

"""click's help layout for Chinese text: full-width headings, columns aligned by display width."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import click

_NO_LINE_START = set("，。；：、）》”’？！")


def width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, limit: int) -> list[str]:
    """Lines of at most `limit` columns; breaks between CJK characters or at spaces."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in _words(paragraph):
            w = width(word)
            if used + w > limit and line.strip() and word not in _NO_LINE_START:
                lines.append(line.rstrip())
                line, used = "", 0
                word = word.lstrip()
                w = width(word)
            line, used = line + word, used + w
        lines.append(line.rstrip())
    return lines


def _words(text: str) -> Iterable[str]:
    """Each CJK character alone; an ASCII run (with its leading space) as one piece."""
    run = ""
    for ch in text:
        if width(ch) == 2:
            if run:
                yield run
                run = ""
            yield ch
        elif ch == " " and run.strip():
            yield run
            run = ch
        else:
            run += ch
    if run:
        yield run


class ZhFormatter(click.HelpFormatter):
    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((width(a) for a, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent - 2, 20)) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

"""Source lines with what the format told us about them (Word styles, Markdown headings)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class SourceText(str):
    """A line read from Word that remembers its outline level, Title style or table origin.

    It is a str, so code that only needs the text keeps working.
    """

    level: int | None
    marker: str
    heading: str | None
    title: bool
    table: bool

    def __new__(cls, text: str, *, level: int | None = None, marker: str = "",
                heading: str | None = None, title: bool = False, table: bool = False) -> SourceText:
        obj = super().__new__(cls, text)
        obj.level, obj.marker, obj.heading, obj.title, obj.table = level, marker, heading, title, table
        return obj

    def retext(self, text: str, convert: Callable[[str], str]) -> SourceText:
        """The same line with its text converted (e.g. traditional → simplified)."""
        heading = convert(self.heading) if self.heading is not None else None
        return SourceText(text, level=self.level, marker=self.marker, heading=heading,
                          title=self.title, table=self.table)


@dataclass
class Line:
    text: str
    number: int  # 1-based line number in the source file (the first, when lines were joined)
    level: int | None = None  # outline level stated by the format (Word list level, Markdown #)
    marker: str = ""  # the number the reader sees, when `level` is set ("" for bullets/headings)
    heading: str | None = None  # heading stated by the format; `text` is then the body only
    title: bool = False  # Word Title style or a leading Markdown '#'
    hard: bool = False  # a real paragraph (Word): never joined to its neighbours
    table: bool = False
    blank_before: bool = False  # an empty line (or a gap) came before it
    break_before: bool = False  # a hidden-text gap came before it: never join across
    indent: int = 0  # leading spaces in the source (Markdown list nesting)

    @property
    def explicit(self) -> bool:
        return self.level is not None


def strip_text(text: str) -> str:
    return text.strip(" \t\u3000\ufeff\u00a0\u200b")


def from_raw(raw: str, number: int, blank_before: bool) -> Line:
    text = strip_text(raw)
    if isinstance(raw, SourceText):
        heading = strip_text(raw.heading) if raw.heading is not None else None
        if heading is not None:
            text = ""
        elif raw.level is not None and raw.marker and text.startswith(raw.marker):
            text = strip_text(text[len(raw.marker):])
        return Line(text, number, raw.level, raw.marker, heading, raw.title, True, raw.table,
                    blank_before)
    indent = len(raw) - len(raw.lstrip(" \t\u3000")) if raw[:1] in " \t\u3000" else 0
    return Line(text, number, blank_before=blank_before, indent=indent)

"""Domain exceptions. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from pathlib import Path


class CailiaokuError(Exception):
    """Base error: carries a Chinese message plus where it happened."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        col: int | None = None,
        passage: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.col = col
        self.passage = passage
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "")
            where += f":{self.col}" if self.line and self.col else ""
        parts = [f"{where}：{self.message}" if where else self.message]
        if self.passage:
            parts.append(f"（段落 {self.passage}）")
        if self.hint:
            parts.append(f"处理办法：{self.hint}")
        return " ".join(parts)


class SourceError(CailiaokuError):
    """A source document cannot be read or parsed."""


class LibraryError(CailiaokuError):
    """The snippets/ library or taxonomy.yaml is malformed."""


class LintFailed(CailiaokuError):
    """Lint found errors; `problems` holds them."""

    def __init__(self, problems: list) -> None:  # list[lint.Problem]
        super().__init__(f"段落库检查发现 {len(problems)} 个错误")
        self.problems = problems
        self.unwritten = False  # True: the problems are in a change that was refused, not on disk

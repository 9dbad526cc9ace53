"""Lint a candidate change before it is written: refuse anything that adds lint errors."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..errors import LintFailed
from ..lint import Problem, errors_only, lint_library
from ..project import Project
from ..taxonomy import Taxonomy


def _key(p: Problem) -> tuple[str, str, str | None, str]:
    # Positions move when a passage is inserted; compare what the problem is, not where.
    return (p.path, p.code, p.passage, p.message)


def new_errors(project: Project, taxonomy: Taxonomy, changes: dict[Path, str]) -> list[Problem]:
    """Errors the library would have after `changes` (path → new content) that it lacks now."""
    before = {_key(p) for p in errors_only(lint_library(project.snippets, taxonomy, project.root))}
    with tempfile.TemporaryDirectory(prefix="cailiaoku-check-") as tmp:
        shadow = Path(tmp) / "snippets"
        shadow.mkdir()
        for path in project.snippets.glob("*.yaml"):
            shutil.copy2(path, shadow / path.name)
        for path, content in changes.items():
            (shadow / path.name).write_text(content, encoding="utf-8")
        after = errors_only(lint_library(shadow, taxonomy, Path(tmp)))
    return [p for p in after if _key(p) not in before]


def refuse_new_errors(project: Project, taxonomy: Taxonomy, changes: dict[Path, str]) -> None:
    """Raise LintFailed (nothing written) when the change would add lint errors."""
    added = new_errors(project, taxonomy, changes)
    if added:
        err = LintFailed(added)
        err.message = f"这次修改会带来 {len(added)} 个检查错误，没有写入任何文件"
        err.unwritten = True  # positions are in content never written: report without file:line
        raise err

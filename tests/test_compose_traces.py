"""Nothing of another unit left unflagged: every passage of 市人大办公室's 要点, composed for
县文化和旅游局, has each name of the first unit replaced or marked 待替换, in the CLI report and
in the .docx (the compose page: test_compose_checks_browser.py)."""

from __future__ import annotations

import re
from pathlib import Path

import docx

from cailiaoku.library import load_library
from conftest import run_cli

ORG = "县文化和旅游局"
SOURCE_DOC = "2025-srdbgs-yaodian"
# The first unit's names written out here (not taken from the code under test).
FIRST_UNIT = re.compile(r"市人大(?:常委会)?(?:办公室)?|人大|本室|我室")


def first_unit_ids(root: Path) -> list[str]:
    doc = next(d for d in load_library(root / "snippets").documents if d.id == SOURCE_DOC)
    assert doc.org == "市人大办公室"
    return [p.id for p in doc.passages if p.text or p.heading]


def unflagged(paragraph) -> list[str]:
    """First-unit names in a paragraph that are not inside a highlighted (commented) run."""
    spans, pos = [], 0
    for run in paragraph.runs:
        spans.append((pos, pos + len(run.text), run.font.highlight_color is not None))
        pos += len(run.text)
    left = []
    for m in FIRST_UNIT.finditer(paragraph.text):
        if not any(a <= m.start() and m.end() <= b and marked for a, b, marked in spans):
            left.append(m.group(0))
    return left


def test_no_name_of_the_first_unit_left_unflagged(tmp_path: Path, root: Path) -> None:
    ids = first_unit_ids(root)
    out = tmp_path / "草稿.docx"
    result = run_cli("export", "--ids", *ids, "--org", ORG, "--year", "2026", "-o", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    body = document.paragraphs
    occurrences = sum(len(FIRST_UNIT.findall(p.text)) for p in body)
    assert occurrences >= 15  # 市人大, 市人大常委会 … all through the text
    assert [name for p in body for name in unflagged(p)] == []
    assert "市人大办公室" not in "".join(p.text for p in body)  # the full name is replaced outright
    assert ORG in body[2].text
    # The CLI lists every one of them as 待替换, and the comments say what to do.
    listed = re.findall(r"：待替换 (\S+)", result.stdout)
    assert len([n for n in listed if FIRST_UNIT.fullmatch(n)]) == occurrences
    assert sum("其他单位的名称" in c.text for c in document.comments) == len(listed)

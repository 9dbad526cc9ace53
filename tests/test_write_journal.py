"""A write killed between any two of its file operations leaves a library that is all old or all new."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cailiaoku import journal
from cailiaoku.errors import LibraryError
from cailiaoku.ingest.pipeline import ingest
from cailiaoku.lint import lint_library
from cailiaoku.project import Project
from cailiaoku.taxonomy import load_taxonomy
from cailiaoku.yamlio import atomic_write_many
from conftest import run_cli
from samples import SOURCES

DOC = "2025-srdbgs-yaodian"
KILLED = 77


def _revise(project: Path) -> Path:
    """A source revision plus an editor's edit, so the ingest rewrites both the file and its base."""
    src = project / "sources" / SOURCES[DOC].name
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("20.强化意识形态工作经费保障。", "20.强化意识形态工作经费与装备保障。"),
                   encoding="utf-8")
    lib = project / "snippets" / f"{DOC}.yaml"
    lib.write_text(lib.read_text(encoding="utf-8").replace("role: achievement", "role: plan", 1),
                   encoding="utf-8")
    return src


def _state(project: Path) -> tuple[str, str]:
    return ((project / "snippets" / f"{DOC}.yaml").read_text(encoding="utf-8"),
            (project / "snippets" / ".ingested" / f"{DOC}.yaml").read_text(encoding="utf-8"))


def _leftovers(project: Path) -> list[str]:
    snippets = project / "snippets"
    return sorted(p.name for d in (snippets, snippets / ".ingested") for p in d.iterdir()
                  if p.name.endswith(".tmp") or p.name == journal.JOURNAL)


def _ingest_killed_after(project: Path, src: Path, k: int) -> int:
    """Run the ingest in a child process that dies (os._exit, no clean-up) after file operation k."""
    pid = os.fork()
    if pid == 0:  # child
        try:
            count = 0

            def die(label: str) -> None:
                nonlocal count
                count += 1
                if count == k:
                    os._exit(KILLED)

            journal.FAULT = die
            ingest([src], Project(project))
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_kill_between_every_pair_of_file_operations(project_copy: Path, tmp_path: Path) -> None:
    src = _revise(project_copy)
    pristine = tmp_path / "pristine"
    shutil.copytree(project_copy, pristine)
    old = _state(project_copy)

    labels: list[str] = []
    journal.FAULT = labels.append
    try:
        ingest([src], Project(project_copy))
    finally:
        journal.FAULT = None
    new = _state(project_copy)
    assert new != old and new[0] != old[0] and new[1] != old[1]
    assert labels == [f"stage {DOC}.yaml", f"stage {DOC}.yaml", "journal staged", "journal committed",
                      f"switch {DOC}.yaml", f"switch {DOC}.yaml", "journal removed"]
    taxonomy = load_taxonomy(project_copy / "taxonomy.yaml")

    for k in range(1, len(labels) + 1):  # killed right after operation k, before k+1
        work = tmp_path / f"kill{k}"
        shutil.copytree(pristine, work)
        assert _ingest_killed_after(work, work / src.relative_to(project_copy), k) == KILLED
        problems = lint_library(work / "snippets", taxonomy, work)  # reading the library recovers
        assert [p.format() for p in problems if p.code.startswith("E")] == [], labels[k - 1]
        assert _leftovers(work) == [], labels[k - 1]
        committed = k >= labels.index("journal committed") + 1
        assert _state(work) == (new if committed else old), labels[k - 1]
        # The next ingest ends exactly where an uninterrupted one does: no duplicate, nothing lost.
        ingest([work / src.relative_to(project_copy)], Project(work))
        assert _state(work) == new, labels[k - 1]


def test_next_command_finishes_a_committed_write(project_copy: Path) -> None:
    """The state the issue found (killed between the two renames) is repaired by `cailiaoku lint`."""
    snippets = project_copy / "snippets"
    target, base = snippets / f"{DOC}.yaml", snippets / ".ingested" / f"{DOC}.yaml"
    text = target.read_text(encoding="utf-8").replace("role: achievement", "role: plan", 1)
    staged = base.with_name(f".{base.name}.0123456789ab.tmp")
    staged.write_text(text, encoding="utf-8")
    (snippets / journal.JOURNAL).write_text(json.dumps({"tx": "0123456789ab", "files": [
        [f".ingested/{staged.name}", f".ingested/{base.name}"]]}), encoding="utf-8")
    result = run_cli("lint", cwd=project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert base.read_text(encoding="utf-8") == text
    assert _leftovers(project_copy) == []


def test_uncommitted_staging_files_are_dropped(project_copy: Path) -> None:
    snippets = project_copy / "snippets"
    before = _state(project_copy)
    for name in (f".{DOC}.yaml.abc123.tmp", f".ingested/.{DOC}.yaml.zz9_x.tmp"):
        (snippets / name).write_text("passages: []\n", encoding="utf-8")
    assert run_cli("lint", cwd=project_copy).returncode == 0
    assert _leftovers(project_copy) == [] and _state(project_copy) == before


@pytest.mark.parametrize("target", ["../taxonomy.yaml", "/etc/x.yaml", "a/../../b.yaml", "x.txt"])
def test_a_hostile_journal_moves_nothing(project_copy: Path, target: str) -> None:
    snippets = project_copy / "snippets"
    taxonomy = (project_copy / "taxonomy.yaml").read_text(encoding="utf-8")
    (snippets / ".x.yaml.abc.tmp").write_text("junk: 1\n", encoding="utf-8")
    (snippets / journal.JOURNAL).write_text(json.dumps({"files": [[".x.yaml.abc.tmp", target]]}),
                                            encoding="utf-8")
    with pytest.raises(LibraryError, match="记录文件无法识别"):
        journal.recover(snippets)
    assert (project_copy / "taxonomy.yaml").read_text(encoding="utf-8") == taxonomy
    result = run_cli("lint", cwd=project_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cailiaoku-journal.json" in result.stderr


def test_failed_staging_writes_nothing(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "sub" / "b.yaml"
    a.write_text("old a\n", encoding="utf-8")

    def fail(label: str) -> None:
        if label == "stage b.yaml":
            raise OSError("disk full")

    journal.FAULT = fail
    try:
        with pytest.raises(OSError):
            atomic_write_many({a: "new a\n", b: "new b\n"})
    finally:
        journal.FAULT = None
    assert a.read_text(encoding="utf-8") == "old a\n" and not b.exists()
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []

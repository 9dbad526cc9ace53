"""Files the program writes get the mode a plain write gives (mkstemp alone makes them 0600)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from conftest import run_cli


def test_ingest_and_add_source_write_files_readable_by_the_group(project_copy: Path, tmp_path: Path) -> None:
    incoming = tmp_path / "新范文.txt"
    incoming.write_text("县文旅局2025年宣传思想工作总结\n一、主要做法\n（一）加强理论学习。全年组织集中学习12次。\n",
                        encoding="utf-8")
    old = os.umask(0o022)
    try:
        result = run_cli("add-source", str(incoming), cwd=project_copy)
        assert result.returncode == 0, result.stdout + result.stderr
        assert run_cli("ingest", cwd=project_copy).returncode == 0
    finally:
        os.umask(old)
    written = [*project_copy.glob("snippets/*.yaml"), *project_copy.glob("sources/*")]
    assert len(written) > 8
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path

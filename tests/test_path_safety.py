"""Nothing from data becomes a path outside its folder, and no link leads out of the project:
sidecar ids, document and passage ids (plain `mkdocs build` too), links under sources/, docs/,
snippets/ and in the site folder, dangling links, link loops, folders and FIFOs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cailiaoku.errors import CailiaokuError
from cailiaoku.hosting.release import zip_site
from cailiaoku.ingest.reading import read_source
from cailiaoku.paths import UnsafePath, safe_child
from conftest import run_cli

SAMPLE = "2024-局-意识形态工作总结"
TEXT = "某县文化馆2024年工作总结\n一、主要工作\n（一）开展群众文化活动。全年举办讲座二十场，惠及群众三千人次。\n"
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_safe_child_refuses_every_name_that_is_a_path() -> None:
    for bad in ("../taxonomy", "/etc/passwd", "a/b", "a\\b", "..", ".hidden", "C:x", "", "Ab", None, 5):
        with pytest.raises(UnsafePath):
            safe_child(Path("snippets"), bad, ".yaml")
    assert safe_child(Path("snippets"), "2024-ju-zongjie", ".yaml") == Path("snippets/2024-ju-zongjie.yaml")


@pytest.mark.parametrize("declared", ["../taxonomy", "/tmp/cailiaoku-evil", "../../outside", "sub/dir"])
def test_sidecar_id_cannot_make_ingest_write_outside_snippets(project_copy: Path, declared: str) -> None:
    before = _tree(project_copy)
    source = project_copy / "sources" / "evil.txt"
    source.write_text(TEXT, encoding="utf-8")
    source.with_suffix(".yaml").write_text(f"title: 文化馆总结\nid: {declared}\n", encoding="utf-8")
    result = run_cli("ingest", "sources/evil.txt", cwd=project_copy)
    assert result.returncode == 1
    assert f"跳过 sources/evil.txt：sources/evil.yaml:第 2 行第 1 列：旁注中的 id '{declared}' 不合法" in result.stderr
    assert "Traceback" not in result.stderr
    after = _tree(project_copy)
    assert {k: v for k, v in after.items() if not k.startswith("sources/evil")} == before
    assert not Path("/tmp/cailiaoku-evil.yaml").exists()


@pytest.mark.parametrize(("old", "new"), [
    ("  id: 2024-ju-zongjie\n", "  id: ../../../X\n"),   # document id → source/<id>.html
    ("- id: sntb288\n", "- id: ../../../X\n"),           # passage id → p/<id>.html
])
def test_plain_mkdocs_build_never_writes_outside_site(project_copy: Path, old: str, new: str) -> None:
    path = project_copy / "snippets" / "2024-ju-zongjie.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = subprocess.run([MKDOCS, "build", "-q"], cwd=project_copy, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    assert "'../../../X' 不能用作文件名" in result.stdout + result.stderr
    outside = [p for p in project_copy.parent.rglob("X.html")]
    assert outside == []


def test_link_in_sources_to_a_file_outside_is_not_ingested(project_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "machine" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(TEXT, encoding="utf-8")
    (project_copy / "sources" / "secret.txt").symlink_to(secret)
    result = run_cli("ingest", cwd=project_copy)
    assert result.returncode == 1
    assert "sources/secret.txt：这是指向项目之外" in result.stderr and str(secret) in result.stderr
    assert "Traceback" not in result.stderr
    assert not any("文化馆" in p.read_text(encoding="utf-8") for p in (project_copy / "snippets").rglob("*.yaml"))


def test_dangling_link_loop_folder_and_fifo_each_get_their_own_message(project_copy: Path) -> None:
    sources = project_copy / "sources"
    (sources / "gone.txt").symlink_to(sources / "deleted-long-ago.txt")
    (sources / "loop.txt").symlink_to(sources / "loop.txt")
    (sources / "folder.txt").mkdir()
    os.mkfifo(sources / "pipe.txt")
    # A folder on the command line is imported as a folder; read on its own, it is named as one.
    with pytest.raises(CailiaokuError, match="这是一个文件夹，不是文件"):
        read_source(sources / "folder.txt")
    expected = {"gone.txt": "失效的链接", "loop.txt": "循环", "pipe.txt": "不是普通文件"}
    for name, message in expected.items():
        result = run_cli("ingest", f"sources/{name}", cwd=project_copy)
        assert result.returncode == 1, name
        assert f"sources/{name}：" in result.stderr and message in result.stderr, result.stderr
        assert "找不到文件" not in result.stderr and "Traceback" not in result.stderr
    (sources / "loop.txt").unlink()
    (sources / "folder.txt").rmdir()
    (sources / "pipe.txt").unlink()
    result = run_cli("ingest", cwd=project_copy)  # the whole folder: the dangling link is named
    assert result.returncode == 1 and "sources/gone.txt：这是一个失效的链接" in result.stderr


def test_link_in_snippets_to_a_file_outside_is_refused_by_lint(project_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(project_copy / "snippets" / "2024-ju-zongjie.yaml", outside)
    (project_copy / "snippets" / "2024-ju-zongjie.yaml").unlink()
    (project_copy / "snippets" / "2024-ju-zongjie.yaml").symlink_to(outside)
    result = run_cli("lint", cwd=project_copy)
    assert result.returncode == 1
    assert "snippets/2024-ju-zongjie.yaml:1:1: E000 这是指向项目之外" in result.stdout


def test_link_under_docs_stops_plain_mkdocs_build(project_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "build-machine-secret.txt"
    secret.write_text("SECRET-OF-THE-BUILD-MACHINE", encoding="utf-8")
    (project_copy / "docs" / "notes.txt").symlink_to(secret)
    result = subprocess.run([MKDOCS, "build", "-q"], cwd=project_copy, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    assert "docs/notes.txt：这是指向项目之外" in result.stdout + result.stderr
    site = project_copy / "site"
    assert not site.exists() or not any(b"SECRET-OF-THE-BUILD-MACHINE" in p.read_bytes()
                                        for p in site.rglob("*") if p.is_file())


def test_release_zip_refuses_a_link_out_of_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>材料库</h1>", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    (site / "secret.txt").symlink_to(secret)
    with pytest.raises(CailiaokuError, match="指向项目之外"):
        zip_site(site, tmp_path / "out.zip")
    assert not (tmp_path / "out.zip").exists()

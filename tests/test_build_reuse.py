"""A rebuild links the light pages that did not change from the site it replaces (no rewrite)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

EDITED = "snippets/2024-ju-zongjie.yaml"
OLD, NEW = "全年共开展各类理论宣讲活动180次。", "全年共开展各类理论宣讲活动200次。"


def _inodes(site: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in (site / "p").glob("*.html")}


def test_an_edit_rewrites_its_pages_and_links_the_rest(project_copy: Path) -> None:
    site = project_copy / "site"
    assert run_cli("build", cwd=project_copy).returncode == 0
    before = _inodes(site)
    path = project_copy / EDITED
    text = path.read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    path.write_text(text.replace(OLD, NEW), encoding="utf-8")
    assert run_cli("build", cwd=project_copy).returncode == 0
    after = _inodes(site)
    assert after.keys() == before.keys()
    assert NEW in (site / "p" / "v9rs55k.html").read_text(encoding="utf-8")
    changed = {name for name in after if after[name] != before[name]}
    assert "v9rs55k.html" in changed  # its own page, and those that show it (parent, similar)
    assert 0 < len(changed) < len(after) // 4
    for name in sorted(after.keys() - changed)[:50]:
        assert OLD not in (site / "p" / name).read_text(encoding="utf-8") or name == "v9rs55k.html"


def test_a_page_changed_by_hand_in_the_old_site_is_written_afresh(project_copy: Path) -> None:
    """The record of what was written holds each file's size and mtime: a touched file is not reused."""
    site = project_copy / "site"
    assert run_cli("build", cwd=project_copy).returncode == 0
    good = (site / "p" / "v9rs55k.html").read_bytes()
    (site / "p" / "v9rs55k.html").write_bytes(good.replace("理论宣讲".encode(), "改过的".encode()))
    assert run_cli("build", cwd=project_copy).returncode == 0
    assert (site / "p" / "v9rs55k.html").read_bytes() == good


def test_a_build_into_another_folder_writes_every_page(project_copy: Path, tmp_path: Path) -> None:
    """Nothing is linked across different output folders (each has its own record)."""
    assert run_cli("build", cwd=project_copy).returncode == 0
    other = tmp_path / "other"
    assert run_cli("build", "--site-dir", str(other), cwd=project_copy).returncode == 0
    mine, theirs = _inodes(project_copy / "site"), _inodes(other)
    assert mine.keys() == theirs.keys() and not set(mine.values()) & set(theirs.values())

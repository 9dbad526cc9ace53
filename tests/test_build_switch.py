"""`cailiaoku build` builds beside site/ and switches only on success: a failed build keeps the old site."""

from __future__ import annotations

import time
from pathlib import Path

from cailiaoku.site.switch import staging_dir, switch
from conftest import run_cli


def _siblings(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


def _siblings_soon(site: Path, seconds: float = 30) -> list[str]:
    """The retired site is removed by a detached process after the command returned."""
    deadline = time.monotonic() + seconds
    while _siblings(site) and time.monotonic() < deadline:
        time.sleep(0.1)
    return _siblings(site)


def test_failed_build_leaves_the_old_site_and_success_replaces_it(project_copy: Path) -> None:
    site = project_copy / "site"
    site.mkdir()
    (site / "index.html").write_text("旧网站", encoding="utf-8")
    (site / "stale.html").write_text("旧页面", encoding="utf-8")
    (project_copy / f".{site.name}.building-0badc0de").mkdir()  # left by a build killed earlier

    broken = project_copy / "docs" / "lesson.md"
    broken.write_text('# 课\n\n{{ passage("nosuch9") }}\n', encoding="utf-8")
    result = run_cli("build", cwd=project_copy)
    assert result.returncode == 1 and "nosuch9" in result.stderr and "原有网站未改动" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "旧网站"
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "stale.html"]
    assert _siblings(site) == []  # the half-built folder and the earlier leftover are gone

    broken.unlink()
    result = run_cli("build", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "材料库" in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "stale.html").exists() and (site / "p").is_dir()
    assert _siblings_soon(site) == []


def test_switch_into_a_folder_that_does_not_exist_yet(tmp_path: Path) -> None:
    target = tmp_path / "out" / "site"
    staging = staging_dir(target)
    staging.mkdir()
    (staging / "index.html").write_text("新", encoding="utf-8")
    switch(staging, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "新"
    assert _siblings(target) == []


def test_a_switch_killed_between_its_renames_gets_the_old_site_back(tmp_path: Path) -> None:
    target = tmp_path / "site"
    aside = tmp_path / ".site.old-0123abcd"  # the old site moved aside, the new one never arrived
    aside.mkdir()
    (aside / "index.html").write_text("旧", encoding="utf-8")
    (tmp_path / ".site.building-89abcdef").mkdir()
    staging_dir(target)
    assert (target / "index.html").read_text(encoding="utf-8") == "旧"
    assert _siblings(target) == []


def test_the_old_site_is_removed_in_the_background_after_the_switch(tmp_path: Path) -> None:
    target = tmp_path / "site"
    (target / "p").mkdir(parents=True)
    for k in range(200):
        (target / "p" / f"{k}.html").write_text("旧", encoding="utf-8")
    staging = staging_dir(target)
    staging.mkdir()
    (staging / "index.html").write_text("新", encoding="utf-8")
    switch(staging, target)
    assert sorted(p.name for p in target.iterdir()) == ["index.html"]  # in place at once
    assert _siblings_soon(target) == []  # the old one gone soon after, by another process

"""`cailiaoku search` keeps its built search data under .cache/, keyed by the library's content."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from cailiaoku.cache import cached
from conftest import run_cli

JU = "snippets/2024-ju-zongjie.yaml"


def caches(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "cailiaoku").glob("search-*.pickle"))


def search(project: Path, *args: str) -> dict:
    result = run_cli("search", *args, "--json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_cache_reused_until_the_library_changes(project_copy: Path) -> None:
    first = search(project_copy, "理论学习")
    [cache] = caches(project_copy)
    stamp = cache.stat().st_mtime_ns
    assert search(project_copy, "理论学习") == first
    assert caches(project_copy) == [cache] and cache.stat().st_mtime_ns == stamp  # reused, not rewritten
    # A snippets file changes: the new text is found at once, the stale cache is replaced.
    path = project_copy / JU
    path.write_text(path.read_text(encoding="utf-8").replace("全年共召开党委理论学习中心组15次",
                                                             "全年共召开党委理论学习中心组十五次"), encoding="utf-8")
    found = search(project_copy, "--exact", "中心组十五次")
    assert found["ids"] == ["d7rgh5x"]
    assert len(caches(project_copy)) == 1 and caches(project_copy) != [cache]
    # taxonomy.yaml is part of the key too.
    tax = project_copy / "taxonomy.yaml"
    before = caches(project_copy)
    tax.write_text(tax.read_text(encoding="utf-8") + "\n# 注释也算改动\n", encoding="utf-8")
    search(project_copy, "理论学习")
    assert caches(project_copy) != before


def test_corrupt_or_planted_cache_is_rebuilt_silently(project_copy: Path, tmp_path: Path) -> None:
    expected = search(project_copy, "舆情")
    [cache] = caches(project_copy)
    cache.write_bytes(b"\x00garbage")
    assert search(project_copy, "舆情") == expected
    # A pickle planted in a checkout (no valid signature) is never unpickled.
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self) -> tuple:
            return (open, (str(marker), "w"))

    [cache] = caches(project_copy)
    cache.write_bytes(b"\0" * 32 + pickle.dumps(Planted()))
    assert search(project_copy, "舆情") == expected
    assert not marker.exists()


def test_cached_builds_once_per_content(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("x: 1\n", encoding="utf-8")
    calls = []

    def build() -> dict:
        calls.append(1)
        return {"n": len(calls)}

    folder = tmp_path / ".cache"
    assert cached(folder, "t", [source], build) == {"n": 1}
    assert cached(folder, "t", [source], build) == {"n": 1}
    source.write_text("x: 2\n", encoding="utf-8")
    assert cached(folder, "t", [source], build) == {"n": 2}
    assert len(list(folder.glob("t-*.pickle"))) == 1
    assert not list(folder.glob(".*.tmp"))  # atomic: no temp file left behind


def test_a_cache_folder_linked_out_of_the_project_is_never_used(project_copy: Path, tmp_path: Path) -> None:
    """A `.cache` symlink committed to a checkout: nothing is written, read or deleted through it."""
    from cailiaoku.cache import read_signed, write_signed

    outside = tmp_path / "outside"
    (outside / "cailiaoku").mkdir(parents=True)
    write_signed(outside / "cailiaoku" / "tokens-x.pickle", {"planted": 1})  # validly signed, outside
    (project_copy / ".cache").symlink_to(outside, target_is_directory=True)
    linked = project_copy / ".cache" / "cailiaoku" / "tokens-x.pickle"
    assert read_signed(linked) is None
    write_signed(linked.with_name("tokens-y.pickle"), {"new": 1}, stale=[linked])
    first = search(project_copy, "理论学习")
    assert search(project_copy, "理论学习") == first and first["ids"]
    assert sorted(p.name for p in (outside / "cailiaoku").iterdir()) == ["tokens-x.pickle"]

"""The library is read once per process: libyaml's fast plain-data path (the same data and the
same refusals as the locating reader), one cache of parsed files shared by lint, the CLI and the
site's plugins, and a `cailiaoku build` that parses each library file once and lints once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cailiaoku import parsecache
from cailiaoku.errors import LibraryError
from cailiaoku.library import load_file, load_library, shared_library
from cailiaoku.yamlfast import load_plain
from cailiaoku.yamlio import load_with_positions

ROOT = Path(__file__).resolve().parents[1]

PLAIN = [
    "a: 1\nb: [x, 2024-01-01, 2024-01-01 10:00:00]\nc:\n  d: |-\n    多行\n    文字\ne: =\n",
    "- 0x1F\n- .inf\n- ~\n-\n- yes\n- No\n- '2024'\n- \"引号\"\n- 1_000\n- -3.5\n- null\n",
    "{a: {b: {c: [1, {d: e}]}}, 'k': v, 3: three, true: t}\n",
    "",
    "# only a comment\n",
    "--- \nx: y\n...\n",
    "! tagged: ! 非特定标记\n",
    "!!str 123: !!int '7'\nlist: !!seq [a]\n",
    "text: >-\n  折叠\n  文字\n",
]
HOSTILE = [
    "a: &x 1\nb: *x\n",
    "a: !!python/object/apply:os.system [ls]\n",
    "a: !local x\n",
    "a: !!binary 5bGA\n",
    "<<: {a: 1}\n",
    "a: 1\na: 2\n",
    "? [a, b]\n: c\n",
    "? {a: b}\n: c\n",
    "~: x\n",
    "a: 1\n---\nb: 2\n",
    "[" * 60 + "]" * 60 + "\n",
    "a: \x07\n",
    "a: [1, 2\n",
    "a: b: c\n",
    "year: 2024-02-30\n",
    "a: !!set {x}\n",
    "- &anchor [1]\n",
]


@pytest.mark.parametrize("text", PLAIN)
def test_fast_path_gives_the_locating_readers_data(text: str) -> None:
    assert load_plain(text, "f.yaml") == load_with_positions(text, "f.yaml")[0]


def test_fast_path_reads_the_bundled_project_as_the_locating_reader_does() -> None:
    files = [*ROOT.glob("snippets/*.yaml"), *ROOT.glob("sources/*.yaml"), ROOT / "taxonomy.yaml"]
    assert len(files) >= 9
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert load_plain(text, str(path)) == load_with_positions(text, str(path))[0], path


@pytest.mark.parametrize("text", HOSTILE)
def test_fast_path_refuses_with_the_same_located_message(text: str) -> None:
    with pytest.raises(LibraryError) as slow:
        load_with_positions(text, "f.yaml")
    with pytest.raises(LibraryError) as fast:
        load_plain(text, "f.yaml")
    assert (fast.value.message, fast.value.line, fast.value.col, fast.value.hint) == \
        (slow.value.message, slow.value.line, slow.value.col, slow.value.hint)
    assert fast.value.line and "Traceback" not in fast.value.message


def test_an_impossible_date_is_a_located_error_not_a_crash() -> None:
    with pytest.raises(LibraryError, match="2024-02-30”不是有效的日期") as info:
        load_plain("document:\n  year: 2024-02-30\n", "f.yaml")
    assert (info.value.line, info.value.col) == (2, 9)


def _rewrite_keeping_stamp(path: Path, old: str, new: str) -> None:
    """Same size, same mtime: only the content (and the inode's ctime) tells the change."""
    assert len(old.encode()) == len(new.encode())
    info = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns


def test_a_file_is_parsed_once_while_unchanged_and_again_when_changed(project_copy: Path) -> None:
    path = project_copy / "snippets" / "2024-ju-zongjie.yaml"
    first = parsecache.parsed(path)
    assert parsecache.parsed(path) is first  # just written: compared by content, still the same
    _rewrite_keeping_stamp(path, "title: 局2024年", "title: 县2024年")
    assert parsecache.parsed(path).raw["document"]["title"].startswith("县2024年")
    old = 1_500_000_000 * 10**9  # long ago: trusted by its stamp
    os.utime(path, ns=(old, old))
    settled = parsecache.parsed(path)
    assert parsecache.parsed(path) is settled
    _rewrite_keeping_stamp(path, "title: 县2024年", "title: 市2024年")  # ctime moved
    assert parsecache.parsed(path).raw["document"]["title"].startswith("市2024年")


def test_every_reader_shares_one_library_and_sees_a_change(project_copy: Path) -> None:
    snippets = project_copy / "snippets"
    shared = shared_library(snippets)
    assert shared_library(snippets) is shared
    mine = load_library(snippets)  # a library of its own: a command may change it
    assert mine is not shared and mine.documents[0] is not shared.documents[0]
    assert [d.id for d in mine.documents] == [d.id for d in shared.documents]
    doc = load_file(snippets / "2024-ju-zongjie.yaml").document
    assert doc is not None and all(doc is not d for d in shared.documents)
    path = snippets / "2024-ju-zongjie.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 局2024年", "title: 县2024年"),
                    encoding="utf-8")
    changed = shared_library(snippets)
    assert changed is not shared
    assert any(d.title.startswith("县2024年") for d in changed.documents)
    (snippets / "2024-ju-zongjie.yaml").unlink()
    assert len(shared_library(snippets).documents) == len(shared.documents) - 1


# Runs `cailiaoku build` in this process, counting parses of library files and lint runs.
COUNTING_BUILD = r"""
import json, sys
from collections import Counter
from pathlib import Path
from cailiaoku import lint, parsecache, yamlio
from cailiaoku.cli import main
parses, lints = Counter(), []
real_fast, real_slow, real_lint = parsecache.load_plain, yamlio.load_with_positions, lint.lint_library
def fast(text, filename):
    parses[filename] += 1
    return real_fast(text, filename)
def slow(text, filename):
    parses[filename] += 1
    return real_slow(text, filename)
def counting_lint(*args, **kwargs):
    lints.append(1)
    return real_lint(*args, **kwargs)
parsecache.load_plain, yamlio.load_with_positions, lint.lint_library = fast, slow, counting_lint
try:
    sys.argv = ["cailiaoku", "build", "--site-dir", sys.argv[1]]
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
from cailiaoku.library import document_to_dict, load_library, shared_library
parsecache.load_plain, yamlio.load_with_positions = real_fast, real_slow
# The plugins share one library object: none of them may have changed it.
same = ([document_to_dict(d) for d in shared_library(Path("snippets")).documents]
        == [document_to_dict(d) for d in load_library(Path("snippets")).documents])
print(json.dumps({"parses": parses, "lints": len(lints), "unchanged": same}))
"""


def test_build_parses_each_library_file_once_and_lints_once(project_copy: Path) -> None:
    result = subprocess.run([sys.executable, "-c", COUNTING_BUILD, str(project_copy / "out")],
                            cwd=project_copy, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    library = {k: v for k, v in counts["parses"].items() if "/snippets/" in k or k.startswith("snippets/")}
    files = sorted(p.name for p in (project_copy / "snippets").glob("*.yaml"))
    assert sorted(Path(k).name for k in library) == files
    assert set(library.values()) == {1}, library
    assert counts["lints"] == 1
    assert counts["unchanged"]
    assert (project_copy / "out" / "p").is_dir()


def _build_counting(project: Path) -> dict[str, int]:
    result = subprocess.run([sys.executable, "-c", COUNTING_BUILD, str(project / "out")],
                            cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    parses = json.loads(result.stdout.strip().splitlines()[-1])["parses"]
    return {Path(k).name: v for k, v in parses.items() if "snippets/" in k}


def test_a_rebuild_parses_only_the_library_files_that_changed(project_copy: Path) -> None:
    assert len(_build_counting(project_copy)) == len(list((project_copy / "snippets").glob("*.yaml")))
    assert _build_counting(project_copy) == {}  # every parse kept under .cache/ by content
    path = project_copy / "snippets" / "2024-ju-zongjie.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 局2024年", "title: 县2024年"),
                    encoding="utf-8")
    assert _build_counting(project_copy) == {"2024-ju-zongjie.yaml": 1}
    assert "县2024年" in (project_copy / "out" / "source" / "2024-ju-zongjie.html").read_text(encoding="utf-8")


def test_kept_parses_report_the_same_problems(project_copy: Path) -> None:
    from cailiaoku.lint import lint_library
    from cailiaoku.taxonomy import load_taxonomy

    path = project_copy / "snippets" / "2024-ju-zongjie.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2024", "year: 二〇二四", 1), encoding="utf-8")
    taxonomy = load_taxonomy(project_copy / "taxonomy.yaml")
    cache = project_copy / ".cache" / "cailiaoku"
    with parsecache.kept_in(cache):
        first = lint_library(project_copy / "snippets", taxonomy, project_copy)
    assert list(cache.glob("parsed-*.pickle")) and any(p.code == "E001" for p in first)
    parsecache.clear()
    with parsecache.kept_in(cache):
        again = lint_library(project_copy / "snippets", taxonomy, project_copy)
    assert [p.format() for p in again] == [p.format() for p in first]

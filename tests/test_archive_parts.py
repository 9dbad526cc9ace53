"""Pieces of the archive import on small inputs: folder walking, _meta.yaml, duplicate finding,
the report files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cailiaoku.bench.archive_corpus import invent
from cailiaoku.errors import CailiaokuError, SourceError
from cailiaoku.ingest.archive_report import IGNORED, NEW, SKIPPED, Row, summary, write_report
from cailiaoku.ingest.duplicates import DuplicateIndex, fingerprint
from cailiaoku.ingest.folders import folder_defaults, read_folder_meta, walk
from cailiaoku.ingest.pipeline import analyse_source
from cailiaoku.taxonomy import load_taxonomy
from samples import ROOT

TAXONOMY = load_taxonomy(ROOT / "taxonomy.yaml")


def write(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_walk_lists_every_file_with_why_it_is_skipped(tmp_path: Path) -> None:
    for name in ("a.txt", "b.docx", "子目录/c.pdf", "子目录/c.yaml", "~$b.docx", ".~lock.b.docx#",
                 "x.tmp", ".DS_Store", "图.png", "README.md", "_meta.yaml", ".git/HEAD.txt"):
        write(tmp_path / name, "year: 2024\n" if name == "_meta.yaml" else "x")
    (tmp_path / "链接.txt").symlink_to(tmp_path / "a.txt")
    found = {f.path.relative_to(tmp_path).as_posix(): f.skip for f in walk([tmp_path])}
    assert found == {
        "a.txt": "", "b.docx": "", "子目录/c.pdf": "",  # c.yaml is c.pdf's sidecar: not listed
        "~$b.docx": "临时文件或锁文件", ".~lock.b.docx#": "临时文件或锁文件", "x.tmp": "临时文件或锁文件",
        ".DS_Store": "隐藏文件", "图.png": "不是范文文档（.png）", "README.md": "不是范文文档（.md）",
        "链接.txt": "符号链接（为安全起见不跟随）",
    }


def test_meta_defaults_nearest_wins(tmp_path: Path) -> None:
    write(tmp_path / "_meta.yaml", "org: 县民政局\nyear: 2023\nkind: 总结\n")
    write(tmp_path / "2024" / "_meta.yaml", "year: 2024\n")
    meta = folder_defaults(tmp_path / "2024", tmp_path)
    assert (meta.org, meta.year, meta.kind) == ("县民政局", 2024, "总结")


@pytest.mark.parametrize(("text", "message"), [
    ("year: 24\n", "四位数字年份"), ("author: 张三\n", "不认识的键"), ("- a\n- b\n", "键值对"),
    ("!!python/object:os.system x\n", ""),
])
def test_bad_meta_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "_meta.yaml", text)
    with pytest.raises(CailiaokuError) as info:
        read_folder_meta(path)
    assert message in info.value.message and info.value.path == str(path)


def test_files_under_a_bad_meta_are_skipped_with_the_reason(tmp_path: Path) -> None:
    write(tmp_path / "_meta.yaml", "year: 二〇二四\n")
    write(tmp_path / "a.txt")
    [found] = walk([tmp_path])
    assert "_meta.yaml 有误" in found.skip and "year" in found.skip


def test_meta_applies_to_single_file_ingest_under_sources(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_bytes((ROOT / "taxonomy.yaml").read_bytes())
    doc = invent(5, title_year=False)
    write(tmp_path / "sources" / "档案" / "_meta.yaml", "org: 县水利局\nyear: 2021\n")
    source = write(tmp_path / "sources" / "档案" / "a.txt", doc.text)
    d = analyse_source(source, TAXONOMY, tmp_path)
    assert (d.org, d.year) == ("县水利局", 2021)
    other = write(tmp_path / "sources" / "别处" / "a.txt", doc.text)  # same name, other folder
    assert analyse_source(other, TAXONOMY, tmp_path).id != d.id


def _doc(text: str, tmp_path: Path, name: str) -> object:
    return analyse_source(write(tmp_path / name, text), TAXONOMY, tmp_path)


def test_duplicates_exact_near_and_different(tmp_path: Path) -> None:
    base = invent(11)
    index = DuplicateIndex(0.9)
    index.add("orig", fingerprint(_doc(base.text, tmp_path, "a.txt")))
    spaced = base.text.replace("，", ", ").replace("。", "。 ")  # punctuation/space noise only
    assert index.best(fingerprint(_doc(spaced, tmp_path, "b.txt"))) == ("orig", 1.0)
    edited = base.text.replace("现报告如下", "现将有关情况报告如下")
    hit = index.best(fingerprint(_doc(edited, tmp_path, "c.txt")))
    assert hit is not None and hit[0] == "orig" and 0.9 <= hit[1] < 1.0
    assert index.best(fingerprint(_doc(invent(12).text, tmp_path, "d.txt"))) is None
    other_year = base.text.replace(str(base.year), str(base.year + 1))
    assert index.best(fingerprint(_doc(other_year, tmp_path, "e.txt"))) is None  # years differ


def test_report_files_and_summary(tmp_path: Path) -> None:
    rows = [Row("档案/a.docx", "docx", NEW, "", "a-1", "县局2024年工作总结", "总结", 2024, "县局", 12,
                "年份：目录 _meta.yaml"),
            Row("档案/b.pdf", "pdf", SKIPPED, "扫描件没有文字层，需先 OCR"),
            Row("档案/~$a.docx", "docx", IGNORED, "临时文件或锁文件")]
    write_report(rows, tmp_path / "r.csv")
    write_report(rows, tmp_path / "r.json")
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith("\ufeff文件,格式,结果".encode())  # Excel reads the BOM as UTF-8
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [r["结果"] for r in table] == [r["结果"] for r in data] == [NEW, SKIPPED, IGNORED]
    assert data[0]["年份"] == 2024 and table[1]["原因或说明"] == "扫描件没有文字层，需先 OCR"
    lines = summary(rows)
    assert "请核对：年份：目录 _meta.yaml" in lines[1]
    assert "合计：新建 1，跳过 1，忽略 1（共 3 个文件）" in lines
    assert "按文种：总结 1" in lines and "按年份：2024 1" in lines
    with pytest.raises(CailiaokuError):
        write_report(rows, tmp_path / "r.txt")


def test_analysis_errors_are_source_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceError):
        _doc("", tmp_path, "empty.txt")


def test_dry_run_of_a_folder_writes_nothing_and_plain_ingest_finds_subfolders(project_copy: Path) -> None:
    from conftest import run_cli

    folder = project_copy / "收件"
    write(folder / "2021年" / "a.txt", invent(21).text)
    before = sorted(p.relative_to(project_copy) for p in project_copy.rglob("*"))
    result = run_cli("ingest", "--dry-run", str(folder), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert invent(21).title in result.stdout
    assert sorted(p.relative_to(project_copy) for p in project_copy.rglob("*")) == before
    write(project_copy / "sources" / "档案" / "b.txt", invent(22).text)
    result = run_cli("ingest", cwd=project_copy)  # no arguments: all of sources/, subfolders too
    assert result.returncode == 0, result.stderr
    assert "snippets/" in result.stdout and len(list((project_copy / "snippets").glob("*.yaml"))) == 5


def test_progress_bar_on_a_terminal(project_copy: Path) -> None:
    """With a terminal on stderr, click's progress bar is drawn (not the plain lines)."""
    import os
    import pty
    import subprocess
    import sys

    folder = project_copy / "收件"
    for n in (31, 32):
        write(folder / f"{n}.txt", invent(n).text)
    leader, follower = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "cailiaoku", "ingest", str(folder), "-j", "1"],
                                cwd=project_copy, stdout=subprocess.PIPE, stderr=follower, timeout=300)
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0
    screen = drawn.decode("utf-8", "replace")
    assert "导入" in screen and "100%" in screen and "已读取" not in screen
    assert result.stdout.decode().startswith("导入报告：")

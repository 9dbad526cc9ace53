"""`cailiaoku ingest DIR`: a folder of 60+ mixed files goes in with one command; the report
lists every file; duplicates go in once; nothing of a skipped file is written; lint passes."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from cailiaoku.bench.archive_corpus import ORGS, Archive, make_archive
from conftest import ROOT, run_cli
from samples import SOURCES

CHANGED = "旧档/局意识形态总结（修改版）.txt"
EDITED = "编辑改写过的段落正文：全年组织专题学习，成效明显。"


@dataclass
class Imported:
    project: Path
    archive: Archive
    run: subprocess.CompletedProcess[str]
    rows: dict[str, dict[str, str]]  # path under the archive → report row
    edited_id: str


def _project(dest: Path) -> Path:
    dest.mkdir()
    for name in ("sources", "snippets"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy2(ROOT / "taxonomy.yaml", dest / "taxonomy.yaml")
    return dest


def _edit_library(project: Path) -> str:
    """An editor rewrote one passage of the bundled 局 document."""
    path = project / "snippets" / "2024-ju-zongjie.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    passage = next(p for p in data["passages"] if p["type"] == "item")
    text = path.read_text(encoding="utf-8").replace(passage["text"], EDITED, 1)
    path.write_text(text, encoding="utf-8")
    return passage["id"]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    tmp = tmp_path_factory.mktemp("archive")
    project = _project(tmp / "proj")
    edited = _edit_library(project)
    archive = make_archive(tmp / "档案", unique=48)
    sample = SOURCES["2024-ju-zongjie"].read_text(encoding="utf-8")
    lines = sample.rstrip("\n").split("\n")
    last = max(i for i, line in enumerate(lines) if "。" in line and "Powered" not in line)
    lines[last] = lines[last].replace("。", "，一以贯之。", 1)  # a changed sentence late in the text
    changed = "\n".join(lines) + "\n"
    assert changed != sample
    archive.add(CHANGED, "更新").write_text(changed, encoding="utf-8")
    report = tmp / "报告.csv"
    run = run_cli("ingest", str(archive.folder), "--report", str(report), "-j", "2", cwd=project)
    with report.open(encoding="utf-8-sig", newline="") as fh:
        rows = {str(Path(r["文件"]).relative_to(archive.folder)): r for r in csv.DictReader(fh)}
    return Imported(project, archive, run, rows, edited)


def test_folder_of_sixty_files_goes_in_with_one_command(imported: Imported) -> None:
    assert len(imported.archive.expected) >= 60
    assert imported.run.returncode == 1, imported.run.stderr  # some files were skipped
    assert "Traceback" not in imported.run.stderr
    assert imported.run.stdout.startswith("导入报告：")
    assert "[1] 已读取" in imported.run.stderr  # plain progress lines when not a terminal
    assert set(imported.rows) == set(imported.archive.expected)  # every file, nothing else
    outcomes = {rel: row["结果"] for rel, row in imported.rows.items()}
    assert outcomes == imported.archive.expected
    for rel, row in imported.rows.items():
        if row["结果"] in ("跳过", "忽略"):
            assert row["原因或说明"], rel
    assert "按文种：" in imported.run.stdout and "按年份：" in imported.run.stdout


def test_the_library_lints_clean(imported: Imported) -> None:
    result = run_cli("lint", cwd=imported.project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_originals_kept_byte_for_byte_and_skipped_files_not_written(imported: Imported) -> None:
    kept = imported.project / "sources" / imported.archive.folder.name
    sources_of = set()
    for path in (imported.project / "snippets").glob("*.yaml"):
        sources_of.add(yaml.safe_load(path.read_text(encoding="utf-8"))["document"]["source"])
    for rel, outcome in imported.archive.expected.items():
        copy = kept / rel
        recorded = f"sources/{imported.archive.folder.name}/{rel}"
        if outcome == "新建" or outcome == "更新":
            assert copy.read_bytes() == (imported.archive.folder / rel).read_bytes()
            assert recorded in sources_of
        else:
            assert not copy.exists(), rel
            assert recorded not in sources_of


def test_duplicates_are_ingested_once(imported: Imported) -> None:
    assert imported.archive.twins
    for twin, original in imported.archive.twins.items():
        row = imported.rows[twin]
        assert row["结果"] == "重复"
        assert row["重复于"] == str(imported.archive.folder / original)
        assert float(row["相似度"]) >= 0.9
        assert imported.rows[original]["结果"] == "新建"


def test_changed_version_reingests_and_keeps_the_editors_edit(imported: Imported) -> None:
    row = imported.rows[CHANGED]
    assert row["文档id"] == "2024-ju-zongjie" and "新版本" in row["原因或说明"]
    text = (imported.project / "snippets" / "2024-ju-zongjie.yaml").read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    assert doc["document"]["source"] == f"sources/{imported.archive.folder.name}/{CHANGED}"
    edited = next(p for p in doc["passages"] if p["id"] == imported.edited_id)
    assert edited["text"] == EDITED
    assert "一以贯之" in text
    old = imported.project / "sources" / SOURCES["2024-ju-zongjie"].name
    assert not old.exists() and not old.with_suffix(".yaml").exists()  # superseded, kept aside:
    aside = imported.project / "sources" / ".旧版本" / old.name
    assert aside.read_bytes() == SOURCES["2024-ju-zongjie"].read_bytes()
    sidecar = yaml.safe_load((imported.archive.folder.parent / "proj" / "sources" / imported.archive.folder.name
                              / CHANGED).with_suffix(".yaml").read_text(encoding="utf-8"))
    assert sidecar["id"] == "2024-ju-zongjie" and sidecar["provenance"]  # the old sidecar's metadata


def test_folder_meta_gives_defaults(imported: Imported) -> None:
    in_unit = [r for rel, r in imported.rows.items() if rel.startswith("某某县档案室/")]
    assert in_unit and all(r["单位"] == ORGS[0] and r["年份"] == "2022" for r in in_unit)
    assert all("_meta.yaml" in r["推测的信息"] for r in in_unit)
    copied = imported.project / "sources" / imported.archive.folder.name / "某某县档案室" / "_meta.yaml"
    assert copied.read_bytes() == (imported.archive.folder / "某某县档案室" / "_meta.yaml").read_bytes()


def test_second_run_is_a_reingest_with_a_json_report(imported: Imported) -> None:
    report = imported.project.parent / "报告.json"
    run = run_cli("ingest", str(imported.archive.folder), "--report", str(report), cwd=imported.project)
    assert "Traceback" not in run.stderr and run.stdout.startswith("导入报告：")
    rows = {str(Path(r["文件"]).relative_to(imported.archive.folder)): r
            for r in json.loads(report.read_text(encoding="utf-8"))}
    assert set(rows) == set(imported.archive.expected)
    assert not [r for r in rows.values() if r["结果"] == "新建"]
    assert run_cli("lint", cwd=imported.project).returncode == 0
    plain = run_cli("ingest", cwd=imported.project)  # all of sources/: no two files claim one id
    assert plain.returncode == 0, plain.stderr
    assert run_cli("lint", cwd=imported.project).returncode == 0


def test_without_libreoffice_the_rest_still_goes_in(office_files, tmp_path: Path) -> None:
    project = _project(tmp_path / "proj")
    folder = tmp_path / "收件"
    folder.mkdir()
    shutil.copy(office_files.numbered_as(".doc"), folder / "要点.doc")
    (folder / "总结.txt").write_text("县民政局2024年工作总结\n一、主要做法\n全年发放低保资金3200万元。\n",
                                    encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    env = {**os.environ, "PATH": str(bin_dir)}
    result = subprocess.run([sys.executable, "-m", "cailiaoku", "ingest", str(folder)], cwd=project,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1
    assert "要点.doc → 跳过：没有安装 LibreOffice" in result.stdout
    assert "apt-get install libreoffice-writer" in result.stdout
    assert "总结.txt → 新建" in result.stdout

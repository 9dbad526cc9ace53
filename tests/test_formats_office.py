""".doc/.odt/.rtf/.wps made by LibreOffice give the same passages as the .docx they came from."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from cailiaoku.errors import SourceError
from cailiaoku.ingest import analyse_source
from cailiaoku.ingest.convert import convert_many, convert_one
from cailiaoku.ingest.reading import ReadOptions, read_source
from cailiaoku.taxonomy import load_taxonomy
from office_files import NUMBERED_ITEMS, NUMBERED_TITLE
from samples import ROOT

TAXONOMY = load_taxonomy(ROOT / "taxonomy.yaml")


def passages(path: Path, cache: Path) -> list[tuple]:
    d = analyse_source(path, TAXONOMY, path.parent, ReadOptions(cache=cache))
    return [(p.type, p.number, p.heading, p.text, p.role, tuple(p.themes)) for p in d.passages]


@pytest.mark.parametrize("suffix", [".doc", ".odt", ".rtf", ".wps"])
def test_libreoffice_formats_give_the_docx_passages(office_files, convert_cache, suffix: str) -> None:
    converted = office_files.numbered_as(suffix)
    assert converted.read_bytes()[:4] != office_files.numbered.read_bytes()[:4] or suffix == ".odt"
    expected = passages(office_files.numbered, convert_cache)
    assert [p[1] for p in expected][:3] == ["1.", "2.", "3."]  # Word's list numbering survived
    assert passages(converted, convert_cache) == expected
    lines = [ln for ln in read_source(converted, ReadOptions(cache=convert_cache)) if ln.strip()]
    assert lines[:4] == [NUMBERED_TITLE, *(f"{i}.{t}" for i, t in enumerate(NUMBERED_ITEMS, 1))]


def test_batch_conversion_is_cached_by_content(office_files, tmp_path: Path) -> None:
    files = [office_files.numbered_as(s) for s in (".doc", ".odt", ".rtf", ".wps")]
    first = convert_many(files, tmp_path, workers=2)
    assert all(isinstance(r, Path) and r.is_file() for r in first.values())
    assert first[files[0]] == first[files[3]]  # same bytes (.doc renamed .wps): one conversion
    stamps = {r: r.stat().st_mtime_ns for r in first.values()}
    again = convert_many(files, tmp_path)
    assert {r: r.stat().st_mtime_ns for r in again.values()} == stamps


def test_a_docx_planted_under_the_content_hash_is_not_taken_for_the_conversion(
        office_files, tmp_path: Path) -> None:
    """A pull request cannot force-add .cache/convert/<sha256 of a .doc>.docx and have it read in
    place of LibreOffice's conversion: cache names are keyed by this user's secret."""
    doc = office_files.numbered_as(".doc")
    cache = tmp_path / "cache"
    cache.mkdir()
    planted = cache / f"{hashlib.sha256(doc.read_bytes()).hexdigest()}.docx"
    planted.write_bytes(office_files.numbered.read_bytes())
    before = planted.read_bytes()
    result = convert_many([doc], cache)[doc]
    assert isinstance(result, Path) and result != planted and result.is_file()
    assert planted.read_bytes() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (os.urandom(2000), "不是有效的 .doc 文档"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000), "乱码"),
        (b"", "文件是空的"),
    ],
)
def test_damaged_word_files_get_a_chinese_error(tmp_path: Path, convert_cache, data: bytes,
                                                message: str) -> None:
    bad = tmp_path / "损坏.doc"
    bad.write_bytes(data)
    with pytest.raises(SourceError) as info:
        read_source(bad, ReadOptions(cache=convert_cache))
    assert message in info.value.message and info.value.path == str(bad) and info.value.hint


def test_missing_libreoffice_says_how_to_install(office_files, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SourceError) as info:
        convert_one(office_files.numbered_as(".doc"), tmp_path / "empty-cache")
    assert "没有安装 LibreOffice" in info.value.message
    assert "apt-get install libreoffice-writer" in (info.value.hint or "")
    assert info.value.path == str(office_files.numbered_as(".doc"))


def test_a_hanging_conversion_is_stopped(office_files, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nsleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    files = [office_files.numbered_as(".doc"), office_files.numbered_as(".odt")]
    results = convert_many(files, tmp_path / "cache", timeout=0.5)
    for path in files:
        assert isinstance(results[path], SourceError) and "超时" in results[path].message


def test_one_hanging_file_in_a_batch_does_not_sink_the_others(office_files, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in soffice converts files in order and hangs on one: the batch is stopped, the
    files after it are converted alone, the hanging one is reported."""
    docx = office_files.numbered
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"""#!{sys.executable}
import shutil, sys, time
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
out.mkdir(parents=True, exist_ok=True)
for name in args[args.index("--outdir") + 2:]:
    if b"HANG" in Path(name).read_bytes():
        time.sleep(60)
    shutil.copy({str(docx)!r}, out / (Path(name).stem + ".docx"))
""")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    files = []
    for name, body in (("甲.doc", b"one"), ("乙.doc", b"HANG"), ("丙.doc", b"three")):
        files.append(tmp_path / name)
        files[-1].write_bytes(ole + body)
    results = convert_many(files, tmp_path / "cache", timeout=2)
    assert isinstance(results[files[0]], Path) and isinstance(results[files[2]], Path)
    assert isinstance(results[files[1]], SourceError) and "超时" in results[files[1]].message

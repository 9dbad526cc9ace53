"""GBK, Big5 and UTF-16 text give the passages of the same text in UTF-8 (charset-normalizer)."""

from __future__ import annotations

import codecs
from pathlib import Path

import opencc
import pytest

from cailiaoku.errors import SourceError
from cailiaoku.ingest import analyse_source
from cailiaoku.ingest.encoding import decode_bytes
from cailiaoku.ingest.reading import ReadOptions, read_source
from cailiaoku.taxonomy import load_taxonomy
from samples import ROOT, SOURCES

TAXONOMY = load_taxonomy(ROOT / "taxonomy.yaml")
INVENTED = """县民政局2024年工作总结
2024年，县民政局坚持以人民为中心的发展思想，扎实推进各项民政工作。
一、总体情况
全年发放城乡低保资金3200万元，惠及困难群众1.2万人。
二、主要做法
（一）强化理论学习。局党组理论学习中心组集中学习12次，开展专题研讨4次。
（二）加强阵地建设。严格落实“三审三校”制度，规范政务新媒体管理。
三、存在问题
基层民政力量薄弱，信息化水平不高。
四、下一步计划
继续加强干部队伍建设，推进社会救助数字化。
"""


def passages(path: Path, options: ReadOptions | None = None) -> list[tuple]:
    d = analyse_source(path, TAXONOMY, path.parent, options)
    return [(p.type, p.number, p.heading, p.text, p.role, tuple(p.themes)) for p in d.passages]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("doc_id", list(SOURCES))
@pytest.mark.parametrize("encoding", ["gbk", "utf-16-le-bom", "utf-16-be-bom", "utf-8-sig"])
def test_sample_in_other_encodings(doc_id: str, encoding: str, tmp_path: Path) -> None:
    src = SOURCES[doc_id]
    text = src.read_text(encoding="utf-8").replace("\xa0", " ")  # GBK has no no-break space
    utf8 = write(tmp_path / "utf8.txt", text.encode("utf-8"))
    boms = {"utf-16-le-bom": (codecs.BOM_UTF16_LE, "utf-16-le"),
            "utf-16-be-bom": (codecs.BOM_UTF16_BE, "utf-16-be"), "utf-8-sig": (b"", "utf-8-sig")}
    bom, codec = boms.get(encoding, (b"", encoding))
    other = write(tmp_path / "other.txt", bom + text.replace("\n", "\r\n").encode(codec))
    for path in (utf8, other):
        path.with_suffix(".yaml").write_bytes(src.with_suffix(".yaml").read_bytes())
    assert passages(other) == passages(utf8)


def test_big5_stays_traditional_unless_asked(tmp_path: Path) -> None:
    traditional = opencc.OpenCC("s2tw").convert(INVENTED)  # Taiwan forms: all in Big5
    assert traditional != INVENTED
    big5 = write(tmp_path / "big5.txt", traditional.encode("big5"))
    assert decode_bytes(big5.read_bytes(), "big5.txt").encoding in {"big5", "cp950", "big5hkscs"}
    utf8_trad = write(tmp_path / "trad.txt", traditional.encode("utf-8"))
    assert read_source(big5) == traditional.split("\n")
    for path in (big5, utf8_trad):  # traditional titles are not recognised: a sidecar names it
        path.with_suffix(".yaml").write_text("title: 县民政局2024年工作总结\n", encoding="utf-8")
    assert passages(big5) == passages(utf8_trad)
    simplified = write(tmp_path / "simp.txt", opencc.OpenCC("t2s").convert(traditional).encode())
    assert read_source(big5, ReadOptions(to_simplified=True))[0] == "县民政局2024年工作总结"
    assert passages(big5, ReadOptions(to_simplified=True)) == passages(simplified)


def test_gbk_invented_document(tmp_path: Path) -> None:
    gbk = write(tmp_path / "gbk.txt", INVENTED.encode("gbk"))
    utf8 = write(tmp_path / "utf8.txt", INVENTED.encode())
    assert decode_bytes(gbk.read_bytes(), "gbk.txt").encoding == "gb18030"
    assert passages(gbk) == passages(utf8)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("范文 text".encode("utf-16-le"), "二进制"),
        ("café naïve ÿ".encode("latin-1"), "无法识别文件编码"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "无法识别文件编码"),
        (codecs.BOM_UTF8, "文件是空的"),
    ],
)
def test_undecodable_bytes(data: bytes, message: str) -> None:
    with pytest.raises(SourceError) as info:
        decode_bytes(data, "x.txt")
    assert message in info.value.message and info.value.hint

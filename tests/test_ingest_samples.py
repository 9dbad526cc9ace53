"""The four samples: tree shape, roles, metadata, placeholders, noise, and nothing lost."""

from __future__ import annotations

import re
from functools import cache

import pytest

from cailiaoku.ingest import analyse_source
from cailiaoku.ingest.cleaning import clean
from cailiaoku.ingest.reading import read_source
from cailiaoku.model import Document, Passage
from cailiaoku.taxonomy import load_taxonomy
from samples import CORPUS_NAMES, ROOT, SOURCES


@cache
def doc(doc_id: str) -> Document:
    return analyse_source(SOURCES[doc_id], load_taxonomy(ROOT / "taxonomy.yaml"), ROOT)


def children(d: Document, p: Passage, type_: str | None = None) -> list[Passage]:
    return [c for c in d.passages if c.parent == p.id and (type_ is None or c.type == type_)]


def shape(d: Document) -> list[tuple[str, list[int]]]:
    """For each top-level section (or top-level item run): heading and points per item."""
    out = []
    for s in d.passages:
        if s.type == "section":
            items = children(d, s, "item")
            out.append((s.heading, [len(children(d, i, "point")) for i in items]))
    return out


def test_sources_are_the_samples_byte_for_byte() -> None:
    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus not beside the checkout")
    for doc_id, name in CORPUS_NAMES.items():
        assert SOURCES[doc_id].read_bytes() == (corpus / name).read_bytes()


def test_000_tree_roles_gap_and_metadata() -> None:
    d = doc("2024-swzys-zongjie")
    assert (d.title, d.kind, d.year, d.org) == (
        "市委政研室2024年意识形态工作总结和2025年工作谋划", "总结", 2024, "市委政研室")
    assert shape(d) == [("2024年工作总结", [3, 3, 3]), ("2025年工作谋划", [3, 3, 3, 3])]
    sections = [p for p in d.passages if p.type == "section"]
    assert [s.number for s in sections] == ["一、", "三、"]
    plan = sections[1]
    assert {p.role for p in d.passages if p.parent == plan.id} == {"plan"}
    assert {p.role for p in d.passages if p.parent == sections[0].id} == {"achievement"}
    assert len(d.gaps) == 1 and d.gaps[0].chars == 3455
    before_gap = d.by_id()[d.gaps[0].after]
    assert before_gap.heading == "开展网络安全整治"
    assert all("*" in p.placeholders for p in d.passages if p.type == "point" and "*" in p.text)
    assert any("AAA公众号" in p.text for p in d.passages)


def test_001_noise_gone_overview_problem_and_lone_heading() -> None:
    d = doc("2024-ju-zongjie")
    assert (d.title, d.kind, d.year, d.org) == ("局2024年意识形态工作总结", "总结", 2024, "局")
    everything = "".join(p.heading + p.text for p in d.passages)
    for noise in ("老秘网", "标题", "作者", "打印本页", "欢迎光临", "Powered", "Discuz", "caiyes"):
        assert noise not in everything
    first = d.passages[0]
    assert (first.type, first.role) == ("para", "overview")
    assert first.text.startswith("2024年，局在上级党委")
    assert shape(d) == [("工作开展情况", [2, 2, 2, 2]), ("存在的问题", []), ("下一步工作计划", [0, 0, 0, 0])]
    problem = next(p for p in d.passages if p.heading == "存在的问题")
    assert problem.role == "problem"
    lead = children(d, problem)
    assert [p.type for p in lead] == ["para"] and lead[0].role == "problem"
    assert [p.number for p in children(d, lead[0])] == ["一是", "二是", "三是", "四是"]
    lone = next(p for p in d.passages if p.number == "（三）" and p.role == "achievement")
    assert lone.heading == "推动各类阵地建强用好，强化意识形态宣传力度，建强“主阵地”"
    assert lone.text.startswith("不断加强意识形态工作重要性的认识")
    plan = next(p for p in d.passages if p.heading == "下一步工作计划")
    assert {p.role for p in children(d, plan)} == {"plan"}


def test_002_restarted_numbering_is_the_plan_part() -> None:
    d = doc("2024-shiwei-zongjie")
    assert (d.kind, d.year, d.org) == ("总结", 2024, "市委")
    assert not [p for p in d.passages if p.type == "section"]
    items = [p for p in d.passages if p.type == "item"]
    assert [i.number for i in items] == ["（一）", "（二）", "（三）", "（四）",
                                         "（一）", "（二）", "（三）", "（四）", "（五）"]
    assert [i.role for i in items] == ["achievement"] * 4 + ["plan"] * 5
    assert [len(children(d, i, "point")) for i in items] == [3, 2, 4, 2, 0, 0, 0, 0, 0]
    assert all(i.heading.startswith("进一步") for i in items[4:])
    assert len(d.gaps) == 1 and d.gaps[0].chars == 2368
    assert any("x" in p.placeholders for p in d.passages)
    assert "县（市、区）" in "".join(p.text for p in d.passages)


def test_003_repeated_title_numbered_through_all_plan_and_quotes() -> None:
    d = doc("2025-srdbgs-yaodian")
    assert (d.title, d.kind, d.year, d.org) == (
        "市人大办公室2025年意识形态工作要点", "要点", 2025, "市人大办公室")
    assert d.passages[0].type == "para" and d.passages[0].text.startswith("2025年，市人大办公室")
    assert "工作要点1" not in "".join(p.heading + p.text for p in d.passages)
    assert [len(items) for _, items in shape(d)] == [4, 4, 4, 4, 4]
    items = [p for p in d.passages if p.type == "item"]
    assert [i.number for i in items] == [f"{n}." for n in range(1, 21)]
    assert {i.role for i in items} == {"plan"}
    text = "".join(p.text for p in d.passages)
    assert "“人大工作进行时”“代表风采”“法治前沿”" in text and '"' not in text
    assert any("〔...〕" in p.placeholders for p in d.passages)


_PUNCT = re.compile(r"[\s\u3000-\u303f\uff00-\uffef“”‘’《》…—.,;:()!?\"'、]")


def _bare(text: str) -> str:
    return _PUNCT.sub("", text)


@pytest.mark.parametrize("doc_id", list(SOURCES))
def test_nothing_lost_every_sentence_in_exactly_one_passage(doc_id: str) -> None:
    d = doc(doc_id)
    lines = [line.text for line in clean(read_source(SOURCES[doc_id])).lines]
    pieces = "".join(p.number + p.heading + p.text for p in d.passages)
    # The passages partition the cleaned body: same characters, same order, nothing twice.
    assert _bare(pieces) == _bare("".join(lines))
    marker = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.]|[一二三四五六七八九十]+是)")

    def sentences(text: str) -> set[str]:
        parts = re.split(r"[。！？；]|：(?=[一二三四五六七八九十]{1,3}是)", marker.sub("", text))
        return {marker.sub("", s.strip()).rstrip("：") for s in parts} - {""}

    held = {p.id: sentences(p.heading) | sentences(p.text) for p in d.passages}
    for line in lines:
        for sentence in sentences(line):
            holders = [pid for pid, own in held.items() if sentence in own]
            assert len(holders) == 1, (sentence, holders)

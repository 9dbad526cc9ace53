"""Compose rules in Python: numbering, org/year replacement, placement, rendering, skeletons, layout numbers.

The shared cases in compose_cases.json are run here and, in the browser, against render.js.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cailiaoku.compose.draft import (
    DraftError,
    assign_section,
    block_from_passage,
    check_draft,
    new_draft,
)
from cailiaoku.compose.numbering import number_draft
from cailiaoku.compose.personalize import mark_text
from cailiaoku.compose.render import paragraph_text, plain_text, render, unfilled
from cailiaoku.compose.skeleton import derive_skeletons
from cailiaoku.compose.spec import load_layout
from cailiaoku.library import load_library
from cailiaoku.model import Document

CASES = json.loads((Path(__file__).parent / "compose_cases.json").read_text(encoding="utf-8"))
SPEC = load_layout()


@pytest.fixture(scope="module")
def library(root: Path):
    return load_library(root / "snippets")


@pytest.mark.parametrize("case", CASES["numbering"], ids=lambda c: c["name"])
def test_numbering_cases(case: dict) -> None:
    assert number_draft(case, SPEC) == case["expected"]


@pytest.mark.parametrize("case", CASES["personalize"], ids=lambda c: c["name"])
def test_personalize_cases(case: dict) -> None:
    spec = {**SPEC, "orgs": case.get("orgs", [])}
    assert mark_text(case["text"], case["block"], case["draft"], spec) == case["expected"]


@pytest.mark.parametrize("case", CASES["assign"], ids=lambda c: c["name"])
def test_assign_cases(case: dict) -> None:
    assert assign_section(case["role"], case["themes"], case["sections"]) == case["expected"]


@pytest.mark.parametrize("case", CASES["render"], ids=lambda c: c["name"])
def test_render_cases(case: dict) -> None:
    paragraphs = render(case["draft"], SPEC)
    assert [[p["style"], paragraph_text(p)] for p in paragraphs] == case["expected"]
    assert [[u["mark"], u["text"]] for u in unfilled(case["draft"], SPEC)] == case["unfilled"]
    assert plain_text(case["draft"], SPEC) == case["plain_text"]


def mirror(doc: Document) -> dict:
    """A draft laid out like a library document: its 一、 parts, every other passage a block."""
    gaps = {g.after for g in doc.gaps}
    sections: list[dict] = [{"heading": "", "intro": True, "blocks": []}]
    for p in doc.passages:
        if p.type == "section":
            sections.append({"heading": p.heading, "intro": False, "blocks": []})
            continue
        block = block_from_passage(doc, p, SPEC)
        block["level"] = {"item": {1: 2, 2: 2, 3: 3, 4: 4}.get(p.level, 2)}.get(p.type, block["level"])
        sections[-1]["blocks"].append(block)
        if p.id in gaps:  # text hidden by the source site: numbering restarts after it
            sections.append({"heading": "", "intro": True, "blocks": []})
    return new_draft(doc.kind, sections)


def test_regenerated_numbers_match_every_library_document(library) -> None:
    """Numbering the library's own documents from scratch gives back their printed numbers."""
    checked = 0
    for doc in library.documents:
        draft = mirror(doc)
        draft["continuous"] = doc.kind == "要点"
        numbers = number_draft(draft, SPEC)
        got = [n for labels in numbers["blocks"] for n in labels]
        want = [p.number for p in doc.passages if p.type != "section"]
        assert got == want, doc.id
        if not doc.gaps:
            printed = [p.number for p in doc.passages if p.type == "section"]
            assert [s for s in numbers["sections"] if s] == printed, doc.id
        checked += len(got)
    assert checked > 90


LEVELS = st.sampled_from([0, 2, 3, 4, 6])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(LEVELS, max_size=15), min_size=1, max_size=5), st.booleans())
def test_numbering_invariants(levels: list[list[int]], continuous: bool) -> None:
    """一是 counts each run of points from 一; （一） counts 1..n inside each part; labels follow the level."""
    draft = {"continuous": continuous,
             "sections": [{"blocks": [{"level": lv} for lv in seq]} for seq in levels]}
    numbers = number_draft(draft, SPEC)
    counted = [seq for seq in levels if seq]  # an empty part is not exported and takes no number
    assert [n for n in numbers["sections"] if n] == [f"{'一二三四五'[i]}、" for i in range(len(counted))]
    assert all(not n for n, seq in zip(numbers["sections"], levels, strict=False) if not seq)
    for seq, labels in zip(levels, numbers["blocks"], strict=True):
        run = items = 0
        for level, label in zip(seq, labels, strict=True):
            run = run + 1 if level == 6 else 0
            if level == 6:
                assert label == "一二三四五六七八九十"[run - 1] + "是" if run <= 10 else label.endswith("是")
            if level == 2:
                items += 1
                assert label == f"（{'一二三四五六七八九十'[items - 1]}）" if items <= 10 else label
            if level == 0:
                assert label == ""
            if level == 3:
                assert label.endswith(".") and label[:-1].isdigit()
            if level == 4:
                assert label.startswith("（") and label[1:-1].isdigit()


def test_reordering_renumbers(library) -> None:
    """Moving a point from one run to another renumbers both runs."""
    doc, _ = library.find("zq7ss7a")
    points = [block_from_passage(doc, p, SPEC) for p in doc.passages if p.parent == "sq3f697"]
    others = [block_from_passage(doc, p, SPEC) for p in doc.passages if p.parent == "fyhb5zi"]
    draft = new_draft("总结", [{"heading": "做法", "blocks": points + others}])
    before = [paragraph_text(p) for p in render(draft, SPEC)][3:]
    assert [t[:2] for t in before] == ["一是", "二是", "三是", "四是", "五是", "六是"]
    moved = draft["sections"][0]["blocks"]
    moved.insert(0, moved.pop(4))
    moved.insert(3, {"level": 0, "heading": "", "text": "过渡段。", "org": "", "year": None})
    after = [paragraph_text(p) for p in render(draft, SPEC)][3:]
    assert [t[:2] for t in after] == ["一是", "二是", "三是", "过渡", "一是", "二是", "三是"]
    assert after[0] == "一是" + others[1]["heading"] + "。" + others[1]["text"]


def test_skeletons_follow_the_library(library) -> None:
    skeletons = derive_skeletons(library, SPEC)
    zongjie = skeletons["总结"]
    assert [s["roles"] for s in zongjie["sections"]] == [["overview"], ["achievement"], ["problem"], ["plan"]]
    assert [s["heading"] for s in zongjie["sections"][1:]] == ["主要做法和成效", "存在的问题", "下一步工作计划"]
    assert "工作开展情况" in zongjie["sections"][1]["alternatives"]
    assert len(zongjie["derived_from"]) == 3 and not zongjie["continuous"]
    yaodian = skeletons["要点"]
    doc = next(d for d in library.documents if d.kind == "要点")
    assert [s["heading"] for s in yaodian["sections"][1:]] == [p.heading for p in doc.passages if p.type == "section"]
    assert yaodian["continuous"] and yaodian["sections"][0]["intro"]
    assert skeletons["计划"]["derived_from"] == [] and "还没有计划类范文" in skeletons["计划"]["note"]


def test_layout_numbers_fit_22_lines_of_28_characters() -> None:
    d = SPEC["derived"]
    assert (d["page_width"], d["page_height"]) == (11906, 16838)
    assert d["margin"] == {"top": 2098, "left": 1587, "right": 1474, "bottom": 1984}
    assert 22 * d["line_pitch"] <= d["text_height"] < 23 * d["line_pitch"]
    char_twips = SPEC["styles"]["body"]["size_pt"] * 20 + d["char_spacing"]
    assert 28 * char_twips <= d["text_width"] < 29 * char_twips
    assert d["text_width"] == pytest.approx(156 * 1440 / 25.4, abs=2)
    assert d["text_height"] == pytest.approx(225 * 1440 / 25.4, abs=2)


def test_bad_drafts_are_named_in_chinese() -> None:
    good = new_draft("总结", [{"heading": "一", "blocks": [{"level": 6, "heading": "", "text": "x"}]}])
    assert check_draft(good) is good
    bad = json.loads(json.dumps(good))
    bad["sections"][0]["blocks"][0]["level"] = 5
    with pytest.raises(DraftError, match=r"sections\[0\]\.blocks\[0\]\.level"):
        check_draft(bad)
    with pytest.raises(DraftError, match="不是材料库的草稿文件|format"):
        check_draft({"sections": []})
    with pytest.raises(DraftError, match="kind"):
        check_draft({**good, "kind": "简报"})

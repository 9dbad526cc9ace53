"""Property: documents built at random from the patterns users bring (noise lines, hard wraps,
headings alone, 一是 points, brackets broken by line breaks, repeated titles, unknown kinds, empty
items…) always go in, the library then passes lint, and no sentence of the body is lost."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cailiaoku import library
from cailiaoku.ingest import ingest
from cailiaoku.lint import errors_only, lint_library
from cailiaoku.project import Project
from cailiaoku.taxonomy import load_taxonomy
from samples import ROOT

TAXONOMY = load_taxonomy(ROOT / "taxonomy.yaml")
CN = "一二三四五六七八九十"
WORDS = ["理论学习", "阵地管理", "舆论引导", "队伍建设", "责任落实", "风险防范", "制度机制", "网络安全",
         "深入推进", "切实加强", "持续完善", "扎实开展", "全面落实", "不断提升", "工作格局", "宣传教育",
         "专题研讨", "中心组", "公众号", "意识形态", "主体责任", "基层党组织", "新媒体", "志愿服务"]
QUOTED = ["“三审三校”", "《学习纲要》", "（试行）", "“第一议题”", "《工作规则》"]
NOISE = ["首页 > 范文大全 > 工作总结", "上一篇：2024年党建工作总结", "下一篇：2025年工作计划", "相关推荐",
         "版权所有 © 2024 某某范文网", "京ICP备12345678号-1", "- 3 -", "第2页 共5页", "2024年工作总结.docx",
         "标签：意识形态 工作总结", "本文共1860字，阅读大约需要5分钟", "VIP会员专享下载"]
PAGE_NOISE = ["- 3 -", "第2页 共5页", "— 12 —", "2024年工作总结.docx"]  # between two pages of a copy
ORGS = ["县文旅局", "市档案馆", "区融媒体中心", "镇党委", "县教育局"]
KIND_WORDS = ["工作总结", "工作计划", "工作要点", "工作汇报", "情况报告", "述职述廉报告", "实施方案",
              "讲话", "心得体会", "工作通报", "形势分析研判报告"]

sentences = st.builds(
    lambda words, quote, end: "".join(words[:1] + ([quote] if quote else []) + words[1:]) + end,
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=5),
    st.one_of(st.none(), st.sampled_from(QUOTED)),
    st.sampled_from(["。", "。", "；", "，确保取得实效。"]),
)
paragraphs = st.lists(sentences, min_size=1, max_size=3).map("".join)


@st.composite
def points(draw: st.DrawFn) -> str:
    items = draw(st.lists(sentences, min_size=2, max_size=4))
    lead = draw(st.one_of(st.just(""), sentences.map(lambda s: s.rstrip("。；") + "：")))
    return lead + "".join(f"{CN[i]}是{s.rstrip('。；，')}{'；' if i < len(items) - 1 else '。'}"
                          for i, s in enumerate(items))


@st.composite
def item(draw: st.DrawFn, n: int, level: int) -> list[str]:
    label = f"（{CN[n]}）" if level == 2 else f"{n + 1}."
    shape = draw(st.sampled_from(["inline", "alone", "points", "empty", "one_sentence"]))
    heading = "".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2)))
    if shape == "inline":
        return [f"{label}{heading}。{draw(paragraphs)}"]
    if shape == "alone":
        return [f"{label}{heading}", draw(paragraphs)]
    if shape == "points":
        return [f"{label}{heading}。{draw(points())}"]
    if shape == "one_sentence":
        return [f"{label}{heading}。"]
    return [label]


@st.composite
def section(draw: st.DrawFn, n: int) -> list[str]:
    lines = [f"{CN[n]}、{''.join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2)))}"]
    count = draw(st.integers(0, 3))
    level = draw(st.sampled_from([2, 3]))
    if count == 0:
        lines.append(draw(st.one_of(paragraphs, points())))
    for i in range(count):
        lines.extend(draw(item(i, level)))
    return lines


def wrap(line: str, at: int) -> list[str]:
    """A hard line break, as in text copied from a PDF (may cut 《》 or “” in two): the first
    piece is a full printed line (8 characters or more), the rest may be short."""
    cut = 8 + at % max(1, len(line) - 10)
    return [line[:cut], line[cut:]] if len(line) > 12 else [line]


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    """(file text, body lines as written before noise and wraps)."""
    title = f"{draw(st.sampled_from(ORGS))}2025年意识形态{draw(st.sampled_from(KIND_WORDS))}"
    body = [draw(paragraphs)] if draw(st.booleans()) else []
    for n in range(draw(st.integers(1, 4))):
        body.extend(draw(section(n)))
    if draw(st.booleans()):
        body.append(draw(paragraphs))
    lines = [draw(st.sampled_from(NOISE)) for _ in range(draw(st.integers(0, 3)))]
    lines += [title] * draw(st.integers(1, 2))
    for line in body:
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(PAGE_NOISE)))  # a page break of a PDF copy
        if draw(st.integers(0, 4)) == 0:
            lines.extend(wrap(line, draw(st.integers(0, 50))))
        else:
            lines.append(line)
        if draw(st.integers(0, 14)) == 0:
            lines.append(line)  # a line repeated by a careless copy
    lines += [draw(st.sampled_from(NOISE)) for _ in range(draw(st.integers(0, 3)))]
    return "\n".join(lines) + "\n", body


MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|[一二三四五六七八九十]是)")


def squeeze(text: str) -> str:
    """Only the letters: punctuation, spaces and line breaks may change, words may not."""
    return re.sub(r"[^\w]", "", text)


def library_text(doc_path: Path) -> str:
    doc = library.load_file(doc_path).document
    assert doc is not None
    return squeeze("".join(p.number + p.heading + p.text for p in doc.passages))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_documents_go_in_lint_passes_and_no_sentence_is_lost(case: tuple[str, list[str]]) -> None:
    text, body = case
    folder = Path(tempfile.mkdtemp(prefix="cailiaoku-prop-"))
    try:
        (folder / "snippets").mkdir()
        shutil.copy2(ROOT / "taxonomy.yaml", folder / "taxonomy.yaml")
        source = folder / "范文.txt"
        source.write_text(text, encoding="utf-8")
        project = Project(folder)
        for _ in range(2):  # a first ingest, then a re-ingest of the same file
            run = ingest([source], project, TAXONOMY)
            assert run.skipped == [], [s.reason for s in run.skipped]
            assert errors_only(lint_library(project.snippets, TAXONOMY, folder)) == []
        written = library_text(run.results[0].path)
        for line in body:
            for sentence in re.split(r"(?<=[。；：])", line):
                core = squeeze(MARKER.sub("", sentence))  # a repeat may be dropped with its number
                if core:
                    assert core in written, (sentence, text)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

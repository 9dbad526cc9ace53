"""Property: random documents built from the messy patterns read back with their title, nothing of
the body lost, and a library file that passes lint."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cailiaoku import library
from cailiaoku.ingest.analyse import analyse
from cailiaoku.ingest.merge import merge
from cailiaoku.ingest.metadata import SourceMeta
from cailiaoku.ingest.repair import repair
from cailiaoku.lint import check_text, errors_only
from readdocs import TAXONOMY

BANNERS = ["公文素材库_范文下载", "首页 > 工作总结 > 意识形态", "上传者：某某    上传时间：2024-12-20 09:15",
           "本文共3860字，阅读大约需要9分钟", "VIP会员专享下载", "2024年工作总结.docx", "当前位置：首页 > 范文"]
FOOTERS = [("标签：意识形态 工作总结",), ("上一篇：党建工作总结",), ("相关推荐", "党支部意识形态工作计划"),
           ("版权所有 © 2024 公文素材库",), ("京ICP备12345678号-1",), ("免责声明：本站内容仅供学习交流使用。",)]
ORGS = ["青山县委宣传部", "市文旅局", "青山镇党委", "县档案馆"]
KINDS = ["意识形态工作总结", "宣传思想工作计划", "党建工作要点", "意识形态工作情况报告"]
SUFFIXES = ["", "（定稿）", "（2025年1月8日）", "范文", "（精选3篇）"]
PHRASES = ["落实“第一议题”制度", "学习《中国共产党纪律处分条例》", "开展专题研讨", "严格落实“三审三校”制度",
           "召开支部党员大会", "处置网络舆情", "开展廉政警示教育", "组织理论宣讲"]
HEADINGS = ["强化理论武装", "加强阵地管理", "压实工作责任", "规范组织生活", "做好舆论引导"]
CN = "一二三四五六七八九"


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[str], str, list[str]]:
    """(source lines, expected title, body lines as written)."""
    counter = iter(range(10_000))

    def sentence() -> str:
        return f"{draw(st.sampled_from(PHRASES))}{next(counter) + 1}次。"

    org, kind = draw(st.sampled_from(ORGS)), draw(st.sampled_from(KINDS))
    title = f"{org}2024年{kind}"
    head = draw(st.lists(st.sampled_from(BANNERS), max_size=4, unique=True))
    if draw(st.booleans()):
        head.append("青宣发〔2025〕3号")
    head.append(title + draw(st.sampled_from(SUFFIXES)))
    body = [f"今年以来，{org}认真落实意识形态工作责任制。" + sentence()]
    for s in range(draw(st.integers(1, 3))):
        body.append(f"{CN[s]}、{draw(st.sampled_from(HEADINGS))}")
        for i in range(draw(st.integers(1, 3))):
            heading = draw(st.sampled_from(HEADINGS))
            if draw(st.booleans()):
                body.append(f"（{CN[i]}）{heading}。{sentence()}{sentence()}")
            else:
                body += [f"（{CN[i]}）{heading}", sentence() + sentence()]
            if draw(st.booleans()):
                body += [f"{CN[k]}是{sentence()}" for k in range(draw(st.integers(2, 3)))]
    lines = list(body)
    width = draw(st.one_of(st.none(), st.integers(18, 40)))
    if width:  # a PDF copy: every line cut at the column width, page numbers between pages
        lines = [ln[i:i + width] for ln in body for i in range(0, len(ln), width)]
        for at in sorted(draw(st.lists(st.integers(1, len(lines) - 1), max_size=2, unique=True)),
                         reverse=True):
            lines.insert(at, f"- {at} -")
    tail = ["特此报告。", org, "2025年1月8日"] if draw(st.booleans()) else []
    tail += [ln for group in draw(st.lists(st.sampled_from(FOOTERS), max_size=4, unique=True)) for ln in group]
    return head + lines + tail, title, body


_PUNCT = re.compile(r"[\s\u3000-\u303f\uff00-\uffef“”‘’《》…—.,;:()!?\"'、]")


def bare(text: str) -> str:
    return _PUNCT.sub("", text)


@settings(max_examples=120, deadline=None)
@given(documents())
def test_messy_documents_read_cleanly(case: tuple[list[str], str, list[str]]) -> None:
    lines, title, body = case
    doc = analyse(lines, SourceMeta(), TAXONOMY, "范文.txt")
    assert doc.title == title
    doc.id = "prop-doc"
    repair(doc)
    pieces = "".join(p.number + p.heading + p.text for p in doc.passages)
    assert bare(pieces) == bare("".join(body))
    merged, _, _ = merge(doc, None, None, set())
    text = library.dump_document(merged)
    assert errors_only(check_text(text, "snippets/prop-doc.yaml", TAXONOMY, {})) == []
    assert all(p.themes for p in merged.passages if p.type in ("section", "item"))

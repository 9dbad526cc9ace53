"""Parsing and cleaning on strings: examples and a never-crash property."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cailiaoku.errors import SourceError
from cailiaoku.ingest.analyse import analyse
from cailiaoku.ingest.cleaning import clean
from cailiaoku.ingest.metadata import SourceMeta
from cailiaoku.ingest.numbering import inline_points
from cailiaoku.ingest.parsing import parse, split_heading
from cailiaoku.punctuation import normalise_punctuation
from cailiaoku.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy(Path(__file__).resolve().parents[1] / "taxonomy.yaml")


def test_punctuation_is_normalised_only_in_chinese_text() -> None:
    assert normalise_punctuation("(一)深化理论武装,筑牢思想根基;总结如下:") == "（一）深化理论武装，筑牢思想根基；总结如下："
    assert normalise_punctuation('开设"代表风采"专栏') == "开设“代表风采”专栏"
    assert normalise_punctuation("各县(市、区)参照") == "各县（市、区）参照"
    assert normalise_punctuation("共1,000人,时间10:30") == "共1,000人，时间10:30"
    assert normalise_punctuation("网址 http://a.cn/x?a=1,2 等") == "网址 http://a.cn/x?a=1,2 等"
    assert normalise_punctuation("Powered by Discuz! X3.4") == "Powered by Discuz! X3.4"


def test_clean_removes_forum_noise_hidden_marker_and_repeated_title() -> None:
    lines = [
        "某某网_范文", "", "标题: 县2024年工作总结 [打印本页]", "作者: 某人    时间: 2024-11-8",
        "县2024年工作总结1", "县2024年工作总结", "一、主要做法", "---此处隐藏120字,下载后查看---",
        "(一)强化学习。内容。", "欢迎光临 某某网_范文 (http://x.cn/) Powered by Discuz! X3.4",
    ]
    cleaned = clean(lines)
    assert cleaned.title == "县2024年工作总结"
    assert [line.text for line in cleaned.lines] == ["一、主要做法", "（一）强化学习。内容。"]
    assert cleaned.gaps == [(1, 120)]


def test_heading_split_and_inline_points() -> None:
    assert split_heading("深化理论武装，筑牢思想根基。一是学习。") == ("深化理论武装，筑牢思想根基", "一是学习。")
    assert split_heading("推动阵地建设，建强“主阵地”") == ("推动阵地建设，建强“主阵地”", "")
    body = "问题如下：一是人才缺乏。二是能力不足。统一是原则。三是学习不够。"
    spans = inline_points(body)
    assert [body[a:b] for a, b in spans] == ["一是人才缺乏。", "二是能力不足。统一是原则。", "三是学习不够。"]
    assert inline_points("一是只有一点。") == []


def test_numbering_levels_nest() -> None:
    lines = clean(["一、总体", "(一)甲项。正文。", "1.子项。正文。", "(1)细目。正文。", "①再细。正文。", "二、其次"]).lines
    roots = parse(lines)
    assert [n.number for n in roots] == ["一、", "二、"]
    item = roots[0].children[0]
    assert item.number == "（一）" and item.children[0].number == "1."
    assert item.children[0].children[0].number == "（1）"
    assert item.children[0].children[0].children[0].number == "①"


CHUNKS = st.sampled_from([
    "一、", "二、", "（一）", "(二)", "1.", "2、", "（1）", "①", "一是", "二是", "三是", "。", "，", ",", "\n",
    "此处隐藏12字", "---", "标题:", "作者:", "[打印本页]", "\"", "“", "（", ")", "x", "*", "〔...〕",
    "加强理论学习", "2024年", "工作总结", "下一步计划", "存在的问题", " ", "\u3000", "\ufeff",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(CHUNKS, st.text(max_size=8)), max_size=60))
def test_parser_never_crashes_on_random_text(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        doc = analyse(text.split("\n"), SourceMeta(title="县2024年工作总结"), TAXONOMY, "随机.txt")
    except SourceError as exc:
        assert exc.message and exc.hint
        return
    ids = {p.id for p in doc.passages}
    assert all(p.parent is None or p.parent in ids for p in doc.passages)
    assert all(p.role in ("overview", "achievement", "problem", "plan") for p in doc.passages)


def test_points_straight_under_a_section_heading_belong_to_it() -> None:
    lines = ["县2024年工作总结", "二、存在的问题", "一是人才缺乏，能力不足。二是学习不够深入。"]
    doc = analyse(lines, SourceMeta(), TAXONOMY, "县.txt")
    section, *points = doc.passages
    assert (section.type, section.heading, section.role) == ("section", "存在的问题", "problem")
    assert [(p.type, p.number, p.parent, p.role) for p in points] == [
        ("point", "一是", section.id, "problem"), ("point", "二是", section.id, "problem")]


def test_the_last_section_keeps_its_only_paragraph_even_if_it_opens_like_a_closing() -> None:
    """三、下一步打算 then 下一步，我们将…: that paragraph is the section's body, not the closing."""
    nodes = parse(clean(["某局2024年工作总结", "一、主要做法", "（一）完善制度。制定办法。", "三、下一步工作打算",
                         "下一步，我们将继续压实责任，加强队伍建设。"]).lines, ("下一步，我们将", "总之"))
    assert [n.heading for n in nodes] == ["主要做法", "下一步工作打算"]
    last = nodes[-1]
    assert "下一步，我们将继续压实责任" in last.body + "".join(c.body for c in last.children)
    nodes = parse(clean(["某局2024年工作总结", "一、主要做法", "（一）完善制度。制定办法。",
                         "总之，我们将继续努力。"]).lines, ("下一步，我们将", "总之"))
    assert nodes[-1].body == "总之，我们将继续努力。" and not nodes[-1].heading

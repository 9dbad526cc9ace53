"""Theme tags agree with a reader's judgement for every item heading of the four samples."""

from __future__ import annotations

from functools import cache

import pytest

from cailiaoku.ingest import analyse_source
from cailiaoku.ingest.tagging import explain, find_placeholders, tag_themes
from cailiaoku.taxonomy import Taxonomy, load_taxonomy
from samples import ROOT, SOURCES

# (document, heading) → themes a reader accepts as the passage's main theme.
EXPECTED: dict[str, dict[str, set[str]]] = {
    "2024-swzys-zongjie": {
        "深化理论武装，筑牢思想根基": {"理论学习"},
        "完善制度体系，压实工作责任": {"制度机制", "责任落实"},
        "聚焦网络阵地，净化舆论环境": {"阵地建设", "网络安全", "舆论引导"},
        "夯实理论根基，提升思想引领力": {"理论学习"},
        "强化网络管理，增强舆论引导力": {"网络安全", "舆论引导"},
        "优化队伍建设，激发工作新活力": {"队伍建设"},
        "完善工作机制，强化工作执行力": {"制度机制"},
        "强化全会精神领悟": {"理论学习"},
        "拓展多元学习渠道": {"理论学习"},
        "推动学习成果转化": {"理论学习"},
        "健全责任落实机制": {"责任落实"},
        "优化舆情监测制度": {"舆论引导"},
        "规范信息发布流程": {"舆论引导", "阵地建设", "制度机制"},
        "加强网络平台建设": {"阵地建设"},
        "强化网络舆情引导": {"舆论引导"},
        "开展网络安全整治": {"网络安全"},
        "构建系统学习体系": {"理论学习"},
        "强化学习成果转化应用": {"理论学习"},
        "创新学习形式与载体": {"理论学习"},
        "提升网络舆情应对水平": {"舆论引导", "队伍建设"},
        "扩大网络平台影响力": {"阵地建设"},
        "筑牢网络安全防护屏障": {"网络安全"},
        "引进培育专业人才": {"队伍建设"},
        "完善业务培训体系": {"队伍建设"},
        "稳定工作队伍力量": {"队伍建设"},
        "健全协同联动机制": {"制度机制"},
        "强化监督考核机制": {"责任落实", "制度机制"},
        "建立风险预警机制": {"风险防范"},
    },
    "2024-ju-zongjie": {
        "夯实政治理论学习根基，筑牢意识形态思想防线，把牢“方向盘”": {"理论学习"},
        "完善舆论引导机制程序，维护网络意识形态安全，筑牢“防火墙”": {"舆论引导", "网络安全"},
        "推动各类阵地建强用好，强化意识形态宣传力度，建强“主阵地”": {"阵地建设"},
        "健全意识形态责任体系，构筑意识形态安全屏障，种好“责任田”": {"责任落实"},
        "提高政治站位，强化思想认识": {"理论学习", "组织领导", "责任落实"},
        "加强阵地建设，扩大主流舆论影响力": {"阵地建设", "舆论引导"},
        "凝聚工作合力，营造浓厚氛围": {"队伍建设", "舆论引导"},
        "深化三中全会精神学习，推动工作创新发展": {"理论学习"},
    },
    "2024-shiwei-zongjie": {
        "突出组织领导，蹄疾步稳强化基础保障": {"组织领导"},
        "注重理论学习，入脑入心强化思想引领": {"理论学习"},
        "聚焦工作重点，从严从实强化主流意识": {"组织领导", "责任落实", "风险防范", "网络安全"},
        "坚持正确导向，持之以恒强化信息传播": {"舆论引导"},
        "进一步落实意识形态工作责任制": {"责任落实"},
        "进一步夯实意识形态领域基层基础": {"组织领导", "队伍建设"},
        "进一步强化重大思想舆论斗争": {"舆论引导"},
        "进一步加强新闻出版市场监管": {"舆论引导", "阵地建设", "网络安全"},
        "进一步增强风险防范化解意识": {"风险防范"},
    },
    "2025-srdbgs-yaodian": {
        "强化正面宣传引导": {"舆论引导"},
        "加强网络舆情监测与应对": {"舆论引导", "风险防范", "网络安全"},
        "规范信息发布管理": {"舆论引导", "阵地建设", "制度机制"},
        "开展人大宣传工作培训": {"队伍建设"},
        "优化提升〔...〕人大网": {"阵地建设"},
        "加强新媒体平台建设": {"阵地建设"},
        "办好《〔...〕人大》刊物": {"阵地建设"},
        "拓展人大宣传阵地": {"阵地建设"},
        "加强意识形态工作队伍配备": {"队伍建设"},
        "开展意识形态工作培训": {"队伍建设"},
        "强化意识形态工作责任意识": {"责任落实"},
        "加强意识形态工作队伍作风建设": {"队伍建设"},
        "弘扬社会主义核心价值观": {"文化建设"},
        "开展机关文化活动": {"文化建设"},
        "加强人大文化研究与传播": {"文化建设"},
        "推动文化与人大工作融合发展": {"文化建设"},
        "建立健全意识形态工作制度": {"制度机制"},
        "完善意识形态工作协调联动机制": {"制度机制"},
        "加强意识形态工作考核评价": {"责任落实", "制度机制"},
        "强化意识形态工作经费保障": {"制度机制"},
    },
}


@cache
def taxonomy() -> Taxonomy:
    return load_taxonomy(ROOT / "taxonomy.yaml")


@pytest.mark.parametrize("doc_id", list(EXPECTED))
def test_item_headings_get_the_readers_theme_first(doc_id: str) -> None:
    d = analyse_source(SOURCES[doc_id], taxonomy(), ROOT)
    headed = {p.heading: p for p in d.passages if p.type in ("item", "point") and p.heading}
    expected = EXPECTED[doc_id]
    items = {p.heading for p in d.passages if p.type == "item"}
    assert items <= set(expected), f"item headings without a judgement: {items - set(expected)}"
    wrong = {h: headed[h].themes for h, ok in expected.items() if headed[h].themes[:1] == [] or headed[h].themes[0] not in ok}
    assert not wrong


def test_theme_explanation_names_the_terms() -> None:
    why = explain(taxonomy(), "严格落实“第一议题”制度", "全年召开中心组学习会议16次，实行“三审三校”。")
    assert ("第一议题", 1) in why["理论学习"]
    assert dict(why["阵地建设"])["三审三校"] == 1


def test_tagging_is_pure_and_ordered_best_first() -> None:
    text = "建立24小时舆情监测值班制度，对舆情信息进行实时监测，及时处置负面舆情。"
    assert tag_themes(taxonomy(), "优化舆情监测制度", text) == tag_themes(taxonomy(), "优化舆情监测制度", text)
    assert tag_themes(taxonomy(), "优化舆情监测制度", text)[0] == "舆论引导"
    assert tag_themes(taxonomy(), "", "今天天气很好。") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("组织专题学习研讨*次，撰写心得体会*余篇", ["*"]),
        ("组织开展专题学习x次；《x加强和改进思想政治工作的意见》", ["x"]),
        ("人数达到XX人", ["XX"]),
        ("在〔...〕人大网开设专栏", ["〔...〕"]),
        ("××同志、某某单位", ["××", "某某"]),
        ("利用图文、视频、H5、APP、Discuz! X3.4等形式", []),
        ("全年上稿212篇（条）", []),
    ],
)
def test_placeholders(text: str, found: list[str]) -> None:
    assert find_placeholders(text) == found

"""Outline: 第一部分 above 一、, 一．/1）/⑴, Markdown headings and bullets, Word list levels, tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from cailiaoku.ingest.reading import ReadOptions, read_source
from docx_documents import make_docx
from readdocs import DOCUMENTS, meta, outline, read, read_encoded

PARTS_OUTLINE = [
    'section 第一部分2024年工作总结｜ [achievement]',
    '  section 一、加强党的建设｜ [achievement]',
    '    item 1）规范支部组织生活｜各支部严格落实“三会一课”制度，全年召开支部党员大会36次、党课12次。\n坚持每月开展主题党日活动，组织党员到红色教育基地开展现场教学。 [achievement]',
    '    item 2）抓好意识形态工作｜对校园网站、公众号实行“三审三校”，全年审核稿件420篇。 [achievement]',
    '  section 二、推进教育宣传｜ [achievement]',
    '    item ⑴讲好教育故事｜在县融媒体中心开设“教育之窗”专栏，全年刊播稿件86篇。 [achievement]',
    '    item ⑵加强舆情应对｜建立教育舆情日报告制度，及时回应家长关切。 [achievement]',
    'section 第二部分2025年工作计划｜ [plan]',
    '  section 一．强化理论武装｜ [plan]',
    '    para ｜全面学习贯彻党的二十届三中全会精神，重点抓好以下工作： [plan]',
    '      point 一是｜开展专题读书班。 [plan]',
    '      point 二是｜组织青年教师理论宣讲，深入学校开展宣讲30场。 [plan]',
    '      point 三是｜将理论学习纳入教师继续教育学时。 [plan]',
    '  section 二．加强作风建设｜ [plan]',
    '    para ｜严格落实中央八项规定精神，持续整治形式主义、官僚主义，开展廉政警示教育2次， [plan]',
    '      point 一是｜建立廉政风险台账， [plan]',
    '      point 二是｜开展谈心谈话。 [plan]',
    'para ｜总之，2025年，县教育局将坚持以党建引领教育高质量发展，为建设教育强县作出新的贡献。 [overview]',
]
MARKDOWN_OUTLINE = [
    'para ｜2025年，县文联宣传思想工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，围绕中心、服务大局。 [overview]',
    'section 加强理论武装｜ [plan]',
    '  item 落实“第一议题”制度｜把学习贯彻习近平总书记重要讲话精神作为主席团会议第一议题。 [plan]',
    '  item 开展专题学习｜组织文艺工作者集中学习4次，开展学习研讨2次。 [plan]',
    'section 繁荣文艺创作｜ [plan]',
    '  item 推出精品力作｜围绕重大时间节点，组织创作一批反映青山发展的文艺作品。 [plan]',
    '  item 加强阵地建设｜ [plan]',
    '    item 办好《青山文艺》刊物，每季度出版一期｜ [plan]',
    '      item ｜严格落实“三审三校”制度。 [plan]',
    '    item ｜用好县文联微信公众号，全年推送信息200条。 [plan]',
    '    item 强化队伍建设｜举办文艺骨干培训班1期，培训60人次。 [plan]',
    'para ｜本要点由县文联办公室负责解释。 [overview]',
]
DOCX_OUTLINE = [
    'para ｜2024年，县档案馆认真落实意识形态工作责任制。现将有关情况总结如下： [overview]',
    'section 一、主要做法｜ [achievement]',
    '  item 1.强化理论武装｜坚持“第一议题”制度，全年集中学习12次。 [achievement]',
    '    item 1.｜开展专题研讨4次。 [achievement]',
    '    item 2.｜组织青年干部读书班1期。 [achievement]',
    '  item 2.加强阵地管理｜对馆网站和公众号实行“三审三校”。\n项目\u3000完成情况\n审核稿件\u3000320篇\n处置舆情\u30002起 [achievement]',
    'section 存在的问题｜ [problem]',
    '  point 一是｜学习的系统性还不强。 [problem]',
    '  point 二是｜新媒体运营能力不足。 [problem]',
]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_parts_above_sections_other_markers_and_a_closing_paragraph(encoding: str, tmp_path: Path) -> None:
    d = read_encoded("read_parts_outline.txt", encoding, tmp_path)
    assert meta(d) == ("青山县教育局2024年工作总结和2025年工作计划", "总结", 2024, "青山县教育局")
    assert outline(d) == PARTS_OUTLINE
    levels = [(p.number, p.level) for p in d.passages if p.number]
    assert levels[:3] == [("第一部分", 1), ("一、", 1), ("1）", 4)] and ("⑴", 4) in levels and ("一．", 1) in levels


def test_markdown_headings_bullets_and_bold_lead_phrases() -> None:
    d = read(DOCUMENTS / "read_markdown.md")
    assert meta(d) == ("青山县文联2025年宣传思想工作要点", "要点", 2025, "青山县文联")
    assert d.reading.how("title").how == "正文第1行（标题样式）"
    assert outline(d) == MARKDOWN_OUTLINE
    assert not any("**" in p.heading + p.text or p.text.startswith(">") for p in d.passages)


def test_word_list_levels_by_style_not_by_label_title_style_and_tables(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "read_docx_lists.docx")
    lines = read_source(path)
    # Both list styles show "1." — the level comes from the style (List Number 2 is one deeper).
    assert lines[3:6] == ["1.强化理论武装。坚持“第一议题”制度，全年集中学习12次。", "1.开展专题研讨4次。",
                          "2.组织青年干部读书班1期。"]
    assert lines[8:11] == ["项目\u3000完成情况", "审核稿件\u3000320篇", "处置舆情\u30002起"]
    d = read(path)
    assert meta(d) == ("青山县档案馆2024年意识形态工作总结", "总结", 2024, "青山县档案馆")
    assert d.reading.how("title").how == "正文第1行（标题样式）"
    assert outline(d) == DOCX_OUTLINE
    assert [p.level for p in d.passages if p.type == "item"] == [3, 4, 4, 3]
    simplified = read_source(path, ReadOptions(to_simplified=True))  # levels survive OpenCC
    assert [getattr(x, "level", None) for x in simplified] == [getattr(x, "level", None) for x in lines]

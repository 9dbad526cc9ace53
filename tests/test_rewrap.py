"""Text repair: hard-wrapped lines joined, run-on documents split at their markers, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from cailiaoku.ingest.cleaning import clean
from readdocs import dropped, meta, outline, read_encoded

PDF_OUTLINE = [
    'para ｜今年以来，县农业农村局党组坚持以习近平新时代中国特色社会主义思想为指导，认真落实《党委（党组）意识形态工作责任制实施办法》，扎实推进意识形态各项工作。现将有关情况总结如下： [overview]',
    'section 一、主要做法｜ [achievement]',
    '  item （一）强化理论学习｜严格落实“第一议题”制度，全年召开党组理论学习中心组学习会议12次，开展专题研讨4次，组织干部职工参加“学习强国”答题活动，参与人数达到1260人次。 [achievement]',
    '  item （二）加强阵地管理｜对局微信公众号、网站和宣传栏实行“三审三校”，全年审核稿件360篇，未发生导向问题。 [achievement]',
    '  item （三）做好舆情处置｜建立涉农舆情监测研判机制，及时回应群众关切，全年妥善处置涉农网络舆情5起。 [achievement]',
    'section 二、存在的问题｜ [problem]',
    '  point 一是｜理论学习与业务工作结合还不够紧密。 [problem]',
    '  point 二是｜基层阵地管理仍有薄弱环节。 [problem]',
    'section 三、下一步打算｜ [plan]',
    '  item （一）深化理论武装｜把学习贯彻党的二十届三中全会精神作为首要政治任务，推动学习往深里走、往实里走。 [plan]',
    '  item （二）压实工作责任｜层层签订意识形态工作责任书，确保责任落实到人。 [plan]',
]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_pdf_copy_with_hard_wraps_page_numbers_and_spaced_digits(encoding: str, tmp_path: Path) -> None:
    d = read_encoded("read_pdf_wrapped.txt", encoding, tmp_path)
    assert meta(d) == ("青山县农业农村局2024年意识形态工作总结", "总结", 2024, "青山县农业农村局")
    assert d.furniture == {"date": "2024年12月"}
    assert dropped(d) == [(1, "标题行"), (16, "页码"), (28, "页码")]
    assert [(n.line, n.reason) for n in d.reading.repairs] == [
        (4, "去掉了 4 处汉字之间的空格"), (4, "第4–7行是同一段（硬换行），已合并"),
        (9, "第9–12行是同一段（硬换行），已合并"), (13, "第13–14行是同一段（硬换行），已合并"),
        (18, "第18–19行是同一段（硬换行），已合并"), (21, "第21–22行是同一段（硬换行），已合并"),
        (24, "第24–25行是同一段（硬换行），已合并"), (26, "第26–27行是同一段（硬换行），已合并")]
    assert outline(d) == PDF_OUTLINE


def texts(lines: list[str]) -> list[str]:
    return [ln.text for ln in clean(lines).lines]


def test_narrow_column_joined_but_never_across_a_paragraph_end_or_marker() -> None:
    column = ["县2024年工作总结", "一、主要做法", "（一）强化学习。组织中心组", "学习12次，开展专题研讨",
              "4次，撰写心得体会20篇。", "（二）加强阵地管理。严格落", "实“三审三校”制度。", "坚持每周研判舆情。"]
    assert texts(column) == ["一、主要做法", "（一）强化学习。组织中心组学习12次，开展专题研讨4次，撰写心得体会20篇。",
                             "（二）加强阵地管理。严格落实“三审三校”制度。", "坚持每周研判舆情。"]


def test_split_pairs_and_numbers_are_joined_even_without_a_column() -> None:
    lines = ["县2024年工作总结", "（一）强化学习。认真学习《中国共产党", "纪律处分条例》，开展“学", "习强国”答题，参与12",
             "60人次。", "（二）加强阵地建设，建强“主阵地”", "坚持每周研判舆情。"]
    assert texts(lines) == ["（一）强化学习。认真学习《中国共产党纪律处分条例》，开展“学习强国”答题，参与1260人次。",
                            "（二）加强阵地建设，建强“主阵地”", "坚持每周研判舆情。"]


def test_spaces_between_chinese_characters_are_removed() -> None:
    assert texts(["县 2024 年工作总结", "意 识 形 态 工 作 责 任 制 全 面 落 实 。"]) == ["意识形态工作责任制全面落实。"]


def test_a_whole_document_on_one_line_is_split_at_its_markers() -> None:
    line = ("青山县科协2024年意识形态工作总结2024年，县科协认真落实意识形态工作责任制。一、主要做法"
            "（一）强化理论武装。全年开展集中学习12次。（二）加强阵地管理。严格落实“三审三校”制度。"
            "二、存在问题一是学习不够深入，二是阵地管理还有短板。三、下一步计划（一）深化学习。"
            "持续开展专题研讨。（二）建强阵地。完善审核机制。统一、规范地做好各项工作。")
    d = read_lines([line])
    assert outline(d) == [
        "para ｜2024年，县科协认真落实意识形态工作责任制。 [overview]",
        "section 一、主要做法｜ [achievement]",
        "  item （一）强化理论武装｜全年开展集中学习12次。 [achievement]",
        "  item （二）加强阵地管理｜严格落实“三审三校”制度。 [achievement]",
        "section 二、存在问题｜ [problem]",
        "  point 一是｜学习不够深入， [problem]",
        "  point 二是｜阵地管理还有短板。 [problem]",
        "section 三、下一步计划｜ [plan]",
        "  item （一）深化学习｜持续开展专题研讨。 [plan]",
        "  item （二）建强阵地｜完善审核机制。统一、规范地做好各项工作。 [plan]",
    ]
    assert [n.reason for n in d.reading.repairs] == [
        "标题“青山县科协2024年意识形态工作总结”与正文连在同一行，已拆开", "第1行整篇连在一行，按编号拆成 9 段"]


def read_lines(lines: list[str]):
    from cailiaoku.ingest.analyse import analyse
    from cailiaoku.ingest.metadata import SourceMeta
    from readdocs import TAXONOMY

    return analyse(lines, SourceMeta(), TAXONOMY, "范文.txt")

"""Points: 一是… after a comma; 一是/二是 as separate paragraphs form one run; a lead-in stays the text."""

from __future__ import annotations

from cailiaoku.ingest.analyse import analyse
from cailiaoku.ingest.metadata import SourceMeta
from readdocs import TAXONOMY, outline


def read_lines(lines: list[str]) -> list[str]:
    return outline(analyse(lines, SourceMeta(), TAXONOMY, "范文.txt"))


def test_points_after_a_comma() -> None:
    assert read_lines(["县2024年工作总结", "（一）强化学习。坚持集中学习，一是读原著，二是开展研讨，三是撰写心得。"]) == [
        "item （一）强化学习｜坚持集中学习， [achievement]",
        "  point 一是｜读原著， [achievement]",
        "  point 二是｜开展研讨， [achievement]",
        "  point 三是｜撰写心得。 [achievement]",
    ]


def test_separate_point_paragraphs_under_an_item_with_a_lead_in() -> None:
    assert read_lines(["县2025年工作计划", "一、主要任务", "（一）深化理论武装",
                       "围绕学习贯彻全会精神，重点做好三项工作：", "一是开展专题读书班。", "二是组织理论宣讲30场。",
                       "三是把理论学习纳入年度考核。", "（二）加强阵地管理。落实“三审三校”制度。"]) == [
        "section 一、主要任务｜ [plan]",
        "  item （一）深化理论武装｜围绕学习贯彻全会精神，重点做好三项工作： [plan]",
        "    point 一是｜开展专题读书班。 [plan]",
        "    point 二是｜组织理论宣讲30场。 [plan]",
        "    point 三是｜把理论学习纳入年度考核。 [plan]",
        "  item （二）加强阵地管理｜落实“三审三校”制度。 [plan]",
    ]


def test_separate_point_paragraphs_straight_under_a_section() -> None:
    assert read_lines(["县2024年工作总结", "二、存在的问题", "一是理论学习不够深入。", "二是阵地管理存在短板。",
                       "三、下一步计划", "（一）深化学习。持续开展专题研讨。"]) == [
        "section 二、存在的问题｜ [problem]",
        "  point 一是｜理论学习不够深入。 [problem]",
        "  point 二是｜阵地管理存在短板。 [problem]",
        "section 三、下一步计划｜ [plan]",
        "  item （一）深化学习｜持续开展专题研讨。 [plan]",
    ]


def test_a_paragraph_continuing_an_item_stays_with_it_until_the_next_marker() -> None:
    assert read_lines(["县2024年工作总结", "一、主要做法", "（一）强化学习。全年集中学习12次。",
                       "同时，组织青年干部开展读书分享会。", "（二）加强阵地。落实审核制度。"]) == [
        "section 一、主要做法｜ [achievement]",
        "  item （一）强化学习｜全年集中学习12次。\n同时，组织青年干部开展读书分享会。 [achievement]",
        "  item （二）加强阵地｜落实审核制度。 [achievement]",
    ]

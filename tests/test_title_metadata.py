"""Title, year and organisation found the way a reader finds them, each with how it was found."""

from __future__ import annotations

import pytest

from cailiaoku.ingest.analyse import analyse
from cailiaoku.ingest.metadata import SourceMeta
from cailiaoku.ingest.title import tidy
from readdocs import DOCUMENTS, TAXONOMY, found, meta, outline, read


def doc(lines: list[str], name: str = "范文.txt", sidecar: SourceMeta | None = None):
    return analyse(lines, sidecar or SourceMeta(), TAXONOMY, name)


@pytest.mark.parametrize(("line", "title", "removed"), [
    ("青山区文旅局2024年意识形态工作总结（定稿）", "青山区文旅局2024年意识形态工作总结", ["（定稿）"]),
    ("县委宣传部2025年宣传思想工作要点（2025年1月8日）", "县委宣传部2025年宣传思想工作要点", ["（2025年1月8日）"]),
    ("2024年意识形态工作总结范文", "2024年意识形态工作总结", ["范文"]),
    ("2024年党支部工作总结（精选5篇）", "2024年党支部工作总结", ["（精选5篇）"]),
    ("【范文】镇2024年工作总结(修改稿)", "镇2024年工作总结", ["【范文】", "(修改稿)"]),
    ("市人大办公室2025年意识形态工作要点1", "市人大办公室2025年意识形态工作要点", ["1"]),
])
def test_title_suffixes_are_trimmed(line: str, title: str, removed: list[str]) -> None:
    assert tidy(line) == (title, removed)


def test_title_below_banners_breadcrumb_and_file_name_line() -> None:
    d = read(DOCUMENTS / "read_web_banner.txt")
    assert meta(d) == ("青山区文旅局2024年意识形态工作总结", "总结", 2024, "青山区文旅局")
    assert found(d) == {"title": "正文第4行，去掉了“（定稿）”", "kind": "正文标题中的“工作总结”",
                        "year": "标题", "org": "标题中年份之前的单位"}


def test_long_guanyu_title_with_unit_inside_and_wenhao_line_above() -> None:
    d = read(DOCUMENTS / "read_report_gongwen_gb18030.txt")
    assert meta(d) == ("关于中共青山县委宣传部2024年度落实党委（党组）意识形态工作责任制和网络意识形态工作责任制情况"
                       "及2025年工作打算的报告",
                       "报告", 2024, "中共青山县委宣传部")
    assert len(d.title) > 50
    assert found(d)["org"] == "标题中“关于”之后的单位"


def test_title_from_the_file_name_and_unit_after_the_year() -> None:
    d = read(DOCUMENTS / "read_2024年青山镇党委党建工作总结（定稿）.txt")
    assert meta(d) == ("2024年青山镇党委党建工作总结", "总结", 2024, "青山镇党委")
    assert found(d)["title"] == "文件名（正文里没有找到标题行）"
    assert found(d)["org"] == "标题中年份之后的单位（标题取自文件名或正文第一句）"
    assert [g.field for g in d.reading.guesses()] == ["title", "kind", "year", "org"]
    assert outline(d)[:2] == [
        "para ｜今年以来，镇党委坚持以党建引领基层治理，不断加强基层党组织建设，推动全面从严治党向纵深发展。 [overview]",
        "section 一、夯实基层组织基础｜ [achievement]"]


def test_generic_file_name_falls_back_to_the_first_sentence() -> None:
    d = doc(["（一）加强理论学习。组织学习3次。"], "新建文本文档.txt")
    assert d.title == "加强理论学习"
    assert found(d)["title"] == "正文第一句（正文里没有标题行，文件名也不像标题）"


def test_year_and_unit_from_wenhao_and_luokuan() -> None:
    d = doc(["青宣〔2025〕7号", "关于加强网络意识形态阵地管理的报告", "县委：",
             "今年以来，我部加强网络阵地管理。现将有关情况报告如下：", "一、主要做法", "（一）完善制度。制定管理办法。",
             "特此报告。", "青山县委宣传部", "2025年3月2日"])
    assert meta(d) == ("关于加强网络意识形态阵地管理的报告", "报告", 2025, "青山县委宣传部")
    assert (found(d)["year"], found(d)["org"]) == ("文号“青宣〔2025〕7号”", "落款单位")
    d = doc(["意识形态工作总结", "一、主要做法", "（一）完善制度。制定管理办法。", "县文联", "二〇二五年一月八日"])
    assert (d.year, d.org) == (2024, "县文联")
    assert found(d)["year"] == "落款日期“二〇二五年一月八日”（年初写的总结，按上一年）"


@pytest.mark.parametrize(("title", "org"), [
    ("青山县委关于2024年意识形态工作情况的报告", "青山县委"),
    ("关于青山县文联2024年意识形态工作的报告", "青山县文联"),
    ("2024年青山县委宣传部意识形态工作总结", "青山县委宣传部"),
    ("市委政研室2024年意识形态工作总结和2025年工作谋划", "市委政研室"),
    ("关于2024年度意识形态工作情况的报告", ""),
])
def test_unit_from_the_title(title: str, org: str) -> None:
    assert doc([title, "一、主要做法", "（一）完善制度。制定管理办法。"]).org == org


def test_glued_title_of_a_one_line_document() -> None:
    d = doc(["青山县科协2024年意识形态工作总结2024年，县科协认真落实意识形态工作责任制。一、主要做法"
             "（一）强化理论武装。全年开展集中学习12次。（二）加强阵地管理。严格落实“三审三校”制度。"
             "二、存在问题一是学习不够深入，二是阵地管理还有短板。三、下一步计划（一）深化学习。"
             "持续开展专题研讨。（二）建强阵地。完善审核机制。" * 1])
    assert meta(d) == ("青山县科协2024年意识形态工作总结", "总结", 2024, "青山县科协")
    assert found(d)["title"] == "正文第1行开头（标题与正文连在一起）"


def test_collection_first_article_title_and_later_article_headers() -> None:
    d = doc(["2024年意识形态工作总结范文精选3篇", "第1篇：青山县委宣传部2024年意识形态工作总结",
             "一、主要做法", "（一）完善制度。制定管理办法。", "第2篇：市文联2024年意识形态工作总结",
             "（二）加强学习。开展专题研讨。"])
    assert meta(d) == ("青山县委宣传部2024年意识形态工作总结", "总结", 2024, "青山县委宣传部")
    assert found(d)["title"] == "正文第2行，去掉了“第1篇：”"
    assert [(n.line, n.reason) for n in sorted(d.reading.dropped, key=lambda n: n.line)] == [
        (1, "合集的篇目标题"), (2, "标题行"), (5, "合集的篇目标题")]


def test_site_name_glued_to_the_title_is_cut_off() -> None:
    d = doc(["2024年青山县文联意识形态工作总结_第一范文网", "第一范文网 - 专注范文", "一、主要做法", "（一）完善制度。制定办法。"])
    assert meta(d) == ("2024年青山县文联意识形态工作总结", "总结", 2024, "青山县文联")
    assert [n.reason for n in d.reading.repairs] == ["去掉标题行里的网站名，留下“2024年青山县文联意识形态工作总结”"]
    assert [(n.line, n.reason) for n in sorted(d.reading.dropped, key=lambda n: n.line)] == [
        (1, "标题行"), (2, "网站横幅或口号")]


def test_word_title_with_a_manual_line_break(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document as NewDocx

    from readdocs import read

    document = NewDocx()
    title = document.add_paragraph("关于青山县委宣传部2024年意识形态工作")
    title.add_run().add_break()
    title.add_run("情况的报告")
    document.add_paragraph("一、主要做法")
    document.add_paragraph("（一）完善制度。制定办法。")
    document.save(str(tmp_path / "报告.docx"))
    d = read(tmp_path / "报告.docx")
    assert meta(d) == ("关于青山县委宣传部2024年意识形态工作情况的报告", "报告", 2024, "青山县委宣传部")
    assert found(d)["title"] == "正文第1–2行（两行合为一个标题）"


def test_unit_and_date_under_the_title() -> None:
    d = doc(["2024年度意识形态工作总结", "青山县统计局", "（2025年1月5日）", "今年以来，我局认真落实责任制。",
             "一、主要做法", "（一）完善制度。制定管理办法。"])
    assert meta(d) == ("2024年度意识形态工作总结", "总结", 2024, "青山县统计局")
    assert d.furniture == {"issuer": "青山县统计局", "date": "2025年1月5日"}
    assert found(d)["org"] == "落款单位"


@pytest.mark.parametrize("subtitle", ["守正创新开创宣传工作新格局", "锻造忠诚干净担当的宣传干部", "凝聚全社会"])
def test_a_subtitle_that_ends_like_a_unit_name_stays_in_the_body(subtitle: str) -> None:
    """格局 ends in 局, 干部 in 部, 社会 in 会: a line under the title is a unit only if it reads as one."""
    d = doc(["2024年度意识形态工作总结", subtitle, "今年以来，我局认真落实责任制。", "一、主要做法",
             "（一）完善制度。制定管理办法。"])
    assert "issuer" not in d.furniture
    assert subtitle in "".join(p.heading + p.text for p in d.passages)


@pytest.mark.parametrize(("opening", "org"), [
    ("本人自2022年3月任县农业农村局党组书记、局长以来，认真履行职责。", "县农业农村局"),
    ("一年来，我作为青山镇党委副书记，分管党建和宣传工作。", "青山镇党委"),
    ("本人担任区委宣传部副部长，协助部长抓好网络宣传。", "区委宣传部"),
    ("今年以来，我局认真落实主体责任，全面完成各项任务。", ""),  # 任务 is no post
])
def test_unit_from_the_post_named_in_the_opening(opening: str, org: str) -> None:
    """A 述职报告 without unit in title, 落款 or 述职人 line: the post in its first lines names it."""
    d = doc(["2023年度个人述职述廉报告", opening, "一、加强学习", "（一）学原文。全年学习12次。"])
    assert d.org == org
    assert found(d)["org"] == ("正文开头写的职务" if org else "没有找到单位")


COVER = ["青山县人民政府办公室文件", "青政办发〔2024〕15号",
         "关于印发《青山县2024年网络安全宣传周活动方案》的通知", "各乡镇人民政府，县直各单位：",
         "《青山县2024年网络安全宣传周活动方案》已经县政府同意，现印发给你们，请认真贯彻执行。",
         "青山县人民政府办公室", "2024年8月20日", "附件",
         "青山县2024年网络安全宣传周活动方案",
         "为提升全民网络安全意识，结合我县实际，制定本方案。", "一、活动内容",
         "（一）开展网络安全进社区活动。组织志愿者深入社区。", "（二）举办知识竞赛。面向干部职工开展答题。",
         "抄送：县委办公室。", "青山县人民政府办公室    2024年8月20日印发"]


def test_a_cover_notice_gives_way_to_the_document_it_issues() -> None:
    """关于印发《X》的通知: the document is X (title, kind); the notice and its 落款 are no passages."""
    d = doc(COVER)
    assert meta(d) == ("青山县2024年网络安全宣传周活动方案", "方案", 2024, "青山县人民政府办公室")
    assert d.furniture["cover"] == "关于印发《青山县2024年网络安全宣传周活动方案》的通知"
    assert (d.furniture["issuer"], d.furniture["date"]) == ("青山县人民政府办公室", "2024年8月20日")
    texts = [p.heading + p.text for p in d.passages]
    assert texts[0] == "为提升全民网络安全意识，结合我县实际，制定本方案。"
    assert not any("印发给你们" in t or t in ("青山县人民政府办公室", "2024年8月20日", "附件") for t in texts)
    assert found(d)["org"] == "落款单位（标题里的“青山县”是其所在地）"


def test_a_notice_whose_issued_title_is_not_repeated_stays_as_it_is() -> None:
    lines = [x for x in COVER if x != "青山县2024年网络安全宣传周活动方案"]
    d = doc(lines)
    assert d.title == "关于印发《青山县2024年网络安全宣传周活动方案》的通知"
    assert "cover" not in d.furniture

"""Noise is dropped and document furniture kept as metadata, by the rules of noise.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cailiaoku import library
from cailiaoku.ingest.cleaning import clean
from cailiaoku.ingest.rules import RULES_FILE, load_rules
from readdocs import DOCUMENTS, dropped, outline, read


def test_web_copy_loses_banners_breadcrumbs_paywall_and_footer() -> None:
    d = read(DOCUMENTS / "read_web_banner.txt")
    assert dropped(d) == [
        (1, "网站横幅或口号"), (2, "导航路径"), (3, "导航路径"),
        (4, "标题行"),
        (5, "上传者、时间、阅读量或字数"), (6, "上传者、时间、阅读量或字数"), (7, "付费或会员提示"),
        (8, "只有文件名的行"), (19, "页码"), (20, "标签行"), (21, "上一篇、下一篇"), (22, "上一篇、下一篇"),
        (23, "相关推荐"), (24, "相关推荐"), (25, "相关推荐"), (26, "相关推荐"),
        (27, "版权、备案或免责声明"), (28, "版权、备案或免责声明"), (29, "版权、备案或免责声明"),
    ]
    assert d.furniture == {}
    assert outline(d) == [
        "para ｜2024年，青山区文旅局坚持以习近平新时代中国特色社会主义思想为指导，认真落实意识形态工作责任制，"
        "扎实推进各项工作。现将有关情况总结如下： [overview]",
        "section 一、主要做法｜ [achievement]",
        "  item （一）强化理论武装｜严格落实“第一议题”制度，全年召开理论学习中心组学习会12次，开展专题研讨4次。 [achievement]",
        "  item （二）管好宣传阵地｜落实“三审三校”制度，对局官方网站和微信公众号发布内容逐条审核，全年发布信息320条。"
        " [achievement]",
        "section 二、存在的问题｜ [problem]",
        "  point 一是｜理论学习的深度还不够。 [problem]",
        "  point 二是｜网络舆情应对能力有待提升。 [problem]",
        "section 三、下一步打算｜ [plan]",
        "  item （一）持续深化理论学习｜把学习贯彻党的二十届三中全会精神作为首要政治任务。 [plan]",
        "  item （二）加强网评队伍建设｜组织网评员业务培训2次，提升舆论引导能力。 [plan]",
    ]


def test_gongwen_furniture_is_kept_as_document_fields_gb18030() -> None:
    path = DOCUMENTS / "read_report_gongwen_gb18030.txt"
    assert path.read_bytes().decode("gb18030") and b"\xe5" not in path.read_bytes()[:3]
    d = read(path)
    assert d.furniture == {
        "doc_number": "青委宣发〔2025〕3号", "signer": "陈某某", "addressee": "县委：",
        "closing": "特此报告。", "issuer": "中共青山县委宣传部", "date": "2025年1月10日",
        "contact": ["联系人：李某某，电话：0000-1234567"], "cc": "县委办公室，县政府办公室。",
        "attachments": ["1.青山县意识形态工作责任清单", "2.2024年意识形态领域分析研判报告目录"],
    }
    assert sorted((n.line, n.reason) for n in d.reading.kept) == [
        (1, "文号、签发人"), (5, "主送机关"), (13, "结束语"), (15, "附件"), (16, "附件"),
        (17, "落款单位"), (18, "成文日期"), (19, "联系人"), (20, "抄送")]
    assert dropped(d) == [(3, "标题行")]
    assert outline(d) == [
        "para ｜2024年，县委宣传部在县委的坚强领导下，认真履行意识形态工作主体责任，各项工作取得新成效。"
        "现将有关情况报告如下： [overview]",
        "section 一、责任制落实情况｜ [achievement]",
        "  item （一）压紧压实主体责任｜部务会专题研究意识形态工作4次，制定年度责任清单，明确班子成员“一岗双责”。"
        " [achievement]",
        "  item （二）加强分析研判｜每季度召开意识形态领域形势分析研判会议，形成研判报告4份。 [achievement]",
        "section 二、2025年工作打算｜ [plan]",
        "  item （一）健全责任体系｜修订意识形态工作责任制考核办法，将考核结果纳入年度综合考评。 [plan]",
        "  item （二）加强阵地管理｜落实新媒体平台内容审核制度，确保导向正确。 [plan]",
    ]
    # Written to the library as document fields, read back the same, and lint knows them.
    text = library.dump_document(d)
    assert "doc_number: 青委宣发〔2025〕3号" in text and "attachments:" in text
    back = library.document_from_dict(__import__("yaml").safe_load(text))
    assert back.furniture == d.furniture


def test_a_new_site_banner_is_one_line_of_data(tmp_path: Path) -> None:
    lines = ["县2024年工作总结", "一、主要做法", "（一）强化学习。组织学习3次。", "长江公文网 - 专注公文写作"]
    assert [ln.text for ln in clean(lines).lines][-1] == "长江公文网 - 专注公文写作"
    rules_file = tmp_path / "noise.yaml"
    shutil.copy(RULES_FILE, rules_file)
    text = rules_file.read_text(encoding="utf-8").replace("sites:\n", "sites:\n  - 长江公文网\n", 1)
    rules_file.write_text(text, encoding="utf-8")
    cleaned = clean(lines, rules=load_rules(rules_file))
    assert [ln.text for ln in cleaned.lines] == ["一、主要做法", "（一）强化学习。组织学习3次。"]
    assert [(n.line, n.reason) for n in cleaned.reading.dropped][0] == (4, "网站横幅或口号")


def test_page_numbers_and_speech_furniture() -> None:
    lines = ["2024年度个人述职述廉报告", "述职人：县委宣传部副部长 王某", "尊敬的各位领导、同志们：",
             "一年来，我认真履行岗位职责。现将有关情况报告如下：", "第1页 共3页", "一、加强学习",
             "坚持读原著学原文。", "- 2 -", "以上报告，请予评议。", "述职人：王某", "2025年1月15日"]
    cleaned = clean(lines)
    assert cleaned.furniture == {"reporter": "县委宣传部副部长 王某", "salutation": "尊敬的各位领导、同志们：",
                                 "date": "2025年1月15日"}
    assert [n.reason for n in cleaned.reading.dropped] == ["页码", "页码", "标题行"]
    assert [ln.text for ln in cleaned.lines] == [
        "一年来，我认真履行岗位职责。现将有关情况报告如下：", "一、加强学习", "坚持读原著学原文。", "以上报告，请予评议。"]


@pytest.mark.parametrize(("line", "reason"), [
    ("2024年意识形态工作总结范文精选6篇", "合集的篇目标题"),
    ("第2篇：2024年党支部意识形态工作总结", "合集的篇目标题"),
    ("您的位置：首页 » 工作总结 » 正文", "导航路径"),
    ("阅读：3562次  更新时间：2024-12-01", "上传者、时间、阅读量或字数"),
    ("开通会员，免费下载全文", "付费或会员提示"),
    ("剩余3860字未读，展开阅读全文", "付费或会员提示"),
    ("关键词：意识形态；工作总结", "标签行"),
    ("Copyright © 2024 wenku.example.cn All Rights Reserved", "版权、备案或免责声明"),
    ("浙公网安备33010202000000号", "版权、备案或免责声明"),
    ("第 3 页 共 8 页", "页码"),
    ("— 12 —", "页码"),
    ("3/8", "页码"),
    ("猜你喜欢：", "相关推荐"),
    ("上一篇：2023年工作总结　下一篇：2025年工作计划", "上一篇、下一篇"),
    ("点击蓝字 关注我们", "公众号文章的关注提示、编审署名"),
    ("原创 青山宣传 2024-12-01 08:00 发表于浙江", "公众号文章的关注提示、编审署名"),
    ("初审：张三 复审：李四 终审：王五", "公众号文章的关注提示、编审署名"),
    ("文字：张某　图片：李某", "公众号文章的关注提示、编审署名"),
    ("分享、点赞、在看", "公众号文章的关注提示、编审署名"),
    ("阅读原文", "公众号文章的关注提示、编审署名"),
    ("【字体：大 中 小】", "网页工具栏（字号、打印、分享等）"),
    ("索引号：11330100MB0000000X/2025-00012", "上传者、时间、阅读量或字数"),
])
def test_noise_lines(line: str, reason: str) -> None:
    rule = load_rules().noise_reason(line)
    assert rule is not None and rule.reason == reason


@pytest.mark.parametrize("line", [
    "2024年，局党组召开会议专题研究意识形态工作3次。", "（一）加强阵地建设，建强“主阵地”", "一、工作开展情况",
    "县委宣传部", "时间：全年", "二是阅读量不高，影响力有限。", "转发上级文件12份。", "为家乡发展点赞加油的群众越来越多。",
    "（一）关注群众诉求。", "关注我们的工作", "【中心工作】", "一是加强统筹，形成合力。",
])
def test_body_lines_are_not_noise(line: str) -> None:
    assert load_rules().noise_reason(line) is None and not load_rules().is_site_banner(line)


def test_a_speech_salutation_alone_is_furniture() -> None:
    cleaned = clean(["在全县宣传思想工作会议上的讲话", "同志们：", "今天召开会议，主要任务是部署工作。", "一、提高认识"])
    assert cleaned.furniture == {"salutation": "同志们："}
    assert [ln.text for ln in cleaned.lines] == ["今天召开会议，主要任务是部署工作。", "一、提高认识"]


def test_red_header_and_printing_line_are_furniture() -> None:
    d = read_lines(["中共青山县委宣传部文件", "青宣发〔2025〕2号", "关于2024年度意识形态工作情况的报告", "县委：",
                    "一、主要做法", "（一）完善制度。制定管理办法。", "抄送：县委办公室。",
                    "青山县委宣传部办公室　　2025年1月10日印发"])
    assert d.furniture == {"masthead": "中共青山县委宣传部文件", "doc_number": "青宣发〔2025〕2号", "addressee": "县委：",
                           "cc": "县委办公室。", "printed": "青山县委宣传部办公室 2025年1月10日印发"}
    assert (d.org, d.year) == ("中共青山县委宣传部", 2024)


def read_lines(lines: list[str]):  # type: ignore[no-untyped-def]
    from cailiaoku.ingest.analyse import analyse
    from cailiaoku.ingest.metadata import SourceMeta
    from readdocs import TAXONOMY

    return analyse(lines, SourceMeta(), TAXONOMY, "范文.txt")


def test_a_related_list_ends_at_the_first_sentence() -> None:
    """The short title lines under 相关推荐 go; a line that ends a sentence (；。！？) is body again."""
    cleaned = clean(["相关推荐", "2024年党建工作总结", "2025年工作计划",
                     "公众号矩阵持续扩容，中心组学习常态开展；", "一、主要做法", "（一）完善制度。制定办法。"])
    assert [ln.text for ln in cleaned.lines][:1] == ["公众号矩阵持续扩容，中心组学习常态开展；"]
    assert [n.text for n in cleaned.reading.dropped] == ["相关推荐", "2024年党建工作总结", "2025年工作计划"]


def test_a_running_page_header_next_to_the_page_number_is_dropped() -> None:
    """A PDF copied as text: the unit's name heads each page, right after the previous page's number;
    the hard wrap across the page break then joins the two halves of the sentence."""
    lines = ["中共青山县委宣传部", "2024年上半年意识形态工作情况汇报", "一、主要工作",
             "（一）加强阵地管理。对全县新媒体账号开展全面排查，关停“僵尸号”5个，建立",
             "- 1 -", "中共青山县委宣传部", "健全了“三审三校”制度，确保信息发布安全。",
             "（二）做好舆情应对。上半年处置网络舆情12起。", "- 2 -", "中共青山县委宣传部"]
    cleaned = clean(lines)
    assert [(n.line, n.reason) for n in cleaned.reading.dropped if n.reason != "标题行"] == [
        (5, "页码"), (9, "页码"), (6, "页眉或页脚（每页重复）"), (10, "页眉或页脚（每页重复）")]
    body = "".join(ln.text for ln in cleaned.lines)
    assert "建立健全了“三审三校”制度" in body and body.count("宣传部") == 0


def test_a_line_next_to_a_page_number_that_occurs_once_is_body() -> None:
    lines = ["青山县统计局2024年工作总结", "一、主要工作", "（一）完善制度。", "- 1 -", "加强统计执法",
             "（二）强化宣传。开展宣传月活动。"]
    assert "加强统计执法" in [ln.text for ln in clean(lines).lines]


def test_a_speech_keeps_speaker_salutation_and_thanks_out_of_its_passages() -> None:
    lines = ["在全县宣传思想文化工作会议上的讲话", "县委常委、宣传部部长  李某某", "（2024年2月26日）", "同志们：",
             "这次会议的主要任务是，总结2023年工作，部署2024年任务。", "一、提高政治站位",
             "宣传思想文化工作是党的一项极端重要的工作。", "二、强化组织保障", "各级党委要认真履行主体责任。",
             "同志们，任务光荣而艰巨。让我们奋力开创新局面！", "谢谢大家！"]
    d = read_lines(lines)
    assert d.furniture == {"speaker": "县委常委、宣传部部长 李某某", "date": "2024年2月26日",
                           "salutation": "同志们：", "closing": "谢谢大家！"}
    assert [(p.number, p.parent is None) for p in d.passages][-1] == ("", True)  # 同志们，…: the closing
    assert d.passages[-1].text.startswith("同志们，任务光荣而艰巨")
    assert not any("李某某" in p.text or p.text == "谢谢大家！" for p in d.passages)


GOV_PAGE = ["首页 | 新闻中心 | 政务公开 | 互动交流", "当前位置：首页 > 政务公开 > 工作总结",
            "青山县文旅局2024年意识形态工作总结", "【字体：大 中 小】 【打印本页】 【关闭窗口】",
            "索引号：11330100MB0000000X/2025-00012", "发布日期：2025-01-10　　信息来源：县文旅局　　浏览次数：1024",
            "2024年，县文旅局认真落实意识形态工作责任制。", "一、主要做法", "（一）加强理论学习。全年组织中心组学习12次。",
            "【中心工作】", "二、存在问题", "意识形态工作队伍力量还比较薄弱。", "分享到：微信 微博 QQ空间",
            "扫一扫在手机打开当前页", "【我要纠错】 【打印】 【关闭】",
            "主办单位：青山县人民政府办公室　承办单位：青山县大数据中心", "网站标识码：3301000001　浙ICP备12345678号",
            "为确保最佳浏览效果，建议使用Chrome浏览器"]


def test_a_government_site_copy_loses_its_page_tools_info_table_and_footer() -> None:
    cleaned = clean(GOV_PAGE)
    assert [ln.text for ln in cleaned.lines] == [
        "2024年，县文旅局认真落实意识形态工作责任制。", "一、主要做法", "（一）加强理论学习。全年组织中心组学习12次。",
        "【中心工作】", "二、存在问题", "意识形态工作队伍力量还比较薄弱。"]
    reasons = {n.line: n.reason for n in cleaned.reading.dropped}
    assert reasons[4] == reasons[13] == reasons[15] == "网页工具栏（字号、打印、分享等）"
    assert reasons[16] == "网站页脚（主办、承办、技术支持）"


def test_every_gongwen_element_of_a_red_header_report_is_furniture() -> None:
    """份号, 密级, 紧急程度, 发文机关标志, 文号, 签发人, 主送, 结束语, 落款, 成文日期, 附注, 联系人:
    GB/T 9704's elements are document fields, and the 落款 is found above a 附注."""
    lines = ["000123", "机密★1年", "特急", "中共青山县委宣传部文件", "青宣发〔2025〕2号", "签发人：王某",
             "中共青山县委宣传部", "关于2024年度意识形态工作情况的报告", "县委：",
             "2024年，我部认真落实意识形态工作责任制。现将有关情况报告如下：", "一、主要工作",
             "（一）加强理论武装。组织中心组学习12次。", "特此报告。", "中共青山县委宣传部", "2025年1月8日",
             "（此件公开发布）", "（联系人：李某，电话：1234567）"]
    d = read_lines(lines)
    assert {k: v for k, v in d.furniture.items() if k != "contact"} == {
        "copy_number": "000123", "secrecy": "机密★1年", "urgency": "特急", "masthead": "中共青山县委宣传部文件",
        "doc_number": "青宣发〔2025〕2号", "signer": "王某", "addressee": "县委：", "closing": "特此报告。",
        "issuer": "中共青山县委宣传部", "date": "2025年1月8日", "note": "（此件公开发布）"}
    assert [p.number + (p.heading or p.text[:8]) for p in d.passages] == ["2024年，我部", "一、主要工作", "（一）加强理论武装"]
    assert dict((n.line, n.reason) for n in d.reading.dropped)[7] == "标题上方的单位名"

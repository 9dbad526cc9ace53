from pathlib import Path

from docx import Document as NewDocx


def make_docx(path: Path) -> Path:
    d = NewDocx()
    d.add_paragraph("青山县档案馆2024年意识形态工作总结", style="Title")
    d.add_paragraph("2024年，县档案馆认真落实意识形态工作责任制。现将有关情况总结如下：")
    d.add_paragraph("一、主要做法", style="Heading 1")
    d.add_paragraph("强化理论武装。坚持“第一议题”制度，全年集中学习12次。", style="List Number")
    d.add_paragraph("开展专题研讨4次。", style="List Number 2")
    d.add_paragraph("组织青年干部读书班1期。", style="List Number 2")
    d.add_paragraph("加强阵地管理", style="List Number")
    d.add_paragraph("对馆网站和公众号实行“三审三校”。")
    table = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("项目", "完成情况"), ("审核稿件", "320篇"), ("处置舆情", "2起")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    d.add_paragraph("存在的问题", style="Heading 1")
    d.add_paragraph("一是学习的系统性还不强。二是新媒体运营能力不足。")
    d.save(str(path))
    return path

"""Themes: every part of an ordinary 总结/计划/述职报告 on 意识形态, 党建 or 宣传 work gets a fitting theme."""

from __future__ import annotations

from pathlib import Path

import pytest

from docx_documents import make_docx
from readdocs import DOCUMENTS, TAXONOMY, found, furniture_free, meta, read


def themes_by_heading(path: Path) -> dict[str, list[str]]:
    return {p.number + (p.heading or p.text[:11]): p.themes for p in read(path).passages}


def test_party_building_and_clean_government_items_get_their_own_themes() -> None:
    path = DOCUMENTS / "read_shuzhi_dangjian.txt"
    d = read(path)
    assert meta(d) == ("2024年度党支部书记抓基层党建工作述职述廉报告", "述职报告", 2024, "青山县林业局机关党支部")
    assert found(d)["org"] == "述职人“青山县林业局机关党支部书记 赵某某”的职务"
    assert furniture_free(d) == {"reporter": "青山县林业局机关党支部书记 赵某某",
                                 "salutation": "尊敬的各位领导、同志们：", "date": "2025年1月6日"}
    got = themes_by_heading(path)
    assert got["（一）抓班子带队伍"][0] == "党的建设"
    assert got["（二）抓意识形态和宣传工作"][0] == "舆论引导"
    assert got["（三）抓党风廉政建设"] == ["党风廉政"]
    assert got["（一）规范组织生活"] == ["党的建设"]
    assert got["（二）强化作风建设"][0] == "党风廉政"
    assert got["二是党费收缴和发展党员工作"] == ["党的建设"]


def test_new_themes_have_description_and_terms() -> None:
    for name in ("党的建设", "党风廉政"):
        theme = TAXONOMY.get(name)
        assert theme is not None and theme.description and len(theme.terms) >= 10
    assert {"支部", "三会一课", "主题党日", "组织生活", "党费"} <= set(TAXONOMY.get("党的建设").terms)
    assert {"作风建设", "廉政建设"} <= set(TAXONOMY.get("党风廉政").terms)


@pytest.mark.parametrize("name", sorted(p.name for p in DOCUMENTS.glob("read_*")) + ["docx"])
def test_every_part_of_every_test_document_has_a_theme(name: str, tmp_path: Path) -> None:
    path = make_docx(tmp_path / "read_docx_lists.docx") if name == "docx" else DOCUMENTS / name
    d = read(path)
    assert [p.number + p.heading + p.text for p in d.passages if not p.themes] == []
    assert all(t in TAXONOMY.names for p in d.passages for t in p.themes)

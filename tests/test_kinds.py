"""Document kinds are data (taxonomy.yaml kinds:): detection from titles, nearest kind, and every
consumer (lint E006, the 按文种 page, the finder facet, export --kind, add-source --kind) follows the list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from cailiaoku import kinds
from cailiaoku.compose.assemble import build_draft
from cailiaoku.compose.spec import load_layout
from cailiaoku.errors import LibraryError
from cailiaoku.finder.corpus import build_corpus
from cailiaoku.finder.export import manifest
from cailiaoku.ingest.metadata import SourceMeta, resolve
from cailiaoku.library import load_library
from cailiaoku.lint import lint_library
from cailiaoku.site import pages_index
from cailiaoku.site.sitedata import SiteData
from cailiaoku.taxonomy import load_taxonomy
from conftest import run_cli
from samples import ROOT

TAXONOMY = load_taxonomy(ROOT / "taxonomy.yaml")
KINDS = TAXONOMY.kinds

REQUIRED = {
    "总结": [], "计划": [], "要点": [], "汇报": [], "报告": ["情况报告", "工作报告"], "分析研判报告": [],
    "述职报告": ["述职述廉报告"], "方案": ["实施方案", "工作方案"], "讲话": ["讲话稿", "发言"],
}


def test_the_list_has_every_required_kind_with_synonyms_role_and_outline() -> None:
    for name, synonyms in REQUIRED.items():
        kind = kinds.get(KINDS, name)
        assert kind is not None, name
        assert set(synonyms) <= set(kind.synonyms), name
        assert kind.outline and kind.outline[0].intro and kind.role
        assert all(part.roles for part in kind.outline)


@pytest.mark.parametrize(("title", "kind"), [
    ("市委政研室2024年意识形态工作总结和2025年工作谋划", "总结"),
    ("市人大办公室2025年意识形态工作要点", "要点"),
    ("县委宣传部2025年工作计划", "计划"),
    ("张三同志2024年度述职述廉报告", "述职报告"),
    ("2024年度落实意识形态工作责任制述职报告", "述职报告"),
    ("关于2025年上半年意识形态工作情况的报告", "报告"),
    ("关于推进基层党建工作实施方案落实情况的报告", "报告"),
    ("区文旅局2025年意识形态工作情况报告", "报告"),
    ("2025年第一季度意识形态领域形势分析研判报告", "分析研判报告"),
    ("市教育局关于开展理论学习的实施方案", "方案"),
    ("在全市宣传思想文化工作会议上的讲话", "讲话"),
    ("在主题教育读书班上的交流发言", "讲话"),
    ("市委网信办2024年工作汇报", "汇报"),
    ("学习二十届三中全会精神心得体会", None),
    ("关于开展2024年网络安全宣传周活动的通知", "通知"),
    ("关于加强新时代网络意识形态工作的实施意见", "实施意见"),
    ("2024年度民主生活会个人对照检查材料", "对照检查材料"),
    ("县委常委班子专题民主生活会检视剖析材料", "对照检查材料"),
    ("关于群众意见建议办理情况的报告", "报告"),
    ("群众意见建议办理情况报告", "报告"),
])
def test_kind_from_title_longest_synonym_wins(title: str, kind: str | None) -> None:
    found = kinds.detect(KINDS, title)
    assert (found.kind.name if found else None) == kind


@pytest.mark.parametrize(("name", "kind"), [
    ("工作总结", "总结"), ("述职述廉报告", "述职报告"), ("讲话材料", "讲话"), ("研判", "分析研判报告"),
    ("调研报告", "报告"), ("总节", "总结"),
])
def test_unknown_names_map_to_the_nearest_kind(name: str, kind: str) -> None:
    assert kinds.nearest(KINDS, name).name == kind


def test_metadata_reports_how_the_kind_was_found() -> None:
    src = Path("x.txt")
    meta = resolve("某局2025年工作要点", SourceMeta(), src, KINDS)
    assert (meta.kind, meta.how["kind"]) == ("要点", "正文标题中的“工作要点”")
    meta = resolve("", SourceMeta(title="某局2025年学习体会", kind="述职述廉"), src, KINDS)
    assert meta.kind == "述职报告" and "最接近" in meta.how["kind"]
    meta = resolve("某局学习体会", SourceMeta(), src, KINDS)
    assert meta.kind == KINDS[0].name and "猜测" in meta.how["kind"]


def _project(tmp_path: Path, extra_kind: dict | None = None) -> Path:
    dest = tmp_path / "proj"
    shutil.copytree(ROOT / "snippets", dest / "snippets")
    raw = yaml.safe_load((ROOT / "taxonomy.yaml").read_text(encoding="utf-8"))
    if extra_kind:
        raw["kinds"].append(extra_kind)
    (dest / "taxonomy.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return dest


XINDE = {"name": "心得体会", "slug": "xinde", "synonyms": ["学习体会", "心得"], "role": "overview",
         "outline": [{"intro": True, "roles": ["overview"]}, {"heading": "学习收获", "roles": ["achievement"]}]}


def test_an_editor_adds_a_kind_and_every_consumer_follows(tmp_path: Path) -> None:
    proj = _project(tmp_path, XINDE)
    path = proj / "snippets" / "2024-ju-zongjie.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["document"]["kind"] = "心得体会"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    taxonomy = load_taxonomy(proj / "taxonomy.yaml")
    assert [p for p in lint_library(proj / "snippets", taxonomy, proj) if p.code == "E006"] == []
    assert kinds.detect(taxonomy.kinds, "学习二十届三中全会精神心得").kind.name == "心得体会"
    # 按文种 page: groups in the list's order, the new kind after 总结/要点
    data = SiteData.load(proj / "snippets", proj / "taxonomy.yaml")
    labels = [label for label, _ in pages_index._groups(data, "by-kind")]
    assert labels == ["总结", "要点", "心得体会"]
    # the finder facet orders kinds by the list shipped in its manifest
    corpus = build_corpus(load_library(proj / "snippets"), taxonomy)
    assert manifest(corpus, 1, "x")["kinds"] == taxonomy.kind_names
    # the compose skeleton of a kind without documents comes from its outline
    spec = load_layout(taxonomy.kinds)
    assert "心得体会" in spec["kinds"] and spec["skeletons"]["defaults"]["心得体会"][1]["heading"] == "学习收获"
    draft = build_draft(load_library(proj / "snippets"), spec, ids=[raw["passages"][0]["id"]], outline=None,
                        kind="心得体会", org=None, year=None, title=None)
    assert draft["kind"] == "心得体会" and draft["title"] == ""
    # without the kind in taxonomy.yaml the same file fails lint
    plain = load_taxonomy(_project(tmp_path / "b").joinpath("taxonomy.yaml"))
    assert [p.code for p in lint_library(proj / "snippets", plain, proj) if p.code == "E006"] == ["E006"]


def test_the_shipped_compose_skeletons_cover_every_kind() -> None:
    spec = load_layout(KINDS)
    assert spec["kinds"] == TAXONOMY.kind_names
    for kind in KINDS:
        sections = spec["skeletons"]["defaults"][kind.name]
        assert sections[0]["intro"] and all(s["roles"] for s in sections)
        assert "{org}" in spec["title"]["templates"][kind.name]


def test_bad_kinds_lists_are_refused_with_a_chinese_message(tmp_path: Path) -> None:
    for bad, words in [
        ([{"name": "总结", "slug": "a"}, {"name": "总结", "slug": "b"}], "文种名重复"),
        ([{"name": "总结", "slug": "Zong Jie"}], "slug 不合法"),
        ([{"name": "总结", "slug": "a", "role": "winner"}], "role 不认识"),
        ([{"name": "总结", "slug": "a", "synonyms": ["报告"]}, {"name": "报告", "slug": "b"}], "同时属于"),
    ]:
        path = tmp_path / "taxonomy.yaml"
        path.write_text(yaml.safe_dump({"themes": [], "kinds": bad}, allow_unicode=True), encoding="utf-8")
        with pytest.raises(LibraryError, match=words):
            load_taxonomy(path)


def test_export_and_add_source_check_the_kind_before_doing_anything(project_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.docx"
    result = run_cli("export", "--ids", "v9rs55k", "--kind", "简报", "-o", str(out), cwd=project_copy)
    assert result.returncode == 1 and "没有文种“简报”" in result.stderr and not out.exists()
    result = run_cli("export", "--ids", "v9rs55k", "--kind", "述职报告", "-o", str(out), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "（述职报告）" in result.stdout
    incoming = tmp_path / "x.txt"
    incoming.write_text("某局2025年意识形态工作总结\n一、主要做法\n（一）强化理论武装。全年学习12次。\n",
                        encoding="utf-8")
    before = sorted(p.name for p in (project_copy / "sources").iterdir())
    for args, words in [(["--kind", "总节"], "是不是“总结”"), (["--year", "25"], "--year 25 不是四位数字年份")]:
        result = run_cli("add-source", str(incoming), *args, cwd=project_copy)
        assert result.returncode == 1 and words in result.stderr, result.stderr
    assert sorted(p.name for p in (project_copy / "sources").iterdir()) == before


def test_the_compose_page_offers_every_kind_with_its_skeleton() -> None:
    import json

    from cailiaoku.compose.plugin import ComposePlugin

    plugin = ComposePlugin()
    plugin.load_config({})
    plugin.root = ROOT
    script = plugin.layout_js()
    data = json.loads(script.split("window.Cailiaoku.layout = ", 1)[1].strip().rstrip(";"))
    assert data["kinds"] == TAXONOMY.kind_names  # render.js takes its KINDS (the 文种 choice) from here
    assert set(data["skeletons"]) == set(TAXONOMY.kind_names)
    shuzhi = data["skeletons"]["述职报告"]
    assert [s["heading"] for s in shuzhi["sections"]] == ["", "履职情况", "存在的不足", "今后努力方向"]
    assert data["title"]["templates"]["讲话"].startswith("在{org}")

"""The built site: every page type, nav, counts against the library, literal text, macros, CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cailiaoku.library import document_path, dump_document, load_library
from cailiaoku.model import ROLES, Passage
from cailiaoku.site.markup import copy_text
from cailiaoku.site.phrases import four_char, pairs, quoted
from cailiaoku.taxonomy import load_taxonomy
from conftest import run_cli
from light_chrome import as_written

PLANT_ID = "zzplant"
PLANT_HEADING = "测试{{ 7*7 }}标题**粗体**"
PLANT_TEXT = "植入段落：{{ 7*7 }} 和 {% include 'x' %} 以及 <script>alert(1)</script> 还有 **bold** 结束。"
LITERALS = ["{{ 7*7 }}", "{% include 'x' %}", "<script>alert(1)</script>", "**bold**"]


class _Text(HTMLParser):
    """Visible text of a page (script and style contents left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def text_of(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def read(page: Path) -> str:
    return page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def library(root: Path):
    return load_library(root / "snippets")


@pytest.fixture(scope="module")
def taxonomy(root: Path):
    return load_taxonomy(root / "taxonomy.yaml")


def html_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


# --- every page type ---------------------------------------------------------------------------

def test_every_page_type_exists(built_site: Path, library, taxonomy) -> None:
    expected = {"index.html", "themes/index.html", "source/index.html", "phrases.html",
                "by-year.html", "by-org.html", "by-kind.html", "macros.html"}
    expected |= {f"themes/{t.slug}.html" for t in taxonomy.themes}
    expected |= {f"source/{d.id}.html" for d in library.documents}
    expected |= {f"p/{p.id}.html" for _, p in library.passages()}
    missing = expected - html_files(built_site)
    assert not missing, sorted(missing)
    for asset in ("assets/cailiaoku/site.js", "assets/cailiaoku/site.css",
                  "assets/vendor/iframe-worker-shim.js", "search/search_index.js"):
        assert (built_site / asset).is_file(), asset


def test_pages_are_chinese_and_link_site_script(built_site: Path) -> None:
    for page in ("index.html", "themes/lilun-xuexi.html", "p/sntb288.html"):
        source = as_written(built_site / page)  # a light page's scripts are in its chrome script
        assert '<html lang="zh"' in source
        assert "assets/cailiaoku/site.js" in source and "assets/cailiaoku/site.css" in source
        assert "fonts.googleapis" not in source and "unpkg.com" not in source


def _nav_links(source: str) -> list[str]:
    """Links of Material's navigation (the table of contents only holds #anchors)."""
    links = re.findall(r'<a href="([^"]+)" class="md-nav__link', source)
    return [u for u in links if not u.startswith("#")]


def test_nav_lists_themes_but_never_sources_or_permalinks(built_site: Path, library, taxonomy) -> None:
    """The nav is rendered into every page: it lists nothing whose number grows with the library
    (source/index.html lists the documents)."""
    per_document = re.compile(r"(^|/)(p|source)/(?!index\.html)[^/]+\.html")
    for page in ("index.html", "themes/index.html", "p/sntb288.html", "source/2024-ju-zongjie.html"):
        links = _nav_links(as_written(built_site / page))  # a light page's nav is in its chrome script
        assert links, page
        assert not [u for u in links if per_document.search(u)], page
    links = _nav_links(read(built_site / "index.html"))
    for theme in taxonomy.themes:
        assert f"themes/{theme.slug}.html" in links
    assert "source/index.html" in links
    assert len(links) < 60  # the nav stays small however many passages there are


# --- counts checked against the library -------------------------------------------------------

def test_every_passage_on_its_source_page_in_order(built_site: Path, library) -> None:
    for doc in library.documents:
        source = read(built_site / "source" / f"{doc.id}.html")
        anchors = re.findall(r'<div class="ck-p [^"]*" id="([^"]+)"', source)
        assert anchors == [p.id for p in doc.passages], doc.id
        text = text_of(built_site / "source" / f"{doc.id}.html")
        for p in doc.passages:
            assert p.number + p.heading in text or not p.heading, p.id
            assert p.text in text, p.id
        for gap in doc.gaps:
            after = source.index(f'id="{gap.after}"') if gap.after else 0
            assert source.index('class="ck-gap"', after) > after
            assert gap.note in text


def test_every_passage_on_each_of_its_theme_pages(built_site: Path, library, taxonomy) -> None:
    for theme in taxonomy.themes:
        source = read(built_site / "themes" / f"{theme.slug}.html")
        ids = re.findall(r'<article class="ck-card" data-passage-id="([^"]+)"', source)
        expected = [p.id for _, p in library.passages() if theme.name in p.themes]
        assert sorted(ids) == sorted(expected), theme.name
        # grouped by role, in ROLES order
        starts = [source.index(f'id="role-{role}"') for role in ROLES]
        assert starts == sorted(starts)
        by_id = {p.id: p for _, p in library.passages()}
        for role, start in zip(ROLES, starts, strict=True):
            end = min([s for s in starts if s > start] or [len(source)])
            chunk_ids = re.findall(r'data-passage-id="([^"]+)"', source[start:end])
            assert all(by_id[i].role == role for i in chunk_ids), (theme.name, role)


def test_every_heading_in_the_phrase_bank(built_site: Path, library) -> None:
    source = read(built_site / "phrases.html")
    text = text_of(built_site / "phrases.html")
    for _, p in library.passages():
        if p.heading:
            assert p.heading in text, p.id
            assert f'href="p/{p.id}.html"' in source, p.id
    assert "把牢“方向盘”" in text  # a quoted metaphor from the samples


def test_permalink_page_shows_text_tags_family_and_source(built_site: Path, library) -> None:
    doc = next(d for d in library.documents if d.id == "2024-ju-zongjie")
    p = next(x for x in doc.passages if x.id == "sntb288")
    children = [c for c in doc.passages if c.parent == p.id]
    assert children and p.parent
    page = built_site / "p" / "sntb288.html"
    source, text = read(page), text_of(page)
    assert copy_text(p) in text
    assert f'href="../source/{doc.id}.html#{p.id}"' in source
    assert f'href="{p.parent}.html"' in source  # same folder
    for child in children:
        assert f'href="{child.id}.html"' in source
    assert 'href="../themes/lilun-xuexi.html"' in source
    assert f'class="ck-add-draft md-button" type="button" data-passage-id="{p.id}"' in source
    assert 'data-copy-target="#ck-text-sntb288"' in source and 'id="ck-text-sntb288"' in source
    for label in ("主题", "角色", "来源", "上级段落", "下级段落", "复制", "加入草稿"):
        assert label in text


def test_index_pages_list_every_document(built_site: Path, library) -> None:
    for page in ("by-year.html", "by-org.html", "by-kind.html", "source/index.html"):
        source = read(built_site / page)
        prefix = "" if page.startswith("source/") else "source/"
        for doc in library.documents:
            assert f'href="{prefix}{doc.id}.html"' in source, (page, doc.id)
    text = text_of(built_site / "by-year.html")
    assert text.index("2025年") < text.index("2024年")


def test_search_index_keeps_taxonomy_terms_whole(built_site: Path, root: Path) -> None:
    raw = read(built_site / "search" / "search_index.js")
    docs = json.loads(raw.removeprefix("var __index = "))["docs"]
    tokens = {t for d in docs for t in d["text"].split("\u200b")}
    for term in ("三审三校", "理论学习中心组", "舆情"):
        assert term in tokens, term
    # Only hand-written pages (guides) are indexed: passages are searched by the finder, so
    # nothing in Material's index grows with the library.
    locations = {d["location"].split("#")[0] for d in docs}
    written = {p.relative_to(root / "docs").with_suffix(".html").as_posix()
               for p in (root / "docs").rglob("*.md")}
    assert "guide/editors.html" in locations and "training/yishixingtai-zongjie.html" in locations
    tools = {"", "index.html", "finder.html", "compose.html"}  # the finder's and compose's own pages
    assert locations <= written | tools, sorted(locations - written)


def test_no_external_resources_in_any_page(built_site: Path) -> None:
    pattern = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=[\"']?(?:https?:)?//", re.I)
    offenders = [p for p in built_site.rglob("*.html") if pattern.search(read(p))]
    assert not offenders, offenders[:5]


# --- literal text, macros, CLI (on copies of the project) -------------------------------------

def plant(project: Path) -> None:
    """Add a passage full of template, HTML and Markdown syntax to a copy of the library."""
    lib = load_library(project / "snippets")
    doc = next(d for d in lib.documents if d.id == "2024-ju-zongjie")
    at = next(i for i, p in enumerate(doc.passages) if p.id == "v9rs55k") + 1
    doc.passages.insert(at, Passage(id=PLANT_ID, type="point", level=6, number="三是",
                                    heading=PLANT_HEADING, text=PLANT_TEXT, parent="sntb288",
                                    role="achievement", themes=["理论学习"]))
    document_path(project / "snippets", doc.id).write_text(dump_document(doc), encoding="utf-8")
    (project / "docs" / "plant.md").write_text(
        f'# 植入\n\n{{{{ passage("{PLANT_ID}") }}}}\n\n'
        f'行内：{{{{ passage_link("{PLANT_ID}") }}}}\n\n'
        '{{ passages(theme="理论学习", role="achievement", limit=50) }}\n', encoding="utf-8")


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("build", "--site-dir", str(site), cwd=project)


def test_passage_text_is_shown_literally_on_every_page_type(project_copy: Path) -> None:
    plant(project_copy)
    site = project_copy / "out"
    result = build(project_copy, site)
    assert result.returncode == 0, result.stderr + result.stdout
    pages = [f"p/{PLANT_ID}.html", "source/2024-ju-zongjie.html", "themes/lilun-xuexi.html",
             "plant.html"]
    for page in pages:
        source, text = read(site / page), text_of(site / page)
        for literal in LITERALS:
            assert literal in text, (page, literal)
        assert "<script>alert(1)" not in source, page
        assert "<strong>bold</strong>" not in source and "<em>bold</em>" not in source, page
        assert "植入段落：49" not in text, page
        assert PLANT_HEADING in text, page
    assert PLANT_HEADING in text_of(site / "phrases.html")
    assert 'href="p/zzplant.html"' in read(site / "plant.html")


def test_unknown_passage_in_a_macro_fails_naming_page_and_id(project_copy: Path) -> None:
    (project_copy / "docs" / "lesson.md").write_text('# 课\n\n{{ passage("nosuch9") }}\n',
                                                      encoding="utf-8")
    result = build(project_copy, project_copy / "out")
    assert result.returncode == 1
    assert "docs/lesson.md" in result.stderr and "nosuch9" in result.stderr
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "out2"],
                           cwd=project_copy, capture_output=True, text=True, timeout=600)
    assert plain.returncode != 0
    assert "nosuch9" in plain.stdout + plain.stderr


def test_mkdocs_build_gives_the_same_site(project_copy: Path) -> None:
    ours = project_copy / "ours"
    assert build(project_copy, ours).returncode == 0
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "plain"],
                           cwd=project_copy, capture_output=True, text=True, timeout=600)
    assert plain.returncode == 0, plain.stderr
    theirs = project_copy / "plain"
    assert html_files(ours) == html_files(theirs)
    for page in ("p/sntb288.html", "themes/lilun-xuexi.html", "source/2024-ju-zongjie.html",
                 "phrases.html"):
        assert read(ours / page) == read(theirs / page), page


def test_lint_error_stops_the_build(project_copy: Path) -> None:
    path = project_copy / "snippets" / "2024-ju-zongjie.yaml"
    path.write_text(read(path).replace("role: achievement", "role: chengji", 1), encoding="utf-8")
    site = project_copy / "out"
    result = build(project_copy, site)
    assert result.returncode == 1
    assert "snippets/2024-ju-zongjie.yaml:" in result.stderr and "chengji" in result.stderr
    assert not site.exists()


def test_permalinks_are_stable(project_copy: Path, library) -> None:
    first, second = project_copy / "one", project_copy / "two"
    assert build(project_copy, first).returncode == 0
    assert build(project_copy, second).returncode == 0
    before = {p for p in html_files(first) if p.startswith("p/")}
    assert before == {p for p in html_files(second) if p.startswith("p/")}
    assert before == {f"p/{p.id}.html" for _, p in library.passages()}
    plant(project_copy)  # an unrelated passage joins the library
    third = project_copy / "three"
    assert build(project_copy, third).returncode == 0
    after = {p for p in html_files(third) if p.startswith("p/")}
    assert after == before | {f"p/{PLANT_ID}.html"}
    for _, p in library.passages():
        assert copy_text(p) in text_of(third / "p" / f"{p.id}.html"), p.id


# --- phrase patterns (pure) -------------------------------------------------------------------

def test_phrase_patterns() -> None:
    assert pairs("坚持“主基调”，敢于斗争，精准发力，牢牢抓住主导权。") == ["敢于斗争，精准发力"]
    assert pairs("讲好故事，传播声音，展示形象。") == ["讲好故事，传播声音，展示形象"]
    assert four_char("推动党的创新理论铭记脑海、扎根心田、融入血脉。今年以来，各项工作成效明显") == [
        "扎根心田", "融入血脉"]
    assert quoted("把牢“方向盘”，严格落实“第一议题”制度", {"第一议题"}) == ["把牢“方向盘”"]


def test_macros_page_embeds_a_passage_and_a_filtered_list(built_site: Path, library) -> None:
    source = read(built_site / "macros.html")
    cards = re.findall(r'<article class="ck-card" data-passage-id="([^"]+)"', source)
    plan = [p.id for d in sorted(library.documents, key=lambda d: (-(d.year or 0), d.id))
            for p in d.passages if "理论学习" in p.themes and p.role == "plan"]
    primary = [i for i in plan if next(p for _, p in library.passages() if p.id == i).themes[0] == "理论学习"]
    expected = (primary + [i for i in plan if i not in primary])[:3]
    assert cards[0] == "sntb288"  # {{ passage("sntb288") }}
    assert cards[1:4] == expected  # {{ passages(theme="理论学习", role="plan", limit=3) }}
    assert 'href="p/sntb288.html"' in source


def test_material_search_worker_patch() -> None:
    from material import __file__ as material_init

    from cailiaoku.site.search_patch import patch_source

    workers = Path(material_init).parent / "templates" / "assets" / "javascripts" / "workers"
    shipped = next(workers.glob("search.*.min.js")).read_text(encoding="utf-8")
    patched = patch_source(shipped)
    assert patched is not None and patched != shipped
    assert len(patched) == len(shipped) + 1
    assert patch_source("function f(){}") is None

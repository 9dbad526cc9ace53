"""Light pages: permalinks p/<id>.html and source documents source/<id>.html are written from one
rendered shell per folder, not through MkDocs' per-page pipeline (site/light.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cailiaoku.errors import CailiaokuError
from cailiaoku.library import load_library
from cailiaoku.site.light import CONTENT, TITLE, TOC, compact, cut_shell, fill, plain_config
from cailiaoku.site.markup import copy_text
from conftest import run_cli

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_ASSET_LINKS = re.compile(r'<(?:link|script)\b[^>]*\b(?:href|src)="(?:\.\./)?(assets/[^"]+)"')


def read(page: Path) -> str:
    return page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def library(root: Path):
    return load_library(root / "snippets")


def test_same_urls_as_before_and_each_holds_its_passage(built_site: Path, library) -> None:
    permalinks = {p.name for p in (built_site / "p").iterdir()}
    assert permalinks == {f"{p.id}.html" for _, p in library.passages()}
    sources = {p.name for p in (built_site / "source").iterdir()}
    assert sources == {f"{d.id}.html" for d in library.documents} | {"index.html"}
    assert not list(built_site.rglob("_shell*"))  # the shells are not pages of the site
    for doc, p in library.passages():
        html = read(built_site / "p" / f"{p.id}.html")
        assert f'id="ck-text-{p.id}"' in html and f'href="../source/{doc.id}.html#{p.id}"' in html
    for doc in library.documents:
        html = read(built_site / "source" / f"{doc.id}.html")
        assert f"<h1>{doc.title}</h1>" in html and f"<title>{doc.title} - 材料库</title>" in html
        assert html.count('class="ck-p ') == len(doc.passages)


def test_light_pages_are_small_and_share_the_site_chrome(built_site: Path) -> None:
    home = read(built_site / "themes" / "index.html")  # a page MkDocs renders, at the same depth
    inline = set(_INLINE_SCRIPT.findall(home))
    assets = set(_ASSET_LINKS.findall(home))
    for page in ("p/sntb288.html", "p/d7rgh5x.html", "source/2024-ju-zongjie.html"):
        html = read(built_site / page)
        assert '<html lang="zh"' in html and 'data-md-component="search-query"' in html
        assert set(_ASSET_LINKS.findall(html)) == assets, page  # the same CSS and scripts
        # the hosting plugin's CSP hashes the inline scripts of the pages MkDocs renders
        assert set(_INLINE_SCRIPT.findall(html)) <= inline, page
        assert not re.search(r"<[^>]+\s(?:on\w+|style)=", html), page
        nav = re.findall(r'class="md-nav__link"', html.split('data-md-type="toc"')[0])
        assert 0 < len(nav) <= 12, page  # top-level entries only, not the whole nav
    assert len(read(built_site / "p" / "sntb288.html").encode()) < 20_000
    toc = read(built_site / "source" / "2024-ju-zongjie.html").split('data-md-type="toc"')[1]
    assert 'aria-label="目录"' in toc and re.search(r'<a href="#[a-z0-9]+" class="md-nav__link">', toc)


def test_fill_escapes_the_title_and_keeps_inline_scripts_byte_for_byte() -> None:
    script = "<script>var a = 1;\n\n    if (a) {\n      a = 2 }</script>"
    shell_html = (f"<html>\n\n   <head><title>{TITLE} - 站</title>{script}</head>\n  <body>\n\n"
                  f"<h2>{TITLE}</h2><div>{TOC}</div><article>{CONTENT}</article>\n"
                  '<link rel="canonical" href="https://x/p/_shell.html"></body></html>')
    assert script in compact(shell_html) and "\n\n" not in compact(shell_html).replace(script, "")
    shell = cut_shell(shell_html, "p/_shell.html")
    page = fill(shell, "p/abc1234.html", "标题<script>alert(1)</script>", "<p>正文</p>",
                [{"level": 2, "id": "s1", "name": "一、总体", "children": []}])
    assert "<script>alert(1)" not in page and "标题&lt;script&gt;alert(1)&lt;/script&gt; - 站" in page
    assert script in page and "<article><p>正文</p></article>" in page
    assert '<a href="#s1" class="md-nav__link"><span class="md-ellipsis">一、总体</span></a>' in page
    assert 'href="https://x/p/abc1234.html"' in page


def test_the_shell_config_keeps_its_data_in_fewer_bytes() -> None:
    data = {"search.result.none": "没有找到", "x": "<\\u5df2>", "quote": "\"", "pair": "😀"}
    text = json.dumps(data).replace("<", "\\u003c")  # as Jinja's tojson writes it
    html = f'<script id="__config" type="application/json">{text}</script>'
    plain = plain_config(html)
    inner = plain.removeprefix('<script id="__config" type="application/json">').removesuffix("</script>")
    assert json.loads(inner) == data and "没有找到" in plain and len(plain) < len(html)
    assert "<" not in inner  # "<" stays escaped: the data never closes its script element


def test_a_shell_without_its_content_marker_is_refused() -> None:
    with pytest.raises(CailiaokuError) as info:
        cut_shell("<html><body>模板被改过</body></html>", "p/_shell.html")
    assert "p/_shell.html" in str(info.value) and "ck-light.html" in str(info.value.hint)


def test_a_page_in_docs_at_a_permalink_address_stops_the_build(project_copy: Path) -> None:
    (project_copy / "docs" / "p").mkdir()
    (project_copy / "docs" / "p" / "sntb288.md").write_text("# 手写\n", encoding="utf-8")
    result = run_cli("build", "--site-dir", str(project_copy / "out"), cwd=project_copy)
    assert result.returncode == 1
    assert "docs/p/sntb288.md" in result.stderr and "同名" in result.stderr
    assert "Traceback" not in result.stderr


def test_links_from_hand_written_pages_to_light_pages_resolve(project_copy: Path) -> None:
    """Trainers link passages as p/<id>.md (guide/trainers.md): MkDocs still resolves and checks
    those links, and the page linked to is the light page."""
    (project_copy / "docs" / "training" / "lesson.md").write_text(
        "# 课\n\n[方向盘](../p/sntb288.md) [原文](../source/2024-ju-zongjie.md#sntb288) "
        "[写错的](../p/nosuch1.md)\n\n```markdown\n[示例](../p/d7rgh5x.md)\n```\n", encoding="utf-8")
    config = project_copy / "mkdocs.yml"  # with site_url: canonical links and a sitemap
    config.write_text(read(config).replace("site_name: 材料库", "site_name: 材料库\nsite_url: https://nw.example/ck/", 1),
                      encoding="utf-8")
    site = project_copy / "out"
    result = run_cli("build", "--site-dir", str(site), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert '<link rel="canonical" href="https://nw.example/ck/p/d7rgh5x.html">' in read(site / "p" / "d7rgh5x.html")
    assert "<loc>https://nw.example/ck/guide/editors.html</loc>" in read(site / "sitemap.xml")
    assert "_shell" not in read(site / "sitemap.xml")
    html = read(site / "training" / "lesson.html")
    assert 'href="../p/sntb288.html"' in html and 'href="../source/2024-ju-zongjie.html#sntb288"' in html
    assert "d7rgh5x.md" in html and "d7rgh5x.html" not in html  # a code block is shown as written
    assert "nosuch1" in result.stderr + result.stdout  # MkDocs' own check of the link, in Chinese
    permalink = read(site / "p" / "sntb288.html")
    assert "ck-light-nav" in permalink and 'id="ck-text-sntb288"' in permalink
    assert len(permalink.encode()) < 20_000


@pytest.mark.browser
def test_light_pages_work_in_the_browser(built_site: Path, page, library) -> None:  # type: ignore[no-untyped-def]
    doc = next(d for d in library.documents if d.id == "2024-ju-zongjie")
    section = next(p for p in doc.passages if p.type == "section" and p.heading)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto((built_site / "source" / f"{doc.id}.html").as_uri())
    link = page.locator(f'nav.md-nav--secondary a[href="#{section.id}"]')
    assert link.is_visible()
    link.click()
    page.wait_for_function(f"() => location.hash === '#{section.id}'")
    page.set_viewport_size({"width": 400, "height": 800})  # a phone: the nav is in the drawer
    page.goto((built_site / "p" / "sntb288.html").as_uri())
    page.click('label.md-header__button[for="__drawer"]')
    finder = page.locator('.md-nav--primary a.md-nav__link:has-text("查找段落")')
    finder.wait_for(state="visible")
    finder.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/finder.html")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto((built_site / "source" / f"{doc.id}.html").as_uri())
    point = next(p for p in doc.passages if p.type == "point" and p.heading)
    page.click(f"#{point.id} .ck-copy")  # copies from the text element (data-copy-target)
    page.wait_for_function("() => document.querySelector('.ck-live')?.textContent === '已复制'")
    assert page.evaluate("navigator.clipboard.readText()") == copy_text(point)
    passage = next(p for _, p in library.passages() if p.id == "sntb288")
    page.goto((built_site / "p" / "sntb288.html").as_uri())
    assert copy_text(passage) in page.inner_text("article")
    assert not errors, errors

"""Light pages: permalinks p/<id>.html and source documents source/<id>.html are written from one
rendered shell per folder, not through MkDocs' per-page pipeline (site/light.py)."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

import pytest

from cailiaoku.errors import CailiaokuError
from cailiaoku.library import load_library
from cailiaoku.site.light import CONTENT, TITLE, TOC, compact, cut_shell, fill, plain_config
from cailiaoku.site.markup import copy_text, join_heading, rel
from conftest import run_cli
from light_chrome import CHROME_TAG, as_written, chrome_scripts

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
    scripts: set[Path] = set()
    for page in ("p/sntb288.html", "p/d7rgh5x.html", "source/2024-ju-zongjie.html"):
        html = read(built_site / page)
        chrome = chrome_scripts(built_site / page)
        assert len(chrome) == 2 and all(s.is_file() for s in chrome), page  # header+sidebars, footer
        scripts |= set(chrome)
        written = as_written(built_site / page)
        links = set(_ASSET_LINKS.findall(written)) | set(_ASSET_LINKS.findall(html))
        assert links - assets == {s.relative_to(built_site).as_posix() for s in chrome}, page
        assert assets <= links, page  # the same CSS and scripts
        assert html.index(CHROME_TAG.findall(html)[0]) < html.index("<h1")  # written before the article
        assert not _INLINE_SCRIPT.findall(html), page  # CSP: no inline script in the page itself
        assert not re.search(r"<[^>]+\s(?:on\w+|style)=", html), page
        assert "md-header" not in html and "md-footer" not in html, page  # the chrome is shared
        assert "bundle." not in html and "bundle." in written.rsplit("md-footer", 1)[1], page
        assert '<html lang="zh"' in written and 'data-md-component="search-query"' in written
        assert written.index("md-header") < written.index("<h1") < written.index("md-footer"), page
        nav = re.findall(r'class="md-nav__link"', written.split('data-md-type="toc"')[0])
        assert 0 < len(nav) <= 12, page  # top-level entries only, not the whole nav
        assert '<a href="../index.html">材料库</a>' in html.split("<noscript>")[1].split("</noscript>")[0]
    code = "".join(s.read_text(encoding="utf-8") for s in scripts)
    assert inline and all(script in code for script in inline)  # Material's inline scripts run as before
    for script in scripts:  # named by their content: a changed chrome is a new address
        text = script.read_bytes()
        assert script.name.split(".")[1] == hashlib.sha256(text).hexdigest()[:8]
    permalinks = sorted((built_site / "p").glob("*.html"))
    assert {tuple(chrome_scripts(p)) for p in permalinks} == {tuple(chrome_scripts(permalinks[0]))}
    assert len(read(built_site / "p" / "sntb288.html").encode()) < 6_000
    toc = read(built_site / "source" / "2024-ju-zongjie.html")
    assert 'aria-label="目录"' in toc and re.search(r'<a href="#[a-z0-9]+" class="md-nav__link">', toc)


def test_fill_escapes_the_title_and_moves_the_chrome_into_scripts() -> None:
    script = "<script>var a = 1;\n\n    if (a) {\n      a = 2 }</script>"
    shell_html = (f"<html>\n\n   <head><title>{TITLE} - 站</title>{script}"
                  '<link rel="canonical" href="https://x/p/_shell.html"></head>\n  <body class="x">\n\n'
                  f"<h2>{TITLE}</h2><div>{TOC}</div><article>{CONTENT}</article>\n"
                  '<footer><a href="_shell.html">尾</a></footer><script src="../b.js"></script>\n</body></html>')
    assert script in compact(shell_html) and "\n\n" not in compact(shell_html).replace(script, "")
    shell = cut_shell(shell_html, "p/_shell.html", "p")
    page = fill(shell, "p/abc1234.html", "标题<script>alert(1)</script>", "<p>正文</p>",
                [{"level": 2, "id": "s1", "name": "一、总体", "children": []}])
    assert "<script>alert(1)" not in page and "<title>标题&lt;script&gt;alert(1)&lt;/script&gt; - 站</title>" in page
    assert "<script>" not in page and "<h2>" not in page and "<footer>" not in page
    files = dict(shell.files)
    top, end = sorted(files, reverse=True)
    assert re.fullmatch(r"assets/cailiaoku/chrome/top\.[0-9a-f]{8}\.min\.js", top)
    assert page.index(f'<script src="../{top}"></script>') < page.index("一、总体") < page.index("</div><article>")
    assert page.index("<p>正文</p>") < page.index(f'<script src="../{end}"></script>') < page.index("</body>")
    assert "../b.js" not in page and '<script src=\\"../b.js\\"></script>' in files[end]  # written after the footer
    assert script[8:-9] in files[top] and 'setAttribute("class","x")' in files[top]
    assert 'href="https://x/p/abc1234.html"' in page
    assert "尾" in files[end] and "_shell.html" in files[end] and "__ck_f" in files[top]  # the page's own name
    assert '<a href="#s1" class="md-nav__link"><span class="md-ellipsis">一、总体</span></a>' in page


def test_rel_gives_the_same_links_as_relpath() -> None:
    pages = ["index.html", "p/abc.html", "source/x.html", "themes/index.html", "guide/a/b.html"]
    targets = ["p/abc.html", "source/x.html#p1", "themes/t.html", "index.html", "finder.html#q=a/b",
               "", "#x", "guide/a/c.html", "guide/b.html", "themes/", "./a.html", "a/../b.html"]
    for here in pages:
        for target in targets:
            path, _, anchor = target.partition("#")
            expected = (posixpath.relpath(path, posixpath.dirname(here) or ".") if path
                        else posixpath.basename(here)) + ("#" + anchor if anchor else "")
            assert rel(here, target) == expected, (here, target)


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
    assert "ck-light-nav" in as_written(site / "p" / "sntb288.html") and 'id="ck-text-sntb288"' in permalink
    assert len(permalink.encode()) < 6_000


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
    titled = next(p for p in doc.passages if p.type in ("section", "item") and p.heading and p.text
                  and join_heading(p.heading, p.text))
    page.click(f"#{titled.id} .ck-copy")  # joins the heading and body shown (data-copy-sep)
    page.wait_for_function(f"async () => (await navigator.clipboard.readText()) === {json.dumps(copy_text(titled))}")
    assert "data-copy-text" not in read(built_site / "source" / f"{doc.id}.html")  # no text written twice
    passage = next(p for _, p in library.passages() if p.id == "sntb288")
    page.goto((built_site / "p" / "sntb288.html").as_uri())
    assert copy_text(passage) in page.inner_text("article")
    assert not errors, errors


@pytest.mark.browser
def test_the_shared_chrome_works_on_a_light_page(built_site: Path, page, library) -> None:  # type: ignore[no-untyped-def]
    """Header, palette, search box, 草稿 N, 加入草稿, copy and 回到页面顶部 on pages whose chrome is
    written by the shared scripts."""
    passage = next(p for _, p in library.passages() if p.id == "sntb288")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto((built_site / "p" / "sntb288.html").as_uri())
    assert page.inner_text('[data-md-component="header-topic"]') == passage.heading
    assert page.title() == f"{passage.heading} - 材料库"
    assert page.get_attribute('a.md-logo', "href") == "../index.html"
    assert page.evaluate("document.body.dataset.mdColorPrimary") == "red"
    assert "收录范文" in page.inner_text("footer.md-footer")
    page.click('label.md-header__button[for="__palette_1"]')  # Material's palette toggle
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.reload()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"  # kept, as on other pages
    count = page.locator(".ck-draft-count")
    assert count.inner_text() == "0"
    page.click(".ck-add-draft")
    page.wait_for_function("() => document.querySelector('.ck-draft-count').textContent === '1'")
    page.wait_for_function("() => document.querySelector('.ck-add-draft').textContent === '已在草稿'")
    page.click(".ck-copy")
    page.wait_for_function("() => document.querySelector('.ck-live')?.textContent === '已复制'")
    assert page.evaluate("navigator.clipboard.readText()") == copy_text(passage)
    page.fill("input.md-search__input", "理论武装")  # the header box answers passages at once
    page.wait_for_selector(".ck-header-results .ck-header-hit", timeout=30000)
    page.goto((built_site / "source" / "2024-ju-zongjie.html").as_uri())
    page.mouse.wheel(0, 3000)
    page.mouse.wheel(0, -400)  # Material shows its button when the reader scrolls back up
    top = page.locator('button.md-top:has-text("回到页面顶部")')
    top.wait_for(state="visible")
    top.click()
    page.wait_for_function("() => scrollY === 0")
    assert not errors, errors


@pytest.mark.browser
def test_a_light_page_reads_without_javascript(built_site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((built_site / "p" / "sntb288.html").as_uri())
        assert "夯实政治理论学习根基" in page.inner_text("article h1")
        assert page.locator(".md-header").count() == 0  # the chrome is written by script only
        home = page.locator("noscript a", has_text="材料库")
        assert home.is_visible() and home.get_attribute("href") == "../index.html"
        assert page.locator("noscript a", has_text="查找段落").get_attribute("href") == "../finder.html"
        assert page.locator("a", has_text="在原文中查看").is_visible()
        assert not page.locator(".ck-add-draft").is_visible()  # it could do nothing without script
    finally:
        context.close()

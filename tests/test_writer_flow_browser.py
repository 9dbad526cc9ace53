"""A writer's path from search to draft in chromium (file://), on a desktop and a 390 px phone:
no "还有 0 条" button, results before filters on a phone with removable filter chips, 草稿 N in
every header, 已在草稿 on every page and after reload, success messages not red, and the
header box listing passages first and only guide pages that really hold the query."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cailiaoku.finder.spec import fold
from cailiaoku.library import load_library
from cailiaoku.taxonomy import load_taxonomy
from conftest import ROOT

pytestmark = pytest.mark.browser

BASKET = "cailiaoku.draft.basket"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(SIZES))
def tab(browser, request) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=SIZES[request.param], locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.size = request.param  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert errors == []


def finder(pg, site: Path, hash_: str) -> None:  # type: ignore[no-untyped-def]
    pg.goto("about:blank")
    pg.goto((site / "finder.html").as_uri() + hash_)
    pg.wait_for_selector("#ck-finder[data-ready]", state="attached", timeout=30000)


def ready_changes(pg, before: str | None) -> None:  # type: ignore[no-untyped-def]
    pg.wait_for_function("b => document.querySelector('#ck-finder').dataset.ready !== b", arg=before)


def is_red(css_color: str) -> bool:
    r, g, b = (int(x) for x in re.findall(r"\d+", css_color)[:3])
    return r > 150 and g < 110 and b < 110


def test_no_more_button_when_nothing_more(tab, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    finder(tab, built_site, "#q=" + "三审三校")
    assert tab.locator("#ck-finder li.ck-hit").count() == 3
    assert not tab.locator(".ck-more").is_visible()
    finder(tab, built_site, "#q=" + "工作")
    total = int(tab.get_attribute("#ck-finder", "data-total"))
    assert 20 < total <= 80
    while tab.locator(".ck-more").is_visible():
        rest = total - tab.locator("#ck-finder li.ck-hit").count()
        assert tab.locator(".ck-more").inner_text() == f"显示更多（还有 {rest} 条）" and rest > 0
        tab.click(".ck-more")
    assert tab.locator("#ck-finder li.ck-hit").count() == total
    assert "还有 0 条" not in tab.locator("#ck-finder").inner_text()


def test_phone_shows_results_first_and_filters_as_chips(tab, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    finder(tab, built_site, "#q=" + "舆情" + "&theme=" + "网络安全")
    first = tab.locator("#ck-finder li.ck-hit").first.bounding_box()
    chips = tab.locator(".ck-chips button")
    assert chips.all_inner_texts() == ["主题：网络安全 ×"]
    if tab.size == "phone":
        assert first["y"] + 200 < SIZES["phone"]["height"]  # the first result shows on the first screen
        assert not tab.locator(".ck-facets").is_visible()
        assert tab.locator(".ck-filter-toggle").inner_text() == "筛选（1）"
        tab.click(".ck-filter-toggle")
        assert tab.locator(".ck-facets").is_visible()
        assert tab.get_attribute(".ck-filter-toggle", "aria-expanded") == "true"
    else:
        assert tab.locator(".ck-facets").is_visible() and not tab.locator(".ck-filter-toggle").is_visible()
    before = tab.get_attribute("#ck-finder", "data-ready")
    tab.locator('.ck-facet[data-facet="year"] input[value="2025"]').check()
    ready_changes(tab, before)
    assert chips.all_inner_texts() == ["主题：网络安全 ×", "年份：2025年 ×", "全部清除"]
    assert "year=2025" in tab.url
    before = tab.get_attribute("#ck-finder", "data-ready")
    chips.first.click()  # remove one filter by its chip
    ready_changes(tab, before)
    assert chips.all_inner_texts() == ["年份：2025年 ×"]
    assert "theme=" not in tab.url
    assert not tab.locator('.ck-facet[data-facet="theme"] input:checked').count()
    before = tab.get_attribute("#ck-finder", "data-ready")
    chips.first.click()
    ready_changes(tab, before)
    assert chips.count() == 0 and tab.locator(".ck-filter-toggle").inner_text() == "筛选"


def _where(pid: str) -> tuple[str, str]:
    taxonomy = load_taxonomy(ROOT / "taxonomy.yaml")
    for doc, p in load_library(ROOT / "snippets").passages():
        if p.id == pid:
            return doc.id, next(t.slug for t in taxonomy.themes if t.name == p.themes[0])
    raise KeyError(pid)


def test_draft_badge_and_in_draft_on_every_page(tab, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    pid = "fc5cmps"
    doc_id, slug = _where(pid)
    finder(tab, built_site, "#q=" + "三审三校")
    tab.evaluate(f"localStorage.removeItem('{BASKET}')")
    tab.reload()
    tab.wait_for_selector("#ck-finder[data-ready]", state="attached")
    badge = tab.locator(".md-header .ck-draft-badge")
    assert badge.is_visible() and badge.inner_text().split() == ["草稿", "0"]
    button = tab.locator(f'li.ck-hit[data-passage-id="{pid}"] .ck-add-draft')
    assert button.inner_text() == "加入草稿"
    button.click()
    assert badge.inner_text().split() == ["草稿", "1"]
    tab.wait_for_function(f"""() => document.querySelector('li.ck-hit[data-passage-id="{pid}"] .ck-add-draft')
        .textContent === '已在草稿'""")
    tab.reload()
    tab.wait_for_selector("#ck-finder[data-ready]", state="attached")
    assert button.inner_text() == "已在草稿"
    assert not is_red(button.evaluate("b => getComputedStyle(b).color"))
    for page_path in (f"themes/{slug}.html", f"source/{doc_id}.html", f"p/{pid}.html"):
        tab.goto((built_site / page_path).as_uri())
        mine = tab.locator(f'.ck-add-draft[data-passage-id="{pid}"]')
        assert mine.first.inner_text() == "已在草稿", page_path
        others = tab.locator(f'.ck-add-draft:not([data-passage-id="{pid}"])')
        assert others.count() == 0 or set(others.all_inner_texts()) == {"加入草稿"}, page_path
        assert badge.inner_text().split() == ["草稿", "1"], page_path
        assert badge.get_attribute("href").endswith("compose.html")
    badge.click()
    tab.wait_for_url("**/compose.html")
    assert tab.url == (built_site / "compose.html").as_uri()


def test_success_messages_are_not_red(tab, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    tab.goto((built_site / "compose.html").as_uri())
    tab.evaluate(f"localStorage.setItem('{BASKET}', JSON.stringify(['fc5cmps', 'd7rgh5x']))")
    tab.reload()
    tab.wait_for_selector(".ck-basket-item .ck-place", timeout=30000)
    tab.click(".ck-place-all")
    message = tab.locator("#ck-message")
    assert message.inner_text().startswith("已把 2 个段落放入提纲")
    assert not is_red(message.evaluate("m => getComputedStyle(m).color"))
    tab.evaluate("Cailiaoku.compose.page.message('测试错误', true)")
    assert is_red(message.evaluate("m => getComputedStyle(m).color"))


def _guide_texts(site: Path) -> dict[str, str]:
    from cailiaoku.finder.export import read_data

    pages = read_data((site / "assets" / "data" / "pages.js").read_text(encoding="utf-8"))
    return {p["url"]: p["text"] for p in pages}


def header_search(pg, site: Path, query: str) -> None:  # type: ignore[no-untyped-def]
    pg.goto((site / "index.html").as_uri())
    if not pg.locator("input.md-search__input").is_visible():
        pg.click('label.md-header__button[for="__search"]')  # the phone's search icon
    pg.fill("input.md-search__input", query)
    pg.wait_for_selector(".ck-header-results .ck-header-title", timeout=30000)
    pg.wait_for_function("() => /说明页面/.test(document.querySelector('.md-search-result__meta').textContent)",
                         timeout=30000)


def visible_pages(pg, site: Path) -> list[str]:  # type: ignore[no-untyped-def]
    hrefs = pg.eval_on_selector_all(
        ".md-search-result__list > li", "els => els.filter(e => e.offsetParent !== null)"
        ".map(e => e.querySelector('a').href)")
    root = site.as_uri() + "/"
    return [h[len(root):].split("?")[0].split("#")[0] for h in hrefs]


def test_header_box_passages_first_then_only_matching_guides(tab, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    guides = _guide_texts(built_site)
    assert "guide/hosting.html" in guides and not any(u.startswith(("p/", "themes/", "source/")) for u in guides)
    header_search(tab, built_site, "网评队伍")
    meta = tab.locator(".md-search-result__meta").inner_text()
    assert "符合条件的结果" not in meta  # Material's own OR-count is replaced
    shown = visible_pages(tab, built_site)
    assert shown == [u for u in shown if "网评队伍" in guides[u]]
    holders = {u for u, t in guides.items() if "网评队伍" in t or ("网评" in t and "队伍" in t)}
    assert set(shown) <= holders
    assert meta == (f"说明页面 {len(shown)} 个" if shown else "没有含有这些词语的说明页面")
    passages = tab.locator(".ck-header-results").bounding_box()
    assert tab.locator(".ck-header-hit").count() >= 1
    if shown:
        first_page = tab.locator(".md-search-result__list > li:not(.ck-off)").first.bounding_box()
        assert passages["y"] < first_page["y"]
    header_search(tab, built_site, "部署指南")
    tab.wait_for_function("() => [...document.querySelectorAll('.md-search-result__list > li:not(.ck-off) a')]"
                          ".some(a => a.href.includes('guide/hosting.html'))", timeout=90000)  # Material's worker indexes slowly on a busy machine
    shown = visible_pages(tab, built_site)
    assert "guide/hosting.html" in shown
    assert all("部署指南" in guides[u] or ("部署" in guides[u] and "指南" in guides[u]) for u in shown)
    assert fold("部署指南") in guides["guide/hosting.html"]

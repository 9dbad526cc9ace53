"""The built site in headless chromium, opened from disk (file://) and served under a sub-path."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from cailiaoku.library import load_library
from cailiaoku.site.markup import copy_text
from conftest import run_cli
from test_site_build import LITERALS, PLANT_HEADING, PLANT_ID, plant

pytestmark = pytest.mark.browser

BASKET = "cailiaoku.draft.basket"
EVERY_PAGE_TYPE = [
    "index.html", "themes/index.html", "themes/lilun-xuexi.html", "source/index.html",
    "source/2024-ju-zongjie.html", "p/sntb288.html", "phrases.html", "by-year.html",
    "by-org.html", "by-kind.html", "macros.html",
]


@pytest.fixture(params=["file", "subpath"])
def site_url(request: pytest.FixtureRequest, built_site: Path) -> str:
    """Base URL of the built site: the folder on disk, or the sub-path server."""
    if request.param == "file":
        return built_site.as_uri() + "/"
    return request.getfixturevalue("subpath_server")


@pytest.fixture(scope="module")
def passages(root: Path) -> dict:
    return {p.id: p for _, p in load_library(root / "snippets").passages()}


def open_page(page, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Go to url; returns the list that collects uncaught script errors of the page."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.wait_for_load_state("load")
    return errors


def test_pages_render_with_chinese_ui(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    expected = {
        "index.html": "材料库",
        "themes/lilun-xuexi.html": "理论学习",
        "source/2024-ju-zongjie.html": "局2024年意识形态工作总结",
        "p/sntb288.html": "夯实政治理论学习根基",
    }
    for path, heading in expected.items():
        errors = open_page(page, site_url + path)
        assert page.get_attribute("html", "lang") == "zh"
        assert page.get_attribute("input.md-search__input", "placeholder") == "搜索"
        assert heading in page.inner_text("article h1")
        assert page.evaluate("typeof window.Cailiaoku.draft.add") == "function", path
        assert not errors, (path, errors)
    page.goto(site_url + "p/sntb288.html")
    for label in ("复制", "加入草稿", "在原文中查看", "主题", "角色", "来源", "上级段落"):
        assert page.get_by_text(label, exact=True).first.is_visible(), label
    page.goto(site_url + "themes/lilun-xuexi.html")
    assert page.locator("nav.md-nav--secondary").last.get_attribute("aria-label") == "目录"
    assert page.locator("#role-achievement h2").inner_text().startswith("主要做法")
    page.goto(site_url + "source/2024-shiwei-zongjie.html")
    assert "原文缺失" in page.locator(".ck-gap").first.inner_text()


def _material_results(page, site_url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Hrefs (site-relative paths) of Material's search results for the query."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    ready = ("q => [...document.querySelectorAll('.md-search-result__list > li > a')]"
             ".some(a => decodeURIComponent(a.href).includes('h=' + q))")
    # On a machine busy with other work Material's search occasionally comes up deaf (its worker
    # reports ready but never answers); a fresh page load is what a user would do.
    for attempt in range(5):
        page.goto(site_url + "index.html")
        page.fill("input.md-search__input", query)
        try:
            page.wait_for_function(ready, arg=query, timeout=30_000)
            break
        except PlaywrightTimeout:
            if attempt == 4:
                raise
    hrefs = page.eval_on_selector_all(".md-search-result__list > li > a", "els => els.map(a => a.href)")
    paths = [unquote(urlsplit(h).path) for h in hrefs]
    base = unquote(urlsplit(site_url).path)
    return [p.removeprefix(base) for p in paths]


def _header_hits(page, site_url: str, query: str) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    """Passages the header search box shows for the query (the finder's engine): how many it
    found in all, and the ids of those listed."""
    page.goto(site_url + "index.html")
    page.fill("input.md-search__input", query)
    page.wait_for_selector(".ck-header-results:not([hidden]) .ck-header-count", timeout=30_000)
    count = int(page.inner_text(".ck-header-count").split()[0])
    ids = page.eval_on_selector_all(".ck-header-hit", "els => els.map(e => e.dataset.passageId)")
    return count, ids


@pytest.fixture(scope="module")
def cli_results() -> dict[str, list[str]]:
    """The finder's results by `cailiaoku search` (the same engine and spec as the browser's)."""
    out = {}
    for query in ("三审三校", "舆情", "理论学习中心组", "方向盘"):
        result = run_cli("search", query, "--json")
        assert result.returncode == 0, result.stderr
        out[query] = json.loads(result.stdout)["ids"]
    return out


@pytest.mark.parametrize("query", ["三审三校", "舆情", "理论学习中心组", "方向盘"])
def test_header_search_finds_the_passages(page, site_url: str, passages: dict,  # type: ignore[no-untyped-def]
                                          cli_results: dict, query: str) -> None:
    """Passages are searched by the finder only (Material's index holds the guides): the header
    box lists the finder's results, the passages holding the phrase first, each linking to its
    permalink page."""
    holding = {pid for pid, p in passages.items() if query in copy_text(p)}
    assert holding
    count, shown = _header_hits(page, site_url, query)
    expected = cli_results[query]
    assert count == len(expected) and shown == expected[:len(shown)], (query, shown, expected)
    assert len(shown) >= min(len(expected), 3)
    first = shown[:len(holding)]
    assert set(first) == holding if len(holding) <= len(shown) else set(first) <= holding, (query, shown)
    page.click(f'.ck-header-hit[data-passage-id="{shown[0]}"] a')
    page.wait_for_load_state("load")
    assert page.url.split("?")[0].split("#")[0] == site_url + f"p/{shown[0]}.html"
    assert copy_text(passages[shown[0]]) in page.inner_text("article")


def test_copy_button_puts_the_passage_text_on_the_clipboard(page, site_url: str,  # type: ignore[no-untyped-def]
                                                           passages: dict) -> None:
    page.goto(site_url + "p/sntb288.html")
    page.click(".ck-actions .ck-copy")
    page.wait_for_function("() => document.querySelector('.ck-actions .ck-copy').textContent === '已复制'")
    assert page.evaluate("navigator.clipboard.readText()") == copy_text(passages["sntb288"])
    page.goto(site_url + "themes/lilun-xuexi.html")
    card = page.locator('article.ck-card[data-passage-id="d7rgh5x"]')
    card.locator(".ck-copy").click()
    page.wait_for_function("() => document.querySelector('.ck-live')?.textContent === '已复制'")
    assert page.evaluate("navigator.clipboard.readText()") == copy_text(passages["d7rgh5x"])


def test_add_to_draft_keeps_ids_in_order_without_duplicates(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "p/sntb288.html")
    page.evaluate(f"localStorage.removeItem('{BASKET}')")
    page.click(".ck-actions .ck-add-draft")
    page.goto(site_url + "source/2024-ju-zongjie.html")
    page.click('#d7rgh5x .ck-add-draft')
    page.click('#sntb288 .ck-add-draft')  # already in the draft
    assert json.loads(page.evaluate(f"localStorage.getItem('{BASKET}')")) == ["sntb288", "d7rgh5x"]
    assert page.get_attribute("#sntb288 .ck-add-draft", "aria-pressed") == "true"
    assert page.get_attribute("#jhsnepn .ck-add-draft", "aria-pressed") == "false"


def test_no_request_leaves_the_site(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    for path in EVERY_PAGE_TYPE:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
    _material_results(page, site_url, "舆情")
    _header_hits(page, site_url, "舆情")  # the finder's data, loaded for the header box
    assert len(page.requests.urls) > 3 * len(EVERY_PAGE_TYPE)  # the log really records
    assert page.requests.outside(site_url) == []


def test_planted_passage_stays_inert_in_the_browser(page, project_copy: Path) -> None:  # type: ignore[no-untyped-def]
    plant(project_copy)
    site = project_copy / "out"
    result = run_cli("build", "--site-dir", str(site), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (f"p/{PLANT_ID}.html", "source/2024-ju-zongjie.html", "themes/lilun-xuexi.html",
                 "plant.html", "phrases.html"):
        page.goto(site.as_uri() + "/" + path)
        text = page.inner_text("article")
        assert PLANT_HEADING in text, path
        if path != "phrases.html":
            for literal in LITERALS:
                assert literal in text, (path, literal)
    assert dialogs == []

"""Material's guide index (search/search_index.js, .json over http) and its search worker are
loaded only once the search is used, not by every page before it is ready; guide search, the s
shortcut and ?h= highlighting still work, opened from disk (file://) and served under a sub-path."""

from __future__ import annotations

from pathlib import Path

import pytest

from cailiaoku.site.search_defer import defer_source


@pytest.fixture(params=["file", "subpath"])
def site_url(request: pytest.FixtureRequest, built_site: Path) -> str:
    if request.param == "file":
        return built_site.as_uri() + "/"
    return request.getfixturevalue("subpath_server")


def index_requests(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [u for u in page.requests.urls if "/search/search_index." in u]


def worker_requests(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [u for u in page.requests.urls if "/javascripts/workers/search." in u]


def test_the_shipped_bundle_is_deferred_once() -> None:
    from material import __file__ as material_init

    scripts = Path(material_init).parent / "templates" / "assets" / "javascripts"
    shipped = next(scripts.glob("bundle.*.min.js")).read_text(encoding="utf-8")
    deferred = defer_source(shipped)
    assert deferred is not None and "__ckSearchIndex" in deferred
    assert deferred.count("new Worker(") == 1 and "real=new Worker(u)" in deferred  # created on first post
    assert defer_source(deferred) is None  # never wrapped twice
    assert defer_source("function f(){}") is None


def test_built_bundle_is_the_deferred_one(built_site: Path) -> None:
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert bundle.count("__ckSearchIndex") == 1


@pytest.mark.browser
@pytest.mark.parametrize("path", ["index.html", "p/sntb288.html", "themes/lilun-xuexi.html"])
def test_pages_do_not_load_the_index_before_the_search_is_used(page, site_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + path, wait_until="load")
    page.wait_for_timeout(1500)  # what the page would still ask for after load
    assert index_requests(page) == [] and worker_requests(page) == []
    page.fill("input.md-search__input", "部署指南")  # focus opens the search: now the index comes
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-search-result__list > li > a')]"
        ".some(a => a.href.includes('guide/hosting.html'))", timeout=90000)  # Material's worker is slow on a busy machine
    assert len(index_requests(page)) == 1 and len(worker_requests(page)) == 1
    assert page.requests.outside(site_url) == []


@pytest.mark.browser
def test_keyboard_shortcut_opens_search_with_guide_results(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "index.html", wait_until="load")
    with page.expect_request(lambda r: "/search/search_index." in r.url, timeout=30000):
        page.keyboard.press("s")  # Material's shortcut: focus the search box (opens the search)
    page.fill("input.md-search__input", "编辑指南")
    page.press("input.md-search__input", "End")  # Material reads a focused box's query on keyup
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-search-result__list > li > a')]"
        ".some(a => a.href.includes('guide/editors.html'))", timeout=90000)
    assert page.evaluate("document.getElementById('__search').checked")


@pytest.mark.browser
def test_search_highlight_from_a_result_link_still_marks_the_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "guide/hosting.html?h=%E9%83%A8%E7%BD%B2", wait_until="load")  # ?h=部署
    page.wait_for_selector("article mark[data-md-highlight]", timeout=90000)
    assert "部署" in page.locator("article mark[data-md-highlight]").first.inner_text()
    assert len(index_requests(page)) == 1

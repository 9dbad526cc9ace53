"""The built site behind a real nginx (Debian's), configured exactly as docs/guide/hosting.md says,
under /cailiaoku/ with the generated Content-Security-Policy: pages, search, finder and compose
export work, and the browser reports no CSP violation; responses are gzipped, cached by the
documented rules, and a missing page under /cailiaoku/ gets the site's styled 404 page."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from conftest import run_cli
from nginx_server import NGINX, nginx_serving

pytestmark = pytest.mark.browser

# Reports every violation to the console, where the test collects it (the console listener sees
# all pages of the context; Playwright injects this script without being subject to the CSP).
REPORTER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP-VIOLATION " + JSON.stringify({directive: e.violatedDirective,
    blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample}));
});
"""
PAGES = [
    ("", "材料库"),
    ("themes/lilun-xuexi.html", "理论学习"),
    ("source/2024-ju-zongjie.html", "局2024年意识形态工作总结"),
    ("p/sntb288.html", "夯实政治理论学习根基"),
    ("phrases.html", "提纲库"),
    ("by-year.html", "按年份"),
    ("guide/editors.html", "编辑指南"),
    ("guide/hosting.html", "部署指南"),
    ("training/yishixingtai-zongjie.html", "如何写好意识形态工作总结"),
]


@pytest.fixture(scope="module")
def nginx_base(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(NGINX).exists():
        pytest.fail("没有 /usr/sbin/nginx：请先运行 bash scripts/setup.sh --test")
    with nginx_serving(built_site, tmp_path_factory.mktemp("nginx")) as base:
        yield base


class Watch:
    """CSP violations, console errors and uncaught exceptions seen by a page."""

    def __init__(self, page) -> None:  # noqa: ANN001
        self.violations: list[str] = []
        self.errors: list[str] = []
        page.add_init_script(REPORTER)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _console(self, message) -> None:  # noqa: ANN001
        text = message.text
        if "CSP-VIOLATION" in text or "Content Security Policy" in text:
            self.violations.append(text)
        elif message.type == "error":
            self.errors.append(text)


@pytest.fixture()
def watched(page) -> tuple[object, Watch]:  # noqa: ANN001
    return page, Watch(page)


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {})) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def inline_script_hashes(site: Path) -> set[str]:
    """Independent of cailiaoku.hosting: every executable inline <script> body, hashed."""
    found = set()
    for page in site.rglob("*.html"):
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
            if "src=" in attrs or 'type="application/json"' in attrs:
                continue
            found.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return found


def test_headers_are_the_documented_ones(nginx_base: str, built_site: Path) -> None:
    status, headers, body = fetch(nginx_base)
    assert status == 200 and "材料库" in body.decode("utf-8")
    csp = (built_site / "csp.txt").read_text(encoding="utf-8").strip()
    assert headers["Content-Security-Policy"] == csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    directives = {part.split()[0]: part.split()[1:] for part in csp.split("; ")}
    assert not any("unsafe" in s for sources in directives.values() for s in sources)
    assert directives["default-src"] == ["'self'"] and directives["object-src"] == ["'none'"]
    hashes = inline_script_hashes(built_site)
    assert hashes and set(directives["script-src"]) == {"'self'"} | hashes
    status, headers, _ = fetch(nginx_base + "assets/cailiaoku/site.js")
    assert status == 200 and headers["Content-Security-Policy"] == csp
    status, headers, _ = fetch(nginx_base.rstrip("/"))
    assert status == 301 and headers["Location"].endswith("/cailiaoku/")


def test_pages_render_with_no_csp_violation(nginx_base: str, watched) -> None:  # noqa: ANN001
    page, watch = watched
    for path, title in PAGES:
        page.goto(nginx_base + path)
        page.wait_for_load_state("networkidle")
        assert title in page.locator("article h1").first.inner_text(), path
        assert page.locator("html").get_attribute("lang") == "zh"
    page.goto(nginx_base + "training/yishixingtai-zongjie.html")
    page.locator(".ck-embed a[href$='p/sntb288.html']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == nginx_base + "p/sntb288.html"
    assert watch.violations == [] and watch.errors == []
    assert page.requests.outside(nginx_base) == []


def test_header_search_finds_passages_and_guides(nginx_base: str, watched) -> None:  # noqa: ANN001
    page, watch = watched
    page.goto(nginx_base)
    search = page.locator("input.md-search__input")
    search.click()
    # Material's search worker (worker-src 'self') reports ready with this placeholder.
    page.locator(".md-search-result__meta", has_text="键入以开始搜索").wait_for()
    search.fill("三审三校")
    search.press("End")  # Material listens for keyup; fill() alone only fires input
    page.locator(".md-search").get_by_text("抓好宣传阵地管理").first.wait_for()
    search.fill("部署指南")
    search.press("End")
    page.locator(".md-search-result__item a[href*='guide/hosting.html']").first.wait_for()
    assert watch.violations == [] and watch.errors == []
    assert page.requests.outside(nginx_base) == []


def test_finder_under_nginx_matches_the_cli(nginx_base: str, watched) -> None:  # noqa: ANN001
    page, watch = watched
    expected = json.loads(run_cli("search", "三审三校", "--json").stdout)["ids"]
    assert len(expected) == 3
    page.goto(nginx_base + "finder.html#q=三审三校")
    hits = page.locator(".ck-results li.ck-hit")
    hits.nth(len(expected) - 1).wait_for()
    assert [hits.nth(i).get_attribute("data-passage-id") for i in range(hits.count())] == expected
    hits.first.locator(".ck-add-draft").click()
    basket = page.evaluate("localStorage.getItem('cailiaoku.draft.basket')")
    assert json.loads(basket) == [expected[0]]
    assert watch.violations == [] and watch.errors == []
    assert page.requests.outside(nginx_base) == []


def test_compose_exports_a_docx_under_the_csp(nginx_base: str, watched, tmp_path: Path) -> None:  # noqa: ANN001
    page, watch = watched
    for pid in ("sntb288", "spv3zkp", "gr6cs2h"):
        page.goto(nginx_base + f"p/{pid}.html")
        page.locator(f".ck-add-draft[data-passage-id='{pid}']").first.click()
    basket = json.loads(page.evaluate("localStorage.getItem('cailiaoku.draft.basket')"))
    assert basket == ["sntb288", "spv3zkp", "gr6cs2h"]
    page.goto(nginx_base + "compose.html")
    page.wait_for_selector("#ck-outline .ck-section")
    page.click(".ck-place-all")
    page.wait_for_selector(".ck-block:has(a[href='p/gr6cs2h.html'])")
    page.fill("#ck-org", "县文化和旅游局")
    page.fill("#ck-year", "2025")
    # These three passages hold no placeholder, figure or other unit's name and pass 草稿检查,
    # so the page exports without asking.
    assert page.locator("#ck-unfilled").inner_text() == "没有占位符、待替换的其他单位名称或原文数字。"
    assert page.inner_text("#ck-checks") == "没有发现问题。"
    with page.expect_download() as info:
        page.click("#ck-export-docx")
    target = tmp_path / "draft.docx"
    info.value.save_as(target)
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    assert paragraphs[0] == "县文化和旅游局2025年意识形态工作总结"
    for text in ("夯实政治理论学习根基", "网络舆情引导及监测能力有待加强", "深化三中全会精神学习"):
        assert any(text in p for p in paragraphs), text
    assert watch.violations == [] and watch.errors == []
    assert page.requests.outside(nginx_base) == []


def test_the_violation_detector_sees_a_stricter_policy(nginx_base: str, watched) -> None:  # noqa: ANN001
    """Control: with the hashes removed from the header, Material's inline scripts are refused
    and the watch records it (so an empty list above means something)."""
    page, watch = watched

    def strict(route) -> None:  # noqa: ANN001
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": "script-src 'self'"}
        route.fulfill(response=response, headers=headers)

    page.route(nginx_base + "index.html", strict)
    page.goto(nginx_base + "index.html")
    page.wait_for_load_state("networkidle")
    assert watch.violations and all("script-src" in v for v in watch.violations)


LONG = "public, max-age=31536000, immutable"


def test_gzip_and_cache_control_as_the_guide_configures(nginx_base: str, built_site: Path) -> None:
    stamp = re.search(r'"stamp":"([0-9a-f]+)"', (built_site / "assets/cailiaoku/data.js").read_text(encoding="utf-8"))
    assert stamp
    bundle = next(built_site.glob("assets/javascripts/bundle.*.min.js")).relative_to(built_site).as_posix()
    style = next(built_site.glob("assets/stylesheets/main.*.min.css")).relative_to(built_site).as_posix()
    chrome = next(built_site.glob("assets/cailiaoku/chrome/top.*.min.js")).relative_to(built_site).as_posix()
    cases = [("index.html", "no-cache"), ("finder.html", "no-cache"), ("assets/cailiaoku/data.js", "no-cache"),
             ("search/search_index.json", "no-cache"), ("assets/cailiaoku/site.css", "no-cache"),
             (f"assets/data/meta.js?v={stamp.group(1)}", LONG), (bundle, LONG), (style, LONG), (chrome, LONG)]
    raw_total = sent_total = 0
    for path, cache in cases:
        status, headers, body = fetch(nginx_base + path, {"Accept-Encoding": "gzip"})
        assert status == 200, path
        assert headers["Cache-Control"] == cache, path
        assert headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"], path
        original = (built_site / path.split("?")[0]).read_bytes()
        assert gzip.decompress(body) == original, path
        raw_total, sent_total = raw_total + len(original), sent_total + len(body)
        assert headers["Content-Security-Policy"], path
    assert sent_total < 0.35 * raw_total, (sent_total, raw_total)
    status, headers, body = fetch(nginx_base + "index.html")  # a client without gzip gets it plain
    assert status == 200 and "Content-Encoding" not in headers and body == (built_site / "index.html").read_bytes()


def test_missing_page_under_the_subpath_gets_the_styled_404(nginx_base: str, built_site: Path, watched) -> None:  # noqa: ANN001
    origin = nginx_base.removesuffix("/cailiaoku/")
    status, headers, body = fetch(nginx_base + "p/no-such-id.html")
    html = body.decode("utf-8")
    assert status == 404 and "页面不存在（404）" in html
    assert headers["Content-Security-Policy"] == (built_site / "csp.txt").read_text(encoding="utf-8").strip()
    links = re.findall(r'(?:href|src)="(/[^"/][^"]*)"', html)
    assert links and all(link.startswith("/cailiaoku/") for link in links), links
    for link in (x for x in links if x.endswith((".css", ".js"))):
        assert fetch(origin + link)[0] == 200, link
    page, watch = watched
    response = page.goto(nginx_base + "deep/er/missing.html")
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert "页面不存在（404）" in page.locator("article h1").inner_text()
    sheets = page.evaluate("[...document.styleSheets].filter(s => s.href && s.cssRules.length).map(s => s.href)")
    assert any("/cailiaoku/assets/stylesheets/main." in s for s in sheets), sheets
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert watch.violations == []
    assert [e for e in watch.errors if "404" not in e] == []
    page.get_by_role("link", name="返回首页").click()
    page.wait_for_load_state("networkidle")
    assert page.url == nginx_base + "index.html"
    assert page.requests.outside(nginx_base) == []

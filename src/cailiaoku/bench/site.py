"""Browser measurement in the real built site (see scripts/bench_site.py): what the home page, a
theme page, a passage permalink and the finder load before they are ready, and the finder's and
the header box's first result, in Debian's chromium under file:// and over http."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
TIMEOUT_MS = 300_000
QUIET_MS = 1000


@dataclass
class Loaded:
    """Files a page asked for (each counted once, at its size on disk: no compression)."""
    files: int = 0
    bytes: int = 0
    largest: tuple[int, str] = (0, "")
    outside: list[str] = field(default_factory=list)


@dataclass
class PageFigures:
    name: str
    path: str
    ready: Loaded
    ready_ms: float  # navigation to the last request finished before the network fell quiet
    load_ms: float  # navigation to the load event
    first: Loaded | None = None  # finder / header box: everything loaded before the first result
    query_ms: float = 0.0  # the query entered → first result shown
    first_ms: float = 0.0  # navigation → first result shown (query entered once the page is ready)


class _Log(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        super().do_GET()


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, list[str]]]:
    """The site over http on a loopback port: (base URL, every path requested, in order)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Log, directory=str(site)))
    server.paths = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", server.paths  # type: ignore[attr-defined]
    finally:
        server.shutdown()


def loaded(site: Path, base: str, urls: list[str]) -> Loaded:
    out = Loaded()
    seen: set[Path] = set()
    for url in urls:
        if url.startswith(("data:", "blob:", "about:")):
            continue
        if not url.startswith(base):
            out.outside.append(url)
            continue
        rel = unquote(urlparse(url[len(base):]).path)
        path = site / (rel or "index.html")
        if path.is_dir():
            path = path / "index.html"
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        size = path.stat().st_size
        out.files += 1
        out.bytes += size
        out.largest = max(out.largest, (size, rel))
    return out


class Session:
    """One browser; `requests()` gives the URLs asked for since the last page opened."""

    def __init__(self, browser: object, site: Path, base: str, server_paths: list[str] | None) -> None:
        self.browser, self.site, self.base, self.server_paths = browser, site, base, server_paths
        self.urls: list[str] = []

    def requests(self) -> list[str]:
        if self.server_paths is not None:  # over http the server's log sees workers and iframes too
            return [self.base.rstrip("/") + p for p in self.server_paths] + \
                [u for u in self.urls if not u.startswith(self.base)]
        return list(self.urls)

    def open(self, path: str) -> tuple[object, object, float]:
        context = self.browser.new_context(locale="zh-CN")  # type: ignore[attr-defined]
        self.urls = []
        if self.server_paths is not None:
            self.server_paths.clear()
        pending: set[object] = set()
        last = [time.perf_counter()]

        def started(request: object) -> None:
            self.urls.append(request.url)  # type: ignore[attr-defined]
            pending.add(request)
            last[0] = time.perf_counter()

        def ended(request: object) -> None:
            pending.discard(request)
            last[0] = time.perf_counter()

        context.on("request", started)  # type: ignore[attr-defined]
        context.on("requestfinished", ended)  # type: ignore[attr-defined]
        context.on("requestfailed", ended)  # type: ignore[attr-defined]
        page = context.new_page()  # type: ignore[attr-defined]
        start = time.perf_counter()
        page.goto(self.base + path, wait_until="load", timeout=TIMEOUT_MS)
        # Quiet: nothing in flight and no request for QUIET_MS (Playwright's own "networkidle"
        # never comes on some large pages under file://, although every request has finished).
        while pending or time.perf_counter() - last[0] < QUIET_MS / 1000:
            if time.perf_counter() - start > TIMEOUT_MS / 1000:
                raise SystemExit(f"{path}：{TIMEOUT_MS // 1000} 秒内网络没有停下来")
            page.wait_for_timeout(50)
        return context, page, (last[0] - start) * 1000

    def page(self, name: str, path: str, query: Callable[[object], None] | None = None,
             hit: str = "") -> PageFigures:
        context, page, ready_ms = self.open(path)
        load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")  # type: ignore[attr-defined]
        figures = PageFigures(name, path, loaded(self.site, self.base, self.requests()), ready_ms, load_ms)
        if query is not None:
            start = time.perf_counter()
            query(page)
            page.wait_for_selector(hit, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
            figures.query_ms = (time.perf_counter() - start) * 1000
            figures.first_ms = ready_ms + figures.query_ms
            figures.first = loaded(self.site, self.base, self.requests())
        context.close()  # type: ignore[attr-defined]
        return figures


def finder_query(text: str) -> Callable[[object], None]:
    def enter(page: object) -> None:
        page.fill("input.ck-finder-q", text)  # type: ignore[attr-defined]
        page.press("input.ck-finder-q", "Enter")  # type: ignore[attr-defined]
    return enter


def header_query(text: str) -> Callable[[object], None]:
    def type_in(page: object) -> None:
        page.fill("input.md-search__input", text)  # type: ignore[attr-defined]
    return type_in


def measure(site: Path, base: str, server_paths: list[str] | None, pages: dict[str, str],
            query: str) -> list[PageFigures]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        session = Session(browser, site, base, server_paths)
        out = [session.page(name, path) for name, path in pages.items() if name != "finder"]
        out.append(session.page("finder", pages["finder"], finder_query(query), ".ck-results .ck-hit"))
        out.append(session.page("header box (home)", pages["home"], header_query(query), ".ck-header-hit"))
        browser.close()
    return out


def kb(n: int) -> str:
    return f"{n / 1024:8,.0f} KB"


def report(mode: str, figures: list[PageFigures]) -> list[str]:
    lines = [f"  {mode}:"]
    for f in figures:
        if f.first is None:
            lines.append(f"    {f.name:20s} {kb(f.ready.bytes)} in {f.ready.files:3d} files before ready "
                         f"({f.ready_ms:6.0f} ms; load event {f.load_ms:6.0f} ms); largest {f.ready.largest[1]} "
                         f"{kb(f.ready.largest[0]).strip()}")
        else:
            lines.append(f"    {f.name:20s} {kb(f.ready.bytes)} in {f.ready.files:3d} files before ready "
                         f"({f.ready_ms:6.0f} ms); {kb(f.first.bytes).strip()} in {f.first.files} files before the "
                         f"first result, {f.query_ms:6.0f} ms from the query to it ({f.first_ms:6.0f} ms from "
                         f"navigation); largest {f.first.largest[1]} {kb(f.first.largest[0]).strip()}")
        outside = f.first.outside if f.first else f.ready.outside
        if outside:
            lines.append(f"      requests outside the site: {outside[:3]}")
    return lines

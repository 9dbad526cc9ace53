"""Shared fixtures: the real bundled project, a built site, and Debian's chromium via Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# The same examples on every run, so CI judges the change and not the dice; explore with
# HYPOTHESIS_PROFILE=explore (new random examples each run) before changing ingest rules.
settings.register_profile("fixed", derandomize=True, database=None)
settings.register_profile("explore", max_examples=400)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    """A fresh copy of the bundled project (sources, snippets, taxonomy, docs, mkdocs.yml)."""
    dest = tmp_path / "proj"
    dest.mkdir()
    for name in ("sources", "snippets", "docs"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    for name in ("taxonomy.yaml", "mkdocs.yml"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dest / name)
    return dest


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cailiaoku", *args], cwd=cwd or ROOT,
        capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled library's site, built once per test session."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = run_cli("build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr + result.stdout
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def subpath_server(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site served under /cailiaoku/ on a loopback port; yields its base URL."""
    docroot = tmp_path_factory.mktemp("www")
    shutil.copytree(built_site, docroot / "cailiaoku")
    handler = functools.partial(_QuietHandler, directory=str(docroot))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/cailiaoku/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("没有 /usr/bin/chromium：请先运行 bash scripts/setup.sh --test")
    with playwright_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class RequestLog:
    """Every URL the page asked for, to prove nothing leaves the site."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def outside(self, allowed_prefix: str) -> list[str]:
        return [
            u for u in self.urls
            if not (u.startswith(allowed_prefix) or u.startswith(("data:", "blob:", "about:")))
        ]


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    """A fresh context and page; `page.requests` records every request URL."""
    context = browser.new_context(  # type: ignore[attr-defined]
        accept_downloads=True, locale="zh-CN",
        permissions=["clipboard-read", "clipboard-write"],
    )
    pg = context.new_page()
    log = RequestLog()
    pg.on("request", lambda req: log.urls.append(req.url))
    pg.requests = log  # type: ignore[attr-defined]
    yield pg
    context.close()


@pytest.fixture(scope="session")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> object:
    """.docx/.doc/.odt/.rtf/.wps/.pdf made by python-docx and LibreOffice, once per session."""
    from office_files import make_office_files

    if shutil.which("soffice") is None:
        pytest.fail("没有 LibreOffice（soffice）：请先运行 bash scripts/setup.sh --test")
    return make_office_files(tmp_path_factory.mktemp("office"))


@pytest.fixture(scope="session")
def convert_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One LibreOffice conversion cache for the session: each file is converted once."""
    return tmp_path_factory.mktemp("convert-cache")

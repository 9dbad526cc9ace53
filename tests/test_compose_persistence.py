"""A draft survives closing the browser: a real chromium profile, closed and opened again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cailiaoku.compose.spec import load_layout
from conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser
SPEC = load_layout()
IDS = ["d7rgh5x", "v9rs55k"]


def _open(browser, profile: Path):  # type: ignore[no-untyped-def]
    # A persistent context is a browser of its own with an on-disk profile; reuse the session's
    # Playwright (a second sync_playwright() cannot run beside it).
    return browser.browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, locale="zh-CN")


def test_draft_survives_closing_the_browser(browser, built_site: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    profile = tmp_path / "profile"
    compose = (built_site / "compose.html").as_uri()
    context = _open(browser, profile)
    page = context.new_page()
    page.goto(compose)
    page.evaluate(f"localStorage.setItem('cailiaoku.draft.basket', {json.dumps(json.dumps(IDS))})")
    page.reload()
    page.wait_for_selector(f".ck-basket-item[data-id='{IDS[-1]}'] .ck-place")
    page.click(".ck-place-all")
    page.wait_for_selector(f".ck-block:has(a[href='p/{IDS[-1]}.html'])")
    page.fill("#ck-org", "县文化和旅游局")
    page.press("#ck-org", "Tab")
    page.wait_for_timeout(300)
    context.close()  # the whole browser goes away

    context = _open(browser, profile)
    page = context.new_page()
    page.goto(compose)
    for pid in IDS:
        page.wait_for_selector(f".ck-block:has(a[href='p/{pid}.html'])")
    assert page.input_value("#ck-org") == "县文化和旅游局"
    stored = page.evaluate(f"localStorage.getItem({json.dumps(SPEC['draft']['storage_key'])})")
    assert "县文化和旅游局" in stored
    context.close()

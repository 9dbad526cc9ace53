"""The compose page in headless chromium under file://: collect, reorder, edit, make it yours, export.

The downloaded .docx gets the same python-docx layout checks as the CLI export, is converted by
LibreOffice, and must equal what the Python renderer makes of the very draft the page saved.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cailiaoku.compose.render import estimate_pages, paragraph_text, plain_text, render
from cailiaoku.compose.spec import load_layout
from cailiaoku.library import load_library
from compose_docx import check_docx, convert_to_pdf, expected_pages, export_from_page, pdf_pages

pytestmark = pytest.mark.browser

SPEC = load_layout()
CASES = json.loads((Path(__file__).parent / "compose_cases.json").read_text(encoding="utf-8"))
ORG = "县文化和旅游局"
STYLE_IDS = {"title": "GwTitle", "h1": "GwH1", "h2": "GwH2", "body": "GwBody"}
DRAFTS_KEY = SPEC["draft"]["storage_key"]


@pytest.fixture(scope="module")
def texts(root: Path) -> dict[str, tuple[str, str]]:
    return {p.id: (p.heading, p.text) for _, p in load_library(root / "snippets").passages()}


def open_compose(page, site: Path) -> None:
    page.goto((site / "compose.html").as_uri())
    page.wait_for_selector("#ck-outline .ck-section")


def saved_draft(page) -> dict:
    drafts = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(DRAFTS_KEY)})"))
    return drafts[page.evaluate(f"localStorage.getItem({json.dumps(SPEC['draft']['current_key'])})")]


def block_button(page, passage_id: str, cls: str):
    return page.locator(f".ck-block:has(a[href='p/{passage_id}.html']) .{cls}")


def seed_basket(page, site: Path, ids: list[str]) -> None:
    open_compose(page, site)
    page.evaluate(f"localStorage.setItem('cailiaoku.draft.basket', {json.dumps(json.dumps(ids))})")
    page.reload()
    page.wait_for_selector(f".ck-basket-item[data-id='{ids[-1]}'] .ck-place")
    page.click(".ck-place-all")
    page.wait_for_selector(f".ck-block:has(a[href='p/{ids[-1]}.html'])")


def test_shared_cases_pass_in_the_browser(page, built_site: Path) -> None:
    """render.js gives the same numbers, replacements, placements and paragraphs as Python."""
    open_compose(page, built_site)
    got = page.evaluate("""cases => {
      const R = Cailiaoku.compose.rules;
      return {
        numbering: cases.numbering.map(c => R.numberDraft(c)),
        personalize: cases.personalize.map(c => {
          const saved = Cailiaoku.layout.orgs;
          Cailiaoku.layout.orgs = c.orgs || [];
          try { return R.markText(c.text, c.block, c.draft); } finally { Cailiaoku.layout.orgs = saved; }
        }),
        assign: cases.assign.map(c => R.assignSection(c.role, c.themes, c.sections)),
        render: cases.render.map(c => R.render(c.draft).map(p => [p.style, R.paragraphText(p)])),
        unfilled: cases.render.map(c => R.unfilled(c.draft).map(u => [u.mark, u.text])),
        plain: cases.render.map(c => R.plainText(c.draft)),
      };
    }""", CASES)
    assert got["numbering"] == [c["expected"] for c in CASES["numbering"]]
    assert got["personalize"] == [c["expected"] for c in CASES["personalize"]]
    assert got["assign"] == [c["expected"] for c in CASES["assign"]]
    assert got["render"] == [c["expected"] for c in CASES["render"]]
    assert got["unfilled"] == [c["unfilled"] for c in CASES["render"]]
    assert got["plain"] == [c["plain_text"] for c in CASES["render"]]
    # The sample page people can look at is in the site and linked from the compose page.
    assert (built_site / "assets" / "gongwen-sample.png").stat().st_size > 10_000
    assert page.locator(".ck-sample img").get_attribute("src") == "assets/gongwen-sample.png"


def collect(page, site: Path) -> None:
    """Three passages from the finder, two from a theme page, via their 加入草稿 buttons."""
    page.goto((site / "finder.html").as_uri() + "#q=中心组")
    for pid in ("sntb288", "d7rgh5x", "mz4wbtb"):
        button = page.locator(f".ck-results .ck-add-draft[data-passage-id='{pid}']")
        button.click()
        page.wait_for_function(f"JSON.parse(localStorage.getItem('cailiaoku.draft.basket') || '[]').includes('{pid}')")
    page.goto((site / "themes" / "duiwu-jianshe.html").as_uri())
    for pid in ("v9rs55k", "dpe6fwb"):
        page.locator(f".ck-add-draft[data-passage-id='{pid}']").first.click()
    basket = json.loads(page.evaluate("localStorage.getItem('cailiaoku.draft.basket')"))
    assert basket == ["sntb288", "d7rgh5x", "mz4wbtb", "v9rs55k", "dpe6fwb"]


def test_compose_and_export_a_docx(page, built_site: Path, tmp_path: Path, texts) -> None:
    collect(page, built_site)
    open_compose(page, built_site)
    page.click(".ck-place-all")
    page.wait_for_selector(".ck-block:has(a[href='p/dpe6fwb.html'])")
    # Reorder: 二是 → 一是 … the numbers follow the new order.
    block_button(page, "v9rs55k", "ck-up").click()
    block_button(page, "v9rs55k", "ck-up").click()
    # Edit one passage in place: heading and body are separate fields.
    block_button(page, "dpe6fwb", "ck-edit-open").click()
    page.fill(".ck-edit-text", "本单位宣传专业人才不足，新媒体运用能力有待提高。")
    page.click(".ck-edit-done")
    # The outline is editable: rename a part, remove the empty one.
    page.fill(".ck-section:has(a[href='p/dpe6fwb.html']) .ck-section-heading", "存在的不足")
    assert page.input_value(".ck-section[data-section='3'] .ck-section-heading") == "下一步工作计划"
    page.click(".ck-section[data-section='3'] .ck-section-remove")
    page.wait_for_function("document.querySelectorAll('.ck-section').length === 3")
    page.fill("#ck-org", ORG)
    page.fill("#ck-year", "2025")
    assert page.locator(".ck-block:has(a[href='p/v9rs55k.html']) .ck-p").first.inner_text().startswith("一是")
    # 180次, 15次 and 16次 from the sources, and 省委 in 市委's passage (another unit's name: 待替换)
    assert page.locator("#ck-unfilled li").count() == 4
    path = export_from_page(page, "#ck-export-docx", tmp_path / "草稿.docx")

    body = check_docx(path)
    h = {k: v[0] for k, v in texts.items()}
    t = {k: v[1] for k, v in texts.items()}
    assert body == [
        ("GwTitle", f"{ORG}2025年意识形态工作总结"),
        ("GwBody", ""),
        ("GwH1", "一、主要做法和成效"),
        ("GwH2", "（一）" + h["sntb288"]),
        ("GwBody", t["sntb288"]),
        ("GwBody", f"一是{h['v9rs55k']}。{t['v9rs55k']}"),
        ("GwBody", f"二是{h['d7rgh5x']}。" + t["d7rgh5x"].replace("《2024年", "《2025年")),
        ("GwBody", f"三是{h['mz4wbtb']}。" + t["mz4wbtb"].replace("作为市委会议", f"作为{ORG}会议")),
        ("GwH1", "二、存在的不足"),
        ("GwBody", "一是本单位宣传专业人才不足，新媒体运用能力有待提高。"),
    ]
    draft = saved_draft(page)
    python = [(STYLE_IDS[p["style"]], paragraph_text(p)) for p in render(draft, SPEC)]
    assert body == python  # browser and CLI share the rules: same draft, same document
    assert pdf_pages(convert_to_pdf(path)) == expected_pages(body) == estimate_pages(render(draft, SPEC), SPEC) == 2
    assert page.requests.outside(built_site.as_uri()) == []


def test_draft_survives_reload_and_json_round_trip(page, built_site: Path, tmp_path: Path) -> None:
    seed_basket(page, built_site, ["jhsnepn", "sntb288", "dpe6fwb", "iehswja"])
    page.fill("#ck-org", ORG)
    page.fill("#ck-year", "2025")
    before = saved_draft(page)
    page.reload()
    page.wait_for_selector(".ck-block:has(a[href='p/iehswja.html'])")
    assert saved_draft(page) == before
    assert page.input_value("#ck-org") == ORG and page.input_value("#ck-year") == "2025"
    assert page.locator(".ck-block").count() == 4

    with page.expect_download() as info:
        page.click(".ck-export-json")
    exported = tmp_path / "a.json"
    info.value.save_as(exported)
    assert json.loads(exported.read_text("utf-8")) == before

    page.once("dialog", lambda d: d.dismiss())  # 新建 asks first; cancelling keeps everything
    page.click(".ck-new")
    assert saved_draft(page) == before
    page.once("dialog", lambda d: d.accept())
    page.click(".ck-new")
    page.wait_for_function("document.querySelectorAll('.ck-block').length === 0")
    assert saved_draft(page)["sections"][1]["blocks"] == []

    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))  # replace the emptied one
    page.set_input_files("#ck-import-json", str(exported))
    page.wait_for_selector(".ck-block:has(a[href='p/iehswja.html'])")
    assert "已有同名草稿“草稿”" in asked[0]
    assert saved_draft(page) == before
    with page.expect_download() as info:
        page.click(".ck-export-json")
    again = tmp_path / "b.json"
    info.value.save_as(again)
    assert again.read_bytes() == exported.read_bytes()

    corrupt = tmp_path / "坏.json"
    corrupt.write_text(exported.read_text("utf-8")[:-40], encoding="utf-8")
    page.set_input_files("#ck-import-json", str(corrupt))
    page.wait_for_selector("#ck-message.ck-error")
    text = page.inner_text("#ck-message")
    assert "导入失败" in text and "不是有效的 JSON" in text and "没有改动" in text
    assert saved_draft(page) == before
    assert page.locator(".ck-block").count() == 4
    wrong = tmp_path / "别的.json"
    wrong.write_text('{"sections": []}', encoding="utf-8")
    page.set_input_files("#ck-import-json", str(wrong))
    page.wait_for_function("document.querySelector('#ck-message').textContent.includes('不是材料库的草稿文件')")
    assert saved_draft(page) == before
    assert page.requests.outside(built_site.as_uri()) == []


def test_named_drafts_search_box_and_plain_text(page, built_site: Path) -> None:
    seed_basket(page, built_site, ["k92ruia", "a3gu3av"])
    page.once("dialog", lambda d: d.accept("第二稿"))
    page.click(".ck-saveas")
    page.wait_for_function("document.querySelector('#ck-draft-select').value === '第二稿'")
    page.once("dialog", lambda d: d.accept())  # re-place the passages into the 要点 skeleton
    page.select_option("#ck-kind", "要点")  # 要点: its own parts, 1. numbered straight through
    page.fill("#ck-search", "三审三校")
    page.press("#ck-search", "Enter")
    page.wait_for_selector(".ck-search-result[data-id='fc5cmps'] .ck-place-result")
    page.click(".ck-search-result[data-id='fc5cmps'] .ck-place-result")
    page.wait_for_selector(".ck-block:has(a[href='p/fc5cmps.html'])")
    assert sorted(page.eval_on_selector_all("#ck-draft-select option", "os => os.map(o => o.value)")) == \
        sorted(["草稿", "第二稿"])
    page.click(".ck-copy-text")
    page.wait_for_function("document.querySelector('#ck-message').textContent.includes('已复制')")
    draft = saved_draft(page)
    assert draft["name"] == "第二稿" and draft["kind"] == "要点"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == plain_text(draft, SPEC)
    assert "一、加强舆论引导，营造良好氛围\n1.强化正面宣传引导。" in copied
    assert "\n2.加强网络舆情监测与应对。" in copied and "\n一是抓好宣传阵地管理。" in copied
    assert copied.index("2.加强网络舆情监测") < copied.index("一是抓好宣传阵地管理")
    assert "加强阵地建设" not in copied  # a part with no passages is left out, not a bare heading
    page.select_option("#ck-draft-select", "草稿")
    page.wait_for_function("document.querySelectorAll('.ck-block').length === 2")
    assert page.requests.outside(built_site.as_uri()) == []

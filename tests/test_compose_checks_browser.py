"""The compose page in chromium under file://: the same 草稿检查 findings, title breaks and paragraphs
(落款, 附件, 主送) as Python; another unit's names all flagged on the page and in the .docx it
exports; marked and clean exports; 去修改 goes to the place to fix."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from cailiaoku.compose.render import paragraph_text, render
from cailiaoku.compose.spec import load_layout
from compose_docx import check_docx, export_from_page
from test_compose_traces import FIRST_UNIT, ORG, first_unit_ids, unflagged

pytestmark = pytest.mark.browser

SPEC = load_layout()
CASES = json.loads((Path(__file__).parent / "compose_cases.json").read_text(encoding="utf-8"))
STYLE_IDS = {k: v["id"] for k, v in SPEC["styles"].items()}
DRAFTS_KEY = SPEC["draft"]["storage_key"]


def open_compose(page, site: Path) -> None:
    page.goto((site / "compose.html").as_uri())
    page.wait_for_selector("#ck-outline .ck-section")


def set_draft(page, draft: dict) -> None:
    page.evaluate("""d => { const P = Cailiaoku.compose.page;
      P.state.draft = d; P.save(); P.refreshAll(); }""", draft)


def saved_draft(page) -> dict:
    drafts = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(DRAFTS_KEY)})"))
    return drafts[page.evaluate(f"localStorage.getItem({json.dumps(SPEC['draft']['current_key'])})")]


def test_same_checks_title_lines_and_paragraphs_as_python(page, built_site: Path) -> None:
    open_compose(page, built_site)
    got = page.evaluate("""cases => {
      const R = Cailiaoku.compose.rules, T = Cailiaoku.compose.title, K = Cailiaoku.compose.checks;
      return {
        check: cases.check.map(c => K.check(c.draft).map(f => [f.rule, f.text, f.section, f.block, f.part])),
        titles: cases.title_lines.map(c => T.titleLines(c.title, c.words, c.keep, c.max, Cailiaoku.layout.title)),
        render: cases.render.map(c => R.render(c.draft)),
      };
    }""", CASES)
    assert got["check"] == [c["expected"] for c in CASES["check"]]
    assert got["titles"] == [c["expected"] for c in CASES["title_lines"]]
    assert got["render"] == [render(c["draft"], SPEC) for c in CASES["render"]]  # indents and parts too


def test_check_list_on_the_page_with_links(page, built_site: Path) -> None:
    open_compose(page, built_site)
    for case in CASES["check"]:
        set_draft(page, case["draft"])
        items = page.eval_on_selector_all("#ck-checks li.ck-finding", """els => els.map(e =>
          [e.getAttribute('data-rule'), e.querySelector('.ck-finding-text').textContent])""")
        assert items == [[rule, text] for rule, text, *_ in case["expected"]], case["name"]
        if not case["expected"]:
            assert page.inner_text("#ck-checks") == "没有发现问题。"
    date_case = next(c for c in CASES["check"] if c["expected"] and c["expected"][0][0] == "date")
    set_draft(page, date_case["draft"])
    page.click("#ck-checks li[data-rule='date'] .ck-goto")
    assert page.evaluate("document.activeElement.id") == "ck-date"
    empty_case = next(c for c in CASES["check"] if any(e[0] == "empty" for e in c["expected"]))
    set_draft(page, empty_case["draft"])
    page.click("#ck-checks li[data-rule='empty'] .ck-goto")
    assert page.locator(".ck-section[data-section='1']").get_attribute("class").endswith("ck-flash")
    assert page.inner_text(".ck-section[data-section='1'] .ck-num") == "（空，不导出）"
    assert page.requests.outside(built_site.as_uri()) == []


def test_other_units_names_flagged_on_page_and_in_the_docx(page, built_site: Path, tmp_path: Path, root) -> None:
    ids = first_unit_ids(root)
    open_compose(page, built_site)
    page.evaluate(f"localStorage.setItem('cailiaoku.draft.basket', {json.dumps(json.dumps(ids))})")
    page.reload()
    page.wait_for_selector(f".ck-basket-item[data-id='{ids[-1]}'] .ck-place")
    page.once("dialog", lambda d: d.accept())
    page.select_option("#ck-kind", "要点")
    page.click(".ck-place-all")
    page.wait_for_selector(f".ck-block:has(a[href='p/{ids[-1]}.html'])")
    page.fill("#ck-org", ORG)
    page.fill("#ck-year", "2026")
    # Every name of 市人大办公室 on the page sits in a replaced or 待替换 mark.
    paragraphs = page.eval_on_selector_all(".ck-block-view .ck-p", """ps => ps.map(p =>
      Array.from(p.childNodes).map(n => [n.textContent, n.nodeType === 1 ? n.className : '']))""")
    left, seen = [], 0
    for runs in paragraphs:
        text, pos, spans = "".join(t for t, _ in runs), 0, []
        for t, cls in runs:
            spans.append((pos, pos + len(t), "ck-mark-foreign" in cls))
            pos += len(t)
        for m in FIRST_UNIT.finditer(text):
            seen += 1
            if not any(a <= m.start() and m.end() <= b and marked for a, b, marked in spans):
                left.append(m.group(0))
    assert seen >= 10 and left == []
    unfilled_names = page.eval_on_selector_all("#ck-unfilled .ck-mark-foreign", "es => es.map(e => e.textContent)")
    assert len([n for n in unfilled_names if FIRST_UNIT.fullmatch(n)]) == seen
    # The marked export flags them in Word too; 导出干净稿 leaves no mark.
    paths = {b: export_from_page(page, b, tmp_path / f"{b[4:]}.docx") for b in ("#ck-export-docx", "#ck-export-clean")}
    marked = docx.Document(str(paths["#ck-export-docx"]))
    assert [n for p in marked.paragraphs for n in unflagged(p)] == []
    assert len(marked.comments) == page.locator("#ck-unfilled li").count()
    clean = docx.Document(str(paths["#ck-export-clean"]))
    assert not any(r.font.highlight_color for p in clean.paragraphs for r in p.runs)
    assert len(clean.comments) == 0
    for path in paths.values():
        body = check_docx(path)
        assert body == [(STYLE_IDS[p["style"]], paragraph_text(p)) for p in render(saved_draft(page), SPEC)]
    assert page.requests.outside(built_site.as_uri()) == []


def test_closing_fields_on_the_page(page, built_site: Path, tmp_path: Path) -> None:
    open_compose(page, built_site)
    set_draft(page, CASES["render"][0]["draft"])
    page.fill("#ck-recipient", "局属各单位")
    page.fill("#ck-attachments", "宣传台账。\n舆情处置流程")
    page.fill("#ck-date", "2025年12月20日")
    page.check("#ck-seal")
    draft = saved_draft(page)
    assert (draft["recipient"], draft["attachments"], draft["date"], draft["seal"]) == \
        ("局属各单位", ["宣传台账。", "舆情处置流程"], "2025年12月20日", True)
    assert page.get_attribute("#ck-signature", "placeholder").startswith(draft["org"])
    path = export_from_page(page, "#ck-export-clean", tmp_path / "落款.docx")
    body = check_docx(path)
    assert body == [(STYLE_IDS[p["style"]], paragraph_text(p)) for p in render(draft, SPEC)]
    assert [t for _, t in body[-3:]] == ["", draft["org"], "2025年12月20日"] and body[2] == ("GwFlush", "局属各单位：")
    document = docx.Document(str(path))
    python = {p["runs"][0]["text"]: p["indent"] for p in render(draft, SPEC) if p.get("indent")}
    pitch = SPEC["derived"]["char_pitch_twips"]
    for p in document.paragraphs:
        if p.text in python:  # the browser wrote the same indents as the Python exporter
            ind = p._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ind")
            assert int(ind.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}left")) == \
                round(python[p.text]["left"] * pitch), p.text


def test_long_titles_break_between_words_in_the_browser(page, built_site: Path, tmp_path: Path) -> None:
    """Intl.Segmenter plus the library's words: breaks where jieba also sees a word boundary."""
    from test_compose_gongwen import TITLES, jieba_words

    open_compose(page, built_site)
    set_draft(page, CASES["render"][0]["draft"])
    for i, title in enumerate(TITLES):
        page.fill("#ck-title", title)
        path = export_from_page(page, "#ck-export-clean", tmp_path / f"{i}.docx")
        lines = docx.Document(str(path)).paragraphs[0].text.split("\n")
        assert "".join(lines) == title and len(lines) >= 2
        cuts, pos = set(), 0
        for w in jieba_words(title):
            pos += len(w)
            cuts.add(pos)
        ends = [sum(len(x) for x in lines[:k + 1]) for k in range(len(lines) - 1)]
        assert all(e in cuts for e in ends), lines

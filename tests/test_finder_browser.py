"""The finder in headless chromium on the built site opened from disk (file://): the same cases as
the CLI give the same ids in the same order; URL state; 加入草稿; no request leaves the site;
the header search box shows passages and still finds guide pages by title."""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
import yaml

from cailiaoku.finder.corpus import Corpus, build_corpus
from cailiaoku.finder.engine import Searcher
from cailiaoku.finder.spec import fold, spec
from cailiaoku.library import load_library
from cailiaoku.taxonomy import load_taxonomy
from conftest import ROOT

pytestmark = pytest.mark.browser

CASES = yaml.safe_load((Path(__file__).parent / "finder_cases.yaml").read_text(encoding="utf-8"))
BASKET = "cailiaoku.draft.basket"
PAGE_SIZE = spec()["data"]["page_size"]


@lru_cache(maxsize=1)
def searcher() -> Searcher:
    return Searcher(build_corpus(load_library(ROOT / "snippets"), load_taxonomy(ROOT / "taxonomy.yaml")))


def corpus() -> Corpus:
    return searcher().corpus


def finder_hash(query: str, exact: bool = False, filters: dict | None = None, synonyms: bool = False) -> str:
    parts = [f"q={quote(query, safe='')}"] if query else []
    if exact:
        parts.append("exact=1")
    if synonyms:
        parts.append("syn=1")
    for facet, values in (filters or {}).items():
        if facet == "ph":
            parts.append("ph=1")
        else:
            parts.append(f"{facet}=" + ",".join(quote(str(v), safe="") for v in values))
    return "#" + "&".join(parts)


def open_finder(page, site: Path, hash_: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    """Load finder.html afresh with the given hash; wait for the first results; return page errors."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("about:blank")
    page.goto((site / "finder.html").as_uri() + hash_)
    page.wait_for_selector("#ck-finder[data-ready]", state="attached", timeout=30000)
    return errors


def shown_ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all("#ck-finder li.ck-hit", "els => els.map(e => e.dataset.passageId)")


def wait_for_new_results(page, before: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("b => document.querySelector('#ck-finder').dataset.ready !== b", arg=before)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_finder_page_gives_the_case_ids_in_order(page, built_site: Path, case: dict) -> None:  # type: ignore[no-untyped-def]
    errors = open_finder(page, built_site, finder_hash(case["query"], case.get("exact", False), case.get("filters"),
                                                     case.get("synonyms", False)))
    assert page.evaluate("Cailiaoku.finder.lastResult.ids") == case["expect"]
    assert shown_ids(page) == case["expect"][:PAGE_SIZE]
    assert page.get_attribute("#ck-finder", "data-total") == str(len(case["expect"]))
    assert not errors, errors


def test_every_match_is_highlighted(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    open_finder(page, built_site, finder_hash("舆情 监测"))
    first = page.locator("#ck-finder li.ck-hit").first
    pid = first.get_attribute("data-passage-id")
    passage = corpus().by_id()[pid].passage
    marked = "|".join(first.locator("mark").all_inner_texts())  # adjacent matches merge into one mark
    whole = passage.heading + passage.text
    assert set(marked.replace("|", "").replace("舆情", "").replace("监测", "")) == set()
    assert marked.count("舆情") == whole.count("舆情") > 0 and marked.count("监测") == whole.count("监测") > 0
    assert first.locator(".ck-hit-path").inner_text().startswith("市人大办公室2025年意识形态工作要点")
    assert first.locator(f'a[href="p/{pid}.html"]').count() == 1
    assert first.locator(f'a[href="source/2025-srdbgs-yaodian.html#{pid}"]').count() == 1


def test_random_substrings_find_every_holder_like_python(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(20250)
    entries = [e for e in corpus().entries if len(e.passage.text) >= 12]
    phrases = []
    for _ in range(30):
        text = rng.choice(entries).passage.text
        n = rng.randint(2, 12)
        i = rng.randrange(0, len(text) - n + 1)
        phrases.append(text[i:i + n])
    open_finder(page, built_site)
    got = page.evaluate("""async (qs) => { const e = await Cailiaoku.finder.open(); const out = [];
        for (const q of qs) { out.push((await e.search(q, {}, true)).ids); } return out; }""", phrases)
    for phrase, ids in zip(phrases, got, strict=True):
        holders = {e.passage.id for e in corpus().entries if phrase in e.passage.heading or phrase in e.passage.text}
        assert holders <= set(ids), phrase
        assert ids == searcher().search(phrase, exact=True).ids, phrase


def test_javascript_folds_exactly_like_python(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(3)
    cfg = spec()["fold"]
    special = [chr(c) for a, b in cfg["space"] + cfg["drop"] for c in range(a, b + 1)]
    special += list(cfg["map"]) + [chr(c) for c in range(0xFF01, 0xFF5F)] + list("ABCxyz(),;:\"'一二舆情\U00020000")
    samples = ["".join(rng.choice(special) for _ in range(rng.randint(1, 30))) for _ in range(200)]
    samples += [e.full for e in corpus().entries[:20]]
    open_finder(page, built_site)
    js = page.evaluate("ss => ss.map(s => [Cailiaoku.finder.fold(s), Cailiaoku.finder.fold(s, true)])", samples)
    assert js == [[fold(s), fold(s, keep_space=True)] for s in samples]


def test_url_state_reproduces_results_and_follows_the_filters(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    hash_ = finder_hash("舆情", filters={"theme": ["舆论引导", "网络安全"], "ph": ["1"]})
    open_finder(page, built_site, hash_)
    expected = searcher().search("舆情", {"theme": ["舆论引导", "网络安全"], "ph": ["1"]}).ids
    assert expected and shown_ids(page) == expected[:PAGE_SIZE]
    assert page.input_value(".ck-finder-q") == "舆情"
    checked = page.eval_on_selector_all(".ck-facet input:checked", "els => els.map(e => e.value)")
    assert sorted(checked) == sorted(["舆论引导", "网络安全", "1"])
    # The count shown next to a value is the number of results choosing it would give.
    count = page.locator('.ck-facet[data-facet="role"] label', has_text="主要做法").locator(".ck-count").inner_text()
    with_role = searcher().search("舆情", {"theme": ["舆论引导", "网络安全"], "ph": ["1"], "role": ["achievement"]}).ids
    assert int(count) == len(with_role)
    before = page.get_attribute("#ck-finder", "data-ready")
    page.locator('.ck-facet[data-facet="role"] input[value="achievement"]').check()
    wait_for_new_results(page, before)
    assert shown_ids(page) == with_role[:PAGE_SIZE]
    url = page.url
    assert "role=achievement" in url
    open_finder(page, built_site, "#" + url.split("#", 1)[1])  # a trainer's link reproduces it
    assert shown_ids(page) == with_role[:PAGE_SIZE]
    # Theme slugs and Chinese role names in a hand-written link work too.
    open_finder(page, built_site, "#q=" + quote("舆情") + "&theme=yulun-yindao,wangluo-anquan&ph=1&role=" + quote("主要做法"))
    assert shown_ids(page) == with_role[:PAGE_SIZE]


def test_typing_and_exact_toggle_update_results_and_hash(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    open_finder(page, built_site)
    before = page.get_attribute("#ck-finder", "data-ready")
    page.fill(".ck-finder-q", "网络舆情监测")
    wait_for_new_results(page, before)
    assert shown_ids(page) == searcher().search("网络舆情监测").ids
    before = page.get_attribute("#ck-finder", "data-ready")
    page.check(".ck-finder-exact input")
    wait_for_new_results(page, before)
    assert shown_ids(page) == searcher().search("网络舆情监测", exact=True).ids == ["a3gu3av"]
    assert unquote(page.url.split("#", 1)[1]) == "q=网络舆情监测&exact=1"


def test_paging_shows_twenty_at_a_time(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    expected = searcher().search("工作").ids
    assert len(expected) > PAGE_SIZE
    open_finder(page, built_site, finder_hash("工作"))
    assert shown_ids(page) == expected[:PAGE_SIZE]
    page.click(".ck-more")
    assert shown_ids(page) == expected[:2 * PAGE_SIZE]


def test_add_to_draft_stores_the_id(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    open_finder(page, built_site, finder_hash("三审三校"))
    page.evaluate(f"localStorage.removeItem('{BASKET}')")
    page.click('li.ck-hit[data-passage-id="wamx48t"] .ck-add-draft')
    page.click('li.ck-hit[data-passage-id="fc5cmps"] .ck-add-draft')
    page.click('li.ck-hit[data-passage-id="wamx48t"] .ck-add-draft')
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{BASKET}'))") == ["wamx48t", "fc5cmps"]


def test_copy_button_copies_the_passage(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    open_finder(page, built_site, finder_hash("学习强国"))
    page.click('li.ck-hit[data-passage-id="t4sv52w"] .ck-copy')
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.length > 0)")
    p = corpus().by_id()["t4sv52w"].passage
    assert page.evaluate("navigator.clipboard.readText()") == f"{p.number}{p.heading}\n{p.text}"


def test_no_request_leaves_the_site_while_searching(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    open_finder(page, built_site, finder_hash("舆情 监测 -软件", filters={"year": ["2025"]}))
    for q in ("网络安全", '"三审三校"', "理论学习中心组", "犇"):
        before = page.get_attribute("#ck-finder", "data-ready")
        page.fill(".ck-finder-q", q)
        wait_for_new_results(page, before)
    assert page.requests.outside(built_site.as_uri() + "/") == []
    data_files = [u for u in page.requests.urls if "/assets/data/" in u]
    assert any("/ix-" in u for u in data_files) and any("/c-0" in u for u in data_files)


def test_header_search_shows_passages_and_enter_opens_the_finder(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    phrase = "网上网下舆情筛查"  # cut from the middle of a sentence of d34cx3g
    holders = [e.passage.id for e in corpus().entries if phrase in e.passage.text]
    assert holders == ["d34cx3g"]
    page.goto((built_site / "source" / "2024-ju-zongjie.html").as_uri())
    page.fill("input.md-search__input", phrase)
    page.wait_for_selector(".ck-header-results .ck-header-hit", timeout=30000)
    shown = page.eval_on_selector_all(".ck-header-hit", "els => els.map(e => e.dataset.passageId)")
    assert shown[0] == "d34cx3g"
    assert shown == searcher().search(phrase).ids[:6]
    link = page.get_attribute('.ck-header-hit[data-passage-id="d34cx3g"] a', "href")
    assert link == (built_site / "p" / "d34cx3g.html").as_uri()
    assert page.locator(".ck-header-hit mark").first.inner_text() == phrase
    page.press("input.md-search__input", "Enter")
    page.wait_for_url("**/finder.html#q=*")
    page.wait_for_selector("#ck-finder[data-ready]", state="attached")
    assert shown_ids(page) == searcher().search(phrase).ids[:PAGE_SIZE]
    assert page.requests.outside(built_site.as_uri() + "/") == []


def test_header_search_still_finds_guide_pages_by_title(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((built_site / "index.html").as_uri())
    page.fill("input.md-search__input", "部署指南")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-search-result__list > li > a')]"
        ".some(a => a.href.includes('guide/hosting.html'))", timeout=90000)  # Material's worker indexes slowly on a busy machine
    # The finder's passage block sits above Material's page results, which stay visible.
    page.wait_for_selector(".md-search-result > .ck-header-results .ck-header-title", timeout=30000)
    assert page.locator(".md-search-result__list").is_visible()
    hrefs = page.eval_on_selector_all(".md-search-result__list > li > a", "els => els.map(a => a.href)")
    assert any(urlsplit(h).path.endswith("guide/hosting.html") for h in hrefs)


def test_data_api_contract_for_other_pages(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((built_site / "p" / "sntb288.html").as_uri())
    got = page.evaluate("Cailiaoku.data.getPassages(['d7rgh5x', 'nope', 'jhsnepn'])")
    by_id = corpus().by_id()
    assert [g["id"] for g in got] == ["d7rgh5x", "jhsnepn"]
    p = by_id["d7rgh5x"].passage
    assert got[0] == {"id": p.id, "doc": "2024-ju-zongjie", "type": p.type, "level": p.level, "number": p.number,
                      "heading": p.heading, "text": p.text, "parent": p.parent, "role": p.role,
                      "themes": p.themes, "placeholders": p.placeholders}
    assert got[1]["parent"] is None
    docs = page.evaluate("Cailiaoku.data.documents")
    assert docs["2025-srdbgs-yaodian"] == {"id": "2025-srdbgs-yaodian", "title": "市人大办公室2025年意识形态工作要点",
                                           "kind": "要点", "year": 2025, "org": "市人大办公室"}
    assert page.requests.outside(built_site.as_uri() + "/") == []


@pytest.mark.parametrize("inflate", ["DecompressionStream", "fflate"])
def test_packed_data_answers_like_the_cli_with_either_inflater(page, built_site: Path, inflate: str) -> None:  # type: ignore[no-untyped-def]
    """Each data file exists once (packed); a browser without DecompressionStream inflates it with
    the vendored fflate, loaded only there; both give the CLI's results."""
    if inflate == "fflate":
        page.add_init_script("delete window.DecompressionStream")
    errors = open_finder(page, built_site, finder_hash("三审三校"))
    assert shown_ids(page) == ["fc5cmps", "wamx48t", "xvcekdp"]
    assert page.evaluate("Cailiaoku.data.streams") is (inflate == "DecompressionStream")
    rng = random.Random(7)
    words = [w for e in rng.sample(corpus().entries, 30) for w in corpus().index.segment(e.full) if len(w) >= 2]
    queries = [(c["query"], c.get("filters") or {}, bool(c.get("exact")), bool(c.get("synonyms"))) for c in CASES]
    queries += [(" ".join(rng.sample(words, 2)), {}, False, False) for _ in range(10)]
    got = page.evaluate("""async (qs) => { const e = await Cailiaoku.finder.open(); const out = [];
        for (const [q, f, x, s] of qs) { out.push((await e.search(q, f, x, s)).ids); } return out; }""", queries)
    for (q, f, x, syn), ids in zip(queries, got, strict=True):
        assert ids == searcher().search(q, f, exact=x, synonyms=syn).ids, q
    loaded = [unquote(urlsplit(u).path).rsplit("/", 2)[-2:] for u in page.requests.urls]
    assert not [u for u in page.requests.urls if ".u.js" in u]
    assert (["vendor", "fflate.umd.js"] in loaded) is (inflate == "fflate")
    assert sum(1 for d, name in loaded if d == "data" and name.startswith("c-")) >= 2  # texts inflated too
    assert not errors, errors


def test_base85_decodes_like_python(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    import base64

    rng = random.Random(85)
    blobs = [bytes(rng.randrange(256) for _ in range(n)) for n in [*range(13), 1000, 4097]]
    blobs += [b"\xff" * 9, b"\x00" * 7]
    open_finder(page, built_site)
    got = page.evaluate("texts => texts.map(t => Array.from(Cailiaoku.data.base85(t)))",
                        [base64.b85encode(b).decode("ascii") for b in blobs])
    assert [bytes(g) for g in got] == blobs


def test_planted_passage_is_shown_literally_in_finder_and_header(page, project_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import run_cli
    from test_site_build import LITERALS, PLANT_HEADING, PLANT_ID, plant

    plant(project_copy)
    site = project_copy / "out"
    result = run_cli("build", "--site-dir", str(site), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_finder(page, site, finder_hash("<script>alert(1)</script>", exact=True))
    assert shown_ids(page) == [PLANT_ID]
    hit = page.locator(f'li.ck-hit[data-passage-id="{PLANT_ID}"]')
    text = hit.inner_text()
    assert PLANT_HEADING in text
    for literal in LITERALS:
        assert literal in text, literal
    assert hit.locator("script, strong, em").count() == 0
    assert hit.locator("mark").all_inner_texts() == ["<script>alert(1)</script>"]
    page.fill("input.md-search__input", "{{ 7*7 }}")
    page.wait_for_selector(f'.ck-header-hit[data-passage-id="{PLANT_ID}"]', timeout=30000)
    assert "{{ 7*7 }}" in page.locator(f'.ck-header-hit[data-passage-id="{PLANT_ID}"]').inner_text()
    assert dialogs == []


def test_pages_load_no_passage_data_until_the_header_box_is_used(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((built_site / "p" / "d34cx3g.html").as_uri())
    page.wait_for_load_state("load")
    scripts = [u for u in page.requests.urls if u.endswith(".js") or ".js?" in u]
    assert not [u for u in scripts if "/assets/data/" in u or "finder-engine" in u], scripts
    page.fill("input.md-search__input", "网上网下舆情筛查")
    page.wait_for_selector('.ck-header-hit[data-passage-id="d34cx3g"]', timeout=30000)
    loaded = {urlsplit(u).path.rsplit("/", 1)[1].split(".")[0] for u in page.requests.urls if "/assets/data/" in u}
    assert "meta" in loaded and any(n.startswith("bg-") for n in loaded)


def test_finder_loads_only_the_text_that_can_match(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    """Needles of two or more word characters are matched and ranked from the pair postings'
    positions: only the shown passages' chunks are loaded. A needle with punctuation needs the text
    of every passage that can hold it (the pair postings bound them)."""
    from bisect import bisect_right

    from cailiaoku.finder.export import chunk_starts

    starts = chunk_starts(corpus())
    by_id = corpus().by_id()

    def chunks_of(ids: list[str]) -> set[int]:
        return {bisect_right(starts, by_id[i].ordinal) - 1 for i in ids}

    assert len(starts) >= 2
    holders = [e.passage.id for e in corpus().entries if "工作" in e.full]
    cases = [(q, chunks_of(searcher().search(q).ids[:PAGE_SIZE])) for q in ("网上网下舆情筛查", "工作 -舆情", "舆情监测", "工作")]
    cases.append(('"工作,"', chunks_of(holders)))
    for query, expect in cases:
        page.requests.urls.clear()
        open_finder(page, built_site, finder_hash(query))
        assert shown_ids(page) == searcher().search(query).ids[:PAGE_SIZE]
        got = {int(u.split("?")[0].rsplit("/c-", 1)[1].split(".")[0]) for u in page.requests.urls if "/assets/data/c-" in u}
        assert got == expect, query
    assert len(chunks_of(searcher().search("网上网下舆情筛查").ids)) == 1


def test_random_word_queries_rank_like_python(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    """Word queries (matched and ranked from pair positions in the browser) give the CLI's order."""
    rng = random.Random(16)
    entries = [e for e in corpus().entries if len(e.passage.text) > 40]

    def words() -> list[str]:  # vocabulary words of one passage, so that queries find something
        return [w for w in dict.fromkeys(corpus().index.segment(rng.choice(entries).full)) if len(w) >= 2]

    queries = [" ".join(rng.sample(words(), rng.randint(1, 3))) for _ in range(20)]
    queries += ["".join(rng.sample(words(), 2)) for _ in range(20)]  # one term of two words: adjacent/near/far
    queries += [f"{rng.choice(words())} -{rng.choice(words())}" for _ in range(10)]
    assert sum(1 for q in queries if searcher().search(q).ids) >= 40
    open_finder(page, built_site)
    got = page.evaluate("""async (qs) => { const e = await Cailiaoku.finder.open(); const out = [];
        for (const q of qs) { out.push((await e.search(q, {}, false)).ids); } return out; }""", queries)
    for q, ids in zip(queries, got, strict=True):
        assert ids == searcher().search(q).ids, q

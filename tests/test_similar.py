"""相似写法: near-duplicates across documents, checked against pairs judged by hand
(tests/similar_pairs.yaml) on the bundled library and on an invented document of another unit
that rewrites some bundled passages; shown on passage pages and folded in the finder."""

from __future__ import annotations

import json
import random
import shutil
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from click.testing import CliRunner

from cailiaoku.cli import cli
from cailiaoku.finder.similar import THRESHOLD, Item, items_of, jaccard, shingles, similar_passages
from cailiaoku.library import load_library
from conftest import ROOT, run_cli

PAIRS = yaml.safe_load((Path(__file__).parent / "similar_pairs.yaml").read_text(encoding="utf-8"))
INVENTED = Path(__file__).parent / "data" / "similar"
INVENTED_DOC = "2025-qwxcb-jihua"


def library_items(snippets: Path) -> list[Item]:
    return items_of((p.id, d.id, p.heading, p.text) for d, p in load_library(snippets).passages())


def pair_set(found: dict[str, list[tuple[str, float]]]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for a, pairs in found.items() for b, _ in pairs}


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled project plus the invented plan, ingested the ordinary way."""
    proj = tmp_path_factory.mktemp("similar") / "proj"
    proj.mkdir()
    for name in ("sources", "snippets", "docs"):
        shutil.copytree(ROOT / name, proj / name)
    for name in ("taxonomy.yaml", "mkdocs.yml"):
        shutil.copy2(ROOT / name, proj / name)
    for f in INVENTED.iterdir():
        shutil.copy2(f, proj / "sources" / f.name)
    txt = next(f for f in INVENTED.iterdir() if f.suffix == ".txt")
    result = run_cli("ingest", str(proj / "sources" / txt.name), cwd=proj)
    assert result.returncode == 0, result.stderr + result.stdout
    return proj


@lru_cache(maxsize=4)
def heading_ids(snippets: str) -> dict[str, str]:
    return {p.heading: p.id for d, p in load_library(Path(snippets)).passages() if d.id == INVENTED_DOC}


def resolve(proj: Path, pair: list[str]) -> tuple[str, str]:
    ids = heading_ids(str(proj / "snippets"))
    return ids[pair[0]], pair[1]


def test_bundled_library_pairs_judged_different_stay_apart() -> None:
    items = library_items(ROOT / "snippets")
    by_id = {i.id: i for i in items}
    found = similar_passages(items)
    assert found == {}  # the four bundled documents share no passage (judged by hand)
    for a, b, _ in PAIRS["bundled"]["different"]:
        assert jaccard(shingles(by_id[a].text), shingles(by_id[b].text)) < THRESHOLD, (a, b)


def test_invented_rewrites_found_exactly_as_judged(invented: Path) -> None:
    items = library_items(invented / "snippets")
    by_id = {i.id: i for i in items}
    found = similar_passages(items)
    same = {frozenset(resolve(invented, p)) for p in PAIRS["invented"]["same"]}
    different = {frozenset(resolve(invented, p)) for p in PAIRS["invented"]["different"]}
    assert pair_set(found) == same
    assert not pair_set(found) & different
    for a, pairs in found.items():
        assert all(by_id[a].doc != by_id[b].doc for b, _ in pairs)  # never within one document
        assert [s for _, s in pairs] == sorted((s for _, s in pairs), reverse=True)


def test_lsh_misses_almost_nothing_brute_force_finds() -> None:
    """Rewrites of bundled passages at many edit rates: LSH candidates + exact check vs all pairs."""
    rng = random.Random(12)
    base = [i for i in library_items(ROOT / "snippets") if len(shingles(i.text)) >= 30]
    items = list(base)
    for n, item in enumerate(base * 3):
        chars = list(item.text)
        for _ in range(int(len(chars) * rng.uniform(0.02, 0.35))):
            chars[rng.randrange(len(chars))] = rng.choice("的工作加强推进落实完善机制")
        items.append(Item(f"copy{n}", f"doc{n}", "".join(chars)))
    sets = [shingles(i.text) for i in items]
    truth = {frozenset((items[a].id, items[b].id)) for a in range(len(items)) for b in range(a + 1, len(items))
             if items[a].doc != items[b].doc and len(sets[a]) >= 10 and len(sets[b]) >= 10
             and jaccard(sets[a], sets[b]) >= THRESHOLD}
    got = pair_set(similar_passages(items, top=1000))
    assert len(truth) > 150
    assert got <= truth
    assert len(got) / len(truth) >= 0.95


def test_passage_page_lists_similar_passages(invented: Path) -> None:
    site = invented / "out"
    result = run_cli("build", "--site-dir", str(site), cwd=invented)
    assert result.returncode == 0, result.stderr
    twin, original = resolve(invented, PAIRS["invented"]["same"][1])
    html = (site / "p" / f"{original}.html").read_text(encoding="utf-8")
    assert "相似写法" in html and f'href="{twin}.html"' in html and "区委宣传部2025年意识形态工作计划" in html
    back = (site / "p" / f"{twin}.html").read_text(encoding="utf-8")
    assert f'href="{original}.html"' in back
    lonely = heading_ids(str(invented / "snippets"))["办好读书班"]
    assert "ck-similar" not in (site / "p" / f"{lonely}.html").read_text(encoding="utf-8")


def test_bundled_site_has_no_similar_sections(built_site: Path) -> None:
    assert "ck-similar" not in (built_site / "p" / "vn88wat.html").read_text(encoding="utf-8")


def cli_search(proj: Path, *args: str) -> dict:
    result = CliRunner().invoke(cli, ["--root", str(proj), "search", "--json", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_cli_folds_near_duplicates(invented: Path) -> None:
    twin, original = resolve(invented, PAIRS["invented"]["same"][1])
    plain = cli_search(invented, "--", "监督考核")
    folded = cli_search(invented, "--fold", "--", "监督考核")
    assert twin in plain["ids"] and original in plain["ids"]
    first, second = sorted((twin, original), key=plain["ids"].index)
    assert folded["ids"] == [i for i in plain["ids"] if i != second]
    row = next(r for r in folded["results"] if r["id"] == first)
    assert row["folded"] == [second] and row["similar"][0]["id"] == second


@pytest.mark.browser
def test_finder_shows_similar_and_folds_like_the_cli(page, invented: Path) -> None:  # type: ignore[no-untyped-def]
    site = invented / "out"
    if not (site / "finder.html").is_file():
        assert run_cli("build", "--site-dir", str(site), cwd=invented).returncode == 0
    twin, original = resolve(invented, PAIRS["invented"]["same"][1])
    folded = cli_search(invented, "--fold", "--", "意识形态工作", "考核")
    page.goto((site / "finder.html").as_uri() + "#q=" + quote("意识形态工作 考核") + "&fold=1")
    page.wait_for_selector("#ck-finder[data-ready]", state="attached", timeout=30000)
    got = page.evaluate("Cailiaoku.finder.lastResult.hits.map(h => [h.id, h.folded.map(f => f.id)])")
    assert got == [[r["id"], r["folded"]] for r in folded["results"]]
    owner = next(r for r in folded["results"] if r["folded"])
    hit = page.locator(f'#ck-finder > div li.ck-hit[data-passage-id="{owner["id"]}"]').first
    assert hit.locator(":scope > details.ck-folded > summary").inner_text() == "另有 1 种相近写法"
    hit.locator(":scope > details.ck-folded > summary").click()
    assert hit.locator(f':scope > details.ck-folded li.ck-hit[data-passage-id="{owner["folded"][0]}"]').is_visible()
    similar = hit.locator(":scope > details.ck-similar")
    assert similar.locator("summary").inner_text() == "相似写法（1）"
    similar.locator("summary").click()
    link = similar.locator("a").first
    assert link.get_attribute("href") == f"p/{owner['folded'][0]}.html" and {twin, original} == {owner["id"], owner["folded"][0]}
    page.uncheck('input[name="fold"]')
    page.wait_for_function("() => !location.hash.includes('fold=1')")
    page.wait_for_function(f"() => Cailiaoku.finder.lastResult.ids.includes('{owner['folded'][0]}')")
    page.goto((site / "p" / f"{original}.html").as_uri())  # the permalink's 相似写法, explained by site.css
    shown = page.evaluate("getComputedStyle(document.querySelector('.ck-similar > h2'), '::after').content")
    assert "其他范文里意思几乎相同的段落" in shown


def test_banding_finds_exactly_the_pairs_rensas_lsh_index_returns() -> None:
    """bands.py forms the candidate pairs on whole arrays; they are the pairs an RMinHashLSH index
    of the same signatures returns (estimate floor and other-document rule applied alike), and the
    exact Jaccard from integer-coded shingles is the one of the shingle sets."""
    import numpy as np
    from rensa import RMinHashLSH

    from cailiaoku.bench.library import synthetic_library
    from cailiaoku.finder import bands, similar

    items = items_of((p.id, d.id, p.heading, p.text) for d, p in synthetic_library(1500).passages())
    sigs = similar.signatures(items)
    keep = [k for k, mh in enumerate(sigs) if mh is not None]
    floor = THRESHOLD - similar.ESTIMATE_MARGIN
    lsh = RMinHashLSH(THRESHOLD, similar.NUM_PERM, similar.BANDS)
    for x, k in enumerate(keep):
        lsh.insert(x, sigs[k])
    expected = {(x, o) for x, k in enumerate(keep) for o in lsh.query(sigs[k])
                if o > x and items[keep[o]].doc != items[k].doc and sigs[k].jaccard(sigs[keep[o]]) >= floor}
    digests = np.array([sigs[k].digest() for k in keep], dtype=np.uint64)
    doc_of = np.array([hash(items[k].doc) for k in keep])
    old_chunk = bands.CHUNK, bands.SMALL
    try:
        for chunk, small in ((1 << 18, 32), (7, 2)):  # big buckets split into many small blocks too
            bands.CHUNK, bands.SMALL = chunk, small
            first, second = bands.candidate_pairs(digests, similar.NUM_PERM // similar.BANDS, floor, doc_of)
            assert len(expected) > 100 and set(zip(first.tolist(), second.tolist(), strict=True)) == expected
            assert len(first) == len(expected)  # each pair once
    finally:
        bands.CHUNK, bands.SMALL = old_chunk
    codes = {k: bands.shingle_codes(similar._not_word().sub("", similar.fold(items[keep[k]].text)), similar.SHINGLE)
             for k in set(first.tolist()) | set(second.tolist())}
    scores = bands.exact_jaccard(first, second, codes)
    assert scores.tolist() == [jaccard(shingles(items[keep[a]].text), shingles(items[keep[b]].text))
                               for a, b in zip(first.tolist(), second.tolist(), strict=True)]

"""The finder's Python side: the shared cases through the CLI, exact-phrase recall, syntax, ranking, export."""

from __future__ import annotations

import base64
import gzip
import json
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cailiaoku.cli import cli
from cailiaoku.finder import candidates as cand
from cailiaoku.finder.candidates import decode_pairs, pair_postings, pair_shard, pairs_of
from cailiaoku.finder.corpus import Corpus, build_corpus
from cailiaoku.finder.engine import Searcher, parse_query
from cailiaoku.finder.export import b85encode, chunk_starts, export, read_data, shard_of
from cailiaoku.finder.highlight import bracket, spans
from cailiaoku.finder.index import build_lunr, from_lunr
from cailiaoku.finder.spec import fold, spec
from cailiaoku.library import load_library
from cailiaoku.taxonomy import load_taxonomy
from conftest import ROOT, run_cli
from light_chrome import as_written

CASES = yaml.safe_load((Path(__file__).parent / "finder_cases.yaml").read_text(encoding="utf-8"))
FILTER_OPTIONS = {"theme": "--theme", "role": "--role", "kind": "--kind", "year": "--year", "org": "--org"}


@lru_cache(maxsize=1)
def corpus() -> Corpus:
    return build_corpus(load_library(ROOT / "snippets"), load_taxonomy(ROOT / "taxonomy.yaml"))


def cli_args(case: dict) -> list[str]:
    args = ["--root", str(ROOT), "search", "--json"]
    if case.get("exact"):
        args.append("--exact")
    if case.get("synonyms"):
        args.append("--synonyms")
    for facet, values in (case.get("filters") or {}).items():
        if facet == "ph":
            args.append("--placeholders")
            continue
        for value in values:
            args += [FILTER_OPTIONS[facet], str(value)]
    return args + ["--", case["query"]] if case["query"] else args


def search_json(args: list[str]) -> dict:
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_case_table_is_big_enough_and_ids_exist() -> None:
    known = {e.passage.id for e in corpus().entries}
    assert len(CASES) >= 30
    assert len({c["name"] for c in CASES}) == len(CASES)
    for case in CASES:
        assert set(case["expect"]) <= known, case["name"]
    # The table covers both modes, filters, exclusion, and empty results.
    assert any(c.get("exact") for c in CASES) and any(not c.get("exact") for c in CASES)
    assert any(c.get("filters") for c in CASES) and any(not c["expect"] for c in CASES)
    assert any(" -" in f" {c['query']}" for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cli_gives_the_expected_ids_in_order(case: dict) -> None:
    out = search_json(cli_args(case))
    assert out["ids"] == case["expect"]
    assert out["total"] == len(case["expect"])


def test_real_command_line_entry_point() -> None:
    result = run_cli("search", "--json", "--theme", "阵地建设", "三审三校")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["ids"] == ["fc5cmps", "wamx48t", "xvcekdp"]
    first = out["results"][0]
    assert first["permalink"] == "p/fc5cmps.html" and first["doc"] == "2024-shiwei-zongjie"
    assert "【三审三校】" in first["marked"]


def test_text_output_marks_matches_and_counts() -> None:
    result = CliRunner().invoke(cli, ["--root", str(ROOT), "search", "--limit", "1", "舆情", "监测"])
    assert result.exit_code == 0, result.output
    assert "【舆情】" in result.output and "【监测】" in result.output
    assert "共 8 条，显示前 1 条。" in result.output


@pytest.mark.parametrize("args, message, code", [
    (["search"], "请输入检索词或筛选条件", 1),
    (["search", "--theme", "不存在的主题", "舆情"], "未知的主题：不存在的主题", 1),
    (["search", "--role", "结论", "舆情"], "未知的角色“结论”", 2),  # a usage error, checked by click
])
def test_bad_input_gets_a_chinese_error(args: list[str], message: str, code: int) -> None:
    result = CliRunner().invoke(cli, ["--root", str(ROOT), *args])
    assert result.exit_code == code
    assert message in result.output


def test_role_accepts_chinese_names() -> None:
    by_key = search_json(["--root", str(ROOT), "search", "--json", "--role", "problem"])
    by_name = search_json(["--root", str(ROOT), "search", "--json", "--role", "存在问题"])
    assert by_key["ids"] == by_name["ids"] and len(by_key["ids"]) == 6


# ---- exact phrase: recall is 100% by construction -------------------------------------------

def _holders(phrase: str) -> set[str]:
    return {e.passage.id for e in corpus().entries if phrase in e.passage.heading or phrase in e.passage.text}


@st.composite
def substrings(draw: st.DrawFn) -> str:
    entries = [e for e in corpus().entries if len(e.passage.text) >= 2 or len(e.passage.heading) >= 2]
    entry = draw(st.sampled_from(entries))
    source = draw(st.sampled_from([s for s in (entry.passage.heading, entry.passage.text) if len(s) >= 2]))
    length = draw(st.integers(2, min(12, len(source))))
    start = draw(st.integers(0, len(source) - length))
    return source[start:start + length]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(substrings())
def test_exact_phrase_finds_every_passage_holding_it(phrase: str) -> None:
    out = search_json(["--root", str(ROOT), "search", "--json", "--exact", "--", phrase])
    found = set(out["ids"])
    assert _holders(phrase) <= found, phrase
    folded = fold(phrase)
    by_id = corpus().by_id()
    for pid in found:  # and nothing that does not hold it (after folding)
        assert folded in by_id[pid].full, (phrase, pid)


# ---- the shared specification --------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("(一)", "（一）"), ("a,b", "a，b"), ('"方向盘"', "“方向盘”"), ("'x'", "‘x’"),
    ("三审 三校", "三审三校"), ("ＡＡＡ１２", "aaa12"), ("「引」", "“引”"), ("x\u200by", "xy"),
])
def test_fold_makes_variants_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_what_matters_apart() -> None:
    assert fold("一、") != fold("一.")
    assert fold("《条例》") != fold("<条例>")
    assert fold("舆情") == "舆情"


def test_query_syntax() -> None:
    assert parse_query('网络安全 -舆情 "三审 三校" -"负面舆情"') == [
        ("term", "网络安全", False), ("term", "舆情", True),
        ("phrase", "三审三校", False), ("phrase", "负面舆情", True)]
    assert parse_query("“第一议题”制度") == [("phrase", "第一议题", False), ("term", "制度", False)]
    assert parse_query("－舆情") == [("term", "舆情", True)]  # full-width minus
    assert parse_query("- 舆情") == [("term", "-", False), ("term", "舆情", False)]
    assert parse_query('网络安全 -舆情 "x"', exact=True) == [("phrase", '网络安全-舆情"x"', False)]
    assert parse_query('  "学习强国"  ', exact=True) == [("phrase", "学习强国", False)]
    assert parse_query("   ") == []


def test_segmentation_is_greedy_longest_match() -> None:
    index = corpus().index
    assert index.segment("网络舆情监测") == ["网络舆情", "监测"]
    assert index.segment("意识形态工作责任制") == ["意识形态工作责任制"]
    assert index.segment("犇，") == ["犇"]  # unknown word char kept, punctuation skipped


def test_highlight_spans_point_into_the_original_text() -> None:
    text = "严格坚持“三审三校”制度，对新闻报道"
    assert [text[a:b] for a, b in spans(text, [fold('"三审三校"')])] == ["“三审三校”"]
    assert bracket("县（市、区）参照", [fold("县(市、区)")]) == "【县（市、区）】参照"
    assert spans("三审 三校", ["三审三校"]) == [(0, 5)]


def _tier(words: tuple, full: str, heading: str, text: str) -> tuple[int, bool]:
    """Independent reference for spec.json "rank": brute force over every placement of the needles."""
    from itertools import product

    if text in full:
        return 3, text in heading
    needles = []
    for w in words:
        got = next((x for x in (w.text, *w.alts) if x in full), None)
        needles += [got] if got else [next(x for x in (p, *a) if x in full) for p, a in zip(w.pieces, w.piece_alts, strict=True)]
    needles = list(dict.fromkeys(needles))
    places = [[i for i in range(len(full)) if full.startswith(n, i)][:64] for n in needles]
    span = min(max(s + len(n) for s, n in zip(starts, needles, strict=True)) - min(starts) for starts in product(*places))
    g = max(0, span - sum(len(n) for n in needles))
    return (2 if g <= 1 else 1 if g <= 15 else 0), all(n in heading for n in needles)


@pytest.mark.parametrize("query", ["年度考核体系", "网络舆情监测", "加强舆情监测", "舆论引导", "健全工作机制",
                                   "宣传工作培训", "意识形态风险"])
def test_ranking_literal_then_adjacent_near_far_heading_first(query: str) -> None:
    result = Searcher(corpus()).search(query)
    (clause,) = result.clauses
    tiers = [_tier(clause.words, h.entry.full, h.entry.heading, clause.text) for h in result.hits]
    assert len(tiers) >= 2
    assert tiers == sorted(tiers, reverse=True), list(zip(result.ids, tiers, strict=True))


def test_words_pieces_and_synonyms() -> None:
    c = corpus()
    searcher = Searcher(c)
    (clause,) = searcher.clauses("加强舆情监测")
    assert [(w.text, w.pieces) for w in clause.words] == [("加强", ()), ("舆情监测", ("舆情", "监测"))]
    (clause,) = searcher.clauses("责任制")  # a piece would be a single char (制): stays whole
    assert [(w.text, w.pieces) for w in clause.words] == [("责任制", ())]
    (clause,) = searcher.clauses("舆论引导的能力")  # function words are not required
    assert [w.text for w in clause.words] == ["舆论引导", "能力"]
    (clause,) = searcher.clauses("网评", synonyms=True)
    assert clause.words[0].alts == ("网络评论",)
    assert searcher.clauses("网评")[0].words[0].alts == ()
    # Every passage holding 舆情 and 监测 anywhere is found, the literal one first.
    holders = {e.passage.id for e in c.entries if "舆情" in e.full and "监测" in e.full and "加强" in e.full}
    ids = searcher.search("加强舆情监测").ids
    assert set(ids) == holders and "加强舆情监测" not in c.by_id()[ids[-1]].full


def test_filter_counts_ignore_their_own_facet() -> None:
    result = Searcher(corpus()).search("舆情", {"theme": ["网络安全"], "year": ["2025"]})
    all_hits = Searcher(corpus()).search("舆情")
    # theme counts: year filter applied, theme filter not
    expected_theme = sum(1 for h in all_hits.hits if h.entry.year == "2025" and "舆论引导" in h.entry.passage.themes)
    assert result.counts["theme"]["舆论引导"] == expected_theme
    expected_year = sum(1 for h in all_hits.hits if "网络安全" in h.entry.passage.themes and h.entry.year == "2024")
    assert result.counts["year"].get("2024", 0) == expected_year
    assert all(h.entry.year == "2025" and "网络安全" in h.entry.passage.themes for h in result.hits)


# ---- browser data export --------------------------------------------------------------------

def test_export_writes_each_data_file_once_packed() -> None:
    c = corpus()
    data = export(c)
    names = sorted(r[len("data/"):-len(".js")] for r in data.files if r.startswith("data/"))
    assert "meta" in names and "c-0" in names and any(n.startswith("ix-") for n in names)
    assert not [r for r in data.files if r.endswith(".u.js")]  # no plain duplicate any more
    for name in names:
        text = data.files[f"data/{name}.js"]
        assert text.startswith(f'Cailiaoku._dataLoaded("{name}","') and text.isascii(), name
        gzip.decompress(base64.b85decode(text.split('"')[3]))  # gzip in base85, whole
    assert read_data(data.files["data/meta.js"])["ids"].split(" ") == [e.passage.id for e in c.entries]


@given(st.binary(max_size=200))
def test_base85_on_arrays_equals_the_stdlibs(data: bytes) -> None:
    assert b85encode(data) == base64.b85encode(data)


def test_export_covers_every_passage_and_posting() -> None:
    c = corpus()
    data = export(c)
    def plain(name: str) -> object:
        return read_data(data.files[f"data/{name}.js"])
    meta = plain("meta")
    assert meta["ids"].split(" ") == [e.passage.id for e in c.entries]
    assert {d[0] for d in meta["docs"]} == {d.id for d in load_library(ROOT / "snippets").documents}
    manifest = json.loads(data.files["cailiaoku/data.js"].split("dataManifest = ", 1)[1].split(";\n", 1)[0])
    assert manifest["count"] == len(c.entries) and "documents" not in manifest
    rows = [row for k in range(manifest["chunks"]) for row in plain(f"c-{k}")]
    assert [r[4] for r in rows] == [e.passage.text for e in c.entries]
    assert meta["chunkStart"][0] == 0 and len(meta["chunkStart"]) == manifest["chunks"]
    for term, postings in c.index.postings.items():
        flat = cand.undigits(plain(f"ix-{shard_of(term, manifest['shards'])}")[term])
        pairs, o = [], -1
        for k in range(0, len(flat), 2):
            o += flat[k] + 1
            pairs.append((o, flat[k + 1]))
        assert pairs == postings, term
    # pair postings: every passage holding a pair is listed under it, and only those
    for pair, posts in pair_postings([e.full for e in c.entries]).items():
        assert decode_pairs(plain(f"bg-{pair_shard(pair, manifest['pairShards'])}")[pair]) == posts, pair
        assert [o for o, _ in posts] == [e.ordinal for e in c.entries if pair in e.full], pair
        for o, positions in posts:
            full = c.entries[o].full
            assert positions == [i for i in range(len(full) - 1) if full[i:i + 2] == pair], (pair, o)
    assert cand.undigits(meta["hl"]) == [len(e.heading) for e in c.entries]


def test_chunks_hold_whole_documents() -> None:
    c = corpus()
    starts = chunk_starts(c)
    assert all(c.entries[s].doc is not c.entries[s - 1].doc for s in starts[1:])


def test_pairs_are_utf16_units_of_word_chars() -> None:
    assert pairs_of("网络安全,ab\n1") == {"网络", "络安", "安全", "ab"}
    assert pairs_of("\U00020000舆") == {"\ud840\udc00", "\udc00舆"}
    assert cand.undigits(cand.digits([0, 31, 32, 1023, 1 << 30])) == [0, 31, 32, 1023, 1 << 30]


def test_bm25_weights_equal_lunrs_own() -> None:
    c = corpus()
    old = from_lunr(build_lunr([(e.heading, e.full.split("\n", 1)[1]) for e in c.entries], load_taxonomy(ROOT / "taxonomy.yaml").all_terms()))
    assert old.postings == c.index.postings and old.max_term_length == c.index.max_term_length


def test_shard_of_uses_the_first_utf16_unit() -> None:
    assert shard_of("舆情", 7) == ord("舆") % 7
    assert shard_of("\U00020000x", 10) == 0xD840 % 10  # astral: high surrogate, as JS charCodeAt(0)


def test_built_site_has_finder_page_data_and_scripts_everywhere(built_site: Path) -> None:
    assert (built_site / "finder.html").is_file()
    assert (built_site / "assets" / "data" / "meta.js").is_file()
    assert not list((built_site / "assets" / "data").glob("*.u.js"))
    vendored = (built_site / "assets" / "vendor" / "fflate.umd.js").read_text(encoding="utf-8")
    assert "gunzipSync" in vendored and (built_site / "assets" / "vendor" / "fflate.LICENSE.txt").is_file()
    for page, prefix in (("index.html", ""), ("finder.html", ""), ("p/fc5cmps.html", "../")):
        html = as_written(built_site / page)  # a light page's scripts are in its chrome script
        for script in ("data.js", "finder-header.js"):
            assert f'src="{prefix}assets/cailiaoku/{script}' in html, (page, script)
    # the engine only where it searches at once; the header box loads it on the first keystroke
    for page, engine in (("index.html", False), ("p/fc5cmps.html", False), ("finder.html", True), ("compose.html", True)):
        assert ('assets/cailiaoku/finder-engine.js' in as_written(built_site / page)) is engine, page
    assert 'id="ck-finder"' in (built_site / "finder.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("groups, message", [
    ("  - [网评]\n", "第 1 组近义词写法不对"),
    ("  - [网评, 网评]\n", "第 1 组近义词写法不对"),
    ("  - [网评, 网络评论]\n  - 网评队伍\n", "第 2 组近义词写法不对"),
])
def test_bad_synonyms_in_taxonomy_are_refused_with_the_line(project_copy: Path, groups: str, message: str) -> None:
    taxonomy = project_copy / "taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    text = text[:text.index("synonyms:")] + "synonyms:\n" + groups
    taxonomy.write_text(text, encoding="utf-8")
    line = text.count("\n", 0, text.index("synonyms:")) + 1 + groups.count("\n")
    result = run_cli("lint", cwd=project_copy)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert message in out and "taxonomy.yaml" in out and f":{line}" in out, out
    assert "Traceback" not in out


def _lunr_weights(fields: list[tuple[list[str], list[str]]]) -> object:
    """lunr's own Builder over the same tokens (no stemmer, no stop words), as build_lunr sets it."""
    from lunr.builder import Builder

    builder = Builder()
    builder.ref("r")
    builder.field("h", boost=spec()["index"]["heading_boost"])
    builder.field("b")
    for ordinal, (h, b) in enumerate(fields):
        builder.add({"r": str(ordinal), "h": h, "b": b})
    return from_lunr(builder.build()).postings


_TOKENS = st.lists(st.sampled_from(["网络", "安全", "舆情", "Ab", "ab", "工作", "落实", "责任", "制度"]), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TOKENS, _TOKENS), min_size=1, max_size=25))
def test_array_bm25_weights_equal_lunrs_on_any_tokens(fields: list[tuple[list[str], list[str]]]) -> None:
    from cailiaoku.finder.index import bm25_index

    assert bm25_index(fields).postings == _lunr_weights(fields)


def test_bm25_weights_are_the_same_a_slice_of_rows_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from cailiaoku.finder import index
    from cailiaoku.finder.index import bm25_index

    fields = [(["网络", "安全"][: k % 3], ["工作", "落实", "网络", "责任"][k % 4:] * (1 + k % 2)) for k in range(200)]
    whole = bm25_index(fields).postings
    monkeypatch.setattr(index, "ROWS_AT_ONCE", 7)
    assert bm25_index(fields).postings == whole == _lunr_weights(fields)

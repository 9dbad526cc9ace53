"""Finder benchmark (see scripts/bench_finder.py): the finder's export cold, warm and after a
one-passage edit, and the site's finder.html and header box in chromium, bytes and time to the
first result."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from ..finder import similar
from ..finder.corpus import Corpus, build_corpus
from ..finder.engine import Searcher
from ..finder.export import Export, export
from ..model import Library
from ..taxonomy import load_taxonomy
from .library import REPO
from .site import ARGS, CHROMIUM, TIMEOUT_MS, kb, loaded


def _timed(library: Library, cache_dir: Path) -> tuple[float, Corpus, Export]:
    from .. import segment

    similar._cache.clear()  # a new build process starts without them
    segment.tokenizer.cache_clear()
    start = time.perf_counter()
    corpus = build_corpus(library, load_taxonomy(REPO / "taxonomy.yaml"), cache_dir=cache_dir)
    data = export(corpus)
    return time.perf_counter() - start, corpus, data


def _edited(library: Library) -> Library:
    doc = library.documents[len(library.documents) // 2]
    k = next(i for i, p in enumerate(doc.passages) if p.text)
    changed = replace(doc.passages[k], text=doc.passages[k].text + "并建立健全长效机制。")
    docs = list(library.documents)
    docs[len(docs) // 2] = replace(doc, passages=[*doc.passages[:k], changed, *doc.passages[k + 1:]])
    return Library(docs)


def export_times(library: Library, cache_dir: Path) -> tuple[list[str], Corpus, Export]:
    """Corpus (segmentation, BM25, 相似写法) + export: no cache, unchanged, one passage edited."""
    cold, corpus, data = _timed(library, cache_dir)
    warm, _, _ = _timed(library, cache_dir)
    edit, _, _ = _timed(_edited(library), cache_dir)
    sizes = {kind: (sum(1 for r in data.files if r.startswith(f"data/{kind}")),
                    data.size(f"data/{kind}")) for kind in ("meta", "c-", "ix-", "bg-")}
    lines = [f"  finder export (corpus + 相似写法 + data files, in-process): cold {cold:.1f} s, "
             f"warm {warm:.1f} s, one passage edited {edit:.1f} s",
             f"  data.js (every page) {kb(len(data.files['cailiaoku/data.js'].encode())).strip()}; packed files: "
             + "; ".join(f"{name} {n} × {kb(b // max(n, 1)).strip()} = {kb(b).strip()}"
                         for name, (n, b) in zip(("meta", "chunks", "word index", "pair index"), sizes.values(),
                                                 strict=True))]
    return lines, corpus, data


def pick_queries(corpus: Corpus) -> list[tuple[str, str]]:
    """(label, query): a phrase of one passage, two words of mid frequency held together, a word in
    most passages, the site benchmark's query, and none."""
    n = len(corpus.entries)
    texts = [e for e in corpus.entries if len(e.passage.text) >= 40]
    phrase = texts[len(texts) // 2].passage.text[10:20]
    index = corpus.index
    words = [w for w in dict.fromkeys(index.segment(texts[len(texts) // 3].full)) if len(w) >= 2]
    words.sort(key=lambda w: len(index.postings.get(w, ())))
    mid = words[len(words) // 2: len(words) // 2 + 2]
    common = max(("工作", "加强", "推进"), key=lambda w: len(index.postings.get(w, ())))
    return [("phrase", f'"{phrase}"'), ("two words", " ".join(mid)), (f"common word ({n:,} passages)", common),
            ("舆情监测", "舆情监测"), ("no query", "")]


def _requests(base: str, urls: list[str], server_paths: list[str] | None) -> list[str]:
    if server_paths is None:
        return list(urls)
    return [base.rstrip("/") + p for p in server_paths] + [u for u in urls if not u.startswith(base)]


def measure_finder(site: Path, base: str, server_paths: list[str] | None,
                   queries: list[tuple[str, str]]) -> list[tuple[str, str, int, int, float, int]]:
    """(label, query, bytes, files, ms from navigation to the first result, hits) per query, then
    the header box on the home page."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for label, q in queries:
            context = browser.new_context(locale="zh-CN")
            urls: list[str] = []
            if server_paths is not None:
                server_paths.clear()
            context.on("request", lambda r, urls=urls: urls.append(r.url))
            page = context.new_page()
            page.goto(base + "finder.html" + ("#q=" + quote(q) if q else ""), timeout=TIMEOUT_MS)
            page.wait_for_selector("#ck-finder[data-ready]", state="attached", timeout=TIMEOUT_MS)
            ms = float(page.get_attribute("#ck-finder", "data-ready-at") or 0)
            hits = int(page.get_attribute("#ck-finder", "data-total") or 0)
            got = loaded(site, base, _requests(base, urls, server_paths))
            out.append((label, q, got.bytes, got.files, ms, hits))
            context.close()
        context = browser.new_context(locale="zh-CN")
        urls = []
        if server_paths is not None:
            server_paths.clear()
        context.on("request", lambda r: urls.append(r.url))
        page = context.new_page()
        page.goto(base + "index.html", timeout=TIMEOUT_MS)
        page.wait_for_load_state("load")
        home = loaded(site, base, _requests(base, urls, server_paths))
        start = time.perf_counter()
        page.fill("input.md-search__input", "舆情监测")
        page.wait_for_selector(".ck-header-results .ck-header-title", state="attached", timeout=TIMEOUT_MS)
        header_ms = (time.perf_counter() - start) * 1000
        got = loaded(site, base, _requests(base, urls, server_paths))
        out.append(("header box on home", "舆情监测", got.bytes - home.bytes, got.files - home.files, header_ms, -1))
        out.append(("home page itself", "", home.bytes, home.files, 0.0, -1))
        context.close()
        browser.close()
    return out


def report_browser(mode: str, rows: list[tuple[str, str, int, int, float, int]]) -> list[str]:
    lines = [f"    {mode}:"]
    for label, q, size, files, ms, hits in rows:
        if label == "home page itself":
            lines.append(f"      {label:28s} {kb(size)} in {files:3d} files (no finder data, no engine)")
        elif label.startswith("header box"):
            lines.append(f"      {label:28s} {kb(size)} in {files:3d} files loaded on the first keystroke, "
                         f"first passages {ms:6.0f} ms after typing")
        else:
            shown = f"“{q}”" if q else ""
            lines.append(f"      {label:28s} {kb(size)} in {files:3d} files before the first result, "
                         f"{ms:6.0f} ms from navigation; {hits:,} hits {shown}")
    return lines


def python_hits(corpus: Corpus, queries: list[tuple[str, str]]) -> dict[str, int]:
    searcher = Searcher(corpus)
    return {q: len(searcher.search(q).hits) for _, q in queries if q}

"""Finder benchmark on a synthetic library of 10,000 passages (writes benchmarks/finder.txt).

Measures: index build time, the size of every kind of data file, bytes the finder page loads
before its first result, and time per query for 50 exact and 50 word queries, both in Python
and in headless chromium under file:// (Debian's /usr/bin/chromium via Playwright).

The synthetic passages copy the bundled library's structure (types, roles, themes, placeholders);
their text mixes the library's own clauses (numbers changed) with words drawn from jieba's
dictionary by frequency, so the vocabulary grows as a real library's would.

    .venv/bin/python scripts/bench_finder.py [--passages 10000] [--no-browser]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import string
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cailiaoku.finder.corpus import Corpus, build_corpus  # noqa: E402
from cailiaoku.finder.engine import Searcher  # noqa: E402
from cailiaoku.finder.export import ASSETS, export  # noqa: E402
from cailiaoku.finder.index import build_lunr  # noqa: E402
from cailiaoku.library import load_library  # noqa: E402
from cailiaoku.model import Document, Library  # noqa: E402
from cailiaoku.taxonomy import load_taxonomy  # noqa: E402

ORGS = ["市委", "市政府办公室", "县委宣传部", "市委政研室", "局", "市人大办公室", "区委", "市教育局", "市卫健委", "街道党工委"]


class Synth:
    """Makes passages whose text looks like the bundled library's."""

    def __init__(self, library: Library, seed: int) -> None:
        self.rng = random.Random(seed)
        passages = [p for _, p in library.passages()]
        self.clauses = [c for p in passages for c in re.split(r"(?<=[，；。：])", p.text) if len(c) > 3]
        self.headings = [p.heading for p in passages if p.heading]
        words, freqs = [], []
        with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
            for line in fh:
                w, f, *_ = line.split()
                if len(w) >= 2 and int(f) >= 50:
                    words.append(w)
                    freqs.append(int(f))
        self.words, self.freqs = words, freqs
        self.used: set[str] = set()

    def sentence(self) -> str:
        if self.rng.random() < 0.6:
            return re.sub(r"\d+", lambda m: str(self.rng.randint(1, 500)), self.rng.choice(self.clauses))
        return "".join(self.rng.choices(self.words, weights=self.freqs, k=self.rng.randint(4, 12))) + \
            self.rng.choice("，；。")

    def text(self, like: str) -> str:
        if not like:
            return ""
        target, out = max(20, int(len(like) * self.rng.uniform(0.6, 1.4))), ""
        while len(out) < target:
            out += self.sentence()
        return out

    def heading(self, like: str) -> str:
        if not like:
            return ""
        base = self.rng.choice(self.headings)
        return base if self.rng.random() < 0.5 else self.sentence().rstrip("，；。")[:24]

    def new_id(self) -> str:
        while True:
            pid = "".join(self.rng.choices(string.ascii_lowercase + string.digits, k=7))
            if pid not in self.used:
                self.used.add(pid)
                return pid

    def library(self, templates: Library, n: int) -> Library:
        docs: list[Document] = []
        count = 0
        while count < n:
            tpl = self.rng.choice(templates.documents)
            ids = {p.id: self.new_id() for p in tpl.passages}
            passages = [replace(p, id=ids[p.id], parent=ids.get(p.parent or ""), heading=self.heading(p.heading),
                                text=self.text(p.text)) for p in tpl.passages][: n - count]
            year, org = self.rng.randint(2018, 2025), self.rng.choice(ORGS)
            docs.append(Document(id=f"syn-{len(docs):04d}", title=f"{org}{year}年意识形态工作{tpl.kind}",
                                 kind=tpl.kind, year=year, org=org, source="", passages=passages))
            count += len(passages)
        return Library(docs)


def material_bytes() -> int:
    """Material's JavaScript bundle and main style sheet, which every page of the site loads."""
    import material

    assets = Path(material.__file__).parent / "templates" / "assets"
    files = [*assets.glob("javascripts/bundle.*.min.js"), *assets.glob("stylesheets/main.*.min.css"),
             *assets.glob("stylesheets/palette.*.min.css")]
    return sum(f.stat().st_size for f in files)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def queries(corpus: Corpus, rng: random.Random) -> tuple[list[str], list[str]]:
    """50 exact phrases (random 2-12 char substrings) and 50 word queries (1-3 vocabulary words)."""
    texts = [e.passage.text for e in corpus.entries if len(e.passage.text) >= 12]
    exact = []
    for _ in range(50):
        t = rng.choice(texts)
        n = rng.randint(2, 12)
        i = rng.randrange(0, len(t) - n + 1)
        exact.append(t[i:i + n])
    vocab = [t for t in corpus.index.postings if len(t) >= 2]
    words = [" ".join(rng.sample(vocab, rng.randint(1, 3))) if rng.random() < 0.5
             else " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 2))) for _ in range(50)]
    return exact, words


def python_timings(corpus: Corpus, exact: list[str], words: list[str]) -> dict[str, list[float]]:
    searcher = Searcher(corpus)
    out: dict[str, list[float]] = {"exact": [], "word": []}
    for kind, qs in (("exact", exact), ("word", words)):
        for q in qs:
            t0 = time.perf_counter()
            searcher.search(q, exact=kind == "exact")
            out[kind].append((time.perf_counter() - t0) * 1000)
    return out


HARNESS = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>finder bench</title>
<link rel="stylesheet" href="assets/cailiaoku/finder.css"></head><body><div id="ck-finder"></div>
<script src="assets/cailiaoku/data.js"></script><script src="assets/cailiaoku/finder-words.js"></script><script src="assets/cailiaoku/finder-engine.js"></script>
<script src="assets/cailiaoku/finder.js"></script></body></html>
"""


def write_harness(corpus: Corpus, folder: Path) -> None:
    export(corpus).write(folder / "assets")
    for name in ("finder-words.js", "finder-engine.js", "finder.js", "finder.css"):
        shutil.copy2(ASSETS / name, folder / "assets" / "cailiaoku" / name)
    (folder / "finder.html").write_text(HARNESS, encoding="utf-8")


def browser_timings(folder: Path, exact: list[str], words: list[str]) -> dict[str, object]:
    from urllib.parse import quote, unquote, urlparse

    from playwright.sync_api import sync_playwright

    def size(url: str) -> int:
        path = Path(unquote(urlparse(url).path))
        return path.stat().st_size if path.is_file() else 0

    out: dict[str, object] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        for label, q in (("exact", f'"{exact[0]}"'), ("word", words[0])):
            page = browser.new_page()
            urls: list[str] = []
            page.on("request", lambda r, urls=urls: urls.append(r.url))
            page.goto((folder / "finder.html").as_uri() + "#q=" + quote(q))
            page.wait_for_selector("#ck-finder[data-ready]", timeout=60000)
            out[f"first_{label}_bytes"] = sum(size(u) for u in set(urls))
            out[f"first_{label}_files"] = len(set(urls))
            out[f"first_{label}_ready_ms"] = float(page.get_attribute("#ck-finder", "data-ready-at") or 0)
            outside = [u for u in urls if not u.startswith(folder.as_uri())]
            out["outside_requests"] = outside
            page.close()
        page = browser.new_page()
        page.goto((folder / "finder.html").as_uri())
        page.wait_for_selector("#ck-finder[data-ready]", timeout=60000)
        out["ready_ms"] = float(page.get_attribute("#ck-finder", "data-ready-at") or 0)
        out["open_ms"] = float(page.get_attribute("#ck-finder", "data-load-ms") or 0)
        js = """async (qs) => { const e = await Cailiaoku.finder.open(); const t = [];
          for (const [q, ex] of qs) { const a = performance.now(); await e.search(q, {}, ex); t.push(performance.now() - a); }
          return t; }"""
        out["exact_ms"] = page.evaluate(js, [[q, True] for q in exact])
        out["word_ms"] = page.evaluate(js, [[q, False] for q in words])
        browser.close()
    return out


def report(n: int, build_s: float, lunr_bytes: int, corpus: Corpus, folder: Path,
           py: dict[str, list[float]], br: dict[str, object] | None) -> str:
    data = export(corpus)
    chunks = [len(t.encode()) for r, t in data.files.items() if r.startswith("data/c-") and not r.endswith(".u.js")]
    shards = [len(t.encode()) for r, t in data.files.items() if r.startswith("data/ix-") and not r.endswith(".u.js")]
    text_utf8 = sum(len((e.passage.heading + e.passage.text).encode()) for e in corpus.entries)
    kb = lambda b: f"{b / 1024:,.0f} KB"  # noqa: E731
    lines = [
        f"cailiaoku finder benchmark — synthetic library of {n:,} passages "
        f"({len({id(e.doc) for e in corpus.entries})} documents, {text_utf8 / 1e6:.2f} MB of UTF-8 text)",
        f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}",
        "",
        f"index build (jieba + lunr + export): {build_s:.1f} s; vocabulary {len(corpus.index.postings):,} terms, "
        f"{sum(len(p) for p in corpus.index.postings.values()):,} postings",
        f"lunr's own serialized JSON would be {kb(lunr_bytes)}; its weights are exported as packed shards instead:",
        f"  data.js (loader + manifest): {kb(len(data.files['cailiaoku/data.js'].encode()))}",
        f"  meta:   {kb(data.size('data/meta'))} packed, {kb(data.size('data/meta', packed=False))} plain",
        f"  chunks: {len(chunks)} files, {kb(sum(chunks))} packed ({kb(data.size('data/c-', packed=False))} plain), "
        f"largest {kb(max(chunks))}",
        f"  word index: {len(shards)} shards, {kb(sum(shards))} packed ({kb(data.size('data/ix-', packed=False))} plain), "
        f"largest {kb(max(shards))}, median {kb(statistics.median(shards))}",
        "",
        "Python (in-process, index in memory), 50 queries each:",
        f"  exact: median {statistics.median(py['exact']):.1f} ms, p95 {pct(py['exact'], .95):.1f} ms",
        f"  word:  median {statistics.median(py['word']):.1f} ms, p95 {pct(py['word'], .95):.1f} ms",
    ]
    if br:
        ex, wd = br["exact_ms"], br["word_ms"]  # type: ignore[index]
        lines += [
            "",
            "Headless chromium under file:// (finder.js + finder-engine.js + finder-words.js + data.js, as in the site):",
            f"  first search, exact phrase: {kb(br['first_exact_bytes'])} loaded in {br['first_exact_files']} files "
            f"before the first result (ready {br['first_exact_ready_ms']:.0f} ms after navigation)",
            f"  first search, words:        {kb(br['first_word_bytes'])} loaded in {br['first_word_files']} files "
            f"before the first result (ready {br['first_word_ready_ms']:.0f} ms after navigation)",
            f"  page load to ready (no query): {br['ready_ms']:.0f} ms (data load + folding {br['open_ms']:.0f} ms)",
            f"  exact: median {statistics.median(ex):.1f} ms, p95 {pct(ex, .95):.1f} ms",
            f"  word:  median {statistics.median(wd):.1f} ms, p95 {pct(wd, .95):.1f} ms "
            "(includes loading each new word-index shard)",
            f"  requests outside the folder: {len(br['outside_requests'])}",  # type: ignore[arg-type]
            "",
            f"  counted: the finder's scripts, style sheet and data; on the real finder.html Material's own "
            f"bundle and style sheet add {kb(material_bytes())} (the same on every page of the site)",
            "",
            "targets: < 3 MB before the first result, ready < 1 s, median query < 50 ms",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=10000)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "finder.txt")
    args = ap.parse_args()
    taxonomy = load_taxonomy(ROOT / "taxonomy.yaml")
    library = Synth(load_library(ROOT / "snippets"), seed=5).library(load_library(ROOT / "snippets"), args.passages)
    t0 = time.perf_counter()
    corpus = build_corpus(library, taxonomy)
    export(corpus)
    build_s = time.perf_counter() - t0
    lunr_index = build_lunr([(e.heading, e.full.split("\n", 1)[1]) for e in corpus.entries], taxonomy.all_terms())
    lunr_bytes = len(json.dumps(lunr_index.serialize(), ensure_ascii=False, separators=(",", ":")).encode())
    del lunr_index
    exact, words = queries(corpus, random.Random(7))
    py = python_timings(corpus, exact, words)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_harness(corpus, folder)
        br = None if args.no_browser else browser_timings(folder, exact, words)
        text = report(args.passages, build_s, lunr_bytes, corpus, folder, py, br)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()

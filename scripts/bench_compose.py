"""Compose benchmark (writes benchmarks/compose.txt): a draft of every library passage (about
30 pages), with 500 more unit names known, rendered and checked (草稿检查) in Python and in
headless chromium under file://. Baseline in the same run: rendering with no unit names known
and no check, so the figures are ratios of the cost the other-unit marks and the checks add.

    .venv/bin/python scripts/bench_compose.py [--orgs 500] [--no-browser]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cailiaoku.compose.assemble import build_draft  # noqa: E402
from cailiaoku.compose.check import check_draft_findings  # noqa: E402
from cailiaoku.compose.orgs import library_orgs, library_title_words  # noqa: E402
from cailiaoku.compose.render import estimate_pages, render  # noqa: E402
from cailiaoku.compose.spec import ASSETS, js_data, load_layout  # noqa: E402
from cailiaoku.compose.wording import load_wording  # noqa: E402
from cailiaoku.library import load_library  # noqa: E402

SCRIPTS = ["render.js", "title.js", "closing.js", "checks.js"]


def timed(fn, repeat: int = 7) -> float:
    """Median milliseconds of `repeat` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def browser_times(spec: dict, extra: dict, draft: dict) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "layout.js").write_text(js_data(spec, extra), encoding="utf-8")
        tags = "".join(f'<script src="{(ASSETS / s).as_uri()}"></script>' for s in SCRIPTS)
        (folder / "bench.html").write_text(f'<meta charset="utf-8"><script src="layout.js"></script>{tags}',
                                           encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto((folder / "bench.html").as_uri())
            got = page.evaluate("""d => {
              const C = Cailiaoku.compose, L = Cailiaoku.layout, med = xs => xs.sort((a, b) => a - b)[3];
              const time = fn => med([0, 1, 2, 3, 4, 5, 6].map(() => { const t = performance.now(); fn(); return performance.now() - t; }));
              const orgs = L.orgs;
              for (let i = 0; i < 5; i++) { C.rules.render(d); C.checks.check(d); }  // warm up the JIT
              L.orgs = [];
              const base = time(() => C.rules.render(d));
              L.orgs = orgs;
              return [base, time(() => { C.rules.render(d); C.checks.check(d); })];
            }""", draft)
            browser.close()
    return got[0], got[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=500)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    library = load_library(ROOT / "snippets")
    spec = load_layout()
    ids = [p.id for _, p in library.passages() if p.text]
    draft = build_draft(library, spec, ids=ids, outline=None, kind="总结", org="县文化和旅游局", year=2026, title=None)
    orgs = library_orgs(library, spec) + [f"市第{i}局" for i in range(args.orgs)]
    full = {**spec, "orgs": orgs}
    rules = load_wording()
    paragraphs = render(draft, full)
    base = timed(lambda: render(draft, {**spec, "orgs": []}))
    both = timed(lambda: (render(draft, full), check_draft_findings(draft, full, rules)))
    lines = [f"compose benchmark: {len(ids)} passages, {len(paragraphs)} paragraphs, "
             f"about {estimate_pages(paragraphs, full)} pages, {len(orgs)} unit names known",
             f"python render (no unit names, no check): {base:.1f} ms",
             f"python render + 待替换 marks + 草稿检查: {both:.1f} ms ({both / base:.2f}x)",
             f"findings: {len(check_draft_findings(draft, full, rules))}"]
    if not args.no_browser:
        extra = {"orgs": orgs, "wording": rules, "title_words": library_title_words(library, spec)}
        jbase, jboth = browser_times(spec, extra, draft)
        lines += [f"chromium render (no unit names, no check): {jbase:.1f} ms",
                  f"chromium render + 待替换 marks + 草稿检查: {jboth:.1f} ms ({jboth / jbase:.2f}x)"]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    (ROOT / "benchmarks" / "compose.txt").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

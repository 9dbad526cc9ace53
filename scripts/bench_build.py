"""Site build benchmark (writes benchmarks/build.txt).

`cailiaoku build` as a user runs it (lint, then every plugin of mkdocs.yml) in a fresh project
holding a synthetic library that lints clean (cailiaoku.bench.library), at each size, each paired
in the same run with a plain `mkdocs build` of as many Markdown pages with the same text, theme and
search; then one passage edited at --edit-at passages and the site rebuilt. Wall time, CPU time,
peak memory of the process tree, site size and files.

    .venv/bin/python scripts/bench_build.py [--sizes 1000,10000,30000,100000] [--edit-at 10000]
        [--plain-max 100000] [--keep DIR] [--similarity-only] [--profile N] [--phases N --out NAME]

--keep DIR keeps the synthetic projects and their sites (DIR/cailiaoku-<n>/site, for
scripts/bench_site.py). --similarity-only times just the 相似写法 step against jieba segmentation
of the same text and writes benchmarks/build-similarity.txt. --phases N times one cold build of N
passages and a one-passage edit phase by phase, with each phase's peak memory (cailiaoku.bench.phases).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cailiaoku.bench.build import measure_edit, measure_size, profile, report  # noqa: E402
from cailiaoku.bench.ingest import publish  # noqa: E402
from cailiaoku.bench.library import synthetic_library, synthetic_project  # noqa: E402
from cailiaoku.model import Library  # noqa: E402
from cailiaoku.taxonomy import load_taxonomy  # noqa: E402

OUT_SIMILAR = ROOT / "benchmarks" / "build-similarity.txt"


def similarity_step(library: Library) -> dict:
    """Wall time of the near-duplicate step alone, as both plugins run it once per build."""
    import time

    from cailiaoku.finder.similar import items_of, similar_passages

    items = items_of((p.id, d.id, p.heading, p.text) for d, p in library.passages())
    t0 = time.perf_counter()
    found = similar_passages(items)
    seconds = time.perf_counter() - t0
    pairs = sum(len(v) for v in found.values()) // 2
    return {"seconds": seconds, "passages": len(items), "with": len(found), "pairs": pairs}


def similarity_only(n: int) -> None:
    import time

    from cailiaoku import segment

    library = synthetic_library(n, seed=7)
    similar = similarity_step(library)
    texts = [f"{p.heading}\n{p.text}" for _, p in library.passages()]
    tk = segment.tokenizer(tuple(load_taxonomy(ROOT / "taxonomy.yaml").all_terms()))
    t0 = time.perf_counter()
    for text in texts:
        tk.lcut(text)
    jieba_s = time.perf_counter() - t0
    text = (f"cailiaoku 相似写法 step benchmark — synthetic library of {similar['passages']:,} passages in "
            f"{len(library.documents)} documents\nmachine: {os.cpu_count()} cores; python {sys.version.split()[0]}\n\n"
            f"  相似写法 (shingles + MinHash/LSH + exact Jaccard): {similar['seconds']:6.1f} s; "
            f"{similar['pairs']:,} pairs, {similar['with']:,} passages with 相似写法\n"
            f"  baseline, jieba segmentation of the same text:     {jieba_s:6.1f} s\n\n"
            f"similarity / jieba: {similar['seconds'] / jieba_s:.2f}x   (each build segments this text at "
            f"least twice: Material's search index and the finder's index)\n")
    OUT_SIMILAR.write_text(text, encoding="utf-8")
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,30000,100000")
    parser.add_argument("--edit-at", type=int, default=10_000, help="0: no edit run")
    parser.add_argument("--plain-max", type=int, default=100_000, help="largest size built as plain Material too")
    parser.add_argument("--keep", type=Path, help="keep the projects and sites in this folder")
    parser.add_argument("--plain-only", action="store_true", help="build only the plain Material sites")
    parser.add_argument("--out", default="build", help="benchmarks/<OUT>.txt")
    parser.add_argument("--passages", type=int, default=10_000, help="with --similarity-only")
    parser.add_argument("--similarity-only", action="store_true")
    parser.add_argument("--profile", type=int, metavar="N", help="only profile one build of N passages")
    parser.add_argument("--phases", type=int, metavar="N",
                        help="only time and sample memory phase by phase: a cold build of N passages (then an edit if --edit-at N)")
    args = parser.parse_args()
    if args.phases:
        from cailiaoku.bench.phases import measure_phases

        with tempfile.TemporaryDirectory() as tmp:
            work = args.keep or Path(tmp)
            text = measure_phases(synthetic_project(work / f"cailiaoku-{args.phases}", args.phases),
                                  edit=args.edit_at == args.phases)
        publish(ROOT, args.out, f"build phases at {args.phases:,} passages", text)
        return
    if args.similarity_only:
        similarity_only(args.passages)
        return
    if args.profile:
        with tempfile.TemporaryDirectory() as tmp:
            print(profile(synthetic_project(Path(tmp) / "p", args.profile)))
        return
    sizes = [int(x) for x in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results, edit = [], None
        for n in sizes:
            results.append(measure_size(n, work, n <= args.plain_max, with_ours=not args.plain_only))
            print(report(results, None), flush=True)
            if n == args.edit_at and not args.plain_only:
                edit = measure_edit(work / f"cailiaoku-{n}", n)
    publish(ROOT, args.out, "site build benchmark", report(results, edit))


if __name__ == "__main__":
    main()

"""Ingest benchmark (writes benchmarks/ingest.txt): a corpus of ≥ MB megabytes of distinct documents
(no two alike: plain, web and PDF copies of synthetic documents, plus the tests' messy ones),
our pipeline vs a bare jieba pass over the same text; the same folder through `cailiaoku ingest`;
and a re-ingest of one document into a library of --library passages.

    .venv/bin/python scripts/bench_ingest.py [MB] [--library 10000]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from cailiaoku.bench.ingest import publish, run
from cailiaoku.bench.reingest import fresh_bundled_project, ingest_folder, reingest, report

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mb", type=float, nargs="?", default=5.0)
    parser.add_argument("--library", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result = run(ROOT, args.mb, work / "corpus")
        folder = ingest_folder(fresh_bundled_project(work / "bundled"), work / "corpus")
        again = reingest(work, args.library)
    publish(ROOT, "ingest", "ingest benchmark", result.report() + "\n" +
            report(result.documents, result.bytes / 1048576, folder, again))


if __name__ == "__main__":
    main()

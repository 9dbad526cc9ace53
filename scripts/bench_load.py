"""Library reading benchmark (writes benchmarks/load.txt): load, lint, the library part of
`cailiaoku build` and a re-ingest on synthetic lint-clean libraries, each step in a fresh
process, as ratios over bare libyaml in the same run; --before REV measures another commit's
src/ on the same files side by side.

    .venv/bin/python scripts/bench_load.py [--passages 10000,30000] [--before fa1e65d] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cailiaoku.bench.ingest import publish  # noqa: E402
from cailiaoku.bench.load import run_all  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", default="10000", help="sizes, comma-separated")
    parser.add_argument("--before", default=None, help="a commit to compare with")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (the best is kept)")
    args = parser.parse_args()
    sizes = [int(n) for n in args.passages.split(",")]
    publish(ROOT, "load", "library reading benchmark", run_all(sizes, args.before, args.repeat))


if __name__ == "__main__":
    main()

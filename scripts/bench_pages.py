"""Site pages benchmark (writes benchmarks/pages.txt): `cailiaoku build` of the bundled library
and of synthetic ones, build time, peak memory, site size and files, and the size of each page
type; --before REV builds the same projects with another commit's src/ side by side.

    .venv/bin/python scripts/bench_pages.py [--passages 0,2000,10000] [--before 932a2cb --before-up-to 2000]
        [--warm-from 10000]   (also profile a warm rebuild of the libraries this large)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cailiaoku.bench.ingest import publish  # noqa: E402
from cailiaoku.bench.pages import run_all  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", default="0,2000,10000", help="sizes, comma-separated (0: the bundled library)")
    parser.add_argument("--before", default=None, help="a commit to compare with")
    parser.add_argument("--before-up-to", type=int, default=10**9, help="build the older version only up to this size")
    parser.add_argument("--warm-from", type=int, default=10**9, help="profile a warm rebuild from this size on")
    args = parser.parse_args()
    sizes = [int(n) for n in args.passages.split(",")]
    publish(ROOT, "pages", "site pages benchmark", run_all(sizes, args.before, args.before_up_to, args.warm_from))


if __name__ == "__main__":
    main()

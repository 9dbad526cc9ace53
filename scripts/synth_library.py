"""Write a synthetic project (the repository's docs/, mkdocs.yml, taxonomy.yaml and a lint-clean
library of N passages) for benchmarks and measurements: see cailiaoku.bench.library.

    .venv/bin/python scripts/synth_library.py 10000 /tmp/lib10k [--seed 7]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cailiaoku.bench.library import synthetic_project  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("passages", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.folder.exists():
        raise SystemExit(f"{args.folder} 已存在：换一个新目录")
    print(synthetic_project(args.folder, args.passages, args.seed))


if __name__ == "__main__":
    main()

"""Lint and ingest of one file with 2k / 8k / 32k passages (linear growth); prints figures and
writes benchmarks/scale.txt.   python scripts/bench_scale.py [2000 8000 32000]"""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

from cailiaoku.bench.scale import report, run

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    sizes = tuple(int(x) for x in sys.argv[1:]) or (2000, 8000, 32000)
    header = (f"# cailiaoku lint/ingest scale benchmark {time.strftime('%Y-%m-%d %H:%M')} on "
              f"{platform.machine()} / Python {platform.python_version()} (process CPU seconds)")
    text = header + "\n" + report(run(ROOT, sizes)) + "\n"
    print(text)
    (ROOT / "benchmarks" / "scale.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

"""Benchmark an archive import (≥ 200 mixed files): seconds per file by type, parallel vs serial;
prints the figures and writes benchmarks/archive.txt."""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

from cailiaoku.bench_archive import run

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    unique = int(sys.argv[1]) if len(sys.argv) > 1 else 190
    result = run(ROOT, unique)
    header = (f"# cailiaoku archive-import benchmark {time.strftime('%Y-%m-%d %H:%M')} on "
              f"{platform.machine()} / Python {platform.python_version()}")
    text = header + "\n" + result.report() + "\n"
    print(text)
    out = ROOT / "benchmarks" / "archive.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

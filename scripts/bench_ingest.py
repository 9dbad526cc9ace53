"""Benchmark ingest on a ≥ 5 MB synthetic corpus; prints figures and writes benchmarks/ingest.txt."""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

from cailiaoku.bench import run

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    min_mb = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    result = run(ROOT, min_mb)
    header = f"# cailiaoku ingest benchmark {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()} / Python {platform.python_version()}"
    text = header + "\n" + result.report() + "\n"
    print(text)
    out = ROOT / "benchmarks" / "ingest.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

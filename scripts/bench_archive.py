"""Benchmark an archive import (≥ 200 mixed files): seconds per file by type, parallel vs serial;
prints the figures and writes benchmarks/archive.txt."""

from __future__ import annotations

import sys
from pathlib import Path

from cailiaoku.bench.archive import run
from cailiaoku.bench.ingest import publish

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    unique = int(sys.argv[1]) if len(sys.argv) > 1 else 190
    publish(ROOT, "archive", "archive-import benchmark", run(ROOT, unique).report())

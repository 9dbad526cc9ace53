"""`cailiaoku search` benchmark, cold and warm cache (writes benchmarks/search_cli.txt).

Each figure is one whole `cailiaoku search …` process (wall time and CPU time of the child, median
of the runs): the bundled library and a synthetic library of 10,000 passages (made like
scripts/bench_finder.py makes its own), with no cache (cold: the search data is built and written
to .cache/), with the cache (warm), and after one snippets file changed (rebuilt once). The cold run
is the baseline the warm run is measured against, in the same run.

    .venv/bin/python scripts/bench_search_cli.py [--passages 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cailiaoku.library import document_path, dump_document, load_library  # noqa: E402

OUT = ROOT / "benchmarks" / "search_cli.txt"
QUERY = ["理论学习", "--limit", "5"]


def synthetic_project(folder: Path, n: int) -> Path:
    spec = importlib.util.spec_from_file_location("bench_finder", ROOT / "scripts" / "bench_finder.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    templates = load_library(ROOT / "snippets")
    library = module.Synth(templates, seed=7).library(templates, n)
    (folder / "snippets").mkdir(parents=True)
    for doc in library.documents:
        document_path(folder / "snippets", doc.id).write_text(dump_document(doc), encoding="utf-8")
    shutil.copy2(ROOT / "taxonomy.yaml", folder / "taxonomy.yaml")
    return folder


def bundled_project(folder: Path) -> Path:
    shutil.copytree(ROOT / "snippets", folder / "snippets")
    shutil.copy2(ROOT / "taxonomy.yaml", folder / "taxonomy.yaml")
    return folder


def one_search(project: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `cailiaoku search` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "cailiaoku", "--root", str(project), "search", *QUERY],
                            capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"检索失败：{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(project: Path, runs: int) -> dict[str, tuple[float, float]]:
    cache = project / ".cache"
    cold = []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(one_search(project))
    warm = [one_search(project) for _ in range(runs)]
    changed = []
    first = sorted((project / "snippets").glob("*.yaml"))[0]
    for k in range(runs):
        with first.open("a", encoding="utf-8") as fh:
            fh.write(f"# 基准测试改动 {k}\n")
        changed.append(one_search(project))
    corrupt = []
    for _ in range(runs):
        for f in (cache / "cailiaoku").glob("search-*.pickle"):
            f.write_bytes(b"not a cache")
        corrupt.append(one_search(project))
    return {name: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
            for name, v in (("cold", cold), ("warm", warm), ("changed", changed), ("corrupt", corrupt))}


def passages_in(project: Path) -> int:
    return sum(len(d.passages) for d in load_library(project / "snippets").documents)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, project in (("bundled", bundled_project(Path(tmp) / "bundled")),
                               ("synthetic", synthetic_project(Path(tmp) / "synthetic", args.passages))):
            figures = measure(project, args.runs)
            cold_wall, cold_cpu = figures["cold"]
            lines.append(f"{label} library, {passages_in(project):,} passages "
                         f"(median of {args.runs} processes; wall s / CPU s):")
            for name, what in (("cold", "no cache (search data built, cache written)"),
                               ("warm", "cache reused"),
                               ("changed", "a snippets file changed (rebuilt, cache rewritten)"),
                               ("corrupt", "cache file corrupt (rebuilt silently)")):
                wall, cpu = figures[name]
                lines.append(f"  {name:8} {wall:6.2f} / {cpu:5.2f}   {what}"
                             + (f"; warm/cold CPU ratio {cpu / cold_cpu:.2f}" if name == "warm" else ""))
    load = os.getloadavg()
    header = (f"cailiaoku search benchmark (one `cailiaoku search {' '.join(QUERY)}` process per figure); "
              f"machine load average {load[0]:.1f} on {os.cpu_count()} CPUs while measuring, so wall times "
              f"include waiting for a CPU — CPU time is the figure to compare.\n")
    text = header + "\n".join(lines) + "\n"
    OUT.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()

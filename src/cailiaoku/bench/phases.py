"""Where one `cailiaoku build` spends its time and memory, phase by phase: the build runs in this
process with its plugin hooks and costliest steps wrapped; a thread samples the PSS of the whole
process tree (forked workers included) every 0.25 s and keeps each phase's peak.

Run inside a project: `python -m cailiaoku.bench.phases` (scripts/bench_phases.py does it for a
synthetic library and writes the report under benchmarks/).
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from .run import tree_rss_kb

# (module, attribute, label): plugin hooks and the steps inside them worth seeing
WRAPPED = (
    ("cailiaoku.site.cli", "lint_first", "lint"),
    ("cailiaoku.site.plugin", "CailiaokuPlugin.on_config", "site: on_config"),
    ("cailiaoku.finder.corpus", "build_word_index", "finder: word index (tokens, BM25)"),
    ("cailiaoku.finder.similar", "similar_passages", "finder: 相似写法"),
    ("cailiaoku.finder.export", "pair_shards", "finder: pair postings"),
    ("cailiaoku.finder.plugin", "FinderPlugin.on_files", "finder: on_files (all)"),
    ("cailiaoku.compose.plugin", "ComposePlugin.on_files", "compose: on_files"),
    ("cailiaoku.site.plugin", "CailiaokuPlugin.on_post_build", "site: light pages"),
    ("cailiaoku.hosting.plugin", "HostingPlugin.on_post_build", "hosting: on_post_build"),
    ("cailiaoku.site.switch", "switch", "switch"),
)


class Phases:
    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.current: list[str] = ["mkdocs and the rest"]
        self.rows: list[tuple[str, float, float, float]] = []  # label, start s, seconds, peak MB
        self.peaks: dict[str, float] = {}
        self.peak = 0.0

    def sample(self) -> None:
        while True:
            time.sleep(0.25)
            mb = tree_rss_kb(os.getpid()) / 1024
            self.peak = max(self.peak, mb)
            for label in self.current:
                self.peaks[label] = max(self.peaks.get(label, 0.0), mb)

    def wrap(self, fn: Callable[..., Any], label: str) -> Callable[..., Any]:
        @functools.wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            self.current.append(label)
            try:
                return fn(*args, **kwargs)
            finally:
                self.peaks[label] = max(self.peaks.get(label, 0.0), tree_rss_kb(os.getpid()) / 1024)
                self.current.remove(label)
                self.rows.append((label, began - self.start, time.perf_counter() - began,
                                  self.peaks.pop(label, 0.0)))
        return inner

    def install(self) -> None:
        import importlib

        for module, attr, label in WRAPPED:
            owner: Any = importlib.import_module(module)
            *path, name = attr.split(".")
            for part in path:
                owner = getattr(owner, part)
            setattr(owner, name, self.wrap(getattr(owner, name), label))

    def report(self, seconds: float) -> str:
        lines = [f"  {'phase':36s} {'starts':>8s} {'takes':>8s} {'peak (tree PSS)':>16s}"]
        for label, began, took, peak in sorted(self.rows, key=lambda r: r[1]):
            lines.append(f"  {label:36s} {began:7.1f}s {took:7.1f}s {peak:13.0f} MB")
        lines.append(f"  {'whole build':36s} {0:7.1f}s {seconds:7.1f}s {self.peak:13.0f} MB")
        return "\n".join(lines)


def main() -> None:
    phases = Phases()
    phases.install()
    threading.Thread(target=phases.sample, daemon=True).start()
    from ..cli import main as cli_main

    sys.argv = ["cailiaoku", "build"]
    try:
        cli_main()
    finally:
        print("PHASES\n" + phases.report(time.perf_counter() - phases.start), flush=True)


if __name__ == "__main__":
    main()


def measure_phases(project: Any, edit: bool = True) -> str:
    """The phase tables of a cold build of `project` and, with `edit`, of a rebuild after one
    passage edited (bench/build.py's edit), each build a fresh process."""
    from .build import ENV, edit_one_passage
    from .run import run

    def one(title: str) -> str:
        result = run([sys.executable, "-m", "cailiaoku.bench.phases"], project, ENV).check(f"phases（{project}）")
        table = result.output.split("PHASES\n", 1)[1].rstrip()
        return (f"{title}: {result.seconds:.1f} s wall, {result.cpu_seconds:.1f} s CPU, load {result.load:.1f}, "
                f"peak {result.peak_mb:.0f} MB (sampled outside)\n{table}")

    parts = [one("cold build (no .cache)")]
    if edit:
        name = edit_one_passage(project)
        parts.append(one(f"after one passage edited ({name})"))
    return "\n\n".join(parts)

"""Reading the library, measured: what one command reads of a synthetic library (lint-clean,
cailiaoku.bench.library), each step in a fresh process, against bare libyaml in the same run and,
with `before`, against another version of the code (a `git archive` of src/) on the same files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .library import REPO, synthetic_project
from .run import run

SAMPLE = "sources/2024-局-意识形态工作总结.txt"  # with its sidecar: already in the synthetic library
STEPS = {
    "libyaml": "bare yaml.load (CSafeLoader) of every library file, nothing checked",
    "load": "load_library (what `cailiaoku search`, explain, export read)",
    "lint": "lint_library (`cailiaoku lint`)",
    "build": "the library part of `cailiaoku build`: lint first, then the site, finder and compose plugins' reads",
}
# One step in this process; prints its process CPU and wall seconds as JSON.
CHILD = r"""
import json, sys, time
from pathlib import Path
step, root = sys.argv[1], Path(sys.argv[2])
snippets, taxonomy = root / "snippets", root / "taxonomy.yaml"
import yaml
from cailiaoku import library
from cailiaoku.lint import lint_library
from cailiaoku.project import Project
from cailiaoku.site.cli import lint_first
from cailiaoku.site.sitedata import SiteData
from cailiaoku.taxonomy import load_taxonomy
read = getattr(library, "shared_library", library.load_library)  # the plugins' read, then and now
cpu, wall = time.process_time(), time.perf_counter()
if step == "libyaml":
    for path in sorted(snippets.glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
elif step == "load":
    library.load_library(snippets)
elif step == "lint":
    assert not lint_library(snippets, load_taxonomy(taxonomy), root)
elif step == "build":
    lint_first(Project(root))
    SiteData.load(snippets, taxonomy)
    read(snippets)
    read(snippets)
import resource
print(json.dumps({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall,
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@dataclass
class Figure:
    cpu: float
    wall: float
    mb: float = 0.0  # peak RSS of the process


def step(name: str, project: Path, src: Path) -> Figure:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, "-c", CHILD, name, str(project)], cwd=project, env=env,
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{name}（{src}）失败：\n{out.stderr[-3000:]}")
    found = json.loads(out.stdout.strip().splitlines()[-1])
    return Figure(found["cpu"], found["wall"], found["mb"])


def reingest(project: Path, src: Path) -> Figure:
    """`cailiaoku ingest` of one document already in the library, the whole command."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = run([sys.executable, "-m", "cailiaoku", "ingest", SAMPLE], project, env).check("cailiaoku ingest")
    return Figure(done.cpu_seconds, done.seconds, done.peak_mb)


def archived_src(rev: str, folder: Path) -> Path:
    """src/ of another commit, for the same measurements on the same files."""
    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "src"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder / "src"


def measure(passages: int, work: Path, versions: dict[str, Path], repeat: int = 3) -> dict[str, dict[str, Figure]]:
    """Best of `repeat` (the machine is shared) for every step and version."""
    project = synthetic_project(work / f"load-{passages}", passages)
    (project / "sources").mkdir(exist_ok=True)
    for name in (SAMPLE, SAMPLE.replace(".txt", ".yaml")):
        (project / name).write_bytes((REPO / name).read_bytes())
    reingest(project, REPO / "src")  # first import: later ones are re-ingests
    table: dict[str, dict[str, Figure]] = {}
    for label, src in versions.items():
        row = table.setdefault(label, {})
        for name in [*STEPS, "reingest"]:
            runs = [reingest(project, src) if name == "reingest" else step(name, project, src)
                    for _ in range(repeat)]
            row[name] = min(runs, key=lambda f: f.cpu)
    return table


def report(passages: int, table: dict[str, dict[str, Figure]], repeat: int) -> list[str]:
    labels = list(table)
    base = table[labels[0]]["libyaml"].cpu
    lines = [f"## {passages:,} passages (CPU seconds of the step, best of {repeat}; × = over bare libyaml)",
             f"{'step':<10}" + "".join(f"{label:>21}   " for label in labels)]
    for name in [*STEPS, "reingest"]:
        cells = "".join(f"{table[label][name].cpu:8.2f} s {table[label][name].cpu / base:6.1f}×   "
                        for label in labels)
        lines.append(f"{name:<10}{cells}")
    lines.append("reingest: the whole `cailiaoku ingest` command (imports, jieba, lint, merge, write), "
                 "wall " + ", ".join(f"{label} {table[label]['reingest'].wall:.2f} s" for label in labels))
    lines.append("peak RSS of the build step's process: " + ", ".join(
        f"{label} {table[label]['build'].mb:.0f} MB" for label in labels) + " (libyaml step: "
        f"{table[labels[-1]]['libyaml'].mb:.0f} MB)")
    return lines


def run_all(sizes: list[int], before: str | None, repeat: int = 3) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        versions = {"now": REPO / "src"}
        if before:
            versions = {f"before ({before})": archived_src(before, Path(tmp) / "before"), **versions}
        lines = [f"{name}: {what}" for name, what in STEPS.items()]
        for n in sizes:
            lines += ["", *report(n, measure(n, Path(tmp), versions, repeat), repeat)]
    return "\n".join(lines)

"""Benchmark of the site's pages: `cailiaoku build` of the bundled library and of synthetic ones
(build time, CPU, peak memory, site size and files) and the size of each page type in the built
site, optionally side by side with another version of the code (a `git archive` of src/)."""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .library import REPO, synthetic_project
from .load import archived_src
from .run import run, tree_size

GENERATED = ("index.html", "phrases.html", "by-year.html", "by-org.html", "by-kind.html",
             "themes/index.html", "source/index.html")


@dataclass
class Figures:
    seconds: float
    cpu: float
    peak_mb: float
    site_mb: float
    files: int
    pages: dict[str, tuple[int, float, int]]  # kind -> (count, mean bytes, max bytes)
    nav_links: int  # links of the primary nav on a permalink page


def _sizes(paths: list[Path]) -> tuple[int, float, int]:
    sizes = [p.stat().st_size for p in paths]
    return (len(sizes), sum(sizes) / len(sizes), max(sizes)) if sizes else (0, 0.0, 0)


def page_sizes(site: Path) -> dict[str, tuple[int, float, int]]:
    themes = [p for p in (site / "themes").glob("*.html") if p.name != "index.html"]
    sources = [p for p in (site / "source").glob("*.html") if p.name != "index.html"]
    out = {"p/<id>.html": _sizes(sorted((site / "p").glob("*.html"))),
           "source/<id>.html": _sizes(sources), "themes/<slug>.html": _sizes(themes)}
    for name in GENERATED:
        out[name] = _sizes([site / name] if (site / name).is_file() else [])
    return out


def nav_links(site: Path) -> int:
    first = next((site / "p").glob("*.html"), None)
    if first is None:
        return 0
    html = first.read_text(encoding="utf-8")
    nav = html.split('data-md-type="toc"')[0]
    return len(re.findall(r'class="md-nav__link', nav))


def project(passages: int, folder: Path) -> Path:
    """The bundled project (0 passages asked) or a synthetic one of `passages` passages."""
    if passages:
        return synthetic_project(folder, passages)
    folder.mkdir(parents=True)
    for name in ("snippets", "docs"):
        shutil.copytree(REPO / name, folder / name)
    for name in ("taxonomy.yaml", "mkdocs.yml"):
        shutil.copy2(REPO / name, folder / name)
    return folder


def build(proj: Path, src: Path, site: Path) -> Figures:
    env = {**os.environ, "PYTHONPATH": str(src)}
    shutil.rmtree(proj / ".cache", ignore_errors=True)  # cold, as a first build in CI
    result = run([sys.executable, "-m", "cailiaoku", "build", "--site-dir", str(site)], proj, env).check("网站生成")
    tree = tree_size(site)
    return Figures(result.seconds, result.cpu_seconds, result.peak_mb, tree.mb, tree.files,
                   page_sizes(site), nav_links(site))


def report(label: str, figures: dict[str, Figures]) -> list[str]:
    lines = [f"## {label}", "", "| version | build s | CPU s | peak MB | site MB | files | nav links on p/ |",
             "|---|---|---|---|---|---|---|"]
    for version, f in figures.items():
        lines.append(f"| {version} | {f.seconds:.1f} | {f.cpu:.1f} | {f.peak_mb:.0f} | {f.site_mb:.1f} | "
                     f"{f.files} | {f.nav_links} |")
    lines += ["", "| page | " + " | ".join(f"{v}: count, mean KB, max KB" for v in figures) + " |",
              "|---|" + "---|" * len(figures)]
    kinds = next(iter(figures.values())).pages
    for kind in kinds:
        cells = []
        for f in figures.values():
            n, mean, top = f.pages.get(kind, (0, 0.0, 0))
            cells.append(f"{n}, {mean / 1024:.1f}, {top / 1024:.1f}" if n else "–")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return lines + [""]


def run_all(sizes: list[int], before: str | None, before_up_to: int) -> str:
    lines = []
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        work = Path(tmp)
        versions = {"now": REPO / "src"}
        if before:
            versions = {f"before ({before})": archived_src(before, work / "before"), **versions}
        for n in sizes:
            proj = project(n, work / f"proj{n}")
            figures = {}
            for version, src in versions.items():
                if version != "now" and n > before_up_to:
                    continue
                figures[version] = build(proj, src, work / f"site{n}-{len(figures)}")
                shutil.rmtree(work / f"site{n}-{len(figures) - 1}")
            label = "bundled library" if n == 0 else f"synthetic library, {n:,} passages"
            lines += report(label, figures)
            print("\n".join(report(label, figures)), flush=True)
            shutil.rmtree(proj)
    return "\n".join(lines)

"""Benchmark of the site's pages: `cailiaoku build` of the bundled library and of synthetic ones
(build time, CPU, peak memory, site size and files), the size of each page type in the built
site and of the folders of light pages (p/, source/, with the chrome scripts they share), and
where a warm rebuild (second build, cache filled) spends its time writing the light pages
(cProfile) — optionally side by side with another version of the code (a `git archive` of src/)."""

from __future__ import annotations

import os
import pstats
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..site.lightchrome import as_written
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
    folders: dict[str, float]  # p/, source/, assets/cailiaoku/chrome/ -> MB
    warm: dict[str, float]  # warm rebuild: wall s, and cumulative s of the light pages' functions


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
    html = as_written(first.read_text(encoding="utf-8"),
                      lambda src: (first.parent / src).read_text(encoding="utf-8"))
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


LIGHT_FOLDERS = ("p", "source", "assets/cailiaoku/chrome")
# (file, function) -> label: the light pages' writing in a warm rebuild
PROFILED = {("lightwrite.py", "write_light_pages"): "write_light_pages",
            ("pages_passage.py", "render"): "pages_passage.render",
            ("pages_source.py", "render"): "pages_source.render",
            ("markup.py", "rel"): "markup.rel", ("posixpath.py", "relpath"): "posixpath.relpath"}


def folder_sizes(site: Path) -> dict[str, float]:
    return {f"{name}/": tree_size(site / name).mb if (site / name).is_dir() else 0.0 for name in LIGHT_FOLDERS}


def warm_profile(proj: Path, env: dict[str, str], site: Path) -> dict[str, float]:
    """A second build of the same project (its cache filled by the first) under cProfile."""
    out = proj / "warm.prof"
    result = run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "cailiaoku", "build",
                  "--site-dir", str(site)], proj, env).check("网站生成（第二次）")
    # the machine is shared: its 1-minute load average says how much other work slowed this
    figures = {"warm build (profiled) s": result.seconds, "load average at its end": os.getloadavg()[0]}
    raw = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    for (path, _, func), v in raw.items():
        label = PROFILED.get((Path(path).name, func))
        if label:
            figures[label + " s"] = figures.get(label + " s", 0.0) + v[3]
    out.unlink()
    return figures


def build(proj: Path, src: Path, site: Path, warm: bool = False) -> Figures:
    env = {**os.environ, "PYTHONPATH": str(src)}
    shutil.rmtree(proj / ".cache", ignore_errors=True)  # cold, as a first build in CI
    result = run([sys.executable, "-m", "cailiaoku", "build", "--site-dir", str(site)], proj, env).check("网站生成")
    tree = tree_size(site)
    figures = Figures(result.seconds, result.cpu_seconds, result.peak_mb, tree.mb, tree.files,
                      page_sizes(site), nav_links(site), folder_sizes(site), {})
    if warm:
        figures.warm = warm_profile(proj, env, site)
    return figures


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
    lines += ["", "| light pages' folders, MB | " + " | ".join(figures) + " |", "|---|" + "---|" * len(figures)]
    for name in LIGHT_FOLDERS:
        lines.append(f"| {name}/ | " + " | ".join(f"{f.folders.get(name + '/', 0):.2f}" for f in figures.values()) + " |")
    lines.append("| together | " + " | ".join(f"{sum(f.folders.values()):.2f}" for f in figures.values()) + " |")
    warm_keys = [k for f in figures.values() for k in f.warm]
    if warm_keys:
        lines += ["", "| warm rebuild (cProfile, cumulative) | " + " | ".join(figures) + " |",
                  "|---|" + "---|" * len(figures)]
        for key in dict.fromkeys(warm_keys):
            lines.append(f"| {key} | " + " | ".join(f"{f.warm[key]:.2f}" if key in f.warm else "–"
                                                    for f in figures.values()) + " |")
    return lines + [""]


def run_all(sizes: list[int], before: str | None, before_up_to: int, warm_from: int = 10**9) -> str:
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
                figures[version] = build(proj, src, work / f"site{n}-{len(figures)}", warm=n >= warm_from)
                shutil.rmtree(work / f"site{n}-{len(figures) - 1}")
            label = "bundled library" if n == 0 else f"synthetic library, {n:,} passages"
            lines += report(label, figures)
            print("\n".join(report(label, figures)), flush=True)
            shutil.rmtree(proj)
    return "\n".join(lines)

"""Site build benchmark (writes benchmarks/build.txt).

Builds, each in a fresh Python process (wall time and peak memory of that process):
  - the bundled library with the repository's mkdocs.yml (every plugin);
  - a synthetic library of 10,000 passages (made like scripts/bench_finder.py makes its own),
    with every plugin, and with the site plugin alone (finder/compose/hosting left out);
  - a plain `mkdocs build` of the same number of Markdown pages with the same theme and search
    (Material, zh + jieba, offline): one page per passage, per source document and per theme,
    holding the same text, nothing generated, and the same small nav.
Then profiles the synthetic site-plugin build to say what dominates, and times the 相似写法 step
(near-duplicate detection over the whole library, cailiaoku.finder.similar) on the same library.

    .venv/bin/python scripts/bench_build.py [--passages 10000] [--similarity-only]

--similarity-only times just the 相似写法 step against jieba segmentation of the same text (a cost
every build already pays) and writes benchmarks/build-similarity.txt.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cailiaoku.library import document_path, dump_document  # noqa: E402
from cailiaoku.model import Library  # noqa: E402
from cailiaoku.site.markup import copy_text  # noqa: E402
from cailiaoku.taxonomy import load_taxonomy  # noqa: E402

OUT = ROOT / "benchmarks" / "build.txt"
OUT_SIMILAR = ROOT / "benchmarks" / "build-similarity.txt"
OTHER_PLUGINS = ("cailiaoku-finder", "cailiaoku-compose", "cailiaoku-hosting")

# Runs one build in a child process and prints its figures as JSON.
CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
import logging
logging.getLogger("mkdocs").setLevel(logging.ERROR)
config_file, site_dir = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
config = load_config(config_file=config_file, site_dir=site_dir)
config.plugins.on_startup(command="build", dirty=False)
build(config)
config.plugins.on_shutdown()
seconds = time.perf_counter() - t0
site = Path(site_dir)
files = [f for f in site.rglob("*") if f.is_file()]
print(json.dumps({
    "seconds": seconds,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "pages": sum(1 for f in files if f.suffix == ".html"),
    "site_mb": sum(f.stat().st_size for f in files) / 1048576,
}))
"""


def run_build(project: Path, site: Path) -> dict:
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", CHILD, str(project / "mkdocs.yml"), str(site)],
                            cwd=project, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"构建失败（{project}）：\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def synthetic_library(n: int) -> Library:
    from cailiaoku.bench_library import synthetic_library as make

    return make(n, seed=7)


def _config(plugins_out: tuple[str, ...]) -> dict:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"]
                         if (p if isinstance(p, str) else next(iter(p))) not in plugins_out]
    return config


def _keep_nav(nav: list, docs: Path) -> list:
    """The nav without entries for guide pages the synthetic project does not have."""
    out = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            kept = _keep_nav(value, docs)
            if kept:
                out.append({next(iter(item)): kept} if isinstance(item, dict) else kept)
        elif not str(value).startswith(("guide/", "training/")):
            out.append(item)
    return out


def site_project(folder: Path, library: Library, plugins_out: tuple[str, ...] = ()) -> Path:
    """A project holding `library`, the repository's taxonomy, home page and mkdocs.yml."""
    (folder / "snippets").mkdir(parents=True)
    (folder / "docs").mkdir()
    for doc in library.documents:
        document_path(folder / "snippets", doc.id).write_text(dump_document(doc), encoding="utf-8")
    shutil.copy2(ROOT / "taxonomy.yaml", folder / "taxonomy.yaml")
    shutil.copy2(ROOT / "docs" / "index.md", folder / "docs" / "index.md")
    config = _config(plugins_out)
    config["nav"] = _keep_nav(config["nav"], folder / "docs")
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return folder


def plain_project(folder: Path, library: Library) -> Path:
    """Plain Markdown pages with the same text, the same theme and search, no generation."""
    docs = folder / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "source").mkdir()
    (docs / "themes").mkdir()
    taxonomy = load_taxonomy(ROOT / "taxonomy.yaml")
    (docs / "index.md").write_text("# 材料库\n\n对照用的普通页面。\n", encoding="utf-8")
    by_theme: dict[str, list[str]] = {t.slug: [] for t in taxonomy.themes}
    slugs = {t.name: t.slug for t in taxonomy.themes}
    for doc in library.documents:
        body = [f"# {doc.title}\n"]
        for p in doc.passages:
            text = copy_text(p)
            (docs / "p" / f"{p.id}.md").write_text(f"# {p.heading or p.id}\n\n{text}\n", encoding="utf-8")
            body.append(f"{p.number}{text}\n")
            for name in p.themes:
                if name in slugs:
                    by_theme[slugs[name]].append(f"## {p.number}{p.heading}\n\n{p.text}\n")
        (docs / "source" / f"{doc.id}.md").write_text("\n".join(body), encoding="utf-8")
    for slug, items in by_theme.items():
        (docs / "themes" / f"{slug}.md").write_text(f"# {slug}\n\n" + "\n".join(items), encoding="utf-8")
    config = _config(("macros", "cailiaoku", *OTHER_PLUGINS))
    config["nav"] = [{"首页": "index.md"}]
    config["not_in_nav"] = "/p/\n/source/\n/themes/\n"
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return folder


def profile_build(project: Path, top: int = 12) -> str:
    """Cumulative time of the heaviest functions in one in-process build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site-prof"))
    config.plugins.on_startup(command="build", dirty=False)
    profiler = cProfile.Profile()
    profiler.enable()
    build(config)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    wanted = {
        "writing every page (_build_page: context + template)": ("mkdocs/commands/build.py", "_build_page"),
        "  Jinja template rendering (Material, nav in every page)": ("jinja2/environment.py", "render"),
        "  Material search indexing (on_page_context)": ("material/plugins/search/plugin.py", "on_page_context"),
        "    of which jieba segmentation": ("jieba/__init__.py", "cut"),
        "Markdown rendering (all pages)": ("mkdocs/structure/pages.py", "render"),
        "cailiaoku page HTML (on_page_content)": ("cailiaoku/site/plugin.py", "on_page_content"),
        "cailiaoku: load library + plan pages": ("cailiaoku/site/plugin.py", "on_config"),
        "search index serialisation (on_post_build)": ("material/plugins/search/plugin.py", "on_post_build"),
    }
    lines = []
    for label, (path, func) in wanted.items():
        cum = sum(v[3] for k, v in stats.stats.items()  # type: ignore[attr-defined]
                  if path in k[0] and k[2] == func)
        lines.append(f"  {label:58s} {cum:6.1f} s  ({cum / total:5.1%})")
    return f"  profiled total {total:.1f} s (indented lines are part of the line above)\n" + \
        "\n".join(lines)


def similarity_step(library: Library) -> dict:
    """Wall time of the near-duplicate step alone, as both plugins run it once per build."""
    import time

    from cailiaoku.finder.similar import items_of, similar_passages

    items = items_of((p.id, d.id, p.heading, p.text) for d, p in library.passages())
    t0 = time.perf_counter()
    found = similar_passages(items)
    seconds = time.perf_counter() - t0
    pairs = sum(len(v) for v in found.values()) // 2
    return {"seconds": seconds, "passages": len(items), "with": len(found), "pairs": pairs}


def similarity_only(n: int) -> None:
    import time

    from cailiaoku import segment

    library = synthetic_library(n)
    similar = similarity_step(library)
    texts = [f"{p.heading}\n{p.text}" for _, p in library.passages()]
    tk = segment.tokenizer(tuple(load_taxonomy(ROOT / "taxonomy.yaml").all_terms()))
    t0 = time.perf_counter()
    for text in texts:
        tk.lcut(text)
    jieba_s = time.perf_counter() - t0
    text = (f"cailiaoku 相似写法 step benchmark — synthetic library of {similar['passages']:,} passages in "
            f"{len(library.documents)} documents\nmachine: {os.cpu_count()} cores; python {sys.version.split()[0]}\n\n"
            f"  相似写法 (shingles + MinHash/LSH + exact Jaccard): {similar['seconds']:6.1f} s; "
            f"{similar['pairs']:,} pairs, {similar['with']:,} passages with 相似写法\n"
            f"  baseline, jieba segmentation of the same text:     {jieba_s:6.1f} s\n\n"
            f"similarity / jieba: {similar['seconds'] / jieba_s:.2f}x   (each build segments this text at "
            f"least twice: Material's search index and the finder's index)\n")
    OUT_SIMILAR.write_text(text, encoding="utf-8")
    print(text)


def fmt(name: str, r: dict) -> str:
    return (f"  {name:44s} {r['seconds']:6.1f} s   peak {r['peak_mb']:6.0f} MB   "
            f"{r['pages']:6d} pages   {r['site_mb']:6.1f} MB site")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--similarity-only", action="store_true")
    args = parser.parse_args()
    if args.similarity_only:
        similarity_only(args.passages)
        return
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bundled = run_build(ROOT, work / "bundled-site")
        lines.append(fmt("bundled library, every plugin", bundled))
        library = synthetic_library(args.passages)
        n = sum(len(d.passages) for d in library.documents)
        full = run_build(site_project(work / "full", library), work / "full-site")
        lines.append(fmt(f"synthetic {n:,}, every plugin", full))
        alone = site_project(work / "site", library, OTHER_PLUGINS)
        site = run_build(alone, work / "site-site")
        lines.append(fmt(f"synthetic {n:,}, site plugin only", site))
        plain = run_build(plain_project(work / "plain", library), work / "plain-site")
        lines.append(fmt(f"plain mkdocs, {plain['pages']:,} Markdown pages", plain))
        ratio_site = site["seconds"] / plain["seconds"]
        ratio_full = full["seconds"] / plain["seconds"]
        profile = profile_build(alone)
        similar = similarity_step(library)
    header = (f"cailiaoku site build benchmark — synthetic library of {n:,} passages in "
              f"{len(library.documents)} documents\nmachine: {os.cpu_count()} cores; python "
              f"{sys.version.split()[0]}\n")
    body = "\n".join(lines)
    summary = (f"\nsite plugin build / plain build: {ratio_site:.2f}x   (target <= 1.5x)\n"
               f"every plugin / plain build:     {ratio_full:.2f}x   (finder index, compose, CSP "
               f"scan included)\n\n相似写法 step (near-duplicates over {similar['passages']:,} passages, "
               f"in the every-plugin build above): {similar['seconds']:.1f} s = "
               f"{similar['seconds'] / full['seconds']:.1%} of that build; {similar['pairs']:,} pairs, "
               f"{similar['with']:,} passages with 相似写法\n"
               f"\nwhere the site-plugin build spends its time (cProfile):\n{profile}\n")
    OUT.write_text(header + "\n" + body + "\n" + summary, encoding="utf-8")
    print(header + "\n" + body + "\n" + summary)


if __name__ == "__main__":
    main()

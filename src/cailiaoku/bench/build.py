"""Site build benchmark: `cailiaoku build` as a user runs it (lint, every plugin) on synthetic
libraries, each paired in the same run with a plain Material build of as many Markdown pages,
and a one-passage edit rebuilt (see scripts/bench_build.py)."""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..library import library_files, load_library
from ..site.markup import copy_text
from ..taxonomy import load_taxonomy
from .library import REPO, synthetic_project
from .run import Run, Tree, composition, run, tree_size

CAILIAOKU_PLUGINS = ("macros", "cailiaoku", "cailiaoku-finder", "cailiaoku-compose", "cailiaoku-hosting")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Measured:
    run: Run
    site: Tree

    def row(self) -> str:
        return (f"{self.run.seconds:7.1f} s {self.run.cpu_seconds:7.1f} s {self.run.peak_mb:7.0f} MB "
                f"{self.site.mb:8.1f} MB {self.site.files:8,} {self.site.html:8,} {self.run.load:6.1f}")


def cailiaoku_build(project: Path) -> Measured:
    """`cailiaoku build` in the project folder, as a user types it."""
    result = run([sys.executable, "-m", "cailiaoku", "build"], project, ENV).check(f"cailiaoku build（{project}）")
    return Measured(result, tree_size(project / "site"))


def plain_build(project: Path) -> Measured:
    result = run([sys.executable, "-m", "mkdocs", "build", "-q"], project, ENV).check(f"mkdocs build（{project}）")
    return Measured(result, tree_size(project / "site"))


def plain_project(folder: Path, snippets: Path, root: Path = REPO) -> Path:
    """The same text as plain Markdown pages (one per passage, source document and theme) with the
    same theme, search (zh + jieba) and offline plugin; nothing generated, a one-entry nav."""
    library = load_library(snippets)
    docs = folder / "docs"
    for sub in ("p", "source", "themes"):
        (docs / sub).mkdir(parents=True)
    taxonomy = load_taxonomy(root / "taxonomy.yaml")
    (docs / "index.md").write_text("# 材料库\n\n对照用的普通页面。\n", encoding="utf-8")
    slugs = {t.name: t.slug for t in taxonomy.themes}
    by_theme: dict[str, list[str]] = {slug: [] for slug in slugs.values()}
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
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"]
                         if (p if isinstance(p, str) else next(iter(p))) not in CAILIAOKU_PLUGINS]
    config["nav"] = [{"首页": "index.md"}]
    config["not_in_nav"] = "/p/\n/source/\n/themes/\n"
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return folder


_FIRST_TEXT = re.compile(r"(\n  text: \|-\n    )")


def edit_one_passage(project: Path) -> str:
    """What an editor does: change one line of one passage's text in one library file (the middle
    one). Returns the file's name."""
    files = library_files(project / "snippets")
    path = files[len(files) // 2]
    text = path.read_text(encoding="utf-8")
    edited, count = _FIRST_TEXT.subn(r"\1（已修改）", text, count=1)
    if not count:
        raise SystemExit(f"{path} 中没有可修改的段落正文")
    path.write_text(edited, encoding="utf-8")
    return path.name


@dataclass
class SizeResult:
    passages: int
    documents: int
    ours: Measured | None
    plain: Measured | None


def measure_size(n: int, work: Path, with_plain: bool, seed: int = 7, with_ours: bool = True) -> SizeResult:
    project = synthetic_project(work / f"cailiaoku-{n}", n, seed)
    documents = len(library_files(project / "snippets"))
    ours = cailiaoku_build(project) if with_ours else None
    plain = plain_build(plain_project(work / f"plain-{n}", project / "snippets")) if with_plain else None
    if with_plain:
        shutil.rmtree(work / f"plain-{n}")
    return SizeResult(n, documents, ours, plain)


@dataclass
class EditResult:
    passages: int
    file: str
    edit: Measured
    unchanged: Measured


def measure_edit(project: Path, passages: int) -> EditResult:
    """A one-passage edit rebuilt after a full build, then a rebuild with nothing changed."""
    name = edit_one_passage(project)
    edit = cailiaoku_build(project)
    return EditResult(passages, name, edit, cailiaoku_build(project))


HEAD = (f"{'':26s} {'wall':>9s} {'CPU':>9s} {'peak mem':>10s} {'site':>11s} {'files':>8s} {'pages':>8s} "
        f"{'load':>6s}")
TARGETS = ("targets (issue 16): 100,000 passages < 180 s, peak < 1.5 GB, site < 600 MB; 10,000 < 30 s; "
           "one-passage edit at 10,000 < 10 s")


def report(sizes: list[SizeResult], edit: EditResult | None) -> str:
    lines = [f"machine: {os.cpu_count()} cores (shared with other work); python {sys.version.split()[0]}",
             "each build is a fresh process: `cailiaoku build` (lint + every plugin of mkdocs.yml, cold cache)",
             "vs `mkdocs build` of plain Markdown pages with the same text (one per passage, per document and",
             "per theme; Material, search zh + jieba, offline). CPU = user + system of the process tree;",
             "peak memory = largest sum of PSS over the process tree (forked workers' shared pages counted once;",
             "sampled every 0.2 s; at least the main process's peak RSS); load = the machine's",
             "1-minute load average at the end (2 cores: above 2, other work slowed the wall time).", "", HEAD]
    for s in sizes:
        if s.ours:
            lines.append(f"{s.passages:>7,} passages, cailiaoku  {s.ours.row()}")
        else:
            lines.append(f"{s.passages:>7,} passages, cailiaoku not built in this run (--plain-only)")
        if s.plain and s.ours:
            lines.append(f"{'':17s}plain Material {s.plain.row()}")
            lines.append(f"{'':17s}ratio: {s.ours.run.seconds / s.plain.run.seconds:.2f}x wall, "
                         f"{s.ours.run.cpu_seconds / s.plain.run.cpu_seconds:.2f}x CPU, "
                         f"{s.ours.run.peak_mb / s.plain.run.peak_mb:.2f}x memory, "
                         f"{s.ours.site.mb / s.plain.site.mb:.2f}x site size")
        elif s.plain:
            lines.append(f"{'':17s}plain Material {s.plain.row()}")
        else:
            lines.append(f"{'':17s}plain Material not built at this size (see --plain-max)")
        if s.ours:
            lines.append(f"{'':17s}({s.documents:,} library files) site: {composition(s.ours.site)}")
    if edit:
        lines += ["", f"one-passage edit at {edit.passages:,} passages (one line of {edit.file}), then rebuilt:",
                  f"  after the edit             {edit.edit.row()}",
                  f"  nothing changed            {edit.unchanged.row()}"]
    return "\n".join([*lines, "", TARGETS])


_GROUPS = ("cailiaoku/site/", "cailiaoku/finder/", "cailiaoku/compose/", "cailiaoku/hosting/", "cailiaoku/",
           "jinja2/", "markdown/", "pymdownx/", "mkdocs_macros/", "material/", "mkdocs/", "jieba/", "yaml/")


def profile(project: Path, top: int = 15) -> str:
    """Where one `cailiaoku build` spends its own time (cProfile in the main process; worker
    processes, if any, are not seen): self time by package, and the costliest of our functions."""
    import pstats

    out = project / "build.prof"
    run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "cailiaoku", "build"], project, ENV).check("profile")
    stats = pstats.Stats(str(out))
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    groups: dict[str, float] = {}
    for (path, _, _), v in raw.items():
        name = next((g for g in _GROUPS if g in path.replace(os.sep, "/")), "other (stdlib, C)")
        groups[name] = groups.get(name, 0) + v[2]
    lines = [f"  profiled (self time, main process): {total:.1f} s"]
    lines += [f"    {g:28s} {t:7.1f} s  {t / total:6.1%}" for g, t in sorted(groups.items(), key=lambda kv: -kv[1])]
    ours = sorted(((v[3], f"{Path(k[0]).parent.name}/{Path(k[0]).name}:{k[2]}") for k, v in raw.items()
                   if "cailiaoku/" in k[0].replace(os.sep, "/")), reverse=True)[:top]
    lines.append("  our functions by cumulative time:")
    lines += [f"    {c:7.1f} s  {name}" for c, name in ours]
    return "\n".join(lines)

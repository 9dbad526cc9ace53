"""`cailiaoku ingest` as a user runs it: a folder of distinct documents into the bundled project,
and one document imported, edited at its source and re-imported into a large library."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .library import REPO, Generator, bundled_library, source_text, synthetic_project
from .run import Run, run

_COPIED = ("snippets", "docs", "sources")


def _cli(project: Path, *args: str) -> Run:
    return run([sys.executable, "-m", "cailiaoku", *args], project).check(f"cailiaoku {' '.join(args)}")


def fresh_bundled_project(folder: Path, root: Path = REPO) -> Path:
    for name in _COPIED:
        shutil.copytree(root / name, folder / name)
    for name in ("taxonomy.yaml", "mkdocs.yml"):
        shutil.copy2(root / name, folder / name)
    return folder


def ingest_folder(project: Path, corpus: Path) -> Run:
    """`cailiaoku ingest <folder>` (parallel over the cores by default)."""
    return _cli(project, "ingest", str(corpus))


@dataclass
class Reingest:
    passages: int
    first: Run
    again: Run
    unchanged: Run


def reingest(work: Path, passages: int = 10_000, seed: int = 7) -> Reingest:
    """Into a library of `passages`: import one new document, change one sentence of its source
    and import it again (the re-ingest an editor does), then import it once more unchanged."""
    project = synthetic_project(work / f"reingest-{passages}", passages, seed)
    doc = Generator(bundled_library(), seed + 1000).document(999_999, 10**6)
    source = project / "sources" / f"{doc.year}-{doc.org}-意识形态工作{doc.kind}.txt"
    source.parent.mkdir(exist_ok=True)
    text = source_text(doc)
    source.write_text(text, encoding="utf-8")
    first = _cli(project, "ingest", str(source))
    line = next(ln for ln in text.splitlines()[2:] if len(ln) > 40)
    source.write_text(text.replace(line, line[:-1] + "，并已按新要求修改。", 1), encoding="utf-8")
    again = _cli(project, "ingest", str(source))
    return Reingest(passages, first, again, _cli(project, "ingest", str(source)))


def report(folder_docs: int, folder_mb: float, folder: Run, re: Reingest) -> str:
    def row(r: Run) -> str:
        return f"{r.seconds:6.2f} s wall, {r.cpu_seconds:6.2f} s CPU, peak {r.peak_mb:5.0f} MB, load {r.load:4.1f}"

    return "\n".join([
        "",
        "`cailiaoku ingest` as a user runs it (fresh process each; library load, repair, lint, merge, write):",
        f"  folder of the same {folder_docs} distinct documents ({folder_mb:.1f} MB) into the bundled project: "
        f"{row(folder)}",
        f"  into a library of {re.passages:,} passages, one new document:           {row(re.first)}",
        f"  re-ingest of it after one sentence changed at its source:   {row(re.again)}",
        f"  re-ingest of it unchanged:                                  {row(re.unchanged)}",
        "  target (issue 16): re-ingest of one document into a 10,000-passage library < 5 s",
    ])

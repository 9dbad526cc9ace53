"""Ingest benchmark: distinct synthetic documents (bench.corpus), ours vs a bare jieba pass over the same text."""

from __future__ import annotations

import copy
import resource
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from .. import library
from ..ingest import analyse_source
from ..ingest.merge import merge
from ..ingest.repair import repair
from ..lint import check_text
from ..segment import tokenizer
from ..taxonomy import Taxonomy, load_taxonomy
from ..yamlio import atomic_write
from .corpus import distinct_corpus, messy_documents, read_any


@dataclass
class BenchResult:
    documents: int
    bytes: int
    chars: int
    passages: int
    ingest_seconds: float
    jieba_seconds: float
    peak_traced_mb: float
    max_rss_mb: float

    @property
    def ratio(self) -> float:
        return self.ingest_seconds / self.jieba_seconds if self.jieba_seconds else float("inf")

    def report(self) -> str:
        return "\n".join([
            f"documents: {self.documents}",
            f"corpus bytes (UTF-8): {self.bytes:,} ({self.bytes / 1048576:.1f} MiB)",
            f"characters: {self.chars:,}",
            f"passages: {self.passages}",
            f"ingest CPU seconds (analyse, repair, merge, lint checks, write; in process): {self.ingest_seconds:.2f}",
            f"ingest chars/second: {self.chars / self.ingest_seconds:,.0f}",
            f"bare jieba CPU seconds (same text): {self.jieba_seconds:.2f}",
            f"bare jieba chars/second: {self.chars / self.jieba_seconds:,.0f}",
            f"ratio ours/jieba: {self.ratio:.2f} (target <= 3)",
            f"peak traced memory MB (ingest): {self.peak_traced_mb:.1f}",
            f"max RSS MB (process): {self.max_rss_mb:.1f}",
        ])


def _ingest_all(files: list[Path], taxonomy: Taxonomy, snippets: Path) -> int:
    taken: set[str] = set()
    seen: dict[str, str] = {}
    count = 0
    for path in files:
        fresh = analyse_source(path, taxonomy, path.parent)
        repair(fresh)  # as ingest does: repairs, then lint's checks on the text to be written
        doc, _, _ = merge(copy.deepcopy(fresh), None, None, taken)
        text = library.dump_document(doc)
        target = library.document_path(snippets, doc.id)
        check_text(text, target.name, taxonomy, seen)
        atomic_write(target, text)
        count += len(doc.passages)
    return count


def run(project_root: Path, min_mb: float = 5.0, corpus: Path | None = None) -> BenchResult:
    """Times are CPU seconds of this process (steadier than wall time on a shared machine);
    `corpus`: where to write the documents (kept), else a temporary folder."""
    taxonomy = load_taxonomy(project_root / "taxonomy.yaml")
    terms = tuple(sorted(set(taxonomy.all_terms())))
    tokenizer(terms)  # dictionary loading is a one-off cost, not per-character work
    with tempfile.TemporaryDirectory() as tmp:
        folder = corpus or Path(tmp) / "corpus"
        folder.mkdir(parents=True, exist_ok=True)
        files = distinct_corpus(folder, int(min_mb * 1024 * 1024), messy_documents(project_root))
        texts = [read_any(f) for f in files]
        chars = sum(len(t) for t in texts)
        size = sum(len(t.encode("utf-8")) for t in texts)
        start = time.process_time()
        tk = tokenizer(terms)
        for text in texts:
            tk.lcut(text)
        jieba_seconds = time.process_time() - start
        start = time.process_time()
        passages = _ingest_all(files, taxonomy, Path(tmp) / "snippets")
        ingest_seconds = time.process_time() - start
        # Memory is traced in a second pass: tracing slows Python code several times over.
        tracemalloc.start()
        _ingest_all(files, taxonomy, Path(tmp) / "snippets2")
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return BenchResult(len(files), size, chars, passages, ingest_seconds, jieba_seconds, peak, rss)


def publish(root: Path, name: str, title: str, body: str) -> str:
    """Print a benchmark's figures under a dated header and keep them in benchmarks/<name>.txt."""
    import platform

    header = (f"# cailiaoku {title} {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()} / "
              f"Python {platform.python_version()}")
    text = header + "\n" + body + "\n"
    print(text)
    out = root / "benchmarks" / f"{name}.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return text

"""The benchmarks' synthetic library: exact size, distinct text, and clean under the project's lint."""

from __future__ import annotations

from pathlib import Path

from cailiaoku.bench.library import source_text, synthetic_library, synthetic_project
from cailiaoku.library import load_library
from conftest import run_cli


def test_synthetic_project_lints_clean_through_the_cli(tmp_path: Path) -> None:
    project = synthetic_project(tmp_path / "proj", 3000, seed=3)
    result = run_cli("lint", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "E0" not in result.stdout + result.stderr and "W0" not in result.stdout + result.stderr
    library = load_library(project / "snippets")
    assert sum(len(d.passages) for d in library.documents) == 3000
    assert {"2024-ju-zongjie", "2025-srdbgs-yaodian"} <= {d.id for d in library.documents}  # docs/ cites them


def test_passages_are_distinct_and_shaped_like_real_documents() -> None:
    library = synthetic_library(2500, seed=11)
    synthetic = [d for d in library.documents if d.id.startswith("syn-")]
    texts = [p.text for d in synthetic for p in d.passages if p.text]
    assert len(set(texts)) == len(texts)  # no repeats: caches keyed by text must not flatter a benchmark
    sizes = [len(d.passages) for d in synthetic[:-1]]
    assert 15 <= sum(sizes) / len(sizes) <= 40
    assert len({d.org for d in synthetic}) > 30 and len({d.year for d in synthetic}) > 5
    assert all(p.parent in {q.id for q in d.passages} for d in synthetic for p in d.passages if p.parent)
    assert synthetic_library(2500, seed=11).documents[-1] == library.documents[-1]  # seeded
    assert synthetic_library(2500, seed=12).documents[-1] != library.documents[-1]


def test_source_text_reads_back_as_a_numbered_document() -> None:
    doc = next(d for d in synthetic_library(300, seed=5).documents if d.id.startswith("syn-"))
    text = source_text(doc)
    assert text.startswith(doc.title + "\n")
    assert all(p.text in text for p in doc.passages)
    assert all(f"{p.number}{p.heading}" in text for p in doc.passages if p.heading)

"""Scale benchmark: lint and ingest of ONE source file holding 2k / 8k / 32k passages.

Both must grow linearly with the passages of a file (they were quadratic: every passage looked
through all others for its children). Times are process CPU seconds, so other work on a shared
machine does not distort the ratios.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..ingest.pipeline import ingest
from ..lint import lint_library
from ..project import Project
from ..taxonomy import load_taxonomy

_WORDS = ("加强 理论 学习 阵地 建设 宣传 舆论 引导 网络 安全 意识形态 责任制 落实 文化 队伍 "
          "制度 机制 风险 研判 阵地 管理 主体 责任 考核 督查 队伍 培训 宣讲 典型 示范").split()
_NUMERALS = "一二三四五六七八九十"


@dataclass
class ScaleRow:
    passages: int
    bytes: int
    ingest_seconds: float
    lint_seconds: float

    def line(self, base: ScaleRow) -> str:
        per = self.passages / base.passages
        return (f"{self.passages:>7,} {self.bytes / 1048576:7.1f} {self.ingest_seconds:9.2f} "
                f"{self.ingest_seconds / base.ingest_seconds / per:9.2f} {self.lint_seconds:8.2f} "
                f"{self.lint_seconds / base.lint_seconds / per:8.2f}")


def source_text(passages: int, seed: int = 1) -> str:
    """A 总结 with sections of nine numbered items each; every item's text is different."""
    rng = random.Random(seed)
    lines = ["某局2024年意识形态工作总结", ""]
    made = 0
    section = 0
    while made < passages:
        lines.append(f"{_NUMERALS[section % 10]}、第{section + 1}部分工作情况")
        made += 1
        section += 1
        for i in range(min(9, passages - made)):
            body = "".join(rng.choice(_WORDS) for _ in range(24))
            lines.append(f"（{i + 1}）第{made}项工作{body}。")
            made += 1
    return "\n".join(lines) + "\n"


def measure(root: Path, passages: int, taxonomy_file: Path) -> ScaleRow:
    shutil.rmtree(root, ignore_errors=True)
    (root / "sources").mkdir(parents=True)
    shutil.copy(taxonomy_file, root / "taxonomy.yaml")
    source = root / "sources" / f"scale-{passages}.txt"
    source.write_text(source_text(passages), encoding="utf-8")
    project = Project(root)
    start = time.process_time()
    results = ingest([source], project, force=True)
    ingest_seconds = time.process_time() - start
    count = len(results[0].document.passages)
    taxonomy = load_taxonomy(project.taxonomy)
    start = time.process_time()
    lint_library(project.snippets, taxonomy, root)
    lint_seconds = time.process_time() - start
    return ScaleRow(count, source.stat().st_size, ingest_seconds, lint_seconds)


def run(project_root: Path, sizes: tuple[int, ...] = (2000, 8000, 32000)) -> list[ScaleRow]:
    taxonomy_file = project_root / "taxonomy.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        measure(Path(tmp) / "warm", 50, taxonomy_file)  # jieba's dictionary: a one-off cost
        return [measure(Path(tmp) / f"p{n}", n, taxonomy_file) for n in sizes]


def report(rows: list[ScaleRow]) -> str:
    head = f"{'passages':>7} {'MB':>7} {'ingest s':>9} {'per-p ×':>9} {'lint s':>8} {'per-p ×':>8}"
    note = ("per-p ×: seconds per passage relative to the smallest file (1.00 = linear; "
            "quadratic would double with every 2× and reach 16 at 32k).")
    return "\n".join([head, *(r.line(rows[0]) for r in rows), note])

"""The four bundled sample sources, by document id."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {
    "2024-swzys-zongjie": ROOT / "sources" / "2024-市委政研室-意识形态工作总结和2025年工作谋划.txt",
    "2024-ju-zongjie": ROOT / "sources" / "2024-局-意识形态工作总结.txt",
    "2024-shiwei-zongjie": ROOT / "sources" / "2024-市委-意识形态工作总结和下一步计划.txt",
    "2025-srdbgs-yaodian": ROOT / "sources" / "2025-市人大办公室-意识形态工作要点.txt",
}
CORPUS_NAMES = {
    "2024-swzys-zongjie": "000_ded52b7ffd3ec40c.txt",
    "2024-ju-zongjie": "001_dc1caeac07642c45.txt",
    "2024-shiwei-zongjie": "002_ca1e189759457aa9.txt",
    "2025-srdbgs-yaodian": "003_45b8844917cb4de0.txt",
}

"""Synthetic libraries for benchmarks: any number of passages, distinct text, lint-clean.

Documents copy the structure of the bundled library's documents (outline, types, levels, roles,
themes; ~20–30 passages each) with fresh text: clauses of the bundled passages (numbers changed)
mixed with sentences of jieba dictionary words drawn by frequency, so the vocabulary grows as a
real archive's would. Every clause used keeps its brackets and quotes paired, so the library
passes `cailiaoku lint` at any size. The bundled documents stay in the library (the hand-written
pages and training course cite them), so a synthetic project builds with the repository's own
docs/ and mkdocs.yml unchanged.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..ids import make_id
from ..ingest.tagging import find_placeholders
from ..library import document_path, dump_document, load_library
from ..model import Document, Library, Passage
from ..punctuation import ascii_punctuation_in_chinese

REPO = Path(__file__).resolve().parents[3]
_PLACES = ("东城", "西城", "南湖", "北岭", "江口", "河西", "青山", "白沙", "石门", "临江", "平安", "新华", "长宁",
           "枫桥", "梅岭", "桂林路", "金水", "玉泉", "云龙", "龙华")
_UNITS = ("区委", "区政府办公室", "县委宣传部", "市委政研室", "市教育局", "市卫健委", "街道党工委", "镇党委", "市人大办公室",
          "市文旅局", "市司法局", "区融媒体中心", "县委组织部", "市住建局", "市税务局")
_PAIRS = ("“”", "‘’", "（）", "《》", "〔〕", "【】", "「」")
_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")


def _clean(clause: str) -> bool:
    """A clause usable anywhere: brackets paired within it, no half-width punctuation."""
    return (len(clause) > 3 and all(clause.count(a) == clause.count(b) for a, b in _PAIRS)
            and not ascii_punctuation_in_chinese(clause) and "\n" not in clause)


@lru_cache(maxsize=1)
def _dictionary() -> tuple[tuple[str, ...], tuple[int, ...]]:
    """jieba's dictionary words of two or more Chinese characters, with cumulative frequencies."""
    import jieba

    words, cumulative, total = [], [], 0
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            word, freq, *_ = line.split()
            if int(freq) >= 50 and _CJK_WORD.match(word):
                total += int(freq)
                words.append(word)
                cumulative.append(total)
    return tuple(words), tuple(cumulative)


class Generator:
    """Makes documents shaped like the templates' with new, distinct text (seeded: reproducible)."""

    def __init__(self, templates: Library, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.templates = [d for d in templates.documents if d.passages]
        passages = [p for _, p in templates.passages()]
        self.clauses = [c for p in passages for c in re.split(r"(?<=[，；。：])", p.text) if _clean(c)]
        self.headings = [p.heading for p in passages if p.heading and _clean(p.heading)]
        self.words, self.weights = _dictionary()
        self.taken = {p.id for p in passages}
        self.orgs = [place + unit for place in _PLACES for unit in _UNITS]

    def sentence(self) -> str:
        if self.rng.random() < 0.5:
            return re.sub(r"\d+", lambda m: str(self.rng.randint(1, 500)), self.rng.choice(self.clauses))
        words = self.rng.choices(self.words, cum_weights=self.weights, k=self.rng.randint(4, 12))
        return "".join(words) + self.rng.choice("，；。")

    def text(self, like: int) -> str:
        target, out = max(20, int(like * self.rng.uniform(0.6, 1.4))), ""
        while len(out) < target:
            out += self.sentence()
        return out[:-1] + "。" if out[-1] in "，；" else out

    def heading(self, used: set[str]) -> str:
        """A heading not yet used in this document (lint refuses repeated passages)."""
        while True:
            heading = self.rng.choice(self.headings) if self.rng.random() < 0.4 else \
                self.sentence().rstrip("，；。：")[:24]
            if heading not in used and _clean(heading):
                used.add(heading)
                return heading

    def document(self, number: int, limit: int) -> Document:
        """The number-th synthetic document, at most `limit` passages long."""
        tpl = self.rng.choice(self.templates)
        kept = tpl.passages[:limit]
        ids = {p.id: make_id(f"syn-{number}-{p.id}", self.taken) for p in kept}
        parents = {p.parent for p in kept if p.parent}
        passages: list[Passage] = []
        used: set[str] = set()
        for p in kept:
            heading = self.heading(used) if p.heading else ""
            # a heading-only node needs children; one cut off by `limit` gets text of its own
            text = self.text(len(p.text) or 120) if p.text or p.id not in parents else ""
            passages.append(replace(p, id=ids[p.id], parent=ids.get(p.parent or ""), heading=heading, text=text,
                                    placeholders=find_placeholders(heading + text), warnings=[],
                                    source_revision={}))
        year, org = self.rng.randint(2015, 2025), self.rng.choice(self.orgs)
        return Document(id=f"syn-{number:06d}", title=f"{org}{year}年意识形态工作{tpl.kind}", kind=tpl.kind,
                        year=year, org=org, source="", passages=passages)


def bundled_library(root: Path = REPO) -> Library:
    return load_library(root / "snippets")


def synthetic_library(passages: int, seed: int = 7, templates: Library | None = None,
                      keep_templates: bool = True) -> Library:
    """A library of `passages` passages in all: the templates' own documents (unless
    keep_templates is False) and synthetic documents shaped like them."""
    base = templates if templates is not None else bundled_library()
    gen = Generator(base, seed)
    docs = list(base.documents) if keep_templates else []
    count = sum(len(d.passages) for d in docs)
    while count < passages:
        doc = gen.document(len(docs), passages - count)
        docs.append(doc)
        count += len(doc.passages)
    return Library(docs)


def write_library(library: Library, snippets: Path) -> None:
    snippets.mkdir(parents=True, exist_ok=True)
    for doc in library.documents:
        document_path(snippets, doc.id).write_text(dump_document(doc), encoding="utf-8")


def synthetic_project(folder: Path, passages: int, seed: int = 7, root: Path = REPO) -> Path:
    """A project as a user has it (the repository's mkdocs.yml, docs/, taxonomy.yaml) whose
    snippets/ holds a synthetic library of `passages` passages. Returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(root / "docs", folder / "docs")
    for name in ("mkdocs.yml", "taxonomy.yaml"):
        shutil.copy2(root / name, folder / name)
    write_library(synthetic_library(passages, seed, bundled_library(root)), folder / "snippets")
    return folder


def source_text(doc: Document) -> str:
    """The document as a plain source file (title, numbered outline) for ingest benchmarks."""
    lines = [doc.title, ""]
    for p in doc.passages:
        head = f"{p.number}{p.heading}" if p.heading else p.number
        if head and p.text:
            sep = "" if p.heading.endswith(("。", "：")) or not p.heading else "。"
            lines.append(f"{head}{sep}{p.text}")
        else:
            lines.append(head or p.text)
    return "\n".join(lines) + "\n"

"""The compose page's title vocabulary: the same words as counting jieba's cut of every text in
order, whether cut here, on every core, or taken from the per-text cache after an edit."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cailiaoku.compose import vocabulary
from cailiaoku.compose.orgs import library_orgs
from cailiaoku.compose.spec import load_layout
from cailiaoku.library import load_library
from cailiaoku.segment import tokenizer
from cailiaoku.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]


def inputs() -> tuple[list[str], list[str], int]:
    """What the compose plugin counts for the bundled library."""
    lib = load_library(ROOT / "snippets")
    spec = load_layout(load_taxonomy(ROOT / "taxonomy.yaml").kinds)
    texts = [p.text for d in lib.documents for p in d.passages]
    short = [d.title for d in lib.documents] + [p.heading for d in lib.documents for p in d.passages]
    return texts, short + library_orgs(lib, spec), 300  # a limit that cuts through ties


def counted(texts: list[str], short: list[str], limit: int) -> list[str]:
    tk = tokenizer(())
    counts: Counter[str] = Counter()
    for text, min_len in [(t, 3) for t in texts] + [(t, 2) for t in short]:
        counts.update(w for w in tk.lcut(text) if len(w) >= min_len and not w.isascii())
    return sorted(w for w, _ in counts.most_common(limit))


def test_cached_and_edited_vocabulary_is_the_counted_one(tmp_path: Path) -> None:
    texts, short, limit = inputs()
    expected = counted(texts, short, limit)
    assert len(expected) == limit and "意识形态" in expected
    assert vocabulary.title_vocabulary(texts, short, limit) == expected
    assert vocabulary.title_vocabulary(texts, short, limit, tmp_path) == expected  # cold: writes
    assert list(tmp_path.glob("compose-words-*.pickle"))
    assert vocabulary.title_vocabulary(texts, short, limit, tmp_path) == expected  # warm
    edited = [*texts[:-1], texts[-1] + "网络意识形态阵地建设持续加强网络意识形态阵地建设"]
    assert vocabulary.title_vocabulary(edited, short, limit, tmp_path) == counted(edited, short, limit)


def test_cut_on_every_core_gives_the_same_words(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, short, _ = inputs()
    here = vocabulary.text_words(texts + short)
    monkeypatch.setattr(vocabulary, "PARALLEL_FROM", 10)
    assert vocabulary.text_words(texts + short) == here

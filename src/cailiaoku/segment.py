"""jieba segmentation with the taxonomy's terms in its dictionary, cached per process."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)

TERM_FREQ = 200000  # high enough that jieba keeps our multi-character terms whole


@lru_cache(maxsize=8)
def tokenizer(terms: tuple[str, ...]) -> jieba.Tokenizer:
    tk = jieba.Tokenizer()
    if terms:  # jieba's dictionary loaded once per process: a copy of the plain tokenizer's
        base = tokenizer(())
        tk.FREQ, tk.total, tk.initialized = dict(base.FREQ), base.total, True
    else:
        tk.initialize()
    for term in terms:
        tk.add_word(term, freq=TERM_FREQ)
    return tk


def share_dictionary() -> None:
    """jieba's default tokenizer (Material's search uses it) made from the plain one's dictionary:
    jieba's dictionary is then read once per process, not twice (~1 s each)."""
    if not jieba.dt.initialized:
        base = tokenizer(())
        jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = dict(base.FREQ), base.total, True


def cut(text: str, terms: Iterable[str] = ()) -> list[str]:
    return list(cut_cached(text, tuple(sorted(set(terms)))))


@lru_cache(maxsize=50000)
def cut_cached(text: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """Segment once per distinct string: tagging looks at a point's text again as its item's context."""
    return tuple(t for t in tokenizer(terms).lcut(text) if t.strip())


def user_dict(terms: Iterable[str]) -> str:
    """jieba user dictionary text (one 'word freq' per line), e.g. for Material's search."""
    return "".join(f"{t} {TERM_FREQ}\n" for t in sorted(set(terms)) if " " not in t)


@lru_cache(maxsize=1 << 17)
def _block_words(block: str, tk: jieba.Tokenizer, search: bool) -> tuple[str, ...]:
    return tuple(tk.cut_for_search(block) if search else tk.cut(block))


def cut_by_block(tk: jieba.Tokenizer, text: str, search: bool = False) -> list[str]:
    """Exactly tk.lcut(text) (search: tk.lcut_for_search(text)), each distinct block cut once.

    jieba splits a text at its separators (re_han_default) and cuts every block on its own, so a
    block's words do not depend on its neighbours; an archive repeats its phrases from document to
    document (about half the characters of a 10,000-passage library), and those are cut once.
    """
    out: list[str] = []
    for block in jieba.re_han_default.split(text):
        if block:
            out.extend(_block_words(block, tk, search))
    return out

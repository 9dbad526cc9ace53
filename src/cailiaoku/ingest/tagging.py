"""Theme and placeholder tagging: pure functions over text and the taxonomy."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from ..model import Passage
from ..segment import cut_cached
from ..taxonomy import Taxonomy

HEADING_WEIGHT = 3.0
MIN_SCORE = 1.5
RELATIVE_CUTOFF = 0.4
MAX_THEMES = 3

PLACEHOLDERS: list[tuple[str, re.Pattern[str]]] = [
    ("*", re.compile(r"[*＊]+")),
    ("××", re.compile(r"×{2,}")),
    ("XX", re.compile(r"(?<![A-Za-z0-9])(?:XX+|xx+)(?![A-Za-z0-9])")),
    ("x", re.compile(r"(?<![A-Za-z0-9])[xX](?![A-Za-z0-9])")),
    ("〔...〕", re.compile(r"〔[.．。…]+〕")),
    ("某某", re.compile(r"某某")),
    ("○○", re.compile(r"[○〇]{2,}")),
]


def find_placeholders(text: str) -> list[str]:
    """Placeholder kinds present in the text, in the order of the table above."""
    return [name for name, pattern in PLACEHOLDERS if pattern.search(text)]


@lru_cache(maxsize=8)
def _terms(taxonomy: Taxonomy) -> tuple[str, ...]:
    return tuple(sorted(set(taxonomy.all_terms())))


@lru_cache(maxsize=8)
def _term_index(taxonomy: Taxonomy) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for theme in taxonomy.themes:
        for term in (theme.name, *theme.terms):
            index.setdefault(term, []).append(theme.name)
    return index


def _term_weight(term: str) -> float:
    return 1.0 if len(term) >= 3 else 0.6


def _parts(heading: str, text: str, context: str | tuple[str, ...]) -> list[tuple[str, float]]:
    ctx = (context,) if isinstance(context, str) else context
    return [(heading, HEADING_WEIGHT), (text, 1.0), *((c, 0.5) for c in ctx)]


def explain(
    taxonomy: Taxonomy, heading: str, text: str, context: str | tuple[str, ...] = ""
) -> dict[str, list[tuple[str, int]]]:
    """For each theme, the taxonomy terms found and how often."""
    index = _term_index(taxonomy)
    terms = _terms(taxonomy)
    found: dict[str, Counter[str]] = {}
    for part, _ in _parts(heading, text, context):
        for token in cut_cached(part, terms):
            for theme in index.get(token, []):
                found.setdefault(theme, Counter())[token] += 1
    return {theme: counts.most_common() for theme, counts in found.items()}


def score_themes(
    taxonomy: Taxonomy, heading: str, text: str, context: str | tuple[str, ...] = ""
) -> list[tuple[str, float]]:
    """Themes with scores, best first. Heading terms weigh more; context (children) less."""
    index = _term_index(taxonomy)
    terms = _terms(taxonomy)
    scores: Counter[str] = Counter()
    for part, weight in _parts(heading, text, context):
        for token in cut_cached(part, terms):
            for theme in index.get(token, []):
                scores[theme] += weight * _term_weight(token)
    order = {name: i for i, name in enumerate(taxonomy.names)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))


def tag_themes(
    taxonomy: Taxonomy, heading: str, text: str, context: str | tuple[str, ...] = ""
) -> list[str]:
    ranked = score_themes(taxonomy, heading, text, context)
    if not ranked:
        return []
    top = ranked[0][1]
    keep = [name for name, s in ranked if s >= MIN_SCORE and s >= RELATIVE_CUTOFF * top]
    return (keep or [ranked[0][0]])[:MAX_THEMES]


def fill_themes(passages: list[Passage]) -> list[Passage]:
    """A passage no taxonomy term names takes its section's theme, else its children's,
    else the document's commonest, so every part of the outline can be found by theme."""
    by_id = {p.id: p for p in passages}
    common = Counter(t for p in passages for t in p.themes[:1]).most_common(1)
    first_child: dict[str, list[str]] = {}  # parent id → its first themed child's theme (one pass)
    for c in passages:
        if c.parent and c.themes:
            first_child.setdefault(c.parent, c.themes[:1])
    out = []
    for p in passages:
        if p.themes:
            out.append(p)
            continue
        themes: list[str] = []
        parent = by_id.get(p.parent) if p.parent else None
        while parent is not None and not themes:
            themes = parent.themes[:1]
            parent = by_id.get(parent.parent) if parent.parent else None
        if not themes:
            themes = first_child.get(p.id, [])
        out.append(replace(p, themes=themes or [t for t, _ in common]))
    return out

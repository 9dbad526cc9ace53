"""Which passage of a new ingest is which passage of the last one: by text, wherever it moved.

Position is only a tie-breaker: a source revision that swaps, splits or merges items must keep
the ids (and with them the editor's edits) of the passages it moved. Steps, each on what the
previous ones left unmatched:

1. the same text (whitespace aside), in order of appearance;
2. similar text (rapidfuzz's normalised Indel similarity ≥ 60 %), best pairs first;
3. splits: a new passage whose text mostly comes from one old passage;
4. merges: an old passage whose text mostly went into one new passage.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from ..model import Passage

SIMILAR = 60.0  # percent: fuzz.ratio, the same measure as difflib's ratio(), computed exactly
CONTAINED = 0.8  # share of a piece's characters found, in order, in the whole it came from
MIN_PIECE = 6  # characters: shorter texts are too generic to say where they came from
MAX_PAIRS = 4_000_000  # similarity scores computed at most; beyond, only nearby passages compete
OTHER_TYPE = 10.0  # a para that became an item can still match, but a same-type match wins a tie


@dataclass
class Matching:
    pairs: dict[int, int] = field(default_factory=dict)  # new index → old index
    split_from: dict[int, int] = field(default_factory=dict)  # new index (a new id) → old index
    merged_into: dict[int, int] = field(default_factory=dict)  # old index (unpaired) → new index


def _norm(p: Passage) -> str:
    return "".join(p.full_text.split())


def match(base: list[Passage], theirs: list[Passage]) -> Matching:
    m = Matching()
    old = [_norm(p) for p in base]
    new = [_norm(p) for p in theirs]
    _exact(old, new, m.pairs)
    _similar(base, theirs, old, new, m.pairs)
    _splits(old, new, m)
    _merges(old, new, m)
    return m


def _exact(old: list[str], new: list[str], pairs: dict[int, int]) -> None:
    where: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(old):
        where[text].append(i)
    for j, text in enumerate(new):
        if text and where.get(text):
            pairs[j] = where[text].pop(0)


def _groups(queries: list[int], choices: list[int]) -> list[tuple[list[int], list[int]]]:
    """Queries and the choices they are scored against: all with all, or proportional windows
    when that would be too many scores (a huge file whose source changed throughout)."""
    if len(queries) * len(choices) <= MAX_PAIRS:
        return [(queries, choices)]
    span = max(64, MAX_PAIRS // len(queries))  # choices per query: bounds the total work
    width = max(1, span // 2)
    groups = []
    for start in range(0, len(queries), width):
        chunk = queries[start:start + width]
        centre = (start + len(chunk) / 2) / len(queries) * len(choices)
        lo = max(0, int(centre - span / 2))
        groups.append((chunk, choices[lo:lo + span]))
    return groups


def _scored(queries: list[int], qtexts: list[str], choices: list[int], ctexts: list[str],
            scorer: object, cutoff: object) -> list[tuple[int, int, float]]:
    """(query index, choice index, score) for every score at or above cutoff(query text)."""
    out = []
    for group_q, group_c in _groups(queries, choices):
        pool = {i: ctexts[i] for i in group_c}
        for j in group_q:
            for _, score, i in process.extract(qtexts[j], pool, scorer=scorer, limit=None,
                                               score_cutoff=cutoff(qtexts[j])):  # type: ignore[operator]
                out.append((j, i, float(score)))
    return out


def _similar(base: list[Passage], theirs: list[Passage], old: list[str], new: list[str],
             pairs: dict[int, int]) -> None:
    used = set(pairs.values())
    free_old = [i for i in range(len(old)) if i not in used and old[i]]
    free_new = [j for j in range(len(new)) if j not in pairs and new[j]]
    if not free_old or not free_new:
        return
    found: list[tuple[float, int, int, int]] = []
    for j, i, score in _scored(free_new, new, free_old, old, fuzz.ratio,
                               lambda _: SIMILAR - OTHER_TYPE):
        score -= OTHER_TYPE if base[i].type != theirs[j].type else 0.0
        if score >= SIMILAR:
            drift = abs(i / len(old) - j / len(new))
            found.append((-score, int(drift * 1_000_000), j, i))
    taken: set[int] = set()
    for _, _, j, i in sorted(found):
        if j not in pairs and i not in taken:
            pairs[j] = i
            taken.add(i)


def _origins(pieces: list[int], ptexts: list[str], wholes: list[str]) -> dict[int, tuple[int, int]]:
    """piece → (index, shared characters) of the longer text it mostly comes from."""
    pieces = [j for j in pieces if len(ptexts[j]) >= MIN_PIECE]
    best: dict[int, tuple[int, int]] = {}
    for j, i, shared in _scored(pieces, ptexts, list(range(len(wholes))), wholes,
                                LCSseq.similarity, lambda text: math.ceil(CONTAINED * len(text))):
        if len(wholes[i]) > len(ptexts[j]) and (j not in best or shared > best[j][1]):
            best[j] = (i, int(shared))
    return best


def _splits(old: list[str], new: list[str], m: Matching) -> None:
    """One old passage became several new ones: it pairs with its biggest piece if still unpaired."""
    pieces: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for j, (i, shared) in _origins([j for j in range(len(new)) if j not in m.pairs], new, old).items():
        pieces[i].append((shared, j))
    paired = set(m.pairs.values())
    for i, found in pieces.items():
        found.sort(reverse=True)
        if i not in paired:
            m.pairs[found[0][1]] = i
            found = found[1:]
        for _, j in found:
            m.split_from[j] = i


def _merges(old: list[str], new: list[str], m: Matching) -> None:
    """Several old passages became one new one: the biggest part pairs with it if still unpaired."""
    paired = set(m.pairs.values())
    parts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, (j, shared) in _origins([i for i in range(len(old)) if i not in paired], old, new).items():
        parts[j].append((shared, i))
    for j, found in parts.items():
        found.sort(reverse=True)
        if j not in m.pairs and j not in m.split_from:
            m.pairs[j] = found[0][1]
            found = found[1:]
        for _, i in found:
            m.merged_into[i] = j

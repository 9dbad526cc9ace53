"""Recurring phrase patterns of 公文 writing, found in headings and text (pure functions).

- 对仗: two adjacent clauses of equal length (4-12 Han characters), e.g.
  夯实政治理论学习根基，筑牢意识形态思想防线.
- 四字短语: a clause of exactly four Han characters, e.g. 敢于斗争 / 精准发力 / 入脑入心.
- 引号提法: a verb followed by a quoted short term, e.g. 把牢“方向盘”, 筑牢“防火墙”
  (quoted taxonomy terms such as “第一议题” are names, not metaphors, and are left out).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_CLAUSE_SPLIT = re.compile(r"[，；。！？：、\s]+")
_PAIR_SPLIT = re.compile(r"[；。！？：\n]+")
_PARTICLES = set("的了地之和与及在")
_QUOTED = re.compile(r"([\u4e00-\u9fff]{2})“([\u4e00-\u9fff]{2,6})”")

PAIRS = "pairs"
FOUR = "four"
QUOTED = "quoted"
PATTERNS = {
    PAIRS: ("对仗句式", "前后两句字数相同、结构对称，常用作标题或段首句。"),
    FOUR: ("四字短语", "四个字一顿的短句，常用于排比和收束。"),
    QUOTED: ("引号提法", "动词加引号中的形象说法，如把牢“方向盘”。"),
}


@dataclass
class Phrase:
    pattern: str
    text: str
    passages: list[str] = field(default_factory=list)  # ids, first occurrence first, no repeats

    @property
    def count(self) -> int:
        return len(self.passages)


def _han(s: str) -> bool:
    return bool(_HAN.match(s))


def _runs(clauses: list[str], ok: Callable[[str, str], bool]) -> list[list[str]]:
    """Maximal runs of at least two adjacent clauses where each neighbour pair is `ok`."""
    runs: list[list[str]] = []
    run: list[str] = []
    for clause in clauses:
        if run and ok(run[-1], clause):
            run.append(clause)
            continue
        if len(run) >= 2:
            runs.append(run)
        run = [clause]
    if len(run) >= 2:
        runs.append(run)
    return runs


def pairs(text: str) -> list[str]:
    """对仗/排比: adjacent comma-separated clauses of the same length, joined as written."""
    def ok(a: str, b: str) -> bool:
        return len(a) == len(b) and 4 <= len(a) <= 12 and _han(a) and _han(b) and a != b

    found = []
    for sentence in _PAIR_SPLIT.split(text):
        clauses = [c.strip() for c in sentence.split("，")]
        found.extend("，".join(run) for run in _runs(clauses, ok))
    return found


def four_char(text: str) -> list[str]:
    """Four-character clauses that stand next to another four-character clause."""
    def ok(a: str, b: str) -> bool:
        return len(a) == len(b) == 4 and _han(a) and _han(b)

    found = []
    for sentence in _PAIR_SPLIT.split(text):
        for run in _runs(_CLAUSE_SPLIT.split(sentence), ok):
            found.extend(run)
    return found


def quoted(text: str, names: set[str]) -> list[str]:
    return [f"{verb}“{term}”" for verb, term in _QUOTED.findall(text)
            if term not in names and verb[-1] not in _PARTICLES]


def collect(passages: Iterable[tuple[str, str]], names: Iterable[str]) -> dict[str, list[Phrase]]:
    """Phrases by pattern from (passage id, heading + text) pairs; most frequent first."""
    names = set(names)
    found: dict[str, dict[str, Phrase]] = {k: {} for k in PATTERNS}
    for pid, text in passages:
        for pattern, hits in ((PAIRS, pairs(text)), (FOUR, four_char(text)),
                              (QUOTED, quoted(text, names))):
            for hit in hits:
                phrase = found[pattern].setdefault(hit, Phrase(pattern, hit))
                if not phrase.passages or phrase.passages[-1] != pid:  # a passage's hits come together
                    phrase.passages.append(pid)
    order = {k: list(v.values()) for k, v in found.items()}
    return {k: sorted(v, key=lambda ph: -ph.count) for k, v in order.items()}

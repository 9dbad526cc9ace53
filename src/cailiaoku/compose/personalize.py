"""“Make it yours”: swap a passage's source org and years for the writer's, and mark what to fill in.

Text is split into runs {"text", "mark"}: mark "replaced" (org/year swapped), "placeholder"
(*, x, 〔...〕, ××, AAA), "foreign" (another unit's name left in the text: 待替换) or "figure"
(15次, 212篇: the source's own numbers). The rules are regexes in layout.json plus the org names
the library knows (spec["orgs"]); assets/compose/render.js applies the same ones in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

Run = dict[str, str]
Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]


def org_suffix(org: str, suffixes: list[str]) -> str:
    """The short form a writer uses after 我/本: 局 for 某某局, 中心 for 某某中心."""
    for suffix in suffixes:
        if org.endswith(suffix):
            return suffix
    return ""


def org_rules(source: str, target: str, conf: dict[str, Any]) -> list[Rule]:
    """Rules turning mentions of the source org into the writer's org."""
    if not source or not target or source == target:
        return []
    titles = "|".join(re.escape(t) for t in conf["org_title_suffixes"])
    name = re.escape(source)
    if len(source) == 1:
        before = conf["single_char_org_before"]
        pattern = f"(?:(?:^|(?<={before})){name}(?!{titles})|{name}(?={conf['single_char_org_followed']}))"
    else:
        pattern = f"{name}(?!{titles})"
    rules: list[Rule] = [(re.compile(pattern), lambda m: target)]
    short = org_suffix(source, conf["org_suffixes"])
    if short:
        own = org_suffix(target, conf["org_suffixes"]) or conf["own_fallback"]
        own_pattern = f"(?<=[{conf['own_prefixes']}]){re.escape(short)}(?!{conf['own_not_followed']})"
        if own != short:
            rules.append((re.compile(own_pattern), lambda m: own))
    return rules


def year_rules(source: int | None, target: int | None, conf: dict[str, Any]) -> list[Rule]:
    """Shift years near the source document's year by the same distance (2024→2025, 2025→2026)."""
    if not source or not target or source == target:
        return []
    delta, window = target - source, conf["year_window"]

    def shift(m: re.Match[str]) -> str | None:
        year = int(m.group(0))
        return str(year + delta) if abs(year - source) <= window else None

    return [(re.compile(conf["year_pattern"]), shift)]


def rules_for(block: dict[str, Any], draft: dict[str, Any], conf: dict[str, Any]) -> list[Rule]:
    return org_rules(block.get("org") or "", (draft.get("org") or "").strip(), conf) + year_rules(
        block.get("year"), draft.get("year"), conf
    )


def _replacements(text: str, rules: list[Rule]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, new text): leftmost first, then longest, then rule order."""
    found: list[tuple[int, int, int, str]] = []
    for order, (pattern, make) in enumerate(rules):
        for m in pattern.finditer(text):
            new = make(m)
            if new is not None and m.end() > m.start():
                found.append((m.start(), -(m.end() - m.start()), order, new))
    found.sort()
    chosen: list[tuple[int, int, str]] = []
    last_end = 0
    for start, neg_len, _, new in found:
        if start >= last_end:
            chosen.append((start, start - neg_len, new))
            last_end = start - neg_len
    return chosen


def _split(runs: list[Run], pattern: re.Pattern[str], mark: str) -> list[Run]:
    """Mark every match of `pattern` inside unmarked runs."""
    out: list[Run] = []
    for run in runs:
        if run["mark"]:
            out.append(run)
            continue
        pos = 0
        for m in pattern.finditer(run["text"]):
            if m.end() == m.start():
                continue
            out.append({"text": run["text"][pos:m.start()], "mark": ""})
            out.append({"text": m.group(0), "mark": mark})
            pos = m.end()
        out.append({"text": run["text"][pos:], "mark": ""})
    return [r for r in out if r["text"]]


def merge_runs(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if not run["text"]:
            continue
        if out and out[-1]["mark"] == run["mark"]:
            out[-1] = {"text": out[-1]["text"] + run["text"], "mark": run["mark"]}
        else:
            out.append(dict(run))
    return out


def short_forms(org: str, conf: dict[str, Any], bare: bool = False) -> list[str]:
    """市人大办公室 → 市人大, 市委政研室 → 市委: the unit a text's own unit belongs to; with `bare`
    also without the 省/市/县/区 (人大), which only the source's own passages are checked for."""
    out = []
    for suffix in conf["org_title_suffixes"]:
        if org.endswith(suffix) and len(org) > len(suffix):
            out.append(org[: -len(suffix)])
    if bare:
        out += [f[1:] for f in [org, *out] if f[:1] in conf["org_levels"]]
    return [f for f in dict.fromkeys(out) if len(f) >= conf["min_org_chars"] and f != org]


def is_library_block(block: dict[str, Any]) -> bool:
    """A passage taken from a library document (the writer's own paragraphs have no id and no org)."""
    return bool(block.get("id") or block.get("org"))


def own_names(draft: dict[str, Any], conf: dict[str, Any]) -> tuple[str, str]:
    org = (draft.get("org") or "").strip()
    return org, org_suffix(org, conf["org_suffixes"]) if org else ""


def foreign_patterns(block: dict[str, Any], spec: dict[str, Any]) -> list[re.Pattern[str]]:
    """Names of other units: the library's list, the source's short forms, org-like phrases."""
    conf = spec["personalize"]
    source = (block.get("org") or "").strip()
    return _foreign_patterns(tuple(spec.get("orgs") or ()), source, conf["org_pattern"], conf["own_forms"],
                             tuple(conf["org_title_suffixes"]), conf["org_levels"], conf["min_org_chars"])


@lru_cache(maxsize=256)
def _foreign_patterns(orgs: tuple[str, ...], source: str, org_pattern: str, own_forms: str,
                      suffixes: tuple[str, ...], levels: str, min_chars: int) -> list[re.Pattern[str]]:
    conf = {"org_title_suffixes": suffixes, "org_levels": levels, "min_org_chars": min_chars}
    names = list(orgs) + ([source] if source else []) + short_forms(source, conf, bare=True)
    names = sorted({n for n in names if len(n) >= min_chars}, key=lambda n: (-len(n), n))
    patterns = [org_pattern, own_forms]
    if names:
        patterns.insert(0, "|".join(re.escape(n) for n in names))
    return [re.compile(p) for p in patterns]


def _split_longest(runs: list[Run], patterns: list[re.Pattern[str]], mark: str) -> list[Run]:
    """Mark the leftmost-longest matches of any of `patterns` inside unmarked runs."""
    out: list[Run] = []
    for run in runs:
        if run["mark"]:
            out.append(run)
            continue
        spans = [(m.start(), m.end(), m.group(0)) for p in patterns for m in p.finditer(run["text"])
                 if m.end() > m.start()]
        spans.sort(key=lambda s: (s[0], s[0] - s[1]))
        pos = 0
        for start, end, text in spans:
            if start < pos:
                continue
            out.append({"text": run["text"][pos:start], "mark": ""})
            out.append({"text": text, "mark": mark})
            pos = end
        out.append({"text": run["text"][pos:], "mark": ""})
    return [r for r in out if r["text"]]


def _is_own(name: str, draft: dict[str, Any], conf: dict[str, Any]) -> bool:
    org, suffix = own_names(draft, conf)
    if org and name in org:
        return True
    own_form = re.fullmatch(conf["own_forms"], name)
    return bool(own_form and suffix and name[1:] == suffix)


def _mark_foreign(runs: list[Run], block: dict[str, Any], draft: dict[str, Any], spec: dict[str, Any]) -> list[Run]:
    conf = spec["personalize"]
    marked = _split_longest(runs, foreign_patterns(block, spec), "foreign")
    return [{"text": r["text"], "mark": ""} if r["mark"] == "foreign" and _is_own(r["text"], draft, conf) else r
            for r in marked]


def _mark_figures(runs: list[Run], block: dict[str, Any], spec: dict[str, Any]) -> list[Run]:
    """Source figures only: a block remembers the figures of the passage it came from."""
    marked = _split(runs, re.compile(spec["personalize"]["figure_pattern"]), "figure")
    known = block.get("figures")
    if known is None:
        return marked
    return [{"text": r["text"], "mark": ""} if r["mark"] == "figure" and r["text"] not in known else r
            for r in marked]


def source_figures(text: str, spec: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(re.findall(spec["personalize"]["figure_pattern"], text)))


def mark_text(text: str, block: dict[str, Any], draft: dict[str, Any], spec: dict[str, Any]) -> list[Run]:
    """Apply the writer's org/year, then mark placeholders, other units' names and source figures."""
    conf = spec["personalize"]
    runs: list[Run] = []
    pos = 0
    for start, end, new in _replacements(text, rules_for(block, draft, conf)):
        runs.append({"text": text[pos:start], "mark": ""})
        runs.append({"text": new, "mark": "replaced"})
        pos = end
    runs.append({"text": text[pos:], "mark": ""})
    runs = [r for r in runs if r["text"]]
    runs = _split(runs, re.compile("|".join(conf["placeholder_patterns"])), "placeholder")
    if is_library_block(block):
        runs = _mark_foreign(runs, block, draft, spec)
        runs = _mark_figures(runs, block, spec)
    return merge_runs(runs)

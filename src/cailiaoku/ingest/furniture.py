"""Sort lines into body, noise (dropped) and document furniture (kept as metadata) (pure)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import FURNITURE
from .lines import Line
from .numbering import match_marker
from .report import LineNote, Reading
from .rules import Rules
from .title import looks_like_title

_FOOTER = re.compile(r"^欢迎光临\s*(?P<site>.*?)\s*(?:\(|（)?(?:https?://\S*)?(?:\)|）)?\s*Powered by.*$", re.I)
_TAIL_LIST_MAX = 40
_ATTACHMENT_ITEM = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十])\s*[.．、]\s*[^。]{1,60}")
_ISSUER = re.compile(r"[^，。；：:,;！？!?]{2,30}")
HEAD_LINES = 8

Furniture = dict[str, str | list[str]]


def _keep(furniture: Furniture, reading: Reading, line: Line, values: dict[str, str],
          many: set[str]) -> None:
    for key, value in values.items():
        value = " ".join(value.split())  # 宣传部部长  李某某: aligned with spaces in the source
        if key in many or key in ("contact", "attachments"):
            current = furniture.setdefault(key, [])
            assert isinstance(current, list)
            current.append(value)
        else:
            furniture.setdefault(key, value)
    names = "、".join(FURNITURE.get(k, k) for k in values)
    reading.kept.append(LineNote(line.number, line.text, names))


_SENTENCE = re.compile("[。；！？]")  # a body sentence ends a 相关推荐 list of titles


def drop_noise(lines: list[Line], rules: Rules, reading: Reading) -> list[Line]:
    """Site furniture, anywhere in the file: gone, with the reason recorded."""
    sites = {m.group("site") for ln in lines if (m := _FOOTER.match(ln.text))} - {""}
    out: list[Line] = []
    tail_reason = ""
    for ln in lines:
        if ln.explicit or ln.table:
            out.append(ln)
            tail_reason = ""
            continue
        text = ln.text
        reason = ""
        if _FOOTER.match(text) or text in sites:
            reason = "网站页脚"
        elif rule := rules.noise_reason(text):
            reason = rule.reason
            tail_reason = rule.reason if rule.tail else ""
        elif rules.is_site_banner(text):
            rest = rules.without_sites(text)
            if rest and looks_like_title(rest):  # 2024年工作总结_某某范文网: keep the title
                reading.repairs.append(LineNote(ln.number, text, f"去掉标题行里的网站名，留下“{rest}”"))
                out.append(replace(ln, text=rest))
                continue
            reason = "网站横幅或口号"
        elif tail_reason and len(text) <= _TAIL_LIST_MAX and not _SENTENCE.search(text) \
                and not match_marker(text):
            reason = tail_reason
        else:
            tail_reason = ""
        if reason:
            reading.dropped.append(LineNote(ln.number, text, reason))
        else:
            out.append(ln)
    return _running_heads(lines, out, reading)


_HEAD_MAX = 40


def _running_heads(lines: list[Line], kept: list[Line], reading: Reading) -> list[Line]:
    """A PDF copied as text repeats its page header (or footer) next to each page number: a short
    line met again elsewhere in the file, right after or before a 页码 line, is not body text."""
    page_numbers = {n.line for n in reading.dropped if n.reason == "页码"}
    if not page_numbers:
        return kept
    seen: dict[str, int] = {}
    for ln in lines:
        seen[ln.text] = seen.get(ln.text, 0) + 1
    drop = set()
    for i, ln in enumerate(lines):
        near = (i > 0 and lines[i - 1].number in page_numbers) or \
            (i + 1 < len(lines) and lines[i + 1].number in page_numbers)
        if near and not ln.explicit and seen[ln.text] >= 2 and len(ln.text) <= _HEAD_MAX \
                and not _SENTENCE.search(ln.text) and not match_marker(ln.text):
            drop.add(ln.number)
    for ln in kept:
        if ln.number in drop:
            reading.dropped.append(LineNote(ln.number, ln.text, "页眉或页脚（每页重复）"))
    return [ln for ln in kept if ln.number not in drop]


def keep_furniture(lines: list[Line], rules: Rules, reading: Reading) -> tuple[list[Line], Furniture]:
    """文号, 签发人, 特此报告… anywhere; 主送机关 and 称呼 at the head; 落款 and 附件 at the tail."""
    furniture: Furniture = {}
    many = {r.field for r in rules.furniture if r.many}
    body: list[Line] = []
    for ln in lines:
        found = None if ln.explicit else rules.furniture_match(ln.text, "")
        if found:
            _keep(furniture, reading, ln, found[1], many)
        else:
            body.append(ln)
    body = _head(body, rules, reading, furniture, many)
    return _tail(body, rules, reading, furniture, many), furniture


def _is_body_start(ln: Line) -> bool:
    return ln.explicit or bool(match_marker(ln.text)) or "。" in ln.text or len(ln.text) > 100


def _head(lines: list[Line], rules: Rules, reading: Reading, furniture: Furniture,
          many: set[str]) -> list[Line]:
    out: list[Line] = []
    for i, ln in enumerate(lines):
        in_head = i < HEAD_LINES and not any(_is_body_start(x) for x in lines[:i])
        found = rules.furniture_match(ln.text, "head") if in_head and not ln.explicit else None
        if found and not (found[0].field == "addressee" and i == 0):
            _keep(furniture, reading, ln, found[1], many)
        else:
            out.append(ln)
    return out


def _tail(lines: list[Line], rules: Rules, reading: Reading, furniture: Furniture,
          many: set[str]) -> list[Line]:
    """Walk back from the end while lines are 落款, dates, 附件 and their items."""
    end = len(lines)
    pending: list[Line] = []  # numbered short lines: attachment items if an 附件： line is above
    kept: list[tuple[Line, dict[str, str]]] = []
    date_below = False
    i = end - 1
    while i >= 0:
        ln = lines[i]
        if ln.explicit or ln.table:
            break
        found = rules.furniture_match(ln.text, "tail")
        if found:
            values = dict(found[1])
            if pending and "attachments" not in values:
                break  # numbered lines not under an 附件： line are body
            kept.append((ln, values))
            kept.extend((p, {"attachments": p.text}) for p in pending)
            pending = []
            date_below = "date" in values and "issuer" not in values
        elif _ATTACHMENT_ITEM.fullmatch(ln.text) and len(pending) < 20:
            pending.insert(0, ln)
            date_below = False
        elif date_below and _ISSUER.fullmatch(ln.text) and not match_marker(ln.text):
            kept.append((ln, {"issuer": ln.text}))
            date_below = False
        else:
            break
        i -= 1
    cut = i + 1 + len(pending)
    for ln, values in sorted(kept, key=lambda kv: kv[0].number):
        _keep(furniture, reading, ln, values, many)
    return lines[:cut] if kept else lines

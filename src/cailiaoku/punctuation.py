"""Chinese punctuation normalisation for ingested text (pure functions)."""

from __future__ import annotations

import re

_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’《》…—]")
_CANDIDATE = re.compile("[,;:()!?\"']")  # what normalisation may change: most lines hold none
_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\u4e00-\u9fff\uff08\uff09（）]+")


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _should_convert(text: str, i: int) -> bool:
    ch = text[i]
    before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
    if ch in ",:" and before.isdigit() and after.isdigit():
        return False  # 1,000 and 10:30 are numbers
    if ch == "(":
        return is_cjk(after) or is_cjk(before) or _closing_follows_cjk(text, i)
    if ch == ")":
        return is_cjk(before) or is_cjk(after) or _opening_precedes_cjk(text, i)
    return is_cjk(before) or is_cjk(after)


def _closing_follows_cjk(text: str, i: int) -> bool:
    # "(1)" or "(市、区)": convert when the bracketed part sits in Chinese text.
    close = text.find(")", i)
    return close != -1 and (is_cjk(_neighbour(text, close, 1)) or is_cjk(_neighbour(text, i, -1)))


def _opening_precedes_cjk(text: str, i: int) -> bool:
    opening = text.rfind("(", 0, i)
    return opening != -1 and (
        is_cjk(_neighbour(text, opening, -1)) or is_cjk(_neighbour(text, i, 1))
    )


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _URL.finditer(text)]


def normalise_punctuation(line: str) -> str:
    """ASCII , ; : ( ) ! ? and straight quotes → full-width, where they sit in Chinese text."""
    if not _CANDIDATE.search(line):
        return line
    spans = _protected_spans(line)
    out: list[str] = []
    for i, ch in enumerate(line):
        if any(a <= i < b for a, b in spans):
            out.append(ch)
        elif ch in _ASCII_TO_FULL and _should_convert(line, i):
            out.append(_ASCII_TO_FULL[ch])
        else:
            out.append(ch)
    return _curl_quotes("".join(out))


def _curl_quotes(line: str) -> str:
    """Straight quotes in Chinese text become “ ” / ‘ ’, alternating within a line."""
    if '"' not in line and "'" not in line:
        return line
    out: list[str] = []
    open_double = open_single = False
    for i, ch in enumerate(line):
        near_cjk = is_cjk(_neighbour(line, i, -1)) or is_cjk(_neighbour(line, i, 1))
        if ch == '"' and (near_cjk or open_double):
            out.append("”" if open_double else "“")
            open_double = not open_double
        elif ch == "'" and (near_cjk or open_single):
            out.append("’" if open_single else "‘")
            open_single = not open_single
        else:
            out.append(ch)
    return "".join(out)


def ascii_punctuation_in_chinese(line: str) -> list[int]:
    """Columns (0-based) of ASCII punctuation that normalisation would change."""
    fixed = normalise_punctuation(line)
    if fixed == line or len(fixed) != len(line):
        return []
    return [i for i, (a, b) in enumerate(zip(line, fixed, strict=True)) if a != b]

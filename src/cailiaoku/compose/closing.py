"""The parts of a 公文 around the body: 主送机关, 附件说明, 署名 and 成文日期 (GB/T 9704 7.3.3–7.3.5).

Positions are left indents in body characters (28 a line), computed here and in render.js from
the same numbers in layout.json, so both exporters place the 落款 alike.
"""

from __future__ import annotations

import re
from typing import Any

from .titlebreak import units

Paragraph = dict[str, Any]


def _para(style: str, text: str, part: str, left: float = 0, first: float = 0) -> Paragraph:
    runs = [{"text": text, "mark": ""}] if text else []
    out: Paragraph = {"style": style, "runs": runs, "section": -1, "block": -1, "part": part}
    if left or first:
        out["indent"] = {"left": round(left, 2), "first": round(first, 2)}
    return out


def _blank(part: str) -> Paragraph:
    return _para("body", "", part)


def recipient_paragraphs(draft: dict[str, Any], spec: dict[str, Any]) -> list[Paragraph]:
    text = (draft.get("recipient") or "").strip()
    if not text:
        return []
    end = spec["closing"]["recipient_end"]
    return [_para("flush", text.rstrip(":：") + end, "recipient")]


def attachment_paragraphs(draft: dict[str, Any], spec: dict[str, Any]) -> list[Paragraph]:
    """附件：1.名称 … with later names aligned under the first name's first character."""
    conf = spec["closing"]
    names = [re.sub(r"[。．.，,；;：:、]+$", "", str(a).strip()) for a in draft.get("attachments") or []]
    names = [n for n in names if n]
    if not names:
        return []
    label, base = conf["attachment_label"], conf["attachment_left_chars"]
    out = [_blank("attachments")]
    if len(names) == 1:
        return out + [_para("flush", label + names[0], "attachments", base + units(label), -units(label))]
    numbers = [conf["attachment_number"].replace("{n}", str(i + 1)) for i in range(len(names))]
    width = max(units(n) for n in numbers)
    left = base + units(label) + width
    for i, (number, name) in enumerate(zip(numbers, names, strict=False)):
        lead = (label if i == 0 else "") + number
        out.append(_para("flush", lead + name, "attachments", left, -units(lead)))
    return out


def closing_positions(signature: str, date: str, seal: bool, spec: dict[str, Any]) -> tuple[float, float]:
    """Left indents (characters) of the 署名 and the 成文日期 lines."""
    conf, line = spec["closing"], spec["grid"]["chars_per_line"]
    sig, day = units(signature), units(date)
    if seal:  # 7.3.5.1: date 4 characters from the right, signature centred over it
        date_left = line - conf["seal_date_right_chars"] - day
        return max(0.0, date_left + (day - sig) / 2), max(0.0, date_left)
    sig_left = line - conf["signature_right_chars"] - sig  # 7.3.5.2
    date_left = sig_left + conf["date_shift_chars"]
    if date_left + day > line - conf["signature_right_chars"]:
        date_left = line - conf["signature_right_chars"] - day
        sig_left = date_left - conf["date_shift_chars"]
    return max(0.0, sig_left), max(0.0, date_left)


def signature_paragraphs(draft: dict[str, Any], spec: dict[str, Any]) -> list[Paragraph]:
    date = (draft.get("date") or "").strip()
    signature = (draft.get("signature") or "").strip() or ((draft.get("org") or "").strip() if date else "")
    if not (signature or date):
        return []
    seal = bool(draft.get("seal"))
    conf = spec["closing"]
    blanks = conf["seal_blank_lines_before"] if seal else conf["blank_lines_before"]
    sig_left, date_left = closing_positions(signature, date, seal, spec)
    out = [_blank("signature") for _ in range(blanks)]
    if signature:
        out.append(_para("flush", signature, "signature", sig_left))
    if date:
        out.append(_para("flush", date, "date", date_left))
    return out

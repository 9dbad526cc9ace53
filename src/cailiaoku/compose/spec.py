"""The one written layout specification (assets/compose/layout.json) and the numbers derived from it.

Both exporters read it: python-docx here, docx.js in the browser (the build ships the same
JSON plus these derived values as a JS data file), so the two cannot drift.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..kinds import BUILTIN, Kind

ASSETS = Path(__file__).resolve().parents[1] / "assets" / "compose"
LAYOUT_FILE = ASSETS / "layout.json"
TWIPS_PER_MM = 1440 / 25.4


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


@lru_cache(maxsize=4)
def load_layout(kinds: tuple[Kind, ...] = BUILTIN) -> dict[str, Any]:
    """The layout spec as written, plus a `derived` block of twips values both exporters use,
    and the document kinds of taxonomy.yaml: names, title templates and outline skeletons."""
    spec = json.loads(LAYOUT_FILE.read_text(encoding="utf-8"))
    spec["derived"] = derive(spec)
    spec["kinds"] = [k.name for k in kinds]
    spec["kind_roles"] = {k.name: k.role for k in kinds}  # 草稿检查: a plan-like kind looks ahead
    spec["title"]["templates"] = {k.name: k.title for k in kinds}
    spec["skeletons"]["defaults"] = {k.name: [p.as_dict() for p in k.outline] for k in kinds}
    return spec


def derive(spec: dict[str, Any]) -> dict[str, Any]:
    """Page, margins and document grid in twips; computed once, here, for Python and JS alike."""
    page, grid = spec["page"], spec["grid"]
    margin = {side: mm_to_twips(v) for side, v in page["margin_mm"].items()}
    width, height = mm_to_twips(page["width_mm"]), mm_to_twips(page["height_mm"])
    text_width = width - margin["left"] - margin["right"]
    text_height = height - margin["top"] - margin["bottom"]
    body_pt = spec["styles"]["body"]["size_pt"]
    # floor: 22 lines and 28 characters must both fit inside the text block.
    line_pitch = text_height // grid["lines_per_page"]
    char_pitch_pt = text_width / 20 / grid["chars_per_line"]
    char_spacing = math.floor((char_pitch_pt - body_pt) * 20)  # w:spacing, in 1/20 pt
    return {
        "page_width": width,
        "page_height": height,
        "margin": margin,
        "header": mm_to_twips(page["header_mm"]),
        "footer": mm_to_twips(page["footer_mm"]),
        "text_width": text_width,
        "text_height": text_height,
        "line_pitch": line_pitch,
        "line_spacing": line_pitch,
        "grid_type": grid["type"],
        "char_spacing": char_spacing,
        "char_pitch_twips": round(char_pitch_pt * 20, 2),
    }


def style_of(spec: dict[str, Any], key: str) -> dict[str, Any]:
    return spec["styles"][key]


def font_of(spec: dict[str, Any], key: str) -> dict[str, Any]:
    return spec["fonts"][spec["styles"][key]["font"]]


def js_data(spec: dict[str, Any], extra: dict[str, Any]) -> str:
    """The spec as a <script>-loadable data file (no fetch under file://)."""
    payload = dict(spec)
    payload.update(extra)
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("</", "<\\/")
    return (
        "window.Cailiaoku = window.Cailiaoku || {};\n"
        f"window.Cailiaoku.layout = {text};\n"
    )

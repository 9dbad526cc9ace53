"""A 印发/转发 notice in front of the document it issues (pure).

"关于印发《X方案》的通知" is a few lines of boilerplate ("现印发给你们，请认真贯彻执行") and a
落款, then the issued document under its own title X. The reusable text is X: the document takes
X's title (and so its kind), the notice's title is kept as furniture, its lines are dropped.
"""

from __future__ import annotations

import re

from .lines import Line
from .report import LineNote, Reading
from .rules import Rules
from .title import tidy

_COVER = re.compile(r"^关于(?:印发|转发|下发|公布|发布)《(?P<name>[^》]{4,80})》的通知$")
_ATTACHMENT = re.compile(r"^附\s*件\s*\d{0,2}\s*[:：]?$")
_MAX_COVER_LINES = 15  # a cover notice is short; a title repeated further down is body text


def split_cover(title: str, lines: list[Line], rules: Rules, reading: Reading
                ) -> tuple[str, list[Line], dict[str, str]] | None:
    """(issued title, its lines, the notice's furniture) when `title` issues a document whose
    title line follows the notice; None otherwise."""
    m = _COVER.match(title)
    if not m:
        return None
    name = tidy(m.group("name"))[0]
    for i, ln in enumerate(lines[:_MAX_COVER_LINES + 1]):
        if ln.explicit or tidy(ln.text)[0] != name:
            continue
        cover = lines[:i]
        furniture = {"cover": title, **_signature(cover, rules)}
        reason = f"印发通知的正文和落款（导入的是所附的《{name}》）"
        reading.dropped.extend(LineNote(x.number, x.text, reason) for x in cover)
        reading.dropped.append(LineNote(ln.number, ln.text, "所附文件的标题（作为文档标题）"))
        return name, lines[i + 1:], furniture
    return None


def _signature(cover: list[Line], rules: Rules) -> dict[str, str]:
    """The notice's 落款: its last date line and the unit line above it."""
    texts = [x.text for x in cover if not _ATTACHMENT.match(x.text)]
    for j in range(len(texts) - 1, -1, -1):
        found = rules.furniture_match(texts[j], "tail")
        if found and "date" in found[1]:
            values = dict(found[1])
            if "issuer" not in values and j > 0 and "。" not in texts[j - 1] and len(texts[j - 1]) <= 30:
                values["issuer"] = texts[j - 1]
            return {k: v for k, v in values.items() if k in ("issuer", "date")}
    return {}

"""A light page as the browser parses it: what each of its chrome scripts writes with
document.write (site/lightchrome.py), put in place of the script's tag."""

from __future__ import annotations

import json
import re
from pathlib import Path

CHROME_TAG = re.compile(r'<script src="((?:\.\./)*assets/cailiaoku/chrome/[^"]+)"></script>')
_WRITE = re.compile(r"^__ck_w\((.*)\);$", re.M)
_TITLE = re.compile(r"<title>(.*?) - [^<]*</title>")


def chrome_scripts(page: Path) -> list[Path]:
    return [(page.parent / src).resolve() for src in CHROME_TAG.findall(page.read_text(encoding="utf-8"))]


def as_written(page: Path) -> str:
    """A page without chrome scripts (one MkDocs renders) is returned as it is."""
    html = page.read_text(encoding="utf-8")

    def expand(m: re.Match[str]) -> str:
        title = _TITLE.search(html)
        assert title, page
        js = (page.parent / m.group(1)).read_text(encoding="utf-8")
        return "".join(json.loads(s) for s in _WRITE.findall(js)).replace("ckLightTitle", title.group(1))

    return CHROME_TAG.sub(expand, html)

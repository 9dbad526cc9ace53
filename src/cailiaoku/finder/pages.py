"""The site's hand-written pages (guides) in searchable form, for the header search box: Material's
own results are kept only for guide pages that hold the query the finder's way."""

from __future__ import annotations

import html as htmllib
import re

from .spec import fold

_TAG = re.compile(r"<[^>]+>")
_SKIP = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)


def page_entry(url: str, title: str, html: str) -> dict[str, str]:
    """url (site-relative), title and folded plain text of one rendered page."""
    text = htmllib.unescape(_TAG.sub(" ", _SKIP.sub(" ", html)))
    return {"url": url, "title": title, "text": fold(title + "\n" + text)}

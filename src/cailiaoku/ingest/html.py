"""A 范文 page saved from a browser (.html/.htm/.mhtml) → the article's lines.

The main text is found by readability-lxml (site navigation, side bars and footers dropped);
it installs from PyPI with all it needs and works offline. trafilatura was tried too: a fresh
`pip install trafilatura` failed to import (its jusText needs lxml_html_clean, which it does
not pull in) and it drops the article's own heading. An .mhtml file is a MIME message: the
stdlib email parser takes out its HTML part.
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from ..errors import SourceError
from .encoding import decode_bytes

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MHTML_SUFFIXES = {".mhtml", ".mht"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "table",
           "blockquote", "pre", "section", "article", "header", "footer", "dd", "dt"}
_SITE_SUFFIX = re.compile(r"\s*[_|｜]\s*[^_|｜]*$")


def _html_of_mhtml(data: bytes, path: Path) -> str:
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset:
                try:
                    return payload.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    pass
            return decode_bytes(payload, str(path)).text
    raise SourceError("MHTML 文件里没有网页正文", path=path, hint="在浏览器中重新“另存为”网页后再导入。")


def _lines(fragment: str) -> list[str]:
    import lxml.html

    root = lxml.html.fromstring(fragment)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
        elif el.tag == "br":
            el.tail = "\n" + (el.tail or "")
    text = root.text_content().replace("\xa0", " ").replace("\u3000", "　")
    return [line.strip(" \t") for line in text.split("\n") if line.strip()]


def _page_title(doc: object) -> str:
    title = doc.short_title() or ""  # type: ignore[attr-defined]
    return _SITE_SUFFIX.sub("", title).strip() or title.strip()


def read_html_text(markup: str, path: Path) -> list[str]:
    from readability import Document  # lazy: only web pages need it

    try:
        doc = Document(markup)
        lines = _lines(doc.summary(html_partial=True))
    except Exception as exc:  # lxml/readability raise many kinds on broken markup
        raise SourceError(f"无法读取网页（文件可能已损坏）：{type(exc).__name__}", path=path,
                          hint="在浏览器中打开确认，或把正文复制到 .txt 文件后导入。") from exc
    if not lines:
        raise SourceError("网页里没有找到正文", path=path, hint="把正文复制到 .txt 文件后导入。")
    title = _page_title(doc)
    # Readability keeps the article block; a heading printed above it lives only in <title>.
    if title and not any(title in line for line in lines[:3]):
        lines.insert(0, title)
    return lines


def read_html(path: Path) -> list[str]:
    data = path.read_bytes()
    if path.suffix.lower() in MHTML_SUFFIXES:
        markup = _html_of_mhtml(data, path)
    else:
        markup = decode_bytes(data, str(path)).text
    return read_html_text(markup, path)

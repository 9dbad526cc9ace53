"""HTML helpers: every piece of library text goes through `esc` so it is shown literally."""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable

from ..model import Passage

Escape = Callable[[object], str]
_END_PUNCT = "。！？；：，、…"
# Characters Markdown, pymdown-extensions, attr_list or Jinja could treat as syntax when a
# macro's output lands inside a Markdown paragraph; as numeric entities they are inert.
_HTML_SPECIAL = re.compile("[&<>\"']").search
_MD_SPECIAL = set("\\`*_{}[]()#+-.!|~=^:<>&\"'$%")

TYPE_NAMES = {"section": "一级标题", "item": "二级标题", "point": "分项（一是……）", "para": "段落"}


def esc(text: object) -> str:
    """Escape for HTML text and attribute values (most library text has nothing to escape)."""
    s = str(text)
    return html.escape(s, quote=True) if _HTML_SPECIAL(s) else s


def esc_md(text: object) -> str:
    """Escape so that neither HTML nor Markdown nor Jinja can interpret the text (macro output)."""
    out = []
    for ch in str(text):
        if ch in _MD_SPECIAL:
            out.append(f"&#{ord(ch)};")
        elif ch == "\n":
            out.append("&#10;")
        else:
            out.append(ch)
    return "".join(out)


def safe_title(text: str, limit: int = 40) -> str:
    """A page title that is safe where templates print titles unescaped (nav, <title>, search)."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[:limit] + "…"
    table = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇"})
    return flat.translate(table)


def join_heading(heading: str, text: str) -> str:
    """Separator between a heading and its body, as the writer would copy them."""
    if heading and text:
        return "" if heading[-1] in _END_PUNCT else "。"
    return ""


def copy_text(p: Passage) -> str:
    """What a copy button puts on the clipboard: heading and body, no number."""
    return f"{p.heading}{join_heading(p.heading, p.text)}{p.text}"


def passage_label(p: Passage) -> str:
    """A short human label: the heading, else the start of the text."""
    if p.heading:
        return p.heading
    flat = " ".join(p.text.split())
    return flat[:24] + ("…" if len(flat) > 24 else "") if flat else f"段落 {p.id}"


def text_block(p: Passage, element_id: str, tag: str = "span", escape: Escape = esc) -> str:
    """The passage's heading and body; the element's textContent equals copy_text(p)."""
    parts = []
    if p.heading:
        parts.append(f'<strong class="ck-heading">{escape(p.heading)}</strong>')
        sep = join_heading(p.heading, p.text)
        if sep:
            parts.append(f'<span class="ck-sep">{sep}</span>')
    if p.text:
        parts.append(f'<span class="ck-body">{escape(p.text)}</span>')
    return f'<{tag} class="ck-text" id="{esc(element_id)}">{"".join(parts)}</{tag}>'


def number_span(p: Passage, escape: Escape = esc) -> str:
    return f'<span class="ck-num">{escape(p.number)}</span>' if p.number else ""


def rel(from_uri: str, to_path: str) -> str:
    """Relative URL from the page whose output is `from_uri` to the site path `to_path`."""
    anchor = ""
    if "#" in to_path:
        to_path, anchor = to_path.split("#", 1)
        anchor = "#" + anchor
    if not to_path:
        return from_uri.rpartition("/")[2] + anchor
    here, _, _ = from_uri.rpartition("/")
    folder, _, name = to_path.rpartition("/")
    if not name or "." in (here, folder) or ".." in (here, folder) or "//" in from_uri + to_path:
        return posixpath.relpath(to_path, here or ".") + anchor  # rare shapes: the general way
    up = _up(here, folder)
    return (up + "/" + name if up != "." else name) + anchor


@functools.lru_cache(maxsize=1024)
def _up(here: str, folder: str) -> str:
    """Relative path between two folders of the site: few distinct pairs, each computed once
    (posixpath.relpath per link was most of the light pages' rendering time)."""
    return posixpath.relpath(folder or ".", here or ".")


def buttons(p: Passage, target_id: str) -> str:
    """Copy and add-to-draft buttons, wired by assets/cailiaoku/site.js (contract markup)."""
    return (
        f'<button class="ck-copy md-button" type="button" data-copy-target="#{esc(target_id)}">复制</button>'
        f'<button class="ck-add-draft md-button" type="button" data-passage-id="{esc(p.id)}">加入草稿</button>'
    )


def buttons_text(p: Passage, text: str) -> str:
    """Like `buttons`, with the text to copy in the attribute (when no element holds it alone)."""
    return (
        f'<button class="ck-copy" type="button" data-copy-text="{esc(text)}">复制</button>'
        f'<button class="ck-add-draft" type="button" data-passage-id="{esc(p.id)}">加入草稿</button>'
    )


def noindex(inner: str) -> str:
    """Content kept out of Material's search index. Material matches the excluded element by tag
    name only, so the wrapper uses a tag that never occurs inside it."""
    return f"<ck-noindex data-search-exclude>{inner}</ck-noindex>"

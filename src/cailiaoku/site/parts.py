"""HTML fragments shared by the generated pages and the trainers' macros."""

from __future__ import annotations

from urllib.parse import quote

from ..model import ROLES, Document, Passage
from .markup import (
    Escape,
    buttons_text,
    copy_text,
    esc,
    join_heading,
    number_span,
    rel,
)
from .sitedata import SiteData, permalink_path, source_path, theme_path, year_label


def theme_chips(data: SiteData, themes: list[str], here: str, escape: Escape = esc) -> str:
    out = []
    for name in themes:
        theme = data.theme(name)
        if theme is None:
            out.append(f'<span class="ck-chip ck-theme">{escape(name)}</span>')
        else:
            out.append(f'<a class="ck-chip ck-theme" href="{esc(rel(here, theme_path(theme)))}">'
                       f'{escape(name)}</a>')
    return "".join(out)


def role_chip(role: str) -> str:
    return f'<span class="ck-chip ck-role ck-role-{esc(role)}">{esc(ROLES.get(role, role))}</span>'


def placeholder_chips(p: Passage, escape: Escape = esc) -> str:
    if not p.placeholders:
        return ""
    items = "".join(f'<code class="ck-ph">{escape(x)}</code>' for x in p.placeholders)
    return f'<span class="ck-chip ck-placeholders" title="原文脱敏或待填写的内容">待填：{items}</span>'


def doc_meta(doc: Document, escape: Escape = esc) -> str:
    """Year · org · kind of a document as a short inline run."""
    bits = [year_label(doc), doc.org, doc.kind]
    return " · ".join(escape(b) for b in bits if b)


def source_link(doc: Document, p: Passage, here: str, escape: Escape = esc) -> str:
    return (f'<a class="ck-source" href="{esc(rel(here, source_path(doc.id, p.id)))}" '
            f'title="在原文中的位置">{escape(doc.title)}</a>')


def card(data: SiteData, doc: Document, p: Passage, here: str, escape: Escape = esc,
         heading_level: int = 0, once: bool = False) -> str:
    """One passage as a card: number and heading as its title, then text, source, tags, actions.
    once: the copy button joins the heading and text shown (class ck-c) instead of holding them
    again in an attribute; only where the passage is on the page once (theme pages)."""
    link = esc(rel(here, permalink_path(p.id)))
    c = " ck-c" if once else ""
    head = ""
    if p.heading or p.number:  # a body-only passage needs no title: its text follows
        heading = f'<span class="ck-c">{escape(p.heading)}</span>' if once and p.heading else escape(p.heading)
        head = f'<a class="ck-card-title" href="{link}">{number_span(p, escape)}{heading}</a>'
        tag = f"h{heading_level}" if heading_level else "div"
        head = f'<{tag} class="ck-card-h">{head}</{tag}>'
    meta = (f'<div class="ck-card-meta">来源：{source_link(doc, p, here, escape)}'
            f'<span class="ck-docmeta">{doc_meta(doc, escape)}</span></div>')
    tags = (f'<div class="ck-tags">{role_chip(p.role)}{theme_chips(data, p.themes, here, escape)}'
            f'{placeholder_chips(p, escape)}</div>')
    copy = _copy_from_card(p) if once else buttons_text(p, copy_text(p))
    actions = (f'<div class="ck-actions">{copy}'
               f'<a class="ck-permalink" href="{link}" title="固定链接">¶ {esc(p.id)}</a></div>')
    body = f'<p class="ck-card-text{c}">{escape(p.text)}</p>' if p.text else ""
    return (f'<article class="ck-card" data-passage-id="{esc(p.id)}">{head}{body}{meta}{tags}'
            f'{actions}</article>')


def _copy_from_card(p: Passage) -> str:
    """Copy and add buttons; the copy joins the card's heading and text (class ck-c), as copy_text."""
    sep = join_heading(p.heading, p.text)
    joined = f' data-copy-sep="{esc(sep)}"' if sep else ""
    target = f'article[data-passage-id="{p.id}"] .ck-c'
    return (f'<button class="ck-copy" type="button" data-copy-target="{esc(target)}"{joined}>复制</button>'
            f'<button class="ck-add-draft" type="button" data-passage-id="{esc(p.id)}">加入草稿</button>')


def block(anchor: str, level: int, title_html: str, body: str, cls: str = "") -> str:
    """A titled block; the id sits on the wrapper, not the heading, so Material's search does not
    split the page into empty sections (headings with ids start search sections)."""
    return (f'<section class="ck-block {cls}" id="{esc(anchor)}"><h{level}>{title_html}</h{level}>'
            f'{body}</section>')


def toc_token(level: int, anchor: str, name: str, children: list | None = None) -> dict:
    """A table-of-contents entry in the shape mkdocs.structure.toc.get_toc expects."""
    return {"level": level, "id": anchor, "name": esc(name), "children": children or []}


def finder_link(here: str, query: str) -> str:
    return esc(rel(here, "finder.html") + "#" + query)


def finder_filter(here: str, **filters: str) -> str:
    """A link into the finder with its filters set (finder.js reads them from the hash)."""
    return finder_link(here, "&".join(f"{k}={quote(v, safe='')}" for k, v in filters.items()))


def more_link(shown: int, total: int, href: str, unit: str = "个", noun: str = "段落",
              label: str = "在“查找段落”中查看全部") -> str:
    """The line under a list cut at `shown` items: the rest are a click away (in the finder)."""
    if total <= shown:
        return ""
    link = f'<a href="{href}">{esc(label)}</a>' if href else esc(label)
    return f'<p class="ck-list-more">这里列出前 {shown} {unit}，共 {total} {unit}{noun}：{link}</p>'

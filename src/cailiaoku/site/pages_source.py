"""Source-document pages (source/<doc-id>.html): the document re-assembled from its passages."""

from __future__ import annotations

from collections import Counter

from ..model import Document, Gap, Passage
from .markup import esc, join_heading, number_span, rel, text_block
from .parts import doc_meta, placeholder_chips, role_chip, theme_chips, toc_token
from .sitedata import SiteData, permalink_path, source_path, year_label

Rendered = tuple[str, list[dict]]


def _gap(gap: Gap) -> str:
    size = f"（约 {gap.chars} 字）" if gap.chars else ""
    note = esc(gap.note or "原文此处有内容未收录")
    return f'<div class="ck-gap" role="note"><strong>原文缺失{size}</strong>：{note}</div>'


def _tags(data: SiteData, p: Passage, here: str) -> str:
    """Role, themes, placeholders and the permalink; site.js adds 复制 and 加入草稿 (passageButtons)."""
    link = esc(rel(here, permalink_path(p.id)))
    return (f'<div class="ck-ptags">{role_chip(p.role)}{theme_chips(data, p.themes, here)}'
            f'{placeholder_chips(p)}<a class="ck-permalink" href="{link}" title="固定链接">¶ {esc(p.id)}</a></div>')


def _passage(data: SiteData, p: Passage, here: str, item_level: int) -> str:
    sep = ""
    if p.type in ("section", "item") and p.heading:
        level = 2 if p.type == "section" else item_level
        # heading and body (class ck-c), joined by data-copy-sep, are what 复制 copies: copy_text(p)
        head = f'<h{level} class="ck-h">{number_span(p)}<span class="ck-c">{esc(p.heading)}</span></h{level}>'
        body = f'<p class="ck-body-p ck-c">{esc(p.text)}</p>' if p.text else ""
        sep = join_heading(p.heading, p.text)
    else:
        head, body = "", f'<p>{number_span(p)}{text_block(p, f"ck-text-{p.id}")}</p>'
    joined = f' data-copy-sep="{esc(sep)}"' if sep else ""
    return (f'<div class="ck-p ck-t-{esc(p.type)}" id="{esc(p.id)}" data-passage-id="{esc(p.id)}"{joined}>'
            f"{head}{body}{_tags(data, p, here)}</div>")


def _toc(doc: Document) -> list[dict]:
    toc: list[dict] = []
    last_section: dict | None = None
    for p in doc.passages:
        name = f"{p.number}{p.heading}"
        if p.type == "section" and p.heading:
            last_section = toc_token(2, p.id, name)
            toc.append(last_section)
        elif p.type == "item" and p.heading:
            token = toc_token(3, p.id, name)
            (last_section["children"] if last_section else toc).append(token)
    return toc


def _meta(doc: Document) -> str:
    rows = [("文种", doc.kind), ("年份", year_label(doc)), ("单位", doc.org),
            ("来源文件", doc.source), ("段落数", str(len(doc.passages)))]
    if doc.gaps:
        rows.append(("原文缺失", f"{len(doc.gaps)} 处（见正文中的提示）"))
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows if v)
    return f'<table class="ck-meta ck-docinfo"><tbody>{cells}</tbody></table>'


def render(data: SiteData, doc: Document, here: str) -> Rendered:
    item_level = 3 if any(p.type == "section" for p in doc.passages) else 2
    gaps: dict[str | None, list[Gap]] = {}
    for gap in doc.gaps:
        gaps.setdefault(gap.after, []).append(gap)
    parts = [_gap(g) for g in gaps.get(None, [])]
    for p in doc.passages:
        parts.append(_passage(data, p, here, item_level))
        parts.extend(_gap(g) for g in gaps.get(p.id, []))
    provenance = ""
    if doc.provenance:
        provenance = (f'<div class="admonition info"><p class="admonition-title">来源说明</p>'
                      f"<p>{esc(doc.provenance)}</p></div>")
    # a light page: Material's search never reads it, so no noindex wrapper is needed
    html = f'<h1>{esc(doc.title)}</h1>{_meta(doc)}{provenance}<div class="ck-doc">{"".join(parts)}</div>'

    return html, _toc(doc)


def index_path(page: int) -> str:
    """Page `page` (from 1) of the list of documents: source/index.html, then source/index/2.html …"""
    return "source/index.html" if page == 1 else f"source/index/{page}.html"


def index_pages(data: SiteData, size: int) -> int:
    return max(1, -(-len(data.documents) // size))


def _pager(page: int, pages: int, here: str) -> str:
    if pages == 1:
        return ""
    links = [f"<strong>{n}</strong>" if n == page else f'<a href="{esc(rel(here, index_path(n)))}">{n}</a>'
             for n in range(1, pages + 1)]
    return f'<nav class="ck-pager" aria-label="分页">第 {page} 页，共 {pages} 页：{"".join(links)}</nav>'


def render_index(data: SiteData, here: str, page: int = 1, size: int = 100) -> Rendered:
    """One page of the list of documents, `size` per page (newest first)."""
    docs = data.documents
    rows = []
    for doc in docs[(page - 1) * size:page * size]:
        themes = Counter(t for p in doc.passages for t in p.themes[:1])
        top = theme_chips(data, [t for t, _ in themes.most_common(3)], here)
        rows.append(f'<tr><td><a href="{esc(rel(here, source_path(doc.id)))}">{esc(doc.title)}</a></td>'
                    f"<td>{doc_meta(doc)}</td><td>{len(doc.passages)}</td><td>{top}</td></tr>")
    table = ('<table class="ck-table"><thead><tr><th>范文</th><th>年份 · 单位 · 文种</th><th>段落</th>'
             f"<th>主要主题</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    pager = _pager(page, index_pages(data, size), here)
    html = (f"<h1>范文{'' if page == 1 else f'（第 {page} 页）'}</h1>"
            f"<p>段落库收录的全部范文（共 {len(docs)} 篇，新的在前）。每篇按原文顺序重新拼合，保留编号，"
            "原文缺失的部分会标出；每个段落都可以单独链接、复制或加入草稿。</p>" + pager + table + pager)
    return html, []

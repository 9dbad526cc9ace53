"""The permalink page of one passage: p/<id>.html, whose address never changes."""

from __future__ import annotations

from ..finder.similar import similar_label
from ..model import Passage
from .markup import (
    TYPE_NAMES,
    buttons,
    esc,
    number_span,
    passage_label,
    rel,
    safe_title,
    text_block,
)
from .parts import doc_meta, placeholder_chips, role_chip, theme_chips
from .sitedata import SiteData, permalink_path, source_path


def title(data: SiteData, passage_id: str) -> str:
    return safe_title(passage_label(data.where[passage_id][1]))


def _link(p: Passage, here: str) -> str:
    return (f'<a href="{esc(rel(here, permalink_path(p.id)))}">{number_span(p)}'
            f'{esc(passage_label(p))}</a>')


def _row(label: str, value: str) -> str:
    return f"<tr><th>{label}</th><td>{value}</td></tr>" if value else ""


def _similar(data: SiteData, p: Passage, here: str) -> str:
    """相似写法: the same thing said in other documents, most similar first."""
    rows = []
    for other_id, score in data.similar(p.id):
        doc, q = data.where[other_id]
        rows.append(f'<li class="ck-similar-item" data-passage-id="{esc(q.id)}">{_link(q, here)}'
                    f'<span class="ck-similar-score" title="字面相似度 {round(score * 100)}%">{similar_label(score)}</span>'
                    + (f'<div class="ck-similar-text">{esc(q.text[:120])}{"…" if len(q.text) > 120 else ""}</div>'
                       if q.text else "") +
                    f'<div class="ck-small">{esc(doc.title)}（{doc_meta(doc)}）</div></li>')
    if not rows:
        return ""
    # the sentence explaining 相似写法 is the same on every page: site.css writes it (::before)
    return (f'<section class="ck-similar"><h2 id="similar">相似写法 <small>{len(rows)} 处</small></h2>'
            f'<ol class="ck-similar-list">{"".join(rows)}</ol></section>')


def render(data: SiteData, passage_id: str, here: str) -> str:
    doc, p = data.where[passage_id]
    text_id = f"ck-text-{p.id}"
    source_href = esc(rel(here, source_path(doc.id, p.id)))
    crumbs = [f'<a href="{esc(rel(here, source_path(doc.id)))}">{esc(doc.title)}</a>']
    crumbs += [_link(a, here) for a in data.ancestors(p)]
    parent = data.parent(p)
    children = data.children.get(p.id, [])
    kids = "".join(f"<li>{_link(c, here)}</li>" for c in children)
    table = "".join([
        _row("段落编号", f'<code class="ck-id">{esc(p.id)}</code>（固定链接，不会改变）'),
        _row("主题", theme_chips(data, p.themes, here) or "（未标注）"),
        _row("角色", role_chip(p.role)),
        _row("结构", esc(TYPE_NAMES.get(p.type, p.type)) + (f"，编号 {esc(p.number)}" if p.number else "")),
        _row("待填内容", placeholder_chips(p)),
        _row("来源", f'<a href="{source_href}">{esc(doc.title)}</a>（{doc_meta(doc)}）'),
        _row("上级段落", _link(parent, here) if parent else ""),
        _row("下级段落", f'<ol class="ck-children">{kids}</ol>' if kids else ""),
    ])
    # a light page: Material's search never reads it, so no noindex wrappers are needed
    return (
        f'<h1 class="ck-passage-title">{number_span(p)}{esc(passage_label(p))}</h1>'
        f'<nav class="ck-path" aria-label="所在位置">{" › ".join(crumbs)}</nav>'
        f'<div class="ck-permalink-text"><p>{text_block(p, text_id)}</p></div>'
        f'<div class="ck-actions">{buttons(p, text_id)}<a class="md-button" href="{source_href}">在原文中查看</a>'
        f'</div><table class="ck-meta"><tbody>{table}</tbody></table>' + _similar(data, p, here)
    )

"""The phrase bank (phrases.html): every heading by theme and role, and recurring phrase patterns."""

from __future__ import annotations

from ..model import ROLES, Document, Passage
from .markup import esc, noindex, rel
from .parts import block, finder_filter, more_link, toc_token
from .phrases import PATTERNS, Phrase, collect
from .sitedata import SiteData, permalink_path

Rendered = tuple[str, list[dict]]
NO_THEME = "未分主题"
MAX_LINKS = 5
PHRASE_CAP = 50  # phrases listed per pattern (most frequent first)
HEADING_BUDGET = 720  # headings listed in all (15 for each theme and role of a 12-theme taxonomy)


def _copy(text: str) -> str:
    return f'<button class="ck-copy ck-mini" type="button" data-copy-text="{esc(text)}">复制</button>'


def _from(doc: Document, p: Passage, here: str) -> str:
    label = f"{doc.org}{doc.year or ''} {p.number}".strip()
    return (f'<a class="ck-from" href="{esc(rel(here, permalink_path(p.id)))}" '
            f'title="{esc(doc.title)}">{esc(label)}</a>')


def _heading_item(doc: Document, p: Passage, here: str) -> str:
    return (f'<li><span class="ck-phrase">{esc(p.heading)}</span>{_copy(p.heading)}'
            f"{_from(doc, p, here)}</li>")


def _heading_list(items: list[tuple[Document, Passage]], theme: str, role: str, here: str,
                  limit: int) -> str:
    rows = [(d, p) for d, p in items if p.role == role]
    if not rows:
        return ""
    href = finder_filter(here, theme=theme, role=role) if theme != NO_THEME else ""
    label = "在“查找段落”中查看全部段落" if href else "在各范文页面中查看"
    return (f'<h4>{esc(ROLES[role])}</h4><ul class="ck-phrases">'
            f'{"".join(_heading_item(d, p, here) for d, p in rows[:limit])}</ul>'
            + more_link(limit, len(rows), href, "个", "标题", label))


def _headings(data: SiteData, here: str, limit: int) -> tuple[str, list[dict]]:
    groups: dict[str, list[tuple[Document, Passage]]] = {t.name: [] for t in data.taxonomy.themes}
    for doc in data.documents:
        for p in doc.passages:
            if not p.heading:
                continue
            for name in p.themes or [NO_THEME]:
                groups.setdefault(name, []).append((doc, p))
    filled = sum(1 for items in groups.values() for role in ROLES if any(p.role == role for _, p in items))
    per_group = max(1, min(limit, HEADING_BUDGET // max(1, filled)))
    parts, toc = [], []
    for i, (name, items) in enumerate(groups.items()):
        if not items:
            continue
        roles = [_heading_list(items, name, role, here, per_group) for role in ROLES]
        anchor = f"t{i + 1}"
        parts.append(block(anchor, 3, f"{esc(name)}<small>（{len(items)}）</small>", "".join(roles)))
        toc.append(toc_token(3, anchor, name))
    return "".join(parts), toc


def _phrase_item(data: SiteData, ph: Phrase, here: str) -> str:
    links = "".join(_from(*data.where[pid], here) for pid in ph.passages[:MAX_LINKS])
    more = f'<span class="ck-small">等 {ph.count} 处</span>' if ph.count > MAX_LINKS else ""
    count = f'<span class="ck-count">×{ph.count}</span>' if ph.count > 1 else ""
    return f'<li><span class="ck-phrase">{esc(ph.text)}</span>{count}{_copy(ph.text)}{links}{more}</li>'


def render(data: SiteData, here: str, limit: int = 30) -> Rendered:
    heads, head_toc = _headings(data, here, limit)
    texts = ((p.id, f"{p.heading}。{p.text}") for _, p in data.library.passages())
    found = collect(texts, data.taxonomy.all_terms())
    blocks = [block("headings", 2, "标题（按主题和角色）", heads)]
    toc = [toc_token(2, "headings", "标题", head_toc)]
    for key, (name, note) in PATTERNS.items():
        items = "".join(_phrase_item(data, ph, here) for ph in found[key][:PHRASE_CAP])
        rest = len(found[key]) - PHRASE_CAP
        more = f'<p class="ck-list-more">另有 {rest} 个出现较少的未列出。</p>' if rest > 0 else ""
        body = f'<p class="ck-small">{esc(note)}</p><ul class="ck-phrases">{items}</ul>{more}'
        blocks.append(block(key, 2, f"{esc(name)}<small>（{len(found[key])}）</small>", body))
        toc.append(toc_token(2, key, name))
    intro = ("<h1>提纲库</h1><p>范文中的各级标题和常用句式。点“复制”直接取用，"
             "点出处查看原段落。标题按主题和段落角色（总体情况、主要做法、存在问题、下一步计划）分组；"
             "句式按对仗、四字短语、引号提法归类，出现次数多的在前。</p>")
    return intro + noindex("".join(blocks)), toc

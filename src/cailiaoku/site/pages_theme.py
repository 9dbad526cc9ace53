"""Theme pages (themes/<slug>.html) and the theme overview (themes/index.html)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from urllib.parse import quote

from ..model import ROLES, Document, Passage
from ..taxonomy import Theme
from .markup import esc, noindex, rel
from .parts import block, card, finder_filter, finder_link, more_link, toc_token
from .sitedata import SiteData, theme_path

Rendered = tuple[str, list[dict]]


# Bytes of cards on one theme page, shared by its roles: however long a library's passages are,
# the page stays small (~60 KB of html at 10,000 synthetic passages); the rest are in the finder.
CARD_BYTES = 40_000


def _within_budget(groups: list[list[tuple[Document, Passage]]], render_card: Callable[[Document, Passage], str],
                   limit: int, budget: int = CARD_BYTES) -> list[list[str]]:
    """The first cards of each group, taken in turns (first of every group, then second...) while
    they fit the budget; a group stops at its first card that does not fit, but shows at least one."""
    shown: list[list[str]] = [[] for _ in groups]
    full = [False] * len(groups)
    left = budget
    for k in range(limit):
        for i, group in enumerate(groups):
            if full[i] or k >= len(group):
                continue
            html = render_card(*group[k])
            size = len(html.encode("utf-8"))
            if size > left and shown[i]:
                full[i] = True
                continue
            shown[i].append(html)
            left -= size
    return shown


def render(data: SiteData, theme: Theme, here: str, limit: int = 30) -> Rendered:
    items = data.theme_passages(theme)
    docs = {d.id for d, _ in items}
    intro = (
        f"<h1>{esc(theme.name)}</h1>"
        f'<p class="ck-desc">{esc(theme.description)}</p>'
        f'<p class="ck-stats">共 {len(items)} 个段落，来自 {len(docs)} 篇范文。'
        f'<a href="{finder_link(here, "theme=" + quote(theme.name))}">在“查找段落”中按本主题筛选</a></p>'
    )
    if theme.terms:
        terms = "、".join(esc(t) for t in theme.terms)
        intro += f'<details class="ck-terms"><summary>关键词</summary><p>{terms}</p></details>'
    groups = [[(d, p) for d, p in items if p.role == role] for role in ROLES]
    shown = _within_budget(groups, lambda d, p: card(data, d, p, here, heading_level=3, once=True), limit)
    blocks, toc = [], []
    for (role, name), group, cards in zip(ROLES.items(), groups, shown, strict=True):
        body = "".join(cards) or '<p class="ck-empty">暂无段落。</p>'
        more = more_link(len(cards), len(group), finder_filter(here, theme=theme.name, role=role))
        anchor = f"role-{role}"
        blocks.append(block(anchor, 2, f"{esc(name)}<small>（{len(group)}）</small>",
                            noindex(f'<div class="ck-cards">{body}</div>{more}')))
        toc.append(toc_token(2, anchor, f"{name}（{len(group)}）"))
    return intro + "".join(blocks), toc


def render_index(data: SiteData, here: str) -> Rendered:
    rows = []
    for theme in data.taxonomy.themes:
        counts = Counter(p.role for _, p in data.by_theme.get(theme.name, []))
        cells = "".join(f"<td>{counts.get(r, 0)}</td>" for r in ROLES)
        rows.append(
            f'<tr><td><a href="{esc(rel(here, theme_path(theme)))}">{esc(theme.name)}</a></td>'
            f"<td>{esc(theme.description)}</td>{cells}<td>{sum(counts.values())}</td></tr>"
        )
    head = "".join(f"<th>{esc(n)}</th>" for n in ROLES.values())
    table = (f'<table class="ck-table"><thead><tr><th>主题</th><th>说明</th>{head}<th>合计</th></tr>'
             f"</thead><tbody>{''.join(rows)}</tbody></table>")
    html = ("<h1>主题</h1><p>每个段落按内容标注了一个或多个主题（排在前面的是主要主题）。"
            "点主题名查看该主题下按角色分组的全部段落。</p>" + table)
    return html, []

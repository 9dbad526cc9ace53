"""Index pages: documents by year, by org and by kind (by-year.html, by-org.html, by-kind.html)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..model import ROLES, Document
from .markup import esc, rel
from .parts import block, doc_meta, finder_filter, more_link, theme_chips, toc_token
from .sitedata import SiteData, source_path, year_label

Rendered = tuple[str, list[dict]]
ROW_BUDGET = 300  # documents listed on one index page, however large the library
GROUP_CAP = 200  # groups listed (each with its count and a link into the finder)

INDEXES: dict[str, tuple[str, str]] = {
    "by-year": ("按年份", "按范文所属年份浏览，新的在前。"),
    "by-org": ("按单位", "按发文单位浏览。"),
    "by-kind": ("按文种", "按文种浏览（文种及其顺序见 taxonomy.yaml 的 kinds:）。"),
}


# The finder's filter for each index and the value a document has there ("" for none).
FACETS: dict[str, tuple[str, Callable[[Document], str]]] = {
    "by-year": ("year", lambda d: str(d.year) if d.year else ""),
    "by-org": ("org", lambda d: d.org or ""),
    "by-kind": ("kind", lambda d: d.kind or ""),
}


def _groups(data: SiteData, name: str) -> list[tuple[str, list[Document]]]:
    key: Callable[[Document], str]
    if name == "by-year":
        key = year_label
    elif name == "by-org":
        key = lambda d: d.org or "单位不详"  # noqa: E731
    else:
        key = lambda d: d.kind or "文种不详"  # noqa: E731
    groups: dict[str, list[Document]] = {}
    for doc in data.documents:  # newest first already
        groups.setdefault(key(doc), []).append(doc)
    if name == "by-kind":
        rank = {k: i for i, k in enumerate(data.taxonomy.kind_names)}
        return sorted(groups.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
    if name == "by-org":
        return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return list(groups.items())


def _doc_row(data: SiteData, doc: Document, here: str) -> str:
    roles = Counter(p.role for p in doc.passages)
    mix = "、".join(f"{ROLES[r]} {roles[r]}" for r in ROLES if roles.get(r))
    themes = Counter(t for p in doc.passages for t in p.themes[:1])
    top = theme_chips(data, [t for t, _ in themes.most_common(3)], here)
    return (f'<li><a href="{esc(rel(here, source_path(doc.id)))}">{esc(doc.title)}</a>'
            f'<span class="ck-docmeta">{doc_meta(doc)} · {len(doc.passages)} 个段落</span>'
            f'<div class="ck-small">{esc(mix)}</div><div class="ck-tags">{top}</div></li>')


def _more(data: SiteData, name: str, docs: list[Document], shown: int, here: str) -> str:
    facet, value_of = FACETS[name]
    value = value_of(docs[0])
    count = sum(len(d.passages) for d in docs)
    if value:
        href, label = finder_filter(here, **{facet: value}), f"在“查找段落”中查看这些范文的全部 {count} 个段落"
    else:
        href, label = esc(rel(here, "source/index.html")), "在“范文”列表中查看全部范文"
    return more_link(shown, len(docs), href, "篇", "范文", label)


def render(data: SiteData, name: str, here: str, limit: int = 30) -> Rendered:
    """Groups in order, each listing its first documents: at most ROW_BUDGET documents and
    GROUP_CAP groups on the page, the rest reached through the finder's filters."""
    title, intro = INDEXES[name]
    groups = _groups(data, name)
    per_group = max(1, min(limit, ROW_BUDGET // max(1, min(len(groups), GROUP_CAP))))
    blocks, toc = [], []
    for i, (label, docs) in enumerate(groups[:GROUP_CAP]):
        count = sum(len(d.passages) for d in docs)
        anchor = f"g{i + 1}"
        rows = "".join(_doc_row(data, d, here) for d in docs[:per_group])
        blocks.append(block(anchor, 2, f"{esc(label)}<small>（{len(docs)} 篇，{count} 个段落）</small>",
                            f'<ul class="ck-doclist">{rows}</ul>' + _more(data, name, docs, per_group, here)))
        toc.append(toc_token(2, anchor, f"{label}（{len(docs)}）"))
    if len(groups) > GROUP_CAP:
        rest = len(groups) - GROUP_CAP
        blocks.append(f'<p class="ck-list-more">另有 {rest} 组（范文较少的）未列出：可在'
                      f'<a href="{esc(rel(here, "finder.html"))}">“查找段落”</a>中筛选。</p>')
    return f"<h1>{esc(title)}</h1><p>{esc(intro)}</p>" + "".join(blocks), toc

"""`cailiaoku search`: the finder on the command line (same matching and ranking as the site)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import click

from ..clibase import ROLE, Command
from ..errors import CailiaokuError
from ..model import ROLES
from ..project import Project
from .engine import Searcher, SearchResult
from .highlight import bracket


def load_searcher(project: Project) -> Searcher:
    """The project's searcher; its corpus comes from .cache/ until a snippets file or
    taxonomy.yaml changes (building it segments every passage: seconds at 10,000)."""
    files = [project.taxonomy, *sorted(project.snippets.glob("*.yaml"))]
    stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file())
    return _searcher(project.root, stamp)


@lru_cache(maxsize=2)
def _searcher(root: Path, stamp: tuple) -> Searcher:
    from ..cache import cached
    from ..library import library_files

    project = Project(root)
    inputs = [project.taxonomy, *library_files(project.snippets)]
    return Searcher(cached(root / ".cache" / "cailiaoku", "search", inputs, lambda: _corpus(project)))


def _corpus(project: Project) -> object:
    from ..library import load_library
    from ..taxonomy import load_taxonomy
    from .corpus import build_corpus

    return build_corpus(load_library(project.snippets), load_taxonomy(project.taxonomy),
                        cache_dir=project.root / ".cache" / "cailiaoku")


def _check_themes(searcher: Searcher, themes: tuple[str, ...]) -> None:
    known = searcher.corpus.theme_names
    for theme in themes:
        if theme not in known:
            raise CailiaokuError(f"未知的主题：{theme}", hint=f"可选：{'、'.join(known)}。")


def result_json(searcher: Searcher, result: SearchResult, limit: int | None) -> dict:
    marks = result.marks()
    hits = result.hits if limit is None else result.hits[:limit]
    return {
        "total": len(result.hits),
        "ids": result.ids,
        "results": [{
            "id": h.entry.passage.id, "score": h.score, "doc": h.entry.doc.id,
            "title": h.entry.doc.title, "number": h.entry.passage.number,
            "heading": h.entry.passage.heading, "text": h.entry.passage.text,
            "path": searcher.corpus.path(h.entry), "role": h.entry.passage.role,
            "themes": h.entry.passage.themes, "placeholders": h.entry.passage.placeholders,
            "permalink": f"p/{h.entry.passage.id}.html",
            "marked": bracket(h.entry.passage.heading, marks) + "\n" + bracket(h.entry.passage.text, marks),
            "folded": [f.entry.passage.id for f in h.folded],
            "similar": [{"id": searcher.corpus.entries[o].passage.id, "similarity": s}
                        for o, s in searcher.corpus.similar.get(h.entry.ordinal, [])],
        } for h in hits],
        "counts": result.counts,
        "clauses": [{"kind": c.kind, "text": c.text, "exclude": c.exclude, "tokens": list(c.tokens),
                     "synonyms": list(c.alts)}
                    for c in result.clauses],
    }


def print_text(searcher: Searcher, result: SearchResult, limit: int | None) -> None:
    marks = result.marks()
    for h in result.hits if limit is None else result.hits[:limit]:
        p = h.entry.passage
        trail = " › ".join([h.entry.doc.title, *searcher.corpus.path(h.entry)])
        click.echo(f"[{p.id}] {trail}")
        if p.heading:
            click.echo(f"  {p.number}{bracket(p.heading, marks)}")
        if p.text:
            click.echo(f"  {bracket(p.text, marks)}")
        click.echo(f"  {ROLES.get(p.role, p.role)} · {'、'.join(p.themes) or '无主题'} · p/{p.id}.html")
        if h.folded:
            click.echo(f"  另有 {len(h.folded)} 种相近写法：{'、'.join(f.entry.passage.id for f in h.folded)}")
    shown = len(result.hits) if limit is None else min(limit, len(result.hits))
    click.echo(f"共 {len(result.hits)} 条" + (f"，显示前 {shown} 条" if shown < len(result.hits) else "") + "。")


@click.command(cls=Command)
@click.argument("query", nargs=-1)
@click.option("--exact", is_flag=True, help="精确匹配：把整个检索词当作一个短语，按原文查找。")
@click.option("--theme", multiple=True, help="主题（可重复，满足其一即可）。")
@click.option("--role", multiple=True, type=ROLE, help="角色：总体情况、主要做法、存在问题、下一步计划（可重复）。")
@click.option("--kind", multiple=True, help="文种（taxonomy.yaml 的 kinds:，如 总结、述职报告；可重复）。")
@click.option("--year", multiple=True, help="年份（可重复）。")
@click.option("--org", multiple=True, help="单位（可重复）。")
@click.option("--placeholders", is_flag=True, help="只要含待填占位符（*、x、〔...〕等）的段落。")
@click.option("--synonyms", is_flag=True, help="含近义词：同时查找 taxonomy.yaml 中列出的近义说法（如 网评 与 网络评论）。")
@click.option("--fold", "fold_similar", is_flag=True, help="合并相近写法：其他范文中几乎相同的段落并入排在前面的一条。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（含全部结果 id、得分和筛选计数）。")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="最多显示几条。")
@click.pass_obj
def search(project: Project, query: tuple[str, ...], exact: bool, theme: tuple[str, ...],
           role: tuple[str, ...], kind: tuple[str, ...], year: tuple[str, ...], org: tuple[str, ...],
           placeholders: bool, synonyms: bool, fold_similar: bool, as_json: bool, limit: int | None) -> None:
    """检索段落：词语检索（多个词同时满足，-词 排除，"短语" 精确匹配），可按主题、角色等筛选。"""
    text = " ".join(query)
    filters = {"theme": list(theme), "role": list(role), "kind": list(kind),
               "year": list(year), "org": list(org), "ph": ["1"] if placeholders else []}
    if not text.strip() and not any(filters.values()):
        raise CailiaokuError("请输入检索词或筛选条件", hint='例如：cailiaoku search 三审三校，或 cailiaoku search --theme 理论学习 --role 下一步计划。')
    searcher = load_searcher(project)
    _check_themes(searcher, theme)
    result = searcher.search(text, filters, exact=exact, synonyms=synonyms, fold_similar=fold_similar)
    if as_json:
        click.echo(json.dumps(result_json(searcher, result, limit), ensure_ascii=False, indent=1))
    else:
        print_text(searcher, result, limit)

"""`cailiaoku passages`: list the library's passages as a Chinese table, JSON or YAML."""

from __future__ import annotations

import json

import click

from ..clibase import ROLE, Command
from ..clihelp import width
from ..errors import CailiaokuError
from ..project import Project
from .listing import Filters, check, select

_COLUMNS = (("段落id", 8), ("文档", 20), ("角色", 10), ("主题", 18))


def _cut(text: str, limit: int) -> str:
    """At most `limit` columns, padded to exactly that many."""
    out, used = "", 0
    for ch in text:
        w = width(ch)
        if used + w > limit - (1 if len(text) > len(out) + 1 else 0):
            out, used = out + "…", used + 1
            break
        out, used = out + ch, used + w
    return out + " " * max(0, limit - used)


def _table(rows: list[dict]) -> None:
    click.echo("  ".join(_cut(name, size) for name, size in _COLUMNS) + "  内容")
    for r in rows:
        body = (r["number"] + r["heading"] + ("。" if r["heading"] and r["text"] else "") + r["text"])
        cells = (r["id"], r["doc"], r["role_name"], "、".join(r["themes"]) or "无")
        line = "  ".join(_cut(c, size) for c, (_, size) in zip(cells, _COLUMNS, strict=True))
        click.echo(f"{line}  {_cut(' '.join(body.split()), 40).rstrip()}")
    click.echo(f"共 {len(rows)} 个段落。")


@click.command("passages", cls=Command)
@click.option("--theme", "themes", multiple=True, help="主题（可写多次，满足其一即可）。")
@click.option("--role", "roles", multiple=True, type=ROLE, help="角色：总体情况、主要做法、存在问题、下一步计划（可写多次）。")
@click.option("--doc", "docs", multiple=True, help="文档 id（snippets/ 下的文件名，不含 .yaml；可写多次）。")
@click.option("--kind", "kinds", multiple=True, help="文种，如 总结、计划、要点（可写多次）。")
@click.option("--year", "years", multiple=True, type=int, help="年份，如 2024（可写多次）。")
@click.option("--org", "orgs", multiple=True, help="单位，如 市委政研室（可写多次）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 数组，每个段落一个对象（供脚本使用）。")
@click.option("--yaml", "as_yaml", is_flag=True, help="输出 YAML 列表，字段与 --json 相同。")
@click.pass_obj
def passages(project: Project, themes: tuple[str, ...], roles: tuple[str, ...], docs: tuple[str, ...],
             kinds: tuple[str, ...], years: tuple[int, ...], orgs: tuple[str, ...],
             as_json: bool, as_yaml: bool) -> None:
    """列出段落库中的段落，可按主题、角色、文档、文种、年份、单位筛选；默认为中文表格。"""
    from ..library import load_library
    from ..taxonomy import load_taxonomy
    from ..yamlio import dump

    if as_json and as_yaml:
        raise CailiaokuError("--json 和 --yaml 只能选一个", hint="去掉其中一个选项。")
    library = load_library(project.snippets)
    filters = Filters(list(themes), list(roles), list(docs), list(kinds), list(years), list(orgs))
    check(filters, library, load_taxonomy(project.taxonomy))
    rows = select(library, filters)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif as_yaml:
        click.echo(dump(rows) if rows else "[]", nl=not rows)
    else:
        _table(rows)

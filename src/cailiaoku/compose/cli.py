"""`cailiaoku export`: passages (or an outline / saved draft) → a 公文-format .docx."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..clibase import Command
from ..project import Project


def split_ids(values: tuple[str, ...]) -> list[str]:
    """--ids a,b --ids c d → [a, b, c, d] (commas or spaces), first occurrence kept."""
    ids = [part for v in values for part in re.split(r"[,，\s]+", v) if part]
    return list(dict.fromkeys(ids))


@click.command("export", cls=Command)
@click.option("--ids", "id_opts", multiple=True, metavar="段落id…", help="段落 id，可用逗号或空格分隔，可写多次。")
@click.argument("more_ids", nargs=-1)
@click.option("--outline", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="提纲文件（网页“导出草稿”的 .json，或手写的 YAML/JSON 提纲）。")
@click.option("--org", default=None, help="本单位名称：替换范文中的来源单位。")
@click.option("--year", type=int, default=None, help="年份：范文中的年份按同样差值替换（2024年→2025年）。")
@click.option("--kind", default=None, help="文种（taxonomy.yaml 的 kinds:，如 总结、计划、要点、述职报告），决定提纲。")
@click.option("--title", default=None, help="标题；不写则为“单位+年份+意识形态工作+文种”。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="输出的 .docx 文件。")
@click.pass_obj
def export(project: Project, id_opts: tuple[str, ...], more_ids: tuple[str, ...], outline: Path | None,
           org: str | None, year: int | None, kind: str | None, title: str | None, output: Path) -> None:
    """按 GB/T 9704-2012 公文格式把段落导出为 Word 草稿（.docx）。"""
    from ..library import load_library
    from ..taxonomy import load_taxonomy
    from .assemble import build_draft
    from .draft import DraftError
    from .export import export_docx
    from .render import estimate_pages, render, unfilled
    from .spec import load_layout

    spec = load_layout(load_taxonomy(project.taxonomy).kinds)
    if kind is not None and kind not in spec["kinds"]:
        raise DraftError(f"没有文种“{kind}”", hint=f"可用的文种：{'、'.join(spec['kinds'])}（见 taxonomy.yaml 的 kinds:）。")
    library = load_library(project.snippets)
    draft = build_draft(library, spec, ids=split_ids(id_opts + more_ids), outline=outline,
                        kind=kind, org=org, year=year, title=title)
    export_docx(draft, spec, output)
    paragraphs = render(draft, spec)
    replaced = sum(1 for p in paragraphs for r in p["runs"] if r["mark"] == "replaced")
    blocks = sum(len(s["blocks"]) for s in draft["sections"])
    click.echo(f"已导出 {output}：{blocks} 个段落，{len(paragraphs)} 个自然段（{draft['kind']}），"
               f"约 {estimate_pages(paragraphs, spec)} 页。")
    if replaced:
        click.echo(f"已把来源单位和年份替换为本单位、本年度：{replaced} 处。")
    _report_unfilled(draft, spec, unfilled(draft, spec))


def _report_unfilled(draft: dict, spec: dict, items: list[dict]) -> None:
    if not items:
        click.echo("没有待填写的占位符或原文数字。")
        return
    click.echo(f"待填写 {len(items)} 处（占位符和原文中的具体数字，请换成本单位的实际情况）：")
    for item in items:
        block = draft["sections"][item["section"]]["blocks"][item["block"]]
        what = "占位符" if item["mark"] == "placeholder" else "原文数字"
        name = block.get("heading") or block.get("text", "")[:12]
        click.echo(f"  {block.get('id') or '自写'}（{name}）：{what} {item['text']}")

"""`cailiaoku export`: passages (or an outline / saved draft) → a 公文-format .docx."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..clibase import OUTPUT_FILE, Command
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
@click.option("--recipient", default=None, help="主送机关，如：各科室、局属各单位（标题下顶格，末尾加冒号）。")
@click.option("--attachment", "attachments", multiple=True, metavar="名称",
              help="附件名称，可写多次（正文下“附件：1.…”）。")
@click.option("--signature", default=None, help="署名（发文机关）；给了日期而不写署名时用 --org。")
@click.option("--date", "date", default=None, help="成文日期，如：2025年3月1日（阿拉伯数字，不编虚位）。")
@click.option("--seal/--no-seal", default=None, help="加盖印章：日期右空四字、署名居中、留出印章位置。")
@click.option("--clean", is_flag=True, default=False,
              help="导出干净稿：不突出显示、不加批注（默认标出待填写、待替换和原文数字）。")
@click.option("-o", "--output", type=OUTPUT_FILE, required=True,
              help="输出的 .docx 文件。")
@click.pass_obj
def export(project: Project, id_opts: tuple[str, ...], more_ids: tuple[str, ...], outline: Path | None,
           org: str | None, year: int | None, kind: str | None, title: str | None,
           recipient: str | None, attachments: tuple[str, ...], signature: str | None, date: str | None,
           seal: bool | None, clean: bool, output: Path) -> None:
    """按 GB/T 9704-2012 公文格式把段落导出为 Word 草稿（.docx）。"""
    from ..library import load_library
    from ..taxonomy import load_taxonomy
    from .assemble import build_draft
    from .draft import DraftError
    from .export import export_docx
    from .orgs import with_orgs
    from .render import estimate_pages, render, unfilled
    from .spec import load_layout

    spec = load_layout(load_taxonomy(project.taxonomy).kinds)
    if kind is not None and kind not in spec["kinds"]:
        raise DraftError(f"没有文种“{kind}”", hint=f"可用的文种：{'、'.join(spec['kinds'])}（见 taxonomy.yaml 的 kinds:）。")
    library = load_library(project.snippets)
    spec = with_orgs(spec, library)
    draft = build_draft(library, spec, ids=split_ids(id_opts + more_ids), outline=outline,
                        kind=kind, org=org, year=year, title=title)
    for key, value in (("recipient", recipient), ("signature", signature), ("date", date), ("seal", seal)):
        if value is not None:
            draft[key] = value
    if attachments:
        draft["attachments"] = list(attachments)
    export_docx(draft, spec, output, clean=clean)
    paragraphs = render(draft, spec)
    replaced = sum(1 for p in paragraphs for r in p["runs"] if r["mark"] == "replaced")
    blocks = sum(len(s["blocks"]) for s in draft["sections"])
    click.echo(f"已导出 {output}：{blocks} 个段落，{len(paragraphs)} 个自然段（{draft['kind']}），"
               f"约 {estimate_pages(paragraphs, spec)} 页。")
    if replaced:
        click.echo(f"已把来源单位和年份替换为本单位、本年度：{replaced} 处。")
    _report_unfilled(draft, spec, unfilled(draft, spec))
    if not clean:
        click.echo("文中待填写、待替换和原文数字已突出显示并加了批注；要不带标记的稿子，请加 --clean。")
    from .check import check_draft_findings, format_findings

    findings = [f for f in check_draft_findings(draft, spec) if f["rule"] not in ("placeholder", "foreign")]
    if findings:
        click.echo(f"草稿检查另外发现 {len(findings)} 处问题（已照常导出，请在 Word 中修改，或改草稿后重新导出）：")
        for line in format_findings(findings, draft):
            click.echo(f"  {line}")


def _report_unfilled(draft: dict, spec: dict, items: list[dict]) -> None:
    if not items:
        click.echo("没有待填写的占位符、待替换的其他单位名称或原文数字。")
        return
    labels = {k: v["label"] for k, v in spec["marks"].items() if isinstance(v, dict)}
    click.echo(f"待填写 {len(items)} 处（占位符、其他单位的名称（待替换）和原文中的具体数字，请换成本单位的实际情况）：")
    for item in items:
        if item["section"] < 0:
            click.echo(f"  标题：{labels[item['mark']]} {item['text']}")
            continue
        block = draft["sections"][item["section"]]["blocks"][item["block"]]
        name = block.get("heading") or block.get("text", "")[:12]
        click.echo(f"  {block.get('id') or '自写'}（{name}）：{labels[item['mark']]} {item['text']}")


@click.command("check", cls=Command)
@click.argument("draft_file", metavar="草稿文件", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="用语规则文件（默认用材料库自带的 wording.yaml）。")
@click.pass_obj
def check(project: Project, draft_file: Path, rules: Path | None) -> None:
    """草稿检查：编号、待填写、待替换、年份、时间词、空白部分、重复段落、规范用语、成文日期。

    草稿文件是组稿页“导出草稿”的 .json，或导出（也可以是改过）的 .docx。发现问题时退出码为 1。
    """
    import sys

    from ..library import load_library
    from ..taxonomy import load_taxonomy
    from .check import format_findings
    from .checkfile import check_file
    from .orgs import with_orgs
    from .spec import load_layout

    spec = with_orgs(load_layout(load_taxonomy(project.taxonomy).kinds), load_library(project.snippets))
    draft, findings = check_file(draft_file, spec, rules)
    if not findings:
        click.echo(f"草稿检查：{draft_file} 没有发现问题。")
        return
    click.echo(f"草稿检查：{draft_file} 发现 {len(findings)} 处问题：")
    for line in format_findings(findings, draft if draft_file.suffix.lower() == ".json" else None):
        click.echo(f"  {line}")
    sys.exit(1)

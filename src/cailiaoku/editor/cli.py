"""Editors' commands: `new-passage` and `add-source` (thin layers over editor.passage/source)."""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import click

from ..clibase import ROLE, Command
from ..model import ROLES, TYPES
from ..project import Project
from ..taxonomy import Taxonomy, load_taxonomy
from .passage import PassageRequest, add_passage, documents, load_target, placement, tidy
from .source import SourceRequest, add_source

_prompt = functools.partial(click.prompt, prompt_suffix="：")  # full-width colon after Chinese
_SPLIT = re.compile(r"[、，,;；\s]+")


def _choose_doc(project: Project) -> str:
    docs = documents(project)
    for n, (_, doc) in enumerate(docs, 1):
        click.echo(f"  {n}) {doc.id}  {doc.title}")
    answer = _prompt("加到哪个文档（序号或文档 id）")
    if answer.isdigit() and 1 <= int(answer) <= len(docs):
        return docs[int(answer) - 1][1].id
    return answer


def _show_outline(project: Project, req: PassageRequest) -> None:
    _, doc = load_target(project, req.doc, req.after)
    click.echo(f"《{doc.title}》现有段落（id  编号  标题或正文开头）：")
    for p in doc.passages:
        indent = "  " * max(0, min(p.level, 4))
        click.echo(f"  {p.id}  {indent}{p.number}{(p.heading or p.text)[:24]}")


def _ask(project: Project, req: PassageRequest, taxonomy: Taxonomy) -> None:
    """Prompt for whatever the flags left out, offering inferred defaults."""
    if not req.doc and not req.after:
        req.doc = _choose_doc(project)
    if not req.after:
        _show_outline(project, req)
        req.after = _prompt("插在哪个段落之后（段落 id；直接回车 = 加在文末）", default="", show_default=False)
    req.type = _prompt("段落类型", type=click.Choice(TYPES), default=req.type)
    _, doc = load_target(project, req.doc, req.after)
    guess = placement(doc, req)
    if req.type != "para":
        req.number = _prompt("编号（如 （三）、4.、三是）", default=req.number or guess.number)
    req.heading = req.heading or _prompt("小标题（可空）", default="", show_default=False)
    req.text = req.text or _prompt("正文")
    default = req.role or guess.role
    req.role = _prompt(f"角色（{'、'.join(ROLES.values())}）", type=ROLE,
                            default=ROLES.get(default) if default else None)
    if not req.themes:
        from ..ingest.tagging import tag_themes

        suggested = tag_themes(taxonomy, tidy(req.heading), tidy(req.text))
        click.echo("可用主题：" + "、".join(taxonomy.names))
        answer = _prompt("主题（多个用顿号分隔，最相关的写在前面）", default="、".join(suggested))
        req.themes = [t for t in _SPLIT.split(answer) if t]


@click.command("new-passage", cls=Command)
@click.option("--doc", default="", help="文档 id（snippets/ 下的文件名，不含 .yaml）。")
@click.option("--after", default="", help="插在这个段落（连同它的下级段落）之后；不写则加在文末。")
@click.option("--parent", default="", help="上级段落 id；不写则按 --after 和段落类型推断。")
@click.option("--type", "ptype", type=click.Choice(TYPES), default="para", show_default=True,
              help="section=一、 item=（一）/1. point=一是 para=无编号段落。")
@click.option("--number", default="", help="编号，如 （三）、4.、三是；不写则顺延同级编号。")
@click.option("--heading", default="", help="小标题（如“强化理论武装”），可空。")
@click.option("--text", default="", help="正文；写 - 则从标准输入读取（可多行）。")
@click.option("--role", type=ROLE, default=None,
              help="总体情况、主要做法、存在问题、下一步计划（也可写 overview/achievement/problem/plan）；不写则沿用上级段落的。")
@click.option("--theme", "themes", multiple=True, help="主题（可写多次，最相关的在前）；不写则按关键词自动建议。")
@click.option("-i", "--interactive/--no-interactive", default=None,
              help="逐项提问；在终端中缺少 --doc/--text 时自动开启。")
@click.option("--dry-run", is_flag=True, help="只显示将要加入的段落，不写文件。")
@click.pass_obj
def new_passage(project: Project, doc: str, after: str, parent: str, ptype: str, number: str,
                heading: str, text: str, role: str | None, themes: tuple[str, ...],
                interactive: bool | None, dry_run: bool) -> None:
    """新增一个段落：自动分配 id、识别占位符、建议主题，检查通过才写入。"""
    if text == "-":
        text = sys.stdin.read()
    req = PassageRequest(doc=doc, after=after, parent=parent, type=ptype, number=number,
                         heading=heading, text=text, role=role or "", themes=list(themes))
    taxonomy = load_taxonomy(project.taxonomy)
    missing = not (doc or after) or not (text or heading)
    if interactive or (interactive is None and missing and sys.stdin.isatty()):
        _ask(project, req, taxonomy)
    added = add_passage(project, req, taxonomy, dry_run=dry_run)
    p = added.passage
    where = added.path.relative_to(project.root) if added.path.is_relative_to(project.root) else added.path
    click.echo(f"{'（试运行，未写入）' if dry_run else '已加入'} {where}：段落 {p.id}")
    preview = p.text.replace("\n", " ")[:60]
    click.echo(f"  {p.number}{p.heading}{'。' if p.heading and p.text else ''}{preview}")
    click.echo(f"  角色：{ROLES[p.role]}；主题：{'、'.join(p.themes)}{'（按关键词自动建议，可修改）' if added.themes_suggested else ''}")
    if p.placeholders:
        click.echo(f"  占位符：{'、'.join(p.placeholders)}（使用时需替换）")
    for note in added.notes:
        click.echo(f"  注意：{note}")
    click.echo(f"  网站地址：p/{p.id}.html")


@click.command("add-source", cls=Command)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", default="", help="标题（正文有标题行时以正文为准）。")
@click.option("--org", default="", help="单位，如 市委政研室。")
@click.option("--year", type=int, default=None, help="年份，如 2025。")
@click.option("--kind", default=None, help="文种（taxonomy.yaml 的 kinds:，如 总结、计划、述职报告）。")
@click.option("--id", "doc_id", default="", help="文档 id（小写字母、数字、连字符）；不写则自动生成。")
@click.option("--provenance", default="", help="来源说明（从哪里得到的、是否脱敏）。")
@click.pass_obj
def add_source_cmd(project: Project, file: Path, title: str, org: str, year: int | None, kind: str | None,
                   doc_id: str, provenance: str) -> None:
    """添加一篇新范文：原样复制到 sources/，写旁注文件，导入为段落。"""
    req = SourceRequest(title=title, org=org, year=year, kind=kind or "", id=doc_id, provenance=provenance)
    added = add_source(project, file, req)
    doc = added.result.document

    def rel(path: Path) -> str:
        return path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else str(path)

    click.echo(f"已复制原文：{rel(added.source)}（字节未改动）")
    click.echo(f"已写旁注：{rel(added.sidecar)}")
    click.echo(f"已导入：{rel(added.result.path)}，文档 id {doc.id}，{len(doc.passages)} 个段落")
    click.echo(f"  《{doc.title}》 {doc.org} {doc.year or ''} {doc.kind}")
    _lint_new_file(project, rel(added.result.path))
    click.echo("下一步：核对主题和角色（网站或 snippets/ 文件中），然后提交：")
    click.echo(f"  git add {rel(added.source)} {rel(added.sidecar)} {rel(added.result.path)} "
               f"{rel(project.base_dir / added.result.path.name)}")


def _lint_new_file(project: Project, display: str) -> None:
    """Show lint's findings on the new file now, rather than at review time."""
    from ..lint import errors_only, lint_library

    problems = [p for p in lint_library(project.snippets, load_taxonomy(project.taxonomy), project.root)
                if p.path == display]
    for p in problems:
        click.echo(p.format())
    if errors_only(problems):
        click.echo(f"注意：导入后检查发现 {len(errors_only(problems))} 个错误，请按提示修改 {display} 后再提交。")
    else:
        click.echo("检查通过。")

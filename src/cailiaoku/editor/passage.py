"""Add one passage to a library file: place it, number it, give it an id and tags, write it guarded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import library
from ..errors import CailiaokuError
from ..ids import make_id
from ..ingest.docx_numbering import chinese_number
from ..ingest.numbering import cn_value, match_marker
from ..ingest.tagging import find_placeholders, tag_themes
from ..model import ROLES, TYPES, Document, Passage
from ..project import Project
from ..punctuation import normalise_punctuation
from ..taxonomy import Taxonomy, load_taxonomy
from ..yamlio import atomic_write
from .guard import refuse_new_errors

TYPE_LEVEL = {"para": 0, "section": 1, "item": 2, "point": 6}
# How deep a type sits in the outline; a deeper type after a shallower one becomes its child.
TYPE_DEPTH = {"para": 0, "section": 1, "item": 2, "point": 3}
_POINT_NUMBER = re.compile(r"^([一二三四五六七八九十]+)是$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass
class PassageRequest:
    """What the editor asked for; empty fields are inferred."""

    doc: str = ""
    after: str = ""
    parent: str = ""
    type: str = "para"
    number: str = ""
    heading: str = ""
    text: str = ""
    role: str = ""
    themes: list[str] = field(default_factory=list)


@dataclass
class Placement:
    index: int
    parent: str | None
    level: int
    number: str
    role: str
    notes: list[str] = field(default_factory=list)


@dataclass
class AddedPassage:
    passage: Passage
    document: Document
    path: Path
    themes_suggested: bool
    notes: list[str]


def taken_ids(project: Project) -> set[str]:
    """Every id in use or retired (snippets/.ingested keeps ids of deleted passages)."""
    ids: set[str] = set()
    for folder in (project.snippets, project.base_dir):
        if not folder.is_dir():
            continue
        for path in library.library_files(folder):
            doc = library.load_file(path).document
            if doc is not None:
                ids.add(doc.id)
                ids.update(p.id for p in doc.passages)
    return ids


def documents(project: Project) -> list[tuple[Path, Document]]:
    out = []
    for path in library.library_files(project.snippets):
        doc = library.load_file(path).document
        if doc is not None:
            out.append((path, doc))
    return out


def load_target(project: Project, doc_id: str, after: str) -> tuple[Path, Document]:
    """The library file to add to: named by --doc, or the one holding --after."""
    docs = documents(project)
    names = "、".join(d.id for _, d in docs)
    if not doc_id and not after:
        raise CailiaokuError("没有指定加到哪个文档", hint=f"用 --doc 写文档 id（可选：{names}），或用 --after 写一个段落 id。")
    for path, doc in docs:
        if doc_id and doc_id in (doc.id, path.stem):
            return path, doc
        if not doc_id and any(p.id == after for p in doc.passages):
            return path, doc
    if doc_id:
        raise CailiaokuError(f"找不到文档 {doc_id}", hint=f"可用的文档 id：{names}。")
    raise CailiaokuError(f"找不到段落 {after}", hint="检查 --after 的段落 id（见网站段落页地址 p/<id>.html）。")


def subtree_end(passages: list[Passage], index: int) -> int:
    """Index just past the passage at `index` and all its descendants."""
    inside = {passages[index].id}
    end = index + 1
    while end < len(passages) and passages[end].parent in inside:
        inside.add(passages[end].id)
        end += 1
    return end


def next_number(prev: str) -> str:
    """The number after `prev` in the same style: （二）→（三）, 3. → 4., 二是 → 三是."""
    point = _POINT_NUMBER.match(prev)
    if point:
        return chinese_number(cn_value(point.group(1)) + 1) + "是"
    marker = match_marker(prev)
    if marker is None:
        return ""
    level, written, ordinal = marker
    n = cn_value(ordinal) + 1
    if ordinal.isdigit():
        following = str(n)
    elif level == 5:
        following = _CIRCLED[n - 1] if n <= len(_CIRCLED) else ""
    else:
        following = chinese_number(n)
    return written.replace(ordinal, following, 1) + prev[len(written):] if following else ""


def level_of(number: str, ptype: str, sibling: Passage | None) -> int:
    if _POINT_NUMBER.match(number):
        return 6
    marker = match_marker(number) if number else None
    if marker is not None:
        return marker[0]
    if sibling is not None and sibling.type == ptype:
        return sibling.level
    return TYPE_LEVEL[ptype]


def _index(doc: Document, pid: str, flag: str) -> int:
    for i, p in enumerate(doc.passages):
        if p.id == pid:
            return i
    raise CailiaokuError(f"段落 {pid} 不在文档 {doc.id} 中", hint=f"检查 {flag} 的段落 id，或改写 --doc。")


def placement(doc: Document, req: PassageRequest) -> Placement:
    """Where the passage goes, its parent, level, number and role (inferred where not given)."""
    passages = doc.passages
    by_id = doc.by_id()
    if req.after:
        anchor: Passage | None = passages[_index(doc, req.after, "--after")]
    else:  # no place given: after the last passage of the document
        anchor = passages[-1] if passages and not req.parent else None
    if req.parent:
        parent: str | None = req.parent
        _index(doc, req.parent, "--parent")
    elif req.type == "para":  # a sibling of the passage it follows; at the end, top level
        parent = anchor.parent if req.after and anchor is not None else None
    else:
        parent = _parent_for(by_id, anchor, req.type)
    if anchor is not None:
        sibling = anchor
        while sibling.parent != parent and sibling.parent in by_id:
            sibling = by_id[sibling.parent]
        start = sibling if sibling.parent == parent else anchor
        index = subtree_end(passages, _index(doc, start.id, "--after"))
    elif parent is not None:
        index = subtree_end(passages, _index(doc, parent, "--parent"))
    else:
        index = len(passages)
    siblings = [(i, p) for i, p in enumerate(passages) if p.parent == parent and p.type == req.type]
    before = [p for i, p in siblings if i < index]
    later = [p for i, p in siblings if i >= index]
    notes: list[str] = []
    number = req.number
    if not number and req.type != "para" and before:
        number = next_number(before[-1].number)
        if number and later:
            notes.append(f"编号自动取为“{number}”，其后同级段落（{'、'.join(p.id for p in later)}）的编号没有顺延，请检查")
    level = level_of(number, req.type, before[-1] if before else (later[0] if later else None))
    return Placement(index, parent, level, number, req.role or _inherited_role(doc, parent, anchor, req.type), notes)


def _parent_for(by_id: dict[str, Passage], anchor: Passage | None, ptype: str) -> str | None:
    """The nearest outline node at or above the anchor that the new type nests under."""
    node: Passage | None = anchor
    while node is not None:
        if node.type != "para" and TYPE_DEPTH[node.type] < TYPE_DEPTH[ptype]:
            return node.id
        node = by_id.get(node.parent) if node.parent else None
    return None


def _inherited_role(doc: Document, parent: str | None, anchor: Passage | None, ptype: str) -> str:
    """A child shares its parent's role; a top-level paragraph gives the overall picture."""
    if parent is None and ptype == "para":
        return "overview"
    source = doc.by_id().get(parent) if parent else anchor
    return source.role if source is not None else ""


def tidy(value: str) -> str:
    """Full-width punctuation in Chinese text and no trailing spaces (what lint --fix would do)."""
    return "\n".join(normalise_punctuation(line).rstrip() for line in value.strip().split("\n"))


def validate(req: PassageRequest, role: str, taxonomy: Taxonomy) -> None:
    if req.type not in TYPES:
        raise CailiaokuError(f"段落类型应为 {'/'.join(TYPES)}，现在是 {req.type!r}", hint="一般段落写 para。")
    if role not in ROLES:
        names = "、".join(ROLES.values())
        raise CailiaokuError(f"没有指定段落角色（现在是 {role!r}）", hint=f"用 --role 写其中之一：{names}。")
    unknown = [t for t in req.themes if t not in taxonomy.names]
    if unknown:
        raise CailiaokuError(f"未知主题：{'、'.join(unknown)}",
                             hint=f"taxonomy.yaml 中的主题：{'、'.join(taxonomy.names)}；要新增主题请先改 taxonomy.yaml。")
    if not req.heading.strip() and not req.text.strip():
        raise CailiaokuError("标题和正文都是空的", hint="用 --text 写正文（可加 --heading 写小标题）。")


def build_passage(project: Project, doc: Document, req: PassageRequest,
                  taxonomy: Taxonomy) -> tuple[Passage, Placement, bool]:
    req.heading, req.text, req.number = tidy(req.heading), tidy(req.text), tidy(req.number)
    place = placement(doc, req)
    validate(req, place.role, taxonomy)
    themes, suggested = list(dict.fromkeys(req.themes)), False
    if not themes:
        themes, suggested = tag_themes(taxonomy, req.heading, req.text), True
        if not themes:
            raise CailiaokuError("根据关键词没有找到合适的主题", hint=f"用 --theme 指定主题：{'、'.join(taxonomy.names)}。")
    pid = make_id(f"{doc.id}|{req.heading}|{req.text}", taken_ids(project))
    passage = Passage(id=pid, type=req.type, level=place.level, number=place.number,
                      heading=req.heading, text=req.text, parent=place.parent, role=place.role,
                      themes=themes, placeholders=find_placeholders(req.heading + req.text))
    return passage, place, suggested


def add_passage(project: Project, req: PassageRequest, taxonomy: Taxonomy | None = None,
                dry_run: bool = False) -> AddedPassage:
    """Insert the passage and write the file atomically, unless lint would get new errors."""
    taxonomy = taxonomy or load_taxonomy(project.taxonomy)
    path, doc = load_target(project, req.doc, req.after)
    passage, place, suggested = build_passage(project, doc, req, taxonomy)
    doc.passages.insert(place.index, passage)
    content = library.dump_over(doc, path)  # keeps the editor's comments
    refuse_new_errors(project, taxonomy, {path: content})
    if not dry_run:
        atomic_write(path, content)
    return AddedPassage(passage, doc, path, suggested, place.notes)

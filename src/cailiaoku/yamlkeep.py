"""Rewrite a library file without losing the YAML comments an editor wrote in it.

The library's own dumper knows nothing of comments. When the file being replaced holds comments,
the new content is applied onto a ruamel.yaml round-trip tree of the old file instead: unchanged
values keep their node (and the comments attached to it), changed ones are replaced, new keys and
passages are inserted in the library's order. The result is checked to hold exactly the new data;
a comment whose anchor disappeared (its passage was removed) is appended at the end of the file.
"""

from __future__ import annotations

import io
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from .errors import LibraryError

MOVED_HEADER = "# 以下注释原在重新导入时被移除的段落或字段旁，保留在此，请编辑处理："


def _yaml() -> YAML:
    y = YAML()  # round-trip mode; the old file has passed lint (plain data only)
    y.indent(mapping=2, sequence=2, offset=0)
    y.width = 4096
    y.preserve_quotes = True
    return y


def _comments(node: Any) -> list[str]:
    """Every comment line attached anywhere in a round-trip tree, in order."""
    found: list[str] = []

    def tokens(value: Any) -> None:
        if value is None:
            return
        if isinstance(value, list):
            for v in value:
                tokens(v)
        elif hasattr(value, "value") and isinstance(value.value, str):
            found.extend(ln.strip() for ln in value.value.split("\n") if ln.strip().startswith("#"))

    def walk(n: Any) -> None:
        ca = getattr(n, "ca", None)
        if ca is not None:
            tokens(ca.comment)
            for item in ca.items.values():
                tokens(item)
            tokens(getattr(ca, "end", None))
        if isinstance(n, dict):
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)

    walk(node)
    return found


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def _styled(value: Any) -> Any:
    """A new value in the library's style (block text, one-line tag lists); see yamlio.dump."""
    if isinstance(value, str):
        return LiteralScalarString(value) if "\n" in value or len(value) > 40 else value
    if isinstance(value, list):
        seq = CommentedSeq(_styled(v) for v in value)
        if all(isinstance(v, str) and len(v) <= 20 for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _styled(v)
        return out
    return value


def _patch_map(old: CommentedMap, new: dict[str, Any]) -> None:
    for key in [k for k in old if k not in new]:
        del old[key]
    order = list(new)
    for n, (key, value) in enumerate(new.items()):
        if key in old:
            if _plain(old[key]) != value:
                old[key] = _styled(value)
            continue
        before = [k for k in order[:n] if k in old]
        at = list(old).index(before[-1]) + 1 if before else 0
        old.insert(at, key, _styled(value))


def _patch_passages(old: CommentedSeq, new: list[dict[str, Any]]) -> None:
    ids = [str(p.get("id")) if isinstance(p, CommentedMap) else None for p in old]
    by_id = {pid: p for pid, p in zip(ids, old, strict=True) if pid is not None}
    items = []
    for p in new:
        item = by_id.get(str(p["id"]))
        if item is None:
            items.append(_styled(p))
        else:
            _patch_map(item, p)
            items.append(item)
    # Comments standing before a list item are kept by index: move them with their passage
    # (or, if it was removed, to the next passage that is still there).
    where = {str(p["id"]): n for n, p in enumerate(new)}
    moved: dict[int, Any] = {}
    for k, entry in sorted(old.ca.items.items()):
        target = next((where[pid] for pid in ids[k:] if pid in where), None)
        if target is not None:
            moved.setdefault(target, entry)
            if moved[target] is not entry:
                moved[target][1] = (moved[target][1] or []) + (entry[1] or [])
    del old[:]
    old.extend(items)
    old.ca.items.clear()
    old.ca.items.update(moved)


def keep_comments(previous: str, canonical: str, header: str = "") -> str:
    """`canonical` (the library dumper's text), written over `previous` keeping its comments."""
    if "#" not in previous.replace(header, "", 1):
        return canonical
    y = _yaml()
    tree = y.load(previous)
    before = [c for c in _comments(tree) if c != header.strip()]
    if not before:
        return canonical
    new = yaml.safe_load(canonical)
    if not isinstance(tree, CommentedMap) or not isinstance(tree.get("passages"), CommentedSeq) \
            or not isinstance(tree.get("document"), CommentedMap):
        raise LibraryError("段落文件结构不对，无法在保留注释的同时更新", hint="先运行 cailiaoku lint 修正该文件。")
    _patch_map(tree["document"], new["document"])
    _patch_passages(tree["passages"], new["passages"])
    out = io.StringIO()
    y.dump(tree, out)
    text = out.getvalue()
    after = _comments(y.load(text))
    lost = list(before)
    for c in after:
        if c in lost:
            lost.remove(c)
    if lost:
        text = text.rstrip("\n") + "\n" + "\n".join([MOVED_HEADER, *lost]) + "\n"
    if yaml.safe_load(text) != new:  # never trade content for comments
        raise LibraryError("保留注释的改写与新内容不一致，没有写入",
                           hint="把该文件中的注释移到别处（或删除）后重新运行 cailiaoku ingest。")
    return text

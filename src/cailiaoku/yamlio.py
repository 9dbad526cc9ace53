"""YAML reading with line numbers, and readable, atomic YAML writing."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .errors import LibraryError

Pos = tuple[int, int]  # 1-based line, 1-based column
PathKey = tuple[Any, ...]


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter is ~10x faster


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Block scalars for long or multi-line text; keys in insertion order."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value or len(value) > 40:
        # PyYAML refuses block style when lines carry trailing spaces; strip is lossless here.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _list_representer(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    # Short tag lists read best on one line: themes: [理论学习, 阵地建设]
    flow = all(isinstance(v, str) and len(v) <= 20 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(list, _list_representer)


def dump(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, indent=2
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def as_created(tmp: str | Path) -> None:
    """mkstemp makes 0600 files; a library or source file gets the mode a plain write gives."""
    os.chmod(tmp, 0o666 & ~_umask())


def atomic_write(path: Path, content: str) -> None:
    """Write via a temp file and rename, so a failure leaves the old file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    as_created(tmp)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_many(files: dict[Path, str], root: Path | None = None) -> None:
    """Write every file or none, recoverably after a crash (see journal.py).

    `root` holds the journal; by default the deepest folder holding every target.
    """
    from . import journal

    if not files:
        return
    if root is None:
        root = Path(os.path.commonpath([str(p.parent.resolve()) for p in files]))
    journal.write_many(files, root)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser: ~20x faster
_STD = "tag:yaml.org,2002:"
# Plain data only: every other tag (!!python/…, !!binary, !!set, any !local) is refused.
PLAIN_TAGS = {f"{_STD}{t}" for t in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map")}
MAX_DEPTH = 40  # the library nests 4 deep; a deeper file is an attack on the recursive readers
# What the YAML spec itself forbids in a stream (PyYAML's check), for locating a reader error.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONSTRUCTOR = yaml.SafeLoader("")
_RESOLVER = yaml.resolver.Resolver()


class _Refused(Exception):
    def __init__(self, message: str, mark: Any, hint: str) -> None:
        super().__init__(message)
        self.message, self.mark, self.hint = message, mark, hint


def load_with_positions(text: str, filename: str) -> tuple[Any, dict[PathKey, Pos]]:
    """Parse YAML as plain data; also return the (line, column) of every mapping key and list item.

    Refused with a located LibraryError: aliases and anchors (no "billion laughs"), any tag beyond
    the standard scalar/list/map ones, duplicate keys, non-text keys and absurd nesting."""
    positions: dict[PathKey, Pos] = {}
    try:
        value = _Builder(positions).run(yaml.parse(text, Loader=_BaseLoader))
    except _Refused as exc:
        raise LibraryError(exc.message, path=filename, line=exc.mark.line + 1,
                           col=exc.mark.column + 1, hint=exc.hint) from None
    except yaml.YAMLError as exc:
        raise _syntax_error(_python_parser_error(text) or exc, text, filename) from exc
    return value, positions


def _python_parser_error(text: str) -> yaml.YAMLError | None:
    """PyYAML's own message and mark for a syntax error (libyaml words and places them
    differently); parsing again costs nothing on the happy path."""
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.YAMLError as exc:
        return exc
    return None


def _syntax_error(exc: yaml.YAMLError, text: str, filename: str) -> LibraryError:
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml reports a byte offset and no line: find the character ourselves.
        bad = _NON_PRINTABLE.search(text)
        index = bad.start() if bad else 0
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        code = ord(text[index]) if bad else exc.character
        return LibraryError(f"文件含有不允许的控制字符 U+{code:04X}", path=filename, line=line, col=col,
                            hint="删除该字符（多半是从别处复制来的看不见的字符）后用 UTF-8 重新保存。")
    from .yaml_messages import explain

    found = explain(exc)
    return LibraryError(found.message, path=filename, line=found.line, col=found.col, hint=found.hint)


class _Builder:
    """Plain data straight from the parser's events, with positions: no composer, no aliases."""

    def __init__(self, positions: dict[PathKey, Pos]) -> None:
        self.positions = positions
        # Each frame: [container, path, pending (key, position) of a map]
        self.stack: list[list[Any]] = []
        self.result: Any = None
        self.documents = 0

    def run(self, events: Any) -> Any:
        for event in events:
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(f"不支持 YAML 别名 *{anchor}", event.start_mark,
                               "段落库只收纯数据：把被引用的内容直接写出来，删除 &/* 记号。")
            if anchor is not None:
                raise _Refused(f"不支持 YAML 锚点 &{anchor}", event.start_mark,
                               "段落库只收纯数据：删除 &锚点 记号。")
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _Refused("一个文件里只能有一个 YAML 文档", event.start_mark,
                                   "删除多余的 --- 分隔线及其后的内容，或拆成多个文件。")
            elif isinstance(event, yaml.ScalarEvent):
                self._add(self._scalar(event), event)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                self._open(event)
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                self._close()
        return self.result

    def _tag(self, event: Any, tag: str | None) -> None:
        if tag not in PLAIN_TAGS:
            what = "合并键 <<" if tag == _STD + "merge" else f"标记 {str(tag).replace(_STD, '!!')}"
            raise _Refused(f"不支持 YAML {what}", event.start_mark,
                           "删除这个标记；段落库只收文字、数字、列表和键值对。")

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            if event.implicit[0]:
                tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
                if tag == _STD + "value":  # a lone "=" is text to an editor
                    tag = _STD + "str"
            else:
                tag = _STD + "str"
        self._tag(event, tag)
        if tag == _STD + "str":
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except ValueError:  # looks like a date but is none (2024-02-30)
            raise _Refused(f"“{event.value}”不是有效的日期", event.start_mark,
                           "改成真实的日期；要写成文字就加引号。") from None

    def _open(self, event: Any) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        tag = event.tag
        if tag in (None, "!"):
            tag = _STD + ("map" if is_map else "seq")
        self._tag(event, tag)
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(f"嵌套超过 {MAX_DEPTH} 层", event.start_mark, "段落库文件不需要这么深的层次，请检查缩进。")
        container: Any = {} if is_map else []
        path = self._add(container, event)
        self.stack.append([container, path, None])

    def _close(self) -> None:
        self.stack.pop()

    def _add(self, value: Any, event: Any) -> PathKey:
        """Put a value into the open container; returns its path."""
        pos = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not self.stack:
            self.result = value
            self.positions[()] = pos
            return ()
        frame = self.stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            key_path = (*path, len(container))
            container.append(value)
            self.positions[key_path] = pos
            return key_path
        if frame[2] is None:  # this value is a key
            if not isinstance(value, str | int | float | bool) or value is None:
                raise _Refused("键必须是简单的文字", event.start_mark, "键写成 名称: 值 的形式。")
            if value in container:
                raise _Refused(f"键 {value} 重复出现", event.start_mark,
                               "同一层里每个键只能写一次：删除或合并重复的那一行。")
            frame[2] = (value, pos)
            return path
        key, key_pos = frame[2]
        frame[2] = None
        container[key] = value
        key_path = (*path, key)
        # A key's position is where its key stands, not its value.
        self.positions[key_path] = key_pos
        return key_path

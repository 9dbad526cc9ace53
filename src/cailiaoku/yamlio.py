"""YAML reading with line numbers, and readable, atomic YAML writing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .errors import LibraryError

Pos = tuple[int, int]  # 1-based line, 1-based column
PathKey = tuple[Any, ...]


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter is ~10x faster
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # and its parser (same nodes and marks)


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


def atomic_write(path: Path, content: str) -> None:
    """Write via a temp file and rename, so a failure leaves the old file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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


def load_with_positions(text: str, filename: str) -> tuple[Any, dict[PathKey, Pos]]:
    """Parse YAML; also return the (line, column) of every mapping key and list item."""
    try:
        try:
            node = yaml.compose(text, Loader=_BaseLoader)
        except yaml.YAMLError:  # parse again in Python: its messages are the ones yaml_messages knows
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        from .yaml_messages import explain

        found = explain(exc)
        raise LibraryError(found.message, path=filename, line=found.line, col=found.col,
                           hint=found.hint) from exc
    positions: dict[PathKey, Pos] = {}
    if node is None:
        return None, positions
    loader = yaml.SafeLoader("")  # one constructor for every scalar of the file
    try:
        return _construct(node, (), positions, loader), positions
    finally:
        loader.dispose()


def _construct(node: yaml.Node, path: PathKey, positions: dict[PathKey, Pos], loader: yaml.SafeLoader) -> Any:
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            out[key] = _construct(value_node, (*path, key), positions, loader)
            # A key's position is where its key stands, not its value.
            positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*path, i), positions, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)

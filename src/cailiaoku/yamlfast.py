"""Plain-data YAML reading on the fast path: libyaml's events straight into dicts and lists.

No positions are kept. Anything beyond plain data (anchors, aliases, tags, duplicate or
non-text keys, a second document, deep nesting, a syntax error) sends the text to
`yamlio.load_with_positions`, which refuses it with its located Chinese message; the slow
reader stays the single authority on what is refused and how.
"""

from __future__ import annotations

from sys import intern as _intern
from typing import Any

import yaml

from . import yamlio

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_RESOLVERS = yamlio._RESOLVER.yaml_implicit_resolvers  # first character → implicit resolvers
_CONSTRUCTORS = yamlio._CONSTRUCTOR.yaml_constructors
_PLAIN: dict[str, Any] = {}  # resolved plain scalars (null, numbers, dates are immutable)
_PLAIN_MAX = 50_000
_NO_KEY = object()


class _Unusual(Exception):
    """Not plain data the fast path handles: let the locating reader decide."""


def load_plain(text: str, filename: str) -> Any:
    """The file's data, exactly as `yamlio.load_with_positions` gives it (or its error)."""
    try:
        return _fast(text)
    except (_Unusual, yaml.YAMLError, ValueError):
        pass
    return yamlio.load_with_positions(text, filename)[0]


def _plain(value: str) -> Any:
    """An untagged plain scalar: text unless YAML's implicit rules say null, bool, number, date."""
    if value and value[0] not in _RESOLVERS:
        return value
    try:
        return _PLAIN[value]
    except KeyError:
        pass
    tag = yamlio._RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag not in yamlio.PLAIN_TAGS:
        raise _Unusual  # "=" or "<<": the locating reader says what it is
    result = value if tag == _STR else _CONSTRUCTORS[tag](yamlio._CONSTRUCTOR, yaml.ScalarNode(tag, value))
    if len(_PLAIN) > _PLAIN_MAX:
        _PLAIN.clear()
    _PLAIN[value] = result
    return result


def _fast(text: str) -> Any:
    loader = _Loader(text)
    try:
        return _build(loader.get_event)
    finally:
        loader.dispose()


def _build(get: Any) -> Any:
    containers: list[Any] = []  # open lists and dicts, innermost last
    keys: list[Any] = []  # per open container: the pending map key, or _NO_KEY
    result: Any = None
    documents = 0
    scalar, seq, mapping = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent
    while True:
        event = get()
        kind = event.__class__
        if kind is scalar:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            value: Any = _plain(event.value) if event.implicit[0] else event.value
        elif kind is seq or kind is mapping:
            if event.anchor is not None or event.tag is not None or len(containers) >= yamlio.MAX_DEPTH:
                raise _Unusual
            value = {} if kind is mapping else []
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            containers.pop()
            keys.pop()
            continue
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual
            continue
        elif kind is yaml.StreamEndEvent:
            return result
        elif kind is yaml.AliasEvent:
            raise _Unusual
        else:  # stream start, document end
            continue
        if not containers:
            result = value
        else:
            top = containers[-1]
            if top.__class__ is list:
                top.append(value)
            elif keys[-1] is _NO_KEY:
                if value.__class__ not in (str, int, float, bool) or value in top:
                    raise _Unusual  # a non-text or repeated key
                keys[-1] = _intern(value) if value.__class__ is str else value  # one "text" for all passages
            else:
                top[keys[-1]] = value
                keys[-1] = _NO_KEY
        if kind is not scalar:
            containers.append(value)
            keys.append(_NO_KEY)

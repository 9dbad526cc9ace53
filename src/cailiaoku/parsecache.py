"""One in-process cache of parsed library files.

Lint, lint-before-build, the CLI and the site's three plugins all read library files through
`parsed`, so a process parses each file once while it is unchanged. A file is known unchanged
by its stat stamp (mtime_ns, size, inode, ctime_ns); a file modified within RACY_NS of being
read could change again without a new stamp, so it is compared by content instead. Parses
are also shared by content, so a copy of a file (the edit guard's shadow library) is not
parsed again. Cached data is shared: callers must not change it.

Within `kept_in(cache_dir)` (a build's lint, `cailiaoku lint`) parses are also kept across
commands, by content digest, in a signed cache file: an edit of one file parses that file only.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import LibraryError
from .paths import checked_file
from .schema import WrongType, check_library_file
from .yamlfast import load_plain

RACY_NS = 3_000_000_000  # coarser than any file system's timestamps (FAT: 2 s)
MAX_CHARS = 100_000_000  # forget everything past this much cached text (5× a 100,000-passage library)
Stamp = tuple[int, int, int, int, int]


@dataclass(frozen=True)
class Parsed:
    """A library file's text and plain data, with its fields of the wrong type."""

    text: str
    raw: Any
    wrong: tuple[WrongType, ...]
    digest: bytes = b""


@dataclass(frozen=True)
class _Entry:
    stamp: Stamp
    racy: bool
    parsed: Parsed


_BY_PATH: dict[str, _Entry] = {}
_BY_TEXT: dict[str, Parsed] = {}
_KNOWN: dict[bytes, tuple[Any, tuple[WrongType, ...]]] = {}  # digest -> raw, wrong (from kept_in's file)
_chars = 0
_fresh = 0  # texts parsed (not found in _KNOWN) since the process started


def _decode(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        raise LibraryError("文件不是 UTF-8 编码", path=path, line=line,
                           hint="用 UTF-8 重新保存该文件（记事本“另存为”时选 UTF-8）。") from exc


def _stamp(path: str) -> Stamp:
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns, st.st_dev)


def parsed(path: Path, root: Path | None = None) -> Parsed:
    """The file parsed as plain data (LibraryError, located, when it is not)."""
    checked_file(path, root if root is not None else path.parent, LibraryError)  # every time
    key = os.path.abspath(path)
    stamp = _stamp(key)
    entry = _BY_PATH.get(key)
    if entry is not None and entry.stamp == stamp and not entry.racy:
        return entry.parsed
    started = time.time_ns()
    text = _decode(path)
    found = parse_text(text, str(path))
    _BY_PATH[key] = _Entry(stamp, stamp[0] >= started - RACY_NS or stamp[3] >= started - RACY_NS, found)
    return found


def parse_text(text: str, filename: str) -> Parsed:
    """`text` parsed (or taken from the cache when the same text was parsed before)."""
    global _chars, _fresh
    found = _BY_TEXT.get(text)
    if found is None:
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        known = _KNOWN.get(digest)
        if known is None:
            raw = load_plain(text, filename)
            known = (raw, tuple(check_library_file(raw)))
            _fresh += 1
        found = Parsed(text, known[0], known[1], digest)
        if _chars + len(text) > MAX_CHARS:
            clear()
        _BY_TEXT[text] = found
        _chars += len(text)
    return found


@contextmanager
def kept_in(cache_dir: Path) -> Iterator[None]:
    """Parses found in (and, when some were new, written back to) `cache_dir`: only the texts
    parsed in this process are kept, so edited-away versions drop out."""
    from .cache import program_key, read_signed, write_signed

    path = cache_dir / f"parsed-{program_key()}.pickle"
    got = read_signed(path)
    if isinstance(got, dict):
        _KNOWN.update(got)
    fresh = _fresh
    try:
        yield
    finally:
        if _fresh != fresh:
            write_signed(path, {p.digest: (p.raw, p.wrong) for p in _BY_TEXT.values()},
                         stale=cache_dir.glob("parsed-*.pickle"))
        _KNOWN.clear()


def clear() -> None:
    global _chars
    _BY_PATH.clear()
    _BY_TEXT.clear()
    _chars = 0

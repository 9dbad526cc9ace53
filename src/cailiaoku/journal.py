"""Multi-file writes that a crash cannot leave half done: stage, journal, switch, clean up.

`write_many` puts every new content in a staging file beside its target, then writes a journal
naming every (staging file, target) pair and renames it into place: that rename is the commit
point. Then each staging file is renamed over its target and the journal removed.

`recover` runs before the library is read. A journal means the write was committed: the renames
are finished. Staging files without a journal belong to a write that never committed: they are
removed. Either way the library is all old or all new, never half of each.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import LibraryError

JOURNAL = ".cailiaoku-journal.json"
# Staging files of write_many (.NAME.<tx>.tmp) and of yamlio.atomic_write (mkstemp's .NAME.xxxx.tmp).
_STAGED = re.compile(r"^\..+\.(yaml|json)\.[A-Za-z0-9_]+\.tmp$")

# Fault injection for tests: called after every file operation with a label naming it.
FAULT: Callable[[str], None] | None = None


def _done(label: str) -> None:
    if FAULT is not None:
        FAULT(label)


@contextlib.contextmanager
def _locked(folders: list[Path], wait: bool) -> Iterator[bool]:
    """Exclusive flock on each folder (writers wait; readers skip when busy). No-op without fcntl."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks, single-user use assumed
        yield True
        return
    fds: list[int] = []
    try:
        for folder in sorted({f.resolve() for f in folders}):
            fd = os.open(folder, os.O_RDONLY)
            fds.append(fd)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
        yield True
    finally:
        for fd in fds:
            os.close(fd)  # closing releases the lock


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem allows it
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_file(path: Path, content: str) -> None:
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(content)
        fh.flush()
        os.fsync(fh.fileno())


def write_many(files: dict[Path, str], root: Path) -> None:
    """Write every file or none; `root` (a folder holding every target) keeps the journal."""
    if not files:
        return
    root.mkdir(parents=True, exist_ok=True)
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
    folders = [root, *(p.parent for p in files)]
    with _locked(folders, wait=True):
        _recover(root)  # finish or drop an earlier interrupted write before starting
        _write_locked(files, root)


def _write_locked(files: dict[Path, str], root: Path) -> None:
    tx = secrets.token_hex(6)
    pairs = [(path.with_name(f".{path.name}.{tx}.tmp"), path) for path in files]
    try:
        for staged, path in pairs:
            _write_file(staged, files[path])
            _done(f"stage {path.name}")
        record = {"tx": tx, "files": [[_rel(s, root), _rel(p, root)] for s, p in pairs]}
        journal_tmp = root / f"{JOURNAL}.{tx}.tmp"
        _write_file(journal_tmp, json.dumps(record, ensure_ascii=False))
        _done("journal staged")
    except BaseException:
        for staged, _ in pairs:
            staged.unlink(missing_ok=True)
        (root / f"{JOURNAL}.{tx}.tmp").unlink(missing_ok=True)
        raise
    os.replace(journal_tmp, root / JOURNAL)  # commit point
    _fsync_dir(root)
    _done("journal committed")
    _finish(root)


def _rel(path: Path, root: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def _inside(root: Path, rel: object) -> Path:
    """A journal path, refused unless it is a plain relative path under root (a journal is data too)."""
    if not isinstance(rel, str) or not rel or rel.startswith("/") or "\\" in rel:
        raise ValueError(rel)
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise ValueError(rel)
    path = root.joinpath(*parts)
    if path.parent.resolve() != root.resolve().joinpath(*parts[:-1]) or path.is_symlink():
        raise ValueError(rel)
    return path


def _read_journal(root: Path) -> list[tuple[Path, Path]]:
    journal = root / JOURNAL
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        pairs = []
        for staged_rel, target_rel in record["files"]:
            staged, target = _inside(root, staged_rel), _inside(root, target_rel)
            if staged.parent != target.parent or not _STAGED.match(staged.name) \
                    or target.suffix != ".yaml":
                raise ValueError(staged_rel)
            pairs.append((staged, target))
        return pairs
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LibraryError(
            "上次写入留下的记录文件无法识别", path=journal,
            hint="确认没有其他程序正在写入段落库后，删除该文件及同目录下以 . 开头、.tmp 结尾的文件，再重新运行。",
        ) from exc


def _finish(root: Path) -> None:
    """Roll a committed write forward: rename what is still staged, then drop the journal."""
    pairs = _read_journal(root)
    for staged, target in pairs:
        with contextlib.suppress(FileNotFoundError):  # already switched before the interruption
            os.replace(staged, target)
        _done(f"switch {target.name}")
    for folder in {t.parent for _, t in pairs}:
        _fsync_dir(folder)
    (root / JOURNAL).unlink(missing_ok=True)
    _fsync_dir(root)
    _done("journal removed")


def _stale(root: Path) -> list[Path]:
    folders = [root, *(d for d in root.iterdir() if d.is_dir() and not d.is_symlink())]
    return [p for d in folders for p in d.iterdir() if _STAGED.match(p.name) and p.is_file()]


def _recover(root: Path) -> None:
    if (root / JOURNAL).is_file():
        _finish(root)
    for path in _stale(root):
        path.unlink(missing_ok=True)


def pending(root: Path) -> bool:
    """True when an interrupted write left a journal or staging files in root."""
    if not root.is_dir():
        return False
    return (root / JOURNAL).is_file() or bool(_stale(root))


def recover(root: Path) -> bool:
    """Finish or undo an interrupted write in root; returns True when something was repaired.

    Skipped while another process holds the write lock (its write is not interrupted).
    """
    if not pending(root):
        return False
    folders = [root, *(d for d in root.iterdir() if d.is_dir() and not d.is_symlink())]
    try:
        with _locked(folders, wait=False) as got:
            if not got:
                return False
            _recover(root)
    except PermissionError as exc:
        raise LibraryError(
            "上次写入段落库时被中断，需要完成收尾，但该目录不可写", path=root,
            hint="在可写的目录中运行任意 cailiaoku 命令一次即可自动收尾。",
        ) from exc
    return True

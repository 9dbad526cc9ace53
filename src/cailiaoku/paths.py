"""The one gate for paths that come from data or from the project's folders.

A sidecar, a library file or a pull request is untrusted: an id becomes a file name only through
`safe_child`, and a file under the project is read only through `checked_file`, which refuses
links out of the project, dangling links, link loops, folders and FIFOs with a Chinese message.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePath
from typing import TypeVar

from .errors import CailiaokuError, LibraryError, SourceError

# No dot, no slash, no backslash, no drive letter: a name can never leave its folder.
SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
P = TypeVar("P", bound=PurePath)


class UnsafePath(LibraryError):
    """A name from data that would make a path outside its folder, or a link out of the project."""


def check_name(value: object, what: str = "id") -> str:
    """`value` when it is safe as a file name; else UnsafePath naming it."""
    if isinstance(value, str) and SAFE_NAME.match(value):
        return value
    raise UnsafePath(f"{what} {value!r} 不能用作文件名",
                     hint="只能用小写字母、数字和连字符（不能含 . / \\ 等字符），例如 2024-ju-zongjie。")


def safe_child(base: P, name: object, suffix: str = "", what: str = "id") -> P:
    """base / (name + suffix), for a name taken from data (a document, passage or theme id)."""
    return base / f"{check_name(name, what)}{suffix}"


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def checked_file(path: Path, root: Path | None = None,
                 error: type[CailiaokuError] = SourceError) -> Path:
    """`path` when it is a regular file that may be read. Under `root`, a link (the file's or a
    folder's) must stay inside `root`. Each way of failing has its own message."""
    absolute = Path(os.path.abspath(path))
    try:
        info = os.lstat(absolute)
    except FileNotFoundError:
        raise error("找不到文件", path=path, hint="检查文件路径是否写对。") from None
    except OSError as exc:
        raise error(f"无法读取：{exc.strerror}", path=path, hint="检查文件权限。") from None
    try:
        target = absolute.resolve(strict=True)
    except FileNotFoundError:
        pointed = os.readlink(absolute) if stat.S_ISLNK(info.st_mode) else "文件"
        raise error(f"这是一个失效的链接：指向的 {pointed} 不存在", path=path, hint="删除这个链接，或把真正的文件放到这里。") from None
    except (RuntimeError, OSError):  # ELOOP; Python 3.11 raises RuntimeError for loops
        raise error("链接形成了循环（链接最终指回自己）", path=path, hint="删除这个链接，换成真正的文件。") from None
    if root is not None:
        top = Path(os.path.abspath(root))
        if _inside(absolute, top) and not _inside(target, top.resolve()):
            raise error(f"这是指向项目之外（{target}）的链接，出于安全不会读取或发布",
                             path=path, hint="把文件本身复制到项目里，删除这个链接。")
    mode = os.stat(target).st_mode
    if stat.S_ISDIR(mode):
        raise error("这是一个文件夹，不是文件", path=path, hint="写出文件夹里的文件名。")
    if not stat.S_ISREG(mode):
        raise error("这不是普通文件（可能是管道、设备或套接字），不会读取", path=path,
                    hint="把内容另存为普通文件后再使用。")
    return path

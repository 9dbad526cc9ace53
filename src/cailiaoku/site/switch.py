"""Build the site beside its folder, then switch: a failed build never touches the old site."""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import CailiaokuError

_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(building|old)-[0-9a-f]{8}$")


def _leftovers(target: Path) -> list[Path]:
    if not target.parent.is_dir():
        return []
    return [
        p for p in target.parent.iterdir()
        if (m := _LEFTOVER.match(p.name)) and m["name"] == target.name and not p.is_symlink()
    ]


def discard(folder: Path) -> None:
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder, ignore_errors=True)


_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def discard_later(folder: Path) -> None:
    """Remove a retired site in a detached child process: the command does not wait for the
    deletion of ~10,000s of files (the new site is already in place; a leftover is removed by the
    next build's staging_dir). Removed here when no process can be started."""
    if not folder.is_dir() or folder.is_symlink():
        return
    try:
        subprocess.Popen([sys.executable, "-c", _REMOVE, str(folder)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                         close_fds=True)
    except OSError:
        discard(folder)


def staging_dir(target: Path) -> Path:
    """A fresh sibling of the site folder (same filesystem, so the switch is a rename).

    Folders left by a build that was killed earlier are removed first; one killed between the two
    renames of the switch had moved the old site aside: it is put back.
    """
    for old in _leftovers(target):
        if ".old-" in old.name and not target.exists():
            os.replace(old, target)
        else:
            discard(old)
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.with_name(f".{target.name}.building-{secrets.token_hex(4)}")


def switch(staging: Path, target: Path) -> None:
    """Put the finished build in place of the old site (two renames); the old one is removed
    afterwards, in the background."""
    if target.exists() and not target.is_dir():
        raise CailiaokuError("网站输出路径已被一个文件占用", path=target,
                             hint="删除或改名该文件，或用 --site-dir 指定另一个目录。")
    retired = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
    try:
        if target.exists():
            os.replace(target, retired)
        os.replace(staging, target)
    except OSError as exc:
        if exc.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES):
            raise
        if retired.exists() and not target.exists():
            os.replace(retired, target)
        _replace_contents(staging, target)  # e.g. site/ is a mount point: swap what is inside
    discard_later(retired)


def _replace_contents(staging: Path, target: Path) -> None:
    """Fallback when the folder itself cannot be renamed; runs only after a successful build."""
    target.mkdir(exist_ok=True)
    for entry in target.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in staging.iterdir():
        shutil.move(str(entry), str(target / entry.name))
    discard(staging)

"""Operating-system errors (errno) in Chinese, with what to do."""

from __future__ import annotations

import errno

# errno → (what happened, what to do)
_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("文件或文件夹不存在", "检查路径是否写对；输出到新文件夹时请先建立该文件夹"),
    errno.EACCES: ("没有权限", "换一个有写入权限的位置，或请管理员开放权限"),
    errno.EPERM: ("不允许该操作", "换一个位置，或请管理员开放权限"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "写出完整的文件名，例如 草稿.docx"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "检查路径是否写对"),
    errno.EEXIST: ("已经存在", "换一个名字，或先移走已有的文件"),
    errno.ENOSPC: ("磁盘空间不足", "清理磁盘后重试"),
    errno.EROFS: ("所在位置只读", "换一个可写的位置"),
    errno.ENAMETOOLONG: ("文件名太长", "换一个短一些的文件名"),
    errno.EADDRINUSE: ("端口已被占用", "换一个端口，例如 --port 8001，或先停止占用该端口的程序"),
    errno.EADDRNOTAVAIL: ("本机没有这个地址", "用 127.0.0.1（本机）或 0.0.0.0（局域网）"),
    errno.EMFILE: ("打开的文件太多", "关闭一些程序后重试"),
    errno.EBUSY: ("文件正被占用", "关闭正在使用该文件的程序（如 Word）后重试"),
}


def describe(exc: OSError) -> tuple[str, str]:
    """(message, hint) for an OSError, naming the file when the error carries one."""
    reason, hint = _REASONS.get(exc.errno or -1, ("系统错误", "检查路径和权限后重试"))
    if exc.errno not in _REASONS and exc.errno:
        reason = f"系统错误（错误号 {exc.errno}）"
    where = exc.filename if exc.filename is not None else ""
    return (f"{where}：{reason}" if where else reason), hint

"""`cailiaoku build --zip`: the built site as one reproducible zip, ready to unpack on a server."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..errors import CailiaokuError
from ..paths import checked_file

# Fixed timestamp (or SOURCE_DATE_EPOCH) so the same site gives the same zip, byte for byte.
DEFAULT_STAMP = (2024, 1, 1, 0, 0, 0)


def _stamp() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        import time

        t = time.gmtime(max(int(epoch), 315532800))  # zip cannot hold dates before 1980
        return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    return DEFAULT_STAMP


def zip_site(site_dir: Path, out: Path, folder: str = "cailiaoku") -> Path:
    """Zip every file of `site_dir` under `folder/` (unpacks to the sub-path it is served at)."""
    if not (site_dir / "index.html").is_file():
        raise CailiaokuError("网站目录中没有 index.html", path=site_dir, hint="先运行 cailiaoku build。")
    out = out.resolve()
    if out.is_relative_to(site_dir.resolve()):
        raise CailiaokuError("zip 文件不能放在网站目录里面", path=out, hint="换一个输出位置，例如 site 文件夹旁边。")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    stamp = _stamp()
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            # A link is packed only as the file it is, and only when it stays inside the site.
            files = {p.relative_to(site_dir).as_posix(): checked_file(p, site_dir, CailiaokuError)
                     for p in site_dir.rglob("*") if p.is_file() or p.is_symlink()}
            for name in sorted(files):
                path = files[name]
                info = zipfile.ZipInfo(f"{folder}/{name}", stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out

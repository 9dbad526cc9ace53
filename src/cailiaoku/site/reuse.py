"""Pages of the previous build reused by hard link when their bytes are unchanged.

`cailiaoku build` writes a fresh site next to the old one and swaps them; after a one-passage
edit nearly every light page is byte-identical to the old site's. A signed record (under
.cache/) of each page's digest and the old file's size and mtime says which ones: those are
linked into the new site instead of being written again. A page whose old file was touched
since (size or mtime differ) is written afresh.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..cache import read_signed, write_signed

Record = dict[str, tuple[bytes, int, int]]  # uri -> (digest, size, mtime_ns) of the written file


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class PageWriter:
    """Writes pages into `site`; links the unchanged ones from `previous` (the site being replaced)."""

    def __init__(self, site: Path, previous: Path | None, record_file: Path | None) -> None:
        self.site, self.previous, self.record_file = site, previous, record_file
        found = read_signed(record_file) if record_file and previous and previous.is_dir() else None
        self.old: Record = found if isinstance(found, dict) else {}
        self.new: Record = {}
        self.linked = 0

    def write(self, uri: str, data: bytes) -> None:
        target = self.site / uri
        digest = _digest(data)
        if not self._link(uri, digest, len(data), target):
            target.write_bytes(data)
        st = target.stat()
        self.new[uri] = (digest, st.st_size, st.st_mtime_ns)

    def _link(self, uri: str, digest: bytes, size: int, target: Path) -> bool:
        old = self.old.get(uri)
        if self.previous is None or old is None or old[0] != digest or old[1] != size:
            return False
        source = self.previous / uri
        try:
            st = source.lstat()
            if not source.is_file() or source.is_symlink() or (st.st_size, st.st_mtime_ns) != old[1:]:
                return False
            os.link(source, target)
        except OSError:
            return False
        self.linked += 1
        return True

    def finish(self) -> None:
        if self.record_file is not None:
            write_signed(self.record_file, self.new)

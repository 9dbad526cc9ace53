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
import stat
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
        target = os.path.join(self.site, uri)  # plain strings: ~10,000 pages, a few calls each
        digest = _digest(data)
        st = self._link(uri, digest, len(data), target)
        if st is None:
            with open(target, "wb") as fh:
                fh.write(data)
            st = os.stat(target)
        self.new[uri] = (digest, st.st_size, st.st_mtime_ns)

    def _link(self, uri: str, digest: bytes, size: int, target: str) -> os.stat_result | None:
        """The linked file's stat (a hard link shares it), or None when the page must be written."""
        old = self.old.get(uri)
        if self.previous is None or old is None or old[0] != digest or old[1] != size:
            return None
        source = os.path.join(self.previous, uri)
        try:
            st = os.lstat(source)  # a regular file only: never a link planted in the old site
            if not stat.S_ISREG(st.st_mode) or (st.st_size, st.st_mtime_ns) != old[1:]:
                return None
            os.link(source, target)
        except OSError:
            return None
        self.linked += 1
        return st

    def finish(self) -> None:
        if self.record_file is not None:
            write_signed(self.record_file, self.new)

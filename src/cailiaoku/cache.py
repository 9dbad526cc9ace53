"""A derived object kept under the project's .cache/, keyed by the content it was built from.

Reused until one of its input files (or the program itself) changes. Writes are atomic; a
corrupt, foreign or unreadable cache is ignored and rebuilt. Entries are pickles signed with a
key kept outside the project, so a cache file planted in a checkout is never unpickled.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO, TypeVar

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent
_MAC_SIZE = 32
_CHUNK = 1 << 20


def _secret() -> bytes | None:
    """This user's signing key (created once, readable only by them); None when unavailable."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cailiaoku"
    path = home / "cache-key"
    try:
        return path.read_bytes()[:32] or None
    except OSError:
        pass
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
        return path.read_bytes()[:32]
    except OSError:
        return None


def linked_out(path: Path, levels: int = 2) -> bool:
    """True when a folder holding `path` (the cache's own and its parent: .cache/cailiaoku and
    .cache) is a symbolic link: a link committed to a checkout would send cache reads, writes
    and deletions outside the project, so such a cache is not used."""
    return any(folder.is_symlink() for folder in list(path.parents)[:levels])


def _program() -> bytes:
    """The installed program's files (name, size, mtime): a new version never reads old caches."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml") and "__pycache__" not in path.parts:
            st = path.stat()
            h.update(f"{path.relative_to(_PACKAGE)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.digest()


def private_digest(data: bytes) -> str | None:
    """A name for `data` that only this user can compute (keyed by the signing key), so a file
    planted in a checkout under a content name is never taken for a cache entry; None: no key."""
    secret = _secret()
    return None if secret is None else hmac.new(secret, data, hashlib.sha256).hexdigest()


def program_key() -> str:
    """Short digest of the installed program, for cache files keyed by content inside."""
    return _program().hex()[:12]


def content_key(files: Iterable[Path]) -> str:
    """Digest of the files' names and bytes (missing files count as absent) and of the program."""
    h = hashlib.sha256(_program())
    for path in files:
        h.update(path.name.encode() + b"\0")
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            h.update(b"-")
    return h.hexdigest()[:32]


class Slot:
    """One cache entry: `folder/name-<key>.pickle` for the inputs' current content."""

    def __init__(self, folder: Path, name: str, inputs: Iterable[Path]) -> None:
        self.folder, self.name, self.secret = folder, name, _secret()
        self.path = folder / f"{name}-{content_key(inputs)}.pickle" if self.secret else None

    def get(self) -> object | None:
        """The stored value, or None (never stored, changed inputs, foreign, corrupt, no key)."""
        return None if self.path is None or self.secret is None else _read(self.path, self.secret)

    def put(self, value: object) -> None:
        """Store `value` (atomically; older entries of the same name are removed)."""
        if self.path is not None and self.secret is not None:
            _write(self.path, self.secret, value, stale=self.folder.glob(f"{self.name}-*.pickle"))


def cached(folder: Path, name: str, inputs: Iterable[Path], build: Callable[[], T]) -> T:
    """`build()`'s result, from `folder/name-<key>.pickle` when the inputs are unchanged."""
    slot = Slot(folder, name, inputs)
    found = slot.get()
    if found is not None:
        return found  # type: ignore[return-value]
    value = build()
    slot.put(value)
    return value


def read_signed(path: Path) -> object | None:
    """The value stored by `write_signed`, or None (missing, foreign, corrupt, no key)."""
    secret = _secret()
    return None if secret is None else _read(path, secret)


def write_signed(path: Path, value: object, stale: Iterable[Path] = ()) -> None:
    """Store `value` signed at `path` (atomically), removing `stale` files; silent on failure."""
    secret = _secret()
    if secret is not None:
        _write(path, secret, value, stale)


def _read(path: Path, secret: bytes) -> object | None:
    """Checked over the whole file first, then unpickled from it: never the file's bytes and
    the objects at once (a large library's caches are ~100 MB)."""
    if linked_out(path):
        return None
    try:
        with path.open("rb") as fh:
            mac, signer = fh.read(_MAC_SIZE), hmac.new(secret, digestmod=hashlib.sha256)
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                signer.update(chunk)
            if not hmac.compare_digest(mac, signer.digest()):
                return None
            fh.seek(_MAC_SIZE)
            return _load(fh)
    except OSError:
        return None


def _load(fh: BinaryIO) -> object | None:
    was_enabled = gc.isenabled()
    gc.disable()  # unpickling many small objects: the cyclic GC would double the time, for nothing
    try:
        return pickle.load(fh)
    except Exception:  # noqa: BLE001 — a cache that does not load is rebuilt
        return None
    finally:
        if was_enabled:
            gc.enable()


class _Signed:
    """A file that signs what is written to it (pickle writes in frames of ~64 KB)."""

    def __init__(self, fh: BinaryIO, secret: bytes) -> None:
        self.fh, self.signer = fh, hmac.new(secret, digestmod=hashlib.sha256)

    def write(self, data: bytes) -> int:
        self.signer.update(data)
        return self.fh.write(data)


def _write(path: Path, secret: bytes, value: object, stale: Iterable[Path]) -> None:
    if linked_out(path):
        return
    try:
        old = [p for p in stale if p != path]
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(bytes(_MAC_SIZE))  # the signature, once the body is written
                signed = _Signed(fh, secret)
                pickle.dump(value, signed, protocol=pickle.HIGHEST_PROTOCOL)  # streamed: no copy in memory
                fh.seek(0)
                fh.write(signed.signer.digest())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for p in old:
            p.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, RecursionError):
        pass  # a read-only checkout still searches, just without the cache

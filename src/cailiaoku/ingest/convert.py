""".doc/.wps/.rtf/.odt → .docx by LibreOffice headless, cached by content hash.

Each soffice run gets its own user profile (parallel runs would otherwise fight over one
profile lock) and a time limit; a batch that runs out of time is retried file by file so a
single hanging file is found and skipped.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..cache import linked_out, private_digest
from ..errors import SourceError

LIBREOFFICE_SUFFIXES = {".doc", ".wps", ".rtf", ".odt"}
TIMEOUT_PER_FILE = 60.0
BATCH_SECONDS_PER_FILE = 10.0
# What these files start with: OLE2 (.doc/.wps), zip (.odt, or a renamed .docx), RTF, or a
# web page saved as .doc. Anything else is damaged; LibreOffice would "convert" it as text.
_SIGNATURES = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04", b"{\\rtf", b"<")
INSTALL_HINT = ("安装 LibreOffice 后重试：Debian/Ubuntu 上运行 sudo apt-get install libreoffice-writer；"
                "或在 Word/WPS 中把文件另存为 .docx。")


def soffice_command() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise SourceError("没有安装 LibreOffice，无法读取 .doc/.wps/.rtf/.odt 文件", hint=INSTALL_HINT)
    return found


def default_cache() -> Path:
    return Path(tempfile.gettempdir()) / "cailiaoku-convert"


def cached_docx(data: bytes, cache_dir: Path) -> Path:
    # Keyed name: a .docx force-added under .cache/convert/ in a pull request is never read.
    return cache_dir / f"{private_digest(data) or hashlib.sha256(data).hexdigest()}.docx"


def _check_signature(path: Path, data: bytes) -> None:
    if not data.strip():
        raise SourceError("文件是空的", path=path, hint="确认选对了文件。")
    if not data.lstrip()[:8].startswith(_SIGNATURES):
        raise SourceError(
            f"文件不是有效的 {path.suffix.lower()} 文档（文件可能已损坏或不完整）",
            path=path, hint="在 Word/WPS 中打开并另存为 .docx 后重试。")


def _run_soffice(inputs: list[Path], outdir: Path, timeout: float) -> bool:
    """One soffice process with a private profile; False when it ran out of time."""
    with tempfile.TemporaryDirectory(prefix="cailiaoku-lo-") as profile:
        args = [soffice_command(), f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless", "--norestore", "--convert-to", "docx", "--outdir", str(outdir),
                *map(str, inputs)]
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice.bin is a grandchild: kill the group
            proc.wait()
            return False
    return True


def _convert_chunk(items: list[tuple[Path, bytes, Path]], timeout: float) -> None:
    """Convert (source, bytes, cache target) items; results land in the cache."""
    with tempfile.TemporaryDirectory(prefix="cailiaoku-conv-") as tmp:
        indir, outdir = Path(tmp, "in"), Path(tmp, "out")
        indir.mkdir()
        inputs = []
        for source, data, target in items:
            # Named by hash: odd names and two files with the same stem cannot collide.
            staged = indir / (target.stem + source.suffix.lower())
            staged.write_bytes(data)
            inputs.append(staged)
        # A batch gets a few seconds a file; a file that hangs is then found alone, with the
        # full per-file limit.
        each = min(BATCH_SECONDS_PER_FILE, timeout)
        budget = timeout if len(inputs) == 1 else timeout + each * len(inputs)
        _run_soffice(inputs, outdir, budget)
        for staged, item in zip(inputs, items, strict=True):
            produced = outdir / (staged.stem + ".docx")
            if produced.is_file():
                os.replace(produced, item[2])
            elif len(items) > 1:  # the batch stopped early (timeout or a crash): retry alone
                _convert_chunk([item], timeout)


def convert_many(paths: Iterable[Path], cache_dir: Path | None = None, *,
                 timeout: float = TIMEOUT_PER_FILE, workers: int = 1) -> dict[Path, Path | SourceError]:
    """Each path → its converted .docx in the cache, or the reason it could not be converted."""
    cache_dir = cache_dir or default_cache()
    if linked_out(cache_dir / "x.docx") or private_digest(b"") is None:
        # a linked .cache/ would reach outside the project; without a key, names are guessable
        cache_dir = Path(tempfile.mkdtemp(prefix="cailiaoku-convert-"))
    cache_dir.mkdir(parents=True, exist_ok=True)
    results: dict[Path, Path | SourceError] = {}
    todo: dict[Path, tuple[Path, bytes, Path]] = {}
    for path in paths:
        try:
            data = path.read_bytes()
            _check_signature(path, data)
        except SourceError as exc:
            results[path] = exc
            continue
        target = cached_docx(data, cache_dir)
        results[path] = target
        if not target.is_file():
            todo.setdefault(target, (path, data, target))
    if todo:
        try:
            soffice_command()
        except SourceError as exc:  # every file needing LibreOffice gets the install hint
            return {p: SourceError(exc.message, path=p, hint=exc.hint) if isinstance(r, Path)
                    and r in todo else r for p, r in results.items()}
        items = list(todo.values())
        chunks = [items[i::workers] for i in range(max(1, min(workers, len(items))))]
        with ThreadPoolExecutor(len(chunks)) as pool:
            list(pool.map(lambda chunk: _convert_chunk(chunk, timeout), chunks))
    for path, target in results.items():
        if isinstance(target, Path) and not target.is_file():
            results[path] = SourceError(
                "LibreOffice 无法转换该文件（文件可能已损坏、加密，或转换超时）",
                path=path, hint="在 Word/WPS 中打开并另存为 .docx 后重试。")
    return results


def convert_one(path: Path, cache_dir: Path | None = None) -> Path:
    result = convert_many([path], cache_dir)[path]
    if isinstance(result, SourceError):
        raise result
    return result

"""Walk an archive's folders: which files are documents, which are skipped and why, and the
defaults (org, year, kind) a folder's `_meta.yaml` gives the files in it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .. import yamlio
from ..errors import SourceError
from .metadata import SourceMeta, sidecar_path
from .reading import DOCUMENT_SUFFIXES

FOLDER_META = "_meta.yaml"
_META_KEYS = {"org", "year", "kind", "provenance"}
# Word/WPS lock files (~$x.docx, ~WRL0001.tmp), LibreOffice locks (.~lock.x#), editor backups.
_TEMP = re.compile(r"^(~\$|~wr[a-z]\d|\.~lock\.)|(\.tmp|\.bak|\.swp|~|#)$", re.IGNORECASE)
_NOT_SOURCES = {"readme.md"}


@dataclass(frozen=True)
class Found:
    path: Path
    root: Path  # the folder (or file) named on the command line
    defaults: SourceMeta
    skip: str = ""  # why it is not a document to ingest

    @property
    def relative(self) -> Path:
        return self.path.relative_to(self.root) if self.root.is_dir() else Path(self.path.name)


def read_folder_meta(path: Path) -> SourceMeta:
    """A folder's `_meta.yaml`: plain data, only org/year/kind/provenance."""
    try:
        raw, positions = yamlio.load_with_positions(path.read_text(encoding="utf-8"), str(path))
    except yaml.YAMLError as exc:  # e.g. a !!python tag: plain data only
        raise SourceError("_meta.yaml 只能写普通的键值（不能用 YAML 标签等特性）", path=path,
                          hint="例如：\norg: 县民政局\nyear: 2024") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError("无法读取 _meta.yaml（应为 UTF-8 文本）", path=path,
                          hint="用记事本另存为 UTF-8 编码。") from exc
    if raw is None:
        return SourceMeta()
    if not isinstance(raw, dict):
        raise SourceError("_meta.yaml 应为键值对（org、year、kind）", path=path, line=1,
                          hint="例如：\norg: 县民政局\nyear: 2024")
    unknown = sorted(set(map(str, raw)) - _META_KEYS)
    if unknown:
        raise SourceError(f"_meta.yaml 中有不认识的键：{'、'.join(unknown)}", path=path,
                          line=positions.get((unknown[0],), (1,))[0],
                          hint="只能写 org、year、kind、provenance。")
    year = raw.get("year")
    if year is not None and not (isinstance(year, int) and 1949 <= year <= 2100):
        raise SourceError(f"year 应为四位数字年份，现在是 {year!r}", path=path,
                          line=positions.get(("year",), (1,))[0], hint="例如 year: 2024。")
    return SourceMeta(kind=str(raw.get("kind") or ""), year=year, org=str(raw.get("org") or ""),
                      provenance=str(raw.get("provenance") or ""))


def overlay(base: SourceMeta, top: SourceMeta) -> SourceMeta:
    """`top`'s fields where it has them, else `base`'s."""
    return replace(base, **{k: getattr(top, k) for k in ("id", "title", "kind", "year", "org",
                                                          "provenance") if getattr(top, k)})


def folder_defaults(folder: Path, stop: Path) -> SourceMeta:
    """Defaults from every `_meta.yaml` from `stop` down to `folder`; the nearest wins."""
    chain = []
    here = folder.resolve()
    stop = stop.resolve()
    while True:
        chain.append(here)
        if here == stop or here.parent == here or not here.is_relative_to(stop):
            break
        here = here.parent
    meta = SourceMeta()
    for f in reversed(chain):
        if (f / FOLDER_META).is_file():
            meta = overlay(meta, read_folder_meta(f / FOLDER_META))
    return meta


def skip_reason(path: Path) -> str:
    name = path.name
    if _TEMP.search(name):
        return "临时文件或锁文件"
    if name.startswith("."):
        return "隐藏文件"
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES or name.lower() in _NOT_SOURCES:
        return f"不是范文文档（{suffix or '无扩展名'}）"
    return ""


def _is_sidecar(path: Path) -> bool:
    if path.name == FOLDER_META:
        return True
    if path.suffix.lower() not in (".yaml", ".yml"):
        return False
    return any(p != path and sidecar_path(p) == path and p.suffix.lower() in DOCUMENT_SUFFIXES
               for p in path.parent.iterdir())


def walk(roots: list[Path]) -> list[Found]:
    """Every file under the roots, in a stable order; hidden folders are not entered."""
    found: list[Found] = []
    for root in roots:
        if root.is_file():
            found.append(_found(root, root, root.parent))
            continue
        if not root.is_dir():
            found.append(Found(root, root, SourceMeta(), "找不到文件或目录"))
            continue
        for folder, dirs, files in os.walk(root, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__MACOSX")))
            for name in sorted(files):
                path = Path(folder) / name
                if path.is_symlink():
                    found.append(Found(path, root, SourceMeta(), "符号链接（为安全起见不跟随）"))
                elif not _is_sidecar(path):
                    found.append(_found(path, root, root))
    return found


def _found(path: Path, root: Path, stop: Path) -> Found:
    reason = skip_reason(path)
    if reason:
        return Found(path, root, SourceMeta(), reason)
    try:
        defaults = folder_defaults(path.parent, stop)
    except SourceError as exc:
        return Found(path, root, SourceMeta(), f"所在目录的 {FOLDER_META} 有误：{exc}")
    return Found(path, root, defaults)

"""Writing the light pages into the built site (the I/O half of site/light.py)."""

from __future__ import annotations

import gzip
import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from .light import SHELL, cut_shell, fill
from .pageplan import GeneratedPage
from .reuse import PageWriter


def folders(uris: Iterable[str]) -> set[str]:
    return {posixpath.dirname(u) for u in uris}


def shell_html_path(site: Path, folder: str) -> Path:
    return site / folder / f"{SHELL}.html" if folder else site / f"{SHELL}.html"


_SHELL_URL = re.compile(rf"\s*<url>\s*<loc>[^<]*/{SHELL}\.html</loc>.*?</url>", re.S)


def drop_shells_from_sitemap(site: Path) -> None:
    """With site_url set, MkDocs lists every page it rendered in sitemap.xml, the shells too."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    cleaned = _SHELL_URL.sub("", text)
    if cleaned != text:
        sitemap.write_text(cleaned, encoding="utf-8")
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(cleaned.encode("utf-8"), mtime=0))


def write_light_pages(site: Path, pages: Mapping[str, GeneratedPage],
                      writer: PageWriter | None = None) -> int:
    """Fill each folder's rendered shell with its pages and write them (pages unchanged since
    the previous build are linked by `writer`); the shells are removed (they are not pages of
    the site). Returns the number of bytes of the pages."""
    writer = writer or PageWriter(site, None, None)
    shells = {}
    for folder in sorted(folders(pages)):
        path = shell_html_path(site, folder)
        shells[folder] = cut_shell(path.read_text(encoding="utf-8"), path.name, folder)
        path.unlink()
    written = 0
    for name, text in dict(f for shell in shells.values() for f in shell.files).items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
    drop_shells_from_sitemap(site)
    for uri, page in pages.items():
        content, toc = page.render(uri)
        html = fill(shells[posixpath.dirname(uri)], uri, page.title, content, toc).encode("utf-8")
        writer.write(uri, html)
        written += len(html)
    writer.finish()
    return written

"""Light pages: the site's pages whose number grows with the library (passage permalinks, source
documents, list pages), written straight to the site folder from one shell page per folder.

The shell is a real MkDocs page (template ck-light.html) rendered once per folder, so it carries
Material's header, palette, style sheets, scripts and inline scripts exactly as every other page
(the hosting plugin hashes those). Each light page is the shell with its title, table of contents
and content put in at the markers: string joins, no template engine, no Markdown. Pure functions.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass

from ..errors import CailiaokuError
from .lightchrome import split_chrome
from .markup import esc

TEMPLATE = "ck-light.html"
SHELL = "_shell"  # ids never start with "_" (ids.ID_PATTERN), so no page can be called this
TITLE = "ckLightTitle"  # the shell's page title, where each page's own title goes
CONTENT = "<!--ck-light:content-->"
TOC = "<!--ck-light:toc-->"
TOC_TITLE = "目录"
_MARKERS = re.compile("(" + "|".join(re.escape(m) for m in (TITLE, CONTENT, TOC, SHELL + ".html")) + ")")
# Raw-text elements whose whitespace (and so a CSP hash) must stay as rendered.
_RAW = re.compile(r"(<(script|pre|textarea)\b.*?</\2>)", re.S | re.I)


@dataclass(frozen=True)
class Shell:
    """The shell's text cut at the markers: parts[0] marker[0] parts[1] marker[1] …"""
    parts: tuple[str, ...]
    markers: tuple[str, ...]
    files: tuple[tuple[str, str], ...] = ()  # the chrome scripts it loads: (site path, text)


def shell_uri(folder: str) -> str:
    """Where the shell of the light pages in `folder` is rendered ("" is the site's root)."""
    return posixpath.join(folder, SHELL + ".md")


def shell_markdown() -> str:
    """The shell page's source: front matter only (kept out of search and mkdocs-macros)."""
    return stand_in_markdown(TITLE)


# A hand-written page's link to a light page, written as MkDocs links are (p/<id>.md).
_LINKED = re.compile(r"(?<![\w-])((?:p|source)/[a-z0-9][a-z0-9-]{2,39})\.md\b")


def linked_pages(texts: Iterable[str], light: Container[str]) -> set[str]:
    """The light pages (dest uris) that hand-written Markdown links to as `p/<id>.md`."""
    return {f"{m}.html" for text in texts for m in _LINKED.findall(text) if f"{m}.html" in light}


def stand_in_markdown(title: str) -> str:
    """A MkDocs page standing in for a light page that a hand-written page links to, so MkDocs
    resolves and checks that link; its output is replaced by the light page after the build."""
    meta = {"title": title, "template": TEMPLATE, "render_macros": False, "search": {"exclude": True}}
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n"


def compact(html: str) -> str:
    """Drop the blank lines and indentation Material's templates leave between tags; script, pre
    and textarea contents are left exactly as they are."""
    pieces = _RAW.split(html)
    out = []
    for i, piece in enumerate(pieces):
        kind = i % 3
        if kind == 2:
            continue  # the tag name captured by the inner group
        out.append(piece if kind == 1 else re.sub(r"\n[ \t\n]+", "\n", piece))
    return "".join(out)


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_U_ESCAPE = re.compile(r"(?<!\\)\\u([0-9a-fA-F]{4})")


def plain_config(html: str) -> str:
    """Material's page configuration (JSON data, never run) with its Chinese written as
    characters instead of \\uXXXX escapes: the same data in half the bytes."""
    def chars(m: re.Match[str]) -> str:
        code = int(m.group(1), 16)
        return chr(code) if code >= 0x80 and not 0xD800 <= code <= 0xDFFF else m.group(0)

    return _CONFIG.sub(lambda m: m.group(1) + _U_ESCAPE.sub(chars, m.group(2)) + m.group(3), html, count=1)


def cut_shell(html: str, where: str, folder: str = "") -> Shell:
    """The rendered shell page of `folder`, ready to be filled; it must hold the content marker
    once. Its site chrome goes into shared scripts (site/lightchrome.py)."""
    text = compact(plain_config(html))
    if _MARKERS.split(text).count(CONTENT) != 1:
        raise CailiaokuError(f"轻量页面的外框 {where} 不完整（缺少正文位置标记）",
                             hint=f"网站模板目录里不要覆盖 {TEMPLATE}，或在其中保留 {CONTENT}。")
    markers = {"title": TITLE, "file": SHELL + ".html", "toc": TOC, "content": CONTENT}
    page, files = split_chrome(text, folder, markers)
    pieces = _MARKERS.split(page)
    return Shell(tuple(pieces[0::2]), tuple(pieces[1::2]), tuple(sorted(files.items())))


def toc_html(tokens: list[dict]) -> str:
    """Material's table of contents (partials/toc.html) from toc tokens (names already escaped)."""
    if not tokens:
        return ""  # a permalink has none: its sidebar stays empty, as Material leaves it

    def items(level: list[dict]) -> str:
        out = []
        for t in level:
            sub = ""
            if t.get("children"):
                sub = (f'<nav class="md-nav" aria-label="{t["name"]}"><ul class="md-nav__list">'
                       f'{items(t["children"])}</ul></nav>')
            out.append(f'<li class="md-nav__item"><a href="#{esc(t["id"])}" class="md-nav__link">'
                       f'<span class="md-ellipsis">{t["name"]}</span></a>{sub}</li>')
        return "".join(out)

    return (f'<nav class="md-nav md-nav--secondary" aria-label="{TOC_TITLE}">'
            f'<label class="md-nav__title" for="__toc"><span class="md-nav__icon md-icon"></span>{TOC_TITLE}</label>'
            f'<ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>{items(tokens)}</ul></nav>')


def fill(shell: Shell, uri: str, title: str, content: str, toc: list[dict]) -> str:
    """One light page: `title` is shown as text (escaped here), `content` is escaped HTML."""
    values = {TITLE: esc(title), CONTENT: content, TOC: toc_html(toc),
              SHELL + ".html": posixpath.basename(uri)}
    out = [shell.parts[0]]
    for marker, part in zip(shell.markers, shell.parts[1:], strict=True):
        out.append(values[marker])
        out.append(part)
    return "".join(out)

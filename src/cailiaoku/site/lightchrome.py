"""The light pages' shared chrome: Material's header (logo, drawer, palette, search dialog), the
short navigation, footer, "回到页面顶部" button, page configuration and their inline scripts are the
same on every light page of a folder, so they are shipped once, as two static scripts under
assets/cailiaoku/chrome/ (named by a hash of their text, so a changed chrome is never an old
cached copy). A parser-inserted `<script src>` at the top of <body> writes the header and
sidebars into the page with document.write before the rest is parsed (so before the first
paint), a second one after the article writes the footer and the script tags of Material's
bundle.js and the site's scripts, which then run in order and find the header, search and palette
as on every other page.

Each page keeps its <head> (without the site's generator and description meta), the two script
tags, its table of contents and article and a <noscript> line (links home and to 查找段落, from
ck-light.html). The shell's inline scripts run as code of the chrome scripts, so the page holds
no inline script (CSP). Pure functions."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from html import unescape

from .markup import rel

FOLDER = "assets/cailiaoku/chrome"
_BODY = re.compile(r"<body\b([^>]*)>")
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
# Material's executable inline scripts carry no attributes (its JSON config does).
_INLINE = re.compile(r"<script>(.*?)</script>", re.S)
_INLINE_LINE = re.compile(r"<script>.*?</script>\n?", re.S)
# The same on every page and read by no one who reads the page: left out of light pages.
_SITE_META = re.compile(r'<meta name="(?:generator|description)" content="[^"]*">\n?')
_TAIL = re.compile(r"</body>\s*</html>\s*$")
_TITLE_TAG = re.compile(r"<title>(.*?)</title>", re.S)


def _literal(text: str) -> str:
    """A JS string literal holding `text` (JSON is JS; the file is external, so "</script>" is
    harmless in it)."""
    return json.dumps(text, ensure_ascii=False)


def _program(html: str) -> str:
    """JS that writes `html` into the page, running its inline scripts where they stand (an
    error in one is reported but does not stop the rest of the chrome being written)."""
    out, pos = [], 0
    for m in _INLINE.finditer(html):
        if m.start() > pos:
            out.append(f"__ck_w({_literal(html[pos:m.start()])});")
        out.append(f"try{{{m.group(1)}\n}}catch(e){{setTimeout(function(){{throw e}})}}")
        pos = m.end()
    if pos < len(html):
        out.append(f"__ck_w({_literal(html[pos:])});")
    return "\n".join(out) + "\n"


def _top_program(head_code: list[str], body_attrs: str, top: str, title_tag: str,
                 markers: dict[str, str]) -> str:
    """The first chrome script: the page's title (from <title>, without the site name around it)
    goes where the shell had its title marker."""
    title = markers["title"]
    before, _, after = (unescape(x) for x in title_tag.partition(title))
    attrs = "".join(f"b.setAttribute({_literal(k)},{_literal(v)});" for k, v in _ATTR.findall(body_attrs))
    head = "".join(f"try{{{code}\n}}catch(e){{setTimeout(function(){{throw e}})}}\n" for code in head_code)
    return (
        "/* cailiaoku: the site chrome of the light pages (site/lightchrome.py) */\n"
        f"var __ck_t=(function(t,p,s){{return t.length>=p.length+s.length&&t.slice(0,p.length)===p&&"
        f"t.slice(t.length-s.length)===s?t.slice(p.length,t.length-s.length):t}})"
        f"(document.title,{_literal(before)},{_literal(after)})"
        '.replace(/[&<>"]/g,function(c){return"&#"+c.charCodeAt(0)+";"});\n'
        f"var __ck_f=location.pathname.split('/').pop();\n"  # already percent-encoded
        f"function __ck_w(h){{document.write(h.split({_literal(title)}).join(__ck_t)"
        f".split({_literal(markers['file'])}).join(__ck_f))}}\n"
        f"(function(b){{{attrs}}})(document.body);\n"
        + head + _program(top)
    )


def _name(kind: str, text: str) -> str:
    """Named by its content like Material's own bundle (x.<8 hex>.min.js), which the hosting
    guide's nginx rules cache for a year: a changed chrome is a new address."""
    return f"{FOLDER}/{kind}.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}.min.js"


def split_chrome(html: str, folder: str, markers: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The shell (compacted, with markers `title`, `file`, `toc`, `content`) as the per-page text
    plus the chrome scripts it loads (site path -> text). A shell not shaped as ck-light.html
    renders it (no <body>, no table of contents before the content) is kept whole."""
    body = _BODY.search(html)
    tail = _TAIL.search(html)
    if body is None or tail is None:
        return html, {}
    toc = html.find(markers["toc"], body.end())
    content = html.find(markers["content"], max(toc, 0))
    if toc < 0 or content < 0:
        return html, {}
    head = html[:body.start()]
    title_tag = _TITLE_TAG.search(head)
    if title_tag is None or markers["title"] not in title_tag.group(1):
        return html, {}
    head_code = _INLINE.findall(head)
    head = _SITE_META.sub("", _INLINE_LINE.sub("", head))
    top_js = _top_program(head_code, body.group(1), html[body.end():toc], title_tag.group(1), markers)
    end_js = "/* cailiaoku: the end of the light pages' site chrome */\n" + _program(
        html[content + len(markers["content"]):tail.start()])
    files = {_name("top", top_js): top_js, _name("end", end_js): end_js}
    here = f"{folder}/x.html" if folder else "x.html"
    top_src, end_src = (rel(here, path) for path in files)
    page = (f'{head}<body>\n<script src="{top_src}"></script>\n'
            f'{markers["toc"]}{html[toc + len(markers["toc"]):content]}{markers["content"]}'
            f'\n<script src="{end_src}"></script>\n{tail.group(0)}')
    return page, files


CHROME_TAG = re.compile(r'<script src="([^"]*assets/cailiaoku/chrome/[^"]+)"></script>')
_WRITE = re.compile(r"^__ck_w\((.*)\);$", re.M)
_JS_STRING = r'("(?:[^"\\]|\\.)*")'
_TITLE_PARTS = re.compile(rf"\(document\.title,{_JS_STRING},{_JS_STRING}\)")
_TITLE_SPLIT = re.compile(rf"document\.write\(h\.split\({_JS_STRING}\)")


def as_written(page: str, script: Callable[[str], str]) -> str:
    """A light page with what its chrome scripts write put in place of their tags: the markup the
    browser parses (the scripts' code itself not run), for checks and benchmarks. `script(src)`
    reads a chrome script by its address in the page. Other pages are returned as they are."""
    title = _TITLE_TAG.search(page)

    def expand(m: re.Match[str]) -> str:
        js = script(m.group(1))
        name = unescape(title.group(1)) if title else ""
        parts, marker = _TITLE_PARTS.search(js), _TITLE_SPLIT.search(js)
        written = "".join(json.loads(s) for s in _WRITE.findall(js))
        if parts is None or marker is None:
            return written  # the end script: no title in it
        before, after = json.loads(parts.group(1)), json.loads(parts.group(2))
        if name.startswith(before) and name.endswith(after) and len(name) >= len(before) + len(after):
            name = name[len(before):len(name) - len(after)]
        return written.replace(json.loads(marker.group(1)), name.replace("&", "&amp;").replace("<", "&lt;"))

    return CHROME_TAG.sub(expand, page)

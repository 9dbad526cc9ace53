"""Content-Security-Policy for the built site, with a hash for every inline script and style.

Material for MkDocs writes a few small inline scripts into every page (palette, base URL, anchor
handling). Instead of allowing 'unsafe-inline', the build hashes each distinct inline script
and style, so the policy allows exactly those and nothing else.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

# Script types a browser executes (CSP applies to these; JSON data blocks are not executed).
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}

BASE_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),      # Material's icons are data: SVG masks in its CSS
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),         # Material's search runs in a Web Worker
    ("frame-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'self'"),
)


def sha256_source(text: str) -> str:
    """The CSP hash source for an inline element's exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@dataclass
class InlineFindings:
    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    # Things no hash can allow without 'unsafe-inline'/'unsafe-hashes': page → description.
    blocked: list[str] = field(default_factory=list)


_ATTRS = r"""((?:[^>"']|"[^"]*"|'[^']*')*)"""
# Comments and whole script/style elements: their bodies are raw text (tags in them are not tags).
_RAW = re.compile(rf"<!--.*?-->|<(script|style)\b{_ATTRS}>(.*?)</\1\s*>", re.S | re.I)
_TAG = re.compile(rf"<([a-zA-Z][^\s/>]*){_ATTRS}>")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
# What may make a tag one no hash allows: an on… or style attribute, or an attribute value that may
# start with javascript: (written plainly or with character references). Found anywhere, then kept
# only where it stands inside a tag, so ordinary tags cost nothing. Two simple patterns: one with a
# top-level alternation or re.I is several times slower.
_SUSPECT = (re.compile(r"""[\s"'/](?:[oO][nN]|[sS][tT][yY][lL][eE])"""), re.compile(r"""=\s*["']?\s*[jJ&]"""))


def _attributes(text: str) -> list[tuple[str, str | None]]:
    out = []
    for m in _ATTR.finditer(text):
        value = m.group(2)
        if value is not None:
            value = html.unescape(value[1:-1] if value[0] in "\"'" else value)
        out.append((m.group(1).lower(), value))
    return out


def _blocked(page: str, tag: str, attrs: list[tuple[str, str | None]]) -> list[str]:
    out = []
    for name, value in attrs:
        if name.startswith("on"):
            out.append(f"{page}：<{tag} {name}=…> 内联事件处理")
        elif name == "style" and value:
            out.append(f"{page}：<{tag} style=\"{value[:40]}\"> 内联样式属性")
        elif name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
            out.append(f"{page}：<{tag} {name}=\"javascript:…\">")
    return out


def scan_html(text: str, page: str, found: InlineFindings) -> None:
    """Add the hashes of one page's inline scripts and styles to `found`, and what no hash allows
    (inline event handlers, style attributes, javascript: links). Regex passes over the text."""
    raw_starts, raw_ends = [], []
    for m in _RAW.finditer(text):
        raw_starts.append(m.start())
        raw_ends.append(m.end())
        element = m.group(1)
        if element is None:
            continue  # a comment
        attrs = _attributes(m.group(2))
        if any(p.search(m.group(2)) for p in _SUSPECT):
            found.blocked.extend(_blocked(page, element.lower(), attrs))
        names = dict(attrs)
        if element.lower() == "style":
            found.styles.add(sha256_source(m.group(3)))
        elif "src" not in names and (names.get("type") or "").lower() in _EXECUTABLE:
            found.scripts.add(sha256_source(m.group(3)))
    done = -1
    for at in sorted(m.start() for p in _SUSPECT for m in p.finditer(text)):
        i = bisect.bisect_right(raw_starts, at) - 1
        if i >= 0 and at < raw_ends[i]:
            continue  # in a comment or a script/style element (its own tag was read above)
        lt = text.rfind("<", 0, at)
        tag = _TAG.match(text, lt) if lt > done else None
        if tag is not None and tag.end() > at:
            done = lt  # a tag with several suspect attributes is read once
            found.blocked.extend(_blocked(page, tag.group(1).lower(), _attributes(tag.group(2))))


def scan_site(site_dir: Path) -> InlineFindings:
    """Every HTML file of a built site, read from disk (a check; the build scans pages in memory)."""
    found = InlineFindings()
    for page in sorted(site_dir.rglob("*.html")):
        scan_html(page.read_text(encoding="utf-8"), page.relative_to(site_dir).as_posix(), found)
    return found


def policy(found: InlineFindings) -> str:
    """The header value: BASE_DIRECTIVES plus the hashes of the site's inline scripts and styles."""
    extra = {"script-src": sorted(found.scripts), "style-src": sorted(found.styles)}
    parts = []
    for name, value in BASE_DIRECTIVES:
        parts.append(" ".join([name, value, *extra.get(name, [])]))
    return "; ".join(parts)


_DIRECTIVE = re.compile(r"\s*;\s*")


def directives(header: str) -> dict[str, list[str]]:
    """Parse a CSP header value into directive → sources (for checks and tests)."""
    out: dict[str, list[str]] = {}
    for part in _DIRECTIVE.split(header.strip()):
        if part:
            name, *sources = part.split()
            out[name] = sources
    return out

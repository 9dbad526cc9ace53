"""Content-Security-Policy for the built site, with a hash for every inline script and style.

Material for MkDocs writes a few small inline scripts into every page (palette, base URL, anchor
handling). Instead of allowing 'unsafe-inline', the build hashes each distinct inline script
and style, so the policy allows exactly those and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
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


class _Scanner(HTMLParser):
    def __init__(self, page: str, found: InlineFindings) -> None:
        super().__init__(convert_charrefs=False)
        self.page, self.found = page, found
        self.capture: str | None = None  # "script" / "style" while inside an inline one
        self.buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.blocked.append(f"{self.page}：<{tag} {name}=…> 内联事件处理")
            elif name == "style" and value:
                self.found.blocked.append(f"{self.page}：<{tag} style=\"{value[:40]}\"> 内联样式属性")
            elif name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.blocked.append(f"{self.page}：<{tag} {name}=\"javascript:…\">")
        if tag == "script" and "src" not in names and (names.get("type") or "").lower() in _EXECUTABLE:
            self.capture, self.buffer = "script", []
        elif tag == "style":
            self.capture, self.buffer = "style", []

    def handle_data(self, data: str) -> None:
        if self.capture:
            self.buffer.append(data)

    def handle_entityref(self, name: str) -> None:  # script/style bodies are raw text anyway
        if self.capture:
            self.buffer.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self.capture:
            self.buffer.append(f"&#{name};")

    def handle_endtag(self, tag: str) -> None:
        if self.capture == tag:
            target = self.found.scripts if tag == "script" else self.found.styles
            target.add(sha256_source("".join(self.buffer)))
            self.capture = None


def scan_site(site_dir: Path) -> InlineFindings:
    found = InlineFindings()
    for page in sorted(site_dir.rglob("*.html")):
        scanner = _Scanner(page.relative_to(site_dir).as_posix(), found)
        scanner.feed(page.read_text(encoding="utf-8"))
        scanner.close()
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

"""Site chrome in Chinese: no English visible on any page type, our 404 page (also from
`cailiaoku serve`), a footer naming the library and its build date, 本节链接 tooltips."""

from __future__ import annotations

import functools
import re
import threading
import urllib.error
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from cailiaoku.library import load_library
from cailiaoku.site.cli import _Handler

ROOT = Path(__file__).resolve().parents[1]
PAGE_TYPES = [
    "index.html", "finder.html", "compose.html", "themes/index.html", "themes/lilun-xuexi.html",
    "source/index.html", "source/2024-ju-zongjie.html", "p/d7rgh5x.html", "phrases.html",
    "by-year.html", "by-org.html", "by-kind.html", "macros.html", "guide/editors.html",
    "guide/trainers.html", "guide/hosting.html", "training/yishixingtai-zongjie.html", "404.html",
]
# Proper nouns, formats and the few technical names the guides must use.
ALLOWED = {
    "Word", "WPS", "PDF", "Web", "YAML", "JSON", "Markdown", "MkDocs", "Material", "for", "UTF", "GB",
    "Tab", "Ctrl", "LibreOffice", "README", "Pull", "Request", "nginx", "IIS", "Windows", "Server",
    "Python", "Debian", "HTTP", "HTTPS", "CSP", "SHA", "Worker", "Content", "Security", "Policy",
    "Default", "Site", "id", "ids", "docx", "txt", "json", "yaml", "zip", "md", "taxonomy", "kinds",
    "slug", "lint", "sources", "snippets", "cailiaoku", "APP", "AAA",
    "document", "passages",  # YAML keys an editor types (the guide's headings name them)
}
VISIBLE_TEXT = """() => {
  const skip = new Set(['CODE', 'PRE', 'KBD', 'SAMP', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
  const out = [document.title];
  const walk = (n) => {
    if (n.nodeType === 3) { out.push(n.textContent); return; }
    if (n.nodeType !== 1 || skip.has(n.tagName)) return;
    const style = getComputedStyle(n);
    if (style.display === 'none' || style.visibility === 'hidden') return;
    if (n.title) out.push(n.title);
    if (n.placeholder) out.push(n.placeholder);
    for (const c of n.childNodes) walk(c);
  };
  walk(document.body);
  return out.join('\\n');
}"""


def library_words() -> tuple[set[str], set[str]]:
    """Ids (shown beside passages) and English already in the passages' own text (data)."""
    library = load_library(ROOT / "snippets")
    ids = {p.id for _, p in library.passages()} | {d.id for d in library.documents}
    text = " ".join(p.heading + p.text for _, p in library.passages())
    return ids, set(re.findall(r"[A-Za-z]{2,}", text))


def english(text: str, ids: set[str], data_words: set[str]) -> list[str]:
    text = re.sub(r"\b[\w-]+\b", lambda m: " " if m.group(0) in ids else m.group(0), text)
    text = re.sub(r"\S+\.(?:html|txt|yaml|docx|json|md)\b|\S*/\S*", " ", text)  # file names, paths
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED | data_words]


@pytest.mark.browser
def test_no_english_visible_on_any_page_type(built_site: Path, page: object) -> None:
    ids, data_words = library_words()
    found = {}
    for path in PAGE_TYPES:
        assert (built_site / path).is_file(), path
        page.goto((built_site / path).as_uri())  # type: ignore[attr-defined]
        page.wait_for_load_state("load")  # type: ignore[attr-defined]
        page.wait_for_timeout(300)  # type: ignore[attr-defined]  # finder/compose render after load
        words = english(page.evaluate(VISIBLE_TEXT), ids, data_words)  # type: ignore[attr-defined]
        if words:
            found[path] = sorted(set(words))
    assert found == {}


def test_footer_names_the_library_and_its_build_date(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Made with" not in html and "squidfunk" not in html
    library = load_library(ROOT / "snippets")
    n = sum(len(d.passages) for d in library.documents)
    footer = re.search(r'<div class="md-copyright">(.*?)</div>', html, re.S)
    assert footer and re.fullmatch(
        rf"材料库 · 收录范文 {len(library.documents)} 篇、段落 {n} 个 · \d{{4}}年\d{{1,2}}月\d{{1,2}}日生成",
        footer.group(1).strip()), footer


def test_permalinks_say_benjie_lianjie(built_site: Path) -> None:
    for path in ("guide/editors.html", "macros.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        assert 'class="headerlink"' in html
        assert "Permanent link" not in html and 'title="本节链接"' in html


def test_our_404_page_also_from_cailiaoku_serve(built_site: Path) -> None:
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "页面不存在（404）" in html and "Not found" not in html
    handler = functools.partial(_Handler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(f"{base}/p/nosuch1.html")
        assert info.value.code == 404
        body = info.value.read().decode("utf-8")
        assert "页面不存在（404）" in body and "Nothing matches" not in body
        assert info.value.headers["Content-Type"] == "text/html; charset=utf-8"
        styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', body)
        assert styles and all(href.startswith("/assets/") for href in styles), styles
        with urllib.request.urlopen(base + styles[0]) as css:  # styled at any depth under /
            assert css.status == 200
        with pytest.raises(urllib.error.HTTPError) as listing:  # a folder: no English listing
            urllib.request.urlopen(f"{base}/p/")
        assert listing.value.code == 404 and "页面不存在（404）" in listing.value.read().decode("utf-8")
        with urllib.request.urlopen(f"{base}/index.html") as ok:
            assert ok.status == 200
    finally:
        server.shutdown()
        server.server_close()

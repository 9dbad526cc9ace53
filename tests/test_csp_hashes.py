"""The CSP's inline-script hashes come from the pages the hosting plugin sees as MkDocs renders them
(one regex pass, nothing read back), and still cover every inline script of every built page,
including pages other plugins write after the build (light pages)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

from cailiaoku.hosting.csp import InlineFindings, directives, scan_html, sha256_source
from cailiaoku.hosting.plugin import HostingPlugin
from light_chrome import as_written

EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


class Oracle(HTMLParser):
    """An independent reading with Python's HTML parser: inline scripts/styles and what no hash allows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: set[str] = set()
        self.styles: set[str] = set()
        self.blocked: list[tuple[str, str]] = []
        self.capture: str | None = None
        self.buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or (name == "style" and value) or (
                    name in ("href", "src") and (value or "").strip().lower().startswith("javascript:")):
                self.blocked.append((tag, name))
        if tag == "script" and "src" not in names and (names.get("type") or "").lower() in EXECUTABLE:
            self.capture, self.buffer = "script", []
        elif tag == "style":
            self.capture, self.buffer = "style", []

    def handle_data(self, data: str) -> None:
        if self.capture:
            self.buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.capture == tag:
            (self.scripts if tag == "script" else self.styles).add(sha256_source("".join(self.buffer)))
            self.capture = None


def oracle(text: str) -> Oracle:
    reader = Oracle()
    reader.feed(text)
    reader.close()
    return reader


TRICKY = """<!doctype html><html><head>
<script>var a = "<a onclick='x()'>" + '</b>';</script>
<SCRIPT type="text/javascript">let b = 1 > 0 && 2 < 3;</SCRIPT>
<script type="application/json">{"not": "executed"}</script>
<script src="assets/x.js"></script>
<!-- <script>commented()</script> <a onclick="no"> -->
<style>.x{color:red}</style>
</head><body>
<a title="a > b" href="p/x.html" data-on="1">ok</a>
<button onclick="go()">x</button><div style="color:red">y</div><span style="">empty</span>
<p>turn on the style, one <b>two</b> & more</p><a title="x > y" onclick="z()" onkeyup="w()">q</a><a href="x"onclick="y()">glued</a>
<a href=" JavaScript:alert(1)">z</a><a href="javascript&#58;no">entity</a><img src=javascript:void(0)>
<script>
  document.body.dataset.x = "</scr" + "ipt>";
</script>
</body></html>"""


def test_regex_scan_reads_inline_code_as_the_html_parser_does() -> None:
    found = InlineFindings()
    scan_html(TRICKY, "t.html", found)
    expected = oracle(TRICKY)
    assert found.scripts == expected.scripts and len(found.scripts) == 3
    assert found.styles == expected.styles and len(found.styles) == 1
    assert len(found.blocked) == len(expected.blocked) == 8, found.blocked
    assert all(item.startswith("t.html：") for item in found.blocked)


def test_plugin_hashes_rendered_pages_without_reading_the_site(tmp_path: Path) -> None:
    plugin = HostingPlugin()
    plugin.load_config({"base_path": "/cailiaoku/"})
    config = SimpleNamespace(site_dir=str(tmp_path), site_url=None)
    page = SimpleNamespace(file=SimpleNamespace(dest_uri="a.html"))
    plugin.on_startup(command="build", dirty=False)
    plugin.on_pre_build(config=config)
    rendered = '<html><script>first()</script><script src="x.js"></script></html>'
    assert plugin.on_post_page(rendered, page=page, config=config) == rendered
    not_found = plugin.on_post_template('<a href="/x.css"></a><script>new URL("/",location)</script>',
                                        template_name="404.html", config=config)
    assert 'href="/cailiaoku/x.css"' in not_found and 'new URL("/cailiaoku/",location)' in not_found
    plugin.on_post_template("<urlset/>", template_name="sitemap.xml", config=config)
    # A file on disk that no plugin event carried is not read: the policy is built from memory.
    (tmp_path / "stray.html").write_text("<script>stray()</script>", encoding="utf-8")
    plugin.on_post_build(config=config)
    script_src = directives((tmp_path / "csp.txt").read_text(encoding="utf-8"))["script-src"]
    expected = {sha256_source("first()"), sha256_source('new URL("/cailiaoku/",location)')}
    assert set(script_src) == {"'self'", *expected}


def test_every_inline_script_of_every_built_page_is_allowed(built_site: Path) -> None:
    csp = directives((built_site / "csp.txt").read_text(encoding="utf-8"))
    allowed_scripts, allowed_styles = set(csp["script-src"]), set(csp["style-src"])
    pages = sorted(built_site.rglob("*.html"))
    permalinks = [p for p in pages if p.parent.name == "p"]
    assert len(permalinks) > 50  # light pages (written after MkDocs' own pages) are among them
    seen: set[str] = set()
    for path in pages:
        found = oracle(path.read_text(encoding="utf-8"))
        name = path.relative_to(built_site).as_posix()
        assert found.scripts <= allowed_scripts, name
        assert found.styles <= allowed_styles, name
        assert not found.blocked, (name, found.blocked)
        seen |= found.scripts
    assert seen == allowed_scripts - {"'self'"}  # nothing allowed that no page needs
    # a light page carries no inline script: its chrome scripts run Material's (site/lightchrome.py)
    assert not oracle((permalinks[0]).read_text(encoding="utf-8")).scripts
    for path in permalinks[:20]:  # what their chrome scripts write in needs no hash either
        found = oracle(as_written(path))
        assert not found.scripts and not found.styles and not found.blocked, path

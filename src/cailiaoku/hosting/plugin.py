"""MkDocs plugin `cailiaoku-hosting`: make the 404 page work under the site's sub-path, hash the
inline scripts of every page MkDocs renders (in memory, as it renders them) and write csp.txt,
nginx-headers.conf and web.config into the site folder (see serverconf).

Pages other plugins write after the build (the cailiaoku plugin's light pages) are copies of a
shell page rendered through MkDocs, so their inline scripts are the shell's, already hashed here;
no HTML file is read back."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from .csp import InlineFindings, policy, scan_html
from .serverconf import write_server_files

log = logging.getLogger("mkdocs.plugins.cailiaoku.hosting")

NOT_FOUND = "404.html"
# Root-absolute addresses MkDocs and Material write into the 404 page when site_url is unset.
_ROOT_LINK = re.compile(r'(\b(?:href|src|action)=")/(?!/)')
_ROOT_CONFIG = re.compile(r'("(?:base|search)": ")/(?!/)')
_ROOT_SCOPE = 'new URL("/",location)'


class HostingConfig(Config):
    # Where the server publishes the site (the release zip's folder): the 404 page is served at
    # any depth below it, so its links start from here.
    base_path = opt.Type(str, default="/cailiaoku/")


def rebase_404(html: str, base_path: str) -> str:
    """The 404 page with every root-absolute link moved under `base_path` (e.g. /cailiaoku/)."""
    html = _ROOT_LINK.sub(lambda m: m.group(1) + base_path, html)
    html = _ROOT_CONFIG.sub(lambda m: m.group(1) + base_path, html)
    return html.replace(_ROOT_SCOPE, f'new URL("{base_path}",location)')


_BASE_IN_PAGE = re.compile(r'"base": "(/[^"]*/)"')


def root_404(html: str) -> str:
    """The inverse of rebase_404, for a server that publishes the site at / (cailiaoku serve)."""
    found = _BASE_IN_PAGE.search(html)
    if found is None or found.group(1) == "/":
        return html
    base = re.escape(found.group(1))
    html = re.sub(rf'(\b(?:href|src|action)="){base}', r"\1/", html)
    html = re.sub(rf'("(?:base|search)": "){base}', r"\1/", html)
    return html.replace(f'new URL("{found.group(1)}",location)', _ROOT_SCOPE)


class HostingPlugin(BasePlugin[HostingConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.found = InlineFindings()
        self.dirty = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        path = self.config.base_path
        if not (path.startswith("/") and path.endswith("/")) or "//" in path or re.search(r"[\s\"'<>]", path):
            raise PluginError(f"cailiaoku-hosting 的 base_path 应以 / 开头和结尾，例如 /cailiaoku/，现在是 {path!r}")
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.dirty:  # a dirty rebuild renders only changed pages: keep the others' hashes
            self.found = InlineFindings()

    @event_priority(-100)  # last: the page as it is written, after every other plugin's change
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        scan_html(output, page.file.dest_uri, self.found)
        return output

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Theme pages outside the nav (404.html); sitemaps and other non-HTML templates are skipped."""
        if not template_name.endswith(".html"):
            return output_content
        # With site_url set, MkDocs already writes the 404 page's links from its path.
        if template_name == NOT_FOUND and not config.site_url:
            output_content = rebase_404(output_content, self.config.base_path)
        scan_html(output_content, template_name, self.found)
        return output_content

    @event_priority(-100)  # last: every other plugin has written its pages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        for item in self.found.blocked:
            log.warning(f"内容安全策略（CSP）会拦截 {item}：请改用外部脚本/样式文件。")
        write_server_files(Path(config.site_dir), policy(self.found))

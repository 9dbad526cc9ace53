"""MkDocs plugin `cailiaoku-hosting`: after the build, hash the site's inline scripts and write
csp.txt, nginx-headers.conf and web.config into the site folder (see serverconf)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from .csp import policy, scan_site
from .serverconf import write_server_files

log = logging.getLogger("mkdocs.plugins.cailiaoku.hosting")


class HostingPlugin(BasePlugin):
    supports_multiple_instances = False

    @event_priority(-100)  # last: every other plugin has written its pages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        found = scan_site(site)
        for item in found.blocked:
            log.warning(f"内容安全策略（CSP）会拦截 {item}：请改用外部脚本/样式文件。")
        write_server_files(site, policy(found))

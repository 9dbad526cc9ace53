"""Site chrome in Chinese: our 404 page and footer (template overrides), permalink tooltip."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from .sitedata import SiteData

OVERRIDES = Path(__file__).resolve().parent / "overrides"
PERMALINK_TITLE = "本节链接"


def build_date() -> datetime.date:
    """Today, or SOURCE_DATE_EPOCH's day for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date()
    return datetime.date.today()


def footer_line(config: MkDocsConfig, data: SiteData) -> str:
    day = build_date()
    passages = sum(len(d.passages) for d in data.library.documents)
    return (f"{config.site_name} · 收录范文 {len(data.library.documents)} 篇、段落 {passages} 个 · "
            f"{day.year}年{day.month}月{day.day}日生成")


def chrome(config: MkDocsConfig, data: SiteData) -> None:
    """Our templates after the site's own custom_dir (its overrides still win), before Material's."""
    dirs = config.theme.dirs
    if str(OVERRIDES) not in dirs:
        custom = config.theme.custom_dir
        dirs.insert(1 if custom and dirs and Path(dirs[0]) == Path(custom) else 0, str(OVERRIDES))
    config.extra.setdefault("cailiaoku_footer", footer_line(config, data))
    toc = config.mdx_configs.setdefault("toc", {})
    toc.setdefault("permalink_title", PERMALINK_TITLE)

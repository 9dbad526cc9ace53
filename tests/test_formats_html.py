"""A 范文 page saved from a browser (.html/.htm/.mhtml) gives the passages of its text."""

from __future__ import annotations

import html
import shutil
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from cailiaoku.errors import SourceError
from cailiaoku.ingest import analyse_source
from cailiaoku.ingest.reading import read_source
from cailiaoku.taxonomy import load_taxonomy
from samples import ROOT, SOURCES

TAXONOMY = load_taxonomy(ROOT / "taxonomy.yaml")
NAV = "".join(f'<li><a href="/c{i}">{n}</a></li>' for i, n in enumerate(
    ["首页", "工作总结", "工作计划", "述职报告", "心得体会", "演讲稿", "入党申请书"]))
SIDEBAR = "".join(f'<li><a href="/a{i}">2023年{n}工作总结范文（{i}篇）</a></li>' for i, n in enumerate(
    ["乡镇", "社区", "学校", "医院", "公司", "财务"]))
FOOTER = ("<p>版权所有 © 2016-2025 某某范文网 京ICP备12345678号-1</p>"
          "<p>本站部分内容来自网络，如有侵权请联系删除。联系我们 | 关于我们 | 网站地图</p>")


def page(title: str, lines: list[str], charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}">
<title>{html.escape(title)}_某某范文网</title><script>var _hmt = _hmt || [];</script>
<link rel="stylesheet" href="/style.css"></head><body>
<div id="top"><a href="/">某某范文网</a> <form><input name="q"><button>搜索</button></form></div>
<ul class="nav">{NAV}</ul>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zj">工作总结</a> &gt; 正文</div>
<div class="main"><div class="article"><h1>{html.escape(title)}</h1>
<div class="info">发布时间：2024-12-01 浏览：1024次</div>
<div class="content">{body}</div>
<div class="pages">上一篇：<a href="/p1">2023年工作总结</a> 下一篇：<a href="/p2">2025年工作计划</a></div>
</div><div class="side"><h3>相关文章</h3><ul>{SIDEBAR}</ul></div></div>
<div class="footer">{FOOTER}</div></body></html>"""


def passages(path: Path) -> list[tuple]:
    d = analyse_source(path, TAXONOMY, path.parent)
    return [(p.type, p.number, p.heading, p.text, p.role, tuple(p.themes)) for p in d.passages]


def mhtml(markup: str) -> bytes:
    message = MIMEMultipart("related", type="text/html")
    message["Subject"] = "saved page"
    message["Snapshot-Content-Location"] = "http://fanwen.example/zj/1.html"
    message.attach(MIMEText(markup, "html", "utf-8"))
    message.attach(MIMEText("body{}", "css", "utf-8"))
    return message.as_bytes()


@pytest.mark.parametrize("doc_id", ["2025-srdbgs-yaodian", "2024-swzys-zongjie"])
@pytest.mark.parametrize("form", ["html", "gbk.htm", "mhtml"])
def test_web_page_gives_the_text_passages(doc_id: str, form: str, tmp_path: Path) -> None:
    src = SOURCES[doc_id]
    txt = tmp_path / "article.txt"
    shutil.copy(src, txt)
    shutil.copy(src.with_suffix(".yaml"), txt.with_suffix(".yaml"))
    lines = src.read_text(encoding="utf-8").split("\n")
    title = lines[0] if "要点" in lines[0] else "市委政研室2024年意识形态工作总结和2025年工作谋划"
    web = tmp_path / f"article.{form.split('.')[-1]}"
    shutil.copy(src.with_suffix(".yaml"), web.with_suffix(".yaml"))
    if form == "html":
        web.write_text(page(title, lines), encoding="utf-8")
    elif form == "gbk.htm":
        web.write_bytes(page(title, lines, "gbk").encode("gb18030"))
    else:
        web.write_bytes(mhtml(page(title, lines)))
    text = "\n".join(read_source(web))
    for chrome in ("首页", "相关文章", "版权所有", "上一篇", "当前位置", "搜索", "_某某范文网"):
        assert chrome not in text
    expected = passages(txt)
    assert passages(web) == expected


def test_page_without_article_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "空页.html"
    empty.write_text(f"<html><body><ul>{NAV}</ul><div>{FOOTER}</div></body></html>", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        analyse_source(empty, TAXONOMY, tmp_path)
    assert info.value.hint

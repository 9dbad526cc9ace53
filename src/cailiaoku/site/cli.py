"""`cailiaoku build` and `cailiaoku serve`: lint the library, then build the site with mkdocs.yml."""

from __future__ import annotations

import functools
import http.server
import logging
import os
import re
import socket
import time
from pathlib import Path

import click

from ..clibase import OUTPUT_FILE, Command
from ..errors import CailiaokuError, LintFailed
from ..project import Project


class BuildFailed(CailiaokuError):
    """MkDocs stopped (a plugin, macro or configuration error)."""


class _Messages(logging.Handler):
    """Shows MkDocs warnings and errors, without mkdocs-macros' Python tracebacks."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.macro_errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "_Macro " in message:  # "# _Macro Syntax Error_ ... _File_: `x.md` ..." + traceback
            text = message.split("```")[0] if "Rendering" in message else message
            lines = [re.sub(r"[_*`#]", "", ln).strip() for ln in text.splitlines()[1:]]
            detail = " ".join(ln for ln in lines if ln and ln != "markdown")
            self.macro_errors.append("页面中的宏有错误（" + detail.replace("File:", "文件", 1) + "）")
            return
        from .mkdocs_messages import translate

        click.echo(f"{'警告' if record.levelno == logging.WARNING else '错误'}：{translate(message)}", err=True)


def lint_first(project: Project) -> None:
    from .. import parsecache
    from ..lint import errors_only, lint_library
    from ..taxonomy import load_taxonomy

    with parsecache.kept_in(project.cache_dir):
        errors = errors_only(lint_library(project.snippets, load_taxonomy(project.taxonomy), project.root))
    if errors:
        raise LintFailed(errors)


def build_site(project: Project, site_dir: Path | None = None) -> Path:
    """Build with the project's mkdocs.yml into a fresh folder; the old site is replaced only
    when the build succeeded (a failed build leaves it as it was). Returns the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .. import macros
    from .switch import discard, staging_dir, switch

    config_file = project.root / "mkdocs.yml"
    if not config_file.is_file():
        raise CailiaokuError("找不到 mkdocs.yml", path=config_file, hint="在项目根目录运行，或用 --root 指定项目目录。")
    overrides = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    handler = _Messages()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    macros.ERRORS.clear()
    staging: Path | None = None
    try:
        config = load_config(config_file=str(config_file), **overrides)
        target = Path(config.site_dir)
        if target.is_symlink():  # a link to the served folder: replace what it points to
            target = target.resolve()
        staging = staging_dir(target)
        config["site_dir"] = str(staging)
        if (pages := config.plugins.get("cailiaoku")) is not None:
            pages.previous_site = target  # unchanged pages are linked from it, not rewritten
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        switch(staging, target)
    except SystemExit as exc:  # mkdocs-macros exits on a macro error (on_error_fail)
        detail = "；".join(macros.ERRORS or handler.macro_errors) or f"MkDocs 中止（退出码 {exc.code}）"
        raise BuildFailed(f"网站构建失败：{detail}（原有网站未改动）") from exc
    except MkDocsException as exc:
        from .mkdocs_messages import explain_exception

        raise BuildFailed(f"网站构建失败：{explain_exception(exc)}（原有网站未改动）") from exc
    finally:
        logger.removeHandler(handler)
        if staging is not None:
            discard(staging)
    return target


def _summary(site: Path) -> tuple[int, int]:
    pages = size = 0
    for folder, _, names in os.walk(site):  # os.walk: pathlib's rglob costs ~0.5 s at 10,000 pages
        for name in names:
            pages += name.endswith(".html")
            size += os.lstat(os.path.join(folder, name)).st_size
    return pages, size


def _build(project: Project, site_dir: Path | None) -> Path:
    lint_first(project)
    click.echo("段落库检查通过，正在生成网站……")
    started = time.perf_counter()
    site = build_site(project, site_dir)
    pages, size = _summary(site)
    click.echo(f"网站已生成：{site}（{pages} 个页面，{size / 1_048_576:.1f} MB，"
               f"用时 {time.perf_counter() - started:.1f} 秒）")
    return site


@click.command("build", cls=Command)
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="网站输出目录，默认为 mkdocs.yml 中的 site_dir（site/）。")
@click.option("--zip", "zip_path", is_flag=False, flag_value="cailiaoku-site.zip", default=None,
              type=OUTPUT_FILE,
              help="另外打包成 zip 发布包（只写 --zip 时为 cailiaoku-site.zip），解压即是 cailiaoku/ 文件夹。")
@click.pass_obj
def build_command(project: Project, site_dir: Path | None, zip_path: Path | None) -> None:
    """检查段落库，然后生成离线可用的静态网站（打开 site/index.html 即可使用）。"""
    site = _build(project, site_dir)
    if zip_path is not None:
        from ..hosting.release import zip_site

        click.echo(f"已打包发布文件：{zip_site(site, zip_path)}（解压后是 cailiaoku/ 文件夹）")
    click.echo(f"直接打开 {site / 'index.html'}，或把整个文件夹复制到内网服务器。")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, quietly; a missing page gets the site's own Chinese 404 page."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def list_directory(self, path: str | os.PathLike[str]) -> None:  # type: ignore[override]
        self.send_error(404)  # no English "Directory listing for …"; the site has index pages
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            self.error_message_format = _ERROR_PAGE
            super().send_error(code, _STATUS_ZH.get(code, "请求无法完成"), "")
            return
        from ..hosting.plugin import root_404

        # The page's links point under the release's sub-path; serve publishes at /.
        body = root_404(page.read_text(encoding="utf-8")).encode("utf-8")
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


_STATUS_ZH = {400: "请求格式不对", 403: "没有权限访问", 405: "不支持这种请求", 414: "地址太长",
              500: "服务器内部错误", 501: "不支持这种请求"}
_ERROR_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>错误 %(code)d</title></head>
<body><h1>错误 %(code)d</h1><p>%(message)s。</p><p><a href="/">返回首页</a></p></body></html>
"""


def _bind(host: str, port: int) -> http.server.ThreadingHTTPServer:
    """Take the port before anything slow, so a busy port is reported at once."""
    try:
        return http.server.ThreadingHTTPServer((host, port), http.server.BaseHTTPRequestHandler)
    except socket.gaierror as exc:
        raise CailiaokuError(f"找不到监听地址 {host}",
                             hint="用 127.0.0.1（只在本机）或 0.0.0.0（允许局域网访问）。") from exc
    except OSError as exc:
        from ..oserrors import describe

        reason, hint = describe(exc)
        raise CailiaokuError(f"无法在 {host}:{port} 启动预览：{reason}", hint=hint + "。") from exc
    except OverflowError as exc:  # port outside 0-65535
        raise CailiaokuError(f"端口 {port} 不对", hint="端口应在 1–65535 之间，例如 --port 8001。") from exc


@click.command("serve", cls=Command)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="端口。")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（0.0.0.0 允许局域网访问）。")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="网站输出目录，默认为 site/。")
@click.pass_obj
def serve_command(project: Project, port: int, host: str, site_dir: Path | None) -> None:
    """生成网站并在本机预览（浏览器打开显示的地址，按 Ctrl+C 停止）。"""
    server = _bind(host, port)
    try:
        site = _build(project, site_dir)
        server.RequestHandlerClass = functools.partial(_Handler, directory=str(site))  # type: ignore[assignment]
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
        click.echo(f"预览地址：http://{shown}:{server.server_address[1]}/ （按 Ctrl+C 停止）")
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("\n已停止预览。")
    finally:
        server.server_close()

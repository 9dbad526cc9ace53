"""Trainers' macros for mkdocs-macros (mkdocs.yml: macros: modules: [cailiaoku.macros]).

In any page under docs/:
    {{ passage("sntb288") }}                              one passage, linked to its permalink
    {{ passages(theme="理论学习", role="plan", limit=3) }}   a filtered list
    {{ passage_link("sntb288") }}  {{ theme_link("理论学习") }}  {{ library_stats() }}

Passage text is escaped (HTML, Markdown and Jinja syntax alike), so it is shown literally
wherever the macro is used. An unknown id or filter value stops the build naming page and value.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from .errors import CailiaokuError
from .model import ROLES, Document, Passage
from .site.markup import esc, esc_md, passage_label, rel
from .site.parts import card
from .site.sitedata import SiteData, permalink_path, theme_path

# Errors raised by macros in this process, for `cailiaoku build` to report cleanly
# (mkdocs-macros itself logs a traceback and exits when on_error_fail is set).
ERRORS: list[str] = []


class MacroError(CailiaokuError):
    """A trainer's macro call names something the library does not have."""


class _Macros:
    def __init__(self, env: Any) -> None:
        self.env = env
        self._data: SiteData | None = None

    @property
    def data(self) -> SiteData:
        if self._data is None:
            self._data = _site_data(self.env.conf)
        return self._data

    def here(self) -> str:
        page = getattr(self.env, "page", None)
        return page.file.dest_uri if page is not None else "index.html"

    def page_name(self) -> str:
        page = getattr(self.env, "page", None)
        if page is None:
            return "（未知页面）"
        docs = Path(self.env.conf.docs_dir)
        return f"{docs.name}/{page.file.src_uri}"

    def fail(self, message: str, hint: str) -> None:
        error = MacroError(f"页面 {self.page_name()}：{message}", hint=hint)
        ERRORS.append(str(error))
        raise error

    def find(self, passage_id: object) -> tuple[Document, Passage]:
        found = self.data.where.get(str(passage_id))
        if found is None:
            self.fail(f"引用了不存在的段落 {passage_id}",
                      "检查段落编号（见该段落固定链接的网址 p/编号.html），或改用现有段落。")
        assert found is not None
        return found

    def passage(self, passage_id: str) -> str:
        doc, p = self.find(passage_id)
        return f'<div class="ck-embed">{card(self.data, doc, p, self.here(), escape=esc_md)}</div>'

    def passage_link(self, passage_id: str, text: str | None = None) -> str:
        _, p = self.find(passage_id)
        label = esc_md(text if text is not None else passage_label(p))
        return f'<a class="ck-passage-link" href="{esc(rel(self.here(), permalink_path(p.id)))}">{label}</a>'

    def theme_link(self, name: str, text: str | None = None) -> str:
        theme = self._theme(name)
        label = esc_md(text if text is not None else theme.name)
        return f'<a class="ck-theme-link" href="{esc(rel(self.here(), theme_path(theme)))}">{label}</a>'

    def _theme(self, name: str):  # type: ignore[no-untyped-def]
        data = self.data
        theme = data.theme(name) or next((t for t in data.taxonomy.themes if t.slug == name), None)
        if theme is None:
            self.fail(f"没有主题“{name}”", "可用的主题：" + "、".join(data.taxonomy.names))
        return theme

    def _role(self, role: str) -> str:
        for key, label in ROLES.items():
            if role in (key, label):
                return key
        self.fail(f"没有角色“{role}”",
                  "可用的角色：" + "、".join(f"{k}（{v}）" for k, v in ROLES.items()))
        return ""

    def select(self, theme: str | None, role: str | None, kind: str | None,
               year: int | str | None, org: str | None) -> list[tuple[Document, Passage]]:
        data = self.data
        if theme:
            items = data.theme_passages(self._theme(theme))
        else:
            items = [(d, p) for d in data.documents for p in d.passages]
        if role:
            key = self._role(role)
            items = [(d, p) for d, p in items if p.role == key]
        if kind:
            if kind not in data.taxonomy.kind_names:
                self.fail(f"没有文种“{kind}”", "可用的文种：" + "、".join(data.taxonomy.kind_names))
            items = [(d, p) for d, p in items if d.kind == kind]
        if year:
            items = [(d, p) for d, p in items if str(d.year) == str(year).removesuffix("年")]
        if org:
            items = [(d, p) for d, p in items if d.org == org]
        return items

    def passages(self, theme: str | None = None, role: str | None = None, kind: str | None = None,
                 year: int | str | None = None, org: str | None = None,
                 limit: int | None = None) -> str:
        items = self.select(theme, role, kind, year, org)
        if limit is not None:
            try:
                count = int(limit)
            except (TypeError, ValueError):
                self.fail(f"limit 应为整数，现在是 {limit!r}", "写成 limit=3（不加引号的数字）。")
            items = items[: max(0, count)]
        if not items:
            return '<p class="ck-empty">（段落库中暂无符合条件的段落）</p>'
        here = self.here()
        cards = "".join(card(self.data, d, p, here, escape=esc_md) for d, p in items)
        return f'<div class="ck-embed-list">{cards}</div>'

    def library_stats(self) -> str:
        data = self.data
        return (f"{len(data.library.documents)} 篇范文、{data.passage_count()} 个段落、"
                f"{len(data.taxonomy.themes)} 个主题")


def _site_data(conf: Any) -> SiteData:
    """The data the cailiaoku plugin loaded, else load the library next to mkdocs.yml."""
    from .site.plugin import CailiaokuPlugin

    for plugin in conf.plugins.values():
        if isinstance(plugin, CailiaokuPlugin) and plugin.data is not None:
            return plugin.data
    root = Path(conf.config_file_path or "mkdocs.yml").resolve().parent
    return SiteData.load(root / "snippets", root / "taxonomy.yaml")


MACROS = ("passage", "passages", "passage_link", "theme_link", "library_stats")


def _checked(macros: _Macros, name: str) -> Callable[..., str]:
    """The macro, with a Chinese message for an unknown keyword or a wrong number of arguments
    (Python's own TypeError would reach the trainer in English)."""
    method = getattr(macros, name)
    signature = inspect.signature(method)

    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> str:
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            names = "、".join(signature.parameters) or "（无）"
            unknown = [k for k in kwargs if k not in signature.parameters]
            if unknown:
                macros.fail(f"宏 {name} 没有参数 {unknown[0]}", f"可用的参数：{names}。")
            macros.fail(f"宏 {name} 的参数个数不对", f"可用的参数：{names}。")
        return method(*args, **kwargs)

    return call


def _chinese(error: Exception, page: Any) -> str:
    where = f"页面 docs/{page.file.src_path}" if page is not None else "页面"
    if isinstance(error, jinja2.UndefinedError):
        found = re.search(r"'([^']+)' is undefined", str(error))
        name = found.group(1) if found else str(error)
        return f"{where}：没有叫 {name} 的宏（可用的宏：{'、'.join(MACROS)}）"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return (f"{where} 第 {error.lineno} 行：宏的写法有错误（{error.message}），"
                "请检查 {{ }} 是否成对、括号和引号是否配齐")
    return f"{where}：宏执行出错（{type(error).__name__}：{error}）"


def _report_in_chinese() -> None:
    """mkdocs-macros formats a failed page in English; record a Chinese message as well, for
    `cailiaoku build` to show (errors our macros raise are recorded already)."""
    from mkdocs_macros.errors import format_error

    for kind in (Exception, jinja2.TemplateSyntaxError):
        original = format_error.dispatch(kind)
        if getattr(original, "cailiaoku", False):
            continue

        def record(error: Exception, markdown: str, page: Any, _original: Any = original) -> str:
            if not isinstance(error, MacroError):
                ERRORS.append(_chinese(error, page))
            return _original(error, markdown, page)

        record.cailiaoku = True  # type: ignore[attr-defined]
        format_error.register(kind, record)


def define_env(env: Any) -> None:
    """mkdocs-macros entry point."""
    macros = _Macros(env)
    _report_in_chinese()
    for name in MACROS:
        env.macro(_checked(macros, name), name)

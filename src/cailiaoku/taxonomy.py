"""taxonomy.yaml: the themes passages are tagged with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import yamlio
from .errors import LibraryError
from .kinds import BUILTIN, Kind, parse_kinds
from .paths import checked_file
from .schema import THEME, check_fields

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Theme:
    name: str
    slug: str
    description: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...] = ()
    # Groups of words that mean the same (网评, 网络评论); the finder widens a query with them
    # only when the user asks (含近义词).
    synonyms: tuple[tuple[str, ...], ...] = ()
    kinds: tuple[Kind, ...] = BUILTIN

    @property
    def kind_names(self) -> list[str]:
        return [k.name for k in self.kinds]

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.themes]

    def get(self, name: str) -> Theme | None:
        return next((t for t in self.themes if t.name == name), None)

    def all_terms(self) -> list[str]:
        seen: dict[str, None] = {}
        for theme in self.themes:
            for term in (theme.name, *theme.terms):
                seen.setdefault(term, None)
        return list(seen)


def load_taxonomy(path: Path) -> Taxonomy:
    if not path.is_file():
        raise LibraryError("找不到主题分类文件", path=path, hint="在项目根目录放置 taxonomy.yaml。")
    checked_file(path, path.parent, LibraryError)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LibraryError("文件不是 UTF-8 编码", path=path, hint="用 UTF-8 重新保存该文件。") from exc
    raw, positions = yamlio.load_with_positions(text, str(path))
    if not isinstance(raw, dict) or not isinstance(raw.get("themes"), list):
        raise LibraryError("taxonomy.yaml 应以 themes: 列表开头", path=path, line=1,
                           hint="参照现有格式：themes: 下每项有 name、slug、description、terms。")
    themes: list[Theme] = []
    for i, item in enumerate(raw["themes"]):
        line = positions.get(("themes", i), (None, None))[0]
        for wrong in check_fields(item, THEME, ("themes", i), f"第 {i + 1} 个主题"):
            at = positions.get(wrong.key) or positions.get(wrong.key[:3]) or (line, None)
            raise LibraryError(wrong.message, path=path, line=at[0], col=at[1], hint=wrong.hint)
        if not isinstance(item, dict) or not item.get("name"):
            raise LibraryError(f"第 {i + 1} 个主题缺少 name", path=path, line=line,
                               hint="每个主题都要有 name（中文主题名）。")
        slug = str(item.get("slug") or "")
        if not _SLUG.match(slug):
            raise LibraryError(f"主题“{item['name']}”的 slug 不合法：{slug!r}", path=path, line=line,
                               hint="slug 用小写拼音字母、数字和连字符，例如 lilun-xuexi。")
        terms = item.get("terms") or []
        if not isinstance(terms, list):
            raise LibraryError(f"主题“{item['name']}”的 terms 应为列表", path=path, line=line,
                               hint="写成 terms: [词1, 词2]。")
        themes.append(Theme(str(item["name"]), slug, str(item.get("description") or ""),
                            tuple(str(t) for t in terms)))
    names = [t.name for t in themes]
    for name in set(names):
        if names.count(name) > 1:
            raise LibraryError(f"主题名重复：{name}", path=path, hint="每个主题名只能出现一次。")
    return Taxonomy(tuple(themes), _synonyms(raw.get("synonyms"), path, positions),
                    parse_kinds(raw.get("kinds"), str(path), positions))


def _synonyms(raw: object, path: Path, positions: dict) -> tuple[tuple[str, ...], ...]:
    """The top-level `synonyms:` list: each item a list of two or more different words."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise LibraryError("taxonomy.yaml 的 synonyms 应为列表", path=path,
                           line=positions.get(("synonyms",), (None, None))[0],
                           hint="写成 synonyms: 下每行一组近义词，例如 - [网评, 网络评论]。")
    groups: list[tuple[str, ...]] = []
    for i, item in enumerate(raw):
        line = positions.get(("synonyms", i), (None, None))[0]
        words = [w.strip() for w in item if isinstance(w, str)] if isinstance(item, list) else []
        if (not isinstance(item, list) or len(words) != len(item) or len(words) < 2
                or not all(words) or len(set(words)) != len(words)):
            raise LibraryError(f"第 {i + 1} 组近义词写法不对：{item!r}", path=path, line=line,
                               hint="每组写成至少两个不同词语的列表，例如 - [网评, 网络评论]。")
        groups.append(tuple(words))
    return tuple(groups)

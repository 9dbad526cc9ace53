"""Document kinds (文种) as data: the `kinds:` list of taxonomy.yaml.

Each kind has a name, synonyms used to recognise it in a title, the default role of its
numbered parts and an outline skeleton for the compose page. Lint, the site, the finder,
`export` and `add-source` all follow this list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from .errors import LibraryError
from .model import ROLES, role_code

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# 关于…的报告: in a 公文 title the word after the last 的 is the kind, whatever came before.
_ABOUT = re.compile(r"^关于.*的(?P<tail>[^的]+)$")
NEAREST_MIN = 0.5


@dataclass(frozen=True)
class OutlinePart:
    heading: str = ""
    roles: tuple[str, ...] = ()
    intro: bool = False

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"roles": list(self.roles)}
        if self.intro:
            out["intro"] = True
        if self.heading:
            out["heading"] = self.heading
        return out


@dataclass(frozen=True)
class Kind:
    name: str
    slug: str
    synonyms: tuple[str, ...]
    role: str  # default role of numbered parts whose heading gives no cue
    outline: tuple[OutlinePart, ...]
    title: str = ""  # compose title template, e.g. "{org}{year}年意识形态工作总结"

    @property
    def words(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)


def _part(heading: str, *roles: str, intro: bool = False) -> OutlinePart:
    return OutlinePart(heading, roles, intro)


_INTRO = _part("", "overview", intro=True)
# Used only when taxonomy.yaml has no kinds: list (a project made before kinds were data).
BUILTIN: tuple[Kind, ...] = (
    Kind("总结", "zongjie", ("工作总结",), "achievement",
         (_INTRO, _part("主要做法和成效", "achievement"), _part("存在的问题", "problem"),
          _part("下一步工作计划", "plan")), "{org}{year}年意识形态工作总结"),
    Kind("计划", "jihua", ("工作计划", "谋划", "思路", "打算", "安排"), "plan",
         (_INTRO, _part("总体要求", "overview"), _part("主要任务", "plan", "achievement"),
          _part("保障措施", "problem")), "{org}{year}年意识形态工作计划"),
    Kind("要点", "yaodian", ("工作要点",), "plan",
         (_INTRO, _part("重点工作", "plan", "achievement")), "{org}{year}年意识形态工作要点"),
)


@dataclass(frozen=True)
class Detected:
    kind: Kind
    word: str  # the synonym (or name) that decided it


def detect(kinds: tuple[Kind, ...], title: str) -> Detected | None:
    """The kind a title names: the tail of 关于…的X, else the longest synonym found (ties: earliest)."""
    title = title.strip()
    about = _ABOUT.match(title)
    if about and (found := _longest(kinds, about.group("tail"))):
        return found
    return _longest(kinds, title)


def _longest(kinds: tuple[Kind, ...], text: str) -> Detected | None:
    best: tuple[int, int, int] | None = None
    chosen: Detected | None = None
    for order, kind in enumerate(kinds):
        for word in kind.words:
            at = text.find(word)
            if at == -1:
                continue
            rank = (-len(word), at, order)
            if best is None or rank < best:
                best, chosen = rank, Detected(kind, word)
    return chosen


def get(kinds: tuple[Kind, ...], name: str) -> Kind | None:
    return next((k for k in kinds if k.name == name), None)


def nearest(kinds: tuple[Kind, ...], name: str) -> Kind | None:
    """A known kind for an unknown name: one it contains or that contains it, else the most similar."""
    name = name.strip()
    if not name:
        return None
    if (exact := get(kinds, name)) is not None:
        return exact
    if (found := detect(kinds, name)) is not None:
        return found.kind
    best, score = None, 0.0
    for kind in kinds:
        for word in kind.words:
            ratio = 1.0 if name in word else SequenceMatcher(None, name, word).ratio()
            if ratio >= NEAREST_MIN and ratio > score:
                best, score = kind, ratio
    return best


def parse_kinds(raw: object, path: str, positions: dict) -> tuple[Kind, ...]:
    """The `kinds:` list of taxonomy.yaml (absent: the three built-in kinds)."""
    if raw is None:
        return BUILTIN
    if not isinstance(raw, list) or not raw:
        raise LibraryError("taxonomy.yaml 的 kinds: 应为文种列表", path=path,
                           line=positions.get(("kinds",), (None,))[0],
                           hint="每个文种写 name、slug、synonyms、role、outline，参照现有文种。")
    kinds = tuple(_one_kind(item, i, path, positions) for i, item in enumerate(raw))
    _check_unique(kinds, path)
    return kinds


def _one_kind(item: object, i: int, path: str, positions: dict) -> Kind:
    line = positions.get(("kinds", i), (None,))[0]

    def fail(message: str, hint: str) -> LibraryError:
        return LibraryError(message, path=path, line=line, hint=hint)

    if not isinstance(item, dict) or not str(item.get("name") or "").strip():
        raise fail(f"第 {i + 1} 个文种缺少 name", "每个文种都要有 name（如 总结）。")
    name = str(item["name"]).strip()
    slug = str(item.get("slug") or "")
    if not _SLUG.match(slug):
        raise fail(f"文种“{name}”的 slug 不合法：{slug!r}", "slug 用小写拼音字母、数字和连字符，例如 zongjie。")
    synonyms = item.get("synonyms") or []
    if not isinstance(synonyms, list) or not all(isinstance(s, str) and s.strip() for s in synonyms):
        raise fail(f"文种“{name}”的 synonyms 应为文字列表", "写成 synonyms: [工作总结, 年度总结]。")
    role = role_code(str(item.get("role") or "achievement")) or str(item.get("role"))
    if role not in ROLES:  # 主要做法 and achievement both accepted
        raise fail(f"文种“{name}”的 role 不认识：{role!r}", f"可用：{'、'.join(ROLES.values())}。")
    outline = tuple(_outline_part(p, name, fail) for p in item.get("outline") or [])
    if not outline:
        outline = (_INTRO, _part("", role))
    title = str(item.get("title") or f"{{org}}{{year}}年意识形态工作{name}")
    return Kind(name, slug, tuple(s.strip() for s in synonyms), role, outline, title)


def _outline_part(raw: object, name: str, fail: Any) -> OutlinePart:
    if not isinstance(raw, dict):
        raise fail(f"文种“{name}”的 outline 每项应为键值对", "写成 - {heading: 主要做法, roles: [achievement]}。")
    roles = raw.get("roles") or []
    if isinstance(roles, list):
        roles = [role_code(r) or r if isinstance(r, str) else r for r in roles]
    if not isinstance(roles, list) or any(r not in ROLES for r in roles):
        raise fail(f"文种“{name}”的 outline 中 roles 不对：{roles!r}", f"可用：{'、'.join(ROLES.values())}。")
    return OutlinePart(str(raw.get("heading") or ""), tuple(roles), bool(raw.get("intro")))


def _check_unique(kinds: tuple[Kind, ...], path: str) -> None:
    names = [k.name for k in kinds]
    for name in names:
        if names.count(name) > 1:
            raise LibraryError(f"文种名重复：{name}", path=path, hint="每个文种名只能出现一次。")
    owner: dict[str, str] = {}
    for kind in kinds:
        for word in dict.fromkeys(kind.words):
            if word in owner and owner[word] != kind.name:
                raise LibraryError(f"文种名或同义词“{word}”同时属于“{owner[word]}”和“{kind.name}”",
                                   path=path, hint="每个词只能指向一个文种。")
            owner[word] = kind.name

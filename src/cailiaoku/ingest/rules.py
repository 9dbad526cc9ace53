"""The noise and furniture rules of noise.yaml, compiled once (editors extend the data, not code)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import yamlio
from ..errors import LibraryError

RULES_FILE = Path(__file__).with_name("noise.yaml")
SITE_LINE_MAX = 40


@dataclass(frozen=True)
class NoiseRule:
    reason: str
    pattern: re.Pattern[str]
    tail: bool = False  # the short lines after it go too (a 相关推荐 list)


@dataclass(frozen=True)
class FurnitureRule:
    field: str
    pattern: re.Pattern[str]
    where: str = ""  # "", "head" (before the body) or "tail" (after it)
    many: bool = False


@dataclass(frozen=True)
class Rules:
    sites: tuple[str, ...]
    noise: tuple[NoiseRule, ...]
    furniture: tuple[FurnitureRule, ...]
    closing_openers: tuple[str, ...]

    def noise_reason(self, text: str) -> NoiseRule | None:
        for rule in self.noise:
            if rule.pattern.fullmatch(text):
                return rule
        return None

    def without_sites(self, text: str) -> str:
        """The line with site names (and the _ - | — around them) taken out."""
        for site in self.sites:
            if site in text:
                text = re.sub(rf"\s*[_\-|｜—–·]*\s*{re.escape(site)}\s*[_\-|｜—–·]*\s*", "", text)
        return text.strip()

    def is_site_banner(self, text: str) -> bool:
        return len(text) <= SITE_LINE_MAX and any(site in text for site in self.sites) and not (
            text.endswith("。") and len(text) > 20)

    def furniture_match(self, text: str, where: str) -> tuple[FurnitureRule, dict[str, str]] | None:
        """The first rule for this position that matches the whole line, with its field values."""
        for rule in self.furniture:
            if rule.where and rule.where != where:
                continue
            m = rule.pattern.fullmatch(text)
            if m:
                values = {k: v.strip() for k, v in m.groupdict().items() if v and v.strip()}
                return rule, values or {rule.field: text}
        return None


def _compile(pattern: object, where: str) -> re.Pattern[str]:
    try:
        return re.compile(str(pattern))
    except re.error as exc:
        raise LibraryError(f"noise.yaml 中的规则“{pattern}”不是合法的正则表达式：{exc}",
                           path=RULES_FILE, hint=f"修改 {where} 下的这条规则。") from exc


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> Rules:
    raw = yamlio.load_with_positions(path.read_text(encoding="utf-8"), str(path))[0] or {}  # plain data only
    if not isinstance(raw, dict):
        raise LibraryError("noise.yaml 应包含 sites、noise、furniture 三部分", path=path,
                           hint="参照文件开头的说明。")
    noise = tuple(
        NoiseRule(str(group.get("reason") or "网页杂质"), _compile(p, "noise"), bool(group.get("tail")))
        for group in raw.get("noise") or [] for p in group.get("patterns") or []
    )
    furniture = tuple(
        FurnitureRule(str(r["field"]), _compile(r["pattern"], "furniture"), str(r.get("where") or ""),
                      bool(r.get("list")))
        for r in raw.get("furniture") or []
    )
    return Rules(
        sites=tuple(str(s) for s in raw.get("sites") or []),
        noise=noise,
        furniture=furniture,
        closing_openers=tuple(str(s) for s in raw.get("closing_openers") or []),
    )

"""The wording rules (规范用语、过时说法) editors keep in assets/compose/wording.yaml.

Plain YAML, each rule {id, pattern, suggestion, reason, source, since_year?}; a bad rule is
a clear Chinese error naming it, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .. import yamlio
from ..errors import CailiaokuError, LibraryError
from .spec import ASSETS

WORDING_FILE = ASSETS / "wording.yaml"
FIELDS = ("id", "pattern", "suggestion", "reason", "source")


class WordingError(CailiaokuError):
    """The wording rule file is not usable."""


def load_wording(path: Path | None = None) -> list[dict[str, Any]]:
    path = path or WORDING_FILE
    try:
        raw = yamlio.load_with_positions(path.read_text(encoding="utf-8"), str(path))[0]  # plain data only
    except OSError as exc:
        raise WordingError(f"读不了用语规则文件：{exc.strerror}", path=path) from exc
    except LibraryError as exc:
        raise WordingError(f"用语规则文件不是有效的 YAML：{exc.message}", path=path, line=exc.line,
                           col=exc.col, hint=exc.hint or "检查缩进和冒号。") from exc
    rules = raw.get("rules") if isinstance(raw, dict) else None
    if not isinstance(rules, list):
        raise WordingError("用语规则文件需要 rules 列表", path=path)
    return [_check_rule(rule, i, path) for i, rule in enumerate(rules)]


def _check_rule(rule: Any, index: int, path: Path) -> dict[str, Any]:
    name = rule.get("id", f"第{index + 1}条") if isinstance(rule, dict) else f"第{index + 1}条"
    if not isinstance(rule, dict) or not all(isinstance(rule.get(k), str) and rule[k] for k in FIELDS):
        raise WordingError(f"用语规则 {name} 不完整", path=path,
                           hint="每条都要写 id、pattern、suggestion、reason、source（文字）。")
    try:
        re.compile(rule["pattern"])
    except re.error as exc:
        raise WordingError(f"用语规则 {name} 的 pattern 不是有效的正则表达式：{exc}", path=path) from exc
    since = rule.get("since_year")
    if since is not None and not (isinstance(since, int) and not isinstance(since, bool)):
        raise WordingError(f"用语规则 {name} 的 since_year 应为年份数字", path=path)
    return {k: rule[k] for k in FIELDS} | {"since_year": since}

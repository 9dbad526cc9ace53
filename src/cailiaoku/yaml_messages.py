"""PyYAML's syntax errors explained in Chinese, with the line and column they point at."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_QUOTE_HINT = "含冒号、# 或引号的文字请整体加引号，多行文字用 `|-` 块写法"
_INDENT_HINT = "同一级的字段要对齐（用空格缩进，每级两个空格），列表项以“- ”开头"

# (pattern on PyYAML's problem text, what it means, what to do); first match wins.
_PROBLEMS: list[tuple[str, str, str]] = [
    (r"found character '\\t'|found a tab character", "这里有制表符（Tab），YAML 只能用空格缩进",
     "把 Tab 换成空格（每级两个空格）"),
    (r"mapping values are not allowed here",
     "这里不能出现“冒号+空格”：多半是文字里含有“: ”没有加引号，或这一行缩进多了", _QUOTE_HINT),
    (r"could not find expected ':'", "找不到应有的冒号：这一行或上一行像是“键: 值”却少了冒号，或引号没有闭合",
     "补上冒号或闭合引号；" + _QUOTE_HINT),
    (r"did not find expected key", "这里应是“键: 值”，但缩进不对或多出了内容", _INDENT_HINT),
    (r"did not find expected '-' indicator", "这里应是列表项“- ”，但缩进不对", _INDENT_HINT),
    (r"did not find expected node content", "这里缺少内容（冒号或“- ”后面是空的，或多了符号）",
     "补上内容，或把这段文字加上引号"),
    (r"expected <block end>, but found '-'", "列表项“- ”的缩进与上面的不一致", _INDENT_HINT),
    (r"expected <block end>", "缩进不一致：这一行与上面同级的行没有对齐", _INDENT_HINT),
    (r"expected ',' or '\]'", "方括号列表 [ … ] 没有正确结束", "检查是否少了“]”或逗号，例如 themes: [理论学习, 阵地建设]"),
    (r"expected ',' or '\}'", "花括号 { … } 没有正确结束", "检查是否少了“}”或逗号"),
    (r"found unexpected end of stream", "文件在引号或括号闭合之前就结束了", "补上缺少的引号或括号"),
    (r"found unknown escape character", "双引号里有无法识别的反斜杠转义", "反斜杠写成 \\\\，或改用单引号"),
    (r"found character .* that cannot start any token", "这个字符不能出现在一个值的开头（如 @、`、%）",
     "把这段文字加上引号"),
    (r"found undefined alias", "引用了没有定义的锚点（*名称）", "段落库只用普通数据：删除 * 引用，直接写出内容"),
    (r"found undefined tag|could not determine a constructor", "用了不支持的 YAML 标签（!…）",
     "段落库只用普通数据：删除以 ! 开头的标签"),
    (r"found duplicate key", "同一个键写了两次", "删除重复的一行，或合并两处内容"),
    (r"expected a single document", "文件里有多个 YAML 文档（--- 分隔）", "每个文件只写一个文档，删除多余的 ---"),
    (r"found unhashable key", "键不能是列表或字典", "检查这一行的写法：应为“键: 值”"),
    (r"unacceptable character|special characters are not allowed", "文件中有不允许的控制字符",
     "删除该处看不见的控制字符，用 UTF-8 重新保存"),
    (r"expected alphabetic or numeric character|while scanning an? (anchor|alias)",
     "& 或 * 后面的名称不合法（& 和 * 在 YAML 中有特殊含义）", "把这段文字加上引号"),
    (r"expected chomping or indentation indicators|expected indentation indicator",
     "块写法 | 或 > 后面只能是 - + 或数字", "写成 `text: |-`，正文另起一行并缩进"),
    (r"expected a comment or a line break", "这一行在值之后还有多余的内容", _QUOTE_HINT),
]


@dataclass(frozen=True)
class YamlProblem:
    message: str
    hint: str
    line: int | None
    col: int | None


def explain(exc: yaml.YAMLError) -> YamlProblem:
    """Chinese message, hint and 1-based position for a PyYAML error."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    problem = str(getattr(exc, "problem", None) or exc).strip()
    context = str(getattr(exc, "context", None) or "")
    for pattern, meaning, hint in _PROBLEMS:
        if re.search(pattern, problem) or (context and re.search(pattern, context)):
            return YamlProblem(f"YAML 格式错误：{meaning}", hint + "。", line, col)
    detail = " ".join(problem.split("\n")[0].split())
    return YamlProblem(f"YAML 格式错误（{detail}）",
                       "检查该行的缩进、冒号和引号；" + _QUOTE_HINT + "。", line, col)

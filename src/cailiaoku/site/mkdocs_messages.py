"""MkDocs' common warnings and configuration errors in Chinese (others pass through as detail)."""

from __future__ import annotations

import re

import yaml

_RULES: list[tuple[str, str]] = [
    (r"Config value '([\w.]+)': The \"(.+?)\" plugin is not installed",
     r"mkdocs.yml 的 \1 中，插件“\2”没有安装：运行 bash scripts/setup.sh 安装依赖，或从 mkdocs.yml 中删去它"),
    (r"Config value '([\w.]+)': The path '(.+?)' isn't an existing directory\.?",
     r"mkdocs.yml 的 \1 指向的文件夹 \2 不存在：建立它，或改正 mkdocs.yml"),
    (r"Config value '([\w.]+)': The path '(.+?)' isn't an existing file\.?",
     r"mkdocs.yml 的 \1 指向的文件 \2 不存在：改正 mkdocs.yml"),
    (r"Config value '([\w.]+)': Unrecognised theme name: '(.+?)'.*",
     r"mkdocs.yml 的 \1 写了没有安装的主题“\2”：应为 material"),
    (r"Config value 'plugins': Plugin '(.+?)' option '(.+?)': ([^A-Za-z]+)",
     r"mkdocs.yml 中插件 \1 的选项 \2：\3"),
    (r"Config value '([\w.]+)': (.+)", r"mkdocs.yml 的 \1 设置不对（\2）：对照仓库里的 mkdocs.yml 改正"),
    (r"Aborted with (\d+) configuration errors?!?", r"mkdocs.yml 有 \1 处配置错误，已中止"),
    (r"Aborted with \d+ warnings? in strict mode!?", "严格模式下有警告，已中止"),
    (r"A reference to '(.+?)' is included in the 'nav' configuration, which is not found in the "
     r"documentation files\.?", r"mkdocs.yml 的 nav 中写了 \1，但 docs/ 中没有这个文件：补上文件，或从 nav 中删去"),
    (r"Doc file '(.+?)' contains a link '(.+?)', but the target '(.+?)' is not found among "
     r"documentation files\.?", r"页面 \1 中的链接 \2 指向不存在的页面 \3：改正链接"),
    (r"Doc file '(.+?)' contains a link '(.+?)', but the doc '(.+?)' does not contain an anchor "
     r"'(.+?)'\.?", r"页面 \1 中的链接 \2 指向 \3 里不存在的锚点 \4：改正链接"),
    (r"Doc file '(.+?)' contains an unrecognized relative link '(.+?)', it was left as is\.?.*",
     r"页面 \1 中的链接 \2 无法识别，已原样保留：检查链接写法"),
    (r"Doc file '(.+?)' contains an absolute link '(.+?)', it was left as is\.?.*",
     r"页面 \1 中的绝对链接 \2 已原样保留：建议改为相对链接（放在子路径下时绝对链接会失效）"),
    (r"Excluding '(.+?)' from the site because it conflicts with '(.+?)'\.?",
     r"文件 \1 与 \2 重名，已不放进网站：给其中一个改名"),
]


def translate(message: str) -> str:
    text = message.strip()
    for pattern, replacement in _RULES:
        if re.fullmatch(pattern, text, re.S):
            return re.sub(pattern, replacement, text, flags=re.S)
    return text


def explain_exception(exc: BaseException) -> str:
    """A MkDocs exception's text in Chinese; a YAML error in mkdocs.yml with its position."""
    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, yaml.YAMLError):
        from ..yaml_messages import explain

        found = explain(cause)
        where = f"mkdocs.yml:{found.line}:{found.col}：" if found.line else "mkdocs.yml："
        return f"{where}{found.message}。{found.hint}"
    return translate(str(exc))

"""Chinese text for click's own messages (usage, headings, every error it raises).

click marks its strings with gettext's `_()`/`ngettext()` looked up as module globals, so a
catalogue installed into click's modules translates them without touching the process-wide
gettext domain (other libraries keep their own text).
"""

from __future__ import annotations

import re
import sys

# msgid (click's English text) → Chinese; placeholders keep click's names, `!r` dropped
# where Chinese quotes are used instead.
CATALOGUE: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Aborted!": "已取消。",
    "deprecated": "已弃用",
    "Missing command.": "缺少命令",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看用法。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项“{name}”",
    "No such command {name!r}.": "没有命令“{name}”",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是其中之一：{possibilities}？）",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不对：{message}",
    "Invalid value: {message}": "值不对：{message}",
    "unknown error": "未知错误",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Value must be an iterable.": "值应为一组",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个",
    "env var: {var}": "环境变量：{var}",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "Invalid start character for option ({option})": "选项的开头字符不对（{option}）",
    "Option {name!r} does not take a value.": "选项“{name}”不带值",
    "Option {name!r} requires an argument.": "选项“{name}”后面要写一个值",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”后面要写 {nargs} 个值",
    "Argument {name!r} takes {nargs} values.": "参数“{name}”需要 {nargs} 个值",
    "Choose from:\n\t{choices}": "可选：{choices}",
    "{value!r} is not {choice}.": "“{value}”不是可选值，只能是 {choice}",
    "{value!r} is not one of {choices}.": "“{value}”不是可选值，可选：{choices}",
    "Choice({choices})": "可选值（{choices}）",
    "{value!r} does not match the format {format}.": "“{value}”不符合格式 {format}",
    "{value!r} does not match the formats {formats}.": "“{value}”不符合格式 {formats}",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内",
    "{value!r} is not a valid boolean. Recognized values: {states}": "“{value}”不是是/否值，可写：{states}",
    "{len_type} values are required, but {len_value} was given.": "需要 {len_type} 个值，给了 {len_value} 个",
    "{len_type} values are required, but {len_value} were given.": "需要 {len_type} 个值，给了 {len_value} 个",
    "{value!r} is not a valid {number_type}.": "“{value}”不是{number_type}",
    "{value!r} is not a valid UUID.": "“{value}”不是有效的 UUID",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件，这里要的是文件夹",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是文件夹，这里要的是文件",
    "{name} {filename!r} is not readable.": "{name}“{filename}”没有读取权限",
    "{name} {filename!r} is not writable.": "{name}“{filename}”没有写入权限",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不能执行",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在，请检查路径是否写对",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不再询问，直接确认。",
    "Press any key to continue...": "按任意键继续……",
    "Repeat for confirmation": "再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Error: invalid input": "错误：输入无效",
    "Unknown color {colour!r}": "未知颜色“{colour}”",
    "Unknown standard stream '{name}'": "未知的标准流“{name}”",
    "{editor}: Editing failed": "{editor}：编辑失败",
    "{editor}: Editing failed: {e}": "{editor}：编辑失败：{e}",
    "Windows error: {error}": "Windows 错误：{error}",
    "d": "天",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "提醒：命令“{name}”已弃用。{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "提醒：{param_type}“{name}”已弃用。{extra_message}",
    "Couldn't detect Bash version, shell completion is not supported.": "无法识别 Bash 版本，不支持命令补全。",
    "Shell completion is not supported for Bash versions older than 4.4.": "Bash 4.4 以前的版本不支持命令补全。",
    # Raised only for a programming mistake in a command's declaration, never by user input.
    "Could not determine name for option with declarations {decls!r}": "无法确定选项的名称：{decls}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?": "给了名称 {name} 却没有定义选项",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": "参数只能有一个名称，现有 {length} 个：{decls}",
    "Name '{name}' defined twice": "名称“{name}”定义了两次",
    "Boolean option {decl!r} cannot use the same flag for true/false.": "开关选项“{decl}”的开和关不能用同一个写法",
}

# Type names click puts into messages ("is not a valid integer") and, upper-cased, metavars.
TYPE_NAMES: dict[str, str] = {
    "integer": "整数", "integer range": "整数", "float": "数字", "float range": "数字",
    "boolean": "是/否", "text": "文字", "path": "路径", "filename": "文件", "uuid": "UUID",
    "datetime": "日期时间",
}

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui",
                  "types", "utils", "shell_completion", "_termui_impl")


def gettext(message: str) -> str:
    return CATALOGUE.get(message, TYPE_NAMES.get(message, message))


def ngettext(singular: str, plural: str, n: int) -> str:
    key = singular if n == 1 else plural
    return CATALOGUE.get(key) or CATALOGUE.get(singular) or key


def install() -> None:
    """Point every click module's `_`/`ngettext` at the catalogue (idempotent)."""
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            try:
                module = __import__(f"click.{name}", fromlist=["_"])
            except ImportError:  # e.g. a module click dropped
                continue
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


_QUOTED = re.compile(r"'([^'\n]*)'")


def tidy(message: str) -> str:
    """click's few hard-coded bits (quotes, full stops) in Chinese form."""
    text = _QUOTED.sub(r"“\1”", message).replace(",\n\t", "、").replace("\n\t", " ").strip()
    text = re.sub(r"\.\s+", "；", text).replace("”, “", "”、“")
    names = sorted(TYPE_NAMES, key=len, reverse=True)
    text = re.sub(r"不是(" + "|".join(map(re.escape, names)) + r")\b",
                  lambda m: "不是" + TYPE_NAMES[m.group(1)], text)
    for english, chinese in (("<=x<=", "～"), ("<x<", "～"), ("x>=", "≥"), ("x<=", "≤"), ("x>", ">"), ("x<", "<")):
        text = text.replace(english, chinese)
    text = re.sub(r"\s+(?=（?是不是)", "，", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=“)|(?<=”)\s+(?=[\u4e00-\u9fff])", "", text)
    return re.sub(r"\s*([？。）])", r"\1", text).rstrip(".。")

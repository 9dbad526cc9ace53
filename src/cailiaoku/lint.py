"""Library checks with file:line:col positions and Chinese messages (no I/O beyond reading)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import library, parsecache, yamlio
from .bulk import bulk
from .errors import CailiaokuError
from .ids import valid_id
from .model import FURNITURE, LIST_FURNITURE, ROLES, TYPES, role_code
from .punctuation import ascii_punctuation_in_chinese
from .taxonomy import Taxonomy

PASSAGE_ALLOWED = set(library.PASSAGE_KEYS)
DOC_ALLOWED = set(library.DOC_KEYS)
PAIRS = [("“", "”"), ("‘", "’"), ("（", "）"), ("《", "》"), ("〔", "〕"), ("【", "】"), ("「", "」")]
# How E015 names each half, so “ and ” are not lost between quotation marks of the message.
PAIR_NAMES = {"“": "左引号", "”": "右引号", "‘": "左单引号", "’": "右单引号", "（": "左括号", "）": "右括号",
              "《": "左书名号", "》": "右书名号", "〔": "左六角括号", "〕": "右六角括号",
              "【": "左方头括号", "】": "右方头括号", "「": "左直角引号", "」": "右直角引号"}
MIN_DUPLICATE_LEN = 8
MAX_LEVEL = 6
# Invisible characters that change how text reads or compares: zero-width, bidi controls, and
# the C0/C1 controls a double-quoted YAML escape can smuggle in.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c"
                        "\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# Codes a passage's `warnings:` may carry (written by ingest for irregularities of the source).
SOURCE_WARNINGS = {"W015": "原文中引号或括号就不成对（导入时保留原样）"}


@dataclass
class Problem:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str
    passage: str | None = None

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.brief()}"

    def brief(self) -> str:
        """Without the position: for a file that was checked but not written."""
        who = f"段落 {self.passage}：" if self.passage else ""
        return f"{self.code} {who}{self.message}。{self.hint}"


class _FileCheck:
    """Checks for one library file; positions come from the YAML parse."""

    def __init__(self, loaded: library.LoadedFile, display: str, taxonomy: Taxonomy,
                 text: str | None = None) -> None:
        self.loaded = loaded
        self.display = display
        self.taxonomy = taxonomy
        self.theme_names = set(taxonomy.names)  # asked once per theme of every passage
        self._text = loaded.text if text is None else text
        self.parents: dict[str, str] = {}  # passage id → parent id, for cycles and children
        self.has_children: set[str] = set()
        self.problems: list[Problem] = []
        self.unknown_themes: dict[str, list[str]] = {}  # theme → passage ids, for the taxonomy guard

    def add(self, key: tuple, code: str, message: str, hint: str, passage: str | None = None,
            offset: tuple[int, int] | None = None) -> None:
        line, col = self.loaded.positions.get(key) or self.loaded.position(key)
        if offset is not None:
            line, col = self._locate(key, line, *offset)
        self.problems.append(Problem(self.display, line, col, code, message, hint, passage))

    @functools.cached_property
    def raw_lines(self) -> list[str]:  # only a file with problems needs them
        return self._text.split("\n")

    def _locate(self, key: tuple, key_line: int, text_line: int, col: int) -> tuple[int, int]:
        """Position of character `col` of line `text_line` of a scalar's value in the file."""
        value = self._value(key)
        wanted = str(value).split("\n")[text_line]
        for n in range(key_line - 1, min(len(self.raw_lines), key_line + 200)):
            at = self.raw_lines[n].find(wanted) if wanted else -1
            if at != -1 and (n > key_line - 1 or at > 0):
                return n + 1, at + col + 1
        return key_line, 1

    def _value(self, key: tuple) -> object:
        node = self.loaded.raw
        for k in key:
            node = node[k]
        return node

    def run(self, seen_ids: dict[str, str]) -> list[Problem]:
        raw = self.loaded.raw
        if not isinstance(raw, dict) or not isinstance(raw.get("document"), dict):
            self.add((), "E001", "文件缺少 document: 部分", "参照其他段落文件补上 document: 和 passages:")
            return self.problems
        if not isinstance(raw.get("passages"), list):
            self.add(("passages",), "E001", "passages: 应为列表", "每个段落以“- id: …”开头")
            return self.problems
        for wrong in self.loaded.wrong:
            self.add(wrong.key, "E001", wrong.message, wrong.hint)
        self._check_document(raw["document"], seen_ids)
        ids = {str(p.get("id")) for p in raw["passages"] if isinstance(p, dict)}
        self.parents = {str(p.get("id")): str(p["parent"]) for p in raw["passages"]
                        if isinstance(p, dict) and p.get("parent") is not None}
        self.has_children = set(self.parents.values())
        texts: dict[str, str] = {}
        for i, item in enumerate(raw["passages"]):
            self._check_passage(i, item, ids, seen_ids, texts)
        self._check_cycles()
        for j, gap in enumerate(raw["document"].get("gaps") or []):
            if isinstance(gap, dict) and gap.get("after") and str(gap["after"]) not in ids:
                self.add(("document", "gaps", j, "after"), "E011",
                         f"缺漏位置引用了不存在的段落 {gap['after']}", "改成缺漏前一个段落的 id")
        return self.problems

    def _check_document(self, doc: dict, seen_ids: dict[str, str]) -> None:
        for key in doc:
            if key not in DOC_ALLOWED:
                self.add(("document", key), "E002", f"未知字段 {key}", f"可用字段：{'、'.join(library.DOC_KEYS)}")
        doc_id = str(doc.get("id") or "")
        if not valid_id(doc_id):
            self.add(("document", "id"), "E003", f"文档 id 不合法：{doc_id!r}", "用小写字母、数字和连字符，3–40 个字符")
        elif f"doc:{doc_id}" in seen_ids:
            self.add(("document", "id"), "E004", f"文档 id {doc_id} 与 {seen_ids[f'doc:{doc_id}']} 重复", "换一个文档 id")
        else:
            seen_ids[f"doc:{doc_id}"] = self.display
        for name in ("title", "org", "provenance"):
            if isinstance(doc.get(name), str):
                self._invisible(("document", name), doc[name], None)
        if not str(doc.get("title") or "").strip():
            self.add(("document", "title"), "E005", "文档缺少标题", "补上 title:")
        kinds = self.taxonomy.kind_names
        if doc.get("kind") not in kinds:
            self.add(("document", "kind"), "E006", f"文档类别应为 {'/'.join(kinds)}，现在是 {doc.get('kind')!r}",
                     "改成其中之一，或在 taxonomy.yaml 的 kinds: 中加上这个文种")
        self._check_revision(("document", "source_revision"), doc.get("source_revision"), None)
        year = doc.get("year")
        if year is not None and not (isinstance(year, int) and 1949 <= year <= 2100):
            self.add(("document", "year"), "E006", f"年份不合法：{year!r}", "写四位数字，例如 2025")
        self._check_furniture(doc)

    def _check_furniture(self, doc: dict) -> None:
        """文号, 落款, 附件… are plain text; 附件 and 联系人 may be lists of lines."""
        for key, name in FURNITURE.items():
            value = doc.get(key)
            if value is None:
                continue
            if key in LIST_FURNITURE and isinstance(value, list):
                bad = [j for j, v in enumerate(value) if not isinstance(v, str)]
                for j in bad:
                    self.add(("document", key, j), "E001", f"{name}（{key}）的每一项应为文字",
                             "每项写一行文字")
            elif not isinstance(value, str):
                form = "文字或文字列表" if key in LIST_FURNITURE else "文字"
                self.add(("document", key), "E001", f"{name}（{key}）应为{form}",
                         f"写成 {key}: 文字")

    def _check_passage(self, i: int, item: object, ids: set[str], seen_ids: dict[str, str],
                       texts: dict[str, str]) -> None:
        key = ("passages", i)
        if not isinstance(item, dict):
            self.add(key, "E001", f"第 {i + 1} 个段落不是键值对", "每个段落以“- id: …”开头，下面逐行写字段")
            return
        pid = str(item.get("id") or "")
        for name in item:
            if name not in PASSAGE_ALLOWED:
                self.add((*key, name), "E002", f"未知字段 {name}", f"可用字段：{'、'.join(library.PASSAGE_KEYS)}", pid)
        if not valid_id(pid):
            self.add((*key, "id"), "E003", f"段落 id 不合法：{pid!r}", "用 cailiaoku new-passage 生成 id，不要手写", pid or None)
        elif pid in seen_ids:
            self.add((*key, "id"), "E004", f"段落 id 重复（另见 {seen_ids[pid]}）", "重复的段落请删除一个，或改用新生成的 id", pid)
        else:
            seen_ids[pid] = self.display
        self._check_fields(key, item, pid, ids)
        self._check_warnings(key, item, pid)
        self._check_text(key, item, pid, texts)

    def _check_fields(self, key: tuple, item: dict, pid: str, ids: set[str]) -> None:
        if item.get("type", "para") not in TYPES:
            self.add((*key, "type"), "E007", f"段落类型应为 {'/'.join(TYPES)}", "一般段落写 para", pid)
        role = item.get("role")
        if role is None or (isinstance(role, str) and role_code(role) is None):  # other types: E001
            names = "、".join(f"{v}（{k}）" for k, v in ROLES.items())
            self.add((*key, "role"), "E008", f"未知的角色 {role!r}", f"可用：{names}", pid)
        themes = item.get("themes")
        if themes is None:
            self.add((*key, "themes") if "themes" in item else key, "E001", "缺少 themes 列表",
                     "写成 themes: [理论学习]", pid)
        elif isinstance(themes, list):  # another type is E001 from the schema
            for j, theme in enumerate(themes):
                if isinstance(theme, str) and theme not in self.theme_names:
                    self.unknown_themes.setdefault(str(theme), []).append(pid)
                    self.add((*key, "themes", j), "E009", f"未知主题“{theme}”",
                             f"taxonomy.yaml 中的主题：{'、'.join(self.taxonomy.names)}", pid)
        parent = item.get("parent")
        if parent is not None and str(parent) == pid:
            self.add((*key, "parent"), "E030", "上级段落是它自己", "改成真正的上级段落 id，或删除 parent", pid)
        elif parent is not None and str(parent) not in ids:
            self.add((*key, "parent"), "E010", f"上级段落 {parent} 不存在", "改成本文件中存在的段落 id，或删除 parent", pid)
        level = item.get("level", 0)
        if isinstance(level, int) and not isinstance(level, bool) and not 0 <= level <= MAX_LEVEL:
            self.add((*key, "level"), "E032", f"层级 level 应在 0–{MAX_LEVEL} 之间，现在是 {level}",
                     f"写 0–{MAX_LEVEL} 的整数：0 为开头结尾，1 为“一、”，依次往下", pid)
        self._check_revision((*key, "source_revision"), item.get("source_revision"), pid)

    def _check_cycles(self) -> None:
        """Parent chains that loop (a → b → a); each loop is reported once, at its first passage."""
        index = {str(p.get("id")): i for i, p in enumerate(self.loaded.raw["passages"]) if isinstance(p, dict)}
        done: set[str] = set()
        for start in self.parents:
            chain: list[str] = []
            on_chain: set[str] = set()
            node: str | None = start
            while node is not None and node not in done and node not in on_chain:
                chain.append(node)
                on_chain.add(node)
                node = self.parents.get(node)
            done.update(chain)
            if node is None or node not in on_chain:
                continue
            loop = chain[chain.index(node):]
            if len(loop) > 1:  # a self-parent is E030
                first = min(loop, key=lambda x: index.get(x, 0))
                shown = " → ".join([*loop, loop[0]])
                self.add(("passages", index.get(first, 0), "parent"), "E031", f"上级段落形成循环：{shown}",
                         "检查这几个段落的 parent：至少一个应改成真正的上级段落或删除", first)

    def _check_revision(self, key: tuple, revision: object, pid: str | None) -> None:
        """source_revision: what a re-ingest could not apply over an editor's edit (warned until settled)."""
        if revision is None:
            return
        if not isinstance(revision, dict) or not revision:
            self.add(key, "E001", "source_revision 应为“字段: 原文的新内容”", "处理完后整段删除 source_revision", pid)
            return
        names = "、".join(f"{k}（原文新版本：{_short(v)}）" for k, v in revision.items())
        self.add(key, "W020", f"原文有新修订与编辑的修改冲突，待核对：{names}",
                 "采用就把原文的新内容抄进对应字段，不采用就删除 source_revision", pid)

    def _check_warnings(self, key: tuple, item: dict, pid: str) -> None:
        marks = item.get("warnings", [])
        if not isinstance(marks, list) or any(m not in SOURCE_WARNINGS for m in marks):
            self.add((*key, "warnings"), "E001", f"warnings 应为提醒代码列表，现在是 {marks!r}",
                     f"可用：{'、'.join(f'{k}（{v}）' for k, v in SOURCE_WARNINGS.items())}；不需要就删除这一行", pid)

    def _check_text(self, key: tuple, item: dict, pid: str, texts: dict[str, str]) -> None:
        text = item.get("text")
        heading = item.get("heading")
        if not isinstance(text, str | None) or not isinstance(heading, str | None):
            return  # reported as E001 (wrong type) already
        if not (text or "").strip() and not (heading and pid in self.has_children):
            self.add((*key, "text") if "text" in item else key, "E012", "段落正文为空",
                     "补上正文，或删除这个段落", pid)
        marks = item.get("warnings") if isinstance(item.get("warnings"), list) else []
        for field_name, value in (("heading", heading), ("text", text)):
            if isinstance(value, str):
                for code, message, hint, offset in self._text_problems(value):
                    if code == "E015" and "W015" in marks:
                        code, hint = "W015", "原文如此，导入时保留原样；核对原文后可补齐，并删除 warnings 中的 W015"
                    self.add((*key, field_name), code, message, hint, pid, offset)
                self._invisible((*key, field_name), value, pid)
        norm = "".join(((heading or "") + (text or "")).split())
        if len(norm) >= MIN_DUPLICATE_LEN:
            if norm in texts:
                self.add((*key, "text"), "E013", f"与段落 {texts[norm]} 内容重复", "删除重复的段落", pid)
            else:
                texts[norm] = pid

    def _invisible(self, key: tuple, value: str, pid: str | None) -> None:
        match = _INVISIBLE.search(value)
        if match is None:
            return  # one report per field is enough to find them
        ch = match.group()
        kind = "文字方向控制符" if _BIDI.match(ch) else "零宽字符" if ord(ch) >= 0x200b else "控制字符"
        self.add(key, "E033", f"含有看不见的{kind} U+{ord(ch):04X}",
                 "删除这个字符（多半是从网页或聊天软件复制来的），它会让文字显示或检索出错",
                 pid, _line_col(value, match.start()))

    def _text_problems(self, value: str) -> Iterator[tuple[str, str, str, tuple[int, int]]]:
        for n, line in enumerate(value.split("\n")):
            for col in ascii_punctuation_in_chinese(line):
                yield ("E014", f"中文里有半角标点“{line[col]}”",
                       "改成全角标点，或运行 cailiaoku lint --fix", (n, col))
            if line != line.rstrip():
                yield ("W001", "行尾有多余空格", "删除行尾空格，或运行 cailiaoku lint --fix", (n, len(line.rstrip())))
        for left, right in PAIRS:
            if value.count(left) != value.count(right):
                yield ("E015", f"引号或括号不成对：{PAIR_NAMES[left]}{left}{value.count(left)} 个，"
                               f"{PAIR_NAMES[right]}{right}{value.count(right)} 个",
                       "补齐缺少的一半", _first_unbalanced(value, left, right))


def _short(value: object) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 30 else text[:30] + "…"


def _first_unbalanced(value: str, left: str, right: str) -> tuple[int, int]:
    depth, last_open = 0, 0
    for i, ch in enumerate(value):
        if ch == left:
            depth, last_open = depth + 1, i
        elif ch == right:
            depth -= 1
            if depth < 0:
                return _line_col(value, i)
    return _line_col(value, last_open)


def _line_col(value: str, index: int) -> tuple[int, int]:
    before = value[:index]
    return before.count("\n"), index - (before.rfind("\n") + 1)


def check_text(text: str, display: str, taxonomy: Taxonomy, seen_ids: dict[str, str]) -> list[Problem]:
    """Lint's checks on one library file not yet written (ingest checks before it writes).

    `seen_ids` holds the ids of the rest of the library (as lint_library keeps them) and
    receives this file's ids."""
    try:
        found = parsecache.parse_text(text, display)
    except CailiaokuError as exc:
        return [Problem(display, exc.line or 1, exc.col or 1, "E000", exc.message, exc.hint or "")]
    return _FileCheck(library.loaded(Path(display), found), display, taxonomy, text).run(seen_ids)


def lint_library(snippets_dir: Path, taxonomy: Taxonomy, root: Path | None = None) -> list[Problem]:
    with bulk():  # linear in passages, also for one huge file
        return _lint_library(snippets_dir, taxonomy, root)


def _lint_library(snippets_dir: Path, taxonomy: Taxonomy, root: Path | None) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    missing: dict[str, list[str]] = {}
    for path in library.library_files(snippets_dir):
        display = _display(path, root)
        try:
            loaded = library.load_file(path, root)
        except CailiaokuError as exc:
            problems.append(Problem(display, exc.line or 1, exc.col or 1, "E000", exc.message,
                                    (exc.hint or "").rstrip("。")))
            continue
        check = _FileCheck(loaded, display, taxonomy)
        problems.extend(check.run(seen))
        for theme, pids in check.unknown_themes.items():
            missing.setdefault(theme, []).extend(pids)
    problems.extend(_taxonomy_guard(_once_in_taxonomy(missing, snippets_dir), root))
    return problems


def _once_in_taxonomy(missing: dict[str, list[str]], snippets_dir: Path) -> dict[str, list[str]]:
    """Unknown themes that ingest once assigned (so taxonomy.yaml had them): renamed or removed.

    Any other unknown theme is a typo in a passage, reported there (E009) and only there.
    """
    if not missing:
        return {}
    known: set[str] = set()
    for path in library.library_files(snippets_dir / ".ingested"):
        try:
            doc = library.load_file(path).document
        except CailiaokuError:
            continue
        if doc is not None:
            known.update(t for p in doc.passages for t in p.themes)
    return {theme: pids for theme, pids in missing.items() if theme in known}


def _taxonomy_guard(missing: dict[str, list[str]], root: Path | None) -> list[Problem]:
    """A theme renamed or removed from taxonomy.yaml while passages still use it (E016)."""
    path = (root or Path(".")) / "taxonomy.yaml"
    line, col = 1, 1
    try:
        _, positions = yamlio.load_with_positions(path.read_text(encoding="utf-8"), str(path))
        line, col = positions.get(("themes",), (1, 1))
    except (OSError, CailiaokuError):
        pass
    return [
        Problem(_display(path, root), line, col, "E016",
                f"主题“{theme}”不在 taxonomy.yaml 中，但仍有 {len(pids)} 个段落在用：{'、'.join(pids)}",
                f"在 taxonomy.yaml 中恢复主题“{theme}”；若是改名或删除，请先把这些段落的 themes 改成现有主题，再运行 cailiaoku lint")
        for theme, pids in missing.items()
    ]


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.code.startswith("E")]


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()

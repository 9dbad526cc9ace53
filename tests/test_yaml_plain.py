"""The library is plain data: aliases ("billion laughs"), tags, duplicate keys and wrongly-typed
fields are refused with a located Chinese error in snippets/, taxonomy.yaml and sidecars, by lint,
ingest, search and the site build alike — never a traceback, never a stall."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from cailiaoku.errors import LibraryError
from cailiaoku.library import load_library
from cailiaoku.lint import lint_library
from cailiaoku.taxonomy import load_taxonomy
from cailiaoku.yamlio import load_with_positions
from conftest import run_cli

JU = "snippets/2024-ju-zongjie.yaml"


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 "哈哈哈哈哈哈哈哈哈哈"']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\ndocument: {id: bomb-doc, title: *a9}\npasses: []\n"


def plant(project: Path, old: str, new: str) -> tuple[Path, int, int]:
    """Replace `old` once; returns the file and the 1-based line and column where `new` starts."""
    path = project / JU
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    index = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def lint_out(project: Path, timeout: float = 120) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-m", "cailiaoku", "lint"], cwd=project,
                            capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout + result.stderr


def test_alias_bomb_is_refused_at_once(project_copy: Path) -> None:
    bomb = project_copy / "snippets" / "bomb.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    started = time.monotonic()
    code, out = lint_out(project_copy, timeout=60)  # expanded, it is 10⁹ strings: minutes and GBs
    assert code == 1
    assert "snippets/bomb.yaml:1:5: E000 不支持 YAML 锚点 &a0" in out
    with pytest.raises(LibraryError, match="锚点"):
        load_library(project_copy / "snippets")  # what every plugin of the build reads through
    assert time.monotonic() - started < 60


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  title: 局2024年意识形态工作总结\n", "  title: !!python/object/apply:builtins.list [[局]]\n",
     "不支持 YAML 标记 !!python/object/apply:builtins.list"),
    ("  org: 局\n", "  org: !!python/name:os.system\n", "不支持 YAML 标记 !!python/name:os.system"),
    ("  org: 局\n", "  org: !danger 局\n", "不支持 YAML 标记 !danger"),
    ("  org: 局\n", "  org: !!binary 5bGA\n", "不支持 YAML 标记 !!binary"),
    ("  org: 局\n", "  org: &o 局\n", "不支持 YAML 锚点 &o"),
    ("  org: 局\n", "  <<: {org: 局}\n", "不支持 YAML 合并键 <<"),
    ("  org: 局\n", "  org: 局\n  org: 县局\n", "键 org 重复出现"),
])
def test_tags_anchors_and_duplicate_keys_are_located_errors(
        project_copy: Path, old: str, new: str, message: str) -> None:
    _, line, col = plant(project_copy, old, new)
    code, out = lint_out(project_copy)
    assert code == 1
    hit = [x for x in out.splitlines() if message in x]
    assert hit and hit[0].startswith(f"{JU}:"), out
    where = tuple(int(n) for n in hit[0].split(":")[1:3])
    assert where[0] in (line, line + 1) and where[1] >= col  # the key's line (or the duplicate's)


def test_duplicate_text_key_names_the_second_one(project_copy: Path) -> None:
    path, line, _ = plant(project_copy, "  role: overview\n  themes: [理论学习]\n- id: i5s8qyx",
                          "  role: overview\n  role: problem\n  themes: [理论学习]\n- id: i5s8qyx")
    code, out = lint_out(project_copy)
    assert code == 1 and f"{JU}:{line + 1}:3: E000 键 role 重复出现" in out


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  title: 局2024年意识形态工作总结\n", "  title: [局2024年意识形态工作总结]\n", "文档的 title 应为文字，现在是列表"),
    ("  year: 2024\n", "  year: '2024'\n", "文档的 year 应为整数，现在是文字"),
    ("  themes: [理论学习]\n- id: i5s8qyx", "  themes: 理论学习\n- id: i5s8qyx", "的 themes 应为文字列表，现在是文字"),
    ("  themes: [理论学习]\n- id: i5s8qyx", "  themes: [理论学习, {a: 1}]\n- id: i5s8qyx", "的 themes 第 2 项应为文字"),
    ("  level: 0\n  text: |-\n    2024年", "  level: [0]\n  text: |-\n    2024年", "的 level 应为整数，现在是列表"),
    ("  role: overview\n  themes: [理论学习]\n- id: i5s8qyx", "  role: {a: b}\n  themes: [理论学习]\n- id: i5s8qyx",
     "的 role 应为文字，现在是键值对"),
])
def test_wrong_types_are_located_and_stop_every_reader(
        project_copy: Path, old: str, new: str, message: str) -> None:
    _, line, _ = plant(project_copy, old, new)
    code, out = lint_out(project_copy)
    assert code == 1
    hit = [x for x in out.splitlines() if " E001 " in x and message in x]
    assert hit and hit[0].startswith(f"{JU}:{line}:"), out
    for args in (("search", "理论学习"), ("ingest",)):
        result = run_cli(*args, cwd=project_copy)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert message in result.stderr or message in result.stdout


def test_control_character_gives_its_real_line_and_column(project_copy: Path) -> None:
    path = project_copy / JU
    text = path.read_text(encoding="utf-8")
    index = text.index("认真贯彻落实") + 2
    path.write_text(text[:index] + "\x07" + text[index:], encoding="utf-8")
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    code, out = lint_out(project_copy)
    assert code == 1 and f"{JU}:{line}:{col}: E000 文件含有不允许的控制字符 U+0007" in out


def test_sidecar_and_taxonomy_are_plain_data_too(project_copy: Path) -> None:
    sidecar = project_copy / "sources" / "2024-局-意识形态工作总结.yaml"
    original = sidecar.read_text(encoding="utf-8")
    assert "title: 局2024年意识形态工作总结\n" in original
    for bad, message in (("title: [甲, 乙]\n", "旁注的 title 应为文字，现在是列表"),
                         ("title: &t 甲\nprovenance: *t\n", "不支持 YAML 锚点 &t"),
                         ("title: 甲\ntitle: 乙\n", "键 title 重复出现")):
        sidecar.write_text(original.replace("title: 局2024年意识形态工作总结\n", bad), encoding="utf-8")
        result = run_cli("ingest", "sources/2024-局-意识形态工作总结.txt", cwd=project_copy)
        assert result.returncode == 1 and message in result.stderr, result.stderr
        assert "sources/2024-局-意识形态工作总结.yaml:" in result.stderr and "Traceback" not in result.stderr
    taxonomy = project_copy / "taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(text.replace("terms: [", "terms: !!set [", 1), encoding="utf-8")
    with pytest.raises(LibraryError, match="不支持 YAML 标记 !!set") as info:
        load_taxonomy(taxonomy)
    assert info.value.line and info.value.col
    result = run_cli("lint", cwd=project_copy)
    assert result.returncode == 1 and "taxonomy.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_plain_documents_still_load_with_positions() -> None:
    value, positions = load_with_positions("a: 1\nb: [x, 2024-01-01]\nc:\n  d: |-\n    多行\n    文字\ne: =\n", "f")
    assert value == {"a": 1, "b": ["x", value["b"][1]], "c": {"d": "多行\n文字"}, "e": "="}
    assert positions[("c", "d")] == (4, 3) and positions[("b", 1)] == (2, 8)
    root = Path(__file__).resolve().parents[1]
    assert lint_library(root / "snippets", load_taxonomy(root / "taxonomy.yaml"), root) == []

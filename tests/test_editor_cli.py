"""An editor at work on a fresh copy of the library: new-passage and add-source write valid YAML
with fresh ids, lint stays clean, bad input changes nothing, and the built site shows the result."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cailiaoku import library
from cailiaoku.cli import cli
from cailiaoku.editor.passage import taken_ids, tidy
from cailiaoku.ids import make_id
from conftest import run_cli

JU = "2024-ju-zongjie"
NEW_HEADING = "建立理论学习积分制度"
NEW_TEXT = "对党员干部参加理论学习中心组学习、学习强国学习情况实行积分管理,每季度通报一次，全年通报x次。"
NEW_DOC = """区文旅局2025年意识形态工作总结

2025年，区文旅局坚持以习近平新时代中国特色社会主义思想为指导，认真落实意识形态工作责任制，各项工作取得积极成效。现将有关情况总结如下：
一、主要做法
（一）强化理论武装。严格落实“第一议题”制度，全年召开理论学习中心组学习会12次，开展专题研讨4次。
（二）加强文旅阵地管理。落实景区电子屏、公众号“三审三校”制度，全年审核稿件360篇，没有发生导向问题。
二、存在的问题
对照要求，还存在一些不足：一是理论学习的系统性还不够强；二是新媒体平台的传播力还不够大。
三、下一步计划
（一）持续深化理论学习。完善中心组学习制度，推动学习成果转化。
（二）提升舆论引导能力。建立舆情监测和处置机制，及时回应社会关切。
"""


def doc_passages(project: Path, doc_id: str) -> list[dict]:
    raw = yaml.safe_load((project / "snippets" / f"{doc_id}.yaml").read_text(encoding="utf-8"))
    return raw["passages"]


def digest(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in files)).hexdigest()


def add_point(project: Path, *extra: str) -> str:
    result = run_cli("new-passage", "--after", "v9rs55k", "--type", "point", "--heading", NEW_HEADING,
                     "--text", NEW_TEXT, *extra, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    match = re.search(r"段落 ([a-z0-9]{7})", result.stdout)
    assert match, result.stdout
    return match.group(1)


def test_new_passage_is_placed_numbered_tagged_and_lints_clean(project_copy: Path) -> None:
    before_ids = taken_ids_of(project_copy)
    pid = add_point(project_copy)
    assert pid not in before_ids
    passages = doc_passages(project_copy, JU)
    ids = [p["id"] for p in passages]
    assert ids[ids.index("v9rs55k") + 1] == pid  # right after the last point of item sntb288
    new = passages[ids.index(pid)]
    assert new == {
        "id": pid, "type": "point", "level": 6, "number": "三是", "heading": NEW_HEADING,
        "text": NEW_TEXT.replace(",", "，"), "parent": "sntb288", "role": "achievement",
        "themes": ["理论学习"], "placeholders": ["x"],
    }
    result = run_cli("lint", cwd=project_copy)
    assert result.returncode == 0 and "检查通过" in result.stdout, result.stdout + result.stderr


def taken_ids_of(project: Path) -> set[str]:
    from cailiaoku.project import Project

    return taken_ids(Project(project))


def test_new_item_at_the_end_continues_the_numbering(project_copy: Path) -> None:
    result = run_cli("new-passage", "--doc", "2025-srdbgs-yaodian", "--type", "item",
                     "--heading", "加强网评队伍建设", "--text", "组建网评员队伍，开展业务培训，提升舆论引导能力。",
                     cwd=project_copy)
    assert result.returncode == 0, result.stderr
    passages = doc_passages(project_copy, "2025-srdbgs-yaodian")
    items = [p for p in passages if p["type"] == "item"]
    assert [p["number"] for p in items[-2:]] == ["20.", "21."]
    assert items[-1]["parent"] == items[-2]["parent"] and items[-1]["level"] == items[-2]["level"]
    assert items[-1]["role"] == "plan" and items[-1]["themes"][0] == "队伍建设"
    assert passages[-1] == items[-1]


def test_new_id_skips_ids_retired_in_ingested(project_copy: Path) -> None:
    seed = f"{JU}|{tidy(NEW_HEADING)}|{tidy(NEW_TEXT)}"
    first_choice = make_id(seed, taken_ids_of(project_copy))
    retired = project_copy / "snippets" / ".ingested" / f"{JU}.yaml"
    retired.write_text(retired.read_text(encoding="utf-8") + (
        f"- id: {first_choice}\n  type: para\n  level: 0\n  text: 已删除的段落\n  role: overview\n"
        "  themes: []\n"), encoding="utf-8")
    pid = add_point(project_copy)
    assert pid != first_choice and pid not in taken_ids_of(project_copy) - {pid}


def test_new_passage_refuses_what_lint_would_reject(project_copy: Path) -> None:
    before = digest(project_copy / "snippets")
    cases = [
        (["--doc", JU, "--text", "加强“三审三校制度落实。", "--role", "plan"], "E015"),
        (["--doc", JU, "--text", "加强理论学习。", "--role", "plan", "--theme", "理论武装"], "未知主题：理论武装"),
        (["--doc", "nosuch", "--text", "加强理论学习。"], "找不到文档 nosuch"),
        (["--after", "zzzzzzz", "--text", "加强理论学习。"], "找不到段落 zzzzzzz"),
        (["--doc", JU, "--text", "完全无关的一句话。", "--role", "plan"], "没有找到合适的主题"),
    ]
    existing = doc_passages(project_copy, JU)[3]
    cases.append((["--doc", JU, "--heading", existing["heading"], "--text", existing["text"],
                   "--role", "plan"], "E013"))
    for args, message in cases:
        result = run_cli("new-passage", "--no-interactive", *args, cwd=project_copy)
        assert result.returncode == 1, (args, result.stdout)
        assert message in result.stderr, (args, result.stderr)
    assert digest(project_copy / "snippets") == before


def test_new_passage_interactive_prompts(project_copy: Path) -> None:
    answers = "\n".join([
        "1",            # document: first in the list (2024-ju-zongjie)
        "v9rs55k",      # after this passage
        "point",        # type
        "",             # number: accept 三是
        NEW_HEADING,
        NEW_TEXT,
        "",             # role: accept the parent's
        "理论学习、队伍建设",
    ]) + "\n"
    result = CliRunner().invoke(cli, ["--root", str(project_copy), "new-passage", "-i"], input=answers)
    assert result.exit_code == 0, result.output
    assert "2024-ju-zongjie  局2024年意识形态工作总结" in result.output
    assert "[三是]" in result.output and "[主要做法]" in result.output
    new = doc_passages(project_copy, JU)
    ids = [p["id"] for p in new]
    added = new[ids.index("v9rs55k") + 1]
    assert (added["number"], added["themes"], added["parent"]) == ("三是", ["理论学习", "队伍建设"], "sntb288")


def test_add_source_copies_bytes_writes_sidecar_and_ingests(project_copy: Path, tmp_path: Path) -> None:
    incoming = tmp_path / "收到的范文.txt"
    incoming.write_bytes(NEW_DOC.encode("gb18030"))
    result = run_cli("add-source", str(incoming), "--provenance", "区文旅局提供，已脱敏。", cwd=project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    source = project_copy / "sources" / "2025-区文旅局-意识形态工作总结.txt"
    assert source.read_bytes() == incoming.read_bytes()
    sidecar = yaml.safe_load(source.with_suffix(".yaml").read_text(encoding="utf-8"))
    doc_id = sidecar["id"]
    assert re.fullmatch(r"2025-zongjie-[0-9a-f]{6}", doc_id)
    assert sidecar == {"id": doc_id, "title": "区文旅局2025年意识形态工作总结", "org": "区文旅局",
                       "year": 2025, "kind": "总结", "provenance": "区文旅局提供，已脱敏。"}
    doc = library.load_file(project_copy / "snippets" / f"{doc_id}.yaml").document
    assert doc is not None and (project_copy / "snippets" / ".ingested" / f"{doc_id}.yaml").is_file()
    assert doc.source == "sources/2025-区文旅局-意识形态工作总结.txt"
    roles = {p.heading: p.role for p in doc.passages if p.type == "section"}
    assert roles == {"主要做法": "achievement", "存在的问题": "problem", "下一步计划": "plan"}
    assert "检查通过。" in result.stdout
    assert run_cli("lint", cwd=project_copy).returncode == 0


def test_add_source_failures_leave_sources_and_snippets_untouched(project_copy: Path, tmp_path: Path) -> None:
    before = (digest(project_copy / "sources"), digest(project_copy / "snippets"))
    noise_only = tmp_path / "只有杂质.txt"
    noise_only.write_text("欢迎访问某某范文网\n上一篇：工作总结\n版权所有 某某范文网\n", encoding="utf-8")
    result = run_cli("add-source", str(noise_only), cwd=project_copy)
    assert result.returncode == 1 and "只有杂质.txt" in result.stderr and "没有剩下正文" in result.stderr
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    result = run_cli("add-source", str(empty), cwd=project_copy)
    assert result.returncode == 1 and "文件是空的" in result.stderr
    taken = tmp_path / "重复.txt"
    taken.write_text(NEW_DOC, encoding="utf-8")
    result = run_cli("add-source", str(taken), "--id", JU, cwd=project_copy)
    assert result.returncode == 1 and f"文档 id {JU} 已经存在" in result.stderr
    assert (digest(project_copy / "sources"), digest(project_copy / "snippets")) == before
    untitled = tmp_path / "无标题.txt"
    untitled.write_text("一、主要做法\n（一）强化理论武装。严格落实“第一议题”制度。\n", encoding="utf-8")
    untitled_ok = run_cli("add-source", str(untitled), "--title", "区档案馆2025年意识形态工作总结",
                          cwd=project_copy)
    assert untitled_ok.returncode == 0, untitled_ok.stderr
    assert (project_copy / "sources" / "2025-区档案馆-意识形态工作总结.txt").read_bytes() == untitled.read_bytes()


@pytest.mark.browser
def test_editor_session_builds_and_the_finder_finds_the_new_passage(project_copy: Path, tmp_path: Path,
                                                                     page) -> None:  # noqa: ANN001
    """The whole editor's round: add a passage and a source, lint, build (with --zip), then find
    the new passage on its theme page, in the finder (browser) and with `cailiaoku search`."""
    pid = add_point(project_copy)
    incoming = tmp_path / "范文.txt"
    incoming.write_text(NEW_DOC, encoding="utf-8")
    assert run_cli("add-source", str(incoming), cwd=project_copy).returncode == 0
    assert run_cli("lint", cwd=project_copy).returncode == 0
    site, bundle = tmp_path / "site", tmp_path / "release.zip"
    result = run_cli("build", "--site-dir", str(site), "--zip", str(bundle), cwd=project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(bundle) as zf:
        assert f"cailiaoku/p/{pid}.html" in zf.namelist()

    theme_page = (site / "themes" / "lilun-xuexi.html").read_text(encoding="utf-8")
    assert f'href="../p/{pid}.html"' in theme_page and NEW_HEADING in theme_page
    permalink = (site / "p" / f"{pid}.html").read_text(encoding="utf-8")
    assert NEW_TEXT.replace(",", "，") in permalink
    new_doc = yaml.safe_load((project_copy / "sources" / "2025-区文旅局-意识形态工作总结.yaml").read_text(
        encoding="utf-8"))["id"]
    assert "加强文旅阵地管理" in (site / "source" / f"{new_doc}.html").read_text(encoding="utf-8")

    found = json.loads(run_cli("search", "理论学习积分", "--json", cwd=project_copy).stdout)
    assert found["ids"][0] == pid  # its heading holds the whole query; others hold all its pieces
    page.goto((site / "finder.html").as_uri() + "#q=理论学习积分")
    hits = page.locator(".ck-results li.ck-hit")
    hits.first.wait_for()
    assert [hits.nth(i).get_attribute("data-passage-id") for i in range(hits.count())] == found["ids"]
    # Only the hash changes: the old hits stay on screen until the finder has answered the new query.
    again = json.loads(run_cli("search", "文旅阵地", "--json", cwd=project_copy).stdout)["ids"]
    page.goto((site / "finder.html").as_uri() + "#q=文旅阵地")
    page.wait_for_function(
        "ids => JSON.stringify([...document.querySelectorAll('.ck-results li.ck-hit')]"
        ".map(li => li.dataset.passageId)) === JSON.stringify(ids)", arg=again, timeout=60_000)
    assert "景区电子屏" in page.locator(".ck-results").inner_text()

"""Re-ingesting a revised source: moved, split and merged passages keep their ids and edits; a missing
base, a shared id and conflicting changes lose nothing (every editor edit and every source revision
is still somewhere the editor can see it)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cailiaoku.ingest.merge import merge
from cailiaoku.model import Document
from conftest import run_cli
from samples import SOURCES
from test_reingest import OPS, _apply, first_ingest, fresh

DOC = "2024-ju-zongjie"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def lib(project: Path) -> Path:
    return project / "snippets" / f"{DOC}.yaml"


def by_id(project: Path) -> dict[str, dict]:
    return {p["id"]: p for p in load(lib(project))["passages"]}


def edit(project: Path, change: Callable[[dict[str, dict]], None]) -> None:
    data = load(lib(project))
    change({p["id"]: p for p in data["passages"]})
    data["passages"] = [p for p in data["passages"] if not p.get("delete")]
    lib(project).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def revise(project: Path, change: Callable[[str], str]) -> Path:
    src = project / "sources" / SOURCES[DOC].name
    text = src.read_text(encoding="utf-8")
    revised = change(text)
    assert revised != text
    src.write_text(revised, encoding="utf-8")
    return src


def ingest(project: Path) -> str:
    result = run_cli("ingest", f"sources/{SOURCES[DOC].name}", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def lint_output(project: Path) -> str:
    result = run_cli("lint", cwd=project)
    return result.stdout + result.stderr


def lint_errors(project: Path) -> list[str]:
    return [line for line in lint_output(project).splitlines() if ": E0" in line]


def swap_three_and_four(text: str) -> str:
    """The writer moves item (四) above (三) and renumbers both."""
    lines = text.split("\n")
    i3 = next(i for i, ln in enumerate(lines) if ln.startswith("(三)"))
    i4 = next(i for i, ln in enumerate(lines) if ln.startswith("(四)"))
    three, four = lines[i3:i4], [lines[i4]]
    four[0] = "(三)" + four[0][3:]
    three[0] = "(四)" + three[0][3:]
    lines[i3:i4 + 1] = four + three
    return "\n".join(lines)


def test_swapped_items_keep_ids_edits_and_take_the_new_order(project_copy: Path) -> None:
    before = by_id(project_copy)

    def change(p: dict[str, dict]) -> None:
        p["drjctbg"]["role"] = "overview"
        p["re8dyqi"]["text"] = "编辑改写：组建文明实践队伍，每月开展两次新时代文明实践活动。"
        p["n8tim7p"]["themes"] = ["组织领导"]
        p["vyaf4dv"]["heading"] = "编辑改写的标题：明确责任清单"

    edit(project_copy, change)
    revise(project_copy, swap_three_and_four)
    out = ingest(project_copy)
    assert "找不到对应内容" not in out and "新增 0" in out and "跟随移动" in out
    after = by_id(project_copy)
    assert set(after) == set(before)  # no new ids, no orphans
    assert after["drjctbg"]["role"] == "overview"
    assert after["re8dyqi"]["text"].startswith("编辑改写")
    assert after["n8tim7p"]["themes"] == ["组织领导"]
    assert after["vyaf4dv"]["heading"].startswith("编辑改写的标题")
    # The source's revision: new numbers and the new order.
    assert after["n8tim7p"]["number"] == "（三）" and after["drjctbg"]["number"] == "（四）"
    order = list(after)
    assert order.index("n8tim7p") < order.index("fphmpik") < order.index("vyaf4dv") \
        < order.index("drjctbg") < order.index("re8dyqi")
    assert lint_errors(project_copy) == []
    text = lib(project_copy).read_text(encoding="utf-8")
    ingest(project_copy)  # stable: nothing changes a second time
    assert lib(project_copy).read_text(encoding="utf-8") == text


def test_split_passage_keeps_the_edit_and_the_source_revision(project_copy: Path) -> None:
    edited = "编辑改写的开头：2024年，局在上级党委的正确领导下，扎实做好意识形态工作。现将2024年意识形态工作总结如下："
    edit(project_copy, lambda p: p["jhsnepn"].update(text=edited))
    revise(project_copy, lambda t: t.replace("扎实做好意识形态工作。现将", "扎实做好意识形态工作。\n现将"))
    out = ingest(project_copy)
    after = by_id(project_copy)
    assert after["jhsnepn"]["text"] == edited  # the editor's text
    revision = after["jhsnepn"]["source_revision"]["text"]  # the source's first piece, visible
    assert revision.startswith("2024年") and revision.endswith("扎实做好意识形态工作。")
    [piece] = [p for p in after.values() if p["text"].startswith("现将2024年")]
    assert f"段落 {piece['id']} 是新原文从段落 jhsnepn 拆分出来的" in out
    assert "冲突：段落 jhsnepn 的正文" in out and "编辑改写的开头" in out
    lint = lint_output(project_copy)
    assert ": E0" not in lint and "W020" in lint and "jhsnepn" in lint


def merge_three_and_four(text: str) -> str:
    return text.replace("业务培训。四是学习贯彻", "业务培训。学习贯彻")


@pytest.mark.parametrize("edited", [False, True])
def test_merged_passages(project_copy: Path, edited: bool) -> None:
    if edited:
        edit(project_copy, lambda p: p["j6hmzc5"].update(role="plan"))
    revise(project_copy, merge_three_and_four)
    out = ingest(project_copy)
    after = by_id(project_copy)
    assert after["wctzdma"]["text"].endswith("深度和广度还不够。")  # the source's merged text
    assert "段落 j6hmzc5 在新原文中并入了段落 wctzdma" in out
    if edited:  # the editor's edit stays, flagged for review
        assert after["j6hmzc5"]["role"] == "plan"
        assert after["j6hmzc5"]["source_revision"] == {"merged_into": "wctzdma"}
    else:  # untouched and now part of wctzdma: not kept twice
        assert "j6hmzc5" not in after
    assert "找不到对应内容" not in out
    assert lint_errors(project_copy) == []


def test_missing_base_keeps_every_editor_change(project_copy: Path) -> None:
    (project_copy / "snippets" / ".ingested" / f"{DOC}.yaml").unlink()

    def change(p: dict[str, dict]) -> None:
        p["d34cx3g"]["role"] = "problem"
        p["pve6gys"]["text"] = "编辑改写：坚持正确舆论导向，全年上稿212篇（条）。"

    edit(project_copy, change)
    revise(project_copy, lambda t: t.replace("全年上稿212篇(条)", "全年上稿230篇(条)"))
    out = ingest(project_copy)
    assert "找不到上次导入的记录" in out and "所有差异都按编辑的修改保留" in out
    assert "d34cx3g" in out and "pve6gys" in out
    after = by_id(project_copy)
    assert after["d34cx3g"]["role"] == "problem"
    assert after["pve6gys"]["text"].startswith("编辑改写")
    assert sum("212篇" in p["text"] for p in after.values()) == 1  # not duplicated
    # The source's revision is kept in the new base, which the message points to.
    base = load(project_copy / "snippets" / ".ingested" / f"{DOC}.yaml")
    assert any("230篇" in p["text"] and p["id"] == "pve6gys" for p in base["passages"])
    assert lint_errors(project_copy) == []
    text = lib(project_copy).read_text(encoding="utf-8")
    ingest(project_copy)  # from now on a normal three-way merge: the edits stay
    assert lib(project_copy).read_text(encoding="utf-8") == text


def test_two_sources_with_one_id_are_refused(project_copy: Path) -> None:
    other = SOURCES["2024-shiwei-zongjie"]
    intruder = project_copy / "sources" / "另一篇.txt"
    intruder.write_bytes(other.read_bytes())
    sidecar = other.with_suffix(".yaml").read_text(encoding="utf-8")
    intruder.with_suffix(".yaml").write_text(sidecar.replace("id: 2024-shiwei-zongjie", f"id: {DOC}"),
                                             encoding="utf-8")
    before = load(lib(project_copy))["document"]
    theirs = {p["text"] for p in load(project_copy / "snippets" / "2024-shiwei-zongjie.yaml")["passages"]
              if len(p["text"]) > 20}
    for args in (("ingest", "sources/另一篇.txt"), ("ingest",)):
        result = run_cli(*args, cwd=project_copy)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"两个原文文件使用同一个文档 id {DOC}" in result.stderr
        assert "另一篇.txt" in result.stderr and SOURCES[DOC].name in result.stderr
        after = load(lib(project_copy))  # not taken over: same title and source, no passage of the intruder
        assert (after["document"]["title"], after["document"]["source"]) == (before["title"], before["source"])
        assert not theirs & {p["text"] for p in after["passages"]}


def test_both_sides_changed_conflicts_are_reported_and_kept(project_copy: Path) -> None:
    ours_text = "编辑改写：组织青年志愿者成立理论宣讲小分队，全年开展宣讲180次。"

    def change(p: dict[str, dict]) -> None:
        p["v9rs55k"]["text"] = ours_text
        p["e7a4rgy"]["delete"] = True

    edit(project_copy, change)
    data = load(lib(project_copy))
    data["document"]["title"] = "编辑改的标题"
    lib(project_copy).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    revise(project_copy, lambda t: t.replace("理论宣讲活动180次", "理论宣讲活动186次")
           .replace("标题: 局2024年意识形态工作总结", "标题: 局2024年度意识形态工作总结")
           .replace("积极开展各类先进典型评选", "持续开展各类先进典型评选"))
    out = ingest(project_copy)
    after = load(lib(project_copy))
    passages = {p["id"]: p for p in after["passages"]}
    assert passages["v9rs55k"]["text"] == ours_text
    assert "186次" in passages["v9rs55k"]["source_revision"]["text"]
    assert "冲突：段落 v9rs55k 的正文" in out and "180次" in out and "186次" in out
    assert "e7a4rgy" not in passages and "冲突：段落 e7a4rgy 已被编辑删除" in out and "持续开展" in out
    assert after["document"]["title"] == "编辑改的标题"
    assert after["document"]["source_revision"] == {"title": "局2024年度意识形态工作总结"}
    assert "冲突：文档信息 的文档标题" in out
    lint = lint_output(project_copy)
    assert ": E0" not in lint and lint.count("W020") == 2

    # Re-ingesting keeps the unsettled revision; settling it (deleting it) is final.
    ingest(project_copy)
    assert "186次" in by_id(project_copy)["v9rs55k"]["source_revision"]["text"]
    edit(project_copy, lambda p: p["v9rs55k"].pop("source_revision"))
    ingest(project_copy)
    assert "source_revision" not in by_id(project_copy)["v9rs55k"]
    assert by_id(project_copy)["v9rs55k"]["text"] == ours_text


# --- property: random source revisions × random editor edits (pure merge) ---------------------

SOURCE_OPS = st.lists(st.tuples(st.sampled_from(["swap", "text", "heading", "split", "merge"]),
                                st.integers(0, 200)), max_size=6)


def _revised(doc: Document, ops: list[tuple[str, int]]) -> Document:
    theirs = copy.deepcopy(doc)
    ps = theirs.passages
    for n, (op, i) in enumerate(ops):
        k = i % len(ps)
        p = ps[k]
        if op == "swap" and k + 1 < len(ps):
            ps[k], ps[k + 1] = ps[k + 1], ps[k]
        elif op == "text":
            p.text += f"原文第{n}次修订。"
        elif op == "heading" and p.heading:
            p.heading += f"（修订{n}）"
        elif op == "split" and len(p.text) >= 30:
            cut = len(p.text) // 2
            ps.insert(k + 1, replace(p, id=f"split{n}", number="", heading="", text=p.text[cut:]))
            p.text = p.text[:cut]
        elif op == "merge" and k + 1 < len(ps) and ps[k + 1].text and p.text:
            gone = ps.pop(k + 1)
            p.text += gone.text
            for q in ps:
                if q.parent == gone.id:
                    q.parent = p.id
    return theirs


@settings(max_examples=60, deadline=None)
@given(doc_id=st.sampled_from(list(SOURCES)), edits=OPS, revisions=SOURCE_OPS)
def test_every_edit_and_every_source_revision_survives(doc_id: str, edits: list, revisions: list) -> None:
    base = first_ingest(doc_id)
    ours, expect = _apply(base, edits)
    theirs = _revised(fresh(doc_id), revisions)
    taken = {p.id for p in base.passages} | {p.id for p in ours.passages}
    merged, new_base, _ = merge(theirs, base, copy.deepcopy(ours), taken)
    got, base_by = merged.by_id(), base.by_id()
    assert len(got) == len(merged.passages)  # no id twice
    for o in ours.passages:  # every editor edit
        if o.id in got:
            for f in ("text", "heading", "role", "themes"):
                if o.id not in base_by or getattr(o, f) != getattr(base_by[o.id], f):
                    assert getattr(got[o.id], f) == getattr(o, f), (o.id, f)
        else:  # only an untouched passage merged into another may go
            assert o.id in base_by and o == base_by[o.id], o.id
    for t in new_base.passages:  # every source revision: in the field or in source_revision
        if t.id in expect["deleted"]:
            continue
        assert t.id in got, t.id
        for f in ("text", "heading", "role", "themes"):
            old = getattr(base_by[t.id], f) if t.id in base_by else None
            value = getattr(t, f)
            assert value == old or getattr(got[t.id], f) == value \
                or got[t.id].source_revision.get(f) == value, (t.id, f)

"""Re-ingesting keeps every editor's change and every id."""

from __future__ import annotations

import copy
from dataclasses import replace
from functools import cache
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cailiaoku.ingest import analyse_source
from cailiaoku.ingest.merge import merge
from cailiaoku.model import ROLES, Document, Passage
from cailiaoku.taxonomy import load_taxonomy
from conftest import run_cli
from samples import ROOT, SOURCES

TAXONOMY = load_taxonomy(ROOT / "taxonomy.yaml")


@cache
def fresh(doc_id: str) -> Document:
    return analyse_source(SOURCES[doc_id], TAXONOMY, ROOT)


def first_ingest(doc_id: str) -> Document:
    doc, _, _ = merge(copy.deepcopy(fresh(doc_id)), None, None, set())
    return doc


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_cli_reingest_keeps_edits_deletions_additions_and_ids(project_copy: Path) -> None:
    path = project_copy / "snippets" / "2024-ju-zongjie.yaml"
    data = load(path)
    passages = data["passages"]
    ids_before = [p["id"] for p in passages]
    passages[3]["text"] = "编辑改写后的正文：全年召开党委理论学习中心组学习15次。"
    passages[5]["themes"] = ["风险防范"]
    passages[6]["role"] = "plan"
    deleted = passages.pop(10)["id"]  # a leaf: deleting a parent would orphan its points
    passages.insert(2, {"id": "bianji01", "type": "para", "level": 0,
                        "text": "编辑新增的段落，讲“三审三校”。", "role": "achievement",
                        "themes": ["阵地建设"]})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    result = run_cli("ingest", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "保留编辑 3" in result.stdout and "保持删除 1" in result.stdout

    after = {p["id"]: p for p in load(path)["passages"]}
    assert after[ids_before[3]]["text"] == "编辑改写后的正文：全年召开党委理论学习中心组学习15次。"
    assert after[ids_before[5]]["themes"] == ["风险防范"]
    assert after[ids_before[6]]["role"] == "plan"
    assert deleted not in after
    assert after["bianji01"]["text"] == "编辑新增的段落，讲“三审三校”。"
    assert set(after) == (set(ids_before) - {deleted}) | {"bianji01"}
    assert [p["id"] for p in load(path)["passages"]][2] == "bianji01"
    # A second run changes nothing.
    text = path.read_text(encoding="utf-8")
    assert run_cli("ingest", cwd=project_copy).returncode == 0
    assert path.read_text(encoding="utf-8") == text


def test_changed_source_updates_unedited_passages_and_reports_unmatched(project_copy: Path) -> None:
    src = project_copy / "sources" / SOURCES["2025-srdbgs-yaodian"].name
    path = project_copy / "snippets" / "2025-srdbgs-yaodian.yaml"
    before = {p["id"]: p for p in load(path)["passages"]}
    text = src.read_text(encoding="utf-8")
    text = text.replace("20.强化意识形态工作经费保障。", "20.强化意识形态工作经费与装备保障。")
    text = text.replace("14.开展机关文化活动。", "14.XYZ完全不同的一段新内容。新内容写的是别的事情，与原来无关。\n14.开展机关文化活动。")
    lines = text.split("\n")
    src.write_text("\n".join(line for line in lines if not line.startswith("19.")), encoding="utf-8")
    result = run_cli("ingest", str(src.relative_to(project_copy)), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    after = {p["id"]: p for p in load(path)["passages"]}
    assert set(before) <= set(after)  # nothing dropped
    old20 = next(i for i, p in before.items() if p.get("number") == "20.")
    assert after[old20]["heading"] == "强化意识形态工作经费与装备保障"
    old19 = next(i for i, p in before.items() if p.get("number") == "19.")
    assert after[old19] == before[old19]
    assert f"段落 {old19} 在新导入的原文中找不到对应内容，已原样保留" in result.stdout
    new = [p for p in after.values() if p.get("heading", "").startswith("XYZ")]
    assert len(new) == 1 and new[0]["id"] not in before


def _apply(doc: Document, ops: list[tuple[str, int, int]]) -> tuple[Document, dict]:
    ours = copy.deepcopy(doc)
    expect: dict = {"deleted": set(), "added": set()}
    themes = TAXONOMY.names
    roles = list(ROLES)
    for n, (op, i, v) in enumerate(ops):
        if not ours.passages:
            break
        p = ours.passages[i % len(ours.passages)]
        if op == "text":
            p.text = f"编辑第{n}次改写的正文{v}。"
        elif op == "heading":
            p.heading = f"编辑标题{v}"
        elif op == "themes":
            p.themes = [themes[v % len(themes)]]
        elif op == "role":
            p.role = roles[v % len(roles)]
        elif op == "delete" and p.id not in expect["added"]:
            ours.passages.remove(p)
            expect["deleted"].add(p.id)
        elif op == "add":
            new = Passage(id=f"edit{n:03d}x", type="para", text=f"编辑新增段落{v}。", role="plan",
                          themes=[themes[v % len(themes)]])
            ours.passages.insert(i % (len(ours.passages) + 1), new)
            expect["added"].add(new.id)
    return ours, expect


OPS = st.lists(
    st.tuples(st.sampled_from(["text", "heading", "themes", "role", "delete", "add"]),
              st.integers(0, 200), st.integers(0, 50)),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(doc_id=st.sampled_from(list(SOURCES)), ops=OPS)
def test_random_edit_sequences_survive_reingest(doc_id: str, ops: list) -> None:
    base = first_ingest(doc_id)
    ours, expect = _apply(base, ops)
    taken = {p.id for p in base.passages} | {p.id for p in ours.passages}
    merged, _, report = merge(copy.deepcopy(fresh(doc_id)), base, copy.deepcopy(ours), taken)
    assert merged.passages == ours.passages  # every edit, deletion, addition and id, in order
    assert set(report.kept_deleted) == expect["deleted"]
    assert not report.new


@settings(max_examples=30, deadline=None)
@given(doc_id=st.sampled_from(list(SOURCES)), ops=OPS, retag=st.integers(0, 9))
def test_new_ingest_updates_only_what_the_editor_left_alone(doc_id: str, ops: list, retag: int) -> None:
    base = first_ingest(doc_id)
    ours, _ = _apply(base, ops)
    newer_theme = TAXONOMY.names[retag]
    theirs = copy.deepcopy(fresh(doc_id))
    theirs.passages = [replace(p, themes=[newer_theme]) for p in theirs.passages]
    merged, _, _ = merge(theirs, base, copy.deepcopy(ours), {p.id for p in base.passages})
    base_by = base.by_id()
    for p in merged.passages:
        o = next(q for q in ours.passages if q.id == p.id)
        if p.id in base_by and o.themes == base_by[p.id].themes:
            assert p.themes == [newer_theme]
        else:
            assert p.themes == o.themes
        assert (p.text, p.heading, p.role) == (o.text, o.heading, o.role)

"""The library is always valid: ingest repairs what is mechanical, marks source irregularities as
warnings, skips what cannot be made valid (nothing of it written, the rest goes in, exit 1), and
`cailiaoku lint` passes after every ingest and add-source. Also `ingest --dry-run`."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cailiaoku.cli import cli
from cailiaoku.ingest.repair import repair
from cailiaoku.lint import errors_only, lint_library
from cailiaoku.model import Document, Gap, Passage
from cailiaoku.taxonomy import load_taxonomy
from docx_documents import make_docx
from samples import ROOT

DOCUMENTS = ROOT / "tests" / "documents"
SUFFIXES = {".txt", ".md", ".docx"}


def documents() -> list[Path]:
    """Every test document (ours: valid_*, and the reading tests'), bare: sidecars are not used."""
    return sorted(p for p in DOCUMENTS.iterdir() if p.suffix.lower() in SUFFIXES)


def fresh(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "snippets").mkdir(parents=True)
    shutil.copy2(ROOT / "taxonomy.yaml", root / "taxonomy.yaml")
    return root


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def lint_errors(root: Path) -> list[str]:
    problems = lint_library(root / "snippets", load_taxonomy(root / "taxonomy.yaml"), root)
    return [p.format() for p in errors_only(problems)]


def digest(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return hashlib.sha256(b"".join(p.as_posix().encode() + p.read_bytes() for p in files)).hexdigest()


def test_every_test_document_goes_in_bare_one_after_another_and_lint_passes(tmp_path: Path) -> None:
    root = fresh(tmp_path)
    bare = tmp_path / "incoming"
    bare.mkdir()
    docs = [*documents(), make_docx(tmp_path / "read_docx_lists.docx")]  # Word list numbering by python-docx
    assert len(docs) >= 10
    for doc in docs:
        copy = bare / doc.name  # without any sidecar beside it
        shutil.copy2(doc, copy)
        code, out, err = run(root, "ingest", str(copy))
        assert code == 0, f"{doc.name}: {out}{err}"
        assert lint_errors(root) == [], doc.name
        code, out, _ = run(root, "lint")
        assert code == 0 and "检查通过" in out, doc.name
    assert len(list((root / "snippets").glob("*.yaml"))) == len(docs)


def test_repairs_and_source_warnings_are_reported_and_lint_passes(tmp_path: Path) -> None:
    root = fresh(tmp_path)
    code, out, err = run(root, "ingest", str(DOCUMENTS / "valid_one_sentence_items.txt"),
                         str(DOCUMENTS / "valid_bracket_typo.txt"))
    assert (code, err) == (0, ""), err
    assert "已修复：“（三）”：没有任何文字，已去掉" in out
    assert "提醒：“（一）强化阵地管理”：原文中 “” 不成对，保留原样，记为提醒 W015" in out
    assert "提醒：“（二）做好舆论引导”：原文中 《》 不成对" in out
    assert "提醒：“（三）加强队伍建设”：原文中 （） 不成对" in out
    code, out, _ = run(root, "lint")
    assert code == 0
    assert out.count(": W015 ") == 3 and ": E015 " not in out
    # The one-sentence item keeps its sentence as text; the empty （三） is gone, its 1./2. moved up.
    import yaml
    [path] = (root / "snippets").glob("valid-one-sentence-items-*.yaml")
    passages = yaml.safe_load(path.read_text(encoding="utf-8"))["passages"]
    first = next(p for p in passages if p.get("number") == "（一）")
    assert (first.get("heading"), first["text"].rstrip("。")) == (None, "严格落实“第一议题”制度")
    assert "（三）" not in [p.get("number") for p in passages]
    section = next(p for p in passages if p.get("heading") == "主要做法")
    assert [p.get("number") for p in passages if p.get("parent") == section["id"]] == ["（一）", "（二）", "1.", "2."]


def test_an_editor_fixing_the_bracket_keeps_lint_green_and_a_new_typo_is_an_error(tmp_path: Path) -> None:
    root = fresh(tmp_path)
    assert run(root, "ingest", str(DOCUMENTS / "valid_bracket_typo.txt"))[0] == 0
    [path] = (root / "snippets").glob("*.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("“三审三校制度", "“三审三校”制度").replace("守牢意识形态阵地", "守牢（意识形态阵地"),
                    encoding="utf-8")
    code, out, _ = run(root, "lint")
    assert code == 1 and out.count(": W015 ") == 2 and out.count(": E015 ") == 1  # the opening has no W015 mark


def test_a_bad_document_is_skipped_with_its_reason_and_the_others_go_in(tmp_path: Path) -> None:
    root = fresh(tmp_path)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    good = [shutil.copy2(DOCUMENTS / n, incoming / n) for n in ("valid_repeated_lines.txt", "valid_shuzhi_shulian.txt")]
    empty = incoming / "blank.txt"
    empty.write_text("\n\n", encoding="utf-8")
    bad_year = incoming / "bad_year.txt"  # no year in the title, so the sidecar's counts
    bad_year.write_text((DOCUMENTS / "valid_bracket_typo.txt").read_text(encoding="utf-8").replace("2024年", "", 1),
                        encoding="utf-8")
    bad_year.with_suffix(".yaml").write_text("year: 25\n", encoding="utf-8")
    bad_id = incoming / "bad_id.txt"
    shutil.copy2(DOCUMENTS / "valid_one_sentence_items.txt", bad_id)
    bad_id.with_suffix(".yaml").write_text("id: 坏-ID\n", encoding="utf-8")
    code, out, err = run(root, "ingest", str(good[0]), str(empty), str(bad_year), str(bad_id), str(good[1]))
    assert code == 1
    assert out.count("新建 snippets/") == 2
    for name in ("blank.txt", "bad_year.txt", "bad_id.txt"):
        assert f"跳过 {incoming / name}：" in err, err
    assert "本篇什么也没写入" in err and "共跳过 3 篇（其余 2 篇已导入）" in err
    names = sorted(p.name for p in (root / "snippets").rglob("*.yaml"))
    assert len(names) == 4 and not any("bad" in n or "blank" in n for n in names)
    assert lint_errors(root) == []


def test_dry_run_shows_what_would_be_written_and_writes_nothing(tmp_path: Path) -> None:
    root = fresh(tmp_path)
    before = digest(root)
    code, out, err = run(root, "ingest", "--dry-run", str(DOCUMENTS / "valid_one_sentence_items.txt"),
                         str(DOCUMENTS / "valid_shuzhi_shulian.txt"))
    assert (code, err) == (0, "")
    assert digest(root) == before
    for line in ("试运行（不写任何文件）：2 篇可以导入，0 篇将被跳过。",
                 "标题：《县档案馆2025年意识形态工作总结》",
                 "文种：总结（正文标题中的“工作总结”）",
                 "文种：述职报告（正文标题中的“述职述廉报告”）",
                 "年份：2025",
                 "  一、主要做法 [主要做法] 主题：",
                 "  “（三）”：没有任何文字，已去掉"):
        assert line in out, line
    assert "作为杂质或标题行去掉" in out and "提纲（" in out
    assert re.search(r"\n    （一）严格落实“第一议题”制度。? \[主要做法\] 主题：理论学习", out)


def test_dry_run_lists_what_would_be_skipped(tmp_path: Path) -> None:
    root = fresh(tmp_path)
    blank = tmp_path / "blank.txt"
    blank.write_text("", encoding="utf-8")
    code, out, _ = run(root, "ingest", "--dry-run", str(blank))
    assert code == 0 and "1 篇将被跳过" in out and "原因：" in out
    assert list((root / "snippets").iterdir()) == []


def test_add_source_exits_0_only_when_the_document_went_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = fresh(tmp_path)
    shutil.copytree(ROOT / "sources", root / "sources")
    before = digest(root)
    from cailiaoku.ingest import pipeline

    monkeypatch.setattr(pipeline, "repair", lambda doc: [])  # without repairs the empty （三） fails E012
    code, _, err = run(root, "add-source", str(DOCUMENTS / "valid_one_sentence_items.txt"))
    assert code == 1 and "未导入" in err and "E012" in err
    assert digest(root) == before
    monkeypatch.undo()
    code, out, _ = run(root, "add-source", str(DOCUMENTS / "valid_one_sentence_items.txt"))
    assert code == 0 and "检查通过" in out
    assert lint_errors(root) == []


def test_the_readme_shows_the_real_dry_run_of_the_messy_document(tmp_path: Path) -> None:
    root = fresh(tmp_path)
    shutil.copy2(DOCUMENTS / "valid_messy_web.txt", root / "valid_messy_web.txt")
    code, out, _ = run(root, "ingest", "--dry-run", str(root / "valid_messy_web.txt"))
    assert code == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ cailiaoku ingest --dry-run valid_messy_web.txt\n", 1)[1].split("```", 1)[0]
    # This part's own lines must be exactly what the command prints (the reading's may be refined).
    mine = [line for line in block.splitlines() if line.startswith(("试运行", "== ", "文种：", "为通过检查", "提醒（"))
            or line.startswith("  “")]
    assert len(mine) >= 6
    assert [line for line in mine if line not in out.splitlines()] == []


def test_repair_on_its_own_whatever_the_parser_gives() -> None:
    """The repairs hold for any tree: heading-only leaf, empty node with children, repeats, open brackets."""
    P = Passage  # noqa: N806
    doc = Document("d-1", "某局2025年工作总结", "总结", 2025, "某局", "x.txt", gaps=[Gap("#4", None, "缺漏")], passages=[
        P("#0", "section", 1, "一、", "主要做法", ""),
        P("#1", "item", 2, "（一）", "加强理论学习", "", "#0"),
        P("#2", "item", 2, "（二）", "", "", "#0"),
        P("#3", "item", 3, "1.", "", "开设《学习专栏，推出报道 ", "#2"),
        P("#4", "para", 0, "", "", "持续深化理论学习，推动成果转化。", "#0"),
        P("#5", "para", 0, "", "", "持续深化理论学习，推动成果转化。", "#0"),
        P("#6", "section", 1, "二、", "存在问题", ""),
        P("#7", "para", 0, "", "", "持续深化理论学习，推动成果转化。", "#6"),
    ])
    notes = [str(n) for n in repair(doc)]
    by = doc.by_id()
    assert (by["#1"].heading, by["#1"].text) == ("", "加强理论学习")
    assert "#2" not in by and by["#3"].parent == "#0" and by["#3"].text == "开设《学习专栏，推出报道"
    assert by["#3"].warnings == ["W015"]
    assert "#5" not in by and "#7" not in by
    assert (by["#6"].heading, by["#6"].text) == ("", "存在问题")  # its only body was a repeat
    assert doc.gaps[0].after == "#4"
    assert notes == [
        "“1.开设《学习专栏，推出报道”：半角标点改全角、去掉多余空格",
        "“（一）加强理论学习”：只有一句话，作为正文保留（不作小标题）",
        "“（二）”：没有任何文字，已去掉",
        "“持续深化理论学习，推动成果转化。”：与前文重复，已去掉重复的一处",
        "“持续深化理论学习，推动成果转化。”：与前文重复，已去掉重复的一处",
        "“二、存在问题”：只有一句话，作为正文保留（不作小标题）",
        "“1.开设《学习专栏，推出报道”：原文中 《》 不成对，保留原样，记为提醒 W015",
    ]


def test_a_repeat_right_after_a_half_sentence_is_its_rest_and_no_words_are_lost() -> None:
    """A hard wrap the reader kept apart ("理论学习" / "…。") whose second half happens to equal an
    earlier paragraph: the halves are joined, not the second dropped as a copy (found by hypothesis)."""
    P = Passage  # noqa: N806
    doc = Document("d-1", "某局2025年工作总结", "总结", 2025, "某局", "x.txt", passages=[
        P("#0", "section", 1, "一、", "理论学习", ""),
        P("#1", "para", 0, "", "", "中心组专题研讨常态开展。", "#0"),
        P("#2", "para", 0, "", "", "深入推进", "#0"),
        P("#3", "para", 0, "", "", "中心组专题研讨常态开展。", "#0"),
        P("#4", "para", 0, "", "", "中心组专题研讨常态开展。", "#0"),
    ])
    notes = [str(n) for n in repair(doc)]
    assert [p.text for p in doc.passages] == ["", "中心组专题研讨常态开展。", "深入推进中心组专题研讨常态开展。"]
    assert notes == ["“深入推进”：断行的半句与下一行接成一段",
                     "“中心组专题研讨常态开展。”：与前文重复，已去掉重复的一处"]

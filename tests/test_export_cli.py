"""`cailiaoku export`: real passages → a GB/T 9704 .docx, checked with python-docx and LibreOffice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cailiaoku.compose.render import render
from cailiaoku.compose.spec import load_layout
from cailiaoku.library import load_library
from compose_docx import check_docx, convert_to_pdf, expected_pages, pdf_pages
from conftest import run_cli

SPEC = load_layout()
ORG = "县文化和旅游局"


@pytest.fixture(scope="module")
def texts(root: Path) -> dict[str, tuple[str, str]]:
    lib = load_library(root / "snippets")
    return {p.id: (p.heading, p.text) for _, p in lib.passages()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, root: Path) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("cli") / "草稿.docx"
    # Plan passages first and ids split three ways: placement follows the roles, not the order given.
    result = run_cli("export", "--ids", "iehswja,k92ruia", "--ids", "jhsnepn", "sntb288", "d7rgh5x",
                     "v9rs55k", "zq7ss7a", "--ids", "dpe6fwb spv3zkp t4sv52w",
                     "--org", ORG, "--year", "2025", "-o", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    return out, result.stdout


def test_paragraphs_in_order_with_numbering_regenerated(exported, texts) -> None:
    path, _ = exported
    body = check_docx(path)
    t = {k: v[1] for k, v in texts.items()}
    h = {k: v[0] for k, v in texts.items()}
    assert body == [
        ("GwTitle", f"{ORG}2025年意识形态工作总结"),
        ("GwBody", ""),
        ("GwBody", t["jhsnepn"].replace("2024年", "2025年").replace("，局在", f"，{ORG}在")),
        ("GwH1", "一、主要做法和成效"),
        ("GwH2", "（一）" + h["sntb288"]),
        ("GwBody", t["sntb288"]),
        ("GwBody", f"一是{h['d7rgh5x']}。" + t["d7rgh5x"].replace("《2024年", "《2025年")),
        ("GwBody", f"二是{h['v9rs55k']}。{t['v9rs55k']}"),
        ("GwBody", f"三是{h['zq7ss7a']}。{t['zq7ss7a']}"),  # was 一是 in its own document
        ("GwH1", "二、存在的问题"),
        ("GwBody", "一是" + t["dpe6fwb"]),
        ("GwBody", f"二是{h['spv3zkp']}。{t['spv3zkp']}"),
        ("GwH1", "三、下一步工作计划"),
        ("GwH2", "（一）" + h["iehswja"]),
        ("GwBody", t["iehswja"]),
        ("GwBody", f"1.{h['k92ruia']}。{t['k92ruia']}"),
        ("GwH2", "（二）" + h["t4sv52w"]),  # was （二） too, now after a 1. item
        ("GwBody", t["t4sv52w"]),
    ]
    assert "2025年，县文化和旅游局在上级党委" in body[2][1]


def test_reports_what_to_fill_in(exported) -> None:
    _, stdout = exported
    assert "已导出" in stdout and "18 个自然段（总结），约 3 页" in stdout
    assert "已把来源单位和年份替换为本单位、本年度：4 处" in stdout
    assert "d7rgh5x（发挥党委理论学习中心组的引导带动作用）：原文数字 15次" in stdout
    assert "v9rs55k" in stdout and "原文数字 180次" in stdout
    assert "zq7ss7a（强化全会精神领悟）：占位符 *" in stdout
    assert "k92ruia（强化正面宣传引导）：占位符 〔...〕" in stdout


def test_libreoffice_converts_to_expected_pages(exported) -> None:
    path, _ = exported
    assert pdf_pages(convert_to_pdf(path)) == expected_pages(check_docx(path)) == 3


def test_outline_file_sets_order_kind_and_own_text(tmp_path: Path, root: Path, texts) -> None:
    outline = tmp_path / "提纲.yaml"
    outline.write_text(
        "kind: 要点\norg: 县委宣传部\nyear: 2026\n"
        "sections:\n"
        "  - intro: true\n    blocks:\n      - text: 2026年，我部将继续做好意识形态工作。\n"
        "  - heading: 加强阵地建设\n    ids: [vynvbtj, y47qmtp]\n"
        "  - heading: 加强舆论引导\n    ids: [a3gu3av]\n"
        "    blocks:\n      - id: k92ruia\n        text: 改写过的正文。\n",
        encoding="utf-8")
    out = tmp_path / "要点.docx"
    result = run_cli("export", "--outline", str(outline), "-o", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    body = check_docx(out)
    assert body == [
        ("GwTitle", "县委宣传部2026年意识形态工作要点"),
        ("GwBody", ""),
        ("GwBody", "2026年，我部将继续做好意识形态工作。"),
        ("GwH1", "一、加强阵地建设"),
        ("GwBody", f"1.{texts['vynvbtj'][0]}。{texts['vynvbtj'][1]}"),
        ("GwBody", f"2.{texts['y47qmtp'][0]}。{texts['y47qmtp'][1]}"),
        ("GwH1", "二、加强舆论引导"),
        ("GwBody", f"3.{texts['a3gu3av'][0]}。{texts['a3gu3av'][1]}"),  # 要点: 1. runs on
        ("GwBody", f"4.{texts['k92ruia'][0]}。改写过的正文。"),
    ]
    assert pdf_pages(convert_to_pdf(out)) == expected_pages(body) == 2


def test_saved_browser_draft_exports_as_rendered(tmp_path: Path, root: Path) -> None:
    """A draft saved by the compose page (导出草稿) is accepted as --outline unchanged."""
    draft = json.loads((Path(__file__).parent / "compose_cases.json").read_text("utf-8"))["render"][0]["draft"]
    path = tmp_path / "草稿.json"
    path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "草稿.docx"
    result = run_cli("export", "--outline", str(path), "-o", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    body = check_docx(out)
    want = [("Gw" + {"title": "Title", "h1": "H1", "h2": "H2", "body": "Body"}[p["style"]],
             "".join(r["text"] for r in p["runs"])) for p in render(draft, SPEC)]
    assert body == want


def test_unknown_id_and_bad_outline_are_explained(tmp_path: Path, root: Path) -> None:
    result = run_cli("export", "--ids", "jhsnepn", "zzzzzzz", "-o", str(tmp_path / "x.docx"), cwd=root)
    assert result.returncode == 1
    assert "找不到段落 zzzzzzz" in result.stderr and "处理办法" in result.stderr
    assert not (tmp_path / "x.docx").exists()
    bad = tmp_path / "坏.json"
    bad.write_text('{"format": "cailiaoku-draft",\n "sections": [}', encoding="utf-8")
    result = run_cli("export", "--outline", str(bad), "-o", str(tmp_path / "y.docx"), cwd=root)
    assert result.returncode == 1
    assert f"{bad}:2" in result.stderr and "不是有效的 JSON" in result.stderr
    result = run_cli("export", "-o", str(tmp_path / "z.docx"), cwd=root)
    assert result.returncode == 1 and "没有要导出的段落" in result.stderr


def test_outline_file_gives_the_closing_parts(tmp_path: Path, root: Path) -> None:
    outline = tmp_path / "提纲.yaml"
    outline.write_text(
        "kind: 总结\norg: 县委宣传部\nyear: 2025\nrecipient: 各科室\ndate: 2025年12月31日\nseal: true\n"
        "attachments: [宣传台账]\nsections:\n  - heading: 主要做法\n    blocks:\n      - text: 我部扎实推进各项工作。\n",
        encoding="utf-8")
    out = tmp_path / "总结.docx"
    result = run_cli("export", "--outline", str(outline), "--signature", "中共某某县委宣传部", "-o", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    body = check_docx(out)
    assert body[2] == ("GwFlush", "各科室：")
    assert [t for _, t in body[-6:]] == ["", "附件：宣传台账", "", "", "中共某某县委宣传部", "2025年12月31日"]

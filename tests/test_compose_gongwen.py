"""GB/T 9704 elements in the exported .docx, opened with python-docx / the XML and rendered by
LibreOffice once for all drafts: 主送机关, 附件说明, 落款 (with and without seal), titles broken
between words in a trapezoid or diamond, the page-number dash 7 mm below the type area."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from cailiaoku.compose.draft import new_draft
from cailiaoku.compose.export import build_docx
from cailiaoku.compose.spec import load_layout
from cailiaoku.compose.titlebreak import jieba_words, title_lines, units
from compose_docx import check_docx

SPEC = load_layout()
CASES = json.loads((Path(__file__).parent / "compose_cases.json").read_text(encoding="utf-8"))
PITCH_PT = 156 / 28 / 25.4 * 72  # one body character on the 28-character grid
LEFT_PT = 28 / 25.4 * 72  # left margin
ORG = "县文化和旅游局"
TITLES = [
    "县文化和旅游局关于进一步加强新时代网络意识形态阵地建设管理的实施方案",
    "中共某某县委宣传部2025年意识形态工作责任制落实情况的自查报告",
    "市人大常委会办公室2025年意识形态工作总结和2026年工作计划",
]
BODY = [{"heading": "主要做法", "intro": False, "blocks": [
    {"id": "", "doc": "", "org": "", "year": None, "level": 2, "heading": "加强理论学习", "text": "我局扎实推进各项工作。"}]}]


def draft(title: str = "", **meta) -> dict:
    return new_draft("总结", BODY, org=ORG, year=2025, title=title, **meta)


DRAFTS = {
    "noseal": draft(recipient="局属各单位", attachments=["2025年宣传工作台账。", "舆情处置流程"],
                    date="2025年12月20日"),
    "seal": draft(signature="县文化和旅游局办公室", date="2025年12月2日", seal=True),
    **{f"title{i}": draft(t) for i, t in enumerate(TITLES)},
}


def render_pdfs(paths: list[Path]) -> None:
    """One LibreOffice run for every draft (a few seconds each otherwise)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "没有 LibreOffice：请先运行 bash scripts/setup.sh --test"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(paths[0].parent), *map(str, paths)],
                       capture_output=True, timeout=300, check=True, env={"HOME": profile, "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("gongwen")
    paths = {}
    for name, d in DRAFTS.items():
        paths[name] = folder / f"{name}.docx"
        paths[name].write_bytes(build_docx(d, SPEC))
    render_pdfs(list(paths.values()))
    return paths


def words(pdf: Path, page: int = 1) -> list[tuple[float, float, float, float, str]]:
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml)]


def line_texts(pdf: Path) -> list[str]:
    return subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.splitlines()


def ind(paragraph) -> dict[str, str]:
    el = paragraph._p.pPr.find(qn("w:ind"))
    return {k.split("}")[1]: v for k, v in el.attrib.items()} if el is not None else {}


def test_layout_keep_with_next_fonts_and_properties(exported) -> None:
    for path in exported.values():
        body = check_docx(path)  # styles, digits' fonts, keep-with-next, footer, core properties
        assert body[0][0] == "GwTitle"


def test_recipient_attachments_and_closing_without_seal(exported) -> None:
    document = docx.Document(str(exported["noseal"]))
    texts = [(p.style.style_id, p.text) for p in document.paragraphs]
    assert texts[2] == ("GwFlush", "局属各单位：") and not ind(document.paragraphs[2])  # 7.3.3 顶格, 冒号
    at = [t for _, t in texts].index("附件：1.2025年宣传工作台账")  # 7.3.4: no end punctuation
    assert texts[at - 1] == ("GwBody", "") and texts[at + 1] == ("GwFlush", "2.舆情处置流程")
    pitch = SPEC["derived"]["char_pitch_twips"]
    first, second = document.paragraphs[at], document.paragraphs[at + 1]
    assert ind(first)["left"] == str(round(6 * pitch)) and ind(first)["hanging"] == str(round(4 * pitch))
    assert ind(second)["left"] == str(round(6 * pitch)) and ind(second)["hanging"] == str(round(1 * pitch))
    # 7.3.5.2: one blank line, signature 右空二字, date two characters right of it; the date
    # (7 characters) is as long as 县文化和旅游局, so both move left and the date ends two from the right.
    assert [t for _, t in texts[-3:]] == ["", ORG, "2025年12月20日"]
    sig, date = document.paragraphs[-2], document.paragraphs[-1]
    assert ind(sig)["left"] == str(round(17 * pitch)) and ind(date)["left"] == str(round(19 * pitch))
    pdf = exported["noseal"].with_suffix(".pdf")
    found = words(pdf)
    sig = max((w for w in found if w[4].startswith("县文化和旅游局")), key=lambda w: w[1])
    date = max((w for w in found if w[4].startswith("2025")), key=lambda w: w[1])
    assert date[1] > sig[1]  # the date line under the signature
    sig_x, date_x = sig[0], date[0]
    assert abs(sig_x - (LEFT_PT + 17 * PITCH_PT)) < 2 and abs(date_x - sig_x - 2 * PITCH_PT) < 2


def test_closing_with_seal(exported) -> None:
    document = docx.Document(str(exported["seal"]))
    texts = [p.text for p in document.paragraphs]
    assert texts[-4:] == ["", "", "县文化和旅游局办公室", "2025年12月2日"]  # room for the seal
    pitch = SPEC["derived"]["char_pitch_twips"]
    # 7.3.5.1: date 右空四字 (6.5 characters: 28 − 4 − 6.5 = 17.5), signature centred on it
    assert ind(document.paragraphs[-1])["left"] == str(round(17.5 * pitch))
    assert ind(document.paragraphs[-2])["left"] == str(round((17.5 + (6.5 - 10) / 2) * pitch))


@pytest.mark.parametrize("case", CASES["title_lines"], ids=lambda c: c["title"])
def test_title_line_cases(case: dict) -> None:
    got = title_lines(case["title"], case["words"], case["keep"], case["max"], SPEC["title"])
    assert got == case["expected"]


def test_long_titles_break_between_words(exported) -> None:
    for i, title in enumerate(TITLES):
        document = docx.Document(str(exported[f"title{i}"]))
        lines = document.paragraphs[0].text.split("\n")
        assert "".join(lines) == title and len(lines) >= 2
        cuts, pos = set(), 0
        for w in jieba_words(title):
            pos += len(w)
            cuts.add(pos)
        pos = 0
        for line in lines[:-1]:
            pos += len(line)
            assert pos in cuts, (title, lines)  # a jieba word boundary
        assert ORG not in title or any(ORG in line for line in lines)
        lengths = [units(line) for line in lines]
        top = lengths.index(max(lengths))
        trapezoid = lengths == sorted(lengths) or lengths == sorted(lengths, reverse=True)
        diamond = lengths[:top + 1] == sorted(lengths[:top + 1]) and lengths[top:] == sorted(lengths[top:], reverse=True)
        assert trapezoid or diamond, lengths
        # LibreOffice keeps exactly these lines: no further wrap inside a word.
        rendered = [t.replace(" ", "") for t in line_texts(exported[f"title{i}"].with_suffix(".pdf"))[:len(lines)]]
        assert rendered == lines, (rendered, lines)


def test_page_number_dash_7mm_below_type_area(exported) -> None:
    """Measured on the rendered page: the dash's ink, not the line box."""
    pdf = exported["noseal"].with_suffix(".pdf")
    png = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "254", "-gray", "-singlefile", str(pdf), str(png)],
                   check=True)
    data = Path(str(png) + ".pgm").read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    width, height = int(header.group(1)), int(header.group(2))
    pixels = data[header.end():]
    per_mm = height / 297
    rows = [y for y in range(int(262 * per_mm), int(290 * per_mm))
            if sum(1 for x in range(width // 2, width) if pixels[y * width + x] < 128) > 20]
    assert rows, "页码没有渲染出来"
    dash_mm = (min(rows) + max(rows)) / 2 / per_mm - (297 - 35)
    assert abs(dash_mm - 7) < 1.0, dash_mm

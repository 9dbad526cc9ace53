"""Real office files made once per test session: python-docx documents, converted by LibreOffice
(one soffice run per target format, all inputs batched) into .doc, .odt, .rtf and .pdf."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document as NewDocx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from samples import SOURCES

NUMBERED_TITLE = "县文旅局2025年宣传思想文化工作要点"
NUMBERED_ITEMS = [
    "强化理论武装。认真落实理论学习中心组学习制度，全年集中学习不少于12次。",
    "加强阵地建设。严格落实“三审三校”制度，加强对门户网站和政务新媒体的管理。",
    "深化文明创建。广泛开展志愿服务活动，培育和践行社会主义核心价值观。",
]
NUMBERED_END = "以上要点，请各股室结合实际抓好落实。"
HEADER = "某某县文化和旅游局"


def _page_field(paragraph: object) -> None:
    """A footer with Word's PAGE field, so every PDF page prints its number."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)


def numbered_docx(path: Path) -> Path:
    """Title, Word list numbering (List Number) and a table."""
    document = NewDocx()
    document.add_paragraph(NUMBERED_TITLE)
    for item in NUMBERED_ITEMS:
        document.add_paragraph(item, style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"  # with widths, so the .doc export keeps it a table
    for (r, c), text in {(0, 0): "项目", (0, 1): "次数", (1, 0): "集中学习", (1, 1): "12"}.items():
        table.cell(r, c).text = text
        table.cell(r, c).width = Cm(5)
    document.add_paragraph(NUMBERED_END)
    document.save(str(path))
    return path


def sample_docx(src: Path, path: Path) -> Path:
    """A bundled sample as .docx with a running header and page-number footer."""
    document = NewDocx()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    _page_field(section.footer.paragraphs[0])
    for line in src.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    document.save(str(path))
    sidecar = src.with_suffix(".yaml")
    if sidecar.exists():
        shutil.copy(sidecar, path.with_suffix(".yaml"))
    return path


def soffice(target: str, inputs: list[Path], outdir: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--convert-to", target, "--outdir", str(outdir), *map(str, inputs)],
            check=True, capture_output=True, timeout=300,
        )


def image_only_pdf(path: Path) -> Path:
    """A 'scanned' page: a picture of text with no text layer (Pillow writes the PDF)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(image)
    for y in range(80, 760, 24):
        draw.rectangle((60, y, 535, y + 10), fill="black")
    image.save(path, "PDF", resolution=72)
    return path


@dataclass
class OfficeFiles:
    folder: Path
    numbered: Path  # .docx; .doc/.odt/.rtf/.wps beside it
    samples: dict[str, Path]  # doc id → .docx with header/footer; .pdf beside it
    scanned: Path

    def numbered_as(self, suffix: str) -> Path:
        return self.numbered.with_suffix(suffix)


def make_office_files(folder: Path) -> OfficeFiles:
    numbered = numbered_docx(folder / "numbered.docx")
    samples = {doc_id: sample_docx(src, folder / f"{doc_id}.docx") for doc_id, src in SOURCES.items()}
    soffice("doc", [numbered], folder)
    soffice("odt", [numbered], folder)
    soffice("rtf", [numbered], folder)
    soffice("pdf", [numbered, *samples.values()], folder)
    # WPS 文字 .wps files are Word-97 binaries; LibreOffice detects them by content.
    shutil.copy(numbered.with_suffix(".doc"), numbered.with_suffix(".wps"))
    return OfficeFiles(folder, numbered, samples, image_only_pdf(folder / "scanned.pdf"))

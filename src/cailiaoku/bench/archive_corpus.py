"""An invented office archive for tests and benchmarks: distinct documents (seeded), written as
.txt in several encodings, .docx (python-docx), .doc/.odt/.rtf/.wps/.pdf (LibreOffice, one
batched run per format), .html/.mhtml, plus the duplicates, damaged and stray files a real
archive has. Every file's expected outcome is recorded."""

from __future__ import annotations

import html
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

ORGS = ["县民政局", "市司法局", "区教育局", "县文旅局", "市统计局", "区卫健委", "县水利局", "市交通运输局",
        "区住建局", "县农业农村局", "市医保局", "区应急管理局"]
TOPICS = ["意识形态", "党建", "宣传思想", "精神文明建设", "理论学习", "网络安全", "作风建设"]
KINDS = [("工作总结", 0), ("工作计划", 1), ("工作要点", 1), ("述职报告", 0)]
SECTIONS = [("主要做法", "坚持"), ("存在问题", "仍有"), ("下一步打算", "将")]
SUBJECTS = ["局党组", "机关党委", "各股室", "领导班子", "全体干部", "党员队伍", "青年干部", "基层单位"]
ACTIONS = ["认真落实", "深入推进", "持续完善", "扎实开展", "严格执行", "统筹抓好", "不断加强", "全面提升"]
OBJECTS = ["理论学习中心组学习制度", "意识形态工作责任制", "“三审三校”制度", "政务新媒体管理", "主题党日活动",
           "干部教育培训", "网络舆情研判", "志愿服务活动", "廉政风险防控", "宣传阵地建设", "文明单位创建",
           "“三会一课”制度", "调查研究", "信息报送工作", "新闻发布工作", "谈心谈话制度"]
RESULTS = ["取得明显成效", "形成长效机制", "群众满意度持续提升", "各项任务按期完成", "工作合力进一步增强",
           "基础更加扎实", "氛围更加浓厚", "短板弱项逐步补齐"]
CN = "一二三四五六七八九十"


@dataclass
class Doc:
    title: str
    lines: list[str]
    year: int
    org: str

    @property
    def text(self) -> str:
        return "\n".join([self.title, *self.lines]) + "\n"


@dataclass
class Archive:
    folder: Path
    expected: dict[str, str] = field(default_factory=dict)  # path under folder → outcome
    twins: dict[str, str] = field(default_factory=dict)  # duplicate → the copy kept

    def add(self, rel: str, outcome: str) -> Path:
        self.expected[rel] = outcome
        path = self.folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


def _sentence(rng: random.Random, n: int) -> str:
    return (f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，全年开展相关活动{rng.randint(2, 60)}次，"
            f"覆盖干部群众{rng.randint(100, 9999)}人次，{rng.choice(RESULTS)}（第{n}项）。")


def invent(seed: int, title_year: bool = True) -> Doc:
    rng = random.Random(seed)
    org, topic = rng.choice(ORGS), rng.choice(TOPICS)
    kind, _ = rng.choice(KINDS)
    year = 2019 + seed % 7
    title = f"{org}{year}年{topic}{kind}" if title_year else f"{topic}{kind}"
    lines = [f"{year}年，{org}坚持以习近平新时代中国特色社会主义思想为指导，围绕{topic}工作扎实推进，现报告如下。"]
    for s, (name, _) in enumerate(SECTIONS):
        lines.append(f"{CN[s]}、{name}")
        for i in range(rng.randint(2, 4)):
            head = f"{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}"
            body = "".join(_sentence(rng, seed * 100 + s * 10 + i * 3 + k) for k in range(rng.randint(2, 4)))
            lines.append(f"（{CN[i]}）{head}。{body}")
    return Doc(title, lines, year, org)


def web_page(doc: Doc) -> str:
    body = "\n".join(f"<p>{html.escape(x)}</p>" for x in doc.lines)
    nav = "".join(f'<li><a href="/c{i}">{n}</a></li>' for i, n in enumerate(["首页", "工作总结", "工作计划", "述职报告"]))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(doc.title)}_范文网</title></head>'
            f'<body><ul class="nav">{nav}</ul><div class="crumbs">当前位置：首页 &gt; 正文</div>'
            f'<div class="article"><h1>{html.escape(doc.title)}</h1><div class="content">{body}</div></div>'
            '<div class="side"><h3>相关文章</h3><ul><li><a href="/x">2023年工作总结范文（精选10篇）</a></li></ul></div>'
            '<div class="footer">版权所有 © 范文网 京ICP备12345678号</div></body></html>')


def mhtml(markup: str) -> bytes:
    message = MIMEMultipart("related", type="text/html")
    message["Snapshot-Content-Location"] = "http://fanwen.example/1.html"
    message.attach(MIMEText(markup, "html", "utf-8"))
    return message.as_bytes()


def docx(doc: Doc, path: Path) -> Path:
    from docx import Document as NewDocx

    d = NewDocx()
    for line in [doc.title, *doc.lines]:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def soffice(target: str, inputs: list[Path], outdir: Path) -> None:
    if not inputs:
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", target, "--outdir", str(outdir), *map(str, inputs)],
                       check=True, capture_output=True, timeout=900)


FORMATS = ["txt", "docx", "gbk.txt", "pdf", "doc", "html", "utf16.txt", "odt", "md", "mhtml", "rtf",
           "wps"]
_OFFICE = {"doc": "doc", "odt": "odt", "rtf": "rtf", "pdf": "pdf", "wps": "doc"}


def _write_text_form(doc: Doc, form: str, path: Path) -> None:
    if form == "gbk.txt":
        path.write_bytes(doc.text.encode("gbk"))
    elif form == "utf16.txt":
        path.write_bytes(doc.text.encode("utf-16"))  # with BOM
    elif form == "html":
        path.write_text(web_page(doc), encoding="utf-8")
    elif form == "mhtml":
        path.write_bytes(mhtml(web_page(doc)))
    else:
        path.write_text(doc.text, encoding="utf-8")


def make_archive(folder: Path, unique: int = 48, seed: int = 0) -> Archive:
    """`unique` invented documents in mixed formats, plus ~16 duplicates, damaged and stray files."""
    arc = Archive(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="cailiaoku-archive-"))
    pending: dict[str, list[tuple[Path, Path]]] = {}  # soffice target → (docx, destination)
    docs: list[tuple[str, Doc]] = []
    try:
        for n in range(unique):
            in_meta = n % 10 == 9  # a unit's folder whose _meta.yaml gives org and year
            doc = invent(seed * 100000 + n, title_year=not in_meta)
            form = FORMATS[n % len(FORMATS)]
            sub = "某某县档案室" if in_meta else f"{doc.year}年"
            suffix = form.split(".")[-1]
            rel = f"{sub}/{n:03d}-{doc.title if not in_meta else doc.title + str(n)}.{suffix}"
            path = arc.add(rel, "新建")
            if in_meta:
                (folder / sub / "_meta.yaml").write_text(f"org: {ORGS[0]}\nyear: 2022\n", encoding="utf-8")
            docs.append((rel, doc))
            if form == "docx":
                docx(doc, path)
            elif form in _OFFICE:
                pending.setdefault(_OFFICE[form], []).append((docx(doc, staging / f"{n:03d}.docx"), path))
            else:
                _write_text_form(doc, form, path)
        _extras(arc, docs, staging, pending)
        for target, pairs in pending.items():
            out = staging / f"out-{target}"
            soffice(target, [src for src, _ in pairs], out)
            for src, dest in pairs:
                shutil.move(str(out / f"{src.stem}.{target}"), dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return arc


def _extras(arc: Archive, docs: list[tuple[str, Doc]], staging: Path,
            pending: dict[str, list[tuple[Path, Path]]]) -> None:
    txt = next((rel, d) for rel, d in docs if rel.endswith(".txt") and "档案室" not in rel)
    arc.add("副本/" + Path(txt[0]).name.replace(".txt", "（副本）.txt"), "重复").write_bytes(
        (arc.folder / txt[0]).read_bytes())
    arc.twins["副本/" + Path(txt[0]).name.replace(".txt", "（副本）.txt")] = txt[0]
    word = next((rel, d) for rel, d in docs if rel.endswith(".docx"))
    pdf_rel = "收文/" + Path(word[0]).stem + ".pdf"
    pending.setdefault("pdf", []).append((docx(word[1], staging / "twin.docx"), arc.add(pdf_rel, "重复")))
    arc.twins[pdf_rel] = word[0]
    near = txt[1].text.replace("（第", "（第 ", 1).replace("现报告如下", "现将有关情况报告如下")
    arc.add("副本/修改稿.txt", "重复").write_text(near, encoding="utf-8")
    arc.twins["副本/修改稿.txt"] = txt[0]
    arc.add("损坏/残缺.docx", "跳过").write_bytes(b"PK\x03\x04\x14\x00\x00\x00truncated")
    arc.add("损坏/乱码.doc", "跳过").write_bytes(random.Random(7).randbytes(3000))
    arc.add("损坏/残缺.pdf", "跳过").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")
    arc.add("损坏/空白.txt", "跳过").write_bytes(b"")
    _scanned_pdf(arc.add("收文/扫描件.pdf", "跳过"))
    for rel in ("~$草稿.docx", "收文/.~lock.报告.docx#", "备份.tmp", ".DS_Store", "照片.jpg", "统计表.xlsx"):
        arc.add(rel, "忽略").write_bytes(b"\x00not a document")
    hidden = arc.folder / ".svn" / "entries.txt"  # a hidden folder is not entered at all
    hidden.parent.mkdir(exist_ok=True)
    hidden.write_text("县民政局2024年工作总结\n", encoding="utf-8")


def _scanned_pdf(path: Path) -> None:
    """A page that is only a picture, as a scanner makes it (Pillow writes the PDF)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (595, 842), 255)
    draw = ImageDraw.Draw(image)
    for y in range(80, 760, 24):
        draw.rectangle((60, y, 535, y + 10), fill=0)
    image.save(path, "PDF", resolution=72)

"""The ingest benchmark's corpus: distinct synthetic documents (cailiaoku.bench.library, no two
alike) as users really bring them (plain text, web copies with banners and footers, PDF copies
with hard wraps and page numbers), plus the invented messy documents of the tests, once each."""

from __future__ import annotations

from pathlib import Path

WRAP = 30
_WEB_HEAD = ["公文素材库_范文下载", "首页 > 工作总结 > 意识形态", "上传者：笔耕不辍    上传时间：2024-12-20 09:15",
             "本文共3860字，阅读大约需要9分钟", "VIP会员专享下载"]
_WEB_TAIL = ["标签：意识形态 工作总结", "上一篇：党建工作总结", "下一篇：宣传思想工作计划", "相关推荐",
             "2024年宣传思想工作总结", "党支部意识形态工作计划", "版权所有 © 2024 公文素材库", "京ICP备12345678号-1",
             "免责声明：本站部分内容来自网络，仅供学习交流使用，如有侵权请联系删除。"]


def as_web_copy(text: str) -> str:
    return "\n".join([*_WEB_HEAD, text, *_WEB_TAIL])


def as_pdf_copy(text: str) -> str:
    """Every line cut at WRAP characters, a page number every 40 lines."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(line[i:i + WRAP] for i in range(0, max(len(line), 1), WRAP))
        if len(out) % 40 < len(line) // WRAP + 1:
            out.extend(["", f"- {len(out) // 40 + 1} -", ""])
    return "\n".join(out)


def read_any(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def messy_documents(project_root: Path) -> list[Path]:
    folder = project_root / "tests" / "documents"
    return sorted(p for p in folder.glob("read_*") if p.suffix in (".txt", ".md")) if folder.is_dir() else []


def distinct_corpus(folder: Path, min_bytes: int, messy: list[Path], seed: int = 11) -> list[Path]:
    """Distinct documents written to `folder` until min_bytes of UTF-8 text: the messy documents,
    then synthetic ones in turn as plain text, web copies and PDF copies."""
    from .library import Generator, bundled_library, source_text

    out: list[Path] = []
    size = 0
    for src in messy:
        dest = folder / src.name
        dest.write_bytes(src.read_bytes())
        out.append(dest)
        size += len(read_any(src).encode("utf-8"))
    gen = Generator(bundled_library(), seed)
    n = 0
    while size < min_bytes:
        doc = gen.document(n, 10**6)
        text = source_text(doc)
        text = (text, as_web_copy(text), as_pdf_copy(text))[n % 3]
        dest = folder / f"{doc.year}-{doc.org}-{n:04d}.txt"
        dest.write_text(text, encoding="utf-8")
        out.append(dest)
        size += len(text.encode("utf-8"))
        n += 1
    return out

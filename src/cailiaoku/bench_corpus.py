"""The ingest benchmark's corpus: the samples, and the same text as users really bring it
(web copies with banners and footers, PDF copies with hard wraps and page numbers), plus the
invented messy documents of the tests."""

from __future__ import annotations

import random
from pathlib import Path

WRAP = 30
_WEB_HEAD = ["公文素材库_范文下载", "首页 > 工作总结 > 意识形态", "上传者：笔耕不辍    上传时间：2024-12-20 09:15",
             "本文共3860字，阅读大约需要9分钟", "VIP会员专享下载"]
_WEB_TAIL = ["标签：意识形态 工作总结", "上一篇：党建工作总结", "下一篇：宣传思想工作计划", "相关推荐",
             "2024年宣传思想工作总结", "党支部意识形态工作计划", "版权所有 © 2024 公文素材库", "京ICP备12345678号-1",
             "免责声明：本站部分内容来自网络，仅供学习交流使用，如有侵权请联系删除。"]


def vary(text: str, n: int) -> str:
    """Shuffle the sentences after each line's first one, so no passage text repeats across copies
    (segmentation is cached per distinct string; repeats would flatter the figures)."""
    rng = random.Random(n)
    lines = []
    for line in text.split("\n"):
        sentences = [x for x in line.split("。") if x]
        head, rest = sentences[:1], sentences[1:]
        rng.shuffle(rest)
        lines.append("。".join(head + rest) + ("。" if line.endswith("。") else ""))
    return "\n".join(lines).replace("2024", str(2000 + n % 25))


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


def make_corpus(sources: list[Path], messy: list[Path], folder: Path, min_bytes: int) -> list[Path]:
    """Varied copies until min_bytes: samples as given, as web copies and as PDF copies (each with
    its sidecar), and the messy documents bare."""
    out: list[Path] = []
    size, n = 0, 0
    while size < min_bytes:
        for src in [*sources, *messy]:
            text = vary(read_any(src), n)
            if src in sources:
                text = (text, as_web_copy(text), as_pdf_copy(text))[n % 3]
            dest = folder / f"{n:04d}-{src.stem}{src.suffix if src in messy else '.txt'}"
            dest.write_text(text, encoding="utf-8")
            sidecar = src.with_suffix(".yaml")
            if src in sources and sidecar.exists():
                lines = [ln for ln in sidecar.read_text(encoding="utf-8").splitlines() if not ln.startswith("id:")]
                dest.with_suffix(".yaml").write_text("\n".join([f"id: bench-{n:04d}", *lines]) + "\n",
                                                     encoding="utf-8")
            out.append(dest)
            size += len(text.encode("utf-8"))
            n += 1
    return out

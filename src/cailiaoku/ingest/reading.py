"""Read a source file into lines of text: encoding detection and .docx paragraphs."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
DOCX_SUFFIXES = {".docx"}


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) or GB18030, detected from the bytes themselves."""
    if not data.strip():
        raise SourceError("文件是空的", path=path, hint="确认选对了文件，或先在文件里写入范文内容。")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096] or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(
            "文件像是二进制文件或 UTF-16 编码，无法当作文本读取",
            path=path,
            hint="请另存为 UTF-8 或 GB18030 编码的 .txt，或直接使用 .docx。",
        )
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise SourceError(
        "无法识别文件编码（既不是 UTF-8 也不是 GB18030）",
        path=path,
        hint="请用记事本或 WPS 将文件另存为 UTF-8 编码后再导入。",
    )


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls <= max(2, len(text) // 1000)


def read_docx(path: Path) -> list[str]:
    """Paragraphs in order; Word's automatic list numbering is written out as text."""
    from docx import Document as open_docx  # imported lazily: only .docx needs it

    try:
        document = open_docx(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise SourceError(
            f"无法打开 Word 文件（文件可能已损坏或不完整）：{exc}",
            path=path,
            hint="在 Word/WPS 中打开并另存为 .docx 后重试。",
        ) from exc
    from .docx_numbering import NumberingResolver

    resolver = NumberingResolver(document)
    lines = []
    for paragraph in document.paragraphs:
        text = paragraph.text
        prefix = resolver.label(paragraph)
        lines.append(prefix + text if prefix else text)
    if not any(line.strip() for line in lines):
        raise SourceError("Word 文件里没有文字", path=path, hint="确认文件内容不是图片或文本框。")
    return lines


def read_source(path: Path) -> list[str]:
    """Return the file's lines (without line ends)."""
    if not path.is_file():
        raise SourceError("找不到文件", path=path, hint="检查文件路径是否写对。")
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        return read_docx(path)
    if suffix not in TEXT_SUFFIXES:
        raise SourceError(
            f"不支持的文件类型“{suffix or '无扩展名'}”",
            path=path,
            hint="支持 .txt、.md（UTF-8 或 GB18030 编码）和 .docx。",
        )
    text = decode(path.read_bytes(), str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

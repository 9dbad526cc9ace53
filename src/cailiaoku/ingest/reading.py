"""Read a source file into lines of text, each format through the library made for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError
from ..paths import checked_file
from .convert import LIBREOFFICE_SUFFIXES, convert_one
from .encoding import decode_bytes, to_simplified
from .html import HTML_SUFFIXES, MHTML_SUFFIXES, read_html
from .lines import SourceText
from .pdf import PDF_SUFFIXES, read_pdf

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
DOCX_SUFFIXES = {".docx"}
DOCUMENT_SUFFIXES = (TEXT_SUFFIXES | DOCX_SUFFIXES | LIBREOFFICE_SUFFIXES | PDF_SUFFIXES
                     | HTML_SUFFIXES | MHTML_SUFFIXES)


@dataclass(frozen=True)
class ReadOptions:
    to_simplified: bool = False  # traditional (Big5) text → simplified by OpenCC
    cache: Path | None = None  # where LibreOffice's .docx conversions are kept


def decode(data: bytes, path: str) -> str:
    """UTF-8 (±BOM), GB18030/GBK, Big5 or BOM-marked UTF-16, detected from the bytes."""
    return decode_bytes(data, path).text


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_encrypted_office(path: Path) -> bool:
    """A password-protected .docx is not a zip but an OLE container holding an EncryptionInfo
    stream (MS-OFFCRYPTO); its directory names are UTF-16."""
    with path.open("rb") as fh:
        if fh.read(len(_OLE_MAGIC)) != _OLE_MAGIC:
            return False
        return "EncryptionInfo".encode("utf-16-le") in fh.read()


def read_docx(path: Path) -> list[str]:
    """Paragraphs and tables in order; Word's automatic list numbering is written out as text
    and each line remembers its list level, Title style or table origin (lines.SourceText)."""
    from docx import Document as open_docx  # imported lazily: only .docx needs it

    if is_encrypted_office(path):
        raise SourceError("Word 文件设有打开密码（已加密），无法读取", path=path,
                          hint="在 Word/WPS 中输入密码打开，取消“用密码进行加密”后另存为 .docx 再导入。")
    try:
        document = open_docx(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise SourceError(
            f"无法打开 Word 文件（文件可能已损坏或不完整）：{exc}",
            path=path,
            hint="在 Word/WPS 中打开并另存为 .docx 后重试。",
        ) from exc
    from .docx_reading import docx_lines  # list levels by style/ilvl, Title style, tables

    lines = docx_lines(document)
    if not any(line.strip() for line in lines):
        raise SourceError("Word 文件里没有文字", path=path, hint="确认文件内容不是图片或文本框。")
    return lines


def _read_lines(path: Path, options: ReadOptions) -> list[str]:
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        return read_docx(path)
    if suffix in LIBREOFFICE_SUFFIXES:
        return _legible(read_docx(convert_one(path, options.cache)), path)
    if suffix in PDF_SUFFIXES:
        return read_pdf(path)
    if suffix in HTML_SUFFIXES | MHTML_SUFFIXES:
        return read_html(path)
    if suffix not in TEXT_SUFFIXES:
        raise SourceError(
            f"不支持的文件类型“{suffix or '无扩展名'}”",
            path=path,
            hint="支持 .txt、.md、.docx、.doc、.wps、.rtf、.odt、.pdf、.html、.mhtml。",
        )
    text = decode(path.read_bytes(), str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _legible(lines: list[str], path: Path) -> list[str]:
    """LibreOffice imports a damaged file as raw text: refuse what is mostly not Chinese/ASCII."""
    text = "".join(lines)
    readable = sum(1 for ch in text if ch < "\u0250" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    if text and readable < 0.9 * len(text):
        raise SourceError("文件内容像是乱码（文件可能已损坏）", path=path,
                          hint="在 Word/WPS 中打开确认，另存为 .docx 后重试。")
    return lines


def read_source(path: Path, options: ReadOptions | None = None) -> list[str]:
    """Return the file's lines (without line ends)."""
    checked_file(path)  # a folder, FIFO, dangling link or loop each get their own message
    options = options or ReadOptions()
    lines = _read_lines(path, options)
    if options.to_simplified:
        converted = to_simplified("\n".join(lines)).split("\n")
        # Word lines keep what Word said about them (list level, Title style, table).
        lines = [old.retext(new, to_simplified) if isinstance(old, SourceText) else new
                 for old, new in zip(lines, converted, strict=True)] if len(converted) == len(lines) else converted
    return lines

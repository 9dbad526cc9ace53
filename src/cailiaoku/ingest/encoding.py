"""Bytes → text for Chinese documents: BOMs, UTF-8, GB18030/GBK, Big5 (charset-normalizer)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..errors import SourceError

# Only encodings a Chinese office actually produces; anything else is refused, not guessed.
CHINESE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "cp950"]
TRADITIONAL = {"big5", "big5hkscs", "cp950"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str

    @property
    def traditional(self) -> bool:
        return self.encoding in TRADITIONAL


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls <= max(2, len(text) // 1000)


def _unknown(path: str) -> SourceError:
    return SourceError(
        "无法识别文件编码（不是 UTF-8、GB18030/GBK、Big5，也不是带 BOM 的 UTF-16）",
        path=path,
        hint="请用记事本或 WPS 将文件另存为 UTF-8 编码后再导入。",
    )


def _guess_chinese(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 files need it

    best = from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
    return best.encoding if best is not None else None


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Detect the encoding from the bytes themselves; refuse what is not Chinese text."""
    if not data.strip():
        raise SourceError("文件是空的", path=path, hint="确认选对了文件，或先在文件里写入范文内容。")
    bom = _bom_encoding(data)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            raise _unknown(path) from exc
        text = text.lstrip("\ufeff")
        if not text.strip():
            raise SourceError("文件是空的", path=path, hint="确认选对了文件，或先在文件里写入范文内容。")
        return Decoded(text, bom.removesuffix("-sig"))
    if b"\x00" in data[:4096]:
        raise SourceError(
            "文件像是二进制文件或不带 BOM 的 UTF-16 编码，无法当作文本读取",
            path=path,
            hint="请另存为 UTF-8 或 GB18030 编码的 .txt，或直接使用 .docx。",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        encoding = _guess_chinese(data)
        if encoding is None:
            raise _unknown(path) from None
        text = data.decode(encoding)
    else:
        encoding = "utf-8"
    if not _looks_like_text(text):
        raise _unknown(path)
    return Decoded(text, encoding)


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese by OpenCC (phrase-level, not char-by-char)."""
    import opencc  # lazy: only asked for with --to-simplified

    return opencc.OpenCC("t2s").convert(text)

"""The data that flows through cailiaoku: documents and their passages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ROLES: dict[str, str] = {
    "overview": "总体情况",
    "achievement": "主要做法",
    "problem": "存在问题",
    "plan": "下一步计划",
}
_ROLE_BY_NAME = {name: code for code, name in ROLES.items()}


def role_code(value: str) -> str | None:
    """The role code for a code or a Chinese name (主要做法 → achievement); None if unknown."""
    value = value.strip()
    if value in ROLES:
        return value
    return _ROLE_BY_NAME.get(value)


# Document furniture kept as metadata, not passages: YAML field → Chinese name.
FURNITURE: dict[str, str] = {
    "copy_number": "份号",
    "secrecy": "密级和保密期限",
    "urgency": "紧急程度",
    "masthead": "发文机关标志",
    "cover": "印发通知",
    "doc_number": "文号",
    "signer": "签发人",
    "addressee": "主送机关",
    "salutation": "称呼",
    "reporter": "述职人",
    "speaker": "讲话人",
    "closing": "结束语",
    "issuer": "落款单位",
    "date": "成文日期",
    "note": "附注",
    "contact": "联系人",
    "cc": "抄送",
    "attachments": "附件",
    "printed": "印发机关和日期",
}
LIST_FURNITURE: tuple[str, ...] = ("contact", "attachments")
# Structural types of a passage record.
TYPES: tuple[str, ...] = ("section", "item", "point", "para")


@dataclass
class Passage:
    """One reusable passage (or a heading-only node of the outline).

    `text` excludes the heading and the text of child points, so every
    sentence of a document lives in exactly one passage.
    """

    id: str = ""
    type: str = "para"
    level: int = 0
    number: str = ""
    heading: str = ""
    text: str = ""
    parent: str | None = None
    role: str = "overview"
    themes: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    # W-codes lint reports as warnings, not errors: irregularities of the source kept as they are
    warnings: list[str] = field(default_factory=list)
    # A source revision that clashed with an editor's edit: field → the source's value (see merge.py).
    source_revision: dict[str, Any] = field(default_factory=dict)

    @property
    def full_text(self) -> str:
        """Heading and body as one searchable string."""
        if self.heading and self.text:
            return f"{self.heading}。{self.text}"
        return self.heading or self.text


@dataclass
class Gap:
    """Text missing from the source (e.g. a 'hidden, download to see' marker)."""

    after: str | None  # passage id the gap follows; None = at the start
    chars: int | None
    note: str


@dataclass
class Document:
    id: str
    title: str
    kind: str
    year: int | None
    org: str
    source: str
    provenance: str = ""
    gaps: list[Gap] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    source_revision: dict[str, Any] = field(default_factory=dict)
    # FURNITURE fields found in the source: str, or list[str] for LIST_FURNITURE.
    furniture: dict[str, str | list[str]] = field(default_factory=dict)
    # How the source was read (ingest only; never written to the library).
    reading: Any = field(default=None, compare=False, repr=False)

    def by_id(self) -> dict[str, Passage]:
        return {p.id: p for p in self.passages}


@dataclass
class Library:
    documents: list[Document] = field(default_factory=list)

    def passages(self) -> list[tuple[Document, Passage]]:
        return [(d, p) for d in self.documents for p in d.passages]

    def find(self, passage_id: str) -> tuple[Document, Passage] | None:
        for d in self.documents:
            for p in d.passages:
                if p.id == passage_id:
                    return d, p
        return None

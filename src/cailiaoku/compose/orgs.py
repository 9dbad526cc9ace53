"""The organisation names the library knows: each document's unit, its short forms and the
unit names its text mentions. Shipped to the compose page (layout.js "orgs") and used by the
CLI, so a passage's other-unit names are marked 待替换 alike in both."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..model import Library
from .personalize import short_forms


def library_orgs(library: Library, spec: dict[str, Any]) -> list[str]:
    conf = spec["personalize"]
    pattern = re.compile(conf["org_pattern"])
    names: set[str] = set()
    for doc in library.documents:
        names.update([doc.org, *short_forms(doc.org, conf)])
        for p in doc.passages:
            names.update(pattern.findall(f"{p.heading}\n{p.text}"))
    return sorted((n for n in names if len(n) >= conf["min_org_chars"]), key=lambda n: (-len(n), n))


def with_orgs(spec: dict[str, Any], library: Library) -> dict[str, Any]:
    return {**spec, "orgs": library_orgs(library, spec)}


def library_title_words(library: Library, spec: dict[str, Any], cache_dir: Path | None = None) -> list[str]:
    from .vocabulary import title_vocabulary

    texts = [p.text for d in library.documents for p in d.passages]
    short = [d.title for d in library.documents] + [p.heading for d in library.documents for p in d.passages]
    short += library_orgs(library, spec) + list(spec["title"]["templates"].values())
    return title_vocabulary(texts, short, spec["title"]["vocabulary_limit"], cache_dir)

"""Passage data and word index for the browser, as <script> files (file:// cannot fetch()).

Layout under the site's assets/:
- cailiaoku/data.js: the loader (assets/data.js) after a manifest: documents, counts, the spec.
- data/meta.js: per-passage id, document, parent, role, themes, has-placeholders (filters).
- data/c-K.js: passages K*chunk .. in library order: type, level, number, heading, text, placeholders.
- data/ix-S.js: postings of the terms whose first UTF-16 unit % shards == S.
Each data file exists packed (base64 of gzip, unpacked by DecompressionStream) and plain
(name.u.js, for browsers without DecompressionStream).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import ROLES
from .corpus import Corpus
from .spec import spec

ASSETS = Path(__file__).with_name("assets")


def shard_of(term: str, shards: int) -> int:
    """First UTF-16 code unit modulo the shard count (what JS charCodeAt(0) gives)."""
    cp = ord(term[0])
    unit = cp if cp < 0x10000 else 0xD800 + ((cp - 0x10000) >> 10)
    return unit % shards


def shard_count(total_postings: int) -> int:
    cfg = spec()["index"]
    return max(1, min(cfg["max_shards"], round(total_postings / cfg["shard_target_postings"])))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Export:
    files: dict[str, str] = field(default_factory=dict)  # path under assets/ -> text

    def add_data(self, name: str, payload: Any) -> None:
        raw = _json(payload)
        packed = base64.b64encode(gzip.compress(raw.encode("utf-8"), 9, mtime=0)).decode("ascii")
        self.files[f"data/{name}.js"] = f'Cailiaoku._dataLoaded("{name}","{packed}");\n'
        self.files[f"data/{name}.u.js"] = f'Cailiaoku._dataLoaded("{name}",{raw});\n'

    def write(self, assets_dir: Path) -> None:
        for rel, text in self.files.items():
            path = assets_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def size(self, prefix: str, packed: bool = True) -> int:
        return sum(len(t.encode("utf-8")) for rel, t in self.files.items()
                   if rel.startswith(prefix) and rel.endswith(".u.js") != packed)


def meta_payload(corpus: Corpus) -> dict[str, Any]:
    roles = list(ROLES)
    theme_index = {name: i for i, name in enumerate(corpus.theme_names)}
    ordinal = {e.passage.id: e.ordinal for e in corpus.entries}
    doc_index = {d.id: i for i, d in enumerate(_documents(corpus))}
    return {
        "ids": [e.passage.id for e in corpus.entries],
        "doc": [doc_index[e.doc.id] for e in corpus.entries],
        "parent": [ordinal.get(e.passage.parent or "", -1) for e in corpus.entries],
        "role": [roles.index(e.passage.role) if e.passage.role in ROLES else -1 for e in corpus.entries],
        "themes": [[theme_index[t] for t in e.passage.themes if t in theme_index] for e in corpus.entries],
        "ph": "".join("1" if e.passage.placeholders else "0" for e in corpus.entries),
        # 相似写法: ordinal -> [other ordinal, similarity %, ...], most similar first
        "sim": {str(o): [x for other, score in pairs for x in (other, round(score * 100))]
                for o, pairs in sorted(corpus.similar.items())},
    }


def chunk_payload(corpus: Corpus, start: int, size: int) -> list[list[Any]]:
    return [[e.passage.type, e.passage.level, e.passage.number, e.passage.heading, e.passage.text,
             list(e.passage.placeholders)] for e in corpus.entries[start:start + size]]


def shard_payloads(corpus: Corpus, shards: int) -> list[dict[str, list[int]]]:
    out: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for term in sorted(corpus.index.postings):
        flat, last = [], 0
        for o, w in corpus.index.postings[term]:
            flat += [o - last, w]
            last = o
        out[shard_of(term, shards)][term] = flat
    return out


def _documents(corpus: Corpus) -> list[Any]:
    return list({id(e.doc): e.doc for e in corpus.entries}.values())


def manifest(corpus: Corpus, shards: int, stamp: str) -> dict[str, Any]:
    chunk = spec()["data"]["chunk_passages"]
    docs = _documents(corpus)
    return {
        "v": 1, "stamp": stamp, "count": len(corpus.entries), "chunk": chunk,
        "chunks": (len(corpus.entries) + chunk - 1) // chunk, "shards": shards,
        "maxTerm": corpus.index.max_term_length,
        "docOrder": [d.id for d in docs],
        "documents": {d.id: {"id": d.id, "title": d.title, "kind": d.kind, "year": d.year, "org": d.org}
                      for d in docs},
        "themes": corpus.theme_names, "themeSlugs": corpus.theme_slugs, "roles": dict(ROLES), "spec": spec(),
        "synonyms": corpus.synonyms,
        "kinds": corpus.kind_names,
    }


def export(corpus: Corpus) -> Export:
    out = Export()
    chunk = spec()["data"]["chunk_passages"]
    total = sum(len(p) for p in corpus.index.postings.values())
    shards = shard_count(total)
    out.add_data("meta", meta_payload(corpus))
    for k, start in enumerate(range(0, len(corpus.entries), chunk)):
        out.add_data(f"c-{k}", chunk_payload(corpus, start, chunk))
    for s, payload in enumerate(shard_payloads(corpus, shards)):
        out.add_data(f"ix-{s}", payload)
    stamp = hashlib.sha1("".join(sorted(out.files.values())).encode("utf-8")).hexdigest()[:10]
    loader = (ASSETS / "data.js").read_text(encoding="utf-8")
    out.files["cailiaoku/data.js"] = (
        "window.Cailiaoku = window.Cailiaoku || {};\n"
        f"window.Cailiaoku.dataManifest = {_json(manifest(corpus, shards, stamp))};\n" + loader)
    return out

"""Passage data and word index for the browser, as <script> files (file:// cannot fetch()).

Layout under the site's assets/ (only data.js is on every page; nothing in it grows with the
library; the rest is loaded on demand by the finder, the compose page and the header box):
- cailiaoku/data.js: the loader (assets/data.js) after a manifest: counts, taxonomy names, the spec.
- data/meta.js: ids, documents and facets (role, themes, placeholders) of every passage, compact.
- data/c-K.js: whole documents in library order (chunk K starts at meta chunkStart[K]): text etc.
- data/ix-S.js: word postings (BM25 weights) of the terms whose first UTF-16 unit % shards == S.
- data/bg-S.js: pair postings (candidates.py): which passages can hold a needle.
Each data file is written once, packed: gzip in base85 (RFC 1924 alphabet, Python's b85encode:
6% smaller than base64, no quote or backslash), unpacked by the loader with DecompressionStream, or where
a browser lacks it with the vendored fflate (assets/vendor/).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..model import ROLES
from .candidates import digits, encode_postings, pair_shards
from .corpus import Corpus
from .spec import spec
from .words import _utf16

ASSETS = Path(__file__).with_name("assets")


def shard_of(term: str, shards: int) -> int:
    """First UTF-16 code unit modulo the shard count (what JS charCodeAt(0) gives)."""
    cp = ord(term[0])
    unit = cp if cp < 0x10000 else 0xD800 + ((cp - 0x10000) >> 10)
    return unit % shards


def shard_count(total_postings: int) -> int:
    cfg = spec()["index"]
    return max(1, min(cfg["max_shards"], round(total_postings / cfg["shard_target_postings"])))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json(value: Any) -> str:
    """Compact JSON; lone UTF-16 surrogates (pair keys of astral chars) escaped, as JS reads them."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_PENDING_MAX = 16 << 20  # characters of JSON waiting to be packed


@dataclass
class Export:
    files: dict[str, str] = field(default_factory=dict)  # path under assets/ -> text

    pending: list[tuple[str, str]] = field(default_factory=list)
    terms: int = 0  # words in the index
    manifest: dict[str, Any] = field(default_factory=dict)  # data.js's, completed by finish_export

    def add_data(self, name: str, payload: Any) -> None:
        self.pending.append((name, _json(payload)))
        if sum(len(raw) for _, raw in self.pending) > _PENDING_MAX:
            self.finish()  # packed as they come: the JSON of a big library is never all held at once

    def finish(self) -> None:
        """Pack what was added (gzip releases the GIL: one thread per core)."""
        from concurrent.futures import ThreadPoolExecutor

        from .parallel import cores

        def pack(item: tuple[str, str]) -> tuple[str, str]:
            name, raw = item
            return name, b85encode(gzip.compress(raw.encode("utf-8"), 6, mtime=0)).decode("ascii")

        with ThreadPoolExecutor(cores()) as pool:
            for name, packed in pool.map(pack, self.pending):
                self.files[f"data/{name}.js"] = f'Cailiaoku._dataLoaded("{name}","{packed}");\n'
        self.pending = []

    def write(self, assets_dir: Path) -> None:
        self.finish()
        for rel, text in self.files.items():
            path = assets_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def size(self, prefix: str) -> int:
        return sum(len(t.encode("utf-8")) for rel, t in self.files.items() if rel.startswith(prefix))


_B85 = np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~",
                     dtype=np.uint8)


def b85encode(data: bytes) -> bytes:
    """base64.b85encode(data), on whole arrays (the stdlib's is pure Python: ~0.1 s per MB)."""
    pad = -len(data) % 4
    words = np.frombuffer(data + b"\0" * pad, dtype=">u4").astype(np.int64)
    digits = np.empty((len(words), 5), dtype=np.uint8)
    for k in range(4, -1, -1):
        words, digits[:, k] = np.divmod(words, 85)
    out = _B85[digits].tobytes()
    return out[:len(out) - pad]


def read_data(text: str) -> Any:
    """The payload of a written data file (tests, benchmarks)."""
    packed = text[text.index(',"') + 2:text.rindex('")')]
    return json.loads(gzip.decompress(base64.b85decode(packed)).decode("utf-8"))


def _documents(corpus: Corpus) -> list[Any]:
    return list({id(e.doc): e.doc for e in corpus.entries}.values())


def chunk_starts(corpus: Corpus) -> list[int]:
    """First ordinal of each chunk: whole documents, at least chunk_passages passages each."""
    size = spec()["data"]["chunk_passages"]
    starts: list[int] = []
    count, last_doc = size, None
    for e in corpus.entries:
        if e.doc is not last_doc and count >= size:
            starts.append(e.ordinal)
            count = 0
        last_doc = e.doc
        count += 1
    return starts


def meta_payload(corpus: Corpus, starts: list[int]) -> dict[str, Any]:
    """What the finder needs of every passage before any text: ids and facets, compactly."""
    roles = list(ROLES)
    theme_index = {name: i for i, name in enumerate(corpus.theme_names)}
    docs = _documents(corpus)
    doc_starts, last = [], None
    for e in corpus.entries:
        if e.doc is not last:
            doc_starts.append(e.ordinal)
            last = e.doc
    return {
        "ids": " ".join(e.passage.id for e in corpus.entries),
        "docs": [[d.id, d.title, d.kind, d.year, d.org] for d in docs],
        "docStart": doc_starts,
        "chunkStart": starts,
        # role: one char per passage, the index in ROLES ("-" none); themes: per passage the
        # theme indices as chars from U+0100, passages separated by ","
        "role": "".join(str(roles.index(e.passage.role)) if e.passage.role in ROLES else "-"
                        for e in corpus.entries),
        "themes": ",".join("".join(chr(0x100 + theme_index[t]) for t in e.passage.themes if t in theme_index)
                           for e in corpus.entries),
        "ph": "".join("1" if e.passage.placeholders else "0" for e in corpus.entries),
        # folded heading length in UTF-16 units (5-bit digits): "in the heading" from pair positions
        "hl": digits([len(_utf16(e.heading)) for e in corpus.entries]),
    }


def chunk_payload(corpus: Corpus, start: int, end: int) -> list[list[Any]]:
    """Rows: type, level, number, heading, text, placeholders, parent ordinal (-1 none),
    相似写法 [other ordinal, similarity %, ...] most similar first, and per similar passage
    [number, heading, text (81 chars at most)] to show it without loading its chunk."""
    ordinal = {e.passage.id: e.ordinal for e in corpus.entries[start:end]}
    entries = corpus.entries
    rows = []
    for e in entries[start:end]:
        p = e.passage
        pairs = corpus.similar.get(e.ordinal, [])
        rows.append([p.type, p.level, p.number, p.heading, p.text, list(p.placeholders),
                     ordinal.get(p.parent or "", -1),
                     [x for other, score in pairs for x in (other, round(score * 100))],
                     [[entries[o].passage.number, entries[o].passage.heading, entries[o].passage.text[:81]]
                      for o, _ in pairs]])
    return rows


def shard_payloads(corpus: Corpus, shards: int) -> list[dict[str, str]]:
    """Per term: (ordinal gap - 1, weight) per posting, in 5-bit digits (spec index about_shards)."""
    postings = corpus.index.postings
    encoded = postings.encoded() if hasattr(postings, "encoded") else \
        {t: encode_postings(postings[t]) for t in postings}
    out: list[dict[str, str]] = [{} for _ in range(shards)]
    for term in sorted(encoded):
        out[shard_of(term, shards)][term] = encoded[term]
    return out


def manifest(corpus: Corpus, shards: int, stamp: str, chunks: int = 0, pair_shards: int = 0) -> dict[str, Any]:
    """Written into data.js on every page: nothing in it grows with the number of passages."""
    return {
        "v": 2, "stamp": stamp, "count": len(corpus.entries), "chunks": chunks, "shards": shards,
        "pairShards": pair_shards, "maxTerm": corpus.index.max_term_length,
        "themes": corpus.theme_names, "themeSlugs": corpus.theme_slugs, "roles": dict(ROLES), "spec": spec(),
        "synonyms": corpus.synonyms,
        "kinds": corpus.kind_names,
    }


def export(corpus: Corpus) -> Export:
    """The finder's data files: the word part, then the pair postings, then the manifest."""
    words = export_words(corpus)
    files, count = pair_data([e.full for e in corpus.entries])
    return finish_export(words, files, count)


def export_words(corpus: Corpus) -> Export:
    """Meta, text chunks and word shards, packed; the manifest still without pairs and stamp."""
    out = Export()
    postings = corpus.index.postings
    total = postings.total() if hasattr(postings, "total") else sum(len(p) for p in postings.values())
    shards = shard_count(total)
    starts = chunk_starts(corpus)
    out.add_data("meta", meta_payload(corpus, starts))
    for k, start in enumerate(starts):
        out.add_data(f"c-{k}", chunk_payload(corpus, start, starts[k + 1] if k + 1 < len(starts) else len(corpus.entries)))
    for s, payload in enumerate(shard_payloads(corpus, shards)):
        out.add_data(f"ix-{s}", payload)
    out.finish()
    out.terms = len(corpus.index.postings)
    out.manifest = manifest(corpus, shards, "", len(starts), 0)
    return out


def pair_data(fulls: list[str]) -> tuple[dict[str, str], int]:
    """The pair postings' data files (bg-*) from the passages' full texts, and their count."""
    out = Export()
    pairs = pair_shards(fulls)
    for s, pair_payload in enumerate(pairs):
        out.add_data(f"bg-{s}", pair_payload)
    out.finish()
    return out.files, len(pairs)


def finish_export(out: Export, pair_files: dict[str, str], pair_count: int) -> Export:
    """The pair files added, the stamp taken over every data file, data.js with the manifest."""
    out.files.update(pair_files)
    stamp = hashlib.sha1("".join(sorted(out.files.values())).encode("utf-8")).hexdigest()[:10]
    out.manifest.update(stamp=stamp, pairShards=pair_count)
    loader = (ASSETS / "data.js").read_text(encoding="utf-8")
    out.files["cailiaoku/data.js"] = (
        "window.Cailiaoku = window.Cailiaoku || {};\n"
        f"window.Cailiaoku.dataManifest = {_json(out.manifest)};\n" + loader)
    return out

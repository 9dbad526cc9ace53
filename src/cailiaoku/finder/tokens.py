"""Index tokens per passage, kept under .cache/ by content and cut on every core when cold.

Segmenting (jieba's search mode) is most of the finder's build time; a passage's tokens
depend only on its folded text and the taxonomy's terms, so one edited passage is the only
one cut again. The cache file is signed like every other cache (cache.py): a planted file is
never unpickled.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..cache import program_key, read_signed, write_signed
from .index import index_tokens
from .parallel import parallel_map

SEP = "\x1f"  # never in folded text (a control char fold drops)
PARALLEL_FROM = 2000  # fewer passages than this are cut faster than worker processes start

Fields = tuple[list[str], list[str]]


def _key(heading: str, text: str) -> str:
    return hashlib.blake2b(f"{heading}\x00{text}".encode(), digest_size=12).hexdigest()


def _terms_key(terms: Sequence[str]) -> str:
    return hashlib.blake2b("\x00".join(terms).encode(), digest_size=8).hexdigest()


def _cut(batch: Sequence[tuple[str, str]], terms: tuple[str, ...]) -> list[str]:
    """Tokens of each (heading, text), joined: one string per field pickles fast."""
    return [SEP.join(index_tokens(h, terms)) + "\x00" + SEP.join(index_tokens(t, terms)) for h, t in batch]


def _split(joined: str) -> Fields:
    h, t = joined.split("\x00", 1)
    return (h.split(SEP) if h else [], t.split(SEP) if t else [])


def passage_tokens(docs: Sequence[tuple[str, str]], terms: tuple[str, ...],
                   cache_dir: Path | None = None) -> list[Fields]:
    """(heading tokens, text tokens) per (folded heading, folded text)."""
    return [_split(j) for j in joined_tokens(docs, terms, cache_dir)]


def split_tokens(joined: Sequence[str]) -> Iterator[Fields]:
    """The fields of joined_tokens' strings one passage at a time (never all lists at once)."""
    return map(_split, joined)


def joined_tokens(docs: Sequence[tuple[str, str]], terms: tuple[str, ...],
                  cache_dir: Path | None = None) -> list[str]:
    """Per (folded heading, folded text) its tokens as one string (split_tokens reads it): one
    object per passage instead of a list of every token."""
    path = cache_dir / f"finder-tokens-{program_key()}-{_terms_key(terms)}.pickle" if cache_dir else None
    known: dict[str, str] = {}
    if path is not None:
        got = read_signed(path)
        known = got if isinstance(got, dict) else {}
    keys = [_key(h, t) for h, t in docs]
    missing = list({k: d for k, d in zip(keys, docs, strict=True) if k not in known}.items())
    if missing:
        from .. import segment

        segment.tokenizer(terms)  # built once here, inherited by forked workers
        cut = parallel_map(_cut, [d for _, d in missing], (terms,), parallel_from=PARALLEL_FROM)
        fresh = {k: j for (k, _), j in zip(missing, cut, strict=True)}
        if path is not None:
            used = set(keys)
            kept = {k: v for k, v in known.items() if k in used}  # edited-away texts drop out
            write_signed(path, kept | fresh, stale=path.parent.glob("finder-tokens-*.pickle"))
        known.update(fresh)
    return [known[k] for k in keys]

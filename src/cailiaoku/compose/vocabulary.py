"""The title vocabulary's jieba words per text, kept under .cache/ by content and cut on every
core when cold (jieba over every passage was most of the compose plugin's build time).

A text's words depend only on the text (jieba's plain dictionary, no taxonomy terms), so one
edited passage is the only one cut again. The cache is signed like every other (cache.py).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..cache import read_signed, write_signed
from ..finder.parallel import parallel_map

SEP = "\x1f"
PARALLEL_FROM = 2000  # fewer texts are cut faster than worker processes start
MIN_SHORT, MIN_TEXT = 2, 3  # word lengths kept from titles/headings/units and from passage text


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _cut(batch: Sequence[str]) -> list[str]:
    """Each text's non-ASCII words of MIN_SHORT+ characters, in order, joined."""
    from ..segment import cut_by_block, tokenizer

    tk = tokenizer(())
    return [SEP.join(w for w in cut_by_block(tk, text) if len(w) >= MIN_SHORT and not w.isascii()) for text in batch]


def text_words(texts: Sequence[str], cache_dir: Path | None = None) -> list[list[str]]:
    """Words (MIN_SHORT+ characters, not ASCII) of each text, as jieba's lcut gives them."""
    return [j.split(SEP) if j else [] for j in joined_words(texts, cache_dir)]


def joined_words(texts: Sequence[str], cache_dir: Path | None = None) -> list[str]:
    """text_words of each text joined into one string (one object per text, not one per word)."""
    import jieba

    path = cache_dir / f"compose-words-{jieba.__version__}.pickle" if cache_dir else None
    got = read_signed(path) if path is not None else None
    known: dict[str, str] = got if isinstance(got, dict) else {}
    keys = [_key(t) for t in texts]
    missing = list({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if missing:
        from ..segment import tokenizer

        tokenizer(())  # built once here, inherited by forked workers
        cut = parallel_map(_cut, [t for _, t in missing], parallel_from=PARALLEL_FROM)
        fresh = {k: j for (k, _), j in zip(missing, cut, strict=True)}
        if path is not None:
            used = set(keys)
            write_signed(path, {k: v for k, v in known.items() if k in used} | fresh,
                         stale=path.parent.glob("compose-words-*.pickle"))
        known.update(fresh)
    return [known[k] for k in keys]


def title_vocabulary(texts: list[str], short: list[str], limit: int, cache_dir: Path | None = None) -> list[str]:
    """Words the browser must not split in a title (its Intl.Segmenter cuts finer than jieba:
    意识/形态): jieba's words of 3+ characters from the library's text, of 2+ from its titles,
    headings and unit names (`short`), the most frequent first, at most `limit`."""
    counts: Counter[str] = Counter()
    for i, joined in enumerate(joined_words([*texts, *short], cache_dir)):  # in this order: most_common
        found = joined.split(SEP) if joined else []  # keeps first-seen ties first
        counts.update(found if i >= len(texts) else [w for w in found if len(w) >= MIN_TEXT])
    return sorted(w for w, _ in counts.most_common(limit))

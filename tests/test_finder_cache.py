"""The finder's per-passage work (index tokens, similarity signatures) is kept under .cache/ by
content: reused for unchanged passages, redone only for edited ones, ignored when planted or
corrupt; cutting on several cores gives the same index as in one process."""

from __future__ import annotations

import pickle
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from cailiaoku.finder import parallel, similar, tokens
from cailiaoku.finder.corpus import build_corpus
from cailiaoku.library import load_library
from cailiaoku.model import Library
from cailiaoku.segment import user_dict
from cailiaoku.taxonomy import load_taxonomy
from conftest import ROOT

TAXONOMY = load_taxonomy(ROOT / "taxonomy.yaml")


def library() -> Library:
    return load_library(ROOT / "snippets")


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many passages get cut (tokens._cut batches) from now on."""
    cut: list[int] = []
    real = tokens._cut

    def spy(batch, terms):  # type: ignore[no-untyped-def]
        cut.append(len(batch))
        return real(batch, terms)
    monkeypatch.setattr(tokens, "_cut", spy)
    return cut


def test_tokens_are_reused_and_only_an_edited_passage_is_cut_again(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    lib = library()
    plain = build_corpus(lib, TAXONOMY)
    cut = counting(monkeypatch)
    first = build_corpus(lib, TAXONOMY, cache_dir=tmp_path)
    assert sum(cut) == len({(e.heading, e.full) for e in first.entries})
    assert first.index.postings == plain.index.postings
    assert [p.name for p in tmp_path.glob("finder-tokens-*.pickle")]
    cut.clear()
    assert build_corpus(lib, TAXONOMY, cache_dir=tmp_path).index.postings == plain.index.postings
    assert cut == []
    # one passage edited: only it is cut again, and the index is the one built from scratch
    doc = lib.documents[0]
    changed = replace(doc.passages[1], text=doc.passages[1].text + "新增一句网评工作。")
    edited = Library([replace(doc, passages=[doc.passages[0], changed, *doc.passages[2:]]), *lib.documents[1:]])
    again = build_corpus(edited, TAXONOMY, cache_dir=tmp_path)
    assert sum(cut) == 1
    assert again.index.postings == build_corpus(edited, TAXONOMY).index.postings


def test_planted_or_corrupt_cache_is_never_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = library()
    build_corpus(lib, TAXONOMY, cache_dir=tmp_path)
    [path] = tmp_path.glob("finder-tokens-*.pickle")
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self) -> tuple:
            return (open, (str(marker), "w"))

    for junk in (b"\0garbage", b"\0" * 32 + pickle.dumps(Planted())):
        path.write_bytes(junk)
        cut = counting(monkeypatch)
        assert build_corpus(lib, TAXONOMY, cache_dir=tmp_path).index.postings == build_corpus(lib, TAXONOMY).index.postings
        assert sum(cut) > 0 and not marker.exists()
        monkeypatch.undo()


def test_several_cores_give_the_same_tokens_and_signatures(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [(e.heading, e.full.split("\n", 1)[1]) for e in build_corpus(library(), TAXONOMY).entries]
    terms = ("网评", "舆情")
    serial = tokens._cut(docs, terms)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert parallel.parallel_map(tokens._cut, docs, (terms,), parallel_from=0) == serial
    texts = [h + t for h, t in docs]
    forked = parallel.parallel_map(similar._signatures, texts, parallel_from=0)
    assert [m is None for m in forked] == [m is None for m in similar._signatures(texts)]
    assert all(a is None or a.digest() == b.digest() for a, b in zip(forked, similar._signatures(texts), strict=True))


def test_similar_passages_are_the_same_from_the_cache(tmp_path: Path) -> None:
    from cailiaoku.bench.library import synthetic_library

    items = similar.items_of((p.id, d.id, p.heading, p.text) for d, p in synthetic_library(600).passages())
    fresh = similar.similar_passages(items)
    assert fresh and similar.similar_passages(items, cache_dir=tmp_path) == fresh
    assert list(tmp_path.glob("finder-minhash-*.pickle"))
    assert similar.similar_passages(items, cache_dir=tmp_path) == fresh


def test_cut_block_by_block_is_jiebas_own_cut() -> None:
    """segment.cut_by_block cuts each distinct block once; the words are jieba's own, in both modes."""
    from cailiaoku import segment
    from cailiaoku.bench.library import synthetic_library
    from cailiaoku.finder.index import folded_terms
    from cailiaoku.finder.spec import fold

    texts = [p.text for _, p in library().passages()] + [p.text for _, p in synthetic_library(300).passages()]
    texts += ["ABC１２３ 测试，“引号”（一）x+y#z&w_v.u%t-s\n\n换行。", "", "   "]
    plain, terms = segment.tokenizer(()), segment.tokenizer(folded_terms(TAXONOMY.all_terms()))
    for text in texts + texts:  # the second round is answered from the block cache
        assert segment.cut_by_block(plain, text) == plain.lcut(text)
        assert segment.cut_by_block(terms, fold(text), search=True) == terms.lcut_for_search(fold(text))
    assert segment._block_words.cache_info().hits > 0


def test_unchanged_rebuild_reuses_the_finder_data_and_an_edit_remakes_it(project_copy: Path) -> None:
    """The data files are kept whole under .cache/ by the library's and taxonomy's bytes: a rebuild
    with nothing changed writes the same files from there; an edited passage's text is in the next."""
    from cailiaoku.finder.export import read_data
    from conftest import run_cli

    def data() -> dict[str, str]:
        folder = project_copy / "site" / "assets"
        return {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
                for p in sorted((folder / "data").glob("*.js")) + [folder / "cailiaoku" / "data.js"]}

    assert run_cli("build", cwd=project_copy).returncode == 0
    first = data()
    cache = project_copy / ".cache" / "cailiaoku"
    assert len(list(cache.glob("finder-export-*.pickle"))) == 1 and list(cache.glob("finder-similar-*.pickle"))
    assert run_cli("build", cwd=project_copy).returncode == 0
    assert data() == first
    path = sorted((project_copy / "snippets").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n  text: |-\n    ", "\n  text: |-\n    新增的核对语句", 1), encoding="utf-8")
    result = run_cli("build", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    again = data()
    assert again != first and len(list(cache.glob("finder-export-*.pickle"))) == 1
    chunks = [row for name, t in again.items() if name.startswith("data/c-") for row in read_data(t)]
    assert any("新增的核对语句" in row[4] for row in chunks)


SHARED_DICTIONARY = r"""
import sys, jieba
from cailiaoku import segment
assert not jieba.dt.initialized
segment.share_dictionary()
plain = segment.tokenizer(())
assert jieba.dt.initialized and jieba.dt.FREQ == plain.FREQ and jieba.dt.FREQ is not plain.FREQ
jieba.load_userdict(sys.argv[1])  # what Material's search does with the taxonomy's terms
assert "材料库测词" in jieba.lcut("我们的材料库测词很好用"), jieba.lcut("我们的材料库测词很好用")
assert "材料库测词" not in plain.FREQ and "材料库测词" not in plain.lcut("我们的材料库测词很好用")
print("ok")
"""


def test_materials_jieba_is_made_from_the_plain_dictionary_and_keeps_its_user_terms(tmp_path: Path) -> None:
    """jieba's dictionary is read once per build: Material's tokenizer is a copy of the plain one,
    which its user dictionary (the taxonomy's terms) then changes without touching the plain one."""
    words = tmp_path / "user.dict"
    words.write_text(user_dict(["材料库测词"]), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", SHARED_DICTIONARY, str(words)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]

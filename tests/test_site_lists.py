"""Bounded lists: theme, index, phrase and source-list pages stay small however large the library
(the first items, then a link into the finder with its filters set; the list of documents in pages)."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from cailiaoku.bench.library import synthetic_library
from cailiaoku.library import load_library
from cailiaoku.model import ROLES
from cailiaoku.site import pages_theme
from cailiaoku.site.pageplan import Limits, light_plan, plan
from cailiaoku.site.pages_theme import CARD_BYTES, _within_budget
from cailiaoku.site.sitedata import SiteData
from cailiaoku.taxonomy import load_taxonomy
from conftest import run_cli

LIMIT = 2


def read(page: Path) -> str:
    return page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def small_lists(tmp_path_factory: pytest.TempPathFactory, root: Path) -> Path:
    """The bundled project built with lists cut at two items and two documents per list page."""
    import shutil

    project = tmp_path_factory.mktemp("lists") / "proj"
    for name in ("snippets", "docs"):
        shutil.copytree(root / name, project / name)
    shutil.copy2(root / "taxonomy.yaml", project / "taxonomy.yaml")
    config = read(root / "mkdocs.yml")
    line = re.search(r"^  - cailiaoku\b.*$", config, re.M)
    assert line
    config = config.replace(line.group(0), f"  - cailiaoku:\n      list_limit: {LIMIT}\n      page_size: 2", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_cli("build", "--site-dir", str(project / "site"), cwd=project)
    assert result.returncode == 0, result.stderr + result.stdout
    return project / "site"


@pytest.fixture(scope="module")
def data(root: Path) -> SiteData:
    return SiteData.load(root / "snippets", root / "taxonomy.yaml")


def test_theme_pages_list_the_first_items_and_link_the_rest_in_the_finder(small_lists: Path, data) -> None:
    cut = 0
    for theme in data.taxonomy.themes:
        source = read(small_lists / "themes" / f"{theme.slug}.html")
        items = data.theme_passages(theme)
        for role in ROLES:
            start = source.index(f'id="role-{role}"')
            end = source.find('<section class="ck-block', start + 1)
            chunk = source[start:end if end > 0 else len(source)]
            group = [p.id for _, p in items if p.role == role]
            shown = re.findall(r'<article class="ck-card" data-passage-id="([^"]+)"', chunk)
            assert shown == group[:LIMIT], (theme.name, role)
            assert f"（{len(group)}）" in chunk  # the count is the whole group's
            link = f'finder.html#theme={quote(theme.name, safe="")}&amp;role={role}'
            assert (link in chunk) == (len(group) > LIMIT), (theme.name, role)
            cut += len(group) > LIMIT
    assert cut > 5


def test_the_list_of_documents_is_paged(small_lists: Path, data) -> None:
    pages = [small_lists / "source" / "index.html"]
    pages += sorted((small_lists / "source" / "index").glob("*.html"), key=lambda p: int(p.stem))
    assert [p.name for p in pages[1:]] == ["2.html"]  # four documents, two per page
    listed = []
    for n, page in enumerate(pages, 1):
        source = read(page)
        prefix = "" if n == 1 else "../"
        listed += re.findall(rf'<td><a href="{prefix}([a-z0-9-]+)\.html">', source)
        assert f"第 {n} 页，共 2 页" in source
        other = "index/2.html" if n == 1 else "../index.html"
        assert f'<a href="{other}">' in source
    assert listed == [d.id for d in data.documents]
    assert "（第 2 页）" in read(pages[1]) and "范文（第 2 页） - 材料库" in read(pages[1])


def test_index_and_phrase_pages_are_cut_with_links_into_the_finder(small_lists: Path, data) -> None:
    by_kind = read(small_lists / "by-kind.html")
    total = [d for d in data.documents if d.kind == "总结"]
    assert len(total) > LIMIT
    assert f"共 {len(total)} 篇范文" in by_kind and "finder.html#kind=%E6%80%BB%E7%BB%93" in by_kind
    assert len(re.findall(r'<ul class="ck-doclist">.*?</ul>', by_kind, re.S)) == 2
    phrases = read(small_lists / "phrases.html")
    lists = re.findall(r'<ul class="ck-phrases">(.*?)</ul>', phrases, re.S)
    assert max(chunk.count("<li>") for chunk in lists[:-3]) == LIMIT  # headings by theme and role
    assert "finder.html#theme=" in phrases


@functools.lru_cache(maxsize=2)
def _synthetic(passages: int, taxonomy_file: Path) -> SiteData:
    return SiteData.of(synthetic_library(passages, seed=3), load_taxonomy(taxonomy_file))


def _sizes(passages: int, taxonomy: Path, limits: Limits) -> dict[str, int]:
    data = _synthetic(passages, taxonomy)
    sizes = {}
    for uri, page in plan(data, limits).items():
        sizes[uri] = len(page.render(uri.removesuffix(".md") + ".html")[0].encode())
    light = light_plan(data, limits)
    for uri in ["source/index/2.html", *[u for u in light if u.startswith("p/")][:30]]:
        sizes[uri] = len(light[uri].render(uri)[0].encode())
    return sizes


def test_no_generated_page_grows_with_the_library(root: Path) -> None:
    taxonomy = root / "taxonomy.yaml"
    default = _sizes(6000, taxonomy, Limits(page_size=20))  # page 2 of the documents exists
    assert max(default.values()) < 400_000, max(default.items(), key=lambda kv: kv[1])
    short = Limits(items=5, page_size=20)  # lists full already in the smaller library
    small, large = _sizes(1500, taxonomy, short), _sizes(6000, taxonomy, short)
    # (by-org grows until its caps, 200 units and 300 documents, are reached: the bound above)
    for uri in ("source/index.md", "source/index/2.html", "phrases.md", "by-year.md", "themes/lilun-xuexi.md"):
        assert large[uri] < 1.3 * small[uri] + 20_000, (uri, small[uri], large[uri])


def test_theme_page_cards_share_one_byte_budget() -> None:
    groups = [[("d", f"{g}{k}") for k in range(40)] for g in "abc"] + [[]]
    sizes = {"a": 1000, "b": 3000, "c": 30_000}
    shown = _within_budget(groups, lambda _d, key: key[0] * sizes[key[0]], 30, budget=40_000)
    # turns: a0 b0 c0 (c0 alone is 30 KB: every group shows its first card), then a and b share the rest
    assert [len(cards) for cards in shown] == [4, 2, 1, 0]
    assert sum(len(c) for cards in shown for c in cards) <= 40_000
    assert _within_budget(groups, lambda _d, key: "x", 30) == [["x"] * 30] * 3 + [[]]  # small cards: the limit


def test_theme_pages_stay_small_with_long_passages(root: Path) -> None:
    """However long a library's passages are, a theme page holds ~CARD_BYTES of cards."""
    import copy

    data = copy.deepcopy(_synthetic(1500, root / "taxonomy.yaml"))
    for _, p in data.library.passages():
        p.text = (p.text or "加强舆情监测。") * 40  # passages of thousands of characters
    theme = data.taxonomy.themes[0]
    html, _ = pages_theme.render(data, theme, f"themes/{theme.slug}.html", limit=30)
    longest = max(len(p.text.encode()) for _, p in data.theme_passages(theme))
    assert len(html.encode()) < CARD_BYTES + 2 * longest + 10_000
    assert html.count('class="ck-list-more"') == sum(1 for r in ROLES if any(
        p.role == r for _, p in data.theme_passages(theme)))  # every role cut, the rest in the finder
    assert "data-copy-text" not in html  # each text once: the copy button reads it from the card


def test_bundled_library_lists_stay_whole(built_site: Path, root: Path) -> None:
    """The default limits cut nothing in the bundled library (its pages list every item)."""
    library = load_library(root / "snippets")
    for page in ["phrases.html", "by-year.html", "by-org.html", "by-kind.html", "source/index.html",
                 *[f"themes/{t.slug}.html" for t in load_taxonomy(root / "taxonomy.yaml").themes]]:
        assert 'class="ck-list-more"' not in read(built_site / page), page
    assert not (built_site / "source" / "index").exists() and len(library.documents) < 100


@pytest.mark.browser
def test_the_finder_link_shows_the_whole_group(small_lists: Path, data, page) -> None:  # type: ignore[no-untyped-def]
    theme, role, group = next((t, r, g) for t in data.taxonomy.themes for r in ROLES
                              if len(g := [p for _, p in data.theme_passages(t) if p.role == r]) > LIMIT)
    page.goto((small_lists / "themes" / f"{theme.slug}.html").as_uri())
    page.click(f"#role-{role} .ck-list-more a")
    page.wait_for_load_state("load")
    assert page.url.split("#")[0].endswith("/finder.html")
    page.wait_for_function("() => /^共 \\d+ 条/.test(document.querySelector('.ck-status').textContent)",
                           timeout=30_000)
    assert page.inner_text(".ck-status").startswith(f"共 {len(group)} 条")
    checked = page.eval_on_selector_all(".ck-facet input:checked", "els => els.map(e => e.value)")
    assert sorted(checked) == sorted([theme.name, role])

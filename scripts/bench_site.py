"""Browser measurement in the real built site (writes benchmarks/site.txt): bytes loaded before
ready on the home page, a theme page, a passage permalink and the finder, and the finder's and the
header box's first result, in Debian's chromium (Playwright, never `playwright install`) under
file:// and over http, for synthetic libraries of each size.

    .venv/bin/python scripts/bench_site.py [--sizes 10000,100000] [--sites DIR] [--query 舆情监测]

--sites DIR uses the sites scripts/bench_build.py --keep DIR left (DIR/cailiaoku-<n>/site);
a size without one is built here first (`cailiaoku build` of a synthetic project).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cailiaoku.bench.build import cailiaoku_build  # noqa: E402
from cailiaoku.bench.ingest import publish  # noqa: E402
from cailiaoku.bench.library import synthetic_project  # noqa: E402
from cailiaoku.bench.run import composition, tree_size  # noqa: E402
from cailiaoku.bench.site import measure, report, serve  # noqa: E402
from cailiaoku.taxonomy import load_taxonomy  # noqa: E402


def site_for(n: int, sites: Path) -> Path:
    site = sites / f"cailiaoku-{n}" / "site"
    if not (site / "index.html").is_file():
        cailiaoku_build(synthetic_project(sites / f"cailiaoku-{n}", n))
    return site


def pages_of(site: Path) -> dict[str, str]:
    theme = load_taxonomy(ROOT / "taxonomy.yaml").themes[0].slug
    permalinks = sorted(e.name for e in (site / "p").iterdir() if e.name.endswith(".html"))
    return {"home": "index.html", "theme page": f"themes/{theme}.html",
            "permalink": f"p/{permalinks[len(permalinks) // 2]}", "finder": "finder.html"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--sites", type=Path)
    parser.add_argument("--query", default="舆情监测")
    args = parser.parse_args()
    lines = ["bytes are files' sizes on disk (uncompressed), each file once; ready = the load event, then",
             "nothing in flight for 1 s (time: to the last request's end); the query is entered once ready.",
             "targets (issue 16): home, theme page, permalink < 500 KB each, independent of the library's",
             "size; finder < 3 MB before the first result."]
    with tempfile.TemporaryDirectory() as tmp:
        sites = args.sites or Path(tmp)
        for n in (int(x) for x in args.sizes.split(",")):
            site = site_for(n, sites)
            tree = tree_size(site)
            pages = pages_of(site)
            lines += ["", f"{n:,} passages (site {tree.mb:,.0f} MB, {tree.files:,} files); query “{args.query}”",
                      f"  site: {composition(tree)}"]
            lines += report("file://", measure(site, site.as_uri() + "/", None, pages, args.query))
            with serve(site) as (base, paths):
                lines += report("http (python http.server, no compression)",
                                measure(site, base, paths, pages, args.query))
            print("\n".join(lines), flush=True)
    publish(ROOT, "site", "browser measurement in the built site", "\n".join(lines))


if __name__ == "__main__":
    main()

"""Finder benchmark on synthetic libraries (writes benchmarks/finder.txt): the finder's export
time cold / warm / after a one-passage edit, its data files, and the built site's own finder.html
in chromium (file:// and http): bytes and files loaded before the first result and the time to
it, for a rare phrase, a two-word query, a word in most passages and no query at all.

    .venv/bin/python scripts/bench_finder.py [--sizes 10000,100000] [--sites DIR] [--no-browser]

--sites DIR uses the sites scripts/bench_build.py --keep DIR left (DIR/cailiaoku-<n>/site). A size
without one gets the bundled project's site (`cailiaoku build`, as a user runs it) with the
finder's data files replaced by those of the synthetic library: the finder page, its scripts and
Material are the site's own; only the passage pages behind the result links are missing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cailiaoku.bench.finder import (  # noqa: E402
    export_times,
    measure_finder,
    pick_queries,
    python_hits,
    report_browser,
)
from cailiaoku.bench.ingest import publish  # noqa: E402
from cailiaoku.bench.library import synthetic_library  # noqa: E402
from cailiaoku.bench.site import serve  # noqa: E402


def bundled_site(work: Path) -> Path:
    project = work / "bundled"
    for name in ("docs", "snippets", "sources"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("mkdocs.yml", "taxonomy.yaml"):
        shutil.copy2(ROOT / name, project / name)
    subprocess.run([sys.executable, "-m", "cailiaoku", "build"], cwd=project, check=True, capture_output=True)
    return project / "site"


def swapped_site(base: Path, export: object, dest: Path) -> Path:
    """The bundled site with the synthetic library's finder data in place of its own."""
    shutil.copytree(base, dest)
    shutil.rmtree(dest / "assets" / "data")
    pages = base / "assets" / "data"
    export.write(dest / "assets")  # type: ignore[attr-defined]
    shutil.copy2(pages / "pages.js", dest / "assets" / "data" / "pages.js")  # the guide pages the header box lists
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--sites", type=Path)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    lines = ["bytes: files' sizes on disk (uncompressed), each file once, from navigation to the first result",
             "(the finder's data-ready, set when the first results are drawn); times from navigation.",
             "targets (issue 16): finder < 3 MB before the first result at 100,000 passages."]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = None
        for n in (int(x) for x in args.sizes.split(",")):
            library = synthetic_library(n)
            times, corpus, export = export_times(library, work / f"cache-{n}")
            lines += ["", f"{n:,} passages, {len(library.documents):,} documents", *times]
            if args.no_browser:
                continue
            built = args.sites / f"cailiaoku-{n}" / "site" if args.sites else None
            if built is not None and (built / "finder.html").is_file():
                site, how = built, "the built synthetic site"
            else:
                base = base or bundled_site(work)
                site, how = swapped_site(base, export, work / f"site-{n}"), "bundled site + this library's finder data"
            queries = pick_queries(corpus)
            lines.append(f"  finder.html of {how}:")
            rows = measure_finder(site, site.as_uri() + "/", None, queries)
            lines += report_browser("file://", rows)
            expected = python_hits(corpus, queries)
            same = all(hits == expected[q] for _, q, _, _, _, hits in rows if q in expected and hits >= 0)
            lines.append(f"      hit counts equal to `cailiaoku search`'s: {'yes' if same else 'NO'}")
            with serve(site) as (url, paths):
                lines += report_browser("http (python http.server, no compression)",
                                        measure_finder(site, url, paths, queries))
            if site != built:
                shutil.rmtree(site)
            print("\n".join(lines), flush=True)
    publish(ROOT, "finder", "finder benchmark", "\n".join(lines))


if __name__ == "__main__":
    t0 = time.perf_counter()
    main()
    print(f"({time.perf_counter() - t0:.0f} s)")

"""What nginx's gzip saves on the bundled site (html/js/json/css at gzip level 6, as the hosting
guide configures); prints figures and writes benchmarks/hosting.txt.

    python scripts/bench_hosting.py [已生成的网站目录]
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
from pathlib import Path

from cailiaoku.project import Project
from cailiaoku.site.cli import build_site

ROOT = Path(__file__).resolve().parents[1]
COMPRESSED = (".html", ".js", ".json", ".css", ".svg", ".txt")


def measure(site: Path) -> str:
    rows: dict[str, list[int]] = {}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSED:
            data = path.read_bytes()
            row = rows.setdefault(path.suffix, [0, 0, 0])
            row[0] += 1
            row[1] += len(data)
            row[2] += len(gzip.compress(data, compresslevel=6, mtime=0))
    lines = [f"{'type':6} {'files':>6} {'bytes':>12} {'gzip -6':>12} {'ratio':>6}"]
    for suffix, (n, raw, packed) in sorted(rows.items()):
        lines.append(f"{suffix:6} {n:6} {raw:12,} {packed:12,} {packed / raw:6.2f}")
    n, raw, packed = (sum(r[i] for r in rows.values()) for i in range(3))
    lines.append(f"{'total':6} {n:6} {raw:12,} {packed:12,} {packed / raw:6.2f}"
                 f"  ({raw / 1048576:.1f} MB → {packed / 1048576:.1f} MB)")
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(sys.argv[1]) if len(sys.argv) > 1 else build_site(Project(ROOT), Path(tmp) / "site")
        text = f"# gzip on the bundled site {time.strftime('%Y-%m-%d %H:%M')}\n{measure(site)}\n"
    print(text)
    (ROOT / "benchmarks" / "hosting.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

"""The editors', trainers' and hosting guides: complete, built, and in step with the code."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlparse

from cailiaoku.hosting.csp import directives, policy, scan_site
from cailiaoku.hosting.release import zip_site

ROOT = Path(__file__).resolve().parents[1]
TRAINING = "training/yishixingtai-zongjie"


def test_editors_guide_explains_every_lint_code() -> None:
    codes = set(re.findall(r'"([EW]\d{3})"', (ROOT / "src/cailiaoku/lint.py").read_text(encoding="utf-8")))
    assert {"E000", "E009", "E014", "E016", "W001"} <= codes
    guide = (ROOT / "docs/guide/editors.md").read_text(encoding="utf-8")
    explained = set(re.findall(r"^\| ([EW]\d{3}) \|", guide, re.M))
    assert explained == codes


def _links(html: str) -> list[str]:
    return re.findall(r'<a\b[^>]*\bhref="([^"#?]+)[^"]*"', html)


def test_training_page_embeds_live_permalinks(built_site: Path) -> None:
    source = (ROOT / "docs" / f"{TRAINING}.md").read_text(encoding="utf-8")
    named = set(re.findall(r'passage(?:_link)?\("([a-z0-9]{7})"', source))
    assert len(named) >= 6
    page = built_site / f"{TRAINING}.html"
    html = page.read_text(encoding="utf-8")
    assert "{{" not in html.split('<div class="md-content"', 1)[1]  # every macro was rendered
    permalinks = {m for m in re.findall(r'href="\.\./p/([a-z0-9]{7})\.html"', html)}
    assert named <= permalinks
    assert len(permalinks) > len(named)  # the passages(...) lists add more
    for pid in permalinks:
        target = built_site / "p" / f"{pid}.html"
        assert target.is_file() and f">{pid}<" in target.read_text(encoding="utf-8"), pid
    for link in _links(html):
        if urlparse(link).scheme:
            continue
        resolved = urlparse(urljoin(f"file://{page}", link)).path
        assert Path(resolved).is_file(), link


def test_guides_are_in_the_nav_and_built(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for path, title in (("guide/editors.html", "编辑指南"), ("guide/trainers.html", "培训指南"),
                        ("guide/hosting.html", "部署指南"), (f"{TRAINING}.html", "如何写好意识形态工作总结")):
        assert f'href="{path}"' in home, path
        heading = re.search(r"<h1[^>]*>([^<]*)", (built_site / path).read_text(encoding="utf-8"))
        assert heading and heading.group(1).startswith(title), path


def test_server_files_carry_the_same_policy(built_site: Path) -> None:
    csp = (built_site / "csp.txt").read_text(encoding="utf-8").strip()
    assert csp == policy(scan_site(built_site))
    assert directives(csp)["script-src"][0] == "'self'" and len(directives(csp)["script-src"]) > 1
    nginx = (built_site / "nginx-headers.conf").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{csp}" always;' in nginx
    guide = (ROOT / "docs/guide/hosting.md").read_text(encoding="utf-8")
    assert "include /srv/www/cailiaoku/nginx-headers.conf;" in guide
    tree = ET.parse(built_site / "web.config")
    headers = {e.get("name"): e.get("value") for e in tree.iter("add") if e.get("name")}
    assert headers["Content-Security-Policy"] == csp
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_zip_holds_the_site_under_one_folder_and_is_reproducible(built_site: Path, tmp_path: Path) -> None:
    first = zip_site(built_site, tmp_path / "a.zip")
    second = zip_site(built_site, tmp_path / "b.zip")
    assert first.read_bytes() == second.read_bytes()
    files = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    with zipfile.ZipFile(first) as zf:
        assert zf.testzip() is None
        assert zf.namelist() == [f"cailiaoku/{name}" for name in files]
        assert zf.read("cailiaoku/index.html") == (built_site / "index.html").read_bytes()

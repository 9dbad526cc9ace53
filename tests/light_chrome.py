"""A light page as the browser parses it: what each of its chrome scripts writes with
document.write (site/lightchrome.py), put in place of the script's tag."""

from __future__ import annotations

from pathlib import Path

from cailiaoku.site import lightchrome

CHROME_TAG = lightchrome.CHROME_TAG


def chrome_scripts(page: Path) -> list[Path]:
    return [(page.parent / src).resolve() for src in CHROME_TAG.findall(page.read_text(encoding="utf-8"))]


def as_written(page: Path) -> str:
    """A page without chrome scripts (one MkDocs renders) is returned as it is."""
    return lightchrome.as_written(page.read_text(encoding="utf-8"),
                                  lambda src: (page.parent / src).read_text(encoding="utf-8"))

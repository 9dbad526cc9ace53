"""Where a cailiaoku project keeps its parts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def snippets(self) -> Path:
        return self.root / "snippets"

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def taxonomy(self) -> Path:
        return self.root / "taxonomy.yaml"

    @property
    def cache_dir(self) -> Path:
        """Derived data kept between commands (never needed: deleting it only costs time)."""
        return self.root / ".cache" / "cailiaoku"

    @property
    def base_dir(self) -> Path:
        """Last ingest output per document: the common ancestor for re-ingest merges."""
        return self.snippets / ".ingested"

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The nearest folder upwards holding taxonomy.yaml (else the start folder)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "taxonomy.yaml").is_file():
                return cls(folder)
        return cls(here)

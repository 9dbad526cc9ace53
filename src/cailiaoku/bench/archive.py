"""Archive-import benchmark: a folder of mixed files ingested serially and in parallel.

Per file type: seconds per file of the serial run (reading + analysis; LibreOffice formats
also carry their share of the batched conversion). Parallel over serial: the whole command's
wall time, both from a cold conversion cache, each into a fresh copy of the project.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest.archive import ArchiveOptions, ingest_archive
from ..ingest.batch import default_jobs
from ..ingest.convert import LIBREOFFICE_SUFFIXES
from ..ingest.reading import ReadOptions
from ..project import Project
from .archive_corpus import make_archive


@dataclass
class ArchiveBench:
    files: int
    jobs: int
    serial_seconds: float
    parallel_seconds: float
    convert_seconds: float
    per_type: dict[str, list[float]] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    pdf_libraries: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"files in the folder: {self.files}", f"outcomes: {self.outcomes}",
                 f"serial (-j 1) seconds: {self.serial_seconds:.1f}",
                 f"parallel (-j {self.jobs}) seconds: {self.parallel_seconds:.1f}",
                 f"speed-up parallel/serial: {self.serial_seconds / self.parallel_seconds:.2f}x",
                 f"LibreOffice batch conversion (serial run): {self.convert_seconds:.1f} s",
                 "seconds per file by type (serial run):"]
        for kind, times in sorted(self.per_type.items(), key=lambda kv: -sum(kv[1]) / len(kv[1])):
            lines.append(f"  {kind:6} n={len(times):3}  mean {sum(times) / len(times):.3f}  max {max(times):.3f}")
        return "\n".join(lines + self.pdf_libraries)


def _project(root: Path, dest: Path) -> Project:
    dest.mkdir()
    for name in ("sources", "snippets"):
        shutil.copytree(root / name, dest / name)
    shutil.copy2(root / "taxonomy.yaml", dest / "taxonomy.yaml")
    return Project(dest)


def _timed_run(root: Path, tmp: Path, archive: Path, jobs: int, name: str,
               per_type: dict[str, list[float]] | None) -> tuple[float, float, dict[str, int]]:
    project = _project(root, tmp / name)
    options = ArchiveOptions(ReadOptions(cache=project.root / ".cache" / "convert"), jobs=jobs)
    start = time.perf_counter()
    result = ingest_archive([archive], project, options)
    seconds = time.perf_counter() - start
    outcomes: dict[str, int] = defaultdict(int)
    for row in result.rows:
        outcomes[row.outcome] += 1
        if per_type is not None and row.seconds is not None:
            per_type[row.format].append(row.seconds)
    return seconds, result.convert_seconds, dict(outcomes)


def compare_pdf_libraries(archive: Path) -> list[str]:
    """pdfplumber vs pypdf on the LibreOffice-made PDFs: characters out of place against the
    .docx text (rapidfuzz Indel distance), when pypdf is installed."""
    try:
        import pypdf
    except ImportError:
        return ["pdf libraries: pypdf not installed, comparison skipped"]
    import pdfplumber
    from rapidfuzz.distance import Indel

    from .archive_corpus import invent

    totals = {"pdfplumber": [0, 0.0], "pypdf": [0, 0.0]}
    chars = 0
    for pdf in sorted(archive.rglob("[0-9]*.pdf")):
        n = int(pdf.name[:3])
        expected = "".join(invent(n, title_year="档案室" not in str(pdf)).text.split())
        chars += len(expected)
        for name in totals:
            began = time.perf_counter()
            if name == "pdfplumber":
                with pdfplumber.open(pdf) as opened:
                    text = "".join((p.extract_text() or "") for p in opened.pages)
            else:
                text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
            totals[name][1] += time.perf_counter() - began
            totals[name][0] += Indel.distance("".join(text.split()), expected)
    return [f"pdf text vs source ({chars} characters): " + "; ".join(
        f"{k} {v[0]} characters differ, {v[1]:.2f} s" for k, v in totals.items())]


def run(root: Path, unique: int = 190, jobs: int | None = None) -> ArchiveBench:
    jobs = jobs or default_jobs()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        archive = tmp / "档案"
        make_archive(archive, unique=unique)
        files = sum(1 for p in archive.rglob("*") if p.is_file() and ".svn" not in p.parts)
        per_type: dict[str, list[float]] = defaultdict(list)
        serial, convert, outcomes = _timed_run(root, tmp, archive, 1, "serial", per_type)
        office = [t for k, t in per_type.items() if f".{k}" in LIBREOFFICE_SUFFIXES]
        share = convert / max(1, sum(len(t) for t in office))
        for times in office:
            times[:] = [t + share for t in times]
        parallel, _, _ = _timed_run(root, tmp, archive, jobs, "parallel", None)
        pdfs = compare_pdf_libraries(archive)
    return ArchiveBench(files, jobs, serial, parallel, convert, dict(per_type), outcomes, pdfs)

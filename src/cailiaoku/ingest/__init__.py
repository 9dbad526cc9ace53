"""Ingest: source file → lines (reading) → cleaned lines (cleaning) → tree (parsing)
→ passages (passages, roles, tagging) → merged library files (merge, pipeline)."""

from __future__ import annotations

from .pipeline import IngestResult, analyse_source, document_id, ingest, source_files

__all__ = ["IngestResult", "analyse_source", "document_id", "ingest", "source_files"]

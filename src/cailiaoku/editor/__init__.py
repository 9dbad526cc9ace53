"""Editors' tools: add passages and sources without hand-typing ids, and safe lint fixes."""

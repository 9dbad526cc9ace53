"""Compose a draft from library passages and export it in the GB/T 9704-2012 公文 layout."""

"""Site search: a sharded static index built here, queried in the browser by search.js.

``write_search_index(docs, out_dir)`` writes the index; ``query.Index`` runs the
browser's query algorithm in Python (for tests and the benchmark).
"""
from __future__ import annotations

from .index import SearchDoc, SearchStats, write_search_index

__all__ = ["SearchDoc", "SearchStats", "write_search_index"]

"""Site-relative URLs ("policies/x/") and the relative links between pages."""
from __future__ import annotations

import posixpath


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at ``from_url`` to ``to_url`` (both site-relative, "" is the home page)."""
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    target = to_url.rstrip("/")
    rel = posixpath.relpath(target or ".", base or ".")
    if to_url.endswith("/") or to_url == "":
        return "./" if rel == "." else rel + "/"
    return rel


def src_uri(url: str) -> str:
    """The Markdown source path MkDocs maps to ``url`` with directory URLs on."""
    return "index.md" if url == "" else url.rstrip("/") + ".md"

"""Site-relative URLs ("policies/x/") and the relative links between pages."""
from __future__ import annotations

import hashlib
import posixpath


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at ``from_url`` to ``to_url`` (both site-relative, "" is the home page)."""
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    rel = _relpath(to_url.rstrip("/"), base)
    if to_url.endswith("/") or to_url == "":
        return "./" if rel == "." else rel + "/"
    return rel


def _relpath(target: str, base: str) -> str:
    """``posixpath.relpath`` for site-relative paths, without its getcwd() call per link."""
    parts, base_parts = [p for p in target.split("/") if p], [p for p in base.split("/") if p]
    common = 0
    while common < min(len(parts), len(base_parts)) and parts[common] == base_parts[common]:
        common += 1
    rel = [".."] * (len(base_parts) - common) + parts[common:]
    return "/".join(rel) or "."


def src_uri(url: str) -> str:
    """The Markdown source path MkDocs maps to ``url`` with directory URLs on."""
    return "index.md" if url == "" else url.rstrip("/") + ".md"


def output_file(url: str) -> str:
    """The file MkDocs writes for the page at ``url`` with directory URLs on."""
    return url + "index.html" if url == "" or url.endswith("/") else url.rstrip("/") + "/index.html"


# -- each content type's URL, in one place (pages, links, feeds, search and data all ask here)

def policy_url(doc_id: str) -> str:
    return f"policies/{doc_id}/"


def interpretation_url(entry_id: str) -> str:
    return f"interpretations/{entry_id}/"


def free_page_url(entry_id: str) -> str:
    return f"pages/{entry_id}/"


def topic_slug(topic: str) -> str:
    """A stable ASCII slug for a Chinese topic name (URLs stay short and readable by every server)."""
    return "t-" + hashlib.sha1(topic.encode("utf-8")).hexdigest()[:10]


def topic_feed_url(topic: str) -> str:
    """The Atom feed of a topic's new documents."""
    return f"feed-topic-{topic_slug(topic)}.xml"

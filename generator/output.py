"""The page type every feature produces, and the context page builders share.

A leaf of the core: it imports no feature. Features build :class:`OutputPage` objects
from a :class:`PageContext`; a renderer (the MkDocs plugin today) turns each into a
file. No file I/O and no MkDocs here.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable, Optional
from urllib.parse import urlsplit

from . import urls
from .cache import BuildCache
from .files import is_plain
from .digest import digest
from .render import Fragment
from .site import Doc, Site, site_updated, sponsor
from .validity import STATUS_LABELS

#: A feature's rewrite of a body's Markdown for its page: (markdown, source rel, page URL, site) -> markdown.
BodyFilter = Callable[[str, str, str, Site], str]
#: A feature's part of a policy page: template context for ``policy.html`` (see generator/templates).
DocParts = Callable[[Site, Doc], dict]


@dataclass
class OutputPage:
    url: str                    # site-relative, "" for the home page
    title: str
    fragment: Fragment          # the HTML before and after the body, rendered on first use
    markdown: str = ""          # Markdown body, converted by the renderer
    meta: dict[str, str] = field(default_factory=dict)   # 47号 meta tags and description

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def before(self) -> str:
        return self.fragment.before

    @property
    def after(self) -> str:
        return self.fragment.after

    @property
    def key(self) -> Optional[str]:
        """What the page's output depends on (besides the theme and the navigation), or None
        when some input cannot be digested; see :class:`~generator.render.Fragment`."""
        if self.fragment.key is None:
            return None
        return digest(self.url, self.title, self.fragment.key, self.markdown, self.meta)


@dataclass
class PageContext:
    """What every page builder receives: the resolved site (with its as-of date), the
    47号 meta tags, and what other features add to bodies and policy pages.

    The pipeline fills ``body_filters`` and ``doc_parts`` from the feature list, so a
    feature uses another's contribution without importing it."""

    site: Site
    body_filters: tuple[BodyFilter, ...] = ()
    doc_parts: tuple[DocParts, ...] = ()
    sitemap_links: tuple[Callable[[Site], list[tuple[str, str]]], ...] = ()
    search_docs: tuple[Callable[[Site], list[tuple[str, str, str, list[str]]]], ...] = ()   # features' extra results
    search_items: tuple[Callable[[Site], list], ...] = ()   # features' ready results (records)
    datasets: tuple[Callable[[Site], list], ...] = ()       # features' open-data files (records, requests)
    planned: frozenset[str] = frozenset()   # URLs the other builders made (for index pages)
    made: tuple["OutputPage", ...] = ()     # ... and those pages (the home page shows their newest)
    cache: Optional[BuildCache] = None      # the build's cache, for what pages may remember

    def __post_init__(self) -> None:
        self.cfg = self.site.config
        self.domain = urlsplit(self.cfg.base_url).hostname or ""
        self.interpreted = frozenset(self.site.interpretations_of)
        self.labels = STATUS_LABELS

    def meta(self, *, column: str, column_type: str, title: str, date, source: str = "") -> dict[str, str]:
        """The 47号 meta tags every page carries; a page without a date of its own carries the
        site's newest content date (never the as-of date, which would change it every day)."""
        return {"SiteName": self.cfg.name, "SiteDomain": self.domain, "SiteIDCode": self.cfg.site_id_code or "",
                "ColumnName": column, "ColumnType": column_type, "ArticleTitle": title,
                "PubDate": (date or site_updated(self.site)).isoformat(),
                "ContentSource": source or sponsor(self.site)}

    def body(self, entry, url: str) -> str:
        """A body's Markdown for the page at ``url``: every feature's filter (images as
        ``<picture>``), then local links rewritten."""
        markdown = entry.body
        for rewrite in self.body_filters:
            markdown = rewrite(markdown, entry.rel, url, self.site)
        return rewrite_links(markdown, entry.rel, url)

    def data_files(self) -> list:
        """The open-data files the features write beyond the policies' (``DataFile``)."""
        return [item for files in self.datasets for item in files(self.site)]

    def parts(self, doc: Doc) -> dict:
        """The policy page's sections other features contribute (versions, tasks, Q&A …)."""
        context: dict = {}
        for part in self.doc_parts:
            context.update(part(self.site, doc))
        return context


FILE_KINDS = {".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".ofd": "OFD", ".xls": "Excel",
              ".xlsx": "Excel", ".csv": "CSV", ".txt": "文本", ".png": "图片", ".jpg": "图片",
              ".jpeg": "图片", ".webp": "图片", ".zip": "压缩包", ".wps": "WPS", ".et": "WPS表格"}


def attachments(ctx: "PageContext", items) -> list[dict]:
    """A page's attachments (policy or record): title, URL under files/, kind and size."""
    result = []
    for item in items:
        raw = ctx.site.content.root / "assets" / item.file
        size = raw.stat().st_size if raw.is_file() and is_plain(ctx.site.content.root, raw) else 0
        suffix = raw.suffix.lower()
        result.append({"title": item.title, "url": f"files/{item.file}",
                       "kind": FILE_KINDS.get(suffix, suffix.lstrip(".").upper() or "文件"),
                       "size": human_size(size)})
    return result


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


_LOCAL_LINK = re.compile(r"(!?\[[^\]]*\]\()([^)\s]+)")


def rewrite_links(body: str, source_rel: str, page_url: str) -> str:
    """Point a body's relative links to assets and documents at their URLs on the site."""
    def fix(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target, re.IGNORECASE):
            return match.group(0)
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), path))
        if resolved.startswith("assets/"):
            url = "files/" + resolved[len("assets/"):]
        elif resolved.endswith(".md") and "/" in resolved:
            folder, name = resolved.split("/", 1)[0], posixpath.basename(resolved)[:-3]
            url = f"{folder}/{name}/"
        else:
            return match.group(0)
        return match.group(1) + urls.relative(page_url, url) + (f"#{anchor}" if anchor else "")
    return _LOCAL_LINK.sub(fix, body)

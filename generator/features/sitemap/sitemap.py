"""``sitemap.xml`` (sitemaps.org 0.9), its ``.gz`` copy and ``robots.txt``.

Replaces the sitemap MkDocs writes: every public page, absolute from
``base_url``, with ``lastmod`` taken from the content (a document's publication or
latest status change), never the build time, so the files are byte-identical
for the same content and as-of date.
"""
from __future__ import annotations

import datetime as dt
import gzip
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ...output import OutputPage
from ...site import Site, absolute_url, doc_updated, site_updated

if TYPE_CHECKING:
    from ...plan import Plan

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def page_lastmod(site: Site, page: OutputPage) -> Optional[dt.date]:
    """The last content change a page shows; None for a free page without ``updated``.

    Lists, groups and other index pages show documents and their statuses: they
    change whenever any content does, so they take the site's newest content date.
    """
    kind, _, rest = page.url.partition("/")
    item_id = rest.rstrip("/")
    if kind == "policies" and item_id in site.docs:
        return doc_updated(site, site.docs[item_id])
    if kind == "interpretations" and item_id in site.interpretations:
        return site.interpretations[item_id].model.published
    if kind == "pages":
        entry = site.content.of("page").get(item_id)
        return entry.model.updated if entry else None
    return site_updated(site)


def render_sitemap(site: Site, pages: list[OutputPage]) -> bytes:
    """The sitemap of ``pages`` in their build order (home page first)."""
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for page in pages:
        node = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(node, f"{{{SITEMAP_NS}}}loc").text = absolute_url(site, page.url)
        lastmod = page_lastmod(site, page)
        if lastmod:
            ET.SubElement(node, f"{{{SITEMAP_NS}}}lastmod").text = lastmod.isoformat()
    ET.indent(urlset)
    body = ET.tostring(urlset, encoding="utf-8", xml_declaration=False, default_namespace=SITEMAP_NS)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def render_robots(site: Site) -> bytes:
    """Everything may be crawled; the sitemap is named by its absolute URL.

    Crawlers read robots.txt only at a host's root: when ``base_url`` has a path, the
    server's own robots.txt should carry the ``Sitemap:`` line too.
    """
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url(site, 'sitemap.xml')}\n".encode("utf-8")


def sitemap_files(site: Site, pages: list[OutputPage]) -> dict[str, bytes]:
    """``sitemap.xml``, a reproducible ``sitemap.xml.gz`` (mtime 0, no name) and ``robots.txt``."""
    xml = render_sitemap(site, pages)
    return {"sitemap.xml": xml, "sitemap.xml.gz": gzip.compress(xml, compresslevel=9, mtime=0),
            "robots.txt": render_robots(site)}


def write_sitemap(plan: "Plan", site_dir: Path) -> None:
    """Overwrite MkDocs' sitemap files with ours and add robots.txt."""
    for rel, data in sitemap_files(plan.site, plan.pages).items():
        (site_dir / rel).write_bytes(data)

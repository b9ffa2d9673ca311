"""Atom 1.0 documents (RFC 4287) from entries already in words: the feeds feature's and
each records section's (a leaf of the core).

Every date comes from the content, never from the clock, so the same content and as-of
date give byte-identical feeds.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urlsplit

from .site import Site, absolute_url, site_updated, sponsor

ATOM = "http://www.w3.org/2005/Atom"

ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class FeedEntry:
    """One Atom entry, already in words."""

    id: str
    title: str
    url: str                 # absolute
    updated: dt.date
    published: dt.date
    summary: str
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


def timestamp(day: dt.date) -> str:
    """Midnight of ``day`` in Beijing time, as RFC 3339 (``2024-03-01T00:00:00+08:00``)."""
    return f"{day.isoformat()}T00:00:00+08:00"


def tag(site: Site, day: dt.date, specific: str) -> str:
    """A tag URI (RFC 4151) under the site's domain and path: stable whatever the host serves."""
    parts = urlsplit(site.config.base_url)
    return f"tag:{parts.hostname},{day.isoformat()}:{parts.path}{specific}"


def newest_first(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """Newest first; ties by id so the order never depends on dict order."""
    return sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)


def render_feed(site: Site, path: str, title: str, entries: list[FeedEntry], subtitle: str = "") -> bytes:
    """An Atom document: UTF-8, absolute URLs, ``updated`` = the newest entry's date."""
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "zh-CN"})
    updated = max((e.updated for e in entries), default=site_updated(site))
    _text(feed, "id", absolute_url(site, path))
    _text(feed, "title", title)
    if subtitle:
        _text(feed, "subtitle", subtitle)
    _text(feed, "updated", timestamp(updated))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=absolute_url(site, path))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=absolute_url(site, ""))
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", sponsor(site))
    _text(feed, "generator", "disclosure-column")
    for entry in entries:
        _entry(feed, entry)
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8",
                                                                     xml_declaration=False) + b"\n"


def _text(parent: ET.Element, name: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value
    return element


def _entry(feed: ET.Element, entry: FeedEntry) -> None:
    node = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(node, "id", entry.id)
    _text(node, "title", entry.title)
    _text(node, "updated", timestamp(entry.updated))
    _text(node, "published", timestamp(entry.published))
    ET.SubElement(node, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=entry.url)
    for name in entry.authors:
        _text(ET.SubElement(node, f"{{{ATOM}}}author"), "name", name)
    for term in entry.categories:
        ET.SubElement(node, f"{{{ATOM}}}category", term=term)
    _text(node, "summary", entry.summary)

"""Atom 1.0 feeds (RFC 4287): new documents, validity changes, and new documents per topic.

Pure builders return bytes; the feature's writer writes them. Every date comes from the
content (publication, change dates), never from the clock, so the same content and
as-of date give byte-identical feeds. Only public documents appear, and a change
made by a document that is not public is described without naming it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional
from urllib.parse import urlsplit

from ...files import write_files
from ...registry import FeedLink
from ...site import GENRE_LABELS, Doc, Site, absolute_url, public_by, site_updated, sponsor
from ...urls import policy_url, topic_feed_url
from ...validity import STATUS_LABELS, Change
from ...views import EVENT_VERBS, VERBS, cn_date

if TYPE_CHECKING:
    from ...plan import Plan

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50
# Feeds sit at the site root: mkdocs-material fetches "sitemap.xml" next to every
# <link rel="alternate"> it finds, and only the root has one.
POLICIES = "feed-policies.xml"
VALIDITY = "feed-validity.xml"

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


def site_feeds(site: Site) -> list[FeedLink]:
    """The site-wide feeds, linked from every page's head."""
    name = site.config.name
    return [FeedLink(f"{name}：新发布政策文件", POLICIES), FeedLink(f"{name}：文件有效性变化", VALIDITY)]


def timestamp(day: dt.date) -> str:
    """Midnight of ``day`` in Beijing time, as RFC 3339 (``2024-03-01T00:00:00+08:00``)."""
    return f"{day.isoformat()}T00:00:00+08:00"


def tag(site: Site, day: dt.date, specific: str) -> str:
    """A tag URI (RFC 4151) under the site's domain and path: stable whatever the host serves."""
    parts = urlsplit(site.config.base_url)
    return f"tag:{parts.hostname},{day.isoformat()}:{parts.path}{specific}"


# -- entries --------------------------------------------------------------------------------

def document_entry(site: Site, doc: Doc) -> FeedEntry:
    """A newly published document; dated by its publication day."""
    m = doc.model
    facts = [f"发文字号：{m.doc_number}" if m.doc_number else "",
             f"发文机关：{'、'.join(o.name for o in doc.issuers)}", f"成文日期：{cn_date(m.written)}",
             f"发布日期：{cn_date(m.published)}", f"文件类型：{GENRE_LABELS[m.genre]}"]
    return FeedEntry(tag(site, m.published, policy_url(doc.id).rstrip("/")), m.title, absolute_url(site, doc.url),
                 m.published, m.published, "；".join(f for f in facts if f) + "。",
                 tuple(o.name for o in doc.issuers), tuple(m.topics))


def change_entries(site: Site, doc: Doc) -> Iterable[FeedEntry]:
    """One entry per change of ``doc`` in effect by the as-of date (repeal, amendment,
    expiry, outside event, or coming into force after the publication day)."""
    for change in doc.validity.changes:
        if change.upcoming:
            continue
        if change.relation == "effective" and change.date <= doc.model.published:
            continue   # in force on publication: the new-documents feed already said so
        label = STATUS_LABELS[change.kind] if change.relation != "effective" else "施行"
        yield FeedEntry(tag(site, change.date, change_key(site, doc, change)), f"{label}：{doc.model.title}",
                    absolute_url(site, doc.url), change.date, change.date, change_text(site, doc, change),
                    tuple(o.name for o in doc.issuers), (STATUS_LABELS[change.kind],))


def change_key(site: Site, doc: Doc, change: Change) -> str:
    """``policies/<id>/<relation>/<by>``; a non-public actor is hashed, never named."""
    key = f"{policy_url(doc.id)}{change.relation}"
    if change.by:
        by = change.by if public_by(site, change) else "x" + hashlib.sha1(change.by.encode()).hexdigest()[:10]
        key += f"/{by}"
    if change.event_index is not None:
        key += f"/{change.event_index}"
    return key


def change_text(site: Site, doc: Doc, change: Change) -> str:
    """The change in one sentence, naming the acting document only when it is public."""
    when = cn_date(change.date)
    if change.relation == "effective":
        return f"本文件自{when}施行。"
    if change.relation == "expires":
        return f"本文件有效期至{cn_date(doc.model.expires)}，已于{when}失效。"
    actor = public_by(site, change)
    if actor:
        name = f"《{actor.model.title}》" + (f"（{actor.model.doc_number}）" if actor.model.doc_number else "")
    elif change.relation == "event" and change.event_index is not None:
        event = doc.model.events[change.event_index]
        name = f"《{event.by_title}》" + (f"（{event.by_doc_number}）" if event.by_doc_number else "")
    else:
        name = "其他文件"
    verb = VERBS.get(change.relation) or EVENT_VERBS[change.kind]
    return f"本文件已于{when}被{name}{verb}，现{STATUS_LABELS[doc.status]}。"


# -- feeds ----------------------------------------------------------------------------------

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


def feed_files(site: Site) -> dict[str, bytes]:
    """Every feed of the site, path -> bytes."""
    name = site.config.name
    docs = site.sorted_docs()
    files = {
        POLICIES: render_feed(site, POLICIES, f"{name}：新发布政策文件",
                              [document_entry(site, d) for d in docs[:LIMIT]], f"最新发布的 {LIMIT} 件政策文件"),
        VALIDITY: render_feed(site, VALIDITY, f"{name}：文件有效性变化",
                              newest_first(e for d in docs for e in change_entries(site, d))[:LIMIT],
                              "文件的施行、修改、废止和失效，按生效日期排列"),
    }
    for topic, members in sorted(site.by(lambda d: d.model.topics).items()):
        path = topic_feed_url(topic)
        files[path] = render_feed(site, path, f"{name}：{topic}",
                                  [document_entry(site, d) for d in members[:LIMIT]], f"主题分类“{topic}”的新文件")
    return files


def topic_feed(site: Site, topic: str) -> Optional[FeedLink]:
    """The feed of ``topic``, when it has public documents."""
    if any(topic in d.model.topics for d in site.docs.values()):
        return FeedLink(f"{site.config.name}：{topic}", topic_feed_url(topic))
    return None


def write_feeds(plan: "Plan", site_dir: Path) -> None:
    """Write the ``feed-*.xml`` files into the output folder."""
    write_files(site_dir, feed_files(plan.site), plan.cache)

"""Atom 1.0 feeds (RFC 4287): new documents, validity changes, and new documents per topic.

Pure builders return bytes; the feature's writer writes them. Every date comes from the
content (publication, change dates), never from the clock, so the same content and
as-of date give byte-identical feeds. Only public documents appear, and a change
made by a document that is not public is described without naming it.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional

from ...atom import FeedEntry, newest_first, render_feed, tag, timestamp  # noqa: F401 (re-exported)
from ...files import write_files
from ...registry import FeedLink
from ...site import GENRE_LABELS, Doc, Site, absolute_url, public_by
from ...urls import policy_url, topic_feed_url
from ...validity import STATUS_LABELS, Change
from ...views import EVENT_VERBS, VERBS, cn_date

if TYPE_CHECKING:
    from ...plan import Plan

LIMIT = 50
# Feeds sit at the site root: mkdocs-material fetches "sitemap.xml" next to every
# <link rel="alternate"> it finds, and only the root has one.
POLICIES = "feed-policies.xml"
VALIDITY = "feed-validity.xml"


def site_feeds(site: Site) -> list[FeedLink]:
    """The site-wide feeds, linked from every page's head."""
    name = site.config.name
    return [FeedLink(f"{name}：新发布政策文件", POLICIES), FeedLink(f"{name}：文件有效性变化", VALIDITY)]


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

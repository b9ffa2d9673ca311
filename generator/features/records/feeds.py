"""An Atom feed per records section (``feed-records-<section>.xml``), announced in the
head of the section's list pages: its newest records, dated by their publication."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...atom import FeedEntry, render_feed, tag
from ...files import write_files
from ...site import Site, absolute_url
from ...views import cn_date
from .records import Shown, section_feed_url, shown_records

if TYPE_CHECKING:
    from ...plan import Plan

LIMIT = 50


def record_entry(site: Site, record: Shown) -> FeedEntry:
    m = record.model
    facts = [f"发布机构：{'、'.join(o.name for o in record.issuers)}", f"发布日期：{cn_date(m.published)}",
             f"文号：{m.doc_number}" if m.doc_number else "", f"索引号：{record.index_no}" if record.index_no else ""]
    summary = (m.summary + " " if m.summary else "") + "；".join(f for f in facts if f) + "。"
    return FeedEntry(tag(site, m.published, record.url.rstrip("/")), m.title, absolute_url(site, record.url),
                     record.updated, m.published, summary, tuple(o.name for o in record.issuers), tuple(m.topics))


def record_feeds(site: Site) -> dict[str, bytes]:
    """Each section's feed, path -> bytes (sections with a shown record only)."""
    files = {}
    for key, records in shown_records(site).items():
        if records:
            path, title = section_feed_url(key), records[0].section.title
            files[path] = render_feed(site, path, f"{site.config.name}：{title}",
                                      [record_entry(site, r) for r in records[:LIMIT]], f"栏目“{title}”的新信息")
    return files


def write_record_feeds(plan: "Plan", site_dir: Path) -> None:
    write_files(site_dir, record_feeds(plan.site), plan.cache)

"""A page per record (``<section>/<id>/``) and each section's paginated list (``<section>/``,
``<section>/page/2/`` …): the standard header, the banners of an expired or superseded
record, its typed table and attachments. No JavaScript; every value escaped by the templates."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from markupsafe import Markup

from ...output import OutputPage, PageContext, attachments
from ...render import render
from ...views import cn_date
from . import tables
from .data import section_data_urls
from .records import Shown, record_url, section_feed_url, shown_records

PER_PAGE = 20
COLUMN_TYPE = "信息条目"


@dataclass(frozen=True)
class Note:
    """A banner above a record's header, in words: ``before`` 《title》 ``after``."""

    status: str        # the CSS modifier the policy banners use (expired, repealed, in_force)
    label: str
    before: str
    title: str = ""
    url: Optional[str] = None
    after: str = ""


def build_record_pages(ctx: PageContext) -> list[OutputPage]:
    pages: list[OutputPage] = []
    for key, records in shown_records(ctx.site).items():
        if records:   # a section without a shown record has no page (and no navigation entry)
            pages += [record_page(ctx, r) for r in records]
            pages += section_pages(ctx, key, records)
    return pages


def header_rows(record: Shown) -> list[tuple[str, str]]:
    """索引号 · 发布机构 · 主题分类 · 发布日期 · 更新日期 · 文号 · 有效期至 (those the record has)."""
    m = record.model
    rows = [("索引号", record.index_no)] if record.index_no else []
    rows += [("发布机构", "、".join(o.name for o in record.issuers)),
             ("主题分类", "；".join(m.topics) or "无"),
             ("发布日期", cn_date(m.published))]
    if m.updated and m.updated != m.published:
        rows.append(("更新日期", cn_date(m.updated)))
    rows.append(("文号", m.doc_number or "无"))
    if m.valid_until:
        rows.append(("有效期至", cn_date(m.valid_until)))
    return rows


def notes(record: Shown) -> list[Note]:
    """已被替代 (linked to the new record), 已过有效期, and 替代《旧条目》 on the new one."""
    found = []
    new = record.superseded_by
    if new is not None:
        found.append(Note("repealed", "已被替代", "本条目已被", new.model.title,
                          record_url(record.section, new.id), "替代，保留供查阅。"))
    if record.expired:
        found.append(Note("expired", "已过有效期", f"本条目有效期至{cn_date(record.model.valid_until)}，已过有效期，保留供查阅。"))
    for old in record.replaces:
        found.append(Note("in_force", "替代说明", "本条目替代", old.model.title, record_url(record.section, old.id),
                          "。"))
    return found


def record_page(ctx: PageContext, record: Shown) -> OutputPage:
    site, m = ctx.site, record.model
    table = tables.table_fragment(site, record.entry)
    fragment = render("record.html", record.url, record=record, notes=notes(record), rows=header_rows(record),
                      table=Markup(table) if table else "", attachments=attachments(ctx, m.attachments),
                      section_url=record.section.url, section_title=record.section.title)
    source = "、".join(o.name for o in record.issuers)
    meta = ctx.meta(column=record.section.title, column_type=COLUMN_TYPE, title=m.title, date=m.published,
                    source=source)
    meta["description"] = m.summary or f"{record.section.title}：{m.title}"
    return OutputPage(record.url, m.title, fragment, ctx.body(record.entry, record.url), meta)


def section_pages(ctx: PageContext, key: str, records: list[Shown]) -> list[OutputPage]:
    """The section's list, newest first, ``PER_PAGE`` a page; the pager the policy lists use."""
    section = records[0].section
    base, title = section.url, section.title
    chunks = [records[i:i + PER_PAGE] for i in range(0, len(records), PER_PAGE)]
    page_urls = [base] + [f"{base}page/{n}/" for n in range(2, len(chunks) + 1)]
    json_url, csv_url = section_data_urls(key)
    pages = []
    for number, (url, chunk) in enumerate(zip(page_urls, chunks), start=1):
        pager = {"number": number, "count": len(chunks), "total": len(records),
                 "pages": list(enumerate(page_urls, start=1)),
                 "previous": page_urls[number - 2] if number > 1 else None,
                 "next": page_urls[number] if number < len(chunks) else None}
        page_title = title if number == 1 else f"{title}（第{number}页）"
        fragment = render("records.html", url, title=page_title, records=chunk, pager=pager,
                          feed_url=section_feed_url(key), json_url=json_url, csv_url=csv_url)
        meta = ctx.meta(column=title, column_type=COLUMN_TYPE, title=page_title, date=chunk[0].model.published)
        meta.update(feed_url=section_feed_url(key), feed_title=f"{ctx.cfg.name}：{title}")
        pages.append(OutputPage(url, page_title, fragment, "", meta))
    return pages

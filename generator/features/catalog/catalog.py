"""The standard catalog: the 26 pilot areas, resolving item links, and coverage.

Pure functions over loaded content: :func:`resolve_item` turns an item's
``links`` into titled, dated targets (used by the pages and by the coverage
checks), and :func:`coverage_problems` says which items link to nothing, or
only to stale information, as located warnings.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional
from urllib.parse import urlsplit

from ...content import Content, Entry
from ...errors import Problem
from ...model.catalog import Item, Link
from ...model.record import RECORD_TYPE
from ...topics import SEPARATOR
from ...urls import free_page_url, policy_url
from ...yamlio import load_yaml
from ...validity import STATUS_LABELS, is_published

PILOT_AREAS_FILE = Path(__file__).parent / "data" / "catalog_areas.yml"
DEFAULT_MAX_AGE_DAYS = 365


@dataclass(frozen=True)
class PilotArea:
    """One of the 26 pilot areas of 基层政务公开标准化规范化."""

    name: str
    department: str
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def pilot_areas() -> tuple[PilotArea, ...]:
    """The official list, in the order of the 2017 pilot plan."""
    data = load_yaml(PILOT_AREAS_FILE.read_text(encoding="utf-8"), str(PILOT_AREAS_FILE)).data
    return tuple(PilotArea(d["name"], d["department"], tuple(d.get("aliases") or ())) for d in data)


def pilot_area_of(name: str) -> Optional[PilotArea]:
    """The pilot area an ``area:`` name means (its official name or an alias), else None."""
    return next((a for a in pilot_areas() if name.strip() in (a.name, *a.aliases)), None)


@dataclass(frozen=True)
class DocInfo:
    """What an item link needs to know about a published, public policy."""

    id: str
    title: str
    doc_number: str
    published: dt.date
    topics: tuple[str, ...]
    status: str = ""        # Status value, for the badge; "" when not computed (checks)
    label: str = ""


@dataclass(frozen=True)
class Target:
    """One piece of information an item links to."""

    title: str
    url: str                 # site-relative ("policies/x/") or absolute (external)
    external: bool = False
    date: Optional[dt.date] = None
    status: str = ""
    label: str = ""
    host: str = ""


@dataclass(frozen=True)
class ResolvedLink:
    """An item link: what kind it is, what it says, and the targets it resolved to."""

    kind: str                # policy / page / record / section / url / topics
    label: str
    targets: tuple[Target, ...]
    url: str = ""            # a section link: the section's list page


def topic_matches(doc_topics: tuple[str, ...], topic: str) -> bool:
    """``一级`` matches every ``一级\\二级``; ``一级\\二级`` matches itself only."""
    return any(t == topic or t.startswith(topic + SEPARATOR) for t in doc_topics)


def published_docs(content: Content, as_of: dt.date) -> dict[str, DocInfo]:
    """Public policies published on or before ``as_of`` (what a visitor can open)."""
    return {doc_id: _info(doc_id, e) for doc_id, e in content.policies.items()
            if e.model.is_public and is_published(e.model, as_of)}


def _info(doc_id: str, entry: Entry, status: str = "", label: str = "") -> DocInfo:
    m = entry.model
    return DocInfo(doc_id, m.title, m.doc_number or "", m.published, tuple(m.topics), status, label)


def site_docs(site) -> dict[str, DocInfo]:
    """The same, from a resolved site, with status badges."""
    return {d.id: _info(d.id, d.entry, d.status.value, STATUS_LABELS[d.status]) for d in site.docs.values()}


@dataclass(frozen=True)
class RecordInfo:
    """What an item link needs to know about a published, public record (信息条目)."""

    id: str
    title: str
    url: str
    section: str             # its section id (the folder under content/)
    date: dt.date            # updated, else published


def section_titles(content: Content) -> dict[str, tuple[str, str]]:
    """Section id -> (title, list URL) of every records section, for section links."""
    sections = content.structure.sections if content.structure else {}
    return {k: (s.title, s.url) for k, s in sections.items() if s.feature == "records"}


def published_records(content: Content, as_of: dt.date) -> dict[str, RecordInfo]:
    """Public records published on or before ``as_of``, in a section the site has. Read from
    the loaded content and the section tree (core), not from the records feature."""
    sections = content.structure.sections if content.structure else {}
    found = {}
    for record_id, entry in content.of(RECORD_TYPE).items():
        m, key = entry.model, entry.rel.split("/", 1)[0]
        if key in sections and m.is_public and is_published(m, as_of):
            found[record_id] = RecordInfo(record_id, m.title, f"{sections[key].url}{record_id}/", key,
                                          max(m.published, m.updated or m.published))
    return found


def _record_target(record: RecordInfo) -> Target:
    return Target(record.title, record.url, False, record.date)


def _doc_target(doc: DocInfo) -> Target:
    cited = f"《{doc.title}》" + (f"（{doc.doc_number}）" if doc.doc_number else "")
    return Target(cited, policy_url(doc.id), False, doc.published, doc.status, doc.label)


def resolve_link(link: Link, docs: dict[str, DocInfo], pages: dict[str, Entry],
                 records: dict[str, RecordInfo], sections: dict[str, tuple[str, str]]) -> ResolvedLink:
    """The targets of one link; unknown or unpublished ids resolve to no target."""
    if link.record is not None:
        record = records.get(link.record)
        return ResolvedLink("record", "信息条目", (_record_target(record),) if record else ())
    if link.section is not None:
        found = sorted((r for r in records.values() if r.section == link.section),
                       key=lambda r: (r.date, r.id), reverse=True)
        title, url = sections.get(link.section, (link.section, ""))
        # a section with nothing published yet has no list page to link (a build of a past date)
        return ResolvedLink("section", title, tuple(_record_target(r) for r in found), url if found else "")
    if link.policy is not None:
        doc = docs.get(link.policy)
        return ResolvedLink("policy", "政策文件", (_doc_target(doc),) if doc else ())
    if link.page is not None:
        page = pages.get(link.page)
        found = (Target(page.model.title, free_page_url(page.id), date=page.model.updated),) if page else ()
        return ResolvedLink("page", "页面", found)
    if link.url is not None:
        host = urlsplit(link.url).hostname or ""
        return ResolvedLink("url", "外部链接", (Target(link.url, link.url, True, host=host),))
    matching = [d for d in docs.values() if any(topic_matches(d.topics, t) for t in link.topics or ())]
    matching.sort(key=lambda d: (d.published, d.id), reverse=True)
    label = "主题分类：" + "；".join(link.topics or ())
    return ResolvedLink("topics", label, tuple(_doc_target(d) for d in matching))


def resolve_item(item: Item, docs: dict[str, DocInfo], pages: dict[str, Entry],
                 records: dict[str, RecordInfo], sections: dict[str, tuple[str, str]]) -> list[ResolvedLink]:
    return [resolve_link(link, docs, pages, records, sections) for link in item.links]


def item_label(item: Item) -> str:
    """How messages name an item: its code (if any) and its categories."""
    name = "/".join(item.category)
    return f"{item.code} {name}" if item.code else name


def max_age(entry: Entry, item: Item) -> int:
    return item.max_age_days or entry.model.max_age_days or DEFAULT_MAX_AGE_DAYS


def newest_date(links: list[ResolvedLink]) -> Optional[dt.date]:
    dates = [t.date for link in links for t in link.targets if t.date]
    return max(dates) if dates else None


def coverage_problems(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """Warnings: items that link to no published information, or only to stale information."""
    docs, pages, records = published_docs(content, as_of), content.of("page"), published_records(content, as_of)
    sections = section_titles(content)
    for entry in content.of("catalog").values():
        for i, item in enumerate(entry.model.items):
            if item.not_applicable:
                continue
            links = resolve_item(item, docs, pages, records, sections)
            yield from _item_coverage(entry, i, item, links, as_of)


def _item_coverage(entry: Entry, i: int, item: Item, links: list[ResolvedLink],
                   as_of: dt.date) -> Iterator[Problem]:
    name = item_label(item)
    if not any(link.targets for link in links):
        yield entry.at("items", i, problem_key=f"items[{i}].links", warning=True,
                       zh=f"事项“{name}”没有链接到任何已公开的信息；请在 links 中添加 policy、page、record、section、url 或 topics，"
                          f"或用 not_applicable 说明本地未涉及的原因",
                       en=f"item {name} links to no published information; add a policy, page, record, section, url or topics "
                          f"link under links, or say why it does not apply here with not_applicable")
        return
    newest, days = newest_date(links), max_age(entry, item)
    if newest and (as_of - newest).days > days:
        yield entry.at("items", i, problem_key=f"items[{i}].links", warning=True,
                       zh=f"事项“{name}”链接的信息最近一次发布或更新于 {newest}，到 {as_of} 已超过 {days} 天；"
                          f"请发布更新的信息并添加链接，或用 max_age_days 调整期限",
                       en=f"the newest information linked from item {name} is of {newest}, more than {days} days "
                          f"before {as_of}; publish and link newer information, or adjust max_age_days")

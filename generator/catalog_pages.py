"""Pages of the standard catalog (``catalog/``, ``catalog/<area-id>/``) and the Q&A library (``qa/``).

View models are computed here; the templates only lay them out. Called from
:meth:`generator.pages.PageBuilder.build`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from .catalog import (ResolvedLink, item_label, pilot_area_of, pilot_areas, resolve_item, site_docs)
from .content import Entry
from .model.catalog import AUDIENCE_LABELS, LEVEL_LABELS, MODE_LABELS
from .render import render
from .site import Site

#: The ten columns of the standard catalog, as (header, attribute of ItemRow).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("一级事项", "first"), ("二级事项", "second"), ("公开内容（要素）", "content"), ("公开依据", "basis"),
    ("公开时限", "deadline"), ("公开主体", "owner"), ("公开渠道和载体", "channels"), ("公开对象", "audience"),
    ("公开方式", "mode"), ("公开层级", "level"))
LINKS_HEADER = "相关信息"

Meta = Callable[..., dict]


@dataclass(frozen=True)
class ItemRow:
    """One catalog item as the area page shows it."""

    anchor: str
    code: str
    first: str
    second: str
    content: str
    basis: str
    deadline: str
    owner: str
    channels: str
    audience: str
    mode: str
    level: str
    links: tuple[ResolvedLink, ...]
    not_applicable: str = ""


@dataclass(frozen=True)
class AreaSummary:
    """One area on the overview page."""

    id: str
    name: str
    url: str
    pilot: str              # official pilot area name, "" when not a pilot area
    level: str
    items: int
    linked: int
    not_applicable: str = ""
    items_not_applicable: tuple[str, ...] = field(default_factory=tuple)


def levels(values) -> str:
    return "、".join(LEVEL_LABELS[v] for v in values)


def item_rows(site: Site, entry: Entry) -> list[ItemRow]:
    docs, pages, orgs = site_docs(site), site.content.of("page"), site.content.organizations
    rows = []
    for i, item in enumerate(entry.model.items, start=1):
        owner = orgs[item.owner].name if item.owner in orgs else item.owner
        rows.append(ItemRow(
            f"item-{i}", item.code or "", item.category[0], item.category[1] if len(item.category) > 1 else "—",
            item.content, item.basis, item.deadline, owner, "、".join(item.channels),
            AUDIENCE_LABELS[item.audience], MODE_LABELS[item.mode], levels(item.level or entry.model.level),
            tuple(resolve_item(item, docs, pages)), item.not_applicable or ""))
    return rows


def sorted_areas(site: Site) -> list[Entry]:
    return sorted(site.content.of("catalog").values(), key=lambda e: (e.model.order, e.id))


def area_summary(site: Site, entry: Entry) -> AreaSummary:
    rows = item_rows(site, entry)
    pilot = pilot_area_of(entry.model.area)
    linked = sum(1 for r in rows if any(link.targets for link in r.links))
    skipped = tuple(f"{item_label(i)}：{i.not_applicable}" for i in entry.model.items if i.not_applicable)
    return AreaSummary(entry.id, entry.model.area, f"catalog/{entry.id}/", pilot.name if pilot else "",
                       levels(entry.model.level), len(rows), linked, entry.model.not_applicable or "", skipped)


def build_catalog_pages(site: Site, meta: Meta) -> list:
    """The overview and one page per area; nothing when the site has no catalog."""
    from .pages import OutputPage
    areas = sorted_areas(site)
    if not areas:
        return []
    summaries = [area_summary(site, e) for e in areas]
    covered = {s.pilot: s for s in summaries if s.pilot}
    pilots = [(p, covered.get(p.name)) for p in pilot_areas()]
    title = "基层政务公开标准目录"
    fragment = render("catalog.html", "catalog/", title=title, areas=summaries, pilots=pilots,
                      absent=[p for p, s in pilots if s is None])
    pages = [OutputPage("catalog/", title, fragment, "",
                        meta(column=title, column_type="标准目录", title=title, date=None))]
    for entry, summary in zip(areas, summaries):
        pages.append(area_page(site, entry, summary, meta))
    return pages


def area_page(site: Site, entry: Entry, summary: AreaSummary, meta: Meta):
    from .pages import OutputPage
    url, name = summary.url, entry.model.area
    title = f"{name}领域基层政务公开标准目录"
    fragment = render("catalog_area.html", url, title=title, area=summary, rows=item_rows(site, entry),
                      columns=COLUMNS, links_header=LINKS_HEADER)
    return OutputPage(url, title, fragment, "",
                      meta(column="基层政务公开标准目录", column_type="标准目录", title=title, date=None))


def policy_qa(site: Site, doc_id: str) -> list[tuple[str, str]]:
    """(question, anchor URL) of every published Q&A entry about a policy, for its page."""
    return [(item.question, f"qa/#{qa_anchor(e.id, n)}")
            for e in site.qa_of.get(doc_id, []) for n, item in enumerate(e.model.items, start=1)]


def qa_anchor(file_id: str, number: int) -> str:
    """The fragment of one Q&A entry on ``qa/``: ``q-<file-id>-<n>``, n from 1."""
    return f"q-{file_id}-{number}"


def linked_title(site: Site, doc_id: str) -> tuple[str, Optional[str], str, str]:
    """(cited title, URL or None, status, label) of a policy a Q&A entry refers to."""
    from .validity import STATUS_LABELS
    entry, doc = site.content.policies[doc_id], site.doc(doc_id)
    m = entry.model
    cited = f"《{m.title}》" + (f"（{m.doc_number}）" if m.doc_number else "")
    if doc is None:
        return cited, None, "", ""
    return cited, doc.url, doc.status.value, STATUS_LABELS[doc.status]


def sitemap_section(site: Site) -> list[tuple[str, list[tuple[str, str]]]]:
    """The site map's 标准目录 and 政策问答 entries (only what exists)."""
    links = [("基层政务公开标准目录", "catalog/")] if site.content.of("catalog") else []
    links += [(f"{e.model.area}领域", f"catalog/{e.id}/") for e in sorted_areas(site)]
    links += [("政策问答", "qa/")] if site.qa else []
    return [("标准目录与政策问答", links)] if links else []

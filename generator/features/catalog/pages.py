"""Pages of the standard catalog (``catalog/``, ``catalog/<area-id>/``).

View models are computed here; the templates only lay them out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .catalog import (ResolvedLink, item_label, pilot_area_of, pilot_areas, published_records, resolve_item,
                      section_titles, site_docs)
from ...content import Entry
from ...model.catalog import AUDIENCE_LABELS, LEVEL_LABELS, MODE_LABELS
from ...render import render
from ...site import Site
from ...output import OutputPage

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


def area_url(area_id: str) -> str:
    """The page of one catalog area (``content/catalog/<area-id>.yml``)."""
    return f"catalog/{area_id}/"


def levels(values) -> str:
    return "、".join(LEVEL_LABELS[v] for v in values)


def item_rows(site: Site, entry: Entry) -> list[ItemRow]:
    docs, pages, orgs = site_docs(site), site.content.of("page"), site.content.organizations
    records, sections = published_records(site.content, site.as_of), section_titles(site.content)
    rows = []
    for i, item in enumerate(entry.model.items, start=1):
        owner = orgs[item.owner].name if item.owner in orgs else item.owner
        rows.append(ItemRow(
            f"item-{i}", item.code or "", item.category[0], item.category[1] if len(item.category) > 1 else "—",
            item.content, item.basis, item.deadline, owner, "、".join(item.channels),
            AUDIENCE_LABELS[item.audience], MODE_LABELS[item.mode], levels(item.level or entry.model.level),
            tuple(resolve_item(item, docs, pages, records, sections)), item.not_applicable or ""))
    return rows


def sorted_areas(site: Site) -> list[Entry]:
    return sorted(site.content.of("catalog").values(), key=lambda e: (e.model.order, e.id))


def area_summary(site: Site, entry: Entry) -> AreaSummary:
    rows = item_rows(site, entry)
    pilot = pilot_area_of(entry.model.area)
    linked = sum(1 for r in rows if any(link.targets for link in r.links))
    skipped = tuple(f"{item_label(i)}：{i.not_applicable}" for i in entry.model.items if i.not_applicable)
    return AreaSummary(entry.id, entry.model.area, area_url(entry.id), pilot.name if pilot else "",
                       levels(entry.model.level), len(rows), linked, entry.model.not_applicable or "", skipped)


def build_catalog_pages(site: Site, meta: Meta) -> list:
    """The overview and one page per area; nothing when the site has no catalog."""
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
    url, name = summary.url, entry.model.area
    title = f"{name}领域基层政务公开标准目录"
    fragment = render("catalog_area.html", url, title=title, area=summary, rows=item_rows(site, entry),
                      columns=COLUMNS, links_header=LINKS_HEADER)
    return OutputPage(url, title, fragment, "",
                      meta(column="基层政务公开标准目录", column_type="标准目录", title=title, date=None))


def sitemap_areas(site: Site) -> list[tuple[str, str]]:
    """The site map's entry for each catalog area, after 基层政务公开标准目录."""
    return [(f"{e.model.area}领域", area_url(e.id)) for e in sorted_areas(site)]

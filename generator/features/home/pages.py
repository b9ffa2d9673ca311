"""The home page (首页), laid out from :mod:`generator.sections`, and the free pages
(``pages/<id>/``: 公开指南, 公开制度 …).

The home page is the column's front door (issue 23): the search box, the fixed entries
every 政府信息公开专栏 has, then the sections of the ``home:`` view with their newest
items, the latest documents and the validity changes at the as-of date. Everything comes
from the section tree and the pages the other features made (``ctx.made``), so a site
that renames or hides a section sees its front page follow.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from ...output import OutputPage, PageContext
from ...render import render
from ...sections import Group, Placed, free_page_links, list_specs
from ...urls import free_page_url
from ...validity import STATUS_LABELS, Status

ALL_URL = "lists/all/"
STATUTORY_ANCHOR = "#statutory"
NEWEST = 3        # items under each section
LATEST = 6        # policy documents in the latest block
CHANGES = 5       # past validity changes shown


@dataclass(frozen=True)
class HomeItem:
    """One line under a block: a title, its page and its date."""

    title: str
    url: str
    date: Optional[dt.date] = None


@dataclass
class HomeBlock:
    """One section on the home page: its title, full list, how many and the newest items."""

    title: str
    url: str
    count: str = ""
    items: list[HomeItem] = field(default_factory=list)


def free_pages(ctx: PageContext) -> list[OutputPage]:
    return [free_page(ctx, e) for e in sorted(ctx.site.content.of("page").values(), key=lambda e: e.id)]


def free_page(ctx: PageContext, entry) -> OutputPage:
    url = free_page_url(entry.id)
    m = entry.model
    fragment = render("page.html", url, title=m.title, updated=m.updated)
    meta = ctx.meta(column=m.title, column_type=m.column_type or m.title, title=m.title, date=m.updated)
    return OutputPage(url, m.title, fragment, ctx.body(entry, url), meta)


def home_page(ctx: PageContext) -> list[OutputPage]:
    site = ctx.site
    blocks, links, latest = home_blocks(ctx)
    entries = fixed_entries(ctx, has_statutory=bool(blocks or links))   # the #statutory section
    search = shown_url(ctx, "search")
    fragment = render("home.html", "", site=ctx.cfg, search=search, entries=entries, blocks=blocks,
                      links=links, latest=latest, docs=site.sorted_docs()[:LATEST] if latest else [],
                      labels=ctx.labels, interpreted=ctx.interpreted, changes=validity_changes(ctx),
                      change_lists=change_lists(ctx))
    newest = max((d.model.published for d in site.docs.values()), default=None)
    return [OutputPage("", "首页", fragment, "",
                       ctx.meta(column="首页", column_type="首页", title=ctx.cfg.name, date=newest))]


def shown_url(ctx: PageContext, key: str) -> Optional[str]:
    """The URL of section ``key`` when this site shows it and some feature made its page."""
    section = ctx.site.content.structure.shown(key)
    return section.url if section is not None and section.url in ctx.planned else None


# -- the fixed entries ---------------------------------------------------------------------

def fixed_entries(ctx: PageContext, has_statutory: bool) -> list[tuple[str, str]]:
    """政府信息公开指南 · 制度 · 法定主动公开内容 · 年报 · 依申请公开: those this site has.

    The guide and the rules are free pages (by their ``column_type``); the annual reports
    and the requests are sections, or a free page of that type when the section is absent."""
    pages = {e.model.column_type: free_page_url(e.id) for e in
             sorted(ctx.site.content.of("page").values(), key=lambda e: (e.model.order, e.id), reverse=True)}
    wanted = (("政府信息公开指南", pages.get("信息公开指南") or pages.get("政府信息公开指南")),
              ("政府信息公开制度", pages.get("政府信息公开制度")),
              ("法定主动公开内容", STATUTORY_ANCHOR if has_statutory else None),
              ("政府信息公开年报", shown_url(ctx, "reports") or pages.get("政府信息公开年报")),
              ("依申请公开", shown_url(ctx, "requests") or pages.get("依申请公开")))
    return [(label, url) for label, url in wanted if url]


# -- the sections of the home: view --------------------------------------------------------

def home_blocks(ctx: PageContext) -> tuple[list[HomeBlock], list[tuple[str, str]], Optional[HomeBlock]]:
    """The ``home:`` view as blocks with their newest items (a section with a ``count``),
    the latest documents (``lists/all/``) and plain links (the other sections)."""
    site = ctx.site
    specs = {spec.url: spec for spec in list_specs(site.content.structure)}
    docs = site.sorted_docs()
    blocks: list[HomeBlock] = []
    links: list[tuple[str, str]] = []
    latest: Optional[HomeBlock] = None
    entry_urls = set(url for _, url in fixed_entries(ctx, False))
    for item in site.content.structure.home:
        for placed in (item.items if isinstance(item, Group) else (item,)):
            if placed.url == "pages/*":
                links += [(t, u) for t, u in free_page_links(site) if u not in entry_urls]
            elif placed.url not in ctx.planned:
                continue
            elif placed.url in specs:
                chosen = [d for d in docs if specs[placed.url].select(d)]
                block = HomeBlock(placed.title, placed.url, _count(placed, len(chosen)),
                              [HomeItem(d.model.title, d.url, d.model.published) for d in chosen[:NEWEST]])
                if placed.url == ALL_URL:
                    latest = block
                elif placed.count:
                    blocks.append(block)
                else:
                    links.append((placed.title, placed.url))
            elif placed.count:
                children = child_pages(ctx, placed.url)
                blocks.append(HomeBlock(placed.title, placed.url, _count(placed, len(children)), children[:NEWEST]))
            elif placed.url not in entry_urls:   # a fixed entry is linked once, above
                links.append((placed.title, placed.url))
    return blocks, links, latest


def _is_page_number(segment: str) -> bool:
    """``2`` in ``interpretations/2/`` is a list's second page; ``2025`` in ``reports/2025/`` is not."""
    return segment.isdigit() and len(segment) < 4


def _count(placed: Placed, number: int) -> str:
    return f"{number} {placed.count}" if placed.count else ""


def child_pages(ctx: PageContext, url: str) -> list[HomeItem]:
    """The pages one level under ``url`` (``interpretations/<id>/``), newest first."""
    items = []
    for page in ctx.made:
        rest = page.url[len(url):] if page.url.startswith(url) else ""
        if rest.count("/") == 1 and rest.endswith("/") and not _is_page_number(rest[:-1]):
            items.append(HomeItem(page.title, page.url, dt.date.fromisoformat(page.meta["PubDate"])))
    return sorted(items, key=lambda i: (i.date, i.url), reverse=True)


CHANGE_SECTIONS = ("pending", "repealed", "expired")


def change_lists(ctx: PageContext) -> list[tuple[str, str]]:
    """The full lists behind the changes block: 尚未生效, 已废止, 已失效 (those shown)."""
    structure = ctx.site.content.structure
    found = [(key, shown_url(ctx, key)) for key in CHANGE_SECTIONS]
    return [(structure.sections[key].title, url) for key, url in found if url]


# -- validity changes at the as-of date ----------------------------------------------------

def validity_changes(ctx: PageContext) -> dict[str, list]:
    """即将施行 (announced, effective after the as-of date, soonest first) and the recent
    已废止 / 已修改 / 已失效 (newest first), each as (date, doc, label)."""
    upcoming, past = [], []
    for doc in ctx.site.docs.values():
        for c in doc.validity.changes:
            if c.upcoming and c.relation == "effective":
                upcoming.append((c.date, doc, "即将施行"))
            elif not c.upcoming and c.relation != "effective" and c.kind is not Status.IN_FORCE:
                past.append((c.date, doc, STATUS_LABELS[c.kind]))
    upcoming.sort(key=lambda item: (item[0], item[1].id))
    past.sort(key=lambda item: (item[0], item[1].id), reverse=True)
    return {"upcoming": upcoming[:CHANGES], "past": past[:CHANGES]}

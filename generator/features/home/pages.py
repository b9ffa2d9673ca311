"""The home page (首页), laid out from :mod:`generator.sections`, and the free pages
(``pages/<id>/``: 公开指南, 公开制度 …)."""
from __future__ import annotations

from ...output import OutputPage, PageContext
from ...render import render
from ...sections import Group, free_page_links, list_specs
from ...urls import free_page_url
from ...validity import STATUS_LABELS, Status


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
    counts = count_sections(ctx)
    columns = []
    for item in site.content.structure.home:
        for placed in (item.items if isinstance(item, Group) else (item,)):
            if placed.url == "pages/*":
                columns += [(title, url, "") for title, url in free_page_links(site)]
            elif placed.url in ctx.planned:
                count = f"{counts.get(placed.url, 0)} {placed.count}" if placed.count else ""
                columns.append((placed.title, placed.url, count))
    fragment = render("home.html", "", site=ctx.cfg, columns=columns, labels=ctx.labels,
                      latest=site.sorted_docs()[:10], interpreted=ctx.interpreted,
                      changes=recent_changes(ctx))
    newest = max((d.model.published for d in site.docs.values()), default=None)
    return [OutputPage("", "首页", fragment, "",
                       ctx.meta(column="首页", column_type="首页", title=ctx.cfg.name, date=newest))]


def count_sections(ctx: PageContext) -> dict[str, int]:
    """How many documents each list column holds, and how many interpretations there are."""
    docs = ctx.site.sorted_docs()
    counts = {spec.url: sum(1 for d in docs if spec.select(d)) for spec in list_specs(ctx.site.content.structure)}
    counts["interpretations/"] = len(ctx.site.interpretations)
    return counts


def recent_changes(ctx: PageContext, limit: int = 10) -> list:
    changes = [(c.date, doc, STATUS_LABELS[c.kind]) for doc in ctx.site.docs.values()
               for c in doc.validity.changes
               if not c.upcoming and c.relation != "effective" and c.kind is not Status.IN_FORCE]
    changes.sort(key=lambda item: (item[0], item[1].id), reverse=True)
    return [(day, doc, f"：{label}") for day, doc, label in changes[:limit]]

"""The site map page (``sitemap/``): the groups of :data:`generator.sections.SITEMAP`,
each with the links whose pages exist."""
from __future__ import annotations

from ...output import OutputPage, PageContext
from ...render import render
from ...sections import CATALOG_AREAS, FREE_PAGES, SITEMAP, free_page_links, present


def sitemap_page(ctx: PageContext) -> list[OutputPage]:
    """网站地图: the declared groups, each with the links whose pages exist."""
    expand = {FREE_PAGES: free_page_links(ctx.site),
              CATALOG_AREAS: [link for links in ctx.sitemap_links for link in links(ctx.site)]}
    sections = []
    for heading, links in SITEMAP:
        found = [item for title, url in links for item in (expand[url] if url in expand else [(title, url)])]
        found = present(found, ctx.planned)
        if found:
            sections.append((heading, found))
    fragment = render("sitemap.html", "sitemap/", sections=sections)
    return [OutputPage("sitemap/", "网站地图", fragment, "",
                       ctx.meta(column="网站地图", column_type="网站地图", title="网站地图", date=None))]

"""The site map page (``sitemap/``): the site map view of the column's sections
(``generator/data/sections.yml``, ``content/sections.yml``)."""
from __future__ import annotations

from ...output import OutputPage, PageContext
from ...render import render
from ...sections import free_page_links, grouped


def sitemap_page(ctx: PageContext) -> list[OutputPage]:
    """网站地图: the site map view of the sections, each group with the links whose pages exist."""
    expand = {"pages/*": free_page_links(ctx.site),
              "catalog/*": [link for links in ctx.sitemap_links for link in links(ctx.site)]}
    sections = grouped(ctx.site.content.structure.sitemap, ctx.planned, expand)
    fragment = render("sitemap.html", "sitemap/", sections=sections)
    return [OutputPage("sitemap/", "网站地图", fragment, "",
                       ctx.meta(column="网站地图", column_type="网站地图", title="网站地图", date=None))]

"""公共数据开放 (``opendata/``): the open-data files, their formats, sizes, addresses and
fields; and each policy page's schema.org JSON-LD."""
from __future__ import annotations

from markupsafe import Markup

from ...digest import Lazy
from ...output import OutputPage, PageContext, human_size
from ...render import render
from ...site import Doc, Site, absolute_url
from .opendata import FIELDS, catalogue, jsonld_script, legislation_jsonld


def datasets_page(ctx: PageContext) -> list[OutputPage]:
    url, title = "opendata/", "公共数据开放"
    items = [(d, absolute_url(ctx.site, d.url_template or d.path), human_size(d.size))
             for d in catalogue(ctx.site, ctx.cache, ctx.data_files())]
    fragment = render("datasets.html", url, title=title, datasets=items, fields=FIELDS)
    return [OutputPage(url, title, fragment, "",
                       ctx.meta(column=title, column_type="公共数据开放", title=title, date=None))]


def policy_parts(site: Site, doc: Doc) -> dict:
    """The policy page's JSON-LD, made only when the page is rendered (a cached page is
    known by its data)."""
    data = legislation_jsonld(site, doc)
    return {"jsonld": Lazy(data, lambda: Markup(jsonld_script(data)))}

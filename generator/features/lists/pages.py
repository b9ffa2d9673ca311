"""The list columns (``lists/current/`` …, from :func:`generator.sections.list_specs`) and
browsing by year, topic and issuer (``lists/years|topics|issuers/``), 50 documents a page."""
from __future__ import annotations

from ...output import OutputPage, PageContext
from ...render import render
from ...sections import list_specs
from ...site import Doc
from ...topics import ordered_topics
from ...urls import topic_feed_url, topic_slug

PER_PAGE = 50


def build_lists(ctx: PageContext) -> list[OutputPage]:
    pages = []
    for spec in list_specs(ctx.site.content.structure):
        pages += paginated(ctx, spec.url, spec.title, spec.column_type,
                           [d for d in ctx.site.sorted_docs() if spec.select(d)], spec.intro)
    return pages + grouped(ctx)


def paginated(ctx: PageContext, base: str, title: str, column_type: str, docs: list[Doc],
              intro: str = "") -> list[OutputPage]:
    chunks = [docs[i:i + PER_PAGE] for i in range(0, len(docs), PER_PAGE)] or [[]]
    page_urls = [base] + [f"{base}page/{n}/" for n in range(2, len(chunks) + 1)]
    pages = []
    for number, (url, chunk) in enumerate(zip(page_urls, chunks), start=1):
        pager = {"number": number, "count": len(chunks), "total": len(docs),
                 "pages": list(enumerate(page_urls, start=1)),
                 "previous": page_urls[number - 2] if number > 1 else None,
                 "next": page_urls[number] if number < len(chunks) else None}
        page_title = title if number == 1 else f"{title}（第{number}页）"
        caption = f"{title}，共 {len(docs)} 件" + (f"，第 {number} 页" if len(chunks) > 1 else "")
        fragment = render("list.html", url, title=page_title, intro=intro, docs=chunk, pager=pager,
                          caption=caption, labels=ctx.labels, interpreted=ctx.interpreted)
        newest = chunk[0].model.published if chunk else None
        pages.append(OutputPage(url, page_title, fragment, "",
                                ctx.meta(column=title, column_type=column_type, title=page_title, date=newest)))
    return pages


def grouped(ctx: PageContext) -> list[OutputPage]:
    site = ctx.site
    pages: list[OutputPage] = []
    years = site.by(lambda d: [str(d.model.published.year)])
    topics = site.by(lambda d: d.model.topics)
    issuers = site.by(lambda d: [o.id for o in d.issuers])
    orgs = site.content.organizations
    groups = [
        ("lists/years/", "按年份浏览", sorted(years, reverse=True), years, lambda y: f"{y}年", lambda y: y),
        ("lists/topics/", "按主题分类浏览", [t for t in ordered_topics(site.content.root) if t in topics],
         topics, lambda t: t, topic_slug),
        ("lists/issuers/", "按发文机关浏览", sorted(issuers), issuers, lambda o: orgs[o].name, lambda o: o),
    ]
    for base, title, keys, members, label, slug in groups:
        entries = [(label(k), f"{base}{slug(k)}/", len(members[k])) for k in keys]
        fragment = render("groups.html", base, title=title, intro="", groups=entries)
        pages.append(OutputPage(base, title, fragment, "",
                                ctx.meta(column=title, column_type="政策文件", title=title, date=None)))
        for key in keys:
            listed = paginated(ctx, f"{base}{slug(key)}/", f"{title.removesuffix('浏览')}：{label(key)}",
                               "政策文件", members[key])
            if base == "lists/topics/":  # announce the topic's Atom feed in the page head
                listed[0].meta.update(feed_url=topic_feed_url(key), feed_title=f"{ctx.cfg.name}：{key}")
            pages += listed
    return pages

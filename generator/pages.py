"""The resolved site -> output pages (URL, title, HTML around a Markdown body, meta tags).

No file I/O and no MkDocs: a renderer (the MkDocs plugin today) turns each
:class:`OutputPage` into a file.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable, Optional
from urllib.parse import urlsplit

from . import urls
from .annual_report import published_reports
from .catalog_pages import policy_qa
from .digest import Lazy, digest
from .policy_sections import policy_sections
from .render import Fragment, render
from .site import Doc, Site
from .topics import ordered_topics
from .validity import CURRENT, STATUS_LABELS, Status
from .views import banner, header_rows, history

PER_PAGE = 50
KIND_LABELS = {"text": "文字解读", "graphic": "图解", "video": "视频解读", "qa": "问答式解读"}
FILE_KINDS = {".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".ofd": "OFD", ".xls": "Excel",
              ".xlsx": "Excel", ".csv": "CSV", ".txt": "文本", ".png": "图片", ".jpg": "图片",
              ".jpeg": "图片", ".webp": "图片", ".zip": "压缩包", ".wps": "WPS", ".et": "WPS表格"}


@dataclass
class OutputPage:
    url: str                    # site-relative, "" for the home page
    title: str
    fragment: Fragment          # the HTML before and after the body, rendered on first use
    markdown: str = ""          # Markdown body, converted by the renderer
    meta: dict[str, str] = field(default_factory=dict)   # 47号 meta tags and description

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def before(self) -> str:
        return self.fragment.before

    @property
    def after(self) -> str:
        return self.fragment.after

    @property
    def key(self) -> Optional[str]:
        """What the page's output depends on (besides the theme and the navigation), or None
        when some input cannot be digested; see :class:`~generator.render.Fragment`."""
        if self.fragment.key is None:
            return None
        return digest(self.url, self.title, self.fragment.key, self.markdown, self.meta)


@dataclass(frozen=True)
class ListSpec:
    """One list column: its URL, title and which documents it holds."""

    url: str
    title: str
    column_type: str
    select: Callable[[Doc], bool]
    intro: str = ""


def list_specs() -> list[ListSpec]:
    return [
        ListSpec("lists/current/", "现行有效行政规范性文件", "政策文件",
                 lambda d: d.model.genre == "normative" and d.status in CURRENT,
                 "本栏目集中公布现行有效的行政规范性文件（含已修改、仍然有效的文件）。"),
        ListSpec("lists/regulations/", "规章", "政策文件", lambda d: d.model.genre == "regulation",
                 "规章及其有效性；已修改、废止的规章保留原文并作标注。"),
        ListSpec("lists/all/", "全部政策文件", "政策文件", lambda d: True, "按发布日期排列，最新在前。"),
        ListSpec("lists/repealed/", "已废止文件（清理结果）", "政策文件",
                 lambda d: d.status is Status.REPEALED, "经清理或替代已废止的文件，原文保留供查阅。"),
        ListSpec("lists/expired/", "已失效文件（清理结果）", "政策文件",
                 lambda d: d.status is Status.EXPIRED, "有效期届满或被宣布失效的文件，原文保留供查阅。"),
        ListSpec("lists/pending/", "尚未生效文件", "政策文件",
                 lambda d: d.status is Status.PENDING, "已经发布、尚未到施行日期的文件。"),
    ]


class PageBuilder:
    """Builds every output page of a resolved site."""

    def __init__(self, site: Site):
        self.site = site
        self.cfg = site.config
        self.domain = urlsplit(self.cfg.base_url).hostname or ""
        self.interpreted = frozenset(site.interpretations_of)
        self.labels = STATUS_LABELS

    # -- meta -------------------------------------------------------------------------
    def meta(self, *, column: str, column_type: str, title: str, date, source: str = "") -> dict[str, str]:
        """The 47号 meta tags every page carries; a page without a date of its own carries the
        site's newest content date (never the as-of date, which would change it every day)."""
        from .opendata import site_updated
        return {"SiteName": self.cfg.name, "SiteDomain": self.domain, "SiteIDCode": self.cfg.site_id_code or "",
                "ColumnName": column, "ColumnType": column_type, "ArticleTitle": title,
                "PubDate": (date or site_updated(self.site)).isoformat(),
                "ContentSource": source or self.sponsor}

    @property
    def sponsor(self) -> str:
        org = self.site.content.organizations.get(self.cfg.organization)
        return self.cfg.sponsor or (org.name if org else self.cfg.name)

    # -- pages ------------------------------------------------------------------------
    def build(self) -> list[OutputPage]:
        pages = [self.home()]
        pages += [self.policy(doc) for doc in self.site.sorted_docs()]
        pages += [self.interpretation(e) for e in self.site.interpretations.values()]
        pages += [self.free_page(e) for e in sorted(self.site.content.of("page").values(), key=lambda e: e.id)]
        for spec in list_specs():
            pages += self.paginated(spec.url, spec.title, spec.column_type,
                                    [d for d in self.site.sorted_docs() if spec.select(d)], spec.intro)
        pages += self.grouped()
        pages.append(self.interpretation_list())
        pages.append(self.sitemap())
        pages.append(self.datasets())
        pages += self.catalog_and_qa()
        pages += self.decisions_versions_gazette()
        from .annual_report_pages import build_report_pages
        pages += build_report_pages(self.site, self.meta)
        from .site_search import search_page
        pages.append(search_page(self.site, self.meta))
        return pages

    def policy(self, doc: Doc) -> OutputPage:
        m = doc.model
        fragment = render(
            "policy.html", doc.url, doc=doc, banner=banner(self.site, doc), rows=header_rows(self.site, doc),
            history=history(self.site, doc), interpretations=self.site.interpretations_of.get(doc.id, []),
            qa=policy_qa(self.site, doc.id),
            kind_labels=KIND_LABELS, attachments=self.attachments(m.attachments), **self.print_and_data(doc),
            **policy_sections(self.site, doc))
        source = "、".join(o.name for o in doc.issuers)
        meta = self.meta(column="政策文件", column_type="政策文件", title=m.title, date=m.published, source=source)
        meta["description"] = f"{m.title} {m.doc_number or ''} 有效性：{STATUS_LABELS[doc.status]}".strip()
        return OutputPage(doc.url, m.title, fragment, self.body(doc.entry, doc.url), meta)

    def print_and_data(self, doc: Doc) -> dict:
        """QR code of the canonical URL (for print) and schema.org JSON-LD of a policy page.

        Both are made only when the page is rendered; a cached page is known by their inputs."""
        from .opendata import absolute_url, jsonld_script, legislation_jsonld  # registers a writer
        from .qrcode import qr_svg
        from markupsafe import Markup
        url, data = absolute_url(self.site, doc.url), legislation_jsonld(self.site, doc)
        return {"qr_svg": Lazy(url, lambda: Markup(qr_svg(url))),
                "jsonld": Lazy(data, lambda: Markup(jsonld_script(data)))}

    def body(self, entry, url: str) -> str:
        """A body's Markdown for the page at ``url``: images as ``<picture>``, local links rewritten."""
        from .images import rewrite_body_images
        markdown = rewrite_body_images(entry.body, entry.rel, url, self.site.content.root / "assets")
        return rewrite_links(markdown, entry.rel, url)

    def attachments(self, items) -> list[dict]:
        result = []
        for item in items:
            from .files import is_plain
            raw = self.site.content.root / "assets" / item.file
            size = raw.stat().st_size if raw.is_file() and is_plain(self.site.content.root, raw) else 0
            suffix = raw.suffix.lower()
            result.append({"title": item.title, "url": f"files/{item.file}",
                           "kind": FILE_KINDS.get(suffix, suffix.lstrip(".").upper() or "文件"),
                           "size": human_size(size)})
        return result

    def interpretation(self, entry) -> OutputPage:
        url = f"interpretations/{entry.id}/"
        model = entry.model
        targets = []
        for target in model.interprets:
            doc = self.site.doc(target)
            ref_model = self.site.content.policies[target].model
            from .views import Ref
            targets.append((Ref(ref_model.title, ref_model.doc_number or "", doc.url if doc else None),
                            doc.status.value if doc else "", STATUS_LABELS[doc.status] if doc else ""))
        org = self.site.content.organizations.get(model.source)
        source = org.name if org else model.source
        fragment = render("interpretation.html", url, entry=entry, targets=targets,
                          kind_label=KIND_LABELS[model.kind], source=source)
        meta = self.meta(column="政策解读", column_type="政策解读", title=model.title, date=model.published,
                         source=source)
        return OutputPage(url, model.title, fragment, self.body(entry, url), meta)

    def free_page(self, entry) -> OutputPage:
        url = f"pages/{entry.id}/"
        m = entry.model
        fragment = render("page.html", url, title=m.title, updated=m.updated)
        meta = self.meta(column=m.title, column_type=m.column_type or m.title, title=m.title, date=m.updated)
        return OutputPage(url, m.title, fragment, self.body(entry, url), meta)

    def home(self) -> OutputPage:
        site = self.site
        current = sum(1 for d in site.docs.values() if d.model.genre == "normative" and d.status in CURRENT)
        columns = [(p.model.title, f"pages/{p.id}/", "") for p in
                   sorted(site.content.of("page").values(), key=lambda e: (e.model.order, e.id))]
        columns += [("现行有效行政规范性文件", "lists/current/", f"{current} 件"),
                    ("全部政策文件", "lists/all/", f"{len(site.docs)} 件"),
                    ("政策解读", "interpretations/", f"{len(site.interpretations)} 篇"),
                    ("清理结果：已废止文件", "lists/repealed/", ""),
                    ("清理结果：已失效文件", "lists/expired/", ""),
                    ("按主题分类", "lists/topics/", ""), ("按发文机关", "lists/issuers/", ""),
                    ("按年份", "lists/years/", "")]
        if published_reports(site.content, site.as_of):
            columns.append(("政府信息公开年报", "reports/", ""))
        columns.append(("网站地图", "sitemap/", ""))
        fragment = render("home.html", "", site=self.cfg, columns=columns, labels=self.labels,
                          latest=site.sorted_docs()[:10], interpreted=self.interpreted,
                          changes=self.recent_changes())
        newest = max((d.model.published for d in site.docs.values()), default=None)
        return OutputPage("", "首页", fragment, "",
                          self.meta(column="首页", column_type="首页", title=self.cfg.name, date=newest))

    def recent_changes(self, limit: int = 10) -> list:
        changes = [(c.date, doc, STATUS_LABELS[c.kind]) for doc in self.site.docs.values()
                   for c in doc.validity.changes
                   if not c.upcoming and c.relation != "effective" and c.kind is not Status.IN_FORCE]
        changes.sort(key=lambda item: (item[0], item[1].id), reverse=True)
        return [(day, doc, f"：{label}") for day, doc, label in changes[:limit]]

    def paginated(self, base: str, title: str, column_type: str, docs: list[Doc], intro: str = "") -> list[OutputPage]:
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
                              caption=caption, labels=self.labels, interpreted=self.interpreted)
            newest = chunk[0].model.published if chunk else None
            pages.append(OutputPage(url, page_title, fragment, "",
                                    self.meta(column=title, column_type=column_type, title=page_title, date=newest)))
        return pages

    def grouped(self) -> list[OutputPage]:
        site = self.site
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
                                    self.meta(column=title, column_type="政策文件", title=title, date=None)))
            for key in keys:
                listed = self.paginated(f"{base}{slug(key)}/", f"{title.removesuffix('浏览')}：{label(key)}",
                                        "政策文件", members[key])
                if base == "lists/topics/":  # announce the topic's Atom feed in the page head
                    listed[0].meta.update(feed_url=topic_feed_url(key), feed_title=f"{self.cfg.name}：{key}")
                pages += listed
        return pages

    def interpretation_list(self) -> OutputPage:
        url = "interpretations/"
        entries = sorted(self.site.interpretations.values(), key=lambda e: (e.model.published, e.id), reverse=True)
        groups = [(f"{e.model.title}（{KIND_LABELS[e.model.kind]}）", f"interpretations/{e.id}/", 1) for e in entries]
        fragment = render("groups.html", url, title="政策解读", intro="政策文件的解读材料，与所解读的文件相互链接。",
                          groups=[(t, u, None) for t, u, _ in groups])
        return OutputPage(url, "政策解读", fragment, "",
                          self.meta(column="政策解读", column_type="政策解读", title="政策解读", date=None))

    def sitemap(self) -> OutputPage:
        content = self.site.content
        sections = [
            ("政府信息公开", [("首页", "")] + [(e.model.title, f"pages/{e.id}/") for e in
                                           sorted(content.of("page").values(), key=lambda e: (e.model.order, e.id))]),
            ("法定主动公开内容", [(s.title, s.url) for s in list_specs()] +
             [("按年份浏览", "lists/years/"), ("按主题分类浏览", "lists/topics/"),
              ("按发文机关浏览", "lists/issuers/"), ("政策解读", "interpretations/")]),
            ("公共数据开放", [("公共数据开放", "opendata/")]),
        ]
        if published_reports(content, self.site.as_of):
            sections.append(("政府信息公开年报", [("政府信息公开工作年度报告", "reports/")]))
        from .catalog_pages import sitemap_section
        sections += sitemap_section(self.site)
        fragment = render("sitemap.html", "sitemap/", sections=sections)
        return OutputPage("sitemap/", "网站地图", fragment, "",
                          self.meta(column="网站地图", column_type="网站地图", title="网站地图", date=None))

    def catalog_and_qa(self) -> list[OutputPage]:
        """标准目录 (catalog/, catalog/<area>/) and 政策问答 (qa/)."""
        from .catalog_pages import build_catalog_pages
        from .qa import build_qa_page
        return build_catalog_pages(self.site, self.meta) + build_qa_page(self.site, self.meta)

    def decisions_versions_gazette(self) -> list[OutputPage]:
        """重大行政决策 (decisions/…), 历史文本 and 对照 (policies/<id>/versions|compare/…), 政府公报 (gazette/)."""
        from .decisions import build_decision_pages
        from .gazette import build_gazette_page
        from .versions import build_version_pages
        return (build_decision_pages(self.site, self.meta) + build_version_pages(self.site, self.meta)
                + build_gazette_page(self.site, self.meta))

    def datasets(self) -> OutputPage:
        """公共数据开放 (opendata/): the open-data files, their formats, sizes, addresses and fields."""
        from .opendata import FIELDS, absolute_url, catalogue
        url, title = "opendata/", "公共数据开放"
        items = [(d, absolute_url(self.site, d.url_template or d.path), human_size(d.size))
                 for d in catalogue(self.site)]
        fragment = render("datasets.html", url, title=title, datasets=items, fields=FIELDS)
        return OutputPage(url, title, fragment, "",
                          self.meta(column=title, column_type="公共数据开放", title=title, date=None))


def build_pages(site: Site) -> list[OutputPage]:
    return PageBuilder(site).build()


def topic_slug(topic: str) -> str:
    """A stable ASCII slug for a Chinese topic name (URLs stay short and readable by every server)."""
    return "t-" + hashlib.sha1(topic.encode("utf-8")).hexdigest()[:10]


def topic_feed_url(topic: str) -> str:
    """The Atom feed of a topic's new documents."""
    return f"feed-topic-{topic_slug(topic)}.xml"


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


_LOCAL_LINK = re.compile(r"(!?\[[^\]]*\]\()([^)\s]+)")


def rewrite_links(body: str, source_rel: str, page_url: str) -> str:
    """Point a body's relative links to assets and documents at their URLs on the site."""
    import posixpath

    def fix(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target, re.IGNORECASE):
            return match.group(0)
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), path))
        if resolved.startswith("assets/"):
            url = "files/" + resolved[len("assets/"):]
        elif resolved.endswith(".md") and "/" in resolved:
            folder, name = resolved.split("/", 1)[0], posixpath.basename(resolved)[:-3]
            url = f"{folder}/{name}/"
        else:
            return match.group(0)
        return match.group(1) + urls.relative(page_url, url) + (f"#{anchor}" if anchor else "")
    return _LOCAL_LINK.sub(fix, body)

"""Thin MkDocs adapter: hands the core's pages to MkDocs and mkdocs-material.

Each handler is a few lines; all decisions live in the core and the features (run by
``generator/pipeline.py``), so replacing MkDocs (e.g. by Zensical) means rewriting only
this file, ``generator/builder.py``'s MkDocs call and the theme overrides.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, Optional

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .compact import compact_html
from .csp import meta_policy
from .digest import digest
from .files import plain_files
from .output import OutputPage
from .pipeline import Plan
from .result_tables import result_files
from .progress import Progress
from .sanitize import clean
from .sections import Group, free_page_links
from .site import sponsor
from .typography import trim_link_punctuation
from .urls import free_page_url


#: What to run instead of each MkDocs command (``mkdocs serve --clean`` reports itself as "build").
INSTEAD = {
    "build": "disclosure build   (python -m generator build)",
    "serve": "disclosure serve   (python -m generator serve)",
    "gh-deploy": "disclosure build && ghp-import --no-jekyll --push site",
}

REFUSAL = ("mkdocs {command} 不能生成本专栏：单独运行 MkDocs 只会得到不完整的网站（没有搜索索引、订阅源、data/ 开放数据、"
           "robots.txt 和缩放后的图片，站点地图日期错误，图片元数据未清除）。请改用：\n"
           "mkdocs {command} cannot build this column: MkDocs alone makes a partial site (no search index, feeds, "
           "data/ open data, robots.txt or resized images, wrong sitemap dates, image metadata kept). "
           "Use instead:\n    {instead}")


def refusal(command: str) -> str:
    """The bilingual message that stops a direct MkDocs run, naming the command to use."""
    return REFUSAL.format(command=command, instead=INSTEAD.get(command, INSTEAD["build"]))


class DisclosureConfig(Config):
    content_dir = c.Type(str, default="content")


class DisclosurePlugin(BasePlugin[DisclosureConfig]):
    """Adds the generated pages and content assets to an MkDocs build."""

    def __init__(self) -> None:
        self.plan: Optional[Plan] = None
        self.pages: dict[str, OutputPage] = {}
        self.rendered = 0
        #: Pages (source paths) this MkDocs run does not render: taken from the page cache, or
        #: rendered by another run of the same build (pages are rendered in batches). MkDocs never
        #: sees them, except those the navigation names: it knows these (building the menu) but,
        #: building in its "dirty" mode, renders only the others. (Page bodies link by URL, not
        #: by source file.)
        self.skip: frozenset[str] = frozenset()
        #: (pages rendered by earlier runs of this build, pages the build renders in all).
        self.done: tuple[int, int] = (0, 0)
        self.progress: Optional[Progress] = None

    def hand_over(self, plan: Plan, skip: frozenset[str] = frozenset(), done: tuple[int, int] = (0, 0),
                  progress: Optional[Progress] = None) -> None:
        """Called by ``generator/builder.py`` on this instance (``config.plugins["disclosure"]``)
        before it runs MkDocs, so content is loaded and checked once per build."""
        self.plan, self.skip, self.done, self.progress = plan, skip, done, progress

    def release(self) -> None:
        """Forget the plan once the run is over: MkDocs reuses a plugin instance when the same
        configuration is loaded again in this process, and a run without a plan must refuse."""
        self.plan, self.skip, self.done, self.progress = None, frozenset(), (0, 0), None
        self.pages = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """``mkdocs build|serve|gh-deploy`` call this, our builder never does: stop them before
        they write or publish anything, ``--strict`` or not (an exception, not a warning)."""
        raise PluginError(refusal(command))

    def on_config(self, config):
        """Only a build started by :func:`generator.builder.render_with_mkdocs` has a plan
        (handed over to this instance before MkDocs runs)."""
        if self.plan is None:
            raise PluginError(refusal("build"))
        site = self.plan.site
        self.pages = {p.src_uri: p for p in self.plan.pages}
        self.rendered = 0
        config.site_name = site.config.name
        config.site_url = site.config.base_url
        config.nav = site_nav(self.plan)
        config.extra["footer"] = footer_context(self.plan)
        config.extra["feeds"] = feed_links(self.plan)
        config.extra["csp"] = meta_policy()
        config.extra["guide"] = guide_link(self.plan)
        return config

    @event_priority(100)
    def on_files(self, files: Files, *, config) -> Files:
        in_nav = set(nav_sources(config.nav))
        for page in self.plan.pages:
            if page.src_uri in self.skip:
                if page.src_uri not in in_nav:
                    continue
                file = File.generated(config, page.src_uri, content="")
                file.is_modified = _unmodified  # type: ignore[method-assign]  # skipped in a dirty build
            else:
                file = File.generated(config, page.src_uri, content=page.markdown)
            files.append(file)
        root = self.plan.content.root
        tables = result_files(self.plan.content)  # published masked, by the records: never as they are
        for path in plain_files(root, root / "assets"):  # never through a symlink: it may leave content/
            rel = path.relative_to(root / "assets").as_posix()
            if rel in tables:
                continue
            files.append(File.generated(config, f"files/{rel}", abs_src_path=str(path)))
        return files

    def on_nav(self, nav, *, config, files):
        """A page taken from the cache is never read, so give its navigation entry its title."""
        for page in nav.pages:
            if page.file.src_uri in self.skip:
                page.title = self.pages[page.file.src_uri].title
        return nav

    def on_env(self, env, *, config, files):
        """Escape every value the theme writes (titles, meta tags, site.yml values in the
        header and footer) for where it lands, as the core's own templates do: Material's
        templates escape almost nothing. HTML that already is HTML (a page's body and its
        table of contents) is marked safe in :meth:`on_page_context`."""
        env.autoescape = True
        return env

    def on_page_context(self, context, *, page, config, nav):
        from markupsafe import Markup
        page.content = Markup(page.content or "")
        for item in _toc_items(page.toc):
            item.title = Markup(item.title)  # Python-Markdown's toc names are escaped HTML
        return context

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated:
            page.meta = dict(generated.meta)
            page.title = generated.title
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if not generated:
            return html
        if not list(page.toc):
            # An empty table of contents still reserves Material's right column at >= 1220 px:
            # a quarter of the width stayed blank while list tables broke 文号 and dates.
            page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
        html = trim_link_punctuation(clean(html))  # the sanitised body, then its links' bracket halves
        return "\n".join(part for part in (generated.before, html, generated.after) if part)

    def on_post_page(self, output: str, *, page, config) -> str:
        self.rendered += 1
        if self.progress:
            self.progress.tick(self.done[0] + self.rendered, self.done[1])
        return compact_html(output)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        # 404.html and the other theme templates MkDocs renders besides pages
        return compact_html(output_content) if template_name.endswith(".html") else output_content


def site_nav(plan: Plan) -> list:
    """The navigation view of the column's sections, with the sections that have pages
    (标准目录 and 政策问答 exist only when there is content) and the free pages."""
    sources = {p.src_uri for p in plan.pages}
    expand = {"pages/*": free_page_links(plan.site)}
    nav: list = []
    for item in plan.content.structure.navigation:
        if isinstance(item, Group):
            nav.append({item.heading: _group_nav(item, expand, sources)})
        else:
            nav += [{t: _src(u)} for t, u in _links(item, expand) if _src(u) in sources]
    return nav


def _group_nav(group: Group, expand: dict, sources: set[str]) -> list:
    """A group's entries; a group inside it only when it has some (机构信息 without records)."""
    entries: list = []
    for item in group.items:
        if isinstance(item, Group):
            inner = _group_nav(item, expand, sources)
            if inner:
                entries.append({item.heading: inner})
        else:
            entries += [{t: _src(u)} for t, u in _links(item, expand) if _src(u) in sources]
    return entries


def _links(placed, expand: dict) -> list[tuple[str, str]]:
    return expand.get(placed.url, []) if placed.url.endswith("*") else [(placed.title, placed.url)]


def nav_sources(nav) -> Iterator[str]:
    """The source paths a navigation (as :func:`site_nav` writes it) names."""
    for item in nav:
        for target in item.values():
            if isinstance(target, list):
                yield from nav_sources(target)
            else:
                yield target


def render_fingerprint(plan: Plan, config_file: Path) -> str:
    """What every rendered page depends on besides its own :attr:`OutputPage.key`: the MkDocs
    configuration, the navigation, the footer, the feeds in each head, the site's name and
    address. (The theme and the code are in the cache's own fingerprint.)"""
    site = plan.site.config
    return digest(Path(config_file).read_text(encoding="utf-8"), site_nav(plan), footer_context(plan),
                  feed_links(plan), site.name, site.base_url)


def footer_context(plan: Plan) -> dict:
    """Footer facts from site.yml (主办单位, 标识码, 备案号, contacts)."""
    site = plan.site.config
    contact = site.contact.model_dump() if site.contact else {}
    return {"sponsor": sponsor(plan.site), "contact": contact,
            "site_id_code": site.site_id_code, "icp": site.icp,
            "public_security_record": site.public_security_record,
            "conac_url": site.conac_url, "report_error_url": site.report_error_url}


def guide_link(plan: Plan) -> Optional[dict]:
    """The 政府信息公开指南 (the page whose column type says so), for the 404 page's links."""
    pages = sorted(plan.content.of("page").values(), key=lambda e: (e.model.order, e.id))
    guide = next((e for e in pages if e.model.column_type == "信息公开指南"), None)
    return {"title": guide.model.title, "url": free_page_url(guide.id)} if guide else None


def feed_links(plan: Plan) -> list[dict]:
    """The site-wide Atom feeds every page's head announces (title, site-relative URL).

    Relative, never absolute, so a preview or a mirror links its own feeds; the theme writes
    them as rel="alternate feed" (see theme/main.html: Material would fetch sitemap.xml for
    a plain rel="alternate")."""
    return [{"title": f.title, "url": f.url} for f in plan.feeds]


def _toc_items(items) -> Iterator:
    for item in items:
        yield item
        yield from _toc_items(item.children)


def _unmodified() -> bool:
    return False


def _src(url: str) -> str:
    return "index.md" if url == "" else url.rstrip("/") + ".md"


os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

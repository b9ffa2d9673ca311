"""The column's structure, declared in one place: the list columns, the navigation, the
home page's columns and the site map page's groups.

Everything here names sections by URL; a section shows only when some feature planned
its page (:func:`present`), so a site without Q&A or reports has no empty entry. The
page builders (``generator/features/home``, ``lists``, ``sitemap``), the MkDocs
navigation (``generator/mkdocs_plugin.py``) and the freshness review read it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Union

from .site import Doc, Site
from .validity import CURRENT, Status

#: Stands for the free pages (``content/pages/*.md``) in :data:`NAV` and :data:`SITEMAP`.
FREE_PAGES = "pages/*"
#: Stands for the catalog areas (``catalog/<area>/``) in :data:`SITEMAP`.
CATALOG_AREAS = "catalog/*"


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


#: Browsing by group (年份, 主题, 发文机关) and the interpretation index, after the lists.
GROUPS = [("按年份浏览", "lists/years/"), ("按主题分类浏览", "lists/topics/"),
          ("按发文机关浏览", "lists/issuers/"), ("政策解读", "interpretations/")]

Target = Union[str, list[tuple[str, str]]]

#: The navigation: (title, URL) or (title, [(title, URL)]); free pages follow 首页.
NAV: list[tuple[str, Target]] = [
    ("首页", ""),
    ("法定主动公开内容", [("现行有效行政规范性文件", "lists/current/"), ("规章", "lists/regulations/"),
                          ("全部政策文件", "lists/all/"), ("按年份浏览", "lists/years/"),
                          ("按主题分类浏览", "lists/topics/"), ("按发文机关浏览", "lists/issuers/"),
                          ("政策解读", "interpretations/"), ("政策问答", "qa/"), ("已废止文件", "lists/repealed/"),
                          ("已失效文件", "lists/expired/")]),
    ("标准目录", "catalog/"),
    ("重大行政决策", [("决策事项目录", "decisions/"), ("正在征求意见", "decisions/open/")]),
    ("政府公报", "gazette/"),
    ("政府信息公开年报", "reports/"),
    ("站内搜索", "search/"),
    ("网站地图", "sitemap/"),
]

#: The home page's columns after the free pages: (title, URL, what its count counts or "").
HOME: list[tuple[str, str, str]] = [
    ("现行有效行政规范性文件", "lists/current/", "current"), ("全部政策文件", "lists/all/", "docs"),
    ("政策解读", "interpretations/", "interpretations"), ("清理结果：已废止文件", "lists/repealed/", ""),
    ("清理结果：已失效文件", "lists/expired/", ""), ("按主题分类", "lists/topics/", ""),
    ("按发文机关", "lists/issuers/", ""), ("按年份", "lists/years/", ""),
    ("政府信息公开年报", "reports/", ""), ("网站地图", "sitemap/", ""),
]

#: The site map page's groups: (heading, [(title, URL or a placeholder above)]).
SITEMAP: list[tuple[str, list[tuple[str, str]]]] = [
    ("政府信息公开", [("首页", ""), ("", FREE_PAGES)]),
    ("法定主动公开内容", [(s.title, s.url) for s in list_specs()] + GROUPS),
    ("公共数据开放", [("公共数据开放", "opendata/")]),
    ("政府信息公开年报", [("政府信息公开工作年度报告", "reports/")]),
    ("标准目录与政策问答", [("基层政务公开标准目录", "catalog/"), ("", CATALOG_AREAS), ("政策问答", "qa/")]),
]


def free_page_links(site: Site) -> list[tuple[str, str]]:
    """(title, URL) of the free pages (``content/pages``) in their ``order``."""
    return [(e.model.title, f"pages/{e.id}/") for e in
            sorted(site.content.of("page").values(), key=lambda e: (e.model.order, e.id))]


def present(links: Iterable[tuple[str, str]], planned: frozenset[str]) -> list[tuple[str, str]]:
    """The (title, URL) links whose page some feature planned."""
    return [(title, url) for title, url in links if url in planned]

"""What a feature adds to a build: the :class:`Feature` record (a leaf: imports no feature).

Each package under ``generator/features/`` declares one ``FEATURE``;
``generator/features/__init__.py`` lists them in order, and ``generator/pipeline.py``
— the only importer of the features — runs their parts: content checks after
loading, page builders after resolving, writers while and after rendering. A
feature reaches another's contribution only through what the pipeline hands it
(:class:`~generator.output.PageContext`, :class:`~generator.plan.Plan`), never by
importing it; ``tests/test_architecture.py`` holds the code to that.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

if TYPE_CHECKING:
    from .content import Content
    from .errors import Problem
    from .model import ContentType
    from .output import BodyFilter, DocParts, OutputPage, PageContext
    from .plan import Plan
    from .search import SearchDoc
    from .sections import Structure
    from .site import Site

#: A content check: every problem of the loaded content, at the build's as-of date.
Check = Callable[["Content", dt.date], Iterable["Problem"]]


@dataclass(frozen=True)
class Pages:
    """A page builder and its place in the build order (the order of sitemap.xml and of
    MkDocs' file list). An index builder (``last``: the home page, the site map page)
    runs once the others have, and sees their URLs and its own ``always`` ones in
    :attr:`PageContext.planned <generator.output.PageContext.planned>`."""

    order: int
    build: Callable[["PageContext"], list["OutputPage"]]
    last: bool = False
    always: tuple[str, ...] = ()


@dataclass(frozen=True)
class Writer:
    """Files written beside the pages. Most need only the plan and run in a forked process
    while MkDocs renders; ``after_render`` ones read or replace what MkDocs wrote."""

    write: Callable[["Plan", Path], None]
    after_render: bool = False


@dataclass(frozen=True)
class FeedLink:
    """An Atom feed a page head announces (site-relative URL)."""

    title: str
    url: str


@dataclass(frozen=True)
class DataFile:
    """An open-data file a feature writes, as the 公共数据开放 page and ``data/index.json`` list it."""

    path: str            # site-relative, e.g. "data/records.json"
    title: str
    description: str
    format: str          # JSON, CSV
    media_type: str
    data: bytes          # the file's bytes (size and SHA-256 of the listing)
    records: Optional[int] = None


@dataclass(frozen=True)
class Feature:
    """One feature of the column: everything it adds, by kind; every part is optional."""

    name: str
    #: the folders of content files this feature reads (``content/<folder>/**/<id><suffix>``)
    content_types: tuple["ContentType", ...] = ()
    #: structure -> content types that follow the site's section tree (records: one folder per
    #: records section, default or added in content/sections.yml); read like ``content_types``
    section_types: Optional[Callable[["Structure"], tuple["ContentType", ...]]] = None
    checks: tuple[Check, ...] = ()
    pages: tuple[Pages, ...] = ()
    writers: tuple[Writer, ...] = ()
    #: (markdown, source rel, page URL, site) -> markdown, applied to every content body
    body_filter: Optional["BodyFilter"] = None
    #: (site, doc) -> template context of the policy page's sections this feature adds
    doc_parts: Optional["DocParts"] = None
    #: site -> (url, title, plain text, policy ids) of search results beyond the core types
    search_docs: Optional[Callable[["Site"], list[tuple[str, str, str, list[str]]]]] = None
    #: site -> [(title, url)] entries of the site map page beyond the declared sections
    #: (generator/sections.py: the catalog's areas)
    sitemap: Optional[Callable[["Site"], list[tuple[str, str]]]] = None
    #: site -> the feeds every page's head announces
    head_feeds: Optional[Callable[["Site"], list[FeedLink]]] = None
    #: site -> ready search results with their own kind and filter value (records: the section)
    search_items: Optional[Callable[["Site"], list["SearchDoc"]]] = None
    #: site -> the open-data files this feature writes, for the 公共数据开放 page and its manifest
    datasets: Optional[Callable[["Site"], list[DataFile]]] = None

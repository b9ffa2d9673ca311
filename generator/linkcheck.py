"""Check a built site (杜绝错链、断链): every internal link, anchor, image and file resolves.

Reads the output folder only (a regular-expression tag scanner over our machine-written HTML). For each HTML file it collects the ``id``/``name``
anchors, the 47号 meta tags and every URL of ``a``/``area``/``link`` ``href``,
``img``/``script``/``iframe``/``source``/``audio``/``video``/``track``/``embed``
``src`` and ``srcset``. A URL is internal when relative, root-relative
(``/x/``), or absolute on the site's own host under its base path; it must name
a file of the output (``x/`` means ``x/index.html``), and its ``#fragment`` an
element of that page. Every broken one is an ERROR located at the built file's
line and column, naming the content file the page came from when known.
External URLs are listed by host; :func:`review_external_links` (``--online``) asks
each of them once, and a failure is a WARNING (other sites come and go).

:func:`find_leaks` greps every text file of the output for the titles and ids of
documents that must never be published (on_request / withheld).
"""
from __future__ import annotations

import bisect
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple, Optional
from urllib.parse import unquote, urlsplit

from ahocorasick_rs import AhoCorasick

from .cache import BuildCache, memo
from .digest import digest
from .errors import Problem, Severity
from .files import list_files

URL_ATTRS = {"a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
             "script": ("src",), "iframe": ("src",), "source": ("src", "srcset"), "audio": ("src",),
             "video": ("src", "poster"), "track": ("src",), "embed": ("src",), "form": ("action",),
             "object": ("data",)}
SKIP_RELS = {"preconnect", "dns-prefetch"}
IGNORED_SCHEMES = {"mailto", "tel", "javascript", "data", "sms", "about"}
TEXT_SUFFIXES = frozenset({".html", ".xml", ".json", ".txt", ".csv", ".js", ".css", ".svg"})
META_TAGS = ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ArticleTitle", "PubDate",
             "ContentSource")


#: What :meth:`SiteChecker.locate` found a URL to be.
IGNORED, EXTERNAL, OUTSIDE, INTERNAL = range(4)
Located = tuple


class PageLink(NamedTuple):
    """One URL of a page and where it stands (a tuple: a 10,000-page site has a million,
    kept between builds in the cache)."""

    line: int
    column: int
    url: str


@dataclass
class PageScan:
    """What one HTML file holds: anchors, links and meta tags. The checker appends to each
    link where it points (:meth:`SiteChecker.locate`)."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


def _urls(attr: str, value: Optional[str]) -> list[str]:
    if not value or not value.strip():
        return []
    if attr == "srcset":
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value.strip()]


_HIDDEN = re.compile(r"<!--.*?-->|(<(script|style)\b[^>]*>).*?(</\2\s*>)", re.S | re.I)
_ATTR = re.compile(r"([^\s=>/]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")


_LINKING = frozenset(URL_ATTRS) | {"meta"}
# Only the tags that link or carry meta data are parsed; ids are collected from every tag at once.
_LINKING_TAG = re.compile(r"<(" + "|".join(sorted(_LINKING)) + r")\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.I)
_ID = re.compile(r"<[a-zA-Z][^>]*?\sid\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def _blank(match: re.Match) -> str:
    """Comments and script/style bodies become spaces (newlines kept), so offsets stay true."""
    if match.group(1):  # keep the <script ...> start tag itself: its src is a link
        body = match.group(0)[len(match.group(1)):len(match.group(0)) - len(match.group(3))]
        return match.group(1) + re.sub(r"[^\n]", " ", body) + match.group(3)
    return re.sub(r"[^\n]", " ", match.group(0))


def scan_page(path: Path) -> PageScan:
    """Anchors, links and meta tags of one built page.

    A regular-expression tag scanner, not html.parser: the pages are machine-written, and
    at 10,000 documents html.parser made the link check the slowest step of a build.
    """
    text = _HIDDEN.sub(_blank, path.read_text(encoding="utf-8", errors="replace"))
    lines = [0] + [m.end() for m in re.finditer("\n", text)]
    scan = PageScan()
    scan.ids.update(html.unescape(m.group(1) or m.group(2)) for m in _ID.finditer(text))
    for match in _LINKING_TAG.finditer(text):
        tag = match.group(1).lower()
        values = {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                  for m in _ATTR.finditer(match.group(2))}
        _collect(scan, tag, values, lines, match.start())
    return scan


_REFRESH = re.compile(r"""^\s*[\d.]*\s*[;,]?\s*url\s*=\s*["']?([^"'\s]+)""", re.IGNORECASE)


def _refresh_target(content: str) -> str:
    """``0;url=/phish`` -> ``/phish`` (empty for a refresh of the page itself)."""
    found = _REFRESH.match(content)
    return found.group(1) if found else ""


def _collect(scan: PageScan, tag: str, values: dict[str, str], lines: list[int], offset: int) -> None:
    if tag == "a" and values.get("name"):
        scan.ids.add(values["name"])
    if tag == "meta" and values.get("name"):
        scan.meta[values["name"]] = values.get("content", "")
    if tag == "link" and SKIP_RELS & set(values.get("rel", "").lower().split()):
        return
    if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
        values = {"content": _refresh_target(values.get("content", ""))}   # a redirect is a link
        attrs: tuple = ("content",)
    else:
        attrs = URL_ATTRS.get(tag, ())
    if not any(values.get(a) for a in attrs):
        return
    line = bisect.bisect_right(lines, offset)
    column = offset - lines[line - 1] + 1
    for attr in attrs:
        for url in _urls(attr, values.get(attr)):
            scan.links.append(PageLink(line, column, url))


@dataclass
class LinkReport:
    """Broken links (problems), external hosts and the pages' meta tags, for the report."""

    problems: list[Problem] = field(default_factory=list)
    kinds: dict[Problem, str] = field(default_factory=dict)
    external: dict[str, dict[str, set[str]]] = field(default_factory=dict)   # host -> url -> pages
    meta: dict[str, dict[str, str]] = field(default_factory=dict)            # page file -> tags
    pages: int = 0
    files: frozenset = frozenset()                                           # every output file
    broken_home: int = 0      # broken links on the homepage (index.html): −1 each in inspections

    def add(self, problem: Problem, kind: str, page: str = "") -> None:
        self.problems.append(problem)
        self.kinds[problem] = kind
        self.broken_home += page == "index.html"


class SiteChecker:
    """Resolves the links of every page of one built site."""

    def __init__(self, site_dir: Path, base_url: str, display: str = "",
                 sources: Optional[dict[str, str]] = None, keys: Optional[dict[str, str]] = None,
                 cache: Optional[BuildCache] = None):
        self.root = Path(site_dir)
        base = urlsplit(base_url)
        self.host = (base.hostname or "").lower()
        self.base = "/" + base.path.strip("/") + "/" if base.path.strip("/") else "/"
        self.display = (display or str(self.root)).rstrip("/")
        self.sources = sources or {}
        self.files = set(list_files(self.root))
        self.scans: dict[str, PageScan] = {}
        self.keys = keys or {}
        self.memo = memo(cache, "linkscan", shared=True)  # scans are only read

    def scan(self, rel: str) -> PageScan:
        """A page's scan, its links located (see :meth:`locate`); a page with a cache key (its
        bytes and address follow from it) is scanned once across builds."""
        if rel not in self.scans:
            key = self.keys.get(rel)
            found = self.memo.get(key) if key else None
            if found is None:
                found = scan_page(self.root / rel)
                found.links = [link + self.locate(rel, link.url) for link in found.links]
                if key:
                    self.memo.put(key, found)
            self.scans[rel] = found
        return self.scans[rel]

    def run(self) -> LinkReport:
        report = LinkReport(files=frozenset(self.files))
        # 404.html is served at any address, so its links are root-relative and not checked here.
        for rel in sorted(f for f in self.files if f.endswith(".html") and f != "404.html"):
            scan = self.scan(rel)
            report.pages += 1
            report.meta[rel] = scan.meta
            for located in scan.links:
                self.review_link(rel, located, report)
        return report

    def locate(self, page: str, url: str) -> Located:
        """Where a URL of ``page`` points, short of whether that file exists: (IGNORED,),
        (EXTERNAL, host), (OUTSIDE, fragment) for a path outside the site's folder, or
        (INTERNAL, site-relative path, names a folder, fragment). It depends only on the
        page's address and bytes, so it is kept with the page's scan."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in IGNORED_SCHEMES or (scheme and scheme not in ("http", "https")):
            return (IGNORED,)
        if parts.netloc:
            host = (parts.hostname or "").lower()
            if host != self.host:
                return EXTERNAL, host
            path = parts.path or "/"
        elif parts.path.startswith("/"):
            path = parts.path
        elif not parts.path:
            return INTERNAL, page, False, unquote(parts.fragment)
        else:
            path = posixpath.join(self.base + posixpath.dirname(page), parts.path)
        folder = path.endswith("/")
        path = posixpath.normpath(unquote(path)) + ("/" if folder else "")
        if not (path + "/").startswith(self.base) and path != self.base.rstrip("/"):
            return OUTSIDE, unquote(parts.fragment)  # reported as broken
        rel = path[len(self.base):].strip("/") if len(path) > len(self.base) else ""
        return INTERNAL, rel, folder or not rel, unquote(parts.fragment)

    def resolve_file(self, rel: str, folder: bool) -> Optional[str]:
        if rel.startswith(".."):
            return None
        index = f"{rel}/index.html" if rel else "index.html"
        if folder:
            return index if index in self.files else None
        if rel in self.files:
            return rel
        return index if index in self.files else None

    def review_link(self, page: str, located: tuple, report: LinkReport) -> None:
        """``located``: a :class:`PageLink` followed by its :meth:`locate` result."""
        kind = located[3]
        if kind == INTERNAL:
            target, fragment = self.resolve_file(located[4], located[5]), located[6]
        elif kind == EXTERNAL:
            report.external.setdefault(located[4], {}).setdefault(located[2], set()).add(page)
            return
        elif kind == OUTSIDE:
            target, fragment = None, located[4]
        else:
            return
        link = PageLink(*located[:3])
        if target is None:
            report.add(self.problem(page, link, "目标不存在", "the target does not exist"), "broken_link", page)
        elif fragment and target.endswith(".html") and fragment not in self.scan(target).ids:
            report.add(self.problem(page, link, f"页面中没有锚点 #{fragment}",
                                    f"the page has no anchor #{fragment}"), "missing_anchor", page)

    def problem(self, page: str, link: PageLink, zh: str, en: str) -> Problem:
        source = self.sources.get(page_url(page))
        from_zh = f"（来自 {source}）" if source else ""
        from_en = f" (from {source})" if source else ""
        fix_zh = f"请修改{source}中的链接" if source else "请检查模板或内容中的链接"
        fix_en = f"fix the link in {source}" if source else "check the link in the templates or content"
        return Problem(f"{self.display}/{page}", link.line, link.column, link.url,
                       f"链接 {link.url} 无效：{zh}{from_zh}；{fix_zh}",
                       f"broken link {link.url}: {en}{from_en}; {fix_en}")


def page_url(rel: str) -> str:
    """``policies/x/index.html`` -> ``policies/x/`` (the URL the pages module uses)."""
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def review_links(site_dir: Path, base_url: str, display: str = "",
                 sources: Optional[dict[str, str]] = None, keys: Optional[dict[str, str]] = None,
                 cache: Optional[BuildCache] = None) -> LinkReport:
    """Every internal link and anchor of the built site at ``site_dir``."""
    return SiteChecker(site_dir, base_url, display, sources, keys, cache).run()


def review_external_links(report: LinkReport, timeout: float = 10.0) -> list[Problem]:
    """``--online``: one HEAD (then GET) request per external URL; failures are warnings."""
    import urllib.request
    problems = []
    for host, urls in sorted(report.external.items()):
        for url, pages in sorted(urls.items()):
            error = _fetch_error(urllib.request, url, timeout)
            if error:
                problems.append(Problem(sorted(pages)[0], 1, 1, url, f"外部链接无法访问：{error}",
                                        f"the external link does not answer: {error}", Severity.WARNING))
    return problems


def _fetch_error(request_module, url: str, timeout: float) -> str:
    for method in ("HEAD", "GET"):
        try:
            request = request_module.Request(url, method=method, headers={"User-Agent": "build.py check"})
            with request_module.urlopen(request, timeout=timeout) as response:
                if response.status < 400:
                    return ""
        except Exception as exc:  # any network failure means "does not answer"
            error = f"{type(exc).__name__}: {exc}"
            continue
        error = f"HTTP {response.status}"
    return error


def find_leaks(site_dir: Path, needles: dict[str, Iterable[str]], display: str = "",
               keys: Optional[dict[str, str]] = None, cache: Optional[BuildCache] = None) -> list[Problem]:
    """Every output text file that contains a title or id of a document that must stay unpublished.

    ``needles`` maps the content file of each such document to its title and id. A file
    with a page-cache key in ``keys`` is searched once across builds for the same needles.
    """
    root = Path(site_dir)
    display = (display or str(root)).rstrip("/")
    owners: dict[str, list[str]] = {}
    for source, values in needles.items():
        for needle in values:
            if needle:
                owners.setdefault(needle, []).append(source)
    if not owners:
        return []
    # Aho-Corasick: one linear pass over each file for all needles (a regex alternation of
    # hundreds of titles, or one search per needle, took minutes on a 10,000-document site).
    needles_list = sorted(owners)
    automaton = AhoCorasick(needles_list)
    found_before, salt = memo(cache, "leaks", shared=True), digest(owners)
    keys = keys or {}
    problems = []
    for rel in list_files(root, TEXT_SUFFIXES):
        path = root / rel
        key = digest(salt, keys[rel]) if rel in keys else None
        hits = found_before.get(key) if key else None
        if hits is None:
            hits = _leaks_in(path.read_text(encoding="utf-8", errors="replace"), automaton, needles_list, owners)
            if key:
                found_before.put(key, hits)
        for source, line, found in hits:
            problems.append(Problem(f"{display}/{rel}", line, 1, "",
                                    f"不公开的文件 {source} 出现在网站中：“{found}”；请删除",
                                    f"the non-public document {source} appears in the site: "
                                    f"\"{found}\"; remove it"))
    return problems


def _leaks_in(text: str, automaton: AhoCorasick, needles: list[str],
              owners: dict[str, list[str]]) -> list[tuple[str, int, str]]:
    """(source, line, needle) of the first occurrence of each hidden document in ``text``."""
    first: dict[str, tuple[int, str]] = {}
    for index, start, end in automaton.find_matches_as_indexes(text, overlapping=True):
        if _bounded(text, start, end):
            for source in owners[needles[index]]:
                first.setdefault(source, (start, needles[index]))
    return [(source, text.count("\n", 0, start) + 1, found) for source, (start, found) in sorted(first.items())]


def _bounded(text: str, start: int, end: int) -> bool:
    """An id must stand alone: ``qh-2023-003`` is not found inside ``qh-2023-0031``."""
    def word(i: int) -> bool:
        return 0 <= i < len(text) and (text[i].isascii() and (text[i].isalnum() or text[i] == "-"))
    return not word(start - 1) and not word(end)

"""Built pages for assertions by selector: a tiny CSS-selector subset over ``catalog_html``'s tree.

``select(node, "table.doc-header tr")`` supports what page tests need and no more:
a tag or ``*``, ``.class``, ``#id``, ``[attr]``, ``[attr=value]`` (value quoted or
not), compounds of these (``a[rel=next]``) and the descendant combinator (a space).

Also here: the page's main content (``<article>``) as raw HTML for golden files,
and an independent resolver of relative links (``resolve``), so link tests do not
rely only on :mod:`generator.linkcheck`.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlsplit

from catalog_html import Node, parse

_PART = re.compile(r"""(?P<tag>[a-z][a-z0-9]*|\*)|\.(?P<cls>[\w-]+)|\#(?P<id>[\w-]+)"""
                   r"""|\[(?P<attr>[\w-]+)(?:=(?P<q>["']?)(?P<value>[^\]"']*)(?P=q))?\]""")


@dataclass(frozen=True)
class _Simple:
    tag: str = "*"
    classes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, Optional[str]], ...] = ()

    def matches(self, node: Node) -> bool:
        if self.tag != "*" and node.tag != self.tag:
            return False
        own = node.attrs.get("class", "").split()
        if any(c not in own for c in self.classes):
            return False
        return all(k in node.attrs and (v is None or node.attrs[k] == v) for k, v in self.attrs)


def _compile(simple: str) -> _Simple:
    tag, classes, attrs, pos = "*", [], [], 0
    while pos < len(simple):
        m = _PART.match(simple, pos)
        if not m:
            raise ValueError(f"unsupported selector {simple!r} at {simple[pos:]!r}")
        if m["tag"]:
            tag = m["tag"]
        elif m["cls"]:
            classes.append(m["cls"])
        elif m["id"]:
            attrs.append(("id", m["id"]))
        else:
            attrs.append((m["attr"], m["value"] if m["value"] is not None else None))
        pos = m.end()
    return _Simple(tag, tuple(classes), tuple(attrs))


def select(node: Node, selector: str) -> list[Node]:
    """Descendants of ``node`` matching ``selector``, in document order, each once."""
    current = [node]
    for part in selector.split():
        simple = _compile(part)
        found: dict[int, Node] = {}
        for scope in current:
            for candidate in scope.iter():
                if simple.matches(candidate):
                    found.setdefault(id(candidate), candidate)
        order = {id(n): i for i, n in enumerate(node.iter())}
        current = sorted(found.values(), key=lambda n: order[id(n)])
    return current


def select_one(node: Node, selector: str) -> Node:
    """The single element matching ``selector``; fails when there are none or several."""
    found = select(node, selector)
    assert len(found) == 1, f"{selector!r}: expected one element, found {len(found)}"
    return found[0]


def texts(node: Node, selector: str) -> list[str]:
    """The whitespace-collapsed text of every match."""
    return [n.text for n in select(node, selector)]


class Site:
    """A built output folder, read page by page (URLs are site-relative: ``policies/x/``, ``""``)."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def file(self, url: str) -> Path:
        return self.root / url / "index.html" if url == "" or url.endswith("/") else self.root / url

    def exists(self, url: str) -> bool:
        return self.file(url).is_file()

    def html(self, url: str) -> str:
        return self.file(url).read_text(encoding="utf-8")

    def page(self, url: str) -> Node:
        return parse(self.html(url))

    def article(self, url: str) -> Node:
        """The page's main content: its one ``<article>``."""
        return select_one(self.page(url), "article")

    def pages(self) -> list[str]:
        """Every HTML page as a site-relative URL, sorted."""
        urls = []
        for path in sorted(self.root.rglob("*.html")):
            rel = path.relative_to(self.root).as_posix()
            if rel.startswith("admin/"):
                continue  # the web editor (Decap CMS) is an application, tested in test_cms.py
            urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return urls


def article_html(html: str) -> str:
    """The raw inner HTML of the page's one ``<article>`` element (what golden files hold)."""
    opening = list(re.finditer(r"<article\b[^>]*>", html))
    assert len(opening) == 1, f"expected one <article>, found {len(opening)}"
    end = html.index("</article>", opening[0].end())
    return html[opening[0].end():end]


def resolve(page_url: str, href: str) -> Optional[tuple[str, str]]:
    """(site-relative target URL, fragment) of a link on the page at ``page_url``; None when external.

    Written from the URL rules alone (a page ``x/`` is the folder ``x/index.html``),
    independently of :mod:`generator.urls` and :mod:`generator.linkcheck`.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return None
    folder = page_url if page_url.endswith("/") or page_url == "" else posixpath.dirname(page_url) + "/"
    if not parts.path:
        return page_url, unquote(parts.fragment)
    joined = posixpath.normpath(posixpath.join(folder or ".", unquote(parts.path)))
    assert not joined.startswith(".."), f"{href!r} on {page_url!r} leaves the site"
    target = "" if joined == "." else joined + ("/" if parts.path.endswith("/") else "")
    return target, unquote(parts.fragment)

"""An allow-list for the HTML of rendered Markdown (bodies, Q&A answers, report texts).

A body may hold raw HTML, and Markdown itself writes whatever address a link names
(``[x](javascript:…)``). What a body may publish is listed here, and only that:
text structure, tables, lists, code, links and images with safe addresses, and the
``<picture>`` markup :mod:`generator.features.images.images` writes for body images. :func:`clean` is
what is published (nh3, the binding of the Rust crate ammonia, parses the HTML as a
browser does); :func:`removals` names what :func:`clean` drops, element by element and
attribute by attribute, so ``check`` can tell the editor (see :mod:`generator.body_checks`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Optional

import nh3

TAGS = frozenset({
    "p", "br", "hr", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "cite", "q",
    "blockquote", "pre", "code", "kbd", "samp", "var",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "a", "img", "picture", "source", "figure", "figcaption", "details", "summary",
})
#: Attributes per element ("*": every element). ``id`` is the heading anchors Markdown's
#: toc writes and any anchor a body links to; ``style`` only on table cells, for the
#: ``text-align`` Markdown's tables write (no other property passes).
ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"type", "srcset", "sizes"},
    "code": {"class"},
    "ol": {"start", "type", "reversed"},
    "th": {"colspan", "rowspan", "scope", "style"}, "td": {"colspan", "rowspan", "style"},
    "col": {"span"}, "colgroup": {"span"},
    "abbr": {"title"}, "q": {"cite"}, "blockquote": {"cite"}, "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = {"href", "src", "cite"}
#: Elements dropped with everything inside them (the others leave their text behind).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "noscript", "template", "textarea",
                                  "select", "svg", "math", "title", "noembed", "noframes", "xmp"})
_STYLE = frozenset({"text-align"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def clean(html: str) -> str:
    """``html`` with only the allowed elements, attributes and addresses."""
    return nh3.clean(html, tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
                     attributes={k: set(v) for k, v in ATTRIBUTES.items()}, url_schemes=set(SCHEMES),
                     link_rel=None, strip_comments=True, filter_style_properties=set(_STYLE))


@dataclass(frozen=True)
class Removal:
    """One thing :func:`clean` drops: an element, or an attribute of a kept element."""

    tag: str
    attribute: Optional[str] = None
    value: str = ""              # the attribute's value (an address refused for its scheme)
    unsafe_address: bool = False


def removals(html: str) -> list[Removal]:
    """What :func:`clean` removes from ``html``, in document order."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


def safe_address(url: str) -> bool:
    """An address a body may link to: relative, or one of :data:`SCHEMES` (as a browser reads
    it, with blanks and control characters removed)."""
    scheme = _SCHEME.match(re.sub(r"[\x00-\x20\x7f]", "", url))
    return scheme is None or scheme.group(1).lower() in SCHEMES


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Removal] = []
        self.dropping: list[str] = []   # open elements dropped with their content

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.dropping:
            return
        if tag not in TAGS:
            self.found.append(Removal(tag))
            if tag in DROPPED_WITH_CONTENT:
                self.dropping.append(tag)
            return
        allowed = ATTRIBUTES.get(tag, set()) | ATTRIBUTES["*"]
        for name, value in attrs:
            if name not in allowed:
                self.found.append(Removal(tag, name, value or ""))
            elif name in URL_ATTRIBUTES and value and not safe_address(value):
                self.found.append(Removal(tag, name, value, unsafe_address=True))
            elif name == "style" and value and not _only_allowed_style(value):
                self.found.append(Removal(tag, name, value))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if self.dropping and self.dropping[-1] == tag:
            self.dropping.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.dropping and self.dropping[-1] == tag:
            self.dropping.pop()


def _only_allowed_style(style: str) -> bool:
    names = [part.split(":", 1)[0].strip().lower() for part in style.split(";") if part.strip()]
    return all(name in _STYLE for name in names)

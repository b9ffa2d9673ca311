"""Jinja2 rendering of page fragments from the core's own templates (no MkDocs types).

A template renders the part of a page before the Markdown body and the part after
it, separated by :data:`BODY`; the page shell (header, nav, footer) is the theme's.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import jinja2

from . import urls
from .digest import Lazy, Unkeyable, digest
from .typography import trim_link_punctuation
from .views import cn_date

TEMPLATES = Path(__file__).parent / "templates"
BODY = "<!--body-->"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=False)
    env.filters["cn_date"] = cn_date
    return env


class Fragment:
    """A template's output around a page body, rendered on first use.

    ``key`` identifies the output without rendering it: a digest of the template, the
    page's URL and every context value (see :mod:`generator.digest`), or None when some
    value cannot be digested. A build whose page cache holds the key never renders it.
    """

    __slots__ = ("template", "page_url", "context", "key", "_parts")

    def __init__(self, template: str, page_url: str, context: dict[str, Any]):
        self.template, self.page_url, self.context = template, page_url, context
        self._parts: Optional[tuple[str, str]] = None
        try:
            self.key: Optional[str] = digest(template, page_url, context)
        except Unkeyable:
            self.key = None

    @property
    def parts(self) -> tuple[str, str]:
        if self._parts is None:
            context = {k: v.value() if isinstance(v, Lazy) else v for k, v in self.context.items()}
            self._parts = _render(self.template, self.page_url, context)
            self.context = {}
        return self._parts

    @property
    def before(self) -> str:
        return self.parts[0]

    @property
    def after(self) -> str:
        return self.parts[1]


def render(template: str, page_url: str, **context: Any) -> Fragment:
    """``template`` for the page at ``page_url``, rendered when first used (before, after the body)."""
    return Fragment(template, page_url, context)


def _render(template: str, page_url: str, context: dict[str, Any]) -> tuple[str, str]:
    def link(to: str) -> str:
        return urls.relative(page_url, to)
    html = environment().get_template(template).render(link=link, page_url=page_url, **context)
    html = trim_link_punctuation(html)
    before, _, after = html.partition(BODY)
    return before.strip(), after.strip()

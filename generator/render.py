"""Jinja2 rendering of page fragments from the core's own templates (no MkDocs types).

A template renders the part of a page before the Markdown body and the part after
it, separated by :data:`BODY`; the page shell (header, nav, footer) is the theme's.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from . import urls
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


def render(template: str, page_url: str, **context: Any) -> tuple[str, str]:
    """Render ``template`` for the page at ``page_url``; returns (before body, after body)."""
    def link(to: str) -> str:
        return urls.relative(page_url, to)
    html = environment().get_template(template).render(link=link, page_url=page_url, **context)
    before, _, after = html.partition(BODY)
    return before.strip(), after.strip()

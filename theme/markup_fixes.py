"""MkDocs hook: two fixes to Material's own markup that no template block can reach.

Both are in Material's ``base.html`` and ``partials/toc.html`` outside any block, and the
Nu Html Checker reports them as errors; copying those files would break on every Material
upgrade, so the finished HTML is corrected instead, narrowly:

1. ``autocomplete="off"`` on the two hidden ``md-toggle`` checkboxes (drawer, search): the
   attribute is not allowed on checkboxes (HTML: only text-like, date and colour inputs).
2. ``<label class="md-nav__title" for="__toc">`` on a page that has no ``__toc`` control
   (pages not in the navigation, such as policy documents): a label pointing at nothing.
   The ``for`` is dropped; the label stays as the visible "目录" heading.

It also leaves Material's source maps (``*.min.js.map``, ``*.min.css.map``, 1.3 MB) out of the
site: no visitor needs them, and their embedded sources mention IPv4 literals (127.0.0.1,
0.0.0.0 in a comment about ``mkdocs serve``) that the IPv6 audit rightly refuses.
"""
from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def on_files(files, config, **_: object):
    """Drop the theme's source maps from the output."""
    for file in [f for f in files if f.src_uri.endswith((".min.js.map", ".min.css.map"))]:
        files.remove(file)
    return files


def on_post_page(output: str, **_: object) -> str:
    output = _TOGGLE.sub(r"\1", output)
    if 'id="__toc"' not in output:
        output = output.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return output


def on_post_template(output_content: str, **_: object) -> str:
    """The same fixes for pages rendered from a bare template (404.html)."""
    return on_post_page(output_content)

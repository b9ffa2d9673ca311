"""Take the template indentation out of a rendered page without changing what it shows.

Material's templates and ours are indented for people who edit them; in a page that
indentation is bytes: 12 % of the HTML of a 3,000-document site, with the blank lines the
template tags leave. HTML renders any run of white space that holds a line break as one
space (or as nothing between blocks), so each such run can become a single line break:
the page shows the same, reads the same to a screen reader, and keeps one line per
element for anyone reading the source.

Only HTML's white space counts (space, tab, CR, LF, FF): the ideographic space U+3000
that Chinese text uses for indentation and spacing is a character a reader sees, and
stays. Left exactly as they are: the inside of ``<pre>`` and ``<textarea>`` (white space
is their content) and of ``<script>`` and ``<style>`` (the Content-Security-Policy
hashes cover their bytes). White space inside a tag is cut the same way: between
attributes it means nothing, and an attribute value that spans lines (none of the
templates writes one) loses only indentation no browser shows.

A leaf: no MkDocs, no feature.
"""
from __future__ import annotations

import re

_VERBATIM = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_SPACE = " \t\r\f"  # HTML's white space besides LF (never str.strip(): it takes U+3000)


def compact_html(html: str) -> str:
    """The page ``html`` with every white-space run that holds a line break cut to one line
    break, outside ``pre``, ``textarea``, ``script`` and ``style``, and none before its first
    tag (where a parser ignores it: whole pages only, not fragments)."""
    parts: list[str] = []
    start = 0
    for block in _VERBATIM.finditer(html):
        parts.append(_compact_lines(html[start:block.start()]))
        parts.append(block.group(0))
        start = block.end()
    parts.append(_compact_lines(html[start:]))
    return "".join(parts).lstrip(_SPACE + "\n")  # before <!doctype> nothing counts


def _compact_lines(text: str) -> str:
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    kept = [lines[0].rstrip(_SPACE)]
    kept += [line for line in (line.strip(_SPACE) for line in lines[1:-1]) if line]
    kept.append(lines[-1].lstrip(_SPACE))
    return "\n".join(kept)

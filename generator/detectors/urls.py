"""Every address a text sends its reader to elsewhere: listed by ``check`` for a person to look at.

A link to another site, or an automatic redirect (``<meta http-equiv="refresh">``, also
to ``/phish`` on the same host), is not an error by itself, but an editor or an
inspector must see each one: a phishing target hides well in a long body or in the
text of a spreadsheet. Pure: a string in, offsets and addresses out.
"""
from __future__ import annotations

import html
import re
from typing import NamedTuple, Optional
from urllib.parse import urlsplit

# Stops at blanks, quotes, brackets and the Chinese punctuation that ends a sentence.
_URL = re.compile(r"""https?://[^\s<>"'`()\[\]{}（）【】《》“”‘’，。；、！？]+""", re.IGNORECASE)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_REFRESH_URL = re.compile(r"""^\s*[\d.]*\s*[;,]?\s*url\s*=\s*["']?([^"'\s]+)""", re.IGNORECASE)


class FoundUrl(NamedTuple):
    start: int
    url: str
    refresh: bool = False   # the target of a meta refresh (an automatic redirect)


def find_urls(text: str, own_host: Optional[str] = None) -> list[FoundUrl]:
    """Absolute http(s) addresses on another host than ``own_host``, and every meta refresh
    target (relative ones too), in text order."""
    found = [FoundUrl(m.start(), m.group(0).rstrip(".,:;!?")) for m in _URL.finditer(text)]
    found = [f for f in found if _other_host(f.url, own_host)]
    refreshes = list(_refresh_targets(text))
    covered = {f.start for f in refreshes}
    found = [f for f in found if f.start not in covered]
    return sorted(found + refreshes)


def _other_host(url: str, own_host: Optional[str]) -> bool:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return True
    return not own_host or host != own_host.lower()


def _refresh_targets(text: str):
    for tag in _META.finditer(text):
        attrs = {m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or "", m.start(0))
                 for m in _ATTR.finditer(tag.group(0))}
        if attrs.get("http-equiv", ("",))[0].strip().lower() != "refresh" or "content" not in attrs:
            continue
        content, offset = attrs["content"]
        target = _REFRESH_URL.match(html.unescape(content))
        if target:
            start = tag.start() + offset
            raw = tag.group(0)[offset:]
            inner = raw.find(target.group(1))
            yield FoundUrl(start + (inner if inner >= 0 else 0), target.group(1), True)

"""Chinese typography fixes on rendered HTML (no MkDocs types: the core and the plugin use it).

A full-width opening bracket (《（“…) draws its ink in the right half of its em box, and a
closing one or a full stop (》）？…) in the left half. At the start or end of an underlined
link the empty half is underlined too: the link seems to begin or end with an underlined space
("经 《清河县…》", "补贴发给谁？ "). Wrapping that one character in ``<span class="cjk-trim">``
lets the stylesheet set it half-width (OpenType ``halt``), so the underline is as long as the ink.
"""
from __future__ import annotations

import re

OPENING = "《〈（「『“‘〔【［｛"
CLOSING = "》〉）」』”’〕】］｝？！。，、；："

_LEADING = re.compile(r"(<a\b[^>]*>)([" + OPENING + "])")
_TRAILING = re.compile(r"([" + CLOSING + "])(</a>)")


def trim_link_punctuation(html: str) -> str:
    """``html`` with a link's first opening and last closing punctuation marked ``cjk-trim``."""
    html = _LEADING.sub(r'\1<span class="cjk-trim">\2</span>', html)
    return _TRAILING.sub(r'<span class="cjk-trim">\1</span>\2', html)

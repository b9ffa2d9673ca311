"""``check`` names everything the sanitiser would drop from a body, where the editor wrote it.

A page publishes a body only through :func:`generator.sanitize.clean`; dropping a
``<script>`` silently would leave the editor believing the page shows what they wrote.
So every body (policies, interpretations, pages, historical texts) is converted as the
build converts it and each element or attribute :func:`~generator.sanitize.removals`
finds is an error at the line and column of the body that holds it.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

import markdown

from .content import Content
from .errors import Problem
from .sanitize import SCHEMES, Removal, removals

#: What MkDocs converts a body with (its defaults; mkdocs.yml adds none).
EXTENSIONS = ["toc", "tables", "fenced_code"]
_MAY_HOLD_HTML = re.compile(r"[<\]]")  # raw HTML, or a link (its address)


def check_bodies(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """The bodies of the core's documents (disclosure records too); historical texts are the versions feature's
    (``generator/features/versions``), checked with :func:`body_problems` too."""
    for type_name in ("policy", "interpretation", "page", "record"):
        for entry in content.of(type_name).values():
            yield from body_problems(entry.path, entry.body, entry.body_line)


def body_problems(path: str, body: str, first_line: int) -> Iterator[Problem]:
    """One located error per element or attribute the sanitiser drops from ``body``."""
    if not _MAY_HOLD_HTML.search(body):  # most bodies: plain text, nothing to convert
        return
    html = markdown.markdown(body, extensions=EXTENSIONS)
    cursor: dict[str, int] = {}
    for removal in removals(html):
        offset = _locate(body, removal, cursor)
        line = body.count("\n", 0, offset)
        column = offset - (body.rfind("\n", 0, offset) + 1) + 1
        zh, en = _message(removal)
        yield Problem(path, first_line + line, column, "body", zh, en)


def _locate(body: str, removal: Removal, cursor: dict[str, int]) -> int:
    """The offset in ``body`` of the next occurrence of what ``removal`` names (the start
    of the body when Markdown wrote it from something unrecognisable)."""
    if removal.unsafe_address:
        pattern = "".join(_char_or_reference(c) for c in removal.value)
    elif removal.attribute:
        pattern = rf"(?<![\w-]){re.escape(removal.attribute)}\s*="
    else:
        pattern = rf"<\s*{re.escape(removal.tag)}(?![\w-])"
    start = cursor.get(pattern, 0)
    found = re.compile(pattern, re.IGNORECASE).search(body, start)
    if not found:
        return 0
    cursor[pattern] = found.end()
    return found.start()


def _char_or_reference(char: str) -> str:
    """``char`` as written, or as a character reference (``&#x09;`` hides a tab in an address)."""
    return rf"(?:{re.escape(char)}|&#0*{ord(char)};?|&#x0*{ord(char):x};?)"


def _visible(value: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", value)


def _message(removal: Removal) -> tuple[str, str]:
    tag = f"<{removal.tag}>"
    if removal.unsafe_address:
        schemes, value = "、".join(sorted(SCHEMES)), _visible(removal.value)
        return (f"{tag} 的地址 {value} 不允许（只能是 {schemes} 或相对地址），发布时会被删去；"
                f"请改为 https:// 开头的网址或站内地址",
                f"the address {value} of {tag} is not allowed (only {', '.join(sorted(SCHEMES))} or "
                f"relative) and is dropped when published; use an https:// URL or an address on this site")
    if removal.attribute:
        return (f"{tag} 的 {removal.attribute} 属性不允许，发布时会被删去；请删除该属性，格式用 Markdown 表达",
                f"the {removal.attribute} attribute of {tag} is not allowed and is dropped when published; "
                f"remove it and express formatting in Markdown")
    return (f"正文中的 {tag} 元素不允许，发布时会被删去；请删除它，正文用 Markdown 书写，"
            f"视频、表单等请链接到其所在页面",
            f"the {tag} element is not allowed in a body and is dropped when published; remove it, write "
            f"the body in Markdown, and link to pages that hold videos, forms and the like")

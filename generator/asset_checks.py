"""Files under ``content/assets/`` that a browser would run: refused where they stand.

Everything under ``assets/`` is published as it is, on the site's own origin. A web page,
a script or an SVG drawing with a script in it would run there with the site's rights (a
host such as GitHub Pages sends no Content-Security-Policy, and a file copied as it is gets
no meta tag), so a page can redirect visitors to a phishing site or read what they typed.
Attachments are documents (PDF, Word, OFD, spreadsheets) and images; a web page belongs
under ``pages/``, where it is checked, sanitised and carries the site's policy.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Iterator

from .content import Content
from .errors import Problem
from .files import plain_files

#: Suffixes a browser renders or runs when it opens the file itself.
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".js", ".mjs",
                             ".swf", ".svgz", ".xsl", ".xslt"})
#: What makes an SVG drawing active: scripts, event handlers, script URLs, embedded documents.
ACTIVE_SVG = re.compile(r"<\s*script\b|(?<=\s)on[a-z]+\s*=|javascript\s*:|<\s*(foreignObject|iframe|embed|object)\b"
                        r"|<\s*(set|animate)\b[^>]*\bhref\b", re.IGNORECASE)


def check_active_assets(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """An error for every web page or script, and every SVG with active content, under assets/."""
    root = content.root
    for path in plain_files(root, root / "assets"):
        suffix = path.suffix.lower()
        display = f"{content.display_root.rstrip('/')}/{path.relative_to(root).as_posix()}"
        if suffix in ACTIVE_SUFFIXES:
            yield Problem(display, 1, 1, "",
                          f"不允许发布网页或脚本文件（{suffix}）：它会在本站的地址下运行，可被用来跳转到仿冒网站；"
                          "网页请写在 pages/ 下，文件请以 PDF、OFD 或 Word 发布",
                          f"web pages and scripts ({suffix}) may not be published: one would run on this site's "
                          "address and could send visitors to a phishing site; write a page under pages/, publish "
                          "documents as PDF, OFD or Word")
        elif suffix == ".svg":
            yield from _active_svg(path, display)


def _active_svg(path: Path, display: str) -> Iterator[Problem]:
    text = path.read_bytes().decode("utf-8", errors="replace")
    match = ACTIVE_SVG.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found = " ".join(match.group(0).split())
        yield Problem(display, line, column, "",
                      f"SVG 图片含有可执行内容（{found}）：打开图片时会在本站运行；请导出为不含脚本的 SVG，或改用 PNG",
                      f"the SVG image holds active content ({found}) that would run on this site when opened; "
                      "export it without scripts, or use PNG")

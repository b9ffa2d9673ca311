"""The content check of the web editor: a site that asks for it needs the Decap bundle installed."""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from ...content import Content
from ...errors import Problem
from .bundle import bundle_files, decap_dist


def check_cms_bundle(content: Content, as_of: dt.date) -> Iterator[Problem]:
    site, entry = content.site, content.site_entry
    if site is None or site.cms is None or entry is None:
        return
    dist = decap_dist(content.root)
    if not bundle_files(dist):
        yield entry.at("cms", zh=f"网页编辑器需要 Decap CMS，但 {dist} 中没有 decap-cms.js；请运行 npm ci --prefix cms，"
                                 f"或删除 cms 设置",
                       en=f"the web editor needs Decap CMS, but {dist} holds no decap-cms.js; run npm ci --prefix cms, "
                          f"or remove the cms settings")

"""The files of ``/admin/``: the Decap CMS page, its configuration, the preview data and the bundle.

Written only for a site whose ``site.yml`` has a ``cms:`` block. The Decap bundle is
the pinned npm package ``decap-cms`` (``cms/package.json``), copied from
``cms/node_modules`` (or ``$DECAP_CMS_DIST``): nothing is loaded from another host.
The page carries its own Content-Security-Policy, wider than the site's only where
Decap needs it (see :func:`admin_csp`).
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any, Iterable, Optional
from urllib.parse import urlsplit

import yaml

from ...content import Content
from ...model import ContentType
from ...model.site import CmsSettings
from ...site import Site as ResolvedSite
from ...site import all_index_numbers
from ...topics import ordered_topics
from ...validity import RELATION_KINDS
from .bundle import bundle_files
from .config import build_config
from .fields import Choices

STATIC = Path(__file__).parent / "static"
#: Where each forge's API answers, when site.yml does not say (GitHub's public API).
DEFAULT_API = {"github": "https://api.github.com"}


def _origin(url: Optional[str]) -> Optional[str]:
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def admin_csp(cms: CmsSettings, local_backend_url: Optional[str] = None) -> str:
    """The admin page's policy: scripts from this host only, 'unsafe-eval' (Decap compiles its
    configuration validator at run time: without it the editor never shows its login), inline
    styles (Decap's CSS-in-JS),
    and requests to the forge's API and login service and nothing else. A source cannot be
    an IPv6 literal: a local backend is named by host name (``localhost``)."""
    forge = sorted({o for o in (_origin(cms.api_root or DEFAULT_API.get(cms.backend)), _origin(cms.base_url),
                                _origin(local_backend_url)) if o})
    hosts = " ".join(forge)
    return ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob: {hosts}; connect-src 'self' {hosts}; font-src 'self'; "
            "frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'").replace("  ", " ")


def index_html(site_name: str, csp: str) -> str:
    """The admin page: the configuration link, the bundle and the preview script, all same-origin."""
    return (STATIC / "index.html").read_text(encoding="utf-8").format(
        csp=html.escape(csp, quote=True), title=html.escape(f"内容管理 · {site_name}"))


def relations_data(site: ResolvedSite) -> dict[str, Any]:
    """What the preview needs to show an edit's consequences, computed by the engine:
    each policy's title, 文号, 索引号 and status at the as-of date, the relation kinds,
    and the next 索引号 of each prefix and year."""
    docs = {doc_id: {"title": d.model.title, "doc_number": d.model.doc_number, "index_no": d.index_no,
                     "status": d.status.label, "url": d.url}
            for doc_id, d in sorted(site.docs.items())}
    highest: dict[str, int] = {}
    for number in all_index_numbers(site.content).values():   # policies and records share the sequence
        head, _, seq = number.rpartition("-")
        if seq.isdigit():
            highest[head] = max(highest.get(head, 0), int(seq))
    return {"as_of": site.as_of.isoformat(), "documents": docs,
            "kinds": {key: status.label for key, status in RELATION_KINDS.items()},
            "index_no_prefix": _site_prefix(site.content), "highest_index_no": dict(sorted(highest.items()))}


def _site_prefix(content: Content) -> str:
    site = content.site
    if site and site.index_no_prefix:
        return site.index_no_prefix
    org = content.organizations.get(site.organization) if site else None
    return org.code if org and org.code else ""


def choices_of(content: Content) -> Choices:
    """The selects' options, read from this site's organizations and topics."""
    return Choices(organizations=tuple((o.id, o.name) for o in content.organizations.values()),
                   topics=tuple(ordered_topics(content.root)))


def admin_files(site: ResolvedSite, dist: Path, local_backend_url: Optional[str] = None, *,
                types: Iterable[ContentType]) -> dict[str, bytes]:
    """Every file of ``admin/`` by site-relative path; a collection for each of ``types``."""
    settings = site.content.site
    assert settings is not None and settings.cms is not None
    config = build_config(settings, choices_of(site.content), site.content.root, local_backend_url, types=types)
    files = {
        "admin/index.html": index_html(settings.name, admin_csp(settings.cms, local_backend_url)).encode(),
        "admin/config.yml": yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000).encode(),
        "admin/relations.json": json.dumps(relations_data(site), ensure_ascii=False, indent=1).encode(),
        "admin/preview.js": (STATIC / "preview.js").read_bytes(),
    }
    for path in bundle_files(dist):
        files[f"admin/{path.name}"] = path.read_bytes()
    return files

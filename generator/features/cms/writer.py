"""The ``/admin/`` writer (listed in this feature's ``FEATURE``)."""
from __future__ import annotations

from pathlib import Path

from ...files import write_files
from ...plan import Plan
from .admin import admin_files
from .bundle import decap_dist


def write_admin(plan: Plan, site_dir: Path) -> None:
    """Write ``admin/**`` for a site whose ``site.yml`` has a ``cms:`` block."""
    settings = plan.site.config
    if settings is not None and settings.cms is not None:
        write_files(site_dir, admin_files(plan.site, decap_dist(plan.content.root), types=plan.content_types),
                    plan.cache)

"""Where the pinned Decap CMS bundle is: the npm package ``decap-cms`` of ``cms/package.json``."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[3]
#: The bundle's own folder in the pinned npm package.
DIST = REPO / "cms" / "node_modules" / "decap-cms" / "dist"


def decap_dist(content_root: Optional[Path] = None, environ: Optional[dict[str, str]] = None) -> Path:
    """The folder holding ``decap-cms.js``: ``$DECAP_CMS_DIST``; else the npm install beside the
    content folder (``<repository>/cms/``, where an installed generator builds a site's own
    repository); else this checkout's."""
    environ = os.environ if environ is None else environ
    if environ.get("DECAP_CMS_DIST"):
        return Path(environ["DECAP_CMS_DIST"])
    if content_root is not None:
        beside = Path(content_root).resolve().parent / "cms" / "node_modules" / "decap-cms" / "dist"
        if bundle_files(beside):
            return beside
    return DIST


def bundle_files(dist: Path) -> list[Path]:
    """The main bundle and the chunks it loads on demand (no source maps)."""
    return sorted(p for p in dist.glob("*decap-cms.js") if p.is_file())

"""Where the pinned Decap CMS bundle is: the npm package ``decap-cms`` of ``cms/package.json``."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[3]
#: The bundle's own folder in the pinned npm package.
DIST = REPO / "cms" / "node_modules" / "decap-cms" / "dist"


def decap_dist(environ: Optional[dict[str, str]] = None) -> Path:
    """The folder holding ``decap-cms.js``: ``$DECAP_CMS_DIST``, else the project's npm install."""
    environ = os.environ if environ is None else environ
    return Path(environ["DECAP_CMS_DIST"]) if environ.get("DECAP_CMS_DIST") else DIST


def bundle_files(dist: Path) -> list[Path]:
    """The main bundle and the chunks it loads on demand (no source maps)."""
    return sorted(p for p in dist.glob("*decap-cms.js") if p.is_file())

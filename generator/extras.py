"""Files written beside the pages (search index, feeds, data, sitemap, image clean-up).

Each writer takes the plan and the output folder. Most need only the plan and can
run while MkDocs renders (in another process, into another folder); those marked
``after_render`` read or replace what MkDocs wrote (its sitemap.xml, the copied
images) and run once rendering is done.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from .files import write_files  # noqa: F401  (the writers' helper, imported from here)
from .pipeline import Plan

Writer = Callable[[Plan, Path], None]
WRITERS: list[tuple[Writer, bool]] = []


def writer(func: Optional[Writer] = None, *, after_render: bool = False):
    """Register a writer: ``@writer`` or ``@writer(after_render=True)``."""
    def register(f: Writer) -> Writer:
        WRITERS.append((f, after_render))
        return f
    return register(func) if func is not None else register


def write_extras(plan: Plan, site_dir: Path, *, after_render: Optional[bool] = None) -> None:
    """Run the writers of one kind (or all of them when ``after_render`` is None)."""
    load_writers()
    for func, late in WRITERS:
        if after_render is None or late == after_render:
            func(plan, site_dir)


def load_writers() -> None:
    """Import the modules whose ``@writer`` functions make up the output (idempotent).

    Imported here, when writing starts, rather than at module import: they import the
    page builder, which imports this module; and a forked worker must see them too.
    """
    from . import feeds, images, images_exif, opendata, site_search, sitemap  # noqa: F401
    from .cms import writer as _cms  # noqa: F401  /admin/ (Decap CMS)

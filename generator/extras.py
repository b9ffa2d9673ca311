"""Files written beside the pages after rendering (search index, feeds, data).

Each writer takes the plan and the output folder; registered in :data:`WRITERS`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .pipeline import Plan

Writer = Callable[[Plan, Path], None]
WRITERS: list[Writer] = []


def writer(func: Writer) -> Writer:
    WRITERS.append(func)
    return func


def write_extras(plan: Plan, site_dir: Path) -> None:
    for func in WRITERS:
        func(plan, site_dir)


# Writers kept in their own modules register on import (after ``writer`` exists).
from . import images_exif  # noqa: E402,F401  strips EXIF/XMP from published images
from . import site_search  # noqa: E402,F401  writes the search index

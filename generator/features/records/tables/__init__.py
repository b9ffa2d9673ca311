"""The tables of typed records (财政预决算, 三公经费, 行政许可/处罚结果, 建议提案办理复文).

The interface the records feature calls; each function takes one loaded record entry
(``generator.content.Entry`` whose model is :class:`generator.model.record.Record`).
SCAFFOLD: the three functions below return nothing yet; the tables branch fills them.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterable, Optional

if TYPE_CHECKING:
    from ....content import Content, Entry
    from ....errors import Problem
    from ....site import Site


def table_fragment(site: "Site", entry: "Entry") -> str:
    """The HTML of the record's table (escaped, ready for the record page), or ""."""
    return ""


def table_data(site: "Site", entry: "Entry") -> Optional[dict[str, Any]]:
    """The record's table as JSON-ready data for open data ({"columns": [...], "rows": [[...]]}), or None."""
    return None


def check_tables(content: "Content", as_of: dt.date) -> Iterable["Problem"]:
    """Every problem of every typed record's table (located, bilingual), all at once."""
    return ()

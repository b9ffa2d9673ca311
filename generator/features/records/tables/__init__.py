"""The tables of typed records (财政预决算, 三公经费, 行政许可/处罚结果, 建议提案办理复文).

The interface the records feature calls; each function takes one loaded record entry
(``generator.content.Entry`` whose model is :class:`generator.model.record.Record`, content
type ``record``). The results tables are read by the core (:mod:`generator.result_tables`,
which the annual report's counts share) and masked here (:mod:`.masking`) before any output.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional

from .budget import (budget_data, budget_html, check_budget, check_pair, check_spending, spending_data,
                     spending_html)
from .proposal import check_proposal, proposal_data, proposal_html
from .results import check_results, results_data, results_html

if TYPE_CHECKING:
    from ....content import Content, Entry
    from ....errors import Problem
    from ....site import Site


def table_fragment(site: "Site", entry: "Entry") -> str:
    """The HTML of the record's table (escaped, ready for the record page), or ""."""
    model, content = entry.model, site.content
    parts = []
    if model.results is not None:
        parts.append(results_html(content, entry))
    if model.budget is not None:
        parts.append(budget_html(content, entry))
    if model.spending is not None:
        parts.append(spending_html(entry))
    if model.proposal is not None:
        parts.append(proposal_html(content, entry))
    return "\n".join(part for part in parts if part)


def table_data(site: "Site", entry: "Entry") -> Optional[dict[str, Any]]:
    """The record's table as JSON-ready data for open data ({"columns": [...], "rows": [[...]]}), or None.

    Every value is a string; a results table's rows are masked (:mod:`.masking`). A budget
    with its 三公经费 beside it gives the budget's table with the other under ``"spending"``."""
    model, content = entry.model, site.content
    if model.results is not None:
        return results_data(content, entry)
    if model.proposal is not None:
        return proposal_data(content, entry)
    if model.budget is not None:
        found = budget_data(content, entry)
        if model.spending is not None:
            found["spending"] = spending_data(entry)
        return found
    if model.spending is not None:
        return spending_data(entry)
    return None


def check_tables(content: "Content", as_of: dt.date) -> Iterable["Problem"]:
    """Every problem of every typed record's table (located, bilingual), all at once."""
    return list(_check(content, as_of))


def _check(content: "Content", as_of: dt.date) -> Iterator["Problem"]:
    for entry in sorted(content.of("record").values(), key=lambda e: e.path):
        model = entry.model
        if model.results is not None:
            yield from check_results(content, entry)
        if model.budget is not None:
            yield from check_budget(content, entry)
        if model.spending is not None:
            yield from check_spending(entry)
        if model.budget is not None and model.spending is not None:
            yield from check_pair(entry)
        if model.proposal is not None:
            yield from check_proposal(content, entry)

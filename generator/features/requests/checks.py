"""Checks of ``requests/<year>.yml``: the file name is a year, and the numbers add up."""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from ...applications import check_sums
from ...content import Content
from ...errors import Problem


def check_request_figures(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """Every 总计 is the sum of its parts, every column balances (the same rules as the report's)."""
    for entry in sorted(content.of("request_figures").values(), key=lambda e: e.id):
        if not (len(entry.id) == 4 and entry.id.isdigit()):
            yield Problem(entry.path, 1, 1, "", f"依申请公开统计的文件名应为年份，例如 requests/2025.yml，而不是 {entry.id}.yml",
                          f"an on-request statistics file is named after its year, e.g. requests/2025.yml, "
                          f"not {entry.id}.yml")
            continue
        yield from check_sums(entry)

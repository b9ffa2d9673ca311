"""load -> validate -> resolve -> pages: everything before a renderer writes files."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .content import Content, load_content
from .errors import Report
from .pages import OutputPage, build_pages
from .site import Site, resolve_site
from .validate import validate_content


@dataclass
class Plan:
    """What a build will write, computed entirely before anything is written."""

    content: Content
    site: Site
    pages: list[OutputPage]
    report: Report
    output_keys: dict[str, str] = field(default_factory=dict)  # output file -> page-cache key
    reused: int = 0                                             # pages taken from the page cache
    built_in: Optional[Path] = None                             # the temporary folder of the build


def check_content(content_dir: Path, display: Optional[str] = None,
                  as_of: Optional[dt.date] = None) -> tuple[Content, Report]:
    """Load and validate every file; the report holds every problem of every file.

    ``as_of`` dates the time-dependent checks (catalog coverage); default: the clock's date."""
    content, problems = load_content(Path(content_dir), display)
    content.as_of = as_of  # type: ignore[attr-defined]  # read by catalog_checks.check_as_of
    report = Report(problems)
    if not problems:  # cross-file checks need every file to have loaded cleanly
        report.extend(validate_content(content))
    else:
        report.extend(p for p in validate_content(content) if p.path not in {q.path for q in problems})
    return content, report


def plan_build(content_dir: Path, as_of: dt.date, display: Optional[str] = None) -> Plan:
    """Everything a build needs; pages are only computed when the content has no errors."""
    plan = plan_content(content_dir, as_of, display)
    if plan.report.ok:
        plan.pages = build_pages(plan.site)
    return plan


def plan_content(content_dir: Path, as_of: dt.date, display: Optional[str] = None) -> Plan:
    """The checked content and the site resolved at ``as_of``, without the pages (the
    builder computes them while the writers that need no page already run)."""
    content, report = check_content(content_dir, display, as_of)
    if not report.ok:
        return Plan(content, None, [], report)  # type: ignore[arg-type]
    return Plan(content, resolve_site(content, as_of), [], report)

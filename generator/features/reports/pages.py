"""Pages of the annual reports: ``reports/`` (the list) and ``reports/<year>/`` (six sections)."""
from __future__ import annotations

import functools

from typing import Callable

import markdown
from markupsafe import Markup

from .report import (APPEAL_GROUPS, OUTCOMES, applicant_rows, compute_proactive, decision_rows, default_title,
                     published_reports, report_tables)
from ...applications import group_sizes
from ...content import Entry
from ...model.report import APPLICANT_COLUMNS
from ...output import OutputPage, rewrite_links
from ...render import render
from ...sanitize import clean
from ...site import Site

REPORTS_URL = "reports/"
INDEX_TITLE = "政府信息公开工作年度报告"


def report_url(year: int) -> str:
    return f"{REPORTS_URL}{year}/"


def build_report_pages(site: Site, meta: Callable[..., dict]) -> list:
    """``reports/`` and one page per published report; nothing when there are none."""
    reports = published_reports(site.content, site.as_of)
    if not reports:
        return []
    items = [(_title(site, y, e), report_url(y), e.model.published) for y, e in reports]
    fragment = render("annual_reports.html", REPORTS_URL, title=INDEX_TITLE, items=items)
    pages = [OutputPage(REPORTS_URL, INDEX_TITLE, fragment, "",
                        meta(column="政府信息公开年报", column_type="政府信息公开年报", title=INDEX_TITLE,
                             date=reports[0][1].model.published))]
    return pages + [_report_page(site, year, entry, meta) for year, entry in reports]


def _title(site: Site, year: int, entry: Entry) -> str:
    return entry.model.title or default_title(site.content, year)


def _report_page(site: Site, year: int, entry: Entry, meta: Callable[..., dict]):
    url, report, title = report_url(year), entry.model, _title(site, year, entry)
    counts = compute_proactive(site.content, year, report)
    apps, appeals = report_tables(site.content, year, report)
    fragment = render(
        "annual_report.html", url, title=title, year=year, report=report, counts=counts,
        decisions=decision_rows(site.content, year, report),
        docs=_doc_links(site, counts), text=functools.partial(_markdown, entry, url=url),
        rows=applicant_rows(apps), result_groups=group_sizes(apps), appeals=appeals,
        columns=APPLICANT_COLUMNS, outcomes=OUTCOMES, appeal_groups=APPEAL_GROUPS,
        organizations=_organization_names(site, report))
    page_meta = meta(column="政府信息公开年报", column_type="政府信息公开年报", title=title, date=report.published)
    page_meta["description"] = f"{title}：总体情况、主动公开、依申请公开、复议诉讼、问题及改进、其他事项"
    return OutputPage(url, title, fragment, "", page_meta)


def _markdown(entry: Entry, text: str, *, url: str) -> Markup:
    """A text section's Markdown as HTML (relative links rewritten like a body's)."""
    return Markup(clean(markdown.markdown(rewrite_links(text, entry.rel, url))))


def _doc_links(site: Site, counts) -> dict[str, tuple[str, str]]:
    """id -> (title, url or "") of every counted document; only public ones get a link."""
    found = {}
    for count in counts:
        for doc_id in sorted(set(count.made + count.repealed + count.expired)):  # stable: page keys digest it
            doc = site.doc(doc_id)
            found[doc_id] = (site.content.policies[doc_id].model.title, doc.url if doc else "")
    return found


def _organization_names(site: Site, report) -> list[str]:
    orgs = site.content.organizations
    ids = [site.config.organization] + [o for o in report.organizations if o != site.config.organization]
    return [orgs[o].name for o in ids if o in orgs]

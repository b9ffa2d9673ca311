"""Checks of the annual reports (reports/<year>.yml): the year, the due date, the arithmetic.

Negative numbers are refused by the model itself (:mod:`generator.model.report`).
"""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from ...content import Content, Entry
from ...errors import Problem, Severity
from ...model.report import APPLICANT_COLUMNS
from ...validate import missing_org
from ...validity import is_published
from .report import APPEAL_GROUPS, applicant_rows, report_year, result_rows

PARTS = [k for k in APPLICANT_COLUMNS if k != "total"]


def check_report_years(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """The file name is a year that has ended, and the report is published after it ends.

    A report published after the as-of date is not yet published: at that date it
    is no error that its year has not ended (a build of a past date shows the
    column as it was). Publishing before the year ends is wrong at any date."""
    for entry in content.of("report").values():
        year = report_year(entry)
        if year is None:
            yield Problem(entry.path, 1, 1, "", f"年度报告的文件名应为年份，例如 reports/2025.yml，而不是 {entry.id}.yml",
                          f"an annual report's file name is its year, e.g. reports/2025.yml, not {entry.id}.yml")
        elif year >= as_of.year and is_published(entry.model, as_of):
            yield Problem(entry.path, 1, 1, "", f"{year}年尚未结束（今天是 {as_of}），不能发布该年度的年度报告；请检查文件名中的年份",
                          f"the year {year} has not ended (today is {as_of}); check the year in the file name")
        elif entry.model.published <= dt.date(year, 12, 31):
            yield entry.at("published", zh=f"发布日期 {entry.model.published} 早于 {year}年结束；年度报告应在次年发布",
                           en=f"published {entry.model.published} is before the year {year} ended; "
                              f"publish the report in the following year")


def check_report_due(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """After 31 January, last year's report should be there (a warning: the site may lag).

    Only on sites that keep their reports here (at least one report file)."""
    reports = content.of("report")
    last = as_of.year - 1
    if not reports or as_of <= dt.date(as_of.year, 1, 31) or content.is_unloaded("report", str(last)):
        return
    if str(last) in reports and is_published(reports[str(last)].model, as_of):
        return
    folder = f"{content.display_root.rstrip('/')}/reports"
    yield Problem(folder, 1, 1, "", f"缺少 {last}年政府信息公开工作年度报告（应于 {as_of.year}年1月31日前公布）；"
                                    f"请添加 reports/{last}.yml",
                  f"the {last} annual report is missing (due by 31 January {as_of.year}); add reports/{last}.yml",
                  Severity.WARNING)


def check_report_organizations(content: Content, as_of: dt.date) -> Iterator[Problem]:
    for entry in content.of("report").values():
        orgs = entry.model.organizations
        for i, org in enumerate(orgs):
            if org not in content.organizations and not content.is_unloaded("organization", org):
                yield missing_org(entry, ("organizations", i) if len(orgs) > 1 else ("organizations",), org)


def check_report_numbers(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """总计 columns, the results total and the balance of every applicant column."""
    for entry in content.of("report").values():
        apps = entry.model.applications
        for row in applicant_rows(apps):
            yield from _row_total(entry, row)
        yield from _results_total(entry, apps)
        yield from _balance(entry, apps)
        yield from _appeal_totals(entry)


def _row_total(entry: Entry, row) -> Iterator[Problem]:
    parts = [getattr(row.values, k) for k in PARTS]
    if sum(parts) != row.values.total:
        terms = "+".join(map(str, parts))
        label = f"{row.group}{row.label}"
        yield entry.at("applications", *row.path, "total", problem_key="applications." + ".".join(row.path),
                       zh=f"{label}：总计 {row.values.total} 不等于前六列之和 {terms} = {sum(parts)}；请改正总计或各列",
                       en=f"{'.'.join(row.path)}: total {row.values.total} is not the sum of the six columns "
                          f"{terms} = {sum(parts)}; correct the total or the columns")


def _results_total(entry: Entry, apps) -> Iterator[Problem]:
    for key, heading in APPLICANT_COLUMNS.items():
        total = getattr(apps.results.total, key)
        found = sum(getattr(r.values, key) for r in result_rows(apps))
        if total != found:
            yield entry.at("applications", "results", "total", key, problem_key="applications.results.total",
                           zh=f"{heading}列：办理结果总计 {total} 不等于（一）至（六）各项之和 {found}；请核对",
                           en=f"column {key} ({heading}): results total {total} is not the sum of rows (一) to (六) "
                              f"{found}; check the numbers")


def _balance(entry: Entry, apps) -> Iterator[Problem]:
    """本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理, column by column."""
    for key, heading in APPLICANT_COLUMNS.items():
        new, over = getattr(apps.new, key), getattr(apps.carried_over, key)
        done, forward = getattr(apps.results.total, key), getattr(apps.carried_forward, key)
        if new + over != done + forward:
            yield entry.at("applications", "carried_forward", key, problem_key="applications.carried_forward",
                           zh=f"{heading}列：本年新收 {new} + 上年结转 {over} = {new + over}，不等于办理结果总计 {done} "
                              f"+ 结转下年度继续办理 {forward} = {done + forward}；请核对这一列的数字",
                           en=f"column {key} ({heading}): new {new} + carried over {over} = {new + over} does not "
                              f"equal results total {done} + carried forward {forward} = {done + forward}; "
                              f"check the numbers in this column")


def _appeal_totals(entry: Entry) -> Iterator[Problem]:
    for group, label in APPEAL_GROUPS.items():
        outcome = getattr(entry.model.appeals, group)
        found = outcome.upheld + outcome.corrected + outcome.other + outcome.pending
        if found != outcome.total:
            yield entry.at("appeals", group, "total", problem_key=f"appeals.{group}",
                           zh=f"{label}：总计 {outcome.total} 不等于结果维持、结果纠正、其他结果、尚未审结之和 {found}；请核对",
                           en=f"{group}: total {outcome.total} is not the sum of upheld, corrected, other and "
                              f"pending {found}; check the numbers")

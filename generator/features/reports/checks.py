"""Checks of the annual reports (reports/<year>.yml): the year, the due date, the arithmetic.

Negative numbers are refused by the model itself (:mod:`generator.model.report`).
"""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from ...content import Content
from ...errors import Problem, Severity
from ...applications import check_sums
from ...validate import missing_org
from ...validity import is_published
from .report import decision_rows, report_year, request_figures


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
        yield from check_sums(entry)


def check_report_tables(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """Tables 三 and 四 are given by the report or by ``requests/<year>.yml``; when both give
    them, they are equal (one set of figures, published twice)."""
    for entry in content.of("report").values():
        year = report_year(entry)
        if year is None:
            continue
        figures = request_figures(content, year)
        for key, label in (("applications", "三、收到和处理政府信息公开申请情况"),
                           ("appeals", "四、政府信息公开行政复议、行政诉讼情况")):
            own, shared = getattr(entry.model, key), getattr(figures, key) if figures else None
            if own is None and shared is None and not content.is_unloaded("request_figures", str(year)):
                yield Problem(entry.path, 1, 1, key, f"缺少“{label}”：请在本文件填写 {key}，或添加 requests/{year}.yml",
                              f"{key} is missing: fill it in here or add requests/{year}.yml")
            elif own is not None and shared is not None and own != shared:
                yield entry.at(key, zh=f"“{label}”与 requests/{year}.yml 的数字不一致；请删去本文件的 {key}"
                                       f"（由 requests/{year}.yml 计算）或改正两者之一",
                               en=f"{key} differs from requests/{year}.yml; delete {key} here (it is then taken "
                                  f"from requests/{year}.yml) or correct one of them")


def check_report_decisions(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """行政许可 / 行政处罚 本年处理决定数量: left out, they are counted from the results tables
    (a warning when none holds a decision of the year: the page would show 0); given, they
    should match the tables' count when the tables hold decisions of the year."""
    for entry in content.of("report").values():
        year = report_year(entry)
        if year is None:
            continue
        for row in decision_rows(content, year, entry.model).values():
            if row.given is None and row.counted is None:
                yield entry.at("proactive", warning=True,
                               zh=f"未填写 proactive.{row.key}（{row.label}本年处理决定数量），也没有决定日期在 {year}年的"
                                  f"{row.label}结果表，年报中此项将显示为 0；请填写 {row.key}，或添加{row.label}结果表",
                               en=f"proactive.{row.key} is left out and no {row.label} results table holds a decision "
                                  f"of {year}: the report shows 0; fill in {row.key} or add the results tables")
            elif row.given is not None and row.counted is not None and row.given != row.counted:
                yield entry.at("proactive", row.key, warning=True,
                               zh=f"{row.label}本年处理决定数量填写为 {row.given}，而{row.label}结果表中决定日期在 {year}年的"
                                  f"决定有 {row.counted} 件；请核对，或删去 {row.key} 由结果表计算",
                               en=f"{row.key} is {row.given} but the {row.label} results tables hold {row.counted} "
                                  f"decisions of {year}; check them, or delete {row.key} to count it from the tables")

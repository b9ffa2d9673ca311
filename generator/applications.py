"""The 依申请 tables (三 and 四 of the 30号 annual report format): their rows and their sums.

Two content types carry them: the annual report (``reports/<year>.yml``) and the
year's on-request statistics (``requests/<year>.yml``, shown on the 依申请公开 page);
both name them ``applications`` and ``appeals``, so one set of rows and one sum
check serves both (a feature may not import another: this is their shared leaf).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .content import Entry
from .errors import Problem
from .model.report import APPLICANT_COLUMNS, Applicants, Applications

#: Labels of the 依申请 rows and groups (the official template's wording).
RESULT_GROUPS = {"withheld": "（三）不予公开", "unavailable": "（四）无法提供",
                 "not_processed": "（五）不予处理", "other_handling": "（六）其他处理"}
OUTCOMES = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
            "total": "总计"}
APPEAL_GROUPS = {"review": "行政复议", "direct_suit": "行政诉讼：未经复议直接起诉",
                 "suit_after_review": "行政诉讼：复议后起诉"}
PARTS = [k for k in APPLICANT_COLUMNS if k != "total"]


@dataclass(frozen=True)
class Row:
    """One row of the 依申请 table: its key path in the file and its labels."""

    path: tuple[str, ...]
    label: str
    values: Applicants
    group: str = ""          # （三）… for a sub-row; "" otherwise


def applicant_rows(apps: Applications) -> list[Row]:
    """Every numeric row of the 依申请 table, in the official order, with its key path."""
    res = apps.results
    rows = [Row(("new",), "一、本年新收政府信息公开申请数量", apps.new),
            Row(("carried_over",), "二、上年结转政府信息公开申请数量", apps.carried_over),
            Row(("results", "granted"), "（一）予以公开", res.granted),
            Row(("results", "partly_granted"), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                res.partly_granted)]
    for group, group_label in RESULT_GROUPS.items():
        sub = getattr(res, group)
        for name, field in type(sub).model_fields.items():
            rows.append(Row(("results", group, name), field.description or name, getattr(sub, name), group_label))
    rows.append(Row(("results", "total"), "（七）总计", res.total))
    rows.append(Row(("carried_forward",), "四、结转下年度继续办理", apps.carried_forward))
    return rows


def result_rows(apps: Applications) -> list[Row]:
    """The rows that add up to （七）总计: （一）to（六）and their sub-rows."""
    return [r for r in applicant_rows(apps) if r.path[0] == "results" and r.path[-1] != "total"]


def group_sizes(apps: Applications) -> dict[str, int]:
    """Rows under each （三）…（六） heading, for its rowspan; ``results`` for 三、本年度办理结果."""
    sizes = {label: 0 for label in RESULT_GROUPS.values()}
    rows = applicant_rows(apps)
    for row in rows:
        if row.group:
            sizes[row.group] += 1
    sizes["results"] = sum(1 for r in rows if r.path[0] == "results")
    return sizes


def check_sums(entry: Entry) -> Iterator[Problem]:
    """总计 columns, the results total, the balance of every applicant column, the appeal totals
    of an entry whose model has ``applications`` and ``appeals`` (either may be absent)."""
    apps = entry.model.applications
    if apps is not None:
        for row in applicant_rows(apps):
            yield from _row_total(entry, row)
        yield from _results_total(entry, apps)
        yield from _balance(entry, apps)
    if entry.model.appeals is not None:
        yield from _appeal_totals(entry)


def _row_total(entry: Entry, row: Row) -> Iterator[Problem]:
    parts = [getattr(row.values, k) for k in PARTS]
    if sum(parts) != row.values.total:
        terms = "+".join(map(str, parts))
        label = f"{row.group}{row.label}"
        yield entry.at("applications", *row.path, "total", problem_key="applications." + ".".join(row.path),
                       zh=f"{label}：总计 {row.values.total} 不等于前六列之和 {terms} = {sum(parts)}；请改正总计或各列",
                       en=f"{'.'.join(row.path)}: total {row.values.total} is not the sum of the six columns "
                          f"{terms} = {sum(parts)}; correct the total or the columns")


def _results_total(entry: Entry, apps: Applications) -> Iterator[Problem]:
    for key, heading in APPLICANT_COLUMNS.items():
        total = getattr(apps.results.total, key)
        found = sum(getattr(r.values, key) for r in result_rows(apps))
        if total != found:
            yield entry.at("applications", "results", "total", key, problem_key="applications.results.total",
                           zh=f"{heading}列：办理结果总计 {total} 不等于（一）至（六）各项之和 {found}；请核对",
                           en=f"column {key} ({heading}): results total {total} is not the sum of rows (一) to (六) "
                              f"{found}; check the numbers")


def _balance(entry: Entry, apps: Applications) -> Iterator[Problem]:
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

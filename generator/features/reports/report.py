"""Annual report (政府信息公开工作年度报告): computed 主动公开 counts, table rows, pages.

Pure: the numbers come from the loaded content and the report's year, never from
the build's as-of date. Counting rules (documented for staff in the report page):

* **Whose documents**: those whose ``issuer`` includes the site's organization or an
  organization listed under the report's ``organizations:`` (the report is the
  body's own; a city's 规章 on a county site is not the county's). Joint documents
  count once. The disclosure attribute does not matter: the body made them.
* **本年制发件数**: the document's ``published`` (default) or ``written`` date
  (``count_by: written``) falls in the year.
* **现行有效件数**: validity computed AT 12-31 of the year (relations of every
  document on the site, whoever issued them): ``in_force`` + ``amended``.
* **本年废止件数**: documents whose ``repealed`` status (废止, or replaced) began in
  the year — the decisive change, i.e. the earliest repeal or expiry. Expiry
  (有效期届满, 宣布失效) is not 废止 and is not counted; it is listed under the
  table so the three numbers can still be reconciled.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator, Optional

from ...content import Content, Entry
from ...model.report import APPLICANT_COLUMNS, Applicants, Applications, AnnualReport
from ...validity import CURRENT, Status, compute_validity, is_published

#: The two computed rows of 二, in the official order.
COUNTED_GENRES = {"regulation": "规章", "normative": "行政规范性文件"}
#: Labels of the 依申请 rows and groups (the official template's wording).
RESULT_GROUPS = {"withheld": "（三）不予公开", "unavailable": "（四）无法提供",
                 "not_processed": "（五）不予处理", "other_handling": "（六）其他处理"}
OUTCOMES = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
            "total": "总计"}
APPEAL_GROUPS = {"review": "行政复议", "direct_suit": "行政诉讼：未经复议直接起诉",
                 "suit_after_review": "行政诉讼：复议后起诉"}


@dataclass(frozen=True)
class GenreCount:
    """One computed row of 二: the ids behind each number, so the page can list them."""

    genre: str
    label: str
    made: tuple[str, ...]
    repealed: tuple[str, ...]
    current: tuple[str, ...]
    expired: tuple[str, ...]   # expired in the year: not 废止, shown as a note


@dataclass(frozen=True)
class Row:
    """One row of the 依申请 table: its key path in the file and its labels."""

    path: tuple[str, ...]
    label: str
    values: Applicants
    group: str = ""          # （三）… for a sub-row; "" otherwise


def report_year(entry: Entry) -> Optional[int]:
    """The year a report is for: its file name, when that is four digits."""
    return int(entry.id) if len(entry.id) == 4 and entry.id.isdigit() else None


def counted_organizations(content: Content, report: AnnualReport) -> set[str]:
    """The site's organization plus the report's ``organizations:``."""
    own = {content.site.organization} if content.site else set()
    return own | set(report.organizations)


def compute_proactive(content: Content, year: int, report: AnnualReport) -> list[GenreCount]:
    """规章 and 行政规范性文件: 本年制发 / 本年废止 / 现行有效 of ``year``, computed at its 12-31."""
    models = {doc_id: e.model for doc_id, e in content.policies.items()}
    validity = compute_validity(models, dt.date(year, 12, 31))
    orgs = counted_organizations(content, report)
    rows = []
    for genre, label in COUNTED_GENRES.items():
        ids = sorted(i for i, m in models.items() if m.genre == genre and orgs & set(m.issuer))
        made = [i for i in ids if _count_date(models[i], report.count_by).year == year]
        ended = {i: validity[i] for i in ids if i in validity and validity[i].since
                 and validity[i].since.year == year}
        rows.append(GenreCount(
            genre, label, tuple(made),
            tuple(i for i, v in ended.items() if v.status is Status.REPEALED),
            tuple(i for i in ids if i in validity and validity[i].status in CURRENT),
            tuple(i for i, v in ended.items() if v.status is Status.EXPIRED)))
    return rows


def _count_date(policy, count_by: str) -> dt.date:
    return policy.written if count_by == "written" else policy.published


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


def columns(values: Applicants) -> Iterator[tuple[str, str, int]]:
    """(key, heading, number) of each applicant column, 总计 last."""
    for key, heading in APPLICANT_COLUMNS.items():
        yield key, heading, getattr(values, key)


def default_title(content: Content, year: int) -> str:
    org = content.organizations.get(content.site.organization) if content.site else None
    return f"{org.name if org else ''}{year}年政府信息公开工作年度报告"


def published_reports(content: Content, as_of: dt.date) -> list[tuple[int, Entry]]:
    """(year, entry) of every report published by ``as_of``, newest year first."""
    found = [(report_year(e), e) for e in content.of("report").values() if is_published(e.model, as_of)]
    return sorted(((y, e) for y, e in found if y is not None), key=lambda item: item[0], reverse=True)

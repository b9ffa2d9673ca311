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
* **行政许可 / 行政处罚 本年处理决定数量**: the report's own figure when given; when left out,
  the decisions of the year in the records' results tables (their decision date in the
  year, each 文书号 once: :func:`generator.result_tables.decision_counts`, a core module the
  records feature's tables read too).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator, Optional

from ...content import Content, Entry
from ...result_tables import decision_counts
from ...applications import APPEAL_GROUPS, OUTCOMES, RESULT_GROUPS, applicant_rows, result_rows
from ...model.report import APPLICANT_COLUMNS, Appeals, Applicants, Applications, AnnualReport
from ...model.requests import RequestFigures
from ...validity import CURRENT, Status, compute_validity, is_published

#: The two computed rows of 二, in the official order.
COUNTED_GENRES = {"regulation": "规章", "normative": "行政规范性文件"}
#: The rows of 三 and 四 live in the core (the requests feature shares them).
__all__ = ["APPEAL_GROUPS", "OUTCOMES", "RESULT_GROUPS", "applicant_rows", "result_rows"]


@dataclass(frozen=True)
class GenreCount:
    """One computed row of 二: the ids behind each number, so the page can list them."""

    genre: str
    label: str
    made: tuple[str, ...]
    repealed: tuple[str, ...]
    current: tuple[str, ...]
    expired: tuple[str, ...]   # expired in the year: not 废止, shown as a note


#: The two rows of 二 the results tables can count: report key -> (results kind, label).
DECISION_ROWS = {"licensing": ("permit", "行政许可"), "penalty": ("penalty", "行政处罚")}


@dataclass(frozen=True)
class DecisionCount:
    """行政许可 or 行政处罚 本年处理决定数量: the report's figure and the results tables' count."""

    key: str
    label: str
    given: Optional[int]
    counted: Optional[int]    # None: no results table holds a decision of the year

    @property
    def shown(self) -> int:
        return self.given if self.given is not None else (self.counted or 0)

    @property
    def computed(self) -> bool:
        return self.given is None


def decision_rows(content: Content, year: int, report: AnnualReport) -> dict[str, DecisionCount]:
    """The 行政许可 and 行政处罚 rows of 二 for ``year`` (see the module doc)."""
    counted = decision_counts(content, year)
    return {key: DecisionCount(key, label, getattr(report.proactive, key), counted[kind])
            for key, (kind, label) in DECISION_ROWS.items()}


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


def request_figures(content: Content, year: int) -> Optional[RequestFigures]:
    """The year's ``requests/<year>.yml``, when there is one."""
    entry = content.of("request_figures").get(str(year))
    return entry.model if entry else None


def report_tables(content: Content, year: int, report: AnnualReport) -> tuple[Optional[Applications], Optional[Appeals]]:
    """Tables 三 and 四 of a report: its own, else the year's ``requests/<year>.yml``."""
    figures = request_figures(content, year)
    apps = report.applications or (figures.applications if figures else None)
    appeals = report.appeals or (figures.appeals if figures else None)
    return apps, appeals

"""Task lists published with a notice (工作台账): deadline parsing, overdue, progress summary.

A deadline is the text of the notice ("9月底前", "全年", "2022年12月31日前", "持续推进"),
read relative to the notice's year. Pure: ``as_of`` is always a parameter.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator, Optional

from ...content import Content, Entry
from ...errors import Problem
from ...site import Doc, Site
from ...views import ref_to
from ...model.policy_extras import TASK_STATUS_LABELS, TaskList

#: Deadlines that never fall due.
ONGOING = ("持续推进", "长期", "常态化", "持续", "长期坚持")
_CN_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR_END = ("年底前", "年底", "年末", "全年", "年内", "12月底前")
_DATE = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:前|之前|以前)?$")
_MONTH_END = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(?:底|末)(?:前|之前|以前)?$")
_QUARTER = re.compile(r"^(?:(\d{4})年)?第?([一二三四1-4])季度(?:末)?(?:前|之前|以前|内)?$")
_HALF = re.compile(r"^(?:(\d{4})年)?(上|下)半年(?:前|之前|内)?$")


class UnknownDeadline(ValueError):
    """The text is not one of the deadline forms :func:`parse_deadline` reads."""


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str, year: int) -> Optional[dt.date]:
    """The last day a task may be completed, or None for an ongoing task (never overdue).

    ``year`` is the notice's year; a deadline naming its own year overrides it.
    Raises :class:`UnknownDeadline` for any other text.
    """
    text = re.sub(r"\s+", "", text)
    if text in ONGOING:
        return None
    if text in _YEAR_END or re.fullmatch(r"\d{4}年(?:底前|底|末|内)", text):
        return dt.date(int(text[:4]) if text[:4].isdigit() else year, 12, 31)
    for pattern, make in ((_DATE, lambda y, m: dt.date(y, int(m[2]), int(m[3]))),
                          (_MONTH_END, lambda y, m: _month_end(y, int(m[2]))),
                          (_QUARTER, lambda y, m: _month_end(y, 3 * _CN_NUMBERS[m[2]])),
                          (_HALF, lambda y, m: dt.date(y, 6, 30) if m[2] == "上" else dt.date(y, 12, 31))):
        match = pattern.fullmatch(text)
        if match:
            try:
                return make(int(match[1]) if match[1] else year, match)
            except ValueError:
                raise UnknownDeadline(text) from None
    raise UnknownDeadline(text)


def task_year(entry: Entry) -> int:
    """The year deadlines refer to: ``tasks.year``, else the year the notice was written."""
    tasks: TaskList = entry.model.tasks
    return int(tasks.year) if tasks.year else entry.model.written.year


@dataclass(frozen=True)
class TaskRow:
    """One task as the page shows it."""

    no: int
    task: str
    lead: str
    deadline: str
    due: Optional[dt.date]
    status: str              # "" when not reported
    status_label: str
    overdue: bool
    evidence: tuple[tuple[str, Optional[str]], ...]   # (label, site-relative or absolute URL)


@dataclass(frozen=True)
class TaskProgress:
    """Counts of a task list at the as-of date."""

    total: int
    done: int
    in_progress: int
    not_started: int
    unreported: int
    overdue: int

    @property
    def summary(self) -> str:
        """「22项任务：已完成15项，逾期2项」."""
        return f"{self.total}项任务：已完成{self.done}项，逾期{self.overdue}项"

    @property
    def detail(self) -> str:
        parts = [f"推进中{self.in_progress}项", f"未开始{self.not_started}项"]
        if self.unreported:
            parts.append(f"未报告进展{self.unreported}项")
        return "，".join(parts)


def is_overdue(status: Optional[str], due: Optional[dt.date], as_of: dt.date) -> bool:
    """Overdue: reported as not done, and its last day is before ``as_of``."""
    return status in ("in_progress", "not_started") and due is not None and due < as_of


def _due(text: str, year: int) -> Optional[dt.date]:
    try:
        return parse_deadline(text, year)
    except UnknownDeadline:
        return None


def task_rows(entry: Entry, as_of: dt.date, link_of) -> list[TaskRow]:
    """The rows of a policy's task list; ``link_of(evidence)`` gives (label, url) of an evidence item."""
    tasks: TaskList = entry.model.tasks
    year = task_year(entry)
    rows = []
    for n, item in enumerate(tasks.items, start=1):
        due = _due(item.deadline, year)
        rows.append(TaskRow(int(item.no) if item.no else n, item.task, "、".join(item.lead), item.deadline, due,
                            item.status or "", TASK_STATUS_LABELS.get(item.status or "", "未报告"),
                            is_overdue(item.status, due, as_of), tuple(link_of(e) for e in item.evidence)))
    return rows


def progress(rows: list[TaskRow]) -> Optional[TaskProgress]:
    """Counts, or None when no task reports a status (then no summary is shown)."""
    statuses = [r.status for r in rows]
    if not any(statuses):
        return None
    return TaskProgress(len(rows), statuses.count("done"), statuses.count("in_progress"),
                    statuses.count("not_started"), statuses.count(""), sum(r.overdue for r in rows))


# --- checks ------------------------------------------------------------------------------

def check_task_lists(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """Deadlines the parser cannot read (warning) and evidence naming no policy (error)."""
    for entry in content.policies.values():
        tasks = entry.model.tasks
        if tasks is None:
            continue
        year = task_year(entry)
        for i, item in enumerate(tasks.items):
            try:
                parse_deadline(item.deadline, year)
            except UnknownDeadline:
                yield entry.at("tasks", "items", i, "deadline", problem_key="tasks.deadline", warning=True,
                               zh=f"无法识别完成时限 {item.deadline}，不计算是否逾期；可写成 9月底前、年底前、全年、"
                                  f"上半年、第三季度、2022年12月31日前 或 持续推进",
                               en=f"deadline {item.deadline} is not understood, so it is never counted overdue; "
                                  f"write e.g. 9月底前, 年底前, 全年, 上半年, 第三季度, 2022年12月31日前 or 持续推进")
            for j, evidence in enumerate(item.evidence):
                if not evidence.startswith(("https://", "http://")) and evidence not in content.policies:
                    yield entry.at("tasks", "items", i, "evidence", j, problem_key="tasks.evidence",
                                   zh=f"找不到政策文件 {evidence}；佐证材料应为政策文件编号或以 https:// 开头的网址",
                                   en=f"no policy {evidence}; evidence is a policy id or an address "
                                      f"starting with https://")


# -- the policy page's 任务清单 section ----------------------------------------------------

@dataclass(frozen=True)
class TasksView:
    """A task list as the page shows it."""

    title: str
    rows: list[TaskRow]
    progress: Optional[TaskProgress]
    as_of: object
    has_evidence: bool


def evidence_link(site: Site, value: str) -> tuple[str, Optional[str]]:
    """(label, URL) of an evidence item: a policy id (linked when public) or an address."""
    if value.startswith(("https://", "http://")):
        return value, value
    ref = ref_to(site, value)
    return ref.cited, ref.url


def tasks_view(site: Site, doc: Doc) -> Optional[TasksView]:
    if doc.model.tasks is None:
        return None
    rows = task_rows(doc.entry, site.as_of, lambda e: evidence_link(site, e))
    return TasksView(doc.model.tasks.title, rows, progress(rows), site.as_of, any(r.evidence for r in rows))


def policy_parts(site: Site, doc: Doc) -> dict:
    """The policy page's task list section (None when the document has none)."""
    return {"tasks": tasks_view(site, doc)}

"""Checks of policy interpretations (政策解读), listed in this feature's ``FEATURE``.

同步起草、同步审签、同步发布: every normative document should have an
interpretation, published within 3 working days of the document (seed 000 #37,
seed 003 (八); 国办秘函〔2019〕19号 deducts for documents without one).
"""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from ...content import Content, Entry
from ...errors import Problem
from ...model.policy import Policy

MAX_WORKING_DAYS = 3


def is_working_day(day: dt.date) -> bool:
    """An official working day: holidays and adjusted workdays (调休) from chinese_calendar.

    chinese_calendar raises NotImplementedError for years it has no data for (the
    State Council publishes each year's arrangement only in the November before);
    those days fall back to Monday–Friday, which ignores holidays and 调休 workdays.
    """
    import chinese_calendar
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def calendar_years() -> range:
    """The years chinese_calendar has the official holiday arrangement of (2004-2026 in 1.11.0)."""
    import chinese_calendar
    years = {day.year for day in chinese_calendar.holidays}
    return range(min(years), max(years) + 1)


def uncovered_years(start: dt.date, end: dt.date) -> list[int]:
    """Years of the days :func:`working_days_between` counts that have no holiday data."""
    if end <= start:
        return []
    covered = calendar_years()
    return [year for year in range((start + dt.timedelta(days=1)).year, end.year + 1) if year not in covered]


def calendar_warning(entry: Entry, start: dt.date, end: dt.date) -> Iterator[Problem]:
    """A located warning when working days between ``start`` and ``end`` were counted Monday–Friday."""
    missing = uncovered_years(start, end)
    if not missing:
        return
    from importlib.metadata import version
    covered, release = calendar_years(), version("chinesecalendar")
    span = f"{covered.start}–{covered.stop - 1}"
    yield entry.at("published", problem_key="published", warning=True,
                   zh=f"chinesecalendar {release} 没有 {'、'.join(map(str, missing))} 年的法定节假日安排（只有 {span} 年），"
                      f"{start} 至 {end} 的工作日按周一至周五计算，可能不准；请升级：pip install -U chinesecalendar",
                   en=f"chinesecalendar {release} has no official holidays for {', '.join(map(str, missing))} "
                      f"(only {span}): the working days from {start} to {end} were counted Monday to Friday and may "
                      f"be wrong; upgrade it: pip install -U chinesecalendar")


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 on the same day or before)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count


def check_normative_interpreted(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """A public normative document without any interpretation (a deduction in inspections)."""
    interpreted = {t for e in content.of("interpretation").values() for t in e.model.interprets}
    for doc_id, entry in content.policies.items():
        if entry.model.genre == "normative" and entry.model.is_public and doc_id not in interpreted:
            yield entry.at("genre", problem_key="interpretation", warning=True,
                           zh="行政规范性文件没有政策解读；请在 interpretations/ 下添加解读，并在 interprets 中写上 "
                              f"{doc_id}",
                           en=f"a normative document without an interpretation; add one under interpretations/ "
                              f"with interprets: [{doc_id}]")


def check_interpretation_timing(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """Interpretations of public documents: on time; of unpublished or withheld ones: an error."""
    for entry in content.of("interpretation").values():
        for i, target in enumerate(entry.model.interprets):
            policy = content.policies.get(target)
            if policy is not None:  # an unknown id is reported by validate.check_interpretations
                yield from _timing_problems(entry, i, target, policy.model)


def _timing_problems(entry: Entry, i: int, target: str, p: Policy) -> Iterator[Problem]:
    m = entry.model
    if not p.is_public:
        yield entry.at("interprets", i, problem_key="interprets",
                       zh=f"所解读的文件 {target} 不主动公开（disclosure: {p.disclosure}）；"
                          f"不能发布其解读，请删除此编号或更正该文件的公开属性",
                       en=f"the interpreted document {target} is not proactively disclosed "
                          f"(disclosure: {p.disclosure}); its interpretation cannot be published: "
                          f"remove this id or correct the document's disclosure")
        return
    if m.published < p.published:
        yield entry.at("published", problem_key="published",
                       zh=f"解读发布日期 {m.published} 早于所解读文件 {target} 的发布日期 {p.published}；"
                          f"解读不能先于文件发布，请改正日期",
                       en=f"published {m.published} is before {target} was published ({p.published}); "
                          f"an interpretation cannot precede its document: correct the date")
        return
    yield from calendar_warning(entry, p.published, m.published)
    if (days := working_days_between(p.published, m.published)) > MAX_WORKING_DAYS:
        yield entry.at("published", problem_key="published", warning=True,
                       zh=f"解读在文件 {target} 发布（{p.published}）后第 {days} 个工作日才发布，"
                          f"超过 {MAX_WORKING_DAYS} 个工作日；解读应与文件同步发布",
                       en=f"published {days} working days after {target} ({p.published}), more than "
                          f"{MAX_WORKING_DAYS}; publish interpretations together with their documents")

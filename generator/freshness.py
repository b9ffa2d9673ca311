"""Freshness and integrity of the column (栏目更新预警, 发稿日期): warnings, never blocking.

Inspections (国办秘函〔2019〕19号) fail a site whose homepage was not updated for 2
weeks, with 5 or more stale or empty columns, or with forged publication dates.
This module computes, at the as-of date:

* each list column of :func:`generator.sections.list_specs` that is empty, or whose
  newest entry is older than ``stale_days`` (default 183, "6 months"); an entry's
  date is the later of its ``published`` date and the day it took its current
  status (a repeal brings a document into 已废止文件);
* the homepage's last update (newest document, interpretation, Q&A or validity
  change shown there) older than ``homepage_days`` (default 14);
* free pages without ``updated`` (a policy document always has ``published``:
  the model requires it, so "a document without a date" cannot happen);
* backdating (伪造发稿日期): ``published`` more than ``backdate_days`` (default 30)
  before the day git first saw the file (author date, which survives rebases),
  read with one ``git log`` for the whole content folder; files first seen before
  ``backdate_from`` are migrated history and skipped; nothing when not a git repo;
* documents published after the as-of date: scheduled, listed as INFO.

Thresholds may be overridden in ``content/review.yml`` (every key optional)::

    stale_days: 183
    homepage_days: 14
    backdate_days: 30
    backdate_from: 2026-11-22
"""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Iterator, Optional

from pydantic import Field, ValidationError

from .content import Content, Entry
from .errors import Problem, Severity
from .files import is_plain
from .model.common import Date, Model, WholeNumber, problems_from_validation
from .review_result import Info, ReviewResult
from .sections import ListSpec, list_specs
from .site import Doc, Site
from .validity import is_published
from .yamlio import YamlProblem, load_yaml

SETTINGS_FILE = "review.yml"


class ReviewSettings(Model):
    """Thresholds of the freshness checks (content/review.yml)."""

    stale_days: WholeNumber = Field(183, description="栏目多少天无更新视为不更新 (days without a new entry: stale)")
    homepage_days: WholeNumber = Field(14, description="首页多少天无更新视为不更新 (days: homepage stale)")
    backdate_days: WholeNumber = Field(30, description="发布日期早于入库日期多少天视为倒填 (days: backdated)")
    backdate_from: Optional[Date] = Field(None, description="此日期前入库的文件为迁移的历史文件，不检查 "
                                                            "(files first committed before this date are not checked)")


def load_settings(content: Content) -> tuple[ReviewSettings, list[Problem]]:
    """``content/review.yml`` if present (located errors; the defaults are used then), else the defaults."""
    path = content.root / SETTINGS_FILE
    if not path.is_file() or not is_plain(content.root, path):  # a symlink: an error of its own
        return ReviewSettings(), []
    display = f"{content.display_root.rstrip('/')}/{SETTINGS_FILE}"
    try:
        located = load_yaml(path.read_text(encoding="utf-8"), display)
    except YamlProblem as exc:
        return ReviewSettings(), list(exc.problems)
    if located.data is None:
        return ReviewSettings(), []
    if not isinstance(located.data, dict):
        return ReviewSettings(), [Problem(display, 1, 1, "", "review.yml 应为键值对（名称: 值）",
                                          "review.yml must be a mapping of name: value pairs")]
    try:
        return ReviewSettings.model_validate(located.data), []
    except ValidationError as exc:
        return ReviewSettings(), problems_from_validation(exc, ReviewSettings, located, display)


# --- columns and homepage ------------------------------------------------------------------

def entry_date(doc: Doc, as_of: dt.date) -> dt.date:
    """When a document last entered or changed in a list: published, or its status's start."""
    since = doc.validity.since
    return max(doc.model.published, since) if since and since <= as_of else doc.model.published


def column_state(site: Site, spec: ListSpec) -> Optional[dt.date]:
    """The newest entry date of a list column, None when it is empty."""
    dates = [entry_date(d, site.as_of) for d in site.docs.values() if spec.select(d)]
    return max(dates, default=None)


def _policies_path(content: Content) -> str:
    return f"{content.display_root.rstrip('/')}/policies"


def review_columns(site: Site, settings: ReviewSettings, result: ReviewResult) -> None:
    """Empty and stale list columns (WARNING each); counts kept for the scorecard."""
    path = _policies_path(site.content)
    for spec in list_specs(site.content.structure):
        newest = column_state(site, spec)
        if newest is None:
            result.add(Problem(path, 1, 1, spec.url, f"栏目“{spec.title}”没有内容（空栏目）",
                               f"the column {spec.title} ({spec.url}) is empty", _warning()), "empty_column")
        elif (site.as_of - newest).days > settings.stale_days:
            days = (site.as_of - newest).days
            result.add(Problem(path, 1, 1, spec.url,
                               f"栏目“{spec.title}”已 {days} 天没有更新（最新 {newest}，超过 {settings.stale_days} 天）",
                               f"the column {spec.title} ({spec.url}) has had nothing new for {days} days "
                               f"(newest {newest}, limit {settings.stale_days})", _warning()), "stale_column")


def record_section_dates(site: Site) -> dict[str, Optional[dt.date]]:
    """Records section id -> the newest date (published or updated) of its public records
    published by the as-of date; None for a section with none."""
    newest: dict[str, Optional[dt.date]] = {k: None for k, s in site.content.structure.sections.items()
                                            if s.feature == "records"}   # in the tree's order
    for entry in site.content.of("record").values():
        key, m = entry.rel.split("/", 1)[0], entry.model
        if key in newest and m.is_public and is_published(m, site.as_of):
            day = max(d for d in (m.published, m.updated) if d and d <= site.as_of)
            newest[key] = max(day, newest[key] or day)
    return newest


def review_record_sections(site: Site, settings: ReviewSettings, result: ReviewResult) -> None:
    """Records sections whose newest record is older than their ``stale_days`` (sections.yml;
    the review's ``stale_days`` when a section has none). A section without records is not
    flagged: a site publishes the sections its body has content for."""
    sections = site.content.structure.sections
    for key, newest in record_section_dates(site).items():
        section = sections[key]
        limit = section.stale_days or settings.stale_days
        if newest is None or (site.as_of - newest).days <= limit:
            continue
        days = (site.as_of - newest).days
        path = f"{site.content.display_root.rstrip('/')}/{key}"
        result.add(Problem(path, 1, 1, section.url,
                           f"栏目“{section.title}”已 {days} 天没有新信息（最新 {newest}，超过 {limit} 天）；"
                           f"请发布新的信息，或在 content/sections.yml 中为该栏目调整 stale_days",
                           f"the section {section.title} ({section.url}) has had nothing new for {days} days "
                           f"(newest {newest}, limit {limit}); publish new records, or set the section's "
                           f"stale_days in content/sections.yml", _warning()), "stale_column")


def _warning():
    return Severity.WARNING


def homepage_updated(site: Site) -> Optional[dt.date]:
    """The last day something new appeared on the homepage (documents, interpretations, Q&A, changes)."""
    dates = [d.model.published for d in site.docs.values()]
    dates += [e.model.published for e in site.interpretations.values()]
    dates += [e.model.published for e in site.qa.values()]
    dates += [c.date for d in site.docs.values() for c in d.validity.changes if c.date <= site.as_of]
    dates += [day for key, day in record_section_dates(site).items() if day and key in _home_sections(site)]
    return max(dates, default=None)


def _home_sections(site: Site) -> set[str]:
    """The sections the home page shows with their newest items (the ``home:`` view)."""
    return {p.section for item in site.content.structure.home
            for p in (item.items if hasattr(item, "items") else (item,))}


def review_homepage(site: Site, settings: ReviewSettings, result: ReviewResult) -> None:
    last = homepage_updated(site)
    result.facts["homepage_updated"] = last
    days = (site.as_of - last).days if last else None
    if days is None or days > settings.homepage_days:
        since = f"最近一次更新 {last}，已 {days} 天" if last else "从未更新"
        result.add(Problem(_policies_path(site.content), 1, 1, "homepage",
                           f"首页超过 {settings.homepage_days} 天未更新（{since}）",
                           f"the homepage has not been updated for more than {settings.homepage_days} days "
                           f"(last update {last or 'never'})", _warning()), "homepage_stale")


def review_page_dates(content: Content, result: ReviewResult) -> None:
    """Free pages need ``updated``: inspections count an undated item as not updated."""
    for entry in sorted(content.of("page").values(), key=lambda e: e.path):
        if entry.model.updated is None:
            result.add(entry.at("title", problem_key="updated", warning=True,
                                zh="页面没有更新日期；请添加 updated: YYYY-MM-DD（无日期的栏目在检查中视为未更新）",
                                en="the page has no update date; add updated: YYYY-MM-DD (inspections count an "
                                   "undated item as not updated)"), "no_updated")


# --- backdating ------------------------------------------------------------------------------

def _git(args: list[str], cwd: Path) -> Optional[str]:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def git_first_seen(folder: Path) -> Optional[dict[Path, dt.date]]:
    """The day git first saw each file under ``folder`` (renames followed); None outside a repo.

    One ``git log --reverse --diff-filter=AR --name-status`` for the whole folder: an added
    file takes the commit's author date, a renamed one keeps the date of its old name.
    """
    folder = Path(folder).resolve()
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top is None:
        return None
    root = Path(top.strip())
    log = _git(["-c", "core.quotepath=off", "log", "--reverse", "--diff-filter=AR", "-M", "--name-status",
                "--format=@%as", "--", folder.relative_to(root).as_posix() or "."], root)
    return _parse_first_seen(log or "", root)


def _parse_first_seen(log: str, root: Path) -> dict[Path, dt.date]:
    seen: dict[Path, dt.date] = {}
    day: Optional[dt.date] = None
    for line in log.splitlines():
        if line.startswith("@"):
            day = dt.date.fromisoformat(line[1:].strip())
        elif line and day is not None:
            status, *paths = line.split("\t")
            if status.startswith("A"):
                seen.setdefault(root / paths[0], day)
            elif status.startswith("R") and len(paths) == 2:
                seen[root / paths[1]] = seen.get(root / paths[0], day)
    return seen


def dated_entries(content: Content) -> Iterator[Entry]:
    """Public documents that carry a ``published`` date (policies, interpretations, Q&A)."""
    for type_name in ("policy", "interpretation", "qa", "record"):
        for entry in sorted(content.of(type_name).values(), key=lambda e: e.path):
            if type_name not in ("policy", "record") or entry.model.is_public:
                yield entry


def review_backdating(content: Content, settings: ReviewSettings, result: ReviewResult) -> None:
    """``published`` long before git first saw the file: a forged (backdated) publication date."""
    seen = git_first_seen(content.root)
    result.facts["git"] = seen is not None
    if not seen:
        return
    root = content.root.resolve()
    for entry in dated_entries(content):
        first = seen.get(root / entry.rel)
        if first is None or (settings.backdate_from and first < settings.backdate_from):
            continue
        published = entry.model.published
        if (first - published).days > settings.backdate_days:
            result.add(entry.at("published", warning=True,
                                zh=f"发布日期 {published} 比文件首次提交到仓库的日期 {first} 早 {(first - published).days} 天"
                                   f"（超过 {settings.backdate_days} 天），疑似倒填发稿日期；请核实并写实际发布日期",
                                en=f"published {published} is {(first - published).days} days before the file was "
                                   f"first committed ({first}; limit {settings.backdate_days}): a backdated "
                                   f"publication date? write the real date"), "backdated")


# --- scheduled ---------------------------------------------------------------------------------

def scheduled_info(site: Site) -> Iterator[Info]:
    """Documents published after the as-of date: kept out of the site until then."""
    later = list(site.scheduled)
    later += [e for e in site.content.of("interpretation").values() if not is_published(e.model, site.as_of)]
    later += [e for e in site.content.of("qa").values() if not is_published(e.model, site.as_of)]
    later += [e for e in site.content.of("record").values() if not is_published(e.model, site.as_of)]
    for entry in sorted(later, key=lambda e: (e.model.published, e.path)):
        title = getattr(entry.model, "title", None) or entry.id
        yield Info("scheduled", entry.path, f"定时发布：{entry.model.published} 起公开（{title}）",
                   f"scheduled: published on {entry.model.published} ({title})")


def review_freshness(site: Site, *, git: bool = True) -> ReviewResult:
    """Every freshness and integrity warning of ``site`` at its as-of date, and the scheduled list."""
    result = ReviewResult()
    settings, problems = load_settings(site.content)
    result.extend(problems, "settings")
    review_columns(site, settings, result)
    review_record_sections(site, settings, result)
    review_homepage(site, settings, result)
    review_page_dates(site.content, result)
    if git:
        review_backdating(site.content, settings, result)
    result.info.extend(scheduled_info(site))
    return result

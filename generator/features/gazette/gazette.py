"""The government gazette (政府公报): ``gazette/`` lists issues by year, each with its documents.

A policy names its issue with ``gazette: 2022年第5期`` (the model checks the form).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from ...model.policy_extras import parse_gazette
from ...render import render
from ...site import Doc, Site
from ...output import OutputPage

GAZETTE_URL = "gazette/"


@dataclass(frozen=True)
class Issue:
    """One gazette issue and the public documents it carries, in order (published, then id)."""

    year: int
    number: int
    docs: tuple[Doc, ...]

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}期"

    @property
    def anchor(self) -> str:
        return issue_anchor(self.label)


def issue_anchor(label: str) -> str:
    """The fragment of an issue on ``gazette/``: ``2022年第5期`` -> ``g-2022-5``."""
    year, number = parse_gazette(label)
    return f"g-{year}-{number}"


def issue_url(label: str) -> str:
    """Where a policy page links its issue."""
    return f"{GAZETTE_URL}#{issue_anchor(label)}"


def gazette_issues(site: Site) -> list[tuple[int, list[Issue]]]:
    """[(year, issues)], newest year first; issues by number within a year."""
    grouped: dict[tuple[int, int], list[Doc]] = defaultdict(list)
    for doc in site.docs.values():
        if doc.model.gazette:
            grouped[parse_gazette(doc.model.gazette)].append(doc)
    issues = [Issue(y, n, tuple(sorted(docs, key=lambda d: (d.model.published, d.id))))
              for (y, n), docs in sorted(grouped.items())]
    years: dict[int, list[Issue]] = defaultdict(list)
    for issue in issues:
        years[issue.year].append(issue)
    return sorted(years.items(), reverse=True)


def gazette_title(site: Site) -> str:
    """「清河县人民政府公报」: the site body's name + 公报."""
    org = site.content.organizations.get(site.config.organization)
    return f"{org.name}公报" if org else "政府公报"


def build_gazette_page(site: Site, meta: Callable[..., dict]) -> list:
    """The ``gazette/`` page, or nothing when no published document names an issue."""
    years = gazette_issues(site)
    if not years:
        return []
    title = gazette_title(site)
    fragment = render("gazette.html", GAZETTE_URL, title=title, years=years)
    newest = max(d.model.published for _, issues in years for i in issues for d in i.docs)
    return [OutputPage(GAZETTE_URL, title, fragment, "",
                       meta(column="政府公报", column_type="政府公报", title=title, date=newest))]


def policy_parts(site: Site, doc: Doc) -> dict:
    """The policy page's gazette issue: (label, URL), or None."""
    return {"gazette": (doc.model.gazette, issue_url(doc.model.gazette)) if doc.model.gazette else None}

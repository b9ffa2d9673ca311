"""The optional sections of a policy page: historical texts, comparisons it caused, task list, gazette issue.

:func:`policy_sections` returns the template context ``policy.html`` reads; each
value is empty when the document has nothing of that kind.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .gazette import issue_url
from .site import Doc, Site
from .tasks import Progress, TaskRow, progress, task_rows
from .versions import TextVersion, caused_comparisons, compare_pairs, compare_url, text_versions
from .views import ref_to


@dataclass(frozen=True)
class TasksView:
    """A task list as the page shows it."""

    title: str
    rows: list[TaskRow]
    progress: Optional[Progress]
    as_of: object
    has_evidence: bool


@dataclass(frozen=True)
class VersionsView:
    """The 历史文本 section: every text, and a comparison link for every pair."""

    texts: list[TextVersion]
    pairs: list[tuple[TextVersion, TextVersion, str]]    # older, newer, comparison URL
    previous: dict[str, str]                              # slug -> comparison with the text before it


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


def versions_view(site: Site, doc: Doc) -> Optional[VersionsView]:
    texts = text_versions(site, doc)
    if not texts:
        return None
    pairs = [(a, b, compare_url(doc.id, a.slug, b.slug)) for a, b in compare_pairs(texts)]
    previous = {b.slug: compare_url(doc.id, a.slug, b.slug) for a, b in zip(texts, texts[1:])}
    return VersionsView(texts, pairs, previous)


def policy_sections(site: Site, doc: Doc) -> dict:
    """Context for ``policy.html``: versions, caused (comparisons), tasks, gazette (label, URL)."""
    gazette = (doc.model.gazette, issue_url(doc.model.gazette)) if doc.model.gazette else None
    return {"versions": versions_view(site, doc), "caused": caused_comparisons(site, doc),
            "tasks": tasks_view(site, doc), "gazette": gazette}

"""load -> validate -> resolve -> pages, and the writers: the one importer of the features.

Everything before a renderer writes files is computed here; the builder
(``generator/builder.py``) and the MkDocs plugin ask this module, never a feature.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from .cache import BuildCache
from .clock import resolve_as_of
from .content import Content, load_content
from .errors import Report
from .features import FEATURES
from .model import CORE_TYPES, ContentType
from .output import OutputPage, PageContext
from .plan import Plan
from .registry import Feature
from .site import Site, resolve_site
from .validate import validate_content

#: Every content type the loader reads: the core's, then each feature's.
CONTENT_TYPES: tuple[ContentType, ...] = (*CORE_TYPES, *(t for f in FEATURES for t in f.content_types))
#: The content types that follow a site's section tree (records), as functions of the tree.
SECTION_TYPES = tuple(f.section_types for f in FEATURES if f.section_types)

__all__ = ["Plan", "FEATURES", "CONTENT_TYPES", "SECTION_TYPES", "check_content", "plan_build", "plan_content", "build_pages", "write_extras"]


def check_content(content_dir: Path, display: Optional[str] = None, as_of: Optional[dt.date] = None,
                  features: tuple[Feature, ...] = FEATURES,
                  cache: Optional[BuildCache] = None) -> tuple[Content, Report]:
    """Load and validate every file; the report holds every problem of every file.

    ``as_of`` dates the time-dependent checks (catalog coverage, consultations, reports
    due); default: the clock's date (see ``generator/clock.py``)."""
    as_of = resolve_as_of(None) if as_of is None else as_of
    types = (*CORE_TYPES, *(t for f in features for t in f.content_types))
    content, problems = load_content(Path(content_dir), display, types, cache,
                                     section_types=tuple(f.section_types for f in features if f.section_types))
    checks = [check for feature in features for check in feature.checks]
    report = Report(list(problems))
    if not problems:  # cross-file checks need every file to have loaded cleanly
        report.extend(validate_content(content, as_of, checks))
    else:  # files that did not load report their own problems (taken before the report grows)
        unloaded = {q.path for q in problems}
        report.extend(p for p in validate_content(content, as_of, checks) if p.path not in unloaded)
    return content, report


def plan_build(content_dir: Path, as_of: dt.date, display: Optional[str] = None,
               features: tuple[Feature, ...] = FEATURES) -> Plan:
    """Everything a build needs; pages are only computed when the content has no errors."""
    plan = plan_content(content_dir, as_of, display, features)
    if plan.report.ok:
        plan.pages = build_pages(plan.site, plan.features, plan.cache)
    return plan


def plan_content(content_dir: Path, as_of: dt.date, display: Optional[str] = None,
                 features: tuple[Feature, ...] = FEATURES, cache: Optional[BuildCache] = None) -> Plan:
    """The checked content and the site resolved at ``as_of``, without the pages (the
    builder computes them while the writers that need no page already run). ``cache``,
    the build's cache if it has one, goes along in the plan to every step that uses it."""
    content, report = check_content(content_dir, display, as_of, features, cache)
    if not report.ok:
        return Plan(content, None, [], report, features, cache=cache)  # type: ignore[arg-type]
    return Plan(content, resolve_site(content, as_of), [], report, features, cache=cache)


def build_pages(site: Site, features: tuple[Feature, ...] = FEATURES,
                cache: Optional[BuildCache] = None) -> list[OutputPage]:
    """Every page of the site, in the builders' order. Index pages (home, site map) are
    built last, knowing which URLs the others made, and put in their place."""
    ctx = PageContext(site, tuple(f.body_filter for f in features if f.body_filter),
                      tuple(f.doc_parts for f in features if f.doc_parts),
                      tuple(f.sitemap for f in features if f.sitemap),
                      tuple(f.search_docs for f in features if f.search_docs),
                      tuple(f.search_items for f in features if f.search_items),
                      tuple(f.datasets for f in features if f.datasets), cache=cache)
    builders = sorted((b for f in features for b in f.pages), key=lambda b: b.order)
    made = {id(b): b.build(ctx) for b in builders if not b.last}
    ctx.planned = frozenset(p.url for pages in made.values() for p in pages).union(
        *(b.always for b in builders if b.last))
    ctx.made = tuple(p for pages in made.values() for p in pages)
    made.update({id(b): b.build(ctx) for b in builders if b.last})
    return [page for b in builders for page in made[id(b)]]


def write_extras(plan: Plan, site_dir: Path, *, after_render: Optional[bool] = None) -> None:
    """Run the features' writers of one kind (or all of them when ``after_render`` is None).

    Most need only the plan and run in a forked process while MkDocs renders (into the
    same folder); those marked ``after_render`` read or replace what MkDocs wrote (its
    sitemap.xml, the copied images)."""
    for feature in plan.features:
        for writer in feature.writers:
            if after_render is None or writer.after_render == after_render:
                writer.write(plan, site_dir)

"""The features of the column, in order: the one list the pipeline reads.

Adding a feature is one package here and one line below. The order is the order of
their checks, writers, policy-page sections, body filters and search results; pages
follow each builder's own ``order`` (see ``generator/registry.py``).
"""
from ..registry import Feature
from . import (catalog, cms, decisions, feeds, gazette, home, images, interpretations, lists, opendata, policies,
               qa, records, reports, requests, search, sitemap, tasks, versions)

FEATURES: tuple[Feature, ...] = (
    images.FEATURE,
    home.FEATURE,
    policies.FEATURE,
    interpretations.FEATURE,
    lists.FEATURE,
    sitemap.FEATURE,
    opendata.FEATURE,
    records.FEATURE,
    catalog.FEATURE,
    qa.FEATURE,
    decisions.FEATURE,
    versions.FEATURE,
    tasks.FEATURE,
    gazette.FEATURE,
    reports.FEATURE,
    requests.FEATURE,
    feeds.FEATURE,
    search.FEATURE,
    cms.FEATURE,
)

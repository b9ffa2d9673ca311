"""Atom feeds: new documents, validity changes, one per topic; announced in every page head."""
from ...registry import Feature, Writer
from .feeds import site_feeds, write_feeds

FEATURE = Feature("feeds", writers=(Writer(write_feeds),), head_feeds=site_feeds)
